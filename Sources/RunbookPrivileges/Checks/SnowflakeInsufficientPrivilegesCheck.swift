package import RunbookDiagnostics

/// A statement run with a role that lacks what it needs fails: CREATE is authorized by the primary role alone,
/// grants need MANAGE GRANTS or ownership (https://docs.snowflake.com/en/user-guide/security-access-control-overview).
package struct SnowflakeInsufficientPrivilegesCheck: PrivilegeCheck {
    package static let rule = Rule.snowflakeInsufficientPrivileges

    package init() {}

    package func check(_ simulation: Simulation) -> [Diagnostic] {
        simulation.events.compactMap { event in
            guard case .snowflake(.insufficientPrivileges(let roles, let needs, let on, let range, let hint)) = event
            else { return nil }
            return Diagnostic(
                SnowflakeInsufficientPrivilegesMessage(roles: roles, needs: needs, object: on), at: range,
                notes: hint.map { [DiagnosticNote($0)] } ?? [])
        }
    }
}
