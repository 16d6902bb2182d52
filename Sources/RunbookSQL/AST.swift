package import RunbookDiagnostics

/// A name as written and as the database folds it.
package struct Identifier: Sendable, Hashable {
    /// The name the database uses: bare names folded as the dialect folds them (lower-cased in Redshift and
    /// PostgreSQL, upper-cased in Snowflake); quoted names unescaped and kept, except that Redshift lower-cases
    /// quoted names too unless they name a user.
    package var value: String
    /// The source text, quotes included.
    package var raw: String
    package var isQuoted: Bool
    /// Template text such as `<schema-name>` or `${var}` standing where a name belongs.
    package var isPlaceholder: Bool
    /// Snowflake: the session variable that gives the name at run time (`IDENTIFIER($role)`, `$role`),
    /// upper-cased as Snowflake folds variable names; `value` is then the text as written. The variable's
    /// value may hold a qualified name (`'DB.SCHEMA'`): resolving it is the simulation's job.
    package var variable: String?
    package var range: SourceRange
    package var offsets: Range<Int>

    package init(
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
package struct ObjectName: Sendable, Hashable {
    package var parts: [Identifier]

    package init(parts: [Identifier]) { self.parts = parts }
}

// MARK: - ObjectName accessors

extension ObjectName {
    /// The last part: the object itself.
    package var name: Identifier? { parts.last }
    /// The normalised parts joined with dots, for messages and lookups.
    package var dotted: String { parts.map(\.value).joined(separator: ".") }
    package var range: SourceRange? {
        guard let first = parts.first, let last = parts.last else { return nil }
        return SourceRange(start: first.range.start, end: last.range.end)
    }
}

// MARK: - Grants

/// Who receives or loses a privilege.
package struct Grantee: Sendable, Hashable {
    package enum Kind: String, Sendable, Hashable {
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

    package var kind: Kind
    /// Nil for PUBLIC.
    package var name: Identifier?
    /// Snowflake `DATABASE ROLE db.r`: the database part, when written (else the current database).
    package var database: Identifier?
    /// The USER/ROLE/GROUP keyword, when written.
    package var keywordRange: SourceRange?
    package var keywordOffsets: Range<Int>?
    package var range: SourceRange

    package init(
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
package struct Privilege: Sendable, Hashable {
    /// Upper-cased words joined by one space: `SELECT`, `CREATE OR REPLACE FUNCTION`.
    package var name: String
    package var columns: [Identifier]
    package var range: SourceRange
    package var offsets: Range<Int>

    package init(name: String, columns: [Identifier] = [], range: SourceRange, offsets: Range<Int>) {
        self.name = name
        self.columns = columns
        self.range = range
        self.offsets = offsets
    }
}

package enum PrivilegeSet: Sendable, Hashable {
    /// `ALL [PRIVILEGES] [(columns)]`.
    case all(columns: [Identifier], range: SourceRange)
    case list([Privilege])
}

/// Object classes that GRANT ON, ALL … IN SCHEMA, scoped grants and default privileges name.
package enum ObjectKind: String, Sendable, Hashable, CaseIterable {
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
package struct RoutineSignature: Sendable, Hashable {
    package var name: ObjectName
    /// The argument list as written, without the parentheses.
    package var arguments: String

    package init(name: ObjectName, arguments: String) {
        self.name = name
        self.arguments = arguments
    }
}

/// A role named in a role grant: `ROLE a` (Redshift) or `a` (PostgreSQL).
package struct RoleReference: Sendable, Hashable {
    package var name: Identifier
    /// Snowflake `DATABASE ROLE db.r`: true, with `database` the database part when written.
    package var isDatabaseRole: Bool
    package var database: Identifier?
    package var keywordRange: SourceRange?
    package var keywordOffsets: Range<Int>?

    package init(
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
package enum GrantTarget: Sendable, Hashable {
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
package struct PrivilegeStatement: Sendable, Hashable {
    package enum Action: String, Sendable, Hashable { case grant, revoke }

    package var action: Action
    package var privileges: PrivilegeSet
    package var target: GrantTarget
    package var grantees: [Grantee]
    /// `WITH GRANT OPTION` (grant) or `GRANT OPTION FOR` (revoke).
    package var grantOptionRange: SourceRange?
    /// `WITH ADMIN OPTION` (grant) or `ADMIN OPTION FOR` (revoke).
    package var adminOptionRange: SourceRange?
    /// `CASCADE` or `RESTRICT` on REVOKE, upper-cased.
    package var behavior: String?
    /// Snowflake GRANT OWNERSHIP: `COPY` or `REVOKE` (CURRENT GRANTS), when written.
    package var currentGrants: String?

    package init(
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
package struct DefaultPrivileges: Sendable, Hashable {
    package enum TargetKind: String, Sendable, Hashable { case user, role }

    package var targetKind: TargetKind?
    package var targets: [Identifier]
    /// `FOR USER` / `FOR ROLE`.
    package var targetKeywordRange: SourceRange?
    package var targetKeywordOffsets: Range<Int>?
    package var schemas: [ObjectName]
    /// The grant or revoke; its target is `.defaultObjects`.
    package var action: PrivilegeStatement

    package init(
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
package enum PasswordSpec: Sendable, Hashable {
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
package enum ConnectionLimit: Sendable, Hashable {
    case limit(Int)
    case unlimited
}

/// One option of CREATE/ALTER USER or ROLE, with its source span (for translation).
package struct UserOption: Sendable, Hashable {
    package enum Kind: Sendable, Hashable {
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

    package var kind: Kind
    package var range: SourceRange
    package var offsets: Range<Int>

    package init(kind: Kind, range: SourceRange, offsets: Range<Int>) {
        self.kind = kind
        self.range = range
        self.offsets = offsets
    }
}

/// CREATE USER or CREATE ROLE.
package struct CreateUser: Sendable, Hashable {
    package var name: Identifier
    package var options: [UserOption]
    /// Snowflake `CREATE OR REPLACE` and `IF NOT EXISTS`.
    package var orReplace: Bool
    package var ifNotExists: Bool

    package init(name: Identifier, options: [UserOption], orReplace: Bool = false, ifNotExists: Bool = false) {
        self.name = name
        self.options = options
        self.orReplace = orReplace
        self.ifNotExists = ifNotExists
    }
}

/// ALTER USER / ALTER ROLE.
package struct AlterUser: Sendable, Hashable {
    package enum Action: Sendable, Hashable {
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

    package var name: Identifier
    package var action: Action

    package init(name: Identifier, action: Action) {
        self.name = name
        self.action = action
    }
}

package struct CreateGroup: Sendable, Hashable {
    package var name: Identifier
    package var users: [Identifier]

    package init(name: Identifier, users: [Identifier]) {
        self.name = name
        self.users = users
    }
}

package struct AlterGroup: Sendable, Hashable {
    package enum Action: Sendable, Hashable {
        case addUsers([Identifier])
        case dropUsers([Identifier])
        case rename(Identifier)
    }

    package var name: Identifier
    package var action: Action

    package init(name: Identifier, action: Action) {
        self.name = name
        self.action = action
    }
}

// MARK: - Databases and schemas

/// An option of CREATE DATABASE, with its source span.
package struct DatabaseOption: Sendable, Hashable {
    package enum Kind: Sendable, Hashable {
        case owner(Identifier)
        case connectionLimit(ConnectionLimit)
        /// `COLLATE …`, `ISOLATION LEVEL …`, `TEMPLATE …`, `FROM DATASHARE …`: the leading keyword(s), upper-cased.
        case other(String)
    }

    package var kind: Kind
    package var range: SourceRange
    package var offsets: Range<Int>

    package init(kind: Kind, range: SourceRange, offsets: Range<Int>) {
        self.kind = kind
        self.range = range
        self.offsets = offsets
    }
}

package struct CreateDatabase: Sendable, Hashable {
    package var name: Identifier
    package var options: [DatabaseOption]
    /// Snowflake `CREATE OR REPLACE` and `IF NOT EXISTS`.
    package var orReplace: Bool
    package var ifNotExists: Bool

    package init(name: Identifier, options: [DatabaseOption], orReplace: Bool = false, ifNotExists: Bool = false) {
        self.name = name
        self.options = options
        self.orReplace = orReplace
        self.ifNotExists = ifNotExists
    }
}

/// ALTER DATABASE / ALTER SCHEMA.
package struct AlterObject: Sendable, Hashable {
    package enum Action: Sendable, Hashable {
        case rename(Identifier)
        case owner(Identifier)
        /// Anything else (CONNECTION LIMIT, QUOTA, SET …): the leading keyword, upper-cased.
        case other(String)
    }

    package var name: ObjectName
    package var action: Action

    package init(name: ObjectName, action: Action) {
        self.name = name
        self.action = action
    }
}

/// `QUOTA n [MB|GB|TB] | UNLIMITED`.
package struct SchemaQuota: Sendable, Hashable {
    /// As written, upper-cased: `50 GB`, `UNLIMITED`.
    package var value: String
    package var range: SourceRange
    package var offsets: Range<Int>

    package init(value: String, range: SourceRange, offsets: Range<Int>) {
        self.value = value
        self.range = range
        self.offsets = offsets
    }
}

package struct CreateSchema: Sendable, Hashable {
    /// Nil for `CREATE SCHEMA AUTHORIZATION user`, whose schema is named after the user.
    package var name: ObjectName?
    package var ifNotExists: Bool
    package var authorization: Identifier?
    package var quota: SchemaQuota?
    /// Snowflake `CREATE OR REPLACE SCHEMA` and `WITH MANAGED ACCESS`.
    package var orReplace: Bool
    package var isManagedAccess: Bool

    package init(
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
package struct DropStatement: Sendable, Hashable {
    /// `DATABASE`, `SCHEMA`, `USER`, `ROLE`, `GROUP`, `TABLE`, `VIEW`, `MATERIALIZED VIEW`.
    package var objectType: String
    package var ifExists: Bool
    package var names: [ObjectName]
    package var behavior: String?

    package init(objectType: String, ifExists: Bool, names: [ObjectName], behavior: String?) {
        self.objectType = objectType
        self.ifExists = ifExists
        self.names = names
        self.behavior = behavior
    }
}

// MARK: - Tables, views, queries

package struct CreateTable: Sendable, Hashable {
    package var name: ObjectName
    package var ifNotExists: Bool
    package var isTemporary: Bool
    package var columns: [Identifier]
    /// For `CREATE TABLE … AS query` and `… (LIKE t)`: the relations read.
    package var reads: [ObjectName]

    package init(name: ObjectName, ifNotExists: Bool, isTemporary: Bool, columns: [Identifier], reads: [ObjectName]) {
        self.name = name
        self.ifNotExists = ifNotExists
        self.isTemporary = isTemporary
        self.columns = columns
        self.reads = reads
    }
}

package struct CreateView: Sendable, Hashable {
    package var name: ObjectName
    package var orReplace: Bool
    package var isMaterialized: Bool
    package var columns: [Identifier]
    package var reads: [ObjectName]

    package init(name: ObjectName, orReplace: Bool, isMaterialized: Bool, columns: [Identifier], reads: [ObjectName]) {
        self.name = name
        self.orReplace = orReplace
        self.isMaterialized = isMaterialized
        self.columns = columns
        self.reads = reads
    }
}

/// A SELECT (or WITH, VALUES, TABLE) read far enough to know which relations it reads.
package struct Query: Sendable, Hashable {
    /// Relations read, in source order, CTE names excluded, duplicates kept once.
    package var reads: [ObjectName]
    package var cteNames: [Identifier]

    package init(reads: [ObjectName], cteNames: [Identifier]) {
        self.reads = reads
        self.cteNames = cteNames
    }
}

// MARK: - Session and transactions

package struct SetStatement: Sendable, Hashable {
    /// `SESSION` or `LOCAL`, when written.
    package var scope: String?
    /// Lower-cased parameter name; `role` for SET ROLE, `session authorization`, `time zone`.
    package var name: String
    /// The value tokens as written (joined by one space), empty for `SET x TO DEFAULT`? kept as `DEFAULT`.
    package var value: String
    package var nameRange: SourceRange

    package init(scope: String?, name: String, value: String, nameRange: SourceRange) {
        self.scope = scope
        self.name = name
        self.value = value
        self.nameRange = nameRange
    }
}

package enum TransactionStatement: String, Sendable, Hashable {
    case begin, commit, rollback
}

/// A psql backslash command: `\connect db` is command `connect`, arguments `["db"]`.
package struct MetaCommand: Sendable, Hashable {
    package var command: String
    package var arguments: [String]

    package init(command: String, arguments: [String]) {
        self.command = command
        self.arguments = arguments
    }
}

/// What a statement is, with its syntax tree for the forms setup guides use.
package enum StatementKind: Sendable, Hashable {
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
