package import RunbookDiagnostics

/// `ON ALL <kinds>` covers only the objects that exist when it runs
/// (https://docs.snowflake.com/en/sql-reference/sql/grant-privilege): without `ON FUTURE`, objects created later
/// stay out of reach.
package struct SnowflakeOnAllWithoutFutureCheck: PrivilegeCheck {
    package static let rule = Rule.snowflakeOnAllWithoutFuture

    package init() {}

    package func check(_ simulation: Simulation) -> [Diagnostic] {
        simulation.events.compactMap { event in
            guard
                case .snowflake(.allWithoutFuture(let kind, let container, let grantee, let range, let because)) = event
            else { return nil }
            return Diagnostic(
                SnowflakeOnAllWithoutFutureMessage(
                    kind: kind, container: container, grantee: grantee, because: because),
                at: range, notes: [DiagnosticNote("add the same grant ON FUTURE \(kind) IN \(container)")])
        }
    }
}
