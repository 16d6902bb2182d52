package import RunbookSQL

// MARK: - Creating

extension Catalog {
    /// A cluster as the engine ships it: the initial database with its `public` and system schemas, the
    /// superuser `admin`, and the dialect's built-in roles (DialectProfile), and nothing else.
    package init(dialect: SQLDialect, initialDatabase: String? = nil, admin: String = "admin") {
        self.dialect = dialect
        self.initialDatabase = initialDatabase ?? dialect.profile.initialDatabase
        self.admin = admin
        databases = [:]
        principals = [
            Principal(.user, admin): PrincipalRecord(
                principal: Principal(.user, admin), origin: .initial, isSuperuser: true)
        ]
        for role in dialect.profile.builtInRoles {
            principals[Principal(.role, role)] = PrincipalRecord(
                principal: Principal(.role, role), origin: .initial, isSuperuser: false)
        }
        memberships = MembershipList()
        defaultPrivileges = []
        scopedGrants = []
        systemPermissions = []
        schemaWideChanges = []
        // A Snowflake session has no current database until one is used or created.
        if !self.initialDatabase.isEmpty { addDatabase(self.initialDatabase, owner: admin, origin: .initial) }
    }

    /// Adds a database with its `public` schema and the defaults the dialect gives PUBLIC.
    mutating func addDatabase(_ name: String, owner: String, origin: ObjectOrigin) {
        let builtIn = ProvenanceStep.builtIn("\(dialect.displayName) default for PUBLIC")
        var database = Database(name: name, owner: owner, origin: origin, grants: GrantList(), schemas: [:])
        database.grants = GrantList(
            PrivilegeVocabulary.publicDatabaseDefaults(dialect).map {
                ObjectGrant(privilege: $0, grantee: .everyone, grantor: owner, withGrantOption: false, source: builtIn)
            })
        let publicSchemaName = dialect.profile.caseFolding.fold("public")
        let publicName = SchemaName(database: name, schema: publicSchemaName)
        var publicSchema = Schema(name: publicName, owner: owner, origin: origin, grants: GrantList(), tables: [:])
        publicSchema.grants = GrantList(
            PrivilegeVocabulary.publicSchemaDefaults(dialect).map {
                ObjectGrant(privilege: $0, grantee: .everyone, grantor: owner, withGrantOption: false, source: builtIn)
            })
        database.schemas[publicSchemaName] = publicSchema
        // The system schemas every database has, usable by everyone (DialectProfile.builtInSchemas).
        for schema in dialect.profile.builtInSchemas {
            let systemName = SchemaName(database: name, schema: schema)
            database.schemas[schema] = Schema(
                name: systemName, owner: owner, origin: .initial,
                grants: GrantList([
                    ObjectGrant(
                        privilege: "USAGE", grantee: .everyone, grantor: owner, withGrantOption: false,
                        source: .builtIn("\(dialect.displayName) system schema"))
                ]), tables: [:])
        }
        databases[name] = database
    }

    /// What blocks of another engine create, as existing before the plan runs (assumed, never "created by the
    /// runbook": the tool did not check how). Schemas go into the initial database, where such pages work.
    package mutating func addCreatedOutsideChecks(_ creations: [SkippedCreation]) {
        for creation in creations {
            let origin = ObjectOrigin.assumed(firstReference: creation.range)
            switch creation.kind {
            case .user, .role, .group:
                let kind: Principal.Kind = creation.kind == .user ? .user : creation.kind == .role ? .role : .group
                let principal = Principal(kind, creation.name)
                if !exists(principal) { addPrincipal(principal, origin: origin) }
            case .database:
                if databases[creation.name] == nil { addDatabase(creation.name, owner: admin, origin: origin) }
            case .schema:
                let name = SchemaName(database: initialDatabase, schema: creation.name)
                if schema(name) == nil { addSchema(name, owner: admin, origin: origin) }
            }
        }
    }

    mutating func addSchema(_ name: SchemaName, owner: String, origin: ObjectOrigin) {
        guard databases[name.database] != nil else { return }
        databases[name.database]?.schemas[name.schema] = Schema(
            name: name, owner: owner, origin: origin, grants: GrantList(), tables: [:])
    }

    /// Adds a table owned by `owner`. A new table receives the default privileges that cover its creator and
    /// schema; an assumed (pre-existing) table receives the schema-wide grants made so far instead, since it
    /// existed when they ran.
    mutating func addTable(_ name: TableName, owner: String, isView: Bool, origin: ObjectOrigin) {
        guard databases[name.database]?.schemas[name.schema] != nil else { return }
        var table = Table(name: name, owner: owner, isView: isView, origin: origin, grants: GrantList())
        if dialect == .postgres, !origin.isAssumed {
            let revoked = revokedOwnerDefaults[name.database]?[owner] ?? []
            let otherDefaults = defaultPrivileges.contains {
                $0.database == name.database && $0.creator == owner && ($0.schema == nil || $0.schema == name.schema)
                    && $0.objectKind == .table
            }
            // An empty default ACL is no ACL at all (aclmerge returns NULL): PostgreSQL then falls back to the
            // built-in default, where the owner holds everything.
            let empty = !otherDefaults && Set(PrivilegeVocabulary.all(.table, dialect: dialect)).isSubset(of: revoked)
            table.revokedFromOwner = empty ? [] : revoked
        }
        if origin.isAssumed {
            for change in schemaWideChanges where change.schema == name.schemaName {
                table.apply(change)
            }
            // Snowflake `ON ALL … IN SCHEMA|DATABASE` ran on every table that existed then.
            for bulk in account.bulkGrants
            where bulk.database == name.database && (bulk.schema == nil || bulk.schema == name.schema)
                && bulk.objectKind == (isView ? .view : .table)
            {
                for privilege in bulk.privileges {
                    table.grants.append(
                        ObjectGrant(
                            privilege: privilege, grantee: bulk.grantee, grantor: bulk.grantor,
                            withGrantOption: bulk.withGrantOption, source: .grant(bulk.origin)))
                }
            }
        } else {
            for defaults in defaultPrivileges
            where defaults.database == name.database && defaults.creator == owner
                && (defaults.schema == nil || defaults.schema == name.schema) && defaults.objectKind == .table
            {
                table.grants.append(
                    ObjectGrant(
                        privilege: defaults.privilege, grantee: defaults.grantee, grantor: owner,
                        withGrantOption: defaults.withGrantOption, source: .defaultPrivileges(defaults.origin)))
            }
            // Snowflake future grants, any creator; schema-level ones shadow the database-level ones.
            for future in account.futureGrants(
                for: isView ? .view : .table, inSchema: name.schema, of: name.database)
            {
                table.grants.append(
                    ObjectGrant(
                        privilege: future.privilege, grantee: future.grantee, grantor: owner,
                        withGrantOption: future.withGrantOption, source: .defaultPrivileges(future.origin)))
            }
        }
        databases[name.database]?.schemas[name.schema]?.tables[name.table] = table
    }

    mutating func addPrincipal(_ principal: Principal, origin: ObjectOrigin, isSuperuser: Bool = false) {
        principals[principal] = PrincipalRecord(principal: principal, origin: origin, isSuperuser: isSuperuser)
    }

    mutating func removePrincipal(_ principal: Principal) {
        principals[principal] = nil
        memberships.remove(principal)
    }

    mutating func addMembership(_ membership: Membership) {
        memberships.insert(membership)
    }

    // MARK: Grants

    mutating func grant(_ grants: [ObjectGrant], on object: CatalogObject) {
        if dialect == .postgres, let owner = owner(of: object) {
            let toOwner = grants.filter { $0.grantee.kind != .public && $0.grantee.name == owner }.map(\.privilege)
            changeRevokedFromOwner(of: object) { $0.subtract(toOwner) }
        }
        for grant in grants {
            switch object {
            case .database(let name): databases[name]?.grants.append(grant)
            case .schema(let name): databases[name.database]?.schemas[name.schema]?.grants.append(grant)
            case .table(let name):
                databases[name.database]?.schemas[name.schema]?.tables[name.table]?.grants.append(grant)
            }
        }
    }

    /// Removes every grant of `privileges` to `grantee` on `object`, whatever statement made it.
    mutating func revoke(_ privileges: [String], from grantee: Principal, on object: CatalogObject) {
        if dialect == .postgres, grantee.kind != .public, owner(of: object) == grantee.name {
            changeRevokedFromOwner(of: object) { $0.formUnion(privileges) }
        }
        switch object {
        case .database(let name): databases[name]?.grants.remove(privileges, from: grantee)
        case .schema(let name): databases[name.database]?.schemas[name.schema]?.grants.remove(privileges, from: grantee)
        case .table(let name):
            databases[name.database]?.schemas[name.schema]?.tables[name.table]?.grants.remove(privileges, from: grantee)
        }
    }

    /// Applies `GRANT|REVOKE … ON ALL TABLES IN SCHEMA` to the schema's tables and remembers it for
    /// pre-existing tables discovered later.
    mutating func applySchemaWide(_ change: SchemaWideChange) {
        schemaWideChanges.append(change)
        guard let tables = databases[change.schema.database]?.schemas[change.schema.schema]?.tables else { return }
        for key in tables.keys {
            databases[change.schema.database]?.schemas[change.schema.schema]?.tables[key]?.apply(change)
            guard dialect == .postgres, change.grantee.kind != .public, tables[key]?.owner == change.grantee.name else {
                continue
            }
            changeRevokedFromOwner(of: .table(TableName(change.schema, key))) {
                switch change.action {
                case .grant: $0.subtract(change.privileges)
                case .revoke: $0.formUnion(change.privileges)
                }
            }
        }
    }

    /// PostgreSQL keeps an owner's privileges as ACL entries: what REVOKE took from the owner (schemas, tables).
    private mutating func changeRevokedFromOwner(of object: CatalogObject, _ body: (inout Set<String>) -> Void) {
        switch object {
        case .database:
            break
        case .schema(let name):
            guard var schema = databases[name.database]?.schemas[name.schema] else { return }
            body(&schema.revokedFromOwner)
            databases[name.database]?.schemas[name.schema] = schema
        case .table(let name):
            guard var table = databases[name.database]?.schemas[name.schema]?.tables[name.table] else { return }
            body(&table.revokedFromOwner)
            databases[name.database]?.schemas[name.schema]?.tables[name.table] = table
        }
    }

    mutating func setOwner(_ owner: String, of object: CatalogObject) {
        switch object {
        case .database(let name): databases[name]?.owner = owner
        case .schema(let name): databases[name.database]?.schemas[name.schema]?.owner = owner
        case .table(let name): databases[name.database]?.schemas[name.schema]?.tables[name.table]?.owner = owner
        }
    }

    mutating func drop(_ object: CatalogObject) {
        switch object {
        case .database(let name): databases[name] = nil
        case .schema(let name): databases[name.database]?.schemas[name.schema] = nil
        case .table(let name): databases[name.database]?.schemas[name.schema]?.tables[name.table] = nil
        }
    }
}

extension Table {
    mutating func apply(_ change: SchemaWideChange) {
        switch change.action {
        case .grant:
            for privilege in change.privileges {
                grants.append(
                    ObjectGrant(
                        privilege: privilege, grantee: change.grantee, grantor: change.grantor,
                        withGrantOption: change.withGrantOption,
                        source: .grant(change.origin)))
            }
        case .revoke:
            grants.remove(change.privileges, from: change.grantee)
        }
    }
}

// MARK: - Looking up

extension Catalog {
    package func contains(_ object: CatalogObject) -> Bool {
        switch object {
        case .database(let name): databases[name] != nil
        case .schema(let name): databases[name.database]?.schemas[name.schema] != nil
        case .table(let name): databases[name.database]?.schemas[name.schema]?.tables[name.table] != nil
        }
    }

    package func schema(_ name: SchemaName) -> Schema? { databases[name.database]?.schemas[name.schema] }

    package func table(_ name: TableName) -> Table? {
        databases[name.database]?.schemas[name.schema]?.tables[name.table]
    }

    /// The origin of an object, if it exists.
    package func origin(of object: CatalogObject) -> ObjectOrigin? {
        switch object {
        case .database(let name): databases[name]?.origin
        case .schema(let name): schema(name)?.origin
        case .table(let name): table(name)?.origin
        }
    }

    package func owner(of object: CatalogObject) -> String? {
        switch object {
        case .database(let name): databases[name]?.owner
        case .schema(let name): schema(name)?.owner
        case .table(let name): table(name)?.owner
        }
    }

    /// The grants recorded on an object (scoped grants not included: see `scopedGrants(covering:)`).
    package func grants(on object: CatalogObject) -> [ObjectGrant] {
        grantList(on: object).all
    }

    /// The grants on an object to one grantee.
    package func grants(on object: CatalogObject, to grantee: Principal) -> [ObjectGrant] {
        grantList(on: object).grants(to: grantee)
    }

    private func grantList(on object: CatalogObject) -> GrantList {
        switch object {
        case .database(let name): databases[name]?.grants ?? GrantList()
        case .schema(let name): schema(name)?.grants ?? GrantList()
        case .table(let name): table(name)?.grants ?? GrantList()
        }
    }

    /// Redshift scoped grants that cover a table, present or future.
    package func scopedGrants(covering table: TableName) -> [ScopedGrant] {
        scopedGrants.filter {
            $0.objectKind == .table && $0.database == table.database && ($0.schema == nil || $0.schema == table.schema)
        }
    }

    /// Every object, sorted: databases, then each schema followed by its tables.
    package var objects: [CatalogObject] {
        var result: [CatalogObject] = []
        for database in databases.values {
            result.append(.database(database.name))
            for schema in database.schemas.values {
                result.append(.schema(schema.name))
                result += schema.tables.values.map { .table($0.name) }
            }
        }
        return result.sorted()
    }

    /// The principals of a kind, sorted by name.
    package func principals(of kind: Principal.Kind) -> [Principal] {
        principals.keys.filter { $0.kind == kind }.sorted()
    }

    package func exists(_ principal: Principal) -> Bool { principal.kind == .public || principals[principal] != nil }

    package func isSuperuser(_ principal: Principal) -> Bool { principals[principal]?.isSuperuser ?? false }

    /// The users (and, for nesting, roles) that are direct members of a role or group.
    package func members(of container: Principal) -> [Membership] {
        memberships.all.filter { $0.container == container }.sorted { $0.member < $1.member }
    }

    /// Every user who holds `container`, directly or through nested roles.
    package func users(holding container: Principal) -> [Principal] {
        var seen: Set<Principal> = [container]
        var queue = [container]
        var users: [Principal] = []
        while let next = queue.popLast() {
            for membership in members(of: next) where seen.insert(membership.member).inserted {
                if membership.member.kind == .user {
                    users.append(membership.member)
                } else {
                    queue.append(membership.member)
                }
            }
        }
        return users.sorted()
    }
}
