public import RunbookDiagnostics
public import RunbookModel
public import RunbookSQL

/// A psql script for one variant: what a person following the guide would run, in order.
///
/// By default the script can be run again after a partial run (see `ScriptGuard`): what exists is skipped with
/// a line saying so, and every step prints a progress line (`\echo 'Step 3.2: …'`), so a failure says where it
/// stopped. `plain` keeps the document's statements only. Statements run one at a time, outside any
/// transaction the document does not open itself: CREATE DATABASE cannot run inside one.
public struct ScriptEmitter: Sendable {
    public var dialect: SQLDialect
    /// The document's statements verbatim: no re-run guards, no progress lines.
    public var plain: Bool

    public init(dialect: SQLDialect, plain: Bool = false) {
        self.dialect = dialect
        self.plain = plain
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
                if !plain {
                    lines.append("")
                    // A step heading already says "Step N: …"; other instructions get their number.
                    let said = instruction.text.lowercased().hasPrefix("step ")
                    let progress = said ? instruction.text : "\(stepLabel(instruction.step)): \(instruction.text)"
                    lines.append("\\echo \(Self.echoArgument(progress))")
                }
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
                        let rendered = text + ";" + (statement.trailingComment.map { " " + commentSafe($0) } ?? "")
                        let step = stepLabel(currentStep ?? block.step)
                        lines += guarded(rendered, statement: statement, step: step, compiled: compiled)
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

    /// The statement wrapped in its re-run guard, when it has one (see `ScriptGuard`).
    private func guarded(_ text: String, statement: Statement, step: String, compiled: CompiledRunbook) -> [String] {
        guard !plain, let guardInfo = ScriptGuard.guarding(statement, name: { compiled.databaseName(of: $0) }),
            let query = guardInfo.existenceQuery(dialect: dialect)
        else { return [text] }
        let skipped =
            guardInfo.runsWhenPresent
            ? "\(step): \(guardInfo.described) does not exist, skipped"
            : "\(step): \(guardInfo.described) already exists, skipped"
        let variable = ":" + ScriptGuard.variable
        var lines = [query]
        if guardInfo.runsWhenPresent {
            lines += ["\\if \(variable)", text, "\\else", "\\echo \(Self.echoArgument(skipped))", "\\endif"]
        } else {
            lines += ["\\if \(variable)", "\\echo \(Self.echoArgument(skipped))", "\\else", text, "\\endif"]
        }
        return lines
    }

    /// A single-quoted psql argument: psql reads `''` as a quote and a backslash as an escape inside it.
    package static func echoArgument(_ text: String) -> String {
        var clipped = commentSafe(text)
        if clipped.count > 160 { clipped = String(clipped.prefix(157)) + "..." }
        return "'" + clipped.replacing("\\", with: "\\\\").replacing("'", with: "''") + "'"
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
        case .redshift, .snowflake:
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
        let settings = [dialect.rawValue, plain ? "plain" : "re-runnable"]
        let inputs = InputDigest.plan(compiled, plan, settings: settings, comments: true)
        var lines = [
            "-- Generated by runbook \(GeneratorVersion.current) from \(commentSafe(compiled.path)). Do not edit: change the source and rebuild.",
            "-- runbook-source: \(commentSafe(compiled.path))",
            "-- runbook-inputs-sha256: \(inputs.hash)",
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
        if !plain {
            lines.append("-- Safe to run again after a partial run (psql 10 or later): what exists is skipped,")
            lines.append("-- and each step prints a progress line, so a failure says where it stopped.")
        }
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
