public import RunbookDiagnostics
public import RunbookModel
public import RunbookSQL

/// A psql script for one variant: what a person following the guide would run, in order.
public struct ScriptEmitter: Sendable {
    public var dialect: SQLDialect

    public init(dialect: SQLDialect) {
        self.dialect = dialect
    }

    /// A statement that could not be carried into the script (no equivalent in the target dialect).
    public struct Omission: Hashable, Sendable {
        public enum Kind: Hashable, Sendable {
            /// No equivalent in the target dialect.
            case untranslatable
            /// Copying it could let the document run something else (psql meta-commands, backslashes).
            case unsafe
        }

        public var kind: Kind
        public var range: SourceRange
        public var reason: String
    }

    public struct Output: Sendable {
        public var text: String
        public var omissions: [Omission]
    }

    public func render(_ compiled: CompiledRunbook, plan: Plan) -> Output {
        var lines = header(compiled, plan: plan)
        var omissions: [Omission] = []
        let substitutions = compiled.substitutions
        var currentStep: StepPath?
        for entry in plan.entries {
            switch entry {
            case .instruction(let instruction):
                currentStep = instruction.step
            case .connect(let database, let because):
                lines.append("")
                lines.append("-- \(stepLabel(because.step)) (line \(because.range.start.line)): \(commentSafe(because.phrase))")
                lines.append("\\connect \(SQLQuoting.psqlArgument(compiled.database(database)))")
            case .stay(let database, let because):
                lines.append("")
                let current = database.map { " (already connected to \(compiled.database($0)))" } ?? ""
                lines.append("-- \(stepLabel(because.step)) (line \(because.range.start.line)): \(commentSafe(because.phrase))\(current)")
            case .block(let block, _):
                let compiledBlock = compiled.blocks[block.index]
                guard compiledBlock.isCheckableSQL else {
                    lines.append("")
                    lines.append("-- \(stepLabel(currentStep ?? block.step)) (line \(block.range.start.line)): a block that is not checkable SQL was not copied")
                    continue
                }
                for statement in compiledBlock.statements {
                    let line = block.positions.location(statement.range.start).line
                    lines.append("")
                    lines.append("-- \(stepLabel(currentStep ?? block.step)), line \(line)")
                    lines.append(contentsOf: statement.leadingComments.map(commentSafe))
                    switch renderStatement(statement, compiled: compiled, substitutions: substitutions) {
                    case .success(let text):
                        lines.append(text + ";" + (statement.trailingComment.map { " " + commentSafe($0) } ?? ""))
                        // Partly translated: the script's comment says what was left out; so does the build.
                        for reason in droppedParts(statement) {
                            omissions.append(Omission(kind: .untranslatable, range: block.positions.range(statement.range), reason: reason))
                        }
                    case .failure(let omission):
                        let range = block.positions.range(statement.range)
                        omissions.append(Omission(kind: omission.kind, range: range, reason: omission.reason))
                        lines.append("-- runbook: left out: \(commentSafe(omission.reason))")
                    }
                }
            }
        }
        return Output(text: lines.joined(separator: "\n") + "\n", omissions: omissions)
    }

    /// The block's statements as they go into a script (parameters substituted, passwords as psql
    /// variables), each with its `;`; statements without a translation are left out.
    public func statementsText(_ block: CompiledBlock, compiled: CompiledRunbook) -> [(statement: Statement, text: String)] {
        let substitutions = compiled.substitutions
        return block.statements.compactMap { statement in
            if case .success(let text) = renderStatement(statement, compiled: compiled, substitutions: substitutions) {
                (statement, text + ";")
            } else {
                nil
            }
        }
    }

    /// What the translation left out of a statement it otherwise kept (`ALTER, DROP dropped: …`).
    private func droppedParts(_ statement: Statement) -> [String] {
        guard dialect == .postgres else { return [] }
        return PostgresTranslator.translate(statement).notes.filter { $0.contains(" dropped: ") }
    }

    private struct Untranslatable: Error {
        var kind: Omission.Kind
        var reason: String
    }

    /// `substitutions` is `compiled.substitutions`, computed once by the caller rather than per statement.
    private func renderStatement(
        _ statement: Statement, compiled: CompiledRunbook, substitutions: [String: String]
    ) -> Result<String, Untranslatable> {
        if case .metaCommand = statement.kind {
            return .failure(Untranslatable(kind: .unsafe, reason: "psql meta-commands from a document are never copied into a script"))
        }
        // psql reads a backslash outside a string as a meta-command, and whether `\'` ends a string depends on
        // the server's standard_conforming_strings: a statement with a backslash is never copied.
        if statement.text.contains("\\") {
            return .failure(Untranslatable(
                kind: .unsafe, reason: "the statement contains a backslash, which psql could read as a meta-command"))
        }
        let password: (Identifier?) -> String? = { user in ":'\(compiled.passwordVariable(forUser: user?.value))'" }
        switch dialect {
        case .redshift:
            return .success(SQLRewriter.render(statement, identifiers: substitutions, password: password))
        case .postgres:
            let translation = PostgresTranslator.translate(statement)
            guard let text = SQLRewriter.render(translation, identifiers: substitutions, password: password) else {
                return .failure(Untranslatable(kind: .untranslatable, reason: translation.notes.joined(separator: "; ")))
            }
            return .success(text)
        }
    }

    private func header(_ compiled: CompiledRunbook, plan: Plan) -> [String] {
        var lines = [
            "-- Generated by runbook \(GeneratorVersion.current) from \(commentSafe(compiled.path)). Do not edit: change the source and rebuild.",
            "-- runbook-source: \(commentSafe(compiled.path))",
            "-- runbook-source-sha256: \(compiled.sourceHash)",
            "-- runbook-generator: \(GeneratorVersion.current)",
            "-- runbook-variant: \(plan.variant.slug)",
            "-- runbook-dialect: \(dialect.rawValue)",
            "--",
            "-- \(commentSafe(compiled.runbook.title))",
        ]
        for label in plan.variant.labels { lines.append("--   \(commentSafe(label))") }
        let changed = compiled.runbook.parameters.filter { compiled.parameterValues[$0.name] != $0.defaultValue }
        if !changed.isEmpty {
            lines.append("-- Parameters:")
            for parameter in changed {
                lines.append("--   \(parameter.name) = \(commentSafe(compiled.parameterValues[parameter.name] ?? ""))")
            }
        }
        let secrets = compiled.secrets.map(\.variable)
        let passArguments = secrets.map { " -v \($0)=..." }.joined()
        lines.append("--")
        lines.append("-- Run: psql -v ON_ERROR_STOP=1\(passArguments) -f \(plan.variant.slug).sql")
        lines.append("")
        lines.append("\\set ON_ERROR_STOP on")
        for secret in secrets {
            lines.append("\\if :{?\(secret)}")
            lines.append("\\else")
            lines.append("\\warn 'runbook: set the password with psql -v \(secret)=... (it is never written into this script)'")
            lines.append("SELECT 1 / 0 AS runbook_missing_\(secret);")
            lines.append("\\endif")
        }
        return lines
    }

    private func stepLabel(_ step: StepPath) -> String {
        step.isEmpty ? "Before the steps" : "Step \(step)"
    }
}

/// Text that goes into a `--` comment: one line, no control characters, so nothing can end the comment.
func commentSafe(_ text: String) -> String {
    String(String.UnicodeScalarView(text.unicodeScalars.map {
        $0.properties.generalCategory == .control || $0 == "\u{2028}" || $0 == "\u{2029}" ? " " : $0
    }))
}
