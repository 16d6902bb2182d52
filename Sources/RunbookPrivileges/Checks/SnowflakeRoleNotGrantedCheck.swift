package import RunbookDiagnostics

/// `USE ROLE r` needs r granted to the session's user (https://docs.snowflake.com/en/sql-reference/sql/use-role).
package struct SnowflakeRoleNotGrantedCheck: PrivilegeCheck {
    package static let rule = Rule.snowflakeRoleNotGranted

    package init() {}

    package func check(_ simulation: Simulation) -> [Diagnostic] {
        simulation.events.compactMap { event in
            guard case .snowflake(.roleNotGranted(let role, let user, let range, let later)) = event else { return nil }
            var notes = [DiagnosticNote("add GRANT ROLE \(role) TO USER \(user) before it")]
            if let later {
                notes = [
                    DiagnosticNote(
                        "the role is granted later, by \(later.summary) (\(later.location)); move this after it",
                        at: later.range)
                ]
            }
            return Diagnostic(
                SnowflakeRoleNotGrantedMessage(role: role, user: user), at: range,
                notes: notes)
        }
    }
}
