package import RunbookDiagnostics

/// A variable holding a database's name where a schema is expected resolves against the current database
/// (https://docs.snowflake.com/en/sql-reference/name-resolution): `ON SCHEMA IDENTIFIER($db)` names schema
/// `<current db>.<db>`, which is not what the author meant; the reverse, a qualified schema name where a
/// database belongs, names no database.
package struct SnowflakeDatabaseSchemaMismatchCheck: PrivilegeCheck {
    package static let rule = Rule.snowflakeDatabaseSchemaMismatch

    package init() {}

    package func check(_ simulation: Simulation) -> [Diagnostic] {
        simulation.events.compactMap { event in
            guard
                case .snowflake(
                    .variableKind(
                        let variable, let value, let holds, let expected, let range, let evidence, let otherUses)) =
                    event
            else { return nil }
            var notes: [DiagnosticNote] = []
            if let evidence {
                notes.append(
                    DiagnosticNote(
                        "$\(variable) names a database in \(evidence.summary) (\(evidence.location))",
                        at: evidence.range))
            }
            let fix =
                expected == "schema"
                ? "set a variable to '\(value).<schema>' and use that one here"
                : "use a variable that holds the database alone"
            notes.append(DiagnosticNote(fix))
            if otherUses > 0 {
                notes.append(
                    DiagnosticNote(
                        "\(otherUses) more use\(otherUses == 1 ? "" : "s") of $\(variable) in this session expect a \(expected) too"
                    ))
            }
            return Diagnostic(
                SnowflakeDatabaseSchemaMismatchMessage(
                    variable: variable, value: value, holds: holds, expected: expected),
                at: range, notes: notes)
        }
    }
}
