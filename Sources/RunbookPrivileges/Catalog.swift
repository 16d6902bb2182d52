public import RunbookDiagnostics
public import RunbookSQL

/// How an object came to be in the catalog.
public enum ObjectOrigin: Hashable, Sendable {
    /// There before the runbook starts: the initial database, its `public` schema, the admin.
    case initial
    /// Created by a statement of the runbook (for `public`, the CREATE DATABASE that made it).
    case created(StatementOrigin)
    /// Referenced but never created: assumed to exist already, from its first reference.
    case assumed(firstReference: SourceRange)
    /// Referenced where it cannot exist; kept so that one mistake is reported once.
    case assumedAfterError(firstReference: SourceRange)

    public var isCreatedByRunbook: Bool {
        if case .created = self { true } else { false }
    }

    public var isAssumed: Bool {
        switch self {
        case .assumed, .assumedAfterError: true
        default: false
        }
    }
}

/// One privilege on one object, held by one grantee.
public struct ObjectGrant: Hashable, Sendable {
    /// Upper-case privilege name, as the dialect spells it after expanding ALL: `SELECT`, `TEMP`.
    public var privilege: String
    public var grantee: Principal
    public var grantor: String
    public var withGrantOption: Bool
    /// Why the grant exists: a statement, a default privilege applied at creation, or a built-in default.
    public var source: ProvenanceStep

    public init(privilege: String, grantee: Principal, grantor: String, withGrantOption: Bool, source: ProvenanceStep) {
        self.privilege = privilege
        self.grantee = grantee
        self.grantor = grantor
        self.withGrantOption = withGrantOption
        self.source = source
    }
}

public struct Table: Hashable, Sendable {
    public var name: TableName
    public var owner: String
    public var isView: Bool
    public var origin: ObjectOrigin
    public var grants: GrantList
    /// PostgreSQL: the owner's privileges are ordinary ACL entries, and `REVOKE … FROM owner` removes them
    /// (until a GRANT to the owner gives them back).
    public var revokedFromOwner: Set<String> = []
}

public struct Schema: Hashable, Sendable {
    public var name: SchemaName
    public var owner: String
    public var origin: ObjectOrigin
    public var grants: GrantList
    /// PostgreSQL: owner privileges that `REVOKE … FROM owner` took away (see `Table.revokedFromOwner`).
    public var revokedFromOwner: Set<String> = []
    public var tables: [String: Table]
}

public struct Database: Hashable, Sendable {
    public var name: String
    public var owner: String
    public var origin: ObjectOrigin
    public var grants: GrantList
    public var schemas: [String: Schema]
}

/// A user, role or group, with what it is made of.
public struct PrincipalRecord: Hashable, Sendable {
    public var principal: Principal
    public var origin: ObjectOrigin
    public var isSuperuser: Bool
}

/// `GRANT ROLE r TO u`, `GRANT ROLE r TO ROLE r2`, `ALTER GROUP g ADD USER u`, `CREATE USER u IN GROUP g`.
public struct Membership: Hashable, Sendable {
    /// The role or group whose privileges flow to the member.
    public var container: Principal
    public var member: Principal
    public var withAdminOption: Bool
    public var origin: StatementOrigin?
}

/// `ALTER DEFAULT PRIVILEGES [FOR USER creator] [IN SCHEMA s] GRANT … ON TABLES TO grantee`.
public struct DefaultPrivilege: Hashable, Sendable {
    public var database: String
    /// The user whose future objects are covered: FOR USER, or the user running the statement.
    public var creator: String
    /// Nil: every schema of the database.
    public var schema: String?
    public var objectKind: ObjectKind
    public var privilege: String
    public var grantee: Principal
    public var withGrantOption: Bool
    public var origin: StatementOrigin
}

/// Redshift scoped permission: `GRANT … FOR TABLES IN SCHEMA s [DATABASE d]`, current and future objects, any creator.
public struct ScopedGrant: Hashable, Sendable {
    public var database: String
    /// Nil: `FOR TABLES IN DATABASE d`.
    public var schema: String?
    public var objectKind: ObjectKind
    public var privilege: String
    public var grantee: Principal
    public var withGrantOption: Bool
    public var origin: StatementOrigin
}

/// `GRANT CREATE USER TO ROLE r`: a cluster-wide permission.
public struct SystemPermissionGrant: Hashable, Sendable {
    public var permission: String
    public var grantee: Principal
    public var origin: StatementOrigin
}

/// `GRANT … ON ALL TABLES IN SCHEMA s` or its REVOKE: applies to the tables existing at that moment, which
/// includes pre-existing tables that the simulation only learns about later.
public struct SchemaWideChange: Hashable, Sendable {
    public var action: PrivilegeStatement.Action
    public var schema: SchemaName
    public var privileges: [String]
    public var grantee: Principal
    public var grantor: String
    public var withGrantOption: Bool
    public var origin: StatementOrigin
}

/// The state of a cluster as the runbook leaves it: what exists, who owns it, who may do what.
public struct Catalog: Hashable, Sendable {
    public var dialect: SQLDialect
    /// The database the person is connected to when the runbook starts.
    public var initialDatabase: String
    /// The superuser who runs every statement.
    public var admin: String
    public var databases: [String: Database]
    public var principals: [Principal: PrincipalRecord]
    public var memberships: MembershipList
    public var defaultPrivileges: [DefaultPrivilege]
    public var scopedGrants: [ScopedGrant]
    public var systemPermissions: [SystemPermissionGrant]
    public var schemaWideChanges: [SchemaWideChange]
    /// PostgreSQL: database → creator → the privileges that `ALTER DEFAULT PRIVILEGES [FOR ROLE c] REVOKE … ON
    /// TABLES FROM c` (no IN SCHEMA) takes from the owner of c's future tables.
    public var revokedOwnerDefaults: [String: [String: Set<String>]] = [:]
    /// Snowflake: warehouses, account privileges, future and bulk grants, managed access, role owners, users'
    /// settings. Empty for the other dialects.
    public var account = SnowflakeAccount()
}
