package import RunbookDiagnostics

/// CREATE of something whose name is taken: an object the runbook created before (or that exists from the
/// start, like the initial database's `public` schema), or a role named like a user (§0: Redshift role names must
/// differ from user names; PostgreSQL users, groups and roles share one namespace).
package struct AlreadyExistsCheck: PrivilegeCheck {
    package static let rule = Rule.privilegesAlreadyExists

    package init() {}

    package func check(_ simulation: Simulation) -> [Diagnostic] {
        simulation.events.compactMap { event in
            guard case .alreadyExists(let what, let name, let range, let existingKind, let existing) = event else {
                return nil
            }
            let taken =
                existingKind == what
                ? "\(what) '\(name)' already exists" : "a \(existingKind) named '\(name)' already exists"
            let notes =
                existing.map { [DiagnosticNote("the \(existingKind) is created here (\($0.location))", at: $0.range)] }
                ?? [DiagnosticNote("it exists before the runbook starts")]
            return Diagnostic(AlreadyExistsMessage(what: what, name: name, taken: taken), at: range, notes: notes)
        }
    }
}
