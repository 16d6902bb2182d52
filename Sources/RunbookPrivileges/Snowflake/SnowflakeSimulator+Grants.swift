import RunbookDiagnostics
import RunbookModel
import RunbookSQL

// MARK: - GRANT and REVOKE

extension SnowflakeSimulator {
    mutating func grant(_ grant: PrivilegeStatement, in block: Block, origin: StatementOrigin, range: SourceRange) {
        let grantees = grant.grantees.compactMap { resolve($0, in: block) }
        let withGrantOption = grant.action == .grant && grant.grantOptionRange != nil
        if let last = executed.indices.last { executed[last].grantees = grantees }
        switch grant.target {
        case .roles(let roles):
            for reference in roles { roleGrant(reference, grant: grant, to: grantees, in: block, origin: origin) }
        case .account:
            let privileges = Self.privileges(grant.privileges, kind: nil)
            if !holdsAccountPrivilege("MANAGE GRANTS", primaryOnly: false) {
                insufficient("MANAGE GRANTS", on: "the account", primaryOnly: false, range: range)
            }
            for grantee in grantees {
                change(
                    privileges, on: nil, grantee: grantee, grant: grant, origin: origin,
                    withGrantOption: withGrantOption)
            }
        case .objects(let kind, let names, _):
            for name in names {
                guard let objectName = objectTarget(kind, name, in: block) else { continue }
                let nameRange = name.range.map { block.positions.range($0) } ?? range
                if case .warehouse(let warehouse) = objectName {
                    ensureWarehouse(warehouse, range: nameRange)
                    let owner = catalog.account.warehouses[warehouse]?.owner ?? ""
                    if !holdsAccountPrivilege("MANAGE GRANTS", primaryOnly: false),
                        !activeRoles(primaryOnly: false).contains(Principal(.role, owner))
                    {
                        insufficient(
                            "MANAGE GRANTS or OWNERSHIP", on: "warehouse \(warehouse)", primaryOnly: false, range: range
                        )
                    }
                    for grantee in grantees {
                        changeWarehouse(
                            warehouse, Self.privileges(grant.privileges, kind: .warehouse), grantee: grantee,
                            grant: grant, origin: origin, withGrantOption: withGrantOption)
                    }
                    continue
                }
                guard case .object(let object) = objectName else { continue }
                switch object {
                case .database(let database): ensureDatabase(database, range: nameRange)
                case .schema(let schema): ensureSchema(schema, range: nameRange)
                case .table(let table): ensureTable(table, isView: kind == .view, range: nameRange)
                }
                if !mayGrant(on: object) {
                    insufficient("MANAGE GRANTS or OWNERSHIP", on: object.description, primaryOnly: false, range: range)
                }
                let privileges = Self.privileges(grant.privileges, kind: kind)
                if privileges == ["OWNERSHIP"], grant.action == .grant {
                    transferOwnership(of: object, to: grantees, grant: grant, range: range)
                    continue
                }
                for grantee in grantees {
                    change(
                        privileges, on: object, grantee: grantee, grant: grant, origin: origin,
                        withGrantOption: withGrantOption)
                }
            }
        case .allInSchema(let kind, let schemas):
            for name in schemas {
                guard let parts = parts(of: name, in: block) else { continue }
                let nameRange = name.range.map { block.positions.range($0) } ?? range
                let mismatch = checkSchemaVariable(name, parts: parts, range: nameRange)
                guard let schema = schemaName(parts, range: nameRange, quiet: mismatch) else { continue }
                ensureSchema(schema, range: nameRange)
                if !holdsAccountPrivilege("MANAGE GRANTS", primaryOnly: false), !mayGrant(on: .schema(schema)) {
                    insufficient("MANAGE GRANTS", on: "schema \(schema)", primaryOnly: false, range: range)
                }
                bulk(
                    kind, database: schema.database, schema: schema.schema, grant: grant, grantees: grantees,
                    origin: origin)
            }
        case .allInDatabase(let kind, let name):
            guard let parts = parts(of: name, in: block) else { return }
            let nameRange = name.range.map { block.positions.range($0) } ?? range
            checkDatabaseVariable(name, parts: parts, range: nameRange)
            guard let database = parts.first else { return }
            ensureDatabase(database, range: nameRange)
            if !holdsAccountPrivilege("MANAGE GRANTS", primaryOnly: false),
                !owns(.database(database), primaryOnly: false)
            {
                insufficient("MANAGE GRANTS", on: "database \(database)", primaryOnly: false, range: range)
            }
            bulk(kind, database: database, schema: nil, grant: grant, grantees: grantees, origin: origin)
        case .future(let kind, let schemaName, let databaseName, _):
            future(
                kind, schema: schemaName, database: databaseName, grant: grant, grantees: grantees, in: block,
                origin: origin, range: range)
        default:
            break
        }
    }

    /// The principal a grantee names: roles must exist, users are assumed; shares and applications are outside
    /// the model.
    mutating func resolve(_ grantee: Grantee, in block: Block) -> Principal? {
        guard let identifier = grantee.name else { return grantee.kind == .public ? .everyone : nil }
        let range = block.positions.range(identifier.range)
        guard let name = self.name(identifier, in: block) else { return nil }
        let principal: Principal
        switch grantee.kind {
        case .public: return .everyone
        case .user: principal = Principal(.user, name)
        case .databaseRole:
            let database = grantee.database.flatMap { self.name($0, in: block) } ?? session.database ?? ""
            principal = Principal(.role, name.contains(".") ? name : "\(database).\(name)")
        case .share, .application: return nil
        case .role, .group, .unqualified:
            if name == "PUBLIC" { return .everyone }
            principal = Principal(.role, name)
        }
        ensurePrincipal(principal, range: range)
        return principal
    }

    enum Target {
        case object(CatalogObject)
        case warehouse(String)
    }

    /// What `ON <kind> name` names, with variables resolved; checks a variable holding the wrong kind of name.
    mutating func objectTarget(_ kind: ObjectKind, _ name: ObjectName, in block: Block) -> Target? {
        guard let parts = parts(of: name, in: block) else { return nil }
        let range = name.range.map { block.positions.range($0) } ?? SourceRange(SourceLocation(line: 1, column: 1))
        switch kind {
        case .warehouse: return .warehouse(parts.joined(separator: "."))
        case .database:
            checkDatabaseVariable(name, parts: parts, range: range)
            return parts.first.map { .object(.database($0)) }
        case .schema:
            let mismatch = checkSchemaVariable(name, parts: parts, range: range)
            return schemaName(parts, range: range, quiet: mismatch).map { .object(.schema($0)) }
        case .table, .view, .materializedView, .externalTable, .dynamicTable:
            return tableName(parts, range: range).map { .object(.table($0)) }
        default:
            return nil
        }
    }

    /// `ON SCHEMA IDENTIFIER($v)` where `$v` holds a bare name that the runbook uses as a database. Reported once
    /// per variable and session; true when the variable holds a database's name.
    @discardableResult
    mutating func checkSchemaVariable(_ name: ObjectName, parts: [String], range: SourceRange) -> Bool {
        guard parts.count == 1, let variable = Self.variable(of: name) else { return false }
        let isDatabase = catalog.databases[parts[0]] != nil || variablesUsedAsDatabase[variable] != nil
        guard isDatabase else { return false }
        reportKind(variable, value: parts[0], holds: "database", expected: "schema", range: range)
        return true
    }

    /// `ON DATABASE IDENTIFIER($v)` where `$v` holds a qualified schema name.
    mutating func checkDatabaseVariable(_ name: ObjectName, parts: [String], range: SourceRange) {
        guard parts.count >= 2, let variable = Self.variable(of: name) else { return }
        reportKind(
            variable, value: parts.joined(separator: "."), holds: parts.count == 2 ? "schema" : "table",
            expected: "database", range: range)
    }

    mutating func reportKind(_ variable: String, value: String, holds: String, expected: String, range: SourceRange) {
        if let index = session.kindReported[variable] {
            if case .snowflake(
                .variableKind(let v, let value, let holds, let expected, let range, let evidence, let others)) =
                events[index]
            {
                events[index] = .snowflake(
                    .variableKind(
                        variable: v, value: value, holds: holds, expected: expected, range: range, evidence: evidence,
                        otherUses: others + 1))
            }
            return
        }
        session.kindReported[variable] = events.count
        events.append(
            .snowflake(
                .variableKind(
                    variable: variable, value: value, holds: holds, expected: expected, range: range,
                    evidence: expected == "schema" ? variablesUsedAsDatabase[variable] : nil, otherUses: 0)))
    }

    static func privileges(_ set: PrivilegeSet, kind: ObjectKind?) -> [String] {
        switch set {
        case .all:
            return kind.flatMap { DialectProfile.snowflake.allPrivileges[$0] } ?? ["ALL"]
        case .list(let privileges):
            var seen = Set<String>()
            return privileges.map { $0.name.uppercased() }.filter { seen.insert($0).inserted }
        }
    }

    mutating func change(
        _ privileges: [String], on object: CatalogObject?, grantee: Principal, grant: PrivilegeStatement,
        origin: StatementOrigin, withGrantOption: Bool
    ) {
        let grants = privileges.map {
            ObjectGrant(
                privilege: $0, grantee: grantee, grantor: session.primaryRole, withGrantOption: withGrantOption,
                source: .grant(origin))
        }
        switch (grant.action, object) {
        case (.grant, let object?): catalog.grant(grants, on: object)
        case (.revoke, let object?): catalog.revoke(privileges, from: grantee, on: object)
        case (.grant, nil): for grant in grants { catalog.account.accountGrants.append(grant) }
        case (.revoke, nil): catalog.account.accountGrants.remove(privileges, from: grantee)
        }
    }

    mutating func changeWarehouse(
        _ name: String, _ privileges: [String], grantee: Principal, grant: PrivilegeStatement, origin: StatementOrigin,
        withGrantOption: Bool
    ) {
        guard var warehouse = catalog.account.warehouses[name] else { return }
        if grant.action == .revoke {
            warehouse.grants.remove(privileges, from: grantee)
        } else if privileges == ["OWNERSHIP"] {
            warehouse.owner = grantee.name
        } else {
            for privilege in privileges {
                warehouse.grants.append(
                    ObjectGrant(
                        privilege: privilege, grantee: grantee, grantor: session.primaryRole,
                        withGrantOption: withGrantOption, source: .grant(origin)))
            }
        }
        catalog.account.warehouses[name] = warehouse
    }

    /// GRANT OWNERSHIP: without COPY or REVOKE CURRENT GRANTS it fails when the object has grants to others
    /// (https://docs.snowflake.com/en/sql-reference/sql/grant-ownership).
    mutating func transferOwnership(
        of object: CatalogObject, to grantees: [Principal], grant: PrivilegeStatement, range: SourceRange
    ) {
        guard let grantee = grantees.first else { return }
        let outbound = catalog.grants(on: object).filter {
            if case .builtIn = $0.source { false } else { $0.grantee != grantee }
        }
        switch grant.currentGrants?.uppercased() {
        case "REVOKE":
            for existing in outbound { catalog.revoke([existing.privilege], from: existing.grantee, on: object) }
        case "COPY":
            break
        default:
            if !outbound.isEmpty {
                events.append(.snowflake(.ownershipWithGrants(object: object.description, range: range)))
            }
        }
        catalog.setOwner(grantee.name, of: object)
    }

    /// `ON ALL <kinds> IN SCHEMA|DATABASE`: the objects that exist now; remembered for pre-existing objects the
    /// simulation learns about later.
    mutating func bulk(
        _ kind: ObjectKind, database: String, schema: String?, grant: PrivilegeStatement, grantees: [Principal],
        origin: StatementOrigin
    ) {
        let privileges = Self.privileges(grant.privileges, kind: kind)
        let withGrantOption = grant.action == .grant && grant.grantOptionRange != nil
        for grantee in grantees {
            if grant.action == .grant {
                catalog.account.bulkGrants.append(
                    BulkGrant(
                        database: database, schema: schema, objectKind: kind, privileges: privileges, grantee: grantee,
                        grantor: session.primaryRole, withGrantOption: withGrantOption, origin: origin))
            }
            guard let container = catalog.databases[database] else { continue }
            for existing in container.schemas.values.sorted(by: { $0.name < $1.name })
            where schema == nil || existing.name.schema == schema {
                if kind == .schema {
                    guard existing.name.schema != "INFORMATION_SCHEMA" else { continue }
                    change(
                        privileges, on: .schema(existing.name), grantee: grantee, grant: grant, origin: origin,
                        withGrantOption: withGrantOption)
                    continue
                }
                for table in existing.tables.values.sorted(by: { $0.name < $1.name })
                where (kind == .view) == table.isView && [.table, .view].contains(kind) {
                    change(
                        privileges, on: .table(table.name), grantee: grantee, grant: grant, origin: origin,
                        withGrantOption: withGrantOption)
                }
            }
        }
    }

    /// `ON FUTURE <kinds> IN SCHEMA|DATABASE`: who may define them, and the precedence of schema-level rules.
    mutating func future(
        _ kind: ObjectKind, schema schemaObject: ObjectName?, database databaseObject: ObjectName?,
        grant: PrivilegeStatement, grantees: [Principal], in block: Block, origin: StatementOrigin, range: SourceRange
    ) {
        var database: String
        var schema: String?
        if let schemaObject {
            guard let parts = parts(of: schemaObject, in: block) else { return }
            let nameRange = schemaObject.range.map { block.positions.range($0) } ?? range
            let mismatch = checkSchemaVariable(schemaObject, parts: parts, range: nameRange)
            guard let name = schemaName(parts, range: nameRange, quiet: mismatch) else { return }
            ensureSchema(name, range: nameRange)
            database = name.database
            schema = name.schema
            let managedOwner =
                catalog.account.managedAccessSchemas.contains(name) && owns(.schema(name), primaryOnly: false)
            if !holdsAccountPrivilege("MANAGE GRANTS", primaryOnly: false), !managedOwner {
                insufficient(
                    "MANAGE GRANTS", on: "schema \(name)", primaryOnly: false, range: range,
                    hint: "future grants in a schema need MANAGE GRANTS, or the owner of a managed-access schema")
            }
        } else if let databaseObject {
            guard let parts = parts(of: databaseObject, in: block), let name = parts.first else { return }
            let nameRange = databaseObject.range.map { block.positions.range($0) } ?? range
            checkDatabaseVariable(databaseObject, parts: parts, range: nameRange)
            ensureDatabase(name, range: nameRange)
            database = name
            if !holdsAccountPrivilege("MANAGE GRANTS", primaryOnly: false) {
                insufficient(
                    "MANAGE GRANTS", on: "database \(name)", primaryOnly: false, range: range,
                    hint: "owning the database is not enough for its future grants")
            }
        } else {
            return
        }
        let privileges = Self.privileges(grant.privileges, kind: kind)
        if grant.action == .revoke {
            catalog.account.futureGrants.removeAll {
                $0.database == database && $0.schema == schema && $0.objectKind == kind
                    && grantees.contains($0.grantee) && privileges.contains($0.privilege)
            }
            return
        }
        // A schema-level rule for the kind shadows every database-level one in that schema.
        let shadowing: (schema: String, schemaGrant: StatementOrigin, databaseGrant: StatementOrigin)? =
            if let schema {
                catalog.account.futureGrants.first {
                    $0.database == database && $0.schema == nil && $0.objectKind == kind
                }
                .map { (schema, origin, $0.origin) }
            } else {
                catalog.account.futureGrants.first {
                    $0.database == database && $0.schema != nil && $0.objectKind == kind
                }
                .map { ($0.schema ?? "", $0.origin, origin) }
            }
        if let shadowing {
            events.append(
                .snowflake(
                    .shadowedFutureGrant(
                        kind: kind.rawValue, database: database, schema: shadowing.schema, range: range,
                        schemaGrant: shadowing.schemaGrant, databaseGrant: shadowing.databaseGrant)))
        }
        for grantee in grantees {
            for privilege in privileges {
                catalog.account.futureGrants.append(
                    FutureGrant(
                        database: database, schema: schema, objectKind: kind, privilege: privilege, grantee: grantee,
                        withGrantOption: grant.grantOptionRange != nil, origin: origin))
            }
        }
    }

    /// `GRANT ROLE r TO ROLE p | USER u`: the owner of r or a MANAGE GRANTS holder may; a cycle is refused.
    mutating func roleGrant(
        _ reference: RoleReference, grant: PrivilegeStatement, to grantees: [Principal], in block: Block,
        origin: StatementOrigin
    ) {
        guard let name = self.name(reference.name, in: block) else { return }
        let range = block.positions.range(reference.name.range)
        var roleName = name
        if reference.isDatabaseRole, !name.contains(".") {
            roleName = "\(reference.database.flatMap { self.name($0, in: block) } ?? session.database ?? "").\(name)"
        }
        let role = Principal(.role, roleName)
        ensurePrincipal(role, range: range)
        if grant.action == .grant, !holdsAccountPrivilege("MANAGE GRANTS", primaryOnly: false),
            !activeRoles(primaryOnly: false).contains(Principal(.role, catalog.account.roleOwners[roleName] ?? ""))
        {
            insufficient("MANAGE GRANTS or OWNERSHIP", on: "role \(roleName)", primaryOnly: false, range: range)
        }
        for grantee in grantees {
            switch grant.action {
            case .grant:
                if grantee.kind == .role,
                    grantee == role || catalog.holders(of: role).contains(where: { $0.principal == grantee })
                {
                    events.append(.roleCycle(role: role.name, member: grantee.name, range: range))
                    continue
                }
                catalog.addMembership(
                    Membership(
                        container: role, member: grantee, withAdminOption: grant.grantOptionRange != nil, origin: origin
                    ))
            case .revoke:
                catalog.memberships.remove(container: role, member: grantee)
            }
        }
    }
}
