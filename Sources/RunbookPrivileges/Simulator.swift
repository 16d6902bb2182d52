import RunbookDiagnostics
package import RunbookModel
package import RunbookSQL

/// Runs one variant's plan, statement by statement, against a catalog, as the admin superuser.
///
/// A statement the database would reject (a grant to a role that does not exist, a schema that is not there)
/// is recorded as an event and then applied as if it had worked, so that one mistake is reported once.
package struct Simulator {
    /// What the plan runs, flattened: connection switches and statements in order.
    enum PlanStep {
        /// `user`: who the new session runs as (nil: the user in force).
        case connect(database: String, user: ConnectionUser?, range: SourceRange)
        case statement(Statement, Block)
    }

    /// Something the plan creates, keyed for "it is created later" notes.
    enum CreationKey: Hashable {
        case principal(Principal)
        case database(String)
        case schema(SchemaName)
        case table(TableName)
    }

    enum CreationKind: String, Hashable {
        case principal, database, schema, table
    }

    let runbook: Runbook
    let variant: Variant
    let dialect: SQLDialect
    let steps: [PlanStep]
    /// Where the plan creates each thing (position in `steps`, statement).
    let plannedCreations: [CreationKey: (position: Int, origin: StatementOrigin)]
    /// The names the plan creates, by kind and container (a principal's kind, a schema's database, a table's
    /// schema), for near-miss suggestions without scanning every creation per reference.
    let plannedNameIndex: [String: [String]]
    /// Role and group names that any block of the runbook creates: a bare grantee naming one is the SQL
    /// checks' finding (`sql.grantee-missing-keyword`), not an unknown user.
    let rolesAnywhere: Set<String>
    let groupsAnywhere: Set<String>

    var catalog: Catalog
    var connection: String
    var position = 0
    var events: [SimulationEvent] = []
    var executed: [ExecutedStatement] = []
    /// The role set by `SET ROLE` (PostgreSQL), or the user a connection switch logged in as: it owns what is
    /// created. Nil: the admin.
    var currentRole: String?
    /// The user the session logged in as (a switch "as user2 on db2"); nil: the admin. `RESET ROLE` and a new
    /// connection go back to it.
    var sessionUser: String?

    init(runbook: Runbook, statements: ParsedBlocks, variant: Variant, dialect: SQLDialect, catalog: Catalog) {
        self.runbook = runbook
        self.variant = variant
        self.dialect = dialect
        self.catalog = catalog
        self.connection = catalog.initialDatabase
        self.steps = Self.flatten(runbook.plan(for: variant), statements: statements)
        var roles = Set<String>()
        var groups = Set<String>()
        for statement in statements.all {
            switch statement.kind {
            case .createRole(let create): roles.insert(create.name.value)
            case .createGroup(let create): groups.insert(create.name.value)
            default: break
            }
        }
        rolesAnywhere = roles
        groupsAnywhere = groups
        plannedCreations = Self.creations(in: steps, initialDatabase: catalog.initialDatabase)
        var index: [String: [String]] = [:]
        for key in plannedCreations.keys {
            let (kind, container, name): (CreationKind, String, String) =
                switch key {
                case .principal(let principal): (.principal, principal.kind.rawValue, principal.name)
                case .database(let database): (.database, "", database)
                case .schema(let schema): (.schema, schema.database, schema.schema)
                case .table(let table): (.table, table.schemaName.description, table.table)
                }
            index["\(kind.rawValue):\(container)", default: []].append(name)
        }
        plannedNameIndex = index.mapValues { $0.sorted() }
    }

    func plannedNames(of kind: CreationKind, in container: String) -> [String] {
        plannedNameIndex["\(kind.rawValue):\(container)"] ?? []
    }

    /// Simulates one variant of a runbook; `statements` holds each block's parsed statements.
    package static func run(
        runbook: Runbook, statements: ParsedBlocks, variant: Variant, dialect: SQLDialect = .redshift,
        catalog: Catalog? = nil
    ) -> Simulation {
        var simulator = Simulator(
            runbook: runbook, statements: statements, variant: variant, dialect: dialect,
            catalog: catalog ?? Catalog(dialect: dialect))
        simulator.runAll()
        return Simulation(
            runbook: runbook, variant: variant, dialect: dialect, catalog: simulator.catalog,
            executed: simulator.executed, events: simulator.events)
    }

    mutating func runAll() {
        // At most one record per step: reserved once rather than grown by doubling, which copied every record
        // each time (a block of 100,000 grants held two copies while growing).
        executed.reserveCapacity(steps.count)
        for (index, step) in steps.enumerated() {
            position = index
            switch step {
            case .connect(let database, let user, let range):
                connect(to: database, as: user, range: range)
            case .statement(let statement, let block):
                execute(statement, in: block)
            }
        }
    }

    // MARK: - Plan

    static func flatten(_ plan: Plan, statements: ParsedBlocks) -> [PlanStep] {
        var steps: [PlanStep] = []
        for entry in plan.entries {
            switch entry {
            case .connect(let database, let because):
                steps.append(.connect(database: database, user: because.user, range: because.range))
            case .block(let block, _):
                for statement in statements.statements(of: block) {
                    if case .metaCommand(let command) = statement.kind, ["c", "connect"].contains(command.command),
                        let database = command.arguments.first
                    {
                        let user = command.arguments.dropFirst().first.flatMap {
                            $0 == "-" ? nil : ConnectionUser.named($0)
                        }
                        steps.append(
                            .connect(database: database, user: user, range: block.positions.range(statement.range)))
                    } else {
                        steps.append(.statement(statement, block))
                    }
                }
            case .instruction, .stay:
                continue
            }
        }
        return steps
    }

    /// The first creation of each database, schema, table and principal, following the connection.
    static func creations(
        in steps: [PlanStep], initialDatabase: String
    ) -> [CreationKey: (position: Int, origin: StatementOrigin)] {
        var result: [CreationKey: (position: Int, origin: StatementOrigin)] = [:]
        var connection = initialDatabase
        for (position, step) in steps.enumerated() {
            switch step {
            case .connect(let database, _, _):
                connection = database
            case .statement(let statement, let block):
                guard !statement.identifiers.contains(where: \.isStandIn) else { continue }
                // The origin (its summary joins the statement's tokens) only for a statement that creates something.
                var origin: StatementOrigin?
                for key in createdKeys(statement, connection: connection) where result[key] == nil {
                    let made = origin ?? StatementOrigin(statement, in: block)
                    origin = made
                    result[key] = (position, made)
                }
            }
        }
        return result
    }

    static func createdKeys(_ statement: Statement, connection: String) -> [CreationKey] {
        switch statement.kind {
        case .createDatabase(let create): [.database(create.name.value)]
        case .createUser(let create): [.principal(Principal(.user, create.name.value))]
        case .createRole(let create): [.principal(Principal(.role, create.name.value))]
        case .createGroup(let create): [.principal(Principal(.group, create.name.value))]
        case .createSchema(let create):
            (create.name.flatMap { schemaName($0, connection: connection) }
                ?? create.authorization.map { SchemaName(database: connection, schema: $0.value) }).map {
                    [.schema($0)]
                } ?? []
        case .createTable(let create): tableName(create.name, connection: connection).map { [.table($0)] } ?? []
        case .createView(let create): tableName(create.name, connection: connection).map { [.table($0)] } ?? []
        default: []
        }
    }

    static func schemaName(_ name: ObjectName, connection: String) -> SchemaName? {
        let parts = name.parts.map(\.value)
        switch parts.count {
        case 1: return SchemaName(database: connection, schema: parts[0])
        case 2: return SchemaName(database: parts[0], schema: parts[1])
        default: return nil
        }
    }

    /// Unqualified tables resolve to `public`, the first schema of the default search path; a system catalog's
    /// name (`pg_stat_database`) to `pg_catalog`, which PostgreSQL and Redshift search before the path.
    static func tableName(_ name: ObjectName, connection: String) -> TableName? {
        let parts = name.parts.map(\.value)
        switch parts.count {
        case 1:
            let schema = parts[0].hasPrefix("pg_") ? "pg_catalog" : "public"
            return TableName(database: connection, schema: schema, table: parts[0])
        case 2: return TableName(database: connection, schema: parts[0], table: parts[1])
        case 3: return TableName(database: parts[0], schema: parts[1], table: parts[2])
        default: return nil
        }
    }

    // MARK: - Connections

    mutating func connect(to database: String, as user: ConnectionUser?, range: SourceRange) {
        switch user {
        case .named(let name) where name != catalog.admin: logIn(as: name, range: range)
        case .named, .administrator: sessionUser = nil
        case nil: break
        }
        // A new session: whatever SET ROLE said is gone.
        currentRole = sessionUser
        if catalog.databases[database] == nil {
            if let missing = missing(
                "database", database, key: .database(database), range: range,
                candidates: databaseCandidates)
            {
                events.append(.missingConnectionTarget(missing))
                catalog.addDatabase(database, owner: catalog.admin, origin: .assumedAfterError(firstReference: range))
            } else {
                catalog.addDatabase(database, owner: catalog.admin, origin: .assumed(firstReference: range))
                events.append(.assumed(what: "database", name: database, range: range))
            }
        }
        connection = database
    }

    /// A switch that logs in as `name`: the user (or a role, which PostgreSQL lets log in) must exist by then,
    /// created earlier or assumed by an earlier statement; otherwise the switch is reported and the user assumed.
    mutating func logIn(as name: String, range: SourceRange) {
        sessionUser = name
        let user = Principal(.user, name)
        guard !catalog.exists(user), !catalog.exists(Principal(.role, name)) else { return }
        let missing =
            self.missing(
                "user", name, key: .principal(user), range: range,
                candidates: plannedNames(of: .principal, in: Principal.Kind.user.rawValue))
            ?? MissingName(what: "user", name: name, range: range)
        events.append(.missingConnectionUser(missing))
        catalog.addPrincipal(user, origin: .assumedAfterError(firstReference: range))
    }

    // MARK: - Names that must exist

    /// A `MissingName` when `name` is created later or is a near miss of a known name; nil when it may be assumed.
    func missing(
        _ what: String, _ name: String, key: CreationKey, range: SourceRange, candidates: [String],
        shownAs display: String? = nil
    ) -> MissingName? {
        if let planned = plannedCreations[key], planned.position > position {
            return MissingName(what: what, name: display ?? name, range: range, createdLater: planned.origin)
        }
        if let suggestion = Suggestion.closest(to: name, in: candidates) {
            return MissingName(what: what, name: display ?? name, range: range, suggestion: suggestion)
        }
        return nil
    }

    var databaseCandidates: [String] {
        plannedNames(of: .database, in: "")
    }

    /// Makes sure a database exists, assuming it when the runbook never creates it.
    mutating func ensureDatabase(_ name: String, range: SourceRange) {
        guard catalog.databases[name] == nil else { return }
        if let missing = missing("database", name, key: .database(name), range: range, candidates: databaseCandidates) {
            events.append(.missingObject(missing))
            catalog.addDatabase(name, owner: catalog.admin, origin: .assumedAfterError(firstReference: range))
        } else {
            catalog.addDatabase(name, owner: catalog.admin, origin: .assumed(firstReference: range))
            events.append(.assumed(what: "database", name: name, range: range))
        }
    }

    /// Makes sure a schema exists. A schema the runbook never creates is assumed to exist in a database the
    /// runbook did not create; in a database the runbook created (empty but for `public`) it cannot exist.
    mutating func ensureSchema(_ name: SchemaName, range: SourceRange) {
        ensureDatabase(name.database, range: range)
        guard catalog.schema(name) == nil, let database = catalog.databases[name.database] else { return }
        let candidates = plannedNames(of: .schema, in: name.database)
        let shown = name.database == connection ? name.schema : name.description
        if let missing = missing(
            "schema", name.schema, key: .schema(name), range: range, candidates: candidates,
            shownAs: shown)
        {
            events.append(.missingObject(missing))
            catalog.addSchema(name, owner: catalog.admin, origin: .assumedAfterError(firstReference: range))
            return
        }
        if let (database, creation) = creationElsewhere(of: name) {
            events.append(
                .missingObject(
                    MissingName(
                        what: "schema", name: shown, range: range, createdElsewhere: creation,
                        elsewhereDatabase: database)))
            catalog.addSchema(name, owner: catalog.admin, origin: .assumedAfterError(firstReference: range))
            return
        }
        switch database.origin {
        case .assumedAfterError:
            catalog.addSchema(name, owner: catalog.admin, origin: .assumedAfterError(firstReference: range))
        case .created(let creation):
            events.append(
                .objectInNewDatabase(
                    object: .schema(name), range: range, container: .database(name.database), createdBy: creation))
            catalog.addSchema(name, owner: catalog.admin, origin: .assumedAfterError(firstReference: range))
        case .initial, .assumed:
            catalog.addSchema(name, owner: catalog.admin, origin: .assumed(firstReference: range))
            events.append(.assumed(what: "schema", name: name.description, range: range))
        }
    }

    /// The first creation, anywhere in the plan, of a schema with this name in another database.
    func creationElsewhere(of name: SchemaName) -> (database: String, origin: StatementOrigin)? {
        plannedCreations.compactMap { key, planned -> (position: Int, database: String, origin: StatementOrigin)? in
            guard case .schema(let other) = key, other.schema == name.schema, other.database != name.database else {
                return nil
            }
            return (planned.position, other.database, planned.origin)
        }
        .min { ($0.position, $0.database) < ($1.position, $1.database) }
        .map { ($0.database, $0.origin) }
    }

    /// Makes sure a table exists, on the same terms as `ensureSchema`.
    mutating func ensureTable(_ name: TableName, range: SourceRange) {
        ensureSchema(name.schemaName, range: range)
        guard catalog.table(name) == nil, let schema = catalog.schema(name.schemaName) else { return }
        // Near misses are looked for among what the plan creates (before or after this point): two tables
        // it only assumes (t1, t2) are not a typo of each other, and scanning the catalog would be quadratic.
        let candidates = plannedNames(of: .table, in: name.schemaName.description)
        if let missing = missing(
            "table", name.table, key: .table(name), range: range, candidates: candidates,
            shownAs: name.database == connection ? "\(name.schema).\(name.table)" : name.description)
        {
            events.append(.missingObject(missing))
            catalog.addTable(
                name, owner: catalog.admin, isView: false, origin: .assumedAfterError(firstReference: range))
            return
        }
        switch schema.origin {
        case .assumedAfterError:
            catalog.addTable(
                name, owner: catalog.admin, isView: false, origin: .assumedAfterError(firstReference: range))
        case .created(let creation):
            events.append(
                .objectInNewDatabase(
                    object: .table(name), range: range, container: .schema(name.schemaName), createdBy: creation))
            catalog.addTable(
                name, owner: catalog.admin, isView: false, origin: .assumedAfterError(firstReference: range))
        case .initial, .assumed:
            catalog.addTable(name, owner: catalog.admin, isView: false, origin: .assumed(firstReference: range))
            events.append(.assumed(what: "table", name: name.description, range: range))
        }
    }

    /// Makes sure a principal exists. Roles and groups must be created by the runbook; a user it never creates
    /// is assumed to exist already (the guide grants to "your" user), unless the name is a near miss.
    mutating func ensurePrincipal(_ principal: Principal, range: SourceRange) {
        guard !catalog.exists(principal) else { return }
        let candidates = plannedNames(of: .principal, in: principal.kind.rawValue)
        let what = principal.kind.rawValue
        if let missing = missing(what, principal.name, key: .principal(principal), range: range, candidates: candidates)
        {
            events.append(.missingPrincipal(missing))
            catalog.addPrincipal(principal, origin: .assumedAfterError(firstReference: range))
        } else if principal.kind == .user {
            catalog.addPrincipal(principal, origin: .assumed(firstReference: range))
            events.append(.assumed(what: "user", name: principal.name, range: range))
        } else {
            events.append(.missingPrincipal(MissingName(what: what, name: principal.name, range: range)))
            catalog.addPrincipal(principal, origin: .assumedAfterError(firstReference: range))
        }
    }

    /// The first existing or planned principal called `name`, any kind (PostgreSQL's single role namespace).
    func anyPrincipal(named name: String) -> Principal? {
        let kinds: [Principal.Kind] = [.user, .role, .group]
        return kinds.lazy.map { Principal($0, name) }.first { catalog.exists($0) }
            ?? kinds.lazy.map { Principal($0, name) }.first { plannedCreations[.principal($0)] != nil }
    }

    /// The principal a grantee names, made to exist (or reported) first.
    mutating func resolve(_ grantee: Grantee, in block: Block) -> Principal? {
        guard let identifier = grantee.name else { return grantee.kind == .public ? .everyone : nil }
        let name = identifier.value
        let range = block.positions.range(identifier.range)
        let principal: Principal
        switch (grantee.kind, dialect) {
        case (.public, _):
            return .everyone
        case (.user, _):
            principal = Principal(.user, name)
        case (.role, .redshift):
            principal = Principal(.role, name)
        case (.group, .redshift):
            principal = Principal(.group, name)
        case (.unqualified, .redshift):
            // A bare name is a user; when it names a role or group instead, the SQL checks report the missing
            // keyword and the simulation goes on as the author meant.
            if !catalog.exists(Principal(.user, name)), plannedCreations[.principal(Principal(.user, name))] == nil {
                if rolesAnywhere.contains(name) {
                    principal = Principal(.role, name)
                } else if groupsAnywhere.contains(name) {
                    principal = Principal(.group, name)
                } else {
                    principal = Principal(.user, name)
                }
            } else {
                principal = Principal(.user, name)
            }
        case (.role, .postgres), (.group, .postgres), (.unqualified, .postgres):
            principal = anyPrincipal(named: name) ?? Principal(grantee.kind == .group ? .group : .role, name)
        case (.databaseRole, _), (.share, _), (.application, _):
            return nil
        case (_, .snowflake):
            principal = Principal(.role, name)
        }
        ensurePrincipal(principal, range: range)
        return principal
    }

    /// The role a role grant names (`GRANT ROLE r …`).
    mutating func resolve(_ reference: RoleReference, in block: Block) -> Principal {
        let name = reference.name.value
        let principal =
            dialect == .postgres ? anyPrincipal(named: name) ?? Principal(.role, name) : Principal(.role, name)
        ensurePrincipal(principal, range: block.positions.range(reference.name.range))
        return principal
    }
}

// MARK: - Statement origins

extension StatementOrigin {
    /// The statement's summary (its words up to the grantee clause), step and Markdown range.
    init(_ statement: Statement, in block: Block) {
        self.init(
            summary: Self.summary(of: statement), step: block.step, range: block.positions.range(statement.range),
            blockIndex: block.index)
    }

    /// The statement on one line, comments dropped, cut before `TO`/`FROM` in GRANT and REVOKE.
    static func summary(of statement: Statement) -> String {
        var stopWord: String?
        switch statement.kind {
        case .grant: stopWord = "TO"
        case .revoke: stopWord = "FROM"
        case .alterDefaultPrivileges(let defaults): stopWord = defaults.action.action == .grant ? "TO" : "FROM"
        default: break
        }
        // Bytes, not String appends: every statement the simulation runs gets a summary.
        var text: [UInt8] = []
        text.reserveCapacity(statement.text.utf8.count)
        var pendingSpace = false
        let stopLength = stopWord?.utf8.count ?? 0
        for token in statement.tokens {
            if token.isTrivia {
                pendingSpace = !text.isEmpty
                continue
            }
            if let stopWord, token.text.utf8.count == stopLength, token.isKeyword(stopWord) { break }
            if pendingSpace { text.append(UInt8(ascii: " ")) }
            pendingSpace = false
            text.append(contentsOf: token.text.utf8)
        }
        return String(decoding: text, as: UTF8.self)
    }
}
