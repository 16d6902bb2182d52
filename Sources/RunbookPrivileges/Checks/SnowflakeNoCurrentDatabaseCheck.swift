package import RunbookDiagnostics

/// A one-part schema name (or a two-part table name) needs a current database; a new session has none until
/// USE DATABASE or CREATE DATABASE (https://docs.snowflake.com/en/sql-reference/name-resolution).
package struct SnowflakeNoCurrentDatabaseCheck: PrivilegeCheck {
    package static let rule = Rule.snowflakeNoCurrentDatabase

    package init() {}

    package func check(_ simulation: Simulation) -> [Diagnostic] {
        simulation.events.compactMap { event in
            guard
                case .snowflake(.noCurrentDatabase(let name, let range, let earlier, let database, let existsThere)) =
                    event
            else { return nil }
            var notes: [DiagnosticNote] = []
            if let earlier, let database {
                var text =
                    "\(database) was current after \(earlier.summary) (\(earlier.location)), in that session only"
                if !existsThere { text += "; and \(name) does not exist in \(database) at this point" }
                notes.append(DiagnosticNote(text, at: earlier.range))
            }
            notes.append(
                DiagnosticNote(
                    "qualify the name (\(database ?? "<database>").\(name)) or run USE DATABASE first in this step"))
            return Diagnostic(
                SnowflakeNoCurrentDatabaseMessage(name: name), at: range, notes: notes)
        }
    }
}
