import Crypto
package import RunbookCompile
import RunbookDiagnostics
import RunbookModel
import RunbookPrivileges
package import RunbookSQL

/// `index.html`: the whole runbook for support staff, self-contained and inert. A picker for the choice
/// groups shows one variant's steps (deep link `#variant=SLUG`); SQL is shown as the scripts run it, with
/// copy buttons and the variant's script to download; the variant's checklist keeps its ticks; `check`'s
/// diagnostics sit beside the blocks they concern. Without JavaScript every branch shows, labelled.
package struct HTMLEmitter: Sendable {
    package var dialect: SQLDialect
    package var templates: HTMLTemplates

    package init(dialect: SQLDialect, templates: HTMLTemplates) {
        self.dialect = dialect
        self.templates = templates
    }

    /// The Content-Security-Policy of a page whose only script and style are the given texts (no script at
    /// all when `script` is nil).
    package static func contentSecurityPolicy(script: String?, style: String) -> String {
        [
            "default-src 'none'",
            script.map { "script-src '\(sha256($0))'" } ?? "script-src 'none'",
            "style-src '\(sha256(style))'",
            "img-src data:",
            "base-uri 'none'",
            "form-action 'none'",
        ].joined(separator: "; ")
    }

    static func sha256(_ text: String) -> String {
        "sha256-" + HTMLEscaping.base64(bytes: Array(SHA256.hash(data: Array(text.utf8))))
    }

    /// `graphs`: each variant's privilege graph by slug (`PrivilegeGraphEmitter`), drawn by the caller; nil
    /// leaves the section out.
    /// The page of a plan: its blocks, its variants' scripts and checklists, all from the plan's statements.
    package func render(_ page: RunbookPlan, graphs: [String: PrivilegeGraphEmitter.Picture]? = nil) -> String {
        let compiled = page.compiled
        let plans = page.variants
        var code = HTMLCodeRenderer(page: page)
        for plan in plans {
            for (block, connection) in plan.plan.blocks {
                guard let connection else { continue }
                let database = compiled.database(connection)
                if !code.connections[block.index, default: []].contains(database) {
                    code.connections[block.index, default: []].append(database)
                }
            }
        }
        var body = HTMLBodyRenderer(compiled: compiled, code: code)
        let bodyHTML = body.render()
        let scripts = ScriptEmitter(dialect: dialect)

        let groups: [[String: Any]] = compiled.runbook.choiceGroups.map { group in
            [
                "id": group.id,
                "label": group.label,
                "applies": group.appliesUnder.map(Self.selectionsText).joined(separator: "|"),
                "alternatives": group.alternatives.map { alternative -> [String: Any] in
                    ["group": group.id, "id": alternative.id, "label": alternative.label]
                },
            ]
        }
        let variants: [[String: Any]] = plans.map { plan in
            let variant = plan.variant
            let script = scripts.render(page, plan: plan).text
            var item: [String: Any] = [
                "slug": variant.slug,
                "selections": Self.selectionsText(Condition(variant.selections)),
                "labels": variant.labels,
                "scriptName": "\(variant.slug).sql",
                "scriptURL": "data:application/sql;charset=utf-8;base64," + HTMLEscaping.base64(script),
                "storageKey": "runbook:\(compiled.name):\(compiled.sourceHash.prefix(12)):\(variant.slug)",
                "tasks": tasks(page, plan: plan, code: code, numbers: body.displayNumbers),
            ]
            switch graphs?[variant.slug] {
            case .svg(let svg)?: item["graph"] = svg
            case .unavailable(let reason)?: item["graphNote"] = reason
            case nil: break
            }
            if graphs != nil {
                let reach = Self.reach(compiled, variant: variant)
                if !reach.isEmpty {
                    item["reach"] = reach
                    item["hasReach"] = true
                }
            }
            return item
        }

        let title = compiled.runbook.title
        let secrets = compiled.secrets.map(\.variable)
        let secretsNote: String? =
            secrets.isEmpty
            ? nil
            : "Passwords are never on this page or in the scripts: run a script with "
                + dialect.scriptClient.runCommand(scriptName: "SCRIPT.sql", secrets: secrets, placeholder: "…")
        var context: [String: Any] = [
            "title": title,
            "name": compiled.name,
            "generator": GeneratorVersion.current,
            "sourcePath": compiled.path,
            "shortHash": String(compiled.sourceHash.prefix(12)),
            "csp": Self.contentSecurityPolicy(script: templates.script, style: templates.style),
            "style": templates.style,
            "script": templates.script,
            "summary": summary(compiled, unplaced: body.unplacedDiagnostics),
            "hasChoices": !compiled.runbook.choiceGroups.isEmpty,
            "groups": groups,
            "variants": variants,
            "body": bodyHTML,
            "hasGraphs": graphs != nil,
        ]
        // Optional values only when present: a missing key is what a mustache section treats as false.
        if let secretsNote { context["secretsNote"] = secretsNote }
        if let source = compiled.document.frontMatter?.values["source"] { context["sourceURL"] = source }
        return templates.page.render(context)
    }

    /// `group=alternative` pairs, sorted, space-separated: what `data-when` and `data-selections` hold.
    /// The graph as a list (for readers who cannot see the picture, and for the page without Graphviz): what
    /// each user and role the runbook creates holds, tables reached through ON ALL TABLES and default
    /// privileges included, with the chain of statements that gives it.
    static func reach(_ compiled: CompiledRunbook, variant: Variant) -> [[String: Any]] {
        guard let result = compiled.privileges.results[variant.slug] else { return [] }
        return PrivilegeQuestions.holdingsByPrincipal(result, createdByRunbookOnly: true).map { principal, holding in
            [
                "who": principal.name,
                "what": "\(holding.privilege) on \(holding.object)"
                    + (holding.usable ? "" : " (granted, but unusable: no USAGE)"),
                "why": holding.chain,
            ] as [String: Any]
        }
    }

    static func selectionsText(_ condition: Condition) -> String {
        condition.sortedSelections.map { "\($0.group)=\($0.alternative)" }.joined(separator: " ")
    }

    // MARK: - Checklist

    /// The variant's checklist, from the same plan as `VARIANT.checklist.md`.
    /// Step numbers are the variant's own (`numbers`), as on the page.
    private func tasks(
        _ page: RunbookPlan, plan: VariantPlan, code: HTMLCodeRenderer, numbers: [SourceLocation: [String: String]]
    ) -> [[String: Any]] {
        let compiled = page.compiled
        var tasks: [[String: Any]] = []
        var pendingSQL: [String] = []
        let scripts = ScriptEmitter(dialect: dialect)
        func flush() {
            guard !pendingSQL.isEmpty, !tasks.isEmpty else { return }
            tasks[tasks.count - 1]["sql"] = pendingSQL.joined(separator: "\n")
            pendingSQL = []
        }
        func add(_ text: String, number: String?, line: Int) {
            flush()
            var task: [String: Any] = ["id": "\(tasks.count + 1)-l\(line)", "text": text, "line": line]
            if let number { task["number"] = number }
            tasks.append(task)
        }
        for entry in plan.entries {
            switch entry {
            case .instruction(let instruction):
                let shown = numbers[instruction.range.start]?[plan.variant.slug]
                if instruction.step.components.count > 1 {
                    add(
                        instruction.text, number: shown ?? instruction.step.description,
                        line: instruction.range.start.line)
                } else {
                    add(
                        Self.renumbered(instruction.text, from: instruction.step, to: shown), number: nil,
                        line: instruction.range.start.line)
                }
            case .connect(let database, let because):
                add(
                    "\(because.phrase): connect to \(compiled.database(database))\(ChecklistEmitter.asUser(because.user, code: false))",
                    number: nil,
                    line: because.range.start.line)
            case .stay(let database, let because):
                let target = database.map { ": stay connected to \(compiled.database($0))" } ?? ""
                add(because.phrase + target, number: nil, line: because.range.start.line)
            case .block(let block, _):
                if tasks.isEmpty { add("Run the SQL", number: nil, line: block.block.range.start.line) }
                let statements = scripts.statementsText(block, compiled: compiled)
                pendingSQL.append(
                    contentsOf: statements.map { code.highlight($0.text, dialect: dialect, maskPasswords: true) })
            }
        }
        flush()
        return tasks
    }

    /// "Step 3: Create the user" → "Step 2: Create the user" where the variant skips a step.
    static func renumbered(_ text: String, from step: StepPath, to shown: String?) -> String {
        guard let shown, let number = step.components.first, text.hasPrefix("Step \(number)") else { return text }
        return "Step \(shown)" + text.dropFirst("Step \(number)".count)
    }

    // MARK: - Diagnostics summary

    private func summary(_ compiled: CompiledRunbook, unplaced: [Int]) -> [String: Any] {
        let diagnostics = compiled.diagnostics
        let count = { (severity: Severity) in diagnostics.filter { $0.severity == severity }.count }
        let errors = count(.error)
        let warnings = count(.warning)
        let notes = count(.note)
        let worst = diagnostics.map(\.severity).max()?.rawValue ?? "none"
        let unplacedSet = Set(unplaced)
        let items: [[String: Any]] = diagnostics.enumerated().map { index, diagnostic in
            [
                "severity": diagnostic.severity.rawValue,
                "rule": diagnostic.rule.rawValue,
                "message": diagnostic.message,
                "line": diagnostic.range.start.line,
                // A finding shown beside no block is listed here only; its link goes to the list.
                "anchor": unplacedSet.contains(index) ? "diagnostics" : "diag-\(index + 1)",
            ]
        }
        return [
            "hasDiagnostics": !diagnostics.isEmpty,
            "errors": errors, "warnings": warnings, "notes": notes,
            "hasErrors": errors > 0, "hasWarnings": warnings > 0, "hasNotes": notes > 0,
            "errorsPlural": errors == 1 ? "" : "s", "warningsPlural": warnings == 1 ? "" : "s",
            "notesPlural": notes == 1 ? "" : "s",
            "worst": worst,
            "items": items,
        ]
    }
}
