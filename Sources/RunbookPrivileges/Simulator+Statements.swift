import RunbookDiagnostics
import RunbookModel
import RunbookSQL

// MARK: - Executing statements

extension Simulator {
    mutating func execute(_ statement: Statement, in block: Block) {
        // A template's `<schema-name>` (also quoted, `"<database name>"`) stands for a name the reader picks:
        // there is nothing to simulate.
        guard !statement.identifiers.contains(where: \.isStandIn) else { return }
        let origin = StatementOrigin(statement, in: block)
        let range = block.positions.range(statement.range)
        var record = ExecutedStatement(
            statement: statement, block: block, origin: origin, database: connection, schemas: [], grantees: [])
        switch statement.kind {
        case .createDatabase(let create):
            createDatabase(create, in: block, origin: origin)
        case .alterDatabase(let alter):
            if case .owner(let owner) = alter.action, let name = alter.name.name?.value {
                ensureDatabase(name, range: range)
                catalog.setOwner(owner.value, of: .database(name))
            }
        case .createSchema(let create):
            createSchema(create, in: block, origin: origin)
        case .alterSchema(let alter):
            if case .owner(let owner) = alter.action, let name = Self.schemaName(alter.name, connection: connection) {
                ensureSchema(name, range: range)
                catalog.setOwner(owner.value, of: .schema(name))
            }
        case .createUser(let create):
            createUser(create, in: block, origin: origin)
        case .createRole(let create):
            let role = Principal(.role, create.name.value)
            if !reportExisting(role, range: block.positions.range(create.name.range)) {
                catalog.addPrincipal(role, origin: .created(origin))
            }
        case .alterUser(let alter):
            if case .options(let options) = alter.action,
                options.contains(where: { if case .createUser(true) = $0.kind { true } else { false } })
            {
                catalog.principals[Principal(.user, alter.name.value)]?.isSuperuser = true
            }
        case .alterRole:
            break
        case .createGroup(let create):
            let group = Principal(.group, create.name.value)
            guard !reportExisting(group, range: block.positions.range(create.name.range)) else { break }
            catalog.addPrincipal(group, origin: .created(origin))
            for user in create.users {
                let member = Principal(.user, user.value)
                ensurePrincipal(member, range: block.positions.range(user.range))
                catalog.addMembership(
                    Membership(container: group, member: member, withAdminOption: false, origin: origin))
            }
        case .alterGroup(let alter):
            alterGroup(alter, in: block, origin: origin)
        case .drop(let drop):
            self.drop(drop)
        case .grant(let grant), .revoke(let grant):
            record.grantees = grant.grantees.compactMap { resolve($0, in: block) }
            record.schemas = apply(grant, grantees: record.grantees, in: block, origin: origin)
        case .alterDefaultPrivileges(let defaults):
            record.grantees = defaults.action.grantees.compactMap { resolve($0, in: block) }
            record.schemas = apply(defaults, grantees: record.grantees, in: block, origin: origin)
        case .createTable(let create):
            createTable(create.name, isView: false, ifNotExists: create.ifNotExists, in: block, origin: origin)
        case .createView(let create):
            createTable(create.name, isView: true, ifNotExists: create.orReplace, in: block, origin: origin)
        case .set(let set) where set.name == "role":
            currentRole = Self.roleName(set.value)
        case .reset(let name) where name == "role" || name == "all":
            currentRole = sessionUser
        case .metaCommand, .set, .reset, .show, .transaction, .select, .opaque, .invalid:
            break
        // Snowflake's statements: its own model simulates them.
        case .setVariables, .unsetVariables, .use, .createWarehouse, .createDatabaseRole, .showGrants:
            break
        }
        executed.append(record)
    }

    private mutating func createDatabase(_ create: CreateDatabase, in block: Block, origin: StatementOrigin) {
        let name = create.name.value
        var owner = catalog.admin
        for option in create.options {
            if case .owner(let identifier) = option.kind { owner = identifier.value }
        }
        let range = block.positions.range(create.name.range)
        if reportExisting("database", name, origin: catalog.databases[name]?.origin, range: range) { return }
        catalog.addDatabase(name, owner: owner, origin: .created(origin))
    }

    private mutating func createSchema(_ create: CreateSchema, in block: Block, origin: StatementOrigin) {
        let owner = create.authorization?.value ?? currentRole ?? catalog.admin
        if let authorization = create.authorization {
            ensurePrincipal(Principal(.user, authorization.value), range: block.positions.range(authorization.range))
        }
        guard
            let name = create.name.flatMap({ Self.schemaName($0, connection: connection) })
                ?? create.authorization.map({ SchemaName(database: connection, schema: $0.value) })
        else { return }
        if name.database != connection, let range = create.name?.range {
            ensureDatabase(name.database, range: block.positions.range(range))
        }
        if create.ifNotExists, catalog.schema(name) != nil { return }
        let range = (create.name?.range ?? create.authorization?.range).map(block.positions.range) ?? origin.range
        if reportExisting("schema", name.schema, origin: catalog.schema(name)?.origin, range: range) { return }
        catalog.addSchema(name, owner: owner, origin: .created(origin))
    }

    private mutating func createUser(_ create: CreateUser, in block: Block, origin: StatementOrigin) {
        let user = Principal(.user, create.name.value)
        let superuser = create.options.contains { if case .createUser(true) = $0.kind { true } else { false } }
        if reportExisting(user, range: block.positions.range(create.name.range)) { return }
        catalog.addPrincipal(user, origin: .created(origin), isSuperuser: superuser)
        for option in create.options {
            guard case .inGroup(let groups) = option.kind else { continue }
            for group in groups {
                let container = Principal(.group, group.value)
                ensurePrincipal(container, range: block.positions.range(group.range))
                catalog.addMembership(
                    Membership(container: container, member: user, withAdminOption: false, origin: origin))
            }
        }
    }

    private mutating func alterGroup(_ alter: AlterGroup, in block: Block, origin: StatementOrigin) {
        let group = Principal(.group, alter.name.value)
        ensurePrincipal(group, range: block.positions.range(alter.name.range))
        switch alter.action {
        case .addUsers(let users):
            for user in users {
                let member = Principal(.user, user.value)
                ensurePrincipal(member, range: block.positions.range(user.range))
                catalog.addMembership(
                    Membership(container: group, member: member, withAdminOption: false, origin: origin))
            }
        case .dropUsers(let users):
            let names = Set(users.map(\.value))
            for name in names { catalog.memberships.remove(container: group, member: Principal(.user, name)) }
        case .rename:
            break
        }
    }

    private mutating func drop(_ drop: DropStatement) {
        for name in drop.names {
            let parts = name.parts.map(\.value)
            guard let last = parts.last else { continue }
            switch drop.objectType {
            case "DATABASE": catalog.drop(.database(last))
            case "SCHEMA":
                if let schema = Self.schemaName(name, connection: connection) { catalog.drop(.schema(schema)) }
            case "TABLE", "VIEW", "MATERIALIZED VIEW":
                if let table = Self.tableName(name, connection: connection) { catalog.drop(.table(table)) }
            case "USER": catalog.removePrincipal(Principal(.user, last))
            case "ROLE":
                catalog.removePrincipal(
                    dialect == .postgres
                        ? anyPrincipal(named: last) ?? Principal(.role, last)
                        : Principal(.role, last))
            case "GROUP": catalog.removePrincipal(Principal(.group, last))
            default: break
            }
        }
    }

    /// The role `SET ROLE value` switches to; nil for `NONE` and `DEFAULT` (back to the session user).
    static func roleName(_ value: String) -> String? {
        let trimmed = Substring(value).drop { $0 == " " }.reversed().drop { $0 == " " }.reversed()
        let text = String(trimmed)
        if text.count >= 2, let first = text.first, first == "\"" || first == "'", text.last == first {
            return String(text.dropFirst().dropLast())
        }
        let lower = text.lowercased()
        return lower == "none" || lower == "default" || lower.isEmpty ? nil : lower
    }

    private mutating func createTable(
        _ name: ObjectName, isView: Bool, ifNotExists: Bool, in block: Block, origin: StatementOrigin
    ) {
        guard let table = Self.tableName(name, connection: connection), let range = name.range else { return }
        ensureSchema(table.schemaName, range: block.positions.range(range))
        if ifNotExists, catalog.table(table) != nil { return }
        if reportExisting(
            isView ? "view" : "table", "\(table.schema).\(table.table)", origin: catalog.table(table)?.origin,
            range: block.positions.range(range))
        {
            return
        }
        catalog.addTable(table, owner: currentRole ?? catalog.admin, isView: isView, origin: .created(origin))
    }

    // MARK: GRANT and REVOKE

    /// Applies a GRANT or REVOKE; returns the schemas it names (directly or as the home of named tables).
    private mutating func apply(
        _ statement: PrivilegeStatement, grantees: [Principal], in block: Block, origin: StatementOrigin
    ) -> [SchemaName] {
        let withGrantOption = statement.action == .grant && statement.grantOptionRange != nil
        var schemas: [SchemaName] = []
        func change(_ object: CatalogObject, _ kind: GrantableKind) {
            let privileges = PrivilegeVocabulary.expand(statement.privileges, on: kind, dialect: dialect)
            for grantee in grantees {
                switch statement.action {
                case .grant:
                    catalog.grant(
                        privileges.map {
                            ObjectGrant(
                                privilege: $0, grantee: grantee, grantor: catalog.admin,
                                withGrantOption: withGrantOption, source: .grant(origin))
                        }, on: object)
                case .revoke:
                    catalog.revoke(privileges, from: grantee, on: object)
                }
            }
        }
        switch statement.target {
        case .objects(let kind, let names, _):
            for name in names {
                guard let range = name.range.map(block.positions.range) else { continue }
                switch kind {
                case .database:
                    guard let database = name.name?.value else { continue }
                    ensureDatabase(database, range: range)
                    change(.database(database), .database)
                case .schema:
                    guard let schema = Self.schemaName(name, connection: connection) else { continue }
                    ensureSchema(schema, range: range)
                    schemas.append(schema)
                    change(.schema(schema), .schema)
                case .table:
                    guard let table = Self.tableName(name, connection: connection) else { continue }
                    ensureTable(table, range: range)
                    schemas.append(table.schemaName)
                    change(.table(table), .table)
                default:
                    continue
                }
            }
        case .allInSchema(.table, let names):
            for name in names {
                guard let schema = Self.schemaName(name, connection: connection),
                    let range = name.range.map(block.positions.range)
                else { continue }
                ensureSchema(schema, range: range)
                schemas.append(schema)
                let privileges = PrivilegeVocabulary.expand(statement.privileges, on: .table, dialect: dialect)
                for grantee in grantees {
                    catalog.applySchemaWide(
                        SchemaWideChange(
                            action: statement.action, schema: schema, privileges: privileges, grantee: grantee,
                            grantor: catalog.admin, withGrantOption: withGrantOption, origin: origin))
                }
            }
        case .scoped(let kind, let schemaName, let databaseName, let range):
            let database = databaseName?.value ?? connection
            ensureDatabase(database, range: block.positions.range(databaseName?.range ?? range))
            var schema: String?
            if let schemaName, let name = schemaName.name?.value, let schemaRange = schemaName.range {
                let resolved = SchemaName(database: database, schema: name)
                ensureSchema(resolved, range: block.positions.range(schemaRange))
                schemas.append(resolved)
                schema = name
            }
            let objectKind: ObjectKind = kind == .schema ? .schema : kind
            let privileges = PrivilegeVocabulary.expand(
                statement.privileges, on: kind == .schema ? .schema : .table, dialect: dialect)
            for grantee in grantees {
                switch statement.action {
                case .grant:
                    for privilege in privileges {
                        catalog.scopedGrants.append(
                            ScopedGrant(
                                database: database, schema: schema, objectKind: objectKind, privilege: privilege,
                                grantee: grantee, withGrantOption: withGrantOption, origin: origin))
                    }
                case .revoke:
                    catalog.scopedGrants.removeAll {
                        $0.database == database && $0.schema == schema && $0.objectKind == objectKind
                            && $0.grantee == grantee && privileges.contains($0.privilege)
                    }
                }
            }
        case .roles(let references):
            let containers = references.map { resolve($0, in: block) }
            for container in containers {
                for member in grantees {
                    switch statement.action {
                    case .grant:
                        guard !closesCycle(container, member, range: origin.range) else { continue }
                        catalog.addMembership(
                            Membership(
                                container: container, member: member,
                                withAdminOption: statement.adminOptionRange != nil,
                                origin: origin))
                    case .revoke:
                        catalog.memberships.remove(container: container, member: member)
                    }
                }
            }
        case .systemPermissions:
            let permissions: [String] =
                switch statement.privileges {
                case .all: ["ALL"]
                case .list(let list): list.map(\.name)
                }
            for grantee in grantees {
                switch statement.action {
                case .grant:
                    for permission in permissions {
                        catalog.systemPermissions.append(
                            SystemPermissionGrant(permission: permission, grantee: grantee, origin: origin))
                    }
                case .revoke:
                    catalog.systemPermissions.removeAll { $0.grantee == grantee && permissions.contains($0.permission) }
                }
            }
        // Snowflake's forms are the Snowflake model's (account, ON ALL … IN DATABASE, ON FUTURE).
        case .allInSchema, .routines, .defaultObjects, .account, .allInDatabase, .future:
            break
        }
        return schemas
    }

    // MARK: ALTER DEFAULT PRIVILEGES

    private mutating func apply(
        _ defaults: DefaultPrivileges, grantees: [Principal], in block: Block, origin: StatementOrigin
    ) -> [SchemaName] {
        guard case .defaultObjects(let kind, _) = defaults.action.target, kind == .table else { return [] }
        var creators: [String] = []
        for target in defaults.targets {
            let principal =
                dialect == .postgres
                ? anyPrincipal(named: target.value) ?? Principal(.user, target.value)
                : Principal(.user, target.value)
            ensurePrincipal(principal, range: block.positions.range(target.range))
            creators.append(target.value)
        }
        if creators.isEmpty { creators = [currentRole ?? catalog.admin] }
        var schemas: [SchemaName] = []
        for name in defaults.schemas {
            guard let schema = Self.schemaName(name, connection: connection), let range = name.range else { continue }
            ensureSchema(schema, range: block.positions.range(range))
            schemas.append(schema)
        }
        let schemaScopes: [String?] = schemas.isEmpty ? [nil] : schemas.map(\.schema)
        let privileges = PrivilegeVocabulary.expand(defaults.action.privileges, on: .table, dialect: dialect)
        let withGrantOption = defaults.action.action == .grant && defaults.action.grantOptionRange != nil
        for creator in creators {
            for schema in schemaScopes {
                for grantee in grantees {
                    // PostgreSQL keeps the owner's own privileges in the default ACL: only a global REVOKE
                    // (no IN SCHEMA) from the creator takes them from its future tables.
                    if dialect == .postgres, schema == nil, grantee.kind != .public, grantee.name == creator {
                        var revoked = catalog.revokedOwnerDefaults[connection]?[creator] ?? []
                        switch defaults.action.action {
                        case .grant: revoked.subtract(privileges)
                        case .revoke: revoked.formUnion(privileges)
                        }
                        catalog.revokedOwnerDefaults[connection, default: [:]][creator] = revoked
                    }
                    switch defaults.action.action {
                    case .grant:
                        for privilege in privileges {
                            catalog.defaultPrivileges.append(
                                DefaultPrivilege(
                                    database: connection, creator: creator, schema: schema, objectKind: .table,
                                    privilege: privilege, grantee: grantee, withGrantOption: withGrantOption,
                                    origin: origin))
                        }
                    case .revoke:
                        catalog.defaultPrivileges.removeAll {
                            $0.database == connection && $0.creator == creator && $0.schema == schema
                                && $0.grantee == grantee && privileges.contains($0.privilege)
                        }
                    }
                }
            }
        }
        return schemas
    }
}

extension Identifier {
    /// Template text where a name belongs: a placeholder token, or a quoted name such as `"<enter name here>"`.
    var isStandIn: Bool {
        isPlaceholder || (value.hasPrefix("<") && value.hasSuffix(">"))
    }
}

// MARK: - Statements the database would reject

extension Simulator {
    /// Reports creating an object that exists already; an assumed object is simply taken over.
    mutating func reportExisting(_ what: String, _ name: String, origin: ObjectOrigin?, range: SourceRange) -> Bool {
        switch origin {
        case .created(let existing):
            events.append(.alreadyExists(what: what, name: name, range: range, existingKind: what, existing: existing))
            return true
        case .initial:
            events.append(.alreadyExists(what: what, name: name, range: range, existingKind: what, existing: nil))
            return true
        case .assumed, .assumedAfterError, nil:
            return false
        }
    }

    /// Reports creating a user, role or group whose name is taken: by the same kind, by a user when a role is
    /// created (Redshift role names must differ from user names, §0), or by any role in PostgreSQL.
    mutating func reportExisting(_ principal: Principal, range: SourceRange) -> Bool {
        let clashing: [Principal.Kind] =
            switch (dialect, principal.kind) {
            case (.postgres, _): [.user, .role, .group]
            case (.redshift, .role), (.redshift, .user): [.user, .role]
            default: [principal.kind]
            }
        for kind in clashing {
            guard let record = catalog.principals[Principal(kind, principal.name)] else { continue }
            let existing: StatementOrigin?
            switch record.origin {
            case .created(let origin): existing = origin
            case .initial: existing = nil
            case .assumed, .assumedAfterError:
                // Kept as if it had worked until now; the CREATE takes it over with its memberships.
                continue
            }
            events.append(
                .alreadyExists(
                    what: principal.kind.rawValue, name: principal.name, range: range, existingKind: kind.rawValue,
                    existing: existing))
            return true
        }
        return false
    }

    /// Whether giving `container` to `member` would make a role hold itself; reports it when so.
    mutating func closesCycle(_ container: Principal, _ member: Principal, range: SourceRange) -> Bool {
        guard member.kind != .user, member.kind != .public else { return false }
        guard container == member || catalog.holders(of: container).contains(where: { $0.principal == member })
        else { return false }
        events.append(.roleCycle(role: container.name, member: member.name, range: range))
        return true
    }
}
