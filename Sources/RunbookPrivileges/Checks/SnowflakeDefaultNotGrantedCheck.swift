package import RunbookDiagnostics

/// DEFAULT_ROLE and DEFAULT_WAREHOUSE are not checked by CREATE USER and grant nothing
/// (https://docs.snowflake.com/en/sql-reference/sql/create-user): a user never granted them signs in without them.
package struct SnowflakeDefaultNotGrantedCheck: PrivilegeCheck {
    package static let rule = Rule.snowflakeDefaultNotGranted

    package init() {}

    package func check(_ simulation: Simulation) -> [Diagnostic] {
        simulation.events.compactMap { event in
            guard case .snowflake(.defaultNotGranted(let user, let property, let value, let range)) = event else {
                return nil
            }
            let what = property == "DEFAULT_ROLE" ? "role \(value)" : "USAGE on warehouse \(value)"
            let fix =
                property == "DEFAULT_ROLE"
                ? "GRANT ROLE \(value) TO USER \(user)" : "GRANT USAGE ON WAREHOUSE \(value) TO ROLE <the user's role>"
            return Diagnostic(
                SnowflakeDefaultNotGrantedMessage(property: property, user: user, value: value, what: what), at: range,
                notes: [DiagnosticNote("add \(fix)")])
        }
    }
}
