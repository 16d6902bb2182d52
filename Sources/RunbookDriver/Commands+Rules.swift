import RunbookDiagnostics

extension Commands {
    /// `runbook rules`: every rule, one line each; `runbook rules ID`: that rule's page.
    public static func rules(_ id: String?) -> CommandResult {
        let catalog = Rule.catalog
        guard let id else {
            let width = catalog.map(\.id.rawValue.count).max() ?? 0
            let lines = catalog.map { rule in
                let padding = String(repeating: " ", count: width - rule.id.rawValue.count)
                let severity = rule.defaultSeverity.rawValue.padding(toLength: 7)
                return "\(rule.id.rawValue)\(padding)  \(severity)  \(rule.summary)"
            }
            return CommandResult(stdout: lines.joined(separator: "\n") + "\n", exitStatus: ExitStatus.success)
        }
        guard let rule = catalog.first(where: { $0.id.rawValue == id }) else {
            var message = "unknown rule '\(id)'"
            if let suggestion = Suggestion.closest(to: id, in: catalog.map(\.id.rawValue)) {
                message += "; did you mean '\(suggestion)'?"
            }
            return .usage(UsageError(message + " (`runbook rules` lists them)"))
        }
        return CommandResult(stdout: RuleDocument.page(rule), exitStatus: ExitStatus.success)
    }
}

extension String {
    fileprivate func padding(toLength length: Int) -> String {
        count >= length ? self : self + String(repeating: " ", count: length - count)
    }
}
