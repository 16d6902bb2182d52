import RunbookDiagnostics
import RunbookModel
import RunbookSQL

// MARK: - Executing statements

extension SnowflakeSimulator {
    mutating func execute(_ statement: Statement, in block: Block) {
        let origin = StatementOrigin(statement, in: block)
        let range = block.positions.range(statement.range)
        executed.append(
            ExecutedStatement(
                statement: statement, block: block, origin: origin, database: session.database ?? "", schemas: [],
                grantees: []))
        switch statement.kind {
        case .setVariables(let assignments):
            // Every right-hand side first, then the assignments (https://docs.snowflake.com/en/sql-reference/sql/set).
            let values = assignments.map { evaluate($0.value, in: block) }
            for (assignment, value) in zip(assignments, values) {
                session.variables[assignment.name.value.uppercased()] = SessionVariable(value: value, origin: origin)
            }
        case .unsetVariables(let names):
            for name in names { session.variables[name.value.uppercased()] = nil }
        case .use(let use):
            self.use(use, in: block, range: range)
        case .createWarehouse(let create):
            createWarehouse(create, in: block, origin: origin, range: range)
        case .createDatabase(let create):
            createDatabase(create, in: block, origin: origin, range: range)
        case .createSchema(let create):
            createSchema(create, in: block, origin: origin, range: range)
        case .createRole(let create):
            createRole(create, in: block, origin: origin, range: range)
        case .createDatabaseRole(let create):
            guard let parts = parts(of: create.name, in: block) else { break }
            let database = parts.count == 2 ? parts[0] : session.database
            guard let database, let role = parts.last else {
                noCurrentDatabase(parts.joined(separator: "."), range: range, schema: nil)
                break
            }
            ensureDatabase(database, range: range)
            if !holds("CREATE DATABASE ROLE", on: .database(database), primaryOnly: true) {
                insufficient("CREATE DATABASE ROLE", on: "database \(database)", primaryOnly: true, range: range)
            }
            let principal = Principal(.role, "\(database).\(role)")
            if !catalog.exists(principal) { catalog.addPrincipal(principal, origin: .created(origin)) }
            catalog.account.roleOwners[principal.name] = session.primaryRole
        case .createUser(let create):
            createUser(create, in: block, origin: origin, range: range)
        case .alterUser(let alter):
            alterUser(alter, in: block)
        case .createTable(let create):
            createTable(create.name, isView: false, reads: create.reads, in: block, origin: origin, range: range)
        case .createView(let create):
            createTable(create.name, isView: true, reads: create.reads, in: block, origin: origin, range: range)
        case .select(let query):
            read(query.reads, in: block, range: range)
        case .grant(let grant), .revoke(let grant):
            self.grant(grant, in: block, origin: origin, range: range)
        case .drop(let drop):
            self.drop(drop, in: block)
        default:
            break
        }
    }

    // MARK: USE

    mutating func use(_ use: UseStatement, in block: Block, range: SourceRange) {
        switch use.kind {
        case .role:
            guard let name = use.name, let role = parts(of: name, in: block)?.joined(separator: ".") else { return }
            let nameRange = name.range.map { block.positions.range($0) } ?? range
            let principal = Principal(.role, role)
            ensurePrincipal(principal, range: nameRange)
            let userHolds = catalog.holders(of: session.user).contains { $0.principal == principal }
            if !userHolds {
                if session.user.name == catalog.admin, let user = soleUserHolding(principal) {
                    // "Log in as the user you created, then run": the block runs in that user's session.
                    session.user = user
                    session.warehouse = catalog.account.users[user.name]?.defaultWarehouse?.value
                } else {
                    let later = executedLaterGrant(of: role)
                    events.append(
                        .snowflake(
                            .roleNotGranted(role: role, user: session.user.name, range: nameRange, grantedLater: later))
                    )
                }
            }
            session.primaryRole = role
        case .secondaryRoles:
            session.secondaryRoles = use.secondaryRoles ?? .all
        case .warehouse:
            guard let name = use.name, let warehouse = parts(of: name, in: block)?.joined(separator: ".") else {
                return
            }
            let nameRange = name.range.map { block.positions.range($0) } ?? range
            ensureWarehouse(warehouse, range: nameRange)
            if !holdsWarehouse(warehouse, "USAGE", roles: activeRoles(primaryOnly: false)) {
                events.append(
                    .snowflake(
                        .missingUsage(
                            principal: session.primaryRole, object: "warehouse \(warehouse)",
                            missing: ["USAGE on warehouse \(warehouse)"], range: nameRange, atRunTime: true)))
            }
            session.warehouse = warehouse
        case .database:
            guard let name = use.name, let parts = parts(of: name, in: block), let database = parts.first else {
                return
            }
            let nameRange = name.range.map { block.positions.range($0) } ?? range
            ensureDatabase(database, range: nameRange)
            if !holds(nil, on: .database(database), primaryOnly: false) {
                events.append(
                    .snowflake(
                        .missingUsage(
                            principal: session.primaryRole, object: "database \(database)",
                            missing: ["USAGE on database \(database)"], range: nameRange, atRunTime: true)))
            }
            session.database = database
            session.schema = parts.count > 1 ? parts[1] : "PUBLIC"
            lastDatabase = (database, StatementOrigin(executed[executed.count - 1].statement, in: block))
        case .schema:
            guard let name = use.name, let parts = parts(of: name, in: block) else { return }
            let nameRange = name.range.map { block.positions.range($0) } ?? range
            guard let schema = schemaName(parts, range: nameRange) else { return }
            ensureSchema(schema, range: nameRange)
            session.database = schema.database
            session.schema = schema.schema
        }
    }

    /// The one user the runbook created that holds `role` directly, if exactly one does.
    func soleUserHolding(_ role: Principal) -> Principal? {
        let users = catalog.members(of: role).map(\.member).filter {
            $0.kind == .user && catalog.principals[$0]?.origin.isCreatedByRunbook == true
        }
        return users.count == 1 ? users[0] : nil
    }

    /// A later `GRANT ROLE r TO USER …` in the plan.
    func executedLaterGrant(of role: String) -> StatementOrigin? {
        var index = 0
        for (block, statements) in blocks {
            for statement in statements {
                defer { index += 1 }
                guard index > position, case .grant(let grant) = statement.kind, case .roles(let roles) = grant.target,
                    roles.contains(where: { $0.name.value == role || $0.name.variable != nil })
                else { continue }
                return StatementOrigin(statement, in: block)
            }
        }
        return nil
    }

    // MARK: CREATE

    mutating func createWarehouse(
        _ create: CreateWarehouse, in block: Block, origin: StatementOrigin, range: SourceRange
    ) {
        guard let name = self.name(create.name, in: block) else { return }
        let nameRange = block.positions.range(create.name.range)
        if !holdsAccountPrivilege("CREATE WAREHOUSE", primaryOnly: true) {
            insufficient(
                "CREATE WAREHOUSE", on: "the account", primaryOnly: true, range: range,
                hint: createHint("CREATE WAREHOUSE"))
        }
        if let existing = catalog.account.warehouses[name], existing.origin.isAssumed {
            usedBeforeCreated("warehouse", name, origin: existing.origin, createdBy: origin)
            catalog.account.warehouses[name]?.origin = .created(origin)
            catalog.account.warehouses[name]?.owner = session.primaryRole
        } else if let existing = catalog.account.warehouses[name], !create.orReplace {
            if !create.ifNotExists, case .created(let first) = existing.origin {
                events.append(
                    .alreadyExists(
                        what: "warehouse", name: name, range: nameRange, existingKind: "warehouse", existing: first))
            }
        } else {
            catalog.account.warehouses[name] = Warehouse(
                name: name, owner: session.primaryRole, origin: .created(origin), grants: GrantList())
        }
        session.warehouse = name
    }

    mutating func createDatabase(
        _ create: CreateDatabase, in block: Block, origin: StatementOrigin, range: SourceRange
    ) {
        guard let name = self.name(create.name, in: block) else { return }
        let nameRange = block.positions.range(create.name.range)
        if !holdsAccountPrivilege("CREATE DATABASE", primaryOnly: true) {
            insufficient(
                "CREATE DATABASE", on: "the account", primaryOnly: true, range: range,
                hint: createHint("CREATE DATABASE"))
        }
        if let existing = catalog.databases[name], existing.origin.isAssumed {
            usedBeforeCreated("database", name, origin: existing.origin, createdBy: origin)
            catalog.databases[name]?.origin = .created(origin)
            catalog.databases[name]?.owner = session.primaryRole
        } else if let existing = catalog.databases[name], !create.orReplace {
            if !create.ifNotExists, case .created(let first) = existing.origin {
                events.append(
                    .alreadyExists(
                        what: "database", name: name, range: nameRange, existingKind: "database", existing: first))
            }
        } else {
            catalog.databases[name] = nil
            catalog.addDatabase(name, owner: session.primaryRole, origin: .created(origin))
            for schema in catalog.databases[name]?.schemas.keys.sorted() ?? [] where schema == "PUBLIC" {
                catalog.databases[name]?.schemas[schema]?.origin = .created(origin)
            }
        }
        // CREATE DATABASE makes it (and its PUBLIC schema) current (https://docs.snowflake.com/en/sql-reference/sql/create-database).
        lastDatabase = (name, origin)
        session.database = name
        session.schema = "PUBLIC"
    }

    mutating func createSchema(_ create: CreateSchema, in block: Block, origin: StatementOrigin, range: SourceRange) {
        guard let objectName = create.name, let parts = parts(of: objectName, in: block) else { return }
        let nameRange = objectName.range.map { block.positions.range($0) } ?? range
        guard let name = schemaName(parts, range: nameRange) else { return }
        ensureDatabase(name.database, range: nameRange)
        if !holds("CREATE SCHEMA", on: .database(name.database), primaryOnly: true) {
            insufficient("CREATE SCHEMA", on: "database \(name.database)", primaryOnly: true, range: range)
        }
        if let existing = catalog.schema(name), existing.origin.isAssumed {
            usedBeforeCreated("schema", name.description, origin: existing.origin, createdBy: origin)
            catalog.databases[name.database]?.schemas[name.schema]?.origin = .created(origin)
            catalog.databases[name.database]?.schemas[name.schema]?.owner = session.primaryRole
            if create.isManagedAccess { catalog.account.managedAccessSchemas.insert(name) }
        } else if let existing = catalog.schema(name), !create.orReplace {
            if !create.ifNotExists, case .created(let first) = existing.origin {
                events.append(
                    .alreadyExists(
                        what: "schema", name: name.description, range: nameRange, existingKind: "schema",
                        existing: first))
            }
        } else {
            catalog.addSchema(name, owner: session.primaryRole, origin: .created(origin))
            for future in catalog.account.futureSchemaGrants(in: name.database) {
                catalog.grant(
                    [
                        ObjectGrant(
                            privilege: future.privilege, grantee: future.grantee, grantor: session.primaryRole,
                            withGrantOption: future.withGrantOption, source: .defaultPrivileges(future.origin))
                    ], on: .schema(name))
            }
            if create.isManagedAccess { catalog.account.managedAccessSchemas.insert(name) }
        }
        session.database = name.database
        session.schema = name.schema
    }

    mutating func createRole(_ create: CreateUser, in block: Block, origin: StatementOrigin, range: SourceRange) {
        guard let name = self.name(create.name, in: block) else { return }
        let nameRange = block.positions.range(create.name.range)
        if !holdsAccountPrivilege("CREATE ROLE", primaryOnly: true) {
            insufficient(
                "CREATE ROLE", on: "the account", primaryOnly: true, range: range, hint: createHint("CREATE ROLE"))
        }
        let role = Principal(.role, name)
        if let existing = catalog.principals[role], !create.orReplace {
            if !create.ifNotExists {
                switch existing.origin {
                case .created(let first):
                    events.append(
                        .alreadyExists(
                            what: "role", name: name, range: nameRange, existingKind: "role", existing: first))
                case .initial:
                    events.append(
                        .alreadyExists(what: "role", name: name, range: nameRange, existingKind: "role", existing: nil))
                case .assumed, .assumedAfterError:
                    break
                }
            }
            if existing.origin.isAssumed {
                usedBeforeCreated("role", name, origin: existing.origin, createdBy: origin)
                catalog.principals[role]?.origin = .created(origin)
                catalog.account.roleOwners[name] = session.primaryRole
            }
            return
        }
        catalog.addPrincipal(role, origin: .created(origin))
        catalog.account.roleOwners[name] = session.primaryRole
    }

    mutating func createUser(_ create: CreateUser, in block: Block, origin: StatementOrigin, range: SourceRange) {
        guard let name = self.name(create.name, in: block) else { return }
        let nameRange = block.positions.range(create.name.range)
        if !holdsAccountPrivilege("CREATE USER", primaryOnly: true) {
            insufficient(
                "CREATE USER", on: "the account", primaryOnly: true, range: range, hint: createHint("CREATE USER"))
        }
        let user = Principal(.user, name)
        if let existing = catalog.principals[user], existing.origin.isAssumed {
            usedBeforeCreated("user", name, origin: existing.origin, createdBy: origin)
        }
        if let existing = catalog.principals[user], !create.orReplace, case .created(let first) = existing.origin {
            if !create.ifNotExists {
                events.append(
                    .alreadyExists(what: "user", name: name, range: nameRange, existingKind: "user", existing: first))
            }
            return
        }
        catalog.addPrincipal(user, origin: .created(origin))
        var profile = UserProfile(name: name, origin: origin)
        apply(create.options, to: &profile, in: block)
        catalog.account.users[name] = profile
    }

    mutating func alterUser(_ alter: AlterUser, in block: Block) {
        guard let name = self.name(alter.name, in: block), var profile = catalog.account.users[name] else { return }
        switch alter.action {
        case .options(let options): apply(options, to: &profile, in: block)
        case .unsetProperties(let names):
            for property in names {
                switch property {
                case "PASSWORD": profile.password = nil
                case "RSA_PUBLIC_KEY": profile.hasKeyPair = false
                case "DEFAULT_ROLE": profile.defaultRole = nil
                case "DEFAULT_WAREHOUSE": profile.defaultWarehouse = nil
                default: break
                }
            }
        default: break
        }
        catalog.account.users[name] = profile
    }

    /// PASSWORD, RSA_PUBLIC_KEY, TYPE, DEFAULT_ROLE and DEFAULT_WAREHOUSE, as the session resolves them.
    mutating func apply(_ options: [UserOption], to profile: inout UserProfile, in block: Block) {
        for option in options {
            let range = block.positions.range(option.range)
            switch option.kind {
            case .password(let spec, _, _):
                switch spec {
                case .null, .disable: profile.password = nil
                default: profile.password = range
                }
            case .property(let name, let value):
                let resolved = self.value(value, at: range)
                switch name {
                case "PASSWORD": profile.password = resolved == "" ? nil : range
                case "RSA_PUBLIC_KEY", "RSA_PUBLIC_KEY_2": profile.hasKeyPair = true
                case "TYPE": profile.type = resolved.map { UserProfile.Setting(value: $0.uppercased(), range: range) }
                case "DEFAULT_ROLE":
                    profile.defaultRole = resolved.map {
                        UserProfile.Setting(value: Self.folded($0, value), range: range)
                    }
                case "DEFAULT_WAREHOUSE":
                    profile.defaultWarehouse = resolved.map {
                        UserProfile.Setting(value: Self.folded($0, value), range: range)
                    }
                default: break
                }
            default: break
            }
        }
    }

    /// A property value as text: strings unescaped, names as folded, variables from the session.
    mutating func value(_ value: PropertyValue, at range: SourceRange) -> String? {
        switch value {
        case .string(let text): return Placeholders.looksLikePlaceholder(text) ? nil : text
        case .name(let name): return name.dotted
        case .literal(let text): return text
        case .variable(let variable):
            if case .text(let text) = self.value(of: variable, at: range), !Placeholders.looksLikePlaceholder(text) {
                return text
            }
            return nil
        case .other: return nil
        }
    }

    /// `DEFAULT_ROLE = 'segment_role'` names the role SEGMENT_ROLE: the string is an identifier, folded as one.
    static func folded(_ text: String, _ value: PropertyValue) -> String {
        if case .name = value { return text }
        return splitQualified(text).joined(separator: ".")
    }

    mutating func createTable(
        _ objectName: ObjectName, isView: Bool, reads: [ObjectName], in block: Block, origin: StatementOrigin,
        range: SourceRange
    ) {
        guard let parts = parts(of: objectName, in: block) else { return }
        let nameRange = objectName.range.map { block.positions.range($0) } ?? range
        guard let name = tableName(parts, range: nameRange) else { return }
        ensureSchema(name.schemaName, range: nameRange)
        let privilege = isView ? "CREATE VIEW" : "CREATE TABLE"
        if !holds(privilege, on: .schema(name.schemaName), primaryOnly: true) {
            insufficient(privilege, on: "schema \(name.schemaName)", primaryOnly: true, range: range)
        }
        if !reads.isEmpty { read(reads, in: block, range: range) }
        if let existing = catalog.table(name), existing.origin.isAssumed {
            usedBeforeCreated(isView ? "view" : "table", name.description, origin: existing.origin, createdBy: origin)
        }
        catalog.addTable(name, owner: session.primaryRole, isView: isView, origin: .created(origin))
    }

    // MARK: Reading

    /// A query needs a current warehouse the roles may use, and USAGE on each table's database and schema and
    /// SELECT on it (https://docs.snowflake.com/en/user-guide/security-access-control-configure, "Creating a
    /// read-only role").
    mutating func read(_ relations: [ObjectName], in block: Block, range: SourceRange) {
        let roles = activeRoles(primaryOnly: false)
        var missing: [String] = []
        var noWarehouse = false
        let asPerson = session.user.name == catalog.admin
        if let warehouse = session.warehouse {
            if !asPerson || catalog.account.warehouses[warehouse]?.origin.isCreatedByRunbook == true,
                !holdsWarehouse(warehouse, "USAGE", roles: roles)
            {
                missing.append("USAGE on warehouse \(warehouse)")
            }
        } else if !asPerson {
            missing.append(
                "a current warehouse (\(session.user.name) has no DEFAULT_WAREHOUSE and the step runs no USE WAREHOUSE)"
            )
            noWarehouse = true
        }
        var objects: [String] = []
        for relation in relations {
            guard let parts = parts(of: relation, in: block) else { continue }
            let relationRange = relation.range.map { block.positions.range($0) } ?? range
            guard let table = tableName(parts, range: relationRange) else { continue }
            ensureTable(table, range: relationRange)
            objects.append("table \(table)")
            if !holds(nil, on: .database(table.database), primaryOnly: false) {
                missing.append("USAGE on database \(table.database)")
            }
            if !holds("USAGE", on: .schema(table.schemaName), primaryOnly: false) {
                missing.append("USAGE on schema \(table.schemaName)")
            }
            if !holds("SELECT", on: .table(table), primaryOnly: false) { missing.append("SELECT on table \(table)") }
        }
        guard !missing.isEmpty else { return }
        events.append(
            .snowflake(
                .missingUsage(
                    principal: session.primaryRole, object: objects.joined(separator: ", "), missing: missing,
                    range: range, atRunTime: true, noWarehouseOnly: noWarehouse && missing.count == 1)))
    }

    // MARK: DROP

    mutating func drop(_ drop: DropStatement, in block: Block) {
        for name in drop.names {
            guard let parts = parts(of: name, in: block) else { continue }
            let joined = parts.joined(separator: ".")
            switch drop.objectType {
            case "ROLE": catalog.removePrincipal(Principal(.role, joined))
            case "USER":
                catalog.removePrincipal(Principal(.user, joined))
                catalog.account.users[joined] = nil
            case "DATABASE": catalog.databases[joined] = nil
            case "WAREHOUSE": catalog.account.warehouses[joined] = nil
            default: break
            }
        }
    }
}
