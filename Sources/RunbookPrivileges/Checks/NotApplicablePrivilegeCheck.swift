package import RunbookDiagnostics
import RunbookSQL

/// A privilege granted (or revoked) on a kind of object that does not have it: EXECUTE on tables, USAGE on
/// tables, SELECT on a database. The database rejects the whole statement (DialectProfile.privilegesByObject).
package struct NotApplicablePrivilegeCheck: PrivilegeCheck {
    package static let rule = Rule.privilegesNotApplicable

    package init() {}

    package func check(_ simulation: Simulation) -> [Diagnostic] {
        var found: [Diagnostic] = []
        for executed in simulation.executed {
            guard let statement = executed.statement.grantOrRevoke, case .list(let privileges) = statement.privileges,
                let kind = Self.objectKind(of: statement.target)
            else { continue }
            for privilege in privileges {
                let name = PrivilegeVocabulary.normalized(privilege.name)
                guard PrivilegeVocabulary.applies(name, to: kind, dialect: simulation.dialect) == false else {
                    continue
                }
                let accepting = PrivilegeVocabulary.kinds(accepting: name, dialect: simulation.dialect)
                let elsewhere =
                    accepting.isEmpty
                    ? "\(simulation.dialect.displayName) has no \(name) privilege"
                    : "\(name) is a privilege on \(Self.list(accepting.map(Self.plural)))"
                let accepted = simulation.dialect.profile.privilegesByObject[kind] ?? []
                var notes = [DiagnosticNote("\(Self.plural(kind)) accept \(accepted.joined(separator: ", "))")]
                if case .objects(.table, _, false) = statement.target, !accepting.isEmpty {
                    // `GRANT USAGE ON "your_schema"`: without a keyword, ON names tables.
                    let keywords = accepting.filter { $0 != .table }.map { "ON \($0.rawValue.uppercased())" }
                    notes.append(
                        DiagnosticNote(
                            "ON without a keyword names tables; for another object write \(Self.list(keywords, or: true))"
                        ))
                }
                found.append(
                    Diagnostic(
                        NotApplicablePrivilegeMessage(
                            privilege: name, kinds: Self.plural(kind), elsewhere: elsewhere,
                            engine: simulation.dialect.displayName),
                        at: executed.range(privilege.range), notes: notes))
            }
        }
        return found
    }

    /// The kind of object a GRANT or REVOKE names; nil for role grants and system permissions.
    static func objectKind(of target: GrantTarget) -> ObjectKind? {
        switch target {
        case .objects(let kind, _, _), .routines(let kind, _), .allInSchema(let kind, _), .scoped(let kind, _, _, _),
            .defaultObjects(let kind, _), .allInDatabase(let kind, _), .future(let kind, _, _, _):
            kind
        case .roles, .systemPermissions, .account:
            nil
        }
    }

    private static func plural(_ kind: ObjectKind) -> String {
        switch kind {
        case .copyJob: "copy jobs"
        case .otherSnowflake: "other objects"
        default: kind.rawValue + "s"
        }
    }

    private static func list(_ items: [String], or: Bool = false) -> String {
        guard items.count > 1, let last = items.last else { return items.first ?? "" }
        return items.dropLast().joined(separator: ", ") + (or ? " or " : " and ") + last
    }
}
