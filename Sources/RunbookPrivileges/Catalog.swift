package import RunbookDiagnostics
package import RunbookSQL

/// How an object came to be in the catalog.
package enum ObjectOrigin: Hashable, Sendable {
    /// There before the runbook starts: the initial database, its `public` schema, the admin.
    case initial
    /// Created by a statement of the runbook (for `public`, the CREATE DATABASE that made it).
    case created(StatementOrigin)
    /// Referenced but never created: assumed to exist already, from its first reference.
    case assumed(firstReference: SourceRange)
    /// Referenced where it cannot exist; kept so that one mistake is reported once.
    case assumedAfterError(firstReference: SourceRange)

    package var isCreatedByRunbook: Bool {
        if case .created = self { true } else { false }
    }

    package var isAssumed: Bool {
        switch self {
        case .assumed, .assumedAfterError: true
        default: false
        }
    }
}

/// One privilege on one object, held by one grantee.
package struct ObjectGrant: Hashable, Sendable {
    /// Upper-case privilege name, as the dialect spells it after expanding ALL: `SELECT`, `TEMP`.
    package var privilege: String
    package var grantee: Principal
    package var grantor: String
    package var withGrantOption: Bool
    /// Why the grant exists: a statement, a default privilege applied at creation, or a built-in default.
    package var source: ProvenanceStep

    package init(privilege: String, grantee: Principal, grantor: String, withGrantOption: Bool, source: ProvenanceStep)
    {
        self.privilege = privilege
        self.grantee = grantee
        self.grantor = grantor
        self.withGrantOption = withGrantOption
        self.source = source
    }
}

package struct Table: Hashable, Sendable {
    package var name: TableName
    package var owner: String
    package var isView: Bool
    package var origin: ObjectOrigin
    package var grants: GrantList
    /// PostgreSQL: the owner's privileges are ordinary ACL entries, and `REVOKE … FROM owner` removes them
    /// (until a GRANT to the owner gives them back).
    package var revokedFromOwner: Set<String> = []
}

package struct Schema: Hashable, Sendable {
    package var name: SchemaName
    package var owner: String
    package var origin: ObjectOrigin
    package var grants: GrantList
    /// PostgreSQL: owner privileges that `REVOKE … FROM owner` took away (see `Table.revokedFromOwner`).
    package var revokedFromOwner: Set<String> = []
    package var tables: [String: Table]
}

package struct Database: Hashable, Sendable {
    package var name: String
    package var owner: String
    package var origin: ObjectOrigin
    package var grants: GrantList
    package var schemas: [String: Schema]
}

/// A user, role or group, with what it is made of.
package struct PrincipalRecord: Hashable, Sendable {
    package var principal: Principal
    package var origin: ObjectOrigin
    package var isSuperuser: Bool
}

/// `GRANT ROLE r TO u`, `GRANT ROLE r TO ROLE r2`, `ALTER GROUP g ADD USER u`, `CREATE USER u IN GROUP g`.
package struct Membership: Hashable, Sendable {
    /// The role or group whose privileges flow to the member.
    package var container: Principal
    package var member: Principal
    package var withAdminOption: Bool
    package var origin: StatementOrigin?
}

/// `ALTER DEFAULT PRIVILEGES [FOR USER creator] [IN SCHEMA s] GRANT … ON TABLES TO grantee`.
package struct DefaultPrivilege: Hashable, Sendable {
    package var database: String
    /// The user whose future objects are covered: FOR USER, or the user running the statement.
    package var creator: String
    /// Nil: every schema of the database.
    package var schema: String?
    package var objectKind: ObjectKind
    package var privilege: String
    package var grantee: Principal
    package var withGrantOption: Bool
    package var origin: StatementOrigin
}

/// Redshift scoped permission: `GRANT … FOR TABLES IN SCHEMA s [DATABASE d]`, current and future objects, any creator.
package struct ScopedGrant: Hashable, Sendable {
    package var database: String
    /// Nil: `FOR TABLES IN DATABASE d`.
    package var schema: String?
    package var objectKind: ObjectKind
    package var privilege: String
    package var grantee: Principal
    package var withGrantOption: Bool
    package var origin: StatementOrigin
}

/// `GRANT CREATE USER TO ROLE r`: a cluster-wide permission.
package struct SystemPermissionGrant: Hashable, Sendable {
    package var permission: String
    package var grantee: Principal
    package var origin: StatementOrigin
}

/// `GRANT … ON ALL TABLES IN SCHEMA s` or its REVOKE: applies to the tables existing at that moment, which
/// includes pre-existing tables that the simulation only learns about later.
package struct SchemaWideChange: Hashable, Sendable {
    package var action: PrivilegeStatement.Action
    package var schema: SchemaName
    package var privileges: [String]
    package var grantee: Principal
    package var grantor: String
    package var withGrantOption: Bool
    package var origin: StatementOrigin
}

/// The state of a cluster as the runbook leaves it: what exists, who owns it, who may do what.
package struct Catalog: Hashable, Sendable {
    package var dialect: SQLDialect
    /// The database the person is connected to when the runbook starts.
    package var initialDatabase: String
    /// The superuser who runs every statement.
    package var admin: String
    package var databases: [String: Database]
    package var principals: [Principal: PrincipalRecord]
    package var memberships: MembershipList
    package var defaultPrivileges: [DefaultPrivilege]
    package var scopedGrants: [ScopedGrant]
    package var systemPermissions: [SystemPermissionGrant]
    package var schemaWideChanges: [SchemaWideChange]
    /// PostgreSQL: database → creator → the privileges that `ALTER DEFAULT PRIVILEGES [FOR ROLE c] REVOKE … ON
    /// TABLES FROM c` (no IN SCHEMA) takes from the owner of c's future tables.
    package var revokedOwnerDefaults: [String: [String: Set<String>]] = [:]
    /// Snowflake: warehouses, account privileges, future and bulk grants, managed access, role owners, users'
    /// settings. Empty for the other dialects.
    package var account = SnowflakeAccount()
}
