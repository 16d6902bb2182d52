package import RunbookDiagnostics

/// A check on one variant's simulation. Diagnostics carry no variants: the analysis adds them when it
/// merges the findings of every variant.
package protocol PrivilegeCheck: Sendable {
    static var rule: Rule { get }
    func check(_ simulation: Simulation) -> [Diagnostic]
}

/// The catalog of privilege checks, in rule order.
package enum PrivilegeChecks {
    package static let all: [any PrivilegeCheck] = [
        AlreadyExistsCheck(), AssumedObjectCheck(), BeyondClaimCheck(), ClaimCheck(), CrossDatabaseGrantCheck(),
        DefaultPrivilegesGapCheck(), GrantToPublicCheck(), MissingSchemaUsageCheck(), NotApplicablePrivilegeCheck(),
        ObjectInNewDatabaseCheck(),
        OptionNotAllowedCheck(), RoleCycleCheck(), SystemPermissionCheck(), UnknownConnectionCheck(),
        UnknownConnectionUserCheck(),
        UnknownObjectCheck(), UnknownPrincipalCheck(),
    ]
}

// MARK: - Messages for missing names

extension MissingName {
    /// `role 'segment_linkd_role' does not exist; did you mean 'segment_linked_role'?` and its notes and fix-its.
    func diagnostic(_ rule: Rule, purpose: MissingNameMessage.Purpose = .use) -> Diagnostic {
        var notes: [DiagnosticNote] = []
        var fixIts: [FixIt] = []
        if let elsewhere = createdElsewhere, let database = elsewhereDatabase {
            notes.append(
                DiagnosticNote(
                    "\(what) '\(name)' is created in \(database) by \(elsewhere.summary) (\(elsewhere.location))",
                    at: elsewhere.range))
        } else if let later = createdLater {
            notes.append(
                DiagnosticNote(
                    "\(what) '\(name)' is created later, by \(later.summary) (\(later.location)); move this after it",
                    at: later.range))
        } else if let suggestion {
            let shortName = name.split(separator: ".").last.map(String.init) ?? name
            if range.start.line == range.end.line, range.end.column - range.start.column == shortName.utf8.count {
                fixIts.append(
                    FixIt("replace with '\(suggestion)'", range: range, replacement: suggestion, applicability: .unsafe)
                )
            }
        }
        let message = MissingNameMessage(
            rule: rule, purpose: purpose, what: what, name: name,
            elsewhereDatabase: createdElsewhere == nil ? nil : elsewhereDatabase, createdLater: createdLater != nil,
            suggestion: suggestion)
        return Diagnostic(message, at: range, notes: notes, fixIts: fixIts)
    }
}
