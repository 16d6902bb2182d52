package import RunbookDiagnostics
import RunbookModel
import RunbookSQL

/// Access the SQL gives a role beyond every claim the prose makes about it, reported at the statement that
/// gives it. Only what the runbook grants counts: PUBLIC's defaults and ownership are not the prose's business.
package struct BeyondClaimCheck: PrivilegeCheck {
    package static let rule = Rule.privilegesBeyondClaim

    package init() {}

    /// One privilege on one object (or on future tables of a schema), and the statement that gives it.
    private struct Access: Hashable {
        var privilege: String
        var object: CatalogObject
        var shownAs: String
        var origin: StatementOrigin
    }

    package func check(_ simulation: Simulation) -> [Diagnostic] {
        let catalog = simulation.catalog
        let claims = simulation.runbook.claims.filter { $0.condition.holds(in: simulation.variant.selections) }
        var diagnostics: [Diagnostic] = []
        for role in Set(claims.map(\.role)).sorted() {
            guard let principal = catalog.principal(named: role) else { continue }
            let about = claims.filter { $0.role == role }
            let requirements = about.flatMap(\.requirements)
            let given = accesses(of: principal, in: catalog)
            let extra = given.filter { access in
                !requirements.contains { ClaimVocabulary.allows($0, access.privilege, on: access.object, in: catalog) }
                    && !connectsToRead(access, requirements, in: catalog)
            }
            let byStatement = Dictionary(grouping: extra, by: \.origin)
            for origin in byStatement.keys.sorted() {
                let accesses = byStatement[origin] ?? []
                let byObject = Dictionary(grouping: accesses, by: \.shownAs)
                let parts = byObject.keys.sorted().map { object in
                    let privileges = Set(byObject[object]?.map(\.privilege) ?? [])
                    return "\(privilegeOrder(privileges).joined(separator: ", ")) on \(object)"
                }
                let kept = privilegeOrder(
                    Set(given.filter { $0.origin == origin }.map(\.privilege))
                        .subtracting(accesses.map(\.privilege)))
                diagnostics.append(
                    Diagnostic(
                        BeyondClaimMessage(statement: origin.summary, role: role, parts: parts), at: origin.range,
                        notes: about.map { DiagnosticNote("the prose claims: \($0.text)", at: $0.range) },
                        fixIts: narrowing(origin, to: kept, in: simulation)))
            }
        }
        return diagnostics
    }

    /// What the runbook's statements give `principal` or the roles it belongs to: on existing objects, and on
    /// tables to come (default privileges, schema-wide and scoped grants).
    private func accesses(of principal: Principal, in catalog: Catalog) -> [Access] {
        var result: [Access] = []
        for privilege in catalog.effectivePrivileges(of: principal) {
            guard !privilege.provenance.contains(.everyone), let last = privilege.provenance.last,
                let origin = last.origin,
                !isOwnership(last)
            else { continue }
            result.append(
                Access(
                    privilege: privilege.privilege, object: privilege.object, shownAs: privilege.object.description,
                    origin: origin))
        }
        let holders = Set(catalog.holders(of: principal).map(\.principal)).subtracting([.everyone])
        for defaults in catalog.defaultPrivileges where holders.contains(defaults.grantee) {
            result.append(
                future(defaults.privilege, database: defaults.database, schema: defaults.schema, defaults.origin))
        }
        for scoped in catalog.scopedGrants where holders.contains(scoped.grantee) && scoped.objectKind == .table {
            result.append(future(scoped.privilege, database: scoped.database, schema: scoped.schema, scoped.origin))
        }
        for change in catalog.schemaWideChanges where change.action == .grant && holders.contains(change.grantee) {
            for privilege in change.privileges {
                result.append(
                    future(privilege, database: change.schema.database, schema: change.schema.schema, change.origin))
            }
        }
        return result
    }

    /// In PostgreSQL a principal must be able to connect to a database to read anything in it: CONNECT on the
    /// database of a schema or table the prose claims read access to is what that claim needs, not beyond it.
    private func connectsToRead(_ access: Access, _ requirements: [Claim.Requirement], in catalog: Catalog) -> Bool {
        // Reading needs the database: CONNECT in PostgreSQL, USAGE in Snowflake.
        let reaching =
            (catalog.dialect == .postgres && access.privilege == "CONNECT")
            || (catalog.dialect == .snowflake && access.privilege == "USAGE")
        guard reaching, case .database(let database) = access.object else { return false }
        return requirements.contains { requirement in
            switch requirement.target {
            case .database(let name):
                return name == database || catalog.folded(name) == database
            case .schema(let name):
                return ClaimVocabulary.schemas(named: name, in: catalog).contains { $0.database == database }
            case .tables(let names):
                return names.contains { name in
                    ClaimVocabulary.tables(named: name, in: catalog).contains { $0.database == database }
                }
            }
        }
    }

    /// Replaces `ALL` with the privileges the claims need, when the statement wrote ALL and some are needed.
    private func narrowing(_ origin: StatementOrigin, to kept: [String], in simulation: Simulation) -> [FixIt] {
        guard !kept.isEmpty,
            let executed = simulation.executed.first(where: { $0.origin == origin }),
            case .all(let columns, let range)? = executed.statement.grantOrRevoke?.privileges, columns.isEmpty
        else { return [] }
        return [
            FixIt(
                "grant only \(kept.joined(separator: ", "))", range: executed.range(range),
                replacement: kept.joined(separator: ", "), applicability: .unsafe)
        ]
    }

    private func future(_ privilege: String, database: String, schema: String?, _ origin: StatementOrigin) -> Access {
        let table = TableName(database: database, schema: schema ?? "*", table: "*")
        let shownAs = schema.map { "tables in schema \(database).\($0)" } ?? "tables in database \(database)"
        return Access(privilege: privilege, object: .table(table), shownAs: shownAs, origin: origin)
    }

    private func isOwnership(_ step: ProvenanceStep) -> Bool {
        if case .owner = step { true } else { false }
    }

    /// Privileges in the order GRANT lists them, unknown ones last.
    private func privilegeOrder(_ privileges: Set<String>) -> [String] {
        let order = [
            "SELECT", "INSERT", "UPDATE", "DELETE", "TRUNCATE", "REFERENCES", "TRIGGER", "CREATE", "USAGE",
            "CONNECT", "TEMP", "ALTER", "DROP",
        ]
        return privileges.sorted {
            (order.firstIndex(of: $0) ?? order.count, $0) < (order.firstIndex(of: $1) ?? order.count, $1)
        }
    }
}
