public import RunbookDiagnostics

/// A name as written and as the database folds it.
public struct Identifier: Sendable, Hashable {
    /// The name the database uses: bare names lower-cased; quoted names unescaped and kept, except that
    /// Redshift lower-cases quoted names too unless they name a user.
    public var value: String
    /// The source text, quotes included.
    public var raw: String
    public var isQuoted: Bool
    /// Template text such as `<schema-name>` or `${var}` standing where a name belongs.
    public var isPlaceholder: Bool
    public var range: SourceRange
    public var offsets: Range<Int>

    public init(
        value: String, raw: String, isQuoted: Bool, isPlaceholder: Bool = false, range: SourceRange,
        offsets: Range<Int>
    ) {
        self.value = value
        self.raw = raw
        self.isQuoted = isQuoted
        self.isPlaceholder = isPlaceholder
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
    }

    public var kind: Kind
    /// Nil for PUBLIC.
    public var name: Identifier?
    /// The USER/ROLE/GROUP keyword, when written.
    public var keywordRange: SourceRange?
    public var keywordOffsets: Range<Int>?
    public var range: SourceRange

    public init(
        kind: Kind, name: Identifier?, keywordRange: SourceRange? = nil, keywordOffsets: Range<Int>? = nil,
        range: SourceRange
    ) {
        self.kind = kind
        self.name = name
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
    public var keywordRange: SourceRange?
    public var keywordOffsets: Range<Int>?

    public init(name: Identifier, keywordRange: SourceRange? = nil, keywordOffsets: Range<Int>? = nil) {
        self.name = name
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

    public init(
        action: Action, privileges: PrivilegeSet, target: GrantTarget, grantees: [Grantee],
        grantOptionRange: SourceRange? = nil, adminOptionRange: SourceRange? = nil, behavior: String? = nil
    ) {
        self.action = action
        self.privileges = privileges
        self.target = target
        self.grantees = grantees
        self.grantOptionRange = grantOptionRange
        self.adminOptionRange = adminOptionRange
        self.behavior = behavior
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

    public init(name: Identifier, options: [UserOption]) {
        self.name = name
        self.options = options
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

    public init(name: Identifier, options: [DatabaseOption]) {
        self.name = name
        self.options = options
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

    public init(name: ObjectName?, ifNotExists: Bool, authorization: Identifier?, quota: SchemaQuota?) {
        self.name = name
        self.ifNotExists = ifNotExists
        self.authorization = authorization
        self.quota = quota
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
    /// A statement of the grammar outside the privilege model: INSERT, COPY, CALL, DO, CREATE FUNCTION, ….
    /// `keyword` names it (`INSERT`, `CREATE PROCEDURE`, `GRANT ON DATASHARE`); the names it touches are in
    /// the statement's identifiers. A statement the grammar does not know is `.invalid`, with an error.
    case opaque(keyword: String)
    /// A statement with a syntax error (reported once); `keyword` is its first word, upper-cased.
    case invalid(keyword: String)
}
