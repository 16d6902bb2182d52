package import RunbookDiagnostics
import RunbookSQL

/// WITH ADMIN OPTION belongs to role grants and WITH GRANT OPTION to object grants (reference §1.1, §1.3):
/// swapped, both Redshift and PostgreSQL reject the statement. Grantee-kind restrictions on either option are
/// `sql.dialect-mismatch`'s findings; this check covers only the option given to the wrong kind of grant.
package struct OptionNotAllowedCheck: PrivilegeCheck {
    package static let rule = Rule.privilegesOptionNotAllowed

    package init() {}

    package func check(_ simulation: Simulation) -> [Diagnostic] {
        simulation.executed.compactMap { executed -> Diagnostic? in
            guard case .grant(let grant) = executed.statement.kind else { return nil }
            let isRoleGrant = if case .roles = grant.target { true } else { false }
            if isRoleGrant, let range = grant.grantOptionRange {
                return Diagnostic(
                    StaticMessage.grantOptionOnRoles,
                    at: executed.range(range),
                    fixIts: [
                        FixIt(
                            "write WITH ADMIN OPTION", range: executed.range(range), replacement: "WITH ADMIN OPTION",
                            applicability: .safe)
                    ])
            }
            if !isRoleGrant, let range = grant.adminOptionRange {
                return Diagnostic(
                    StaticMessage.adminOptionOnPrivileges,
                    at: executed.range(range),
                    fixIts: [
                        FixIt(
                            "write WITH GRANT OPTION", range: executed.range(range), replacement: "WITH GRANT OPTION",
                            applicability: .safe)
                    ])
            }
            return nil
        }
    }
}
