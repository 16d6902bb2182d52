public import RunbookDiagnostics

/// A name as written and as the database folds it.
public struct Identifier: Sendable, Hashable {
    /// The name the database uses: bare names folded as the dialect folds them (lower-cased in Redshift and
    /// PostgreSQL, upper-cased in Snowflake); quoted names unescaped and kept, except that Redshift lower-cases
    /// quoted names too unless they name a user.
    public var value: String
    /// The source text, quotes included.
    public var raw: String
    public var isQuoted: Bool
    /// Template text such as `<schema-name>` or `${var}` standing where a name belongs.
    public var isPlaceholder: Bool
    /// Snowflake: the session variable that gives the name at run time (`IDENTIFIER($role)`, `$role`),
    /// upper-cased as Snowflake folds variable names; `value` is then the text as written. The variable's
    /// value may hold a qualified name (`'DB.SCHEMA'`): resolving it is the simulation's job.
    public var variable: String?
    public var range: SourceRange
    public var offsets: Range<Int>

    public init(
        value: String, raw: String, isQuoted: Bool, isPlaceholder: Bool = false, variable: String? = nil,
        range: SourceRange, offsets: Range<Int>
    ) {
        self.value = value
        self.raw = raw
        self.isQuoted = isQuoted
        self.isPlaceholder = isPlaceholder
        self.variable = variable
        self.range = range
        self.offsets = offsets
    }
}

/// A possibly qualified name: `table`, `schema.table`, `database.schema.table`.
public struct ObjectName: Sendable, Hashable {
    public var parts: [Identifier]

    public init(parts: [Identifier]) { self.parts = parts }
}

// MARK: - ObjectName accessors

extension ObjectName {
    /// The last part: the object itself.
    public var name: Identifier? { parts.last }
    /// The normalised parts joined with dots, for messages and lookups.
    public var dotted: String { parts.map(\.value).joined(separator: ".") }
    public var range: SourceRange? {
        guard let first = parts.first, let last = parts.last else { return nil }
        return SourceRange(start: first.range.start, end: last.range.end)
    }
}

// MARK: - Grants

/// Who receives or loses a privilege.
public struct Grantee: Sendable, Hashable {
    public enum Kind: String, Sendable, Hashable {
        /// `USER name`: the explicit keyword (IAM Identity Center grants, PostgreSQL never).
        case user
        case role
        case group
        case `public`
        /// A bare name: a user in Redshift; any role in PostgreSQL.
        case unqualified
        /// Snowflake `DATABASE ROLE db.r`: `name` is the role, `database` the database it lives in.
        case databaseRole
        /// Snowflake `SHARE s`, `APPLICATION a`, `APPLICATION ROLE a.r`: not a principal the model follows.
        case share
        case application
    }

    public var kind: Kind
    /// Nil for PUBLIC.
    public var name: Identifier?
    /// Snowflake `DATABASE ROLE db.r`: the database part, when written (else the current database).
    public var database: Identifier?
    /// The USER/ROLE/GROUP keyword, when written.
    public var keywordRange: SourceRange?
    public var keywordOffsets: Range<Int>?
    public var range: SourceRange

    public init(
        kind: Kind, name: Identifier?, database: Identifier? = nil, keywordRange: SourceRange? = nil,
        keywordOffsets: Range<Int>? = nil, range: SourceRange
    ) {
        self.kind = kind
        self.name = name
        self.database = database
        self.keywordRange = keywordRange
        self.keywordOffsets = keywordOffsets
        self.range = range
    }
}

/// One privilege of a list: `SELECT`, `SELECT (a, b)`, `TEMP`, or a system permission such as `CREATE USER`.
public struct Privilege: Sendable, Hashable {
    /// Upper-cased words joined by one space: `SELECT`, `CREATE OR REPLACE FUNCTION`.
    public var name: String
    public var columns: [Identifier]
    public var range: SourceRange
    public var offsets: Range<Int>

    public init(name: String, columns: [Identifier] = [], range: SourceRange, offsets: Range<Int>) {
        self.name = name
        self.columns = columns
        self.range = range
        self.offsets = offsets
    }
}

public enum PrivilegeSet: Sendable, Hashable {
    /// `ALL [PRIVILEGES] [(columns)]`.
    case all(columns: [Identifier], range: SourceRange)
    case list([Privilege])
}

/// Object classes that GRANT ON, ALL … IN SCHEMA, scoped grants and default privileges name.
public enum ObjectKind: String, Sendable, Hashable, CaseIterable {
    case database, schema, table, function, procedure, routine, language, sequence, type
    case copyJob = "copy job"
    /// Snowflake account-level objects.
    case warehouse, user, integration
    /// Snowflake schema objects beyond tables (each its own grant type there).
    case view
    case materializedView = "materialized view"
    case externalTable = "external table"
    case dynamicTable = "dynamic table"
    case stage
    case fileFormat = "file format"
    case stream, task, pipe
    /// Snowflake `ROLE r` and `DATABASE ROLE d.r` as the object of GRANT OWNERSHIP.
    case role
    case databaseRole = "database role"
    /// A Snowflake object type the model does not follow, as written (`ICEBERG TABLE`, `SECRET`, …).
    case otherSnowflake = "other"
}

/// A function or procedure with its argument types: `f(int, varchar)`.
public struct RoutineSignature: Sendable, Hashable {
    public var name: ObjectName
    /// The argument list as written, without the parentheses.
    public var arguments: String

    public init(name: ObjectName, arguments: String) {
        self.name = name
        self.arguments = arguments
    }
}

/// A role named in a role grant: `ROLE a` (Redshift) or `a` (PostgreSQL).
public struct RoleReference: Sendable, Hashable {
    public var name: Identifier
    /// Snowflake `DATABASE ROLE db.r`: true, with `database` the database part when written.
    public var isDatabaseRole: Bool
    public var database: Identifier?
    public var keywordRange: SourceRange?
    public var keywordOffsets: Range<Int>?

    public init(
        name: Identifier, isDatabaseRole: Bool = false, database: Identifier? = nil, keywordRange: SourceRange? = nil,
        keywordOffsets: Range<Int>? = nil
    ) {
        self.name = name
        self.isDatabaseRole = isDatabaseRole
        self.database = database
        self.keywordRange = keywordRange
        self.keywordOffsets = keywordOffsets
    }
}

/// What a GRANT or REVOKE applies to.
public enum GrantTarget: Sendable, Hashable {
    /// `ON [TABLE] t, …`, `ON DATABASE d`, `ON SCHEMA s`, `ON LANGUAGE l`, `ON SEQUENCE q`, `ON COPY JOB j`.
    /// `explicitKeyword` is false for `ON t` without TABLE.
    case objects(kind: ObjectKind, names: [ObjectName], explicitKeyword: Bool)
    /// `ON FUNCTION f(args)`, `ON PROCEDURE p(args)`.
    case routines(kind: ObjectKind, signatures: [RoutineSignature])
    /// `ON ALL TABLES|FUNCTIONS|PROCEDURES|SEQUENCES IN SCHEMA s, …`.
    case allInSchema(kind: ObjectKind, schemas: [ObjectName])
    /// Redshift scoped permissions: `FOR TABLES IN SCHEMA s [DATABASE d]`, `FOR SCHEMAS IN DATABASE d`, ….
    case scoped(kind: ObjectKind, schema: ObjectName?, database: Identifier?, range: SourceRange)
    /// A role grant; the privilege set is empty.
    case roles([RoleReference])
    /// Redshift system permissions granted `TO ROLE`: the privileges are permission names.
    case systemPermissions
    /// The object class of ALTER DEFAULT PRIVILEGES: `ON TABLES`, `ON FUNCTIONS`, ….
    case defaultObjects(kind: ObjectKind, range: SourceRange)
    /// Snowflake `ON ACCOUNT`: the privileges are global ones (`CREATE DATABASE`, `MANAGE GRANTS`).
    case account
    /// Snowflake `ON ALL <kinds> IN DATABASE d` (IN SCHEMA is `.allInSchema`).
    case allInDatabase(kind: ObjectKind, database: ObjectName)
    /// Snowflake `ON FUTURE <kinds> IN SCHEMA s | IN DATABASE d`: exactly one of the two is set.
    case future(kind: ObjectKind, schema: ObjectName?, database: ObjectName?, range: SourceRange)
}

/// GRANT or REVOKE, in every form.
public struct PrivilegeStatement: Sendable, Hashable {
    public enum Action: String, Sendable, Hashable { case grant, revoke }

    public var action: Action
    public var privileges: PrivilegeSet
    public var target: GrantTarget
    public var grantees: [Grantee]
    /// `WITH GRANT OPTION` (grant) or `GRANT OPTION FOR` (revoke).
    public var grantOptionRange: SourceRange?
    /// `WITH ADMIN OPTION` (grant) or `ADMIN OPTION FOR` (revoke).
    public var adminOptionRange: SourceRange?
    /// `CASCADE` or `RESTRICT` on REVOKE, upper-cased.
    public var behavior: String?
    /// Snowflake GRANT OWNERSHIP: `COPY` or `REVOKE` (CURRENT GRANTS), when written.
    public var currentGrants: String?

    public init(
        action: Action, privileges: PrivilegeSet, target: GrantTarget, grantees: [Grantee],
        grantOptionRange: SourceRange? = nil, adminOptionRange: SourceRange? = nil, behavior: String? = nil,
        currentGrants: String? = nil
    ) {
        self.action = action
        self.privileges = privileges
        self.target = target
        self.grantees = grantees
        self.grantOptionRange = grantOptionRange
        self.adminOptionRange = adminOptionRange
        self.behavior = behavior
        self.currentGrants = currentGrants
    }
}

/// `ALTER DEFAULT PRIVILEGES [FOR USER|ROLE u, …] [IN SCHEMA s, …] GRANT|REVOKE …`.
public struct DefaultPrivileges: Sendable, Hashable {
    public enum TargetKind: String, Sendable, Hashable { case user, role }

    public var targetKind: TargetKind?
    public var targets: [Identifier]
    /// `FOR USER` / `FOR ROLE`.
    public var targetKeywordRange: SourceRange?
    public var targetKeywordOffsets: Range<Int>?
    public var schemas: [ObjectName]
    /// The grant or revoke; its target is `.defaultObjects`.
    public var action: PrivilegeStatement

    public init(
        targetKind: TargetKind?, targets: [Identifier], targetKeywordRange: SourceRange?,
        targetKeywordOffsets: Range<Int>?, schemas: [ObjectName], action: PrivilegeStatement
    ) {
        self.targetKind = targetKind
        self.targets = targets
        self.targetKeywordRange = targetKeywordRange
        self.targetKeywordOffsets = targetKeywordOffsets
        self.schemas = schemas
        self.action = action
    }
}

// MARK: - Users, roles, groups

/// The password clause of CREATE/ALTER USER (or a PostgreSQL role).
public enum PasswordSpec: Sendable, Hashable {
    /// `PASSWORD 'x'`. `isPlaceholder` for template text such as `'<enter password here>'`.
    case literal(value: String, isPlaceholder: Bool)
    /// `PASSWORD "x"`: an identifier where a string belongs.
    case quotedIdentifier(value: String)
    /// `PASSWORD :'var'`, `PASSWORD <password>`, `PASSWORD $1`.
    case parameter(text: String)
    case disable
    case null
}

/// `CONNECTION LIMIT n | UNLIMITED`.
public enum ConnectionLimit: Sendable, Hashable {
    case limit(Int)
    case unlimited
}

/// One option of CREATE/ALTER USER or ROLE, with its source span (for translation).
public struct UserOption: Sendable, Hashable {
    public enum Kind: Sendable, Hashable {
        case password(PasswordSpec, valueRange: SourceRange, valueOffsets: Range<Int>)
        case createDB(Bool)
        /// Redshift `CREATEUSER`: superuser, despite the name.
        case createUser(Bool)
        case syslogAccess(String)
        case inGroup([Identifier])
        case validUntil(String)
        case connectionLimit(ConnectionLimit)
        case sessionTimeout(Int)
        case externalID(String)
        /// A Snowflake property `NAME = value` (`LOGIN_NAME`, `DEFAULT_ROLE`, `TYPE`, `RSA_PUBLIC_KEY`, …):
        /// the upper-cased name and the value. PASSWORD is `.password`.
        case property(name: String, value: PropertyValue)
        /// PostgreSQL role attributes and anything else, upper-cased: `LOGIN`, `SUPERUSER`, `IN ROLE`.
        case other(String)
    }

    public var kind: Kind
    public var range: SourceRange
    public var offsets: Range<Int>

    public init(kind: Kind, range: SourceRange, offsets: Range<Int>) {
        self.kind = kind
        self.range = range
        self.offsets = offsets
    }
}

/// CREATE USER or CREATE ROLE.
public struct CreateUser: Sendable, Hashable {
    public var name: Identifier
    public var options: [UserOption]
    /// Snowflake `CREATE OR REPLACE` and `IF NOT EXISTS`.
    public var orReplace: Bool
    public var ifNotExists: Bool

    public init(name: Identifier, options: [UserOption], orReplace: Bool = false, ifNotExists: Bool = false) {
        self.name = name
        self.options = options
        self.orReplace = orReplace
        self.ifNotExists = ifNotExists
    }
}

/// ALTER USER / ALTER ROLE.
public struct AlterUser: Sendable, Hashable {
    public enum Action: Sendable, Hashable {
        case options([UserOption])
        case rename(Identifier)
        /// Redshift `ALTER ROLE r [WITH] OWNER TO u`.
        case owner(Identifier)
        /// `SET param …` / `RESET param`: the parameter name.
        case setParameter(String)
        case resetParameter(String)
        /// Snowflake `ALTER USER|ROLE u UNSET p, …`: the upper-cased property names.
        case unsetProperties([String])
        /// Anything else Snowflake's ALTER USER takes (`RESET PASSWORD`, `ABORT ALL QUERIES`, `ADD DELEGATED
        /// AUTHORIZATION …`): the leading words, upper-cased.
        case other(String)
    }

    public var name: Identifier
    public var action: Action

    public init(name: Identifier, action: Action) {
        self.name = name
        self.action = action
    }
}

public struct CreateGroup: Sendable, Hashable {
    public var name: Identifier
    public var users: [Identifier]

    public init(name: Identifier, users: [Identifier]) {
        self.name = name
        self.users = users
    }
}

public struct AlterGroup: Sendable, Hashable {
    public enum Action: Sendable, Hashable {
        case addUsers([Identifier])
        case dropUsers([Identifier])
        case rename(Identifier)
    }

    public var name: Identifier
    public var action: Action

    public init(name: Identifier, action: Action) {
        self.name = name
        self.action = action
    }
}

// MARK: - Databases and schemas

/// An option of CREATE DATABASE, with its source span.
public struct DatabaseOption: Sendable, Hashable {
    public enum Kind: Sendable, Hashable {
        case owner(Identifier)
        case connectionLimit(ConnectionLimit)
        /// `COLLATE …`, `ISOLATION LEVEL …`, `TEMPLATE …`, `FROM DATASHARE …`: the leading keyword(s), upper-cased.
        case other(String)
    }

    public var kind: Kind
    public var range: SourceRange
    public var offsets: Range<Int>

    public init(kind: Kind, range: SourceRange, offsets: Range<Int>) {
        self.kind = kind
        self.range = range
        self.offsets = offsets
    }
}

public struct CreateDatabase: Sendable, Hashable {
    public var name: Identifier
    public var options: [DatabaseOption]
    /// Snowflake `CREATE OR REPLACE` and `IF NOT EXISTS`.
    public var orReplace: Bool
    public var ifNotExists: Bool

    public init(name: Identifier, options: [DatabaseOption], orReplace: Bool = false, ifNotExists: Bool = false) {
        self.name = name
        self.options = options
        self.orReplace = orReplace
        self.ifNotExists = ifNotExists
    }
}

/// ALTER DATABASE / ALTER SCHEMA.
public struct AlterObject: Sendable, Hashable {
    public enum Action: Sendable, Hashable {
        case rename(Identifier)
        case owner(Identifier)
        /// Anything else (CONNECTION LIMIT, QUOTA, SET …): the leading keyword, upper-cased.
        case other(String)
    }

    public var name: ObjectName
    public var action: Action

    public init(name: ObjectName, action: Action) {
        self.name = name
        self.action = action
    }
}

/// `QUOTA n [MB|GB|TB] | UNLIMITED`.
public struct SchemaQuota: Sendable, Hashable {
    /// As written, upper-cased: `50 GB`, `UNLIMITED`.
    public var value: String
    public var range: SourceRange
    public var offsets: Range<Int>

    public init(value: String, range: SourceRange, offsets: Range<Int>) {
        self.value = value
        self.range = range
        self.offsets = offsets
    }
}

public struct CreateSchema: Sendable, Hashable {
    /// Nil for `CREATE SCHEMA AUTHORIZATION user`, whose schema is named after the user.
    public var name: ObjectName?
    public var ifNotExists: Bool
    public var authorization: Identifier?
    public var quota: SchemaQuota?
    /// Snowflake `CREATE OR REPLACE SCHEMA` and `WITH MANAGED ACCESS`.
    public var orReplace: Bool
    public var isManagedAccess: Bool

    public init(
        name: ObjectName?, ifNotExists: Bool, authorization: Identifier?, quota: SchemaQuota?, orReplace: Bool = false,
        isManagedAccess: Bool = false
    ) {
        self.name = name
        self.ifNotExists = ifNotExists
        self.authorization = authorization
        self.quota = quota
        self.orReplace = orReplace
        self.isManagedAccess = isManagedAccess
    }
}

/// DROP DATABASE|SCHEMA|USER|ROLE|GROUP|TABLE|VIEW.
public struct DropStatement: Sendable, Hashable {
    /// `DATABASE`, `SCHEMA`, `USER`, `ROLE`, `GROUP`, `TABLE`, `VIEW`, `MATERIALIZED VIEW`.
    public var objectType: String
    public var ifExists: Bool
    public var names: [ObjectName]
    public var behavior: String?

    public init(objectType: String, ifExists: Bool, names: [ObjectName], behavior: String?) {
        self.objectType = objectType
        self.ifExists = ifExists
        self.names = names
        self.behavior = behavior
    }
}

// MARK: - Tables, views, queries

public struct CreateTable: Sendable, Hashable {
    public var name: ObjectName
    public var ifNotExists: Bool
    public var isTemporary: Bool
    public var columns: [Identifier]
    /// For `CREATE TABLE … AS query` and `… (LIKE t)`: the relations read.
    public var reads: [ObjectName]

    public init(name: ObjectName, ifNotExists: Bool, isTemporary: Bool, columns: [Identifier], reads: [ObjectName]) {
        self.name = name
        self.ifNotExists = ifNotExists
        self.isTemporary = isTemporary
        self.columns = columns
        self.reads = reads
    }
}

public struct CreateView: Sendable, Hashable {
    public var name: ObjectName
    public var orReplace: Bool
    public var isMaterialized: Bool
    public var columns: [Identifier]
    public var reads: [ObjectName]

    public init(name: ObjectName, orReplace: Bool, isMaterialized: Bool, columns: [Identifier], reads: [ObjectName]) {
        self.name = name
        self.orReplace = orReplace
        self.isMaterialized = isMaterialized
        self.columns = columns
        self.reads = reads
    }
}

/// A SELECT (or WITH, VALUES, TABLE) read far enough to know which relations it reads.
public struct Query: Sendable, Hashable {
    /// Relations read, in source order, CTE names excluded, duplicates kept once.
    public var reads: [ObjectName]
    public var cteNames: [Identifier]

    public init(reads: [ObjectName], cteNames: [Identifier]) {
        self.reads = reads
        self.cteNames = cteNames
    }
}

// MARK: - Session and transactions

public struct SetStatement: Sendable, Hashable {
    /// `SESSION` or `LOCAL`, when written.
    public var scope: String?
    /// Lower-cased parameter name; `role` for SET ROLE, `session authorization`, `time zone`.
    public var name: String
    /// The value tokens as written (joined by one space), empty for `SET x TO DEFAULT`? kept as `DEFAULT`.
    public var value: String
    public var nameRange: SourceRange

    public init(scope: String?, name: String, value: String, nameRange: SourceRange) {
        self.scope = scope
        self.name = name
        self.value = value
        self.nameRange = nameRange
    }
}

public enum TransactionStatement: String, Sendable, Hashable {
    case begin, commit, rollback
}

/// A psql backslash command: `\connect db` is command `connect`, arguments `["db"]`.
public struct MetaCommand: Sendable, Hashable {
    public var command: String
    public var arguments: [String]

    public init(command: String, arguments: [String]) {
        self.command = command
        self.arguments = arguments
    }
}

/// What a statement is, with its syntax tree for the forms setup guides use.
public enum StatementKind: Sendable, Hashable {
    case createDatabase(CreateDatabase)
    case alterDatabase(AlterObject)
    case createSchema(CreateSchema)
    case alterSchema(AlterObject)
    case createUser(CreateUser)
    case alterUser(AlterUser)
    case createRole(CreateUser)
    case alterRole(AlterUser)
    case createGroup(CreateGroup)
    case alterGroup(AlterGroup)
    case drop(DropStatement)
    case grant(PrivilegeStatement)
    case revoke(PrivilegeStatement)
    case alterDefaultPrivileges(DefaultPrivileges)
    case set(SetStatement)
    /// `RESET name` or `RESET ALL` (name `all`).
    case reset(String)
    /// `SHOW …`: the words after SHOW, upper-cased, as the subject (`SCHEMAS`, `GRANTS`, `SEARCH_PATH`).
    case show(String)
    case transaction(TransactionStatement)
    case createTable(CreateTable)
    case createView(CreateView)
    case select(Query)
    case metaCommand(MetaCommand)
    /// Snowflake `SET v = e`, `SET (a, b) = (e1, e2)`.
    case setVariables([VariableAssignment])
    /// Snowflake `UNSET v`, `UNSET (a, b)`.
    case unsetVariables([Identifier])
    /// Snowflake `USE ROLE|WAREHOUSE|DATABASE|SCHEMA|SECONDARY ROLES …` (Redshift `USE db` is `.use(.database)`).
    case use(UseStatement)
    /// Snowflake `CREATE [OR REPLACE] WAREHOUSE [IF NOT EXISTS] w …`.
    case createWarehouse(CreateWarehouse)
    /// Snowflake `CREATE [OR REPLACE] DATABASE ROLE [IF NOT EXISTS] [db.]r`.
    case createDatabaseRole(CreateDatabaseRole)
    /// Snowflake `SHOW GRANTS …` in its forms.
    case showGrants(ShowGrants)
    /// A statement of the grammar outside the privilege model: INSERT, COPY, CALL, DO, CREATE FUNCTION, ….
    /// `keyword` names it (`INSERT`, `CREATE PROCEDURE`, `GRANT ON DATASHARE`); the names it touches are in
    /// the statement's identifiers. A statement the grammar does not know is `.invalid`, with an error.
    case opaque(keyword: String)
    /// A statement with a syntax error (reported once); `keyword` is its first word, upper-cased.
    case invalid(keyword: String)
}
