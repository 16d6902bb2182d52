package import RunbookCompile
package import RunbookModel

/// What a generated file was made from, as one hash: the statements, prose and parameter values that reach
/// it, and the settings that shape it (generator, dialect, variant). A change to a part of the guide that does
/// not reach a file leaves its hash, and so the file, unchanged; `runbook build --check` then shows only the
/// outputs an edit affects. (The file's own checksum, the last line, still catches hand edits.)
package struct InputDigest: Sendable {
    private var fields: [String] = []

    package init() {}

    /// Adds one input; fields are length-prefixed, so no two sequences of inputs give the same text.
    package mutating func add(_ field: String) {
        fields.append("\(field.utf8.count):\(field)")
    }

    package mutating func add(_ label: String, _ value: String) {
        add(label)
        add(value)
    }

    /// Hex SHA-256 of the inputs, in order.
    package var hash: String { Array(fields.joined(separator: "\n").utf8).sha256Hex }
}

extension InputDigest {
    /// The inputs of a file made from one variant's plan (a script or a checklist): the runbook's title, the
    /// variant, the parameter values and passwords it uses, and every instruction, connection and statement of
    /// the plan with its source line.
    /// `comments`: whether the statements' comments reach the file (a script's do, a checklist's do not).
    package static func plan(
        _ compiled: CompiledRunbook, _ plan: Plan, settings: [String], comments: Bool
    ) -> InputDigest {
        var digest = InputDigest()
        digest.add("generator", GeneratorVersion.current)
        for setting in settings { digest.add("setting", setting) }
        digest.add("path", compiled.path)
        digest.add("title", compiled.runbook.title)
        digest.add("variant", plan.variant.slug)
        for label in plan.variant.labels { digest.add("label", label) }
        // Only values that differ from the default reach a file (as substituted names).
        for parameter in compiled.runbook.parameters {
            guard let value = compiled.parameterValues[parameter.name], value != parameter.defaultValue else {
                continue
            }
            digest.add("parameter", "\(parameter.name) \(parameter.defaultValue)=\(value)")
        }
        for secret in compiled.secrets { digest.add("secret", secret.variable + " " + secret.user) }
        for entry in plan.entries {
            switch entry {
            case .instruction(let instruction):
                digest.add("instruction", "\(instruction.step) \(instruction.range.start.line) \(instruction.text)")
            case .connect(let database, let because):
                digest.add("connect", "\(database) \(because.step) \(because.range.start.line) \(because.phrase)")
                if let user = because.user { digest.add("user", user.name ?? "administrator") }
            case .stay(let database, let because):
                digest.add("stay", "\(database ?? "") \(because.step) \(because.range.start.line) \(because.phrase)")
            case .block(let block, let connection):
                let compiledBlock = compiled.blocks[block.index]
                digest.add("block", "\(block.index) \(block.step) \(block.range.start.line) \(connection ?? "")")
                digest.add("checkable", compiledBlock.isCheckableSQL ? "yes" : "no")
                for statement in compiledBlock.statements {
                    digest.add("line", String(block.positions.location(statement.range.start).line))
                    if comments {
                        for comment in statement.leadingComments { digest.add("comment", comment) }
                    }
                    digest.add("statement", statement.text)
                    if comments { digest.add("trailing", statement.trailingComment ?? "") }
                }
            }
        }
        return digest
    }
}
