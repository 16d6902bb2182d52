package import RunbookDiagnostics
import RunbookMarkdown

extension PolicyArguments {
    /// The command line's policy; an unknown rule id is refused, with a suggestion, as in `runbook.yml`.
    package func policy() throws(UsageError) -> DiagnosticPolicy {
        for id in disabledRules {
            if let problem = Rule.unknownRuleProblem(id) { throw UsageError("--disable \(id): \(problem)") }
        }
        return DiagnosticPolicy(
            warningsAsErrors: warningsAsErrors, disabledRules: Set(disabledRules.map(RuleID.init(rawValue:))))
    }
}

extension Rule {
    /// Why `id` names no rule ("unknown rule 'x'; did you mean 'y'?"), or nil when it names one.
    static func unknownRuleProblem(_ id: String) -> String? {
        let known = catalog.map(\.id.rawValue)
        guard !known.contains(id) else { return nil }
        var message = "unknown rule '\(id)'"
        if let suggestion = Suggestion.closest(to: id, in: known) { message += "; did you mean '\(suggestion)'?" }
        return message
    }
}

extension DiagnosticPolicy {
    /// The policy for one file: `self` (the command line) over its front matter over its `runbook.yml`, and
    /// the diagnostics the front matter's own rule settings draw (an unknown rule id or severity).
    func resolved(
        config: RunbookConfig?, frontMatter: FrontMatter?
    ) -> (policy: DiagnosticPolicy, findings: [Diagnostic]) {
        var base = config?.policy ?? DiagnosticPolicy()
        var findings: [Diagnostic] = []
        if let frontMatter {
            let page = Self.frontMatterPolicy(frontMatter, findings: &findings)
            base = page.merged(with: base)
        }
        return (merged(with: base), findings)
    }

    /// `runbook: {rules: {disable: [ID, …], severity: {ID: error|warning|note}}}` in a page's front matter.
    static func frontMatterPolicy(_ frontMatter: FrontMatter, findings: inout [Diagnostic]) -> DiagnosticPolicy {
        let disablePrefix = "runbook.rules.disable."
        let severityPrefix = "runbook.rules.severity."
        let at = SourceRange(SourceLocation(line: frontMatter.lines.lowerBound, column: 1))
        var policy = DiagnosticPolicy()
        for key in frontMatter.values.keys.sorted() {
            guard let value = frontMatter.values[key] else { continue }
            if key.hasPrefix(disablePrefix) {
                if let problem = Rule.unknownRuleProblem(value) {
                    findings.append(
                        Diagnostic(
                            UnknownRuleInFrontMatterMessage(key: "runbook.rules.disable", problem: problem), at: at))
                } else {
                    policy.disabledRules.insert(RuleID(rawValue: value))
                }
            } else if key.hasPrefix(severityPrefix) {
                let id = String(key.dropFirst(severityPrefix.count))
                if let problem = Rule.unknownRuleProblem(id) {
                    findings.append(
                        Diagnostic(
                            UnknownRuleInFrontMatterMessage(key: "runbook.rules.severity", problem: problem), at: at))
                } else if let severity = Severity(rawValue: value.lowercased()) {
                    policy.severityOverrides[RuleID(rawValue: id)] = severity
                } else {
                    findings.append(
                        Diagnostic(
                            UnknownRuleInFrontMatterMessage(
                                key: "runbook.rules.severity.\(id)",
                                problem: "unknown severity '\(value)' (error, warning or note)"),
                            at: at))
                }
            }
        }
        return policy
    }
}
