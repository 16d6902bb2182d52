package import RunbookDiagnostics

/// GRANT OWNERSHIP on an object that already has grants fails unless it says COPY or REVOKE CURRENT GRANTS
/// (https://docs.snowflake.com/en/sql-reference/sql/grant-ownership).
package struct SnowflakeOwnershipWithGrantsCheck: PrivilegeCheck {
    package static let rule = Rule.snowflakeOwnershipWithGrants

    package init() {}

    package func check(_ simulation: Simulation) -> [Diagnostic] {
        simulation.events.compactMap { event in
            guard case .snowflake(.ownershipWithGrants(let object, let range)) = event else { return nil }
            return Diagnostic(
                SnowflakeOwnershipWithGrantsMessage(object: object),
                at: range,
                notes: [DiagnosticNote("add COPY CURRENT GRANTS to keep them, or REVOKE CURRENT GRANTS to drop them")])
        }
    }
}
