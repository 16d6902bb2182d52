package import RunbookModel
import RunbookSQL

/// What the prose's words mean in privileges (docs/privileges.md, "Claims"):
///
/// - read on a database: being able to connect (PostgreSQL CONNECT; Redshift has no such privilege).
/// - write or create on a database: CREATE (create schemas in it).
/// - read on a schema: USAGE, SELECT on each of its tables, and SELECT on tables the runbook's admin creates
///   later (default privileges or a scoped grant). A principal that can create tables there reads its own.
/// - write on a schema: USAGE and CREATE (create tables, which it then owns), and INSERT, UPDATE, DELETE on the
///   tables already there that it does not own. Create on a schema: USAGE and CREATE.
/// - read on tables: SELECT on each, with USAGE on its schema; write: INSERT, UPDATE, DELETE as well.
/// - Snowflake: reading also needs USAGE on the database and on a warehouse; CREATE is CREATE SCHEMA on a
///   database and CREATE TABLE on a schema.
package enum ClaimVocabulary {
    /// What `principal` lacks for `requirement`, in words; empty when the requirement holds.
    package static func missing(
        _ requirement: Claim.Requirement, for principal: Principal, in catalog: Catalog
    ) -> [String] {
        switch requirement.target {
        case .database(let written):
            let name = catalog.databases[written] == nil ? catalog.folded(written) : written
            guard catalog.databases[name] != nil else { return ["database \(written) (the runbook never has it)"] }
            var needed: [String] = []
            if requirement.access.contains(.read), catalog.dialect == .postgres { needed.append("CONNECT") }
            if requirement.access.contains(.write) || requirement.access.contains(.create) {
                needed.append(PrivilegeVocabulary.create(on: .database, dialect: catalog.dialect))
            }
            return needed.filter { !catalog.can(principal, $0, on: .database(name)) }.map {
                "\($0) on database \(name)"
            }
        case .schema(let name):
            let candidates = schemas(named: name, in: catalog)
            guard !candidates.isEmpty else { return ["schema \(name) (the runbook never has it)"] }
            let results = candidates.map { missing(requirement.access, on: $0, for: principal, in: catalog) }
            return results.first(where: \.isEmpty) ?? results[0]
        case .tables(let names):
            return names.flatMap { name -> [String] in
                let candidates = tables(named: name, in: catalog)
                guard !candidates.isEmpty else { return ["table \(name) (the runbook never has it)"] }
                let results = candidates.map { missing(requirement.access, on: $0, for: principal, in: catalog) }
                return results.first(where: \.isEmpty) ?? results[0]
            }
        }
    }

    /// Whether holding `privilege` on `object` stays within what `requirement` claims.
    package static func allows(
        _ requirement: Claim.Requirement, _ privilege: String, on object: CatalogObject, in catalog: Catalog
    ) -> Bool {
        let reads = requirement.access.contains(.read)
        let writes = requirement.access.contains(.write) || requirement.access.contains(.create)
        let tableReads: Set<String> = ["SELECT"]
        let tableWrites: Set<String> = ["SELECT", "INSERT", "UPDATE", "DELETE", "TRUNCATE", "REFERENCES"]
        switch (requirement.target, object) {
        case (.database(let name), .database(let database)):
            guard name == database || catalog.folded(name) == database else { return false }
            return (reads && ["CONNECT", "TEMP", "USAGE"].contains(privilege))
                || (writes
                    && (["CREATE", "CONNECT", "TEMP", "USAGE"].contains(privilege) || privilege == "CREATE SCHEMA"))
        case (.schema(let name), .schema(let schema)):
            guard name == schema.schema || catalog.folded(name) == schema.schema else { return false }
            return privilege == "USAGE" || (writes && (privilege == "CREATE" || privilege.hasPrefix("CREATE ")))
        case (.schema(let name), .table(let table)):
            guard name == table.schema || catalog.folded(name) == table.schema else { return false }
            return (reads && tableReads.contains(privilege)) || (writes && tableWrites.contains(privilege))
        case (.tables(let names), .table(let table)):
            guard names.contains(where: { $0 == table.table || catalog.folded($0) == table.table }) else {
                return false
            }
            return (reads && tableReads.contains(privilege)) || (writes && tableWrites.contains(privilege))
        case (.tables(let names), .schema(let schema)):
            guard privilege == "USAGE" else { return false }
            return catalog.schema(schema)?.tables.keys.contains(where: names.contains) ?? false
        default:
            return false
        }
    }

    // MARK: - Per object

    private static func missing(
        _ access: [Claim.Access], on schema: SchemaName, for principal: Principal, in catalog: Catalog
    ) -> [String] {
        var lacking: [String] = []
        func need(_ privilege: String, on object: CatalogObject) {
            if !catalog.can(principal, privilege, on: object) { lacking.append("\(privilege) on \(object)") }
        }
        if access.contains(.read) { lacking += catalog.readingPrerequisites(for: principal, in: schema.database) }
        need("USAGE", on: .schema(schema))
        let writes = access.contains(.write) || access.contains(.create)
        let create = PrivilegeVocabulary.create(on: .schema, dialect: catalog.dialect)
        if writes { need(create, on: .schema(schema)) }
        let tables = catalog.schema(schema)?.tables.values.sorted { $0.name < $1.name } ?? []
        if access.contains(.read) {
            for table in tables { need("SELECT", on: .table(table.name)) }
            if !catalog.can(principal, create, on: .schema(schema)) {
                let (future, table) = catalog.simulateTableCreation(by: catalog.admin, in: schema)
                if !future.effectivePrivileges(of: principal, on: [.table(table)]).contains(where: {
                    $0.privilege == "SELECT"
                }) {
                    lacking.append("SELECT on tables created later in schema \(schema)")
                }
            }
        }
        if access.contains(.write) {
            for table in tables where table.owner != principal.name {
                for privilege in ["INSERT", "UPDATE", "DELETE"] { need(privilege, on: .table(table.name)) }
            }
        }
        return lacking
    }

    private static func missing(
        _ access: [Claim.Access], on table: TableName, for principal: Principal, in catalog: Catalog
    ) -> [String] {
        var lacking: [String] = []
        if access.contains(.read) { lacking += catalog.readingPrerequisites(for: principal, in: table.database) }
        if !catalog.can(principal, "USAGE", on: .schema(table.schemaName)) {
            lacking.append("USAGE on schema \(table.schemaName)")
        }
        var privileges: [String] = []
        if access.contains(.read) { privileges.append("SELECT") }
        if access.contains(.write) { privileges += ["INSERT", "UPDATE", "DELETE"] }
        for privilege in privileges
        where !catalog.effectivePrivileges(of: principal, on: [.table(table)]).contains(where: {
            $0.privilege == privilege
        }) {
            lacking.append("\(privilege) on table \(table)")
        }
        if access.contains(.create),
            !catalog.can(
                principal, PrivilegeVocabulary.create(on: .schema, dialect: catalog.dialect),
                on: .schema(table.schemaName))
        {
            lacking.append("CREATE on schema \(table.schemaName)")
        }
        return lacking
    }

    static func schemas(named name: String, in catalog: Catalog) -> [SchemaName] {
        let folded = catalog.folded(name)
        return catalog.objects.compactMap {
            if case .schema(let schema) = $0, schema.schema == name || schema.schema == folded { schema } else { nil }
        }
    }

    static func tables(named name: String, in catalog: Catalog) -> [TableName] {
        let folded = catalog.folded(name)
        return catalog.objects.compactMap {
            if case .table(let table) = $0, table.table == name || table.table == folded { table } else { nil }
        }
    }
}
