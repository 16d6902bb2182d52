package import RunbookDiagnostics

/// A GRANT (or default privilege) to PUBLIC: every user of the cluster, present and future, receives it.
package struct GrantToPublicCheck: PrivilegeCheck {
    package static let rule = Rule.privilegesGrantToPublic

    package init() {}

    package func check(_ simulation: Simulation) -> [Diagnostic] {
        simulation.executed.flatMap { executed -> [Diagnostic] in
            // Scoped grants to PUBLIC are invalid Redshift, which `sql.dialect-mismatch` reports.
            guard let grant = executed.statement.grantOrRevoke, grant.action == .grant else { return [] }
            if case .scoped = grant.target { return [] }
            return grant.grantees.filter { $0.kind == .public }.map { grantee in
                Diagnostic(
                    GrantToPublicMessage(statement: executed.origin.summary),
                    at: executed.range(grantee.range),
                    notes: [DiagnosticNote("grant to a role instead, and give the role to the users who need it")])
            }
        }
    }
}
