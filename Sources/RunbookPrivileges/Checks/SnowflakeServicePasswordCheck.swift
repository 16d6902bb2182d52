package import RunbookDiagnostics

/// Service users sign in without a password: CREATE USER … TYPE = SERVICE PASSWORD = … is rejected
/// (https://docs.snowflake.com/en/sql-reference/sql/create-user, "TYPE").
package struct SnowflakeServicePasswordCheck: PrivilegeCheck {
    package static let rule = Rule.snowflakeServicePassword

    package init() {}

    package func check(_ simulation: Simulation) -> [Diagnostic] {
        simulation.events.compactMap { event in
            guard case .snowflake(.servicePassword(let user, let range, let type)) = event else { return nil }
            return Diagnostic(
                SnowflakeServicePasswordMessage(user: user), at: range,
                notes: [
                    DiagnosticNote("TYPE = SERVICE is set here", at: type),
                    DiagnosticNote("remove PASSWORD and set RSA_PUBLIC_KEY"),
                ])
        }
    }
}
