package import RunbookDiagnostics

/// When a schema has any future grant for a kind of object, the database's future grants for that kind do not
/// apply in it, not even those to other roles (https://docs.snowflake.com/en/sql-reference/sql/grant-privilege,
/// "Considerations" for future grants).
package struct SnowflakeShadowedFutureGrantCheck: PrivilegeCheck {
    package static let rule = Rule.snowflakeShadowedFutureGrant

    package init() {}

    package func check(_ simulation: Simulation) -> [Diagnostic] {
        simulation.events.compactMap { event in
            guard
                case .snowflake(
                    .shadowedFutureGrant(
                        let kind, let database, let schema, let range, let schemaGrant, let databaseGrant)) = event
            else { return nil }
            return Diagnostic(
                SnowflakeShadowedFutureGrantMessage(kind: kind, database: database, schema: schema), at: range,
                notes: [
                    DiagnosticNote(
                        "database-level: \(databaseGrant.summary) (\(databaseGrant.location))", at: databaseGrant.range),
                    DiagnosticNote(
                        "schema-level: \(schemaGrant.summary) (\(schemaGrant.location))", at: schemaGrant.range),
                    DiagnosticNote("repeat the database-level grant IN SCHEMA \(database).\(schema)"),
                ])
        }
    }
}
