package import RunbookDiagnostics
import RunbookSQL

/// A GRANT, REVOKE or ALTER DEFAULT PRIVILEGES naming a schema or table of another database than the one
/// connected to. Redshift documents such grants only for datashare databases, and scoped permissions only
/// for the connected database (reference §5, §8.13); PostgreSQL refuses cross-database references outright.
package struct CrossDatabaseGrantCheck: PrivilegeCheck {
    package static let rule = Rule.privilegesCrossDatabaseGrant

    package init() {}

    package func check(_ simulation: Simulation) -> [Diagnostic] {
        simulation.executed.flatMap { executed -> [Diagnostic] in
            let connected = executed.database
            return foreignNames(in: executed.statement).compactMap { name -> Diagnostic? in
                guard name.database != connected else { return nil }
                let severity: Severity = simulation.dialect == .postgres ? .error : Self.rule.defaultSeverity
                let consequence =
                    simulation.dialect == .postgres
                    ? "PostgreSQL does not implement cross-database references"
                    : "Redshift documents this only for datashare databases"
                return Diagnostic(
                    CrossDatabaseGrantMessage(
                        name: name.text, database: name.database, connected: connected, consequence: consequence),
                    at: executed.range(name.range), severity: severity,
                    notes: [
                        DiagnosticNote("connect to \(name.database) first and name the object without its database")
                    ])
            }
        }
    }

    /// Database-qualified names of schemas and tables in the statement, and the DATABASE of a scoped grant.
    private func foreignNames(in statement: Statement) -> [(database: String, text: String, range: SourceRange)] {
        var names: [ObjectName] = []
        var scopedDatabase: Identifier?
        switch statement.kind {
        case .grant(let grant), .revoke(let grant):
            switch grant.target {
            case .objects(.schema, let objects, _), .allInSchema(_, let objects):
                names = objects.filter { $0.parts.count == 2 }
            case .objects(.table, let objects, _):
                names = objects.filter { $0.parts.count == 3 }
            case .scoped(_, let schema, let database, _):
                names = [schema].compactMap { $0 }.filter { $0.parts.count == 2 }
                scopedDatabase = database
            default:
                break
            }
        case .alterDefaultPrivileges(let defaults):
            names = defaults.schemas.filter { $0.parts.count == 2 }
        default:
            break
        }
        var result = names.compactMap { name -> (String, String, SourceRange)? in
            guard let database = name.parts.first?.value, let range = name.range else { return nil }
            return (database, name.dotted, range)
        }
        if let scopedDatabase {
            result.append((scopedDatabase.value, "DATABASE \(scopedDatabase.value)", scopedDatabase.range))
        }
        return result
    }
}
