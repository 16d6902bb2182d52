import RunbookSQL

/// What makes a generated script safe to run again after a partial run: each statement that creates (or drops)
/// a database, schema, user, role, group, table or view is wrapped in a psql `\if` on a catalog query, so that an
/// object that is already there (or already gone) is skipped with a line saying so. Grants, revokes and default
/// privileges need no guard: running them twice leaves the same catalog.
///
/// A catalog query rather than `IF NOT EXISTS`, because the dialects do not have it for every object: Redshift
/// has it for schemas and tables only, not for CREATE DATABASE, USER, ROLE or GROUP
/// (https://docs.aws.amazon.com/redshift/latest/dg/r_CREATE_SCHEMA.html,
/// https://docs.aws.amazon.com/redshift/latest/dg/r_CREATE_TABLE_NEW.html,
/// https://docs.aws.amazon.com/redshift/latest/dg/r_CREATE_DATABASE.html,
/// https://docs.aws.amazon.com/redshift/latest/dg/r_CREATE_USER.html,
/// https://docs.aws.amazon.com/redshift/latest/dg/r_CREATE_ROLE.html,
/// https://docs.aws.amazon.com/redshift/latest/dg/r_CREATE_GROUP.html), and a guard copies the document's
/// statement unchanged and says what it skipped. A statement that already says `IF NOT EXISTS` or `IF EXISTS`
/// (or `OR REPLACE`) is repeatable as written and gets no guard.
struct ScriptGuard: Hashable, Sendable {
    enum Object: String, Hashable, Sendable {
        case database, schema, user, role, group, table, view
    }

    /// What kind of object, and its name in the database (folded, parameters substituted).
    var object: Object
    var name: String
    /// For a table or view: its schema, when the statement names it (else the current schema).
    var schema: String?
    /// True for DROP: the statement runs when the object exists. False for CREATE: when it does not.
    var runsWhenPresent: Bool

    /// The psql variable the catalog query sets.
    static let variable = "runbook_exists"
}

// MARK: - Which statements are guarded

extension ScriptGuard {
    /// The guard a statement needs to be re-runnable, or nil when it is repeatable as written. `name` maps a
    /// name of the document to the name in the database (parameters substituted).
    static func guarding(_ statement: Statement, name: (Identifier) -> String) -> ScriptGuard? {
        switch statement.kind {
        case .createDatabase(let create):
            return ScriptGuard(object: .database, name: name(create.name), runsWhenPresent: false)
        case .createSchema(let create) where !create.ifNotExists:
            guard let schema = create.name?.name ?? create.authorization else { return nil }
            return ScriptGuard(object: .schema, name: name(schema), runsWhenPresent: false)
        case .createUser(let create):
            return ScriptGuard(object: .user, name: name(create.name), runsWhenPresent: false)
        case .createRole(let create):
            return ScriptGuard(object: .role, name: name(create.name), runsWhenPresent: false)
        case .createGroup(let create):
            return ScriptGuard(object: .group, name: name(create.name), runsWhenPresent: false)
        case .createTable(let create) where !create.ifNotExists && !create.isTemporary:
            return relation(.table, create.name, name: name)
        case .createView(let create) where !create.orReplace:
            return relation(.view, create.name, name: name)
        case .drop(let drop) where !drop.ifExists && drop.names.count == 1:
            guard let object = droppedObject(drop.objectType), let target = drop.names.first else { return nil }
            if object == .table || object == .view {
                return relation(object, target, name: name, runsWhenPresent: true)
            }
            guard let last = target.name else { return nil }
            return ScriptGuard(object: object, name: name(last), runsWhenPresent: true)
        default:
            return nil
        }
    }

    private static func relation(
        _ object: Object, _ objectName: ObjectName, name: (Identifier) -> String, runsWhenPresent: Bool = false
    ) -> ScriptGuard? {
        guard let last = objectName.name else { return nil }
        let schema = objectName.parts.count >= 2 ? objectName.parts[objectName.parts.count - 2] : nil
        return ScriptGuard(object: object, name: name(last), schema: schema.map(name), runsWhenPresent: runsWhenPresent)
    }

    private static func droppedObject(_ type: String) -> Object? {
        switch type {
        case "DATABASE": .database
        case "SCHEMA": .schema
        case "USER": .user
        case "ROLE": .role
        case "GROUP": .group
        case "TABLE": .table
        case "VIEW", "MATERIALIZED VIEW": .view
        default: nil
        }
    }
}

// MARK: - The catalog query

extension ScriptGuard {
    /// A query whose one boolean column, `runbook_exists`, says whether the object is there; nil when a name
    /// holds a backslash, which Redshift's strings would read as an escape (the statement then runs unguarded).
    func existenceQuery(dialect: SQLDialect) -> String? {
        guard !name.contains("\\"), !(schema?.contains("\\") ?? false) else { return nil }
        let literal = SQLQuoting.literal(name)
        let condition: String
        switch (object, dialect) {
        case (_, .snowflake):
            // Snowflake's CREATE takes IF NOT EXISTS; there is no psql catalog query to guard with.
            return nil
        case (.database, _):
            condition = "FROM pg_catalog.pg_database WHERE datname = \(literal)"
        case (.schema, _):
            condition = "FROM pg_catalog.pg_namespace WHERE nspname = \(literal)"
        case (.user, .postgres), (.role, .postgres), (.group, .postgres):
            // In PostgreSQL users and groups are roles (https://www.postgresql.org/docs/15/view-pg-roles.html).
            condition = "FROM pg_catalog.pg_roles WHERE rolname = \(literal)"
        case (.user, .redshift):
            // https://docs.aws.amazon.com/redshift/latest/dg/r_PG_USER.html
            condition = "FROM pg_catalog.pg_user WHERE usename = \(literal)"
        case (.group, .redshift):
            // https://docs.aws.amazon.com/redshift/latest/dg/r_PG_GROUP.html
            condition = "FROM pg_catalog.pg_group WHERE groname = \(literal)"
        case (.role, .redshift):
            // https://docs.aws.amazon.com/redshift/latest/dg/r_SVV_ROLES.html
            condition = "FROM svv_roles WHERE role_name = \(literal)"
        case (.table, _), (.view, _):
            // An unqualified name is created in the current schema (the first of the search path that exists).
            let schemaTest = schema.map { "n.nspname = \(SQLQuoting.literal($0))" } ?? "n.nspname = current_schema()"
            condition =
                "FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace "
                + "WHERE c.relname = \(literal) AND \(schemaTest)"
        }
        return "SELECT count(*) > 0 AS \(Self.variable) \(condition) \\gset"
    }

    /// How the object is named in a progress line: `role segment_linked_role`, `table devices.users`.
    var described: String {
        "\(object.rawValue) \(schema.map { "\($0)." } ?? "")\(name)"
    }
}
