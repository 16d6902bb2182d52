package import RunbookDiagnostics

/// An object the runbook expects to find inside a database (or schema) that it created itself: a new database
/// holds only `public`, a new schema holds nothing, so the object cannot be there.
package struct ObjectInNewDatabaseCheck: PrivilegeCheck {
    package static let rule = Rule.privilegesObjectInNewDatabase

    package init() {}

    package func check(_ simulation: Simulation) -> [Diagnostic] {
        simulation.events.compactMap { event in
            guard case .objectInNewDatabase(let object, let range, let container, let creation) = event else {
                return nil
            }
            let (kind, name): (String, String) =
                switch object {
                case .database(let name): ("database", name)
                case .schema(let schema): ("schema", schema.schema)
                case .table(let table): ("table", "\(table.schema).\(table.table)")
                }
            let containerKind = if case .database = container { "database" } else { "schema" }
            let fix: String =
                switch object {
                case .table: "create the table first, or run this step where the table exists"
                default:
                    "create the \(kind) first (CREATE SCHEMA \(name)), or run this step in the database that holds it"
                }
            return Diagnostic(
                ObjectInNewDatabaseMessage(
                    kind: kind, name: name, containerKind: containerKind, container: container.qualifiedName,
                    createdAt: creation.location),
                at: range,
                notes: [
                    DiagnosticNote("\(container.qualifiedName) is created here", at: creation.range),
                    DiagnosticNote(fix),
                ])
        }
    }
}
