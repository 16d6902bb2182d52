package import RunbookCompile
package import RunbookDiagnostics
import RunbookModel
package import RunbookSQL

/// A psql script for one variant: what a person following the guide would run, in order.
///
/// By default the script can be run again after a partial run (see `ScriptGuard`): what exists is skipped with
/// a line saying so, and every step prints a progress line (`\echo 'Step 3.2: …'`), so a failure says where it
/// stopped. `plain` keeps the document's statements only. Statements run one at a time, outside any
/// transaction the document does not open itself: CREATE DATABASE cannot run inside one.
package struct ScriptEmitter: Sendable {
    package var dialect: SQLDialect
    /// The document's statements verbatim: no re-run guards, no progress lines.
    package var plain: Bool

    package init(dialect: SQLDialect, plain: Bool = false) {
        self.dialect = dialect
        self.plain = plain
    }

    /// A statement that could not be carried into the script (no equivalent in the target dialect).
    package struct Omission: Hashable, Sendable {
        package enum Kind: Hashable, Sendable {
            /// No equivalent in the target dialect.
            case untranslatable
            /// Copying it could let the document run something else (psql meta-commands, backslashes).
            case unsafe
        }

        package var kind: Kind
        package var range: SourceRange
        package var reason: String
    }

    package struct Output: Sendable {
        package var text: String
        package var omissions: [Omission]
    }

    /// The script of one variant's plan: the plan's statements, as the page's plan has them for this client.
    /// A build makes one plan of the page for all its outputs (`Builder.outputs`).
    package func render(_ page: RunbookPlan, plan: VariantPlan) -> Output {
        let compiled = page.compiled
        let client = dialect.scriptClient
        var lines: [String] = []
        var omissions: [Omission] = []
        let substitutions = compiled.substitutions
        let errors = ErrorPositions(compiled.diagnostics)
        var currentStep: StepPath?
        // Back to the administrator needs the administrator's name, recorded before the first switch of user.
        var switchedUser = false
        if plan.entries.contains(where: {
            if case .connect(_, let because) = $0, case .named = because.user { true } else { false }
        }) {
            lines.append(contentsOf: client.rememberAdministrator())
        }
        for entry in plan.entries {
            switch entry {
            case .instruction(let instruction):
                currentStep = instruction.step
                if !plain {
                    lines.append("")
                    // A step heading already says "Step N: …" (or "(Optional) Step N: …"); other instructions
                    // get their number.
                    let lowered = instruction.text.lowercased()
                    let said = lowered.hasPrefix("step ") || lowered.hasPrefix("(optional) step ")
                    let progress = said ? instruction.text : "\(stepLabel(instruction.step)): \(instruction.text)"
                    lines.append(client.progress(progress))
                }
            case .connect(let database, let because):
                lines.append("")
                lines.append(
                    client.comment("\(stepLabel(because.step)) (line \(because.range.start.line)): \(because.phrase)"))
                var user = because.user
                if case .named = user { switchedUser = true }
                if user == .administrator, !switchedUser { user = nil }
                lines.append(client.connect(to: compiled.database(database), as: user))
            case .stay(let database, let because):
                lines.append("")
                let current = database.map { " (already connected to \(compiled.database($0)))" } ?? ""
                lines.append(
                    client.comment(
                        "\(stepLabel(because.step)) (line \(because.range.start.line)): \(because.phrase)\(current)"))
            case .block(let planned, _):
                let block = planned.block
                guard planned.compiled.isCheckableSQL else {
                    lines.append("")
                    lines.append(
                        client.comment(
                            "\(stepLabel(currentStep ?? block.step)) (line \(block.range.start.line)): a block that is not checkable SQL was not copied"
                        ))
                    continue
                }
                for clientStatement in planned.statements {
                    let statement = clientStatement.statement
                    let line = block.positions.location(statement.range.start).line
                    let step = stepLabel(currentStep ?? block.step)
                    lines.append("")
                    lines.append(client.comment("\(step), line \(line)"))
                    lines.append(contentsOf: statement.leadingComments.map(client.safeComment))
                    if case .invalid = statement.kind,
                        let finding = errors.first(in: block.positions.range(statement.range))
                    {
                        lines += stopLines(statement, finding: finding, step: step, compiled: compiled, client: client)
                        continue
                    }
                    switch client.render(
                        clientStatement, compiled: compiled, substitutions: substitutions, forScript: true)
                    {
                    case .success(let text):
                        let trailing = statement.trailingComment.map { " " + client.safeComment($0) } ?? ""
                        let rendered = text + ";" + trailing
                        lines +=
                            plain
                            ? [rendered]
                            : client.rerunnable(
                                rendered, statement: statement, compiled: compiled, substitutions: substitutions,
                                step: step)
                        // Partly translated: the script's comment says what was left out; so does the build.
                        for reason in clientStatement.dropped {
                            omissions.append(
                                Omission(
                                    kind: .untranslatable, range: block.positions.range(statement.range), reason: reason
                                ))
                        }
                    case .failure(let omission):
                        let range = block.positions.range(statement.range)
                        omissions.append(Omission(kind: omission.kind, range: range, reason: omission.reason))
                        lines.append(client.comment("runbook: left out: \(omission.reason)"))
                    }
                }
            }
        }
        // The guard asks for the passwords this script uses: not for those of a template it leaves out.
        let body = lines.joined(separator: "\n")
        let used = compiled.secrets.map(\.variable).filter { body.contains($0) }
        let text = (header(compiled, plan: plan.plan, client: client, secrets: used) + lines).joined(separator: "\n")
        return Output(text: text + "\n", omissions: omissions)
    }

    /// A statement that does not parse (an error the build reports) is never run: it is kept as a comment,
    /// passwords masked, and the script stops there with the finding's position, so running it cannot go past
    /// the broken statement into half a setup. Statements after it stay in the script, unreached.
    private func stopLines(
        _ statement: Statement, finding: Diagnostic, step: String, compiled: CompiledRunbook,
        client: any ScriptClient
    ) -> [String] {
        let position = "\(compiled.path):\(finding.range.start.line):\(finding.range.start.column)"
        var lines = [
            client.comment("runbook: not run: \(position): \(finding.message) [\(finding.rule.rawValue)]"),
            client.comment("runbook: the statement, as the document writes it (passwords masked):"),
        ]
        let masked = SQLRewriter.render(statement, identifiers: [:], password: { _ in "'***'" })
        for textLine in masked.split(separator: "\n", omittingEmptySubsequences: false) {
            lines.append(client.comment("  " + textLine))
        }
        let trailing = statement.trailingComment.map { client.safeComment($0) }
        if let trailing { lines.append(trailing) }
        lines += client.stop(
            "runbook: stopped at \(step): the statement at \(position) does not parse (\(finding.rule.rawValue)); "
                + "fix the document and build the script again")
        return lines
    }

    /// A single-quoted psql argument: psql reads `''` as a quote and a backslash as an escape inside it.
    package static func echoArgument(_ text: String) -> String {
        var clipped = commentSafe(text)
        if clipped.count > 160 { clipped = String(clipped.prefix(157)) + "..." }
        return "'" + clipped.replacing("\\", with: "\\\\").replacing("'", with: "''") + "'"
    }

    /// The block's statements as a person copies them (parameters substituted, passwords as the client's
    /// variables), each with its `;`; statements without a translation are left out.
    package func statementsText(
        _ block: PlannedBlock, compiled: CompiledRunbook
    ) -> [(statement: Statement, text: String)] {
        let substitutions = compiled.substitutions
        let client = dialect.scriptClient
        return block.statements.compactMap { statement in
            if case .success(let text) = client.render(
                statement, compiled: compiled, substitutions: substitutions, forScript: false)
            {
                (statement.statement, text + ";")
            } else {
                nil
            }
        }
    }

    /// Why a statement was not carried into the script.
    struct Untranslatable: Error {
        var kind: Omission.Kind
        var reason: String
    }

    private func header(
        _ compiled: CompiledRunbook, plan: Plan, client: any ScriptClient, secrets: [String]
    ) -> [String] {
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
            client.comment(compiled.runbook.title),
        ]
        for label in plan.variant.labels { lines.append(client.comment("  \(label)")) }
        let changed = compiled.runbook.parameters.filter { compiled.parameterValues[$0.name] != $0.defaultValue }
        if !changed.isEmpty {
            lines.append("-- Parameters:")
            for parameter in changed {
                lines.append(client.comment("  \(parameter.name) = \(compiled.parameterValues[parameter.name] ?? "")"))
            }
        }
        lines.append("--")
        lines += client.runInstructions(scriptName: "\(plan.variant.slug).sql", secrets: secrets, plain: plain)
        lines.append("")
        lines += client.preamble(secrets: secrets)
        return lines
    }

    private func stepLabel(_ step: StepPath) -> String {
        step.isEmpty ? "Before the steps" : "Step \(step)"
    }
}

/// Text that goes into a `--` comment: one line, no control characters, so nothing can end the comment.
func commentSafe(_ text: String) -> String {
    String(
        String.UnicodeScalarView(
            text.unicodeScalars.map {
                $0.properties.generalCategory == .control || $0 == "\u{2028}" || $0 == "\u{2029}" ? " " : $0
            }))
}
