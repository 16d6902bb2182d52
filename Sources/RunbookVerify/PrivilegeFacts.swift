/// An object privileges are held on, named as PostgreSQL names it (no kinds of principal, one namespace).
package struct PrivilegeTarget: Hashable, Sendable, Comparable, CustomStringConvertible {
    package enum Kind: String, Hashable, Sendable, Comparable {
        case database, schema, table

        package static func < (lhs: Kind, rhs: Kind) -> Bool { lhs.order < rhs.order }
        private var order: Int {
            switch self {
            case .database: 0
            case .schema: 1
            case .table: 2
            }
        }
    }

    package var database: String
    package var schema: String?
    package var table: String?

    package init(database: String, schema: String? = nil, table: String? = nil) {
        self.database = database
        self.schema = schema
        self.table = schema == nil ? nil : table
    }

    package var kind: Kind { table != nil ? .table : schema != nil ? .schema : .database }

    /// `database segment_workspace`, `schema user_database.devices`, `table user_database.devices.user_devices`.
    package var description: String {
        switch kind {
        case .database: "database \(database)"
        case .schema: "schema \(database).\(schema ?? "")"
        case .table: "table \(database).\(schema ?? "").\(table ?? "")"
        }
    }

    /// The privileges `has_*_privilege` is asked about for this kind of object.
    package var checkedPrivileges: [String] { Self.checkedPrivileges(kind) }

    package static func checkedPrivileges(_ kind: Kind) -> [String] {
        switch kind {
        case .database: ["CONNECT", "CREATE", "TEMP"]
        case .schema: ["CREATE", "USAGE"]
        case .table: ["DELETE", "INSERT", "REFERENCES", "SELECT", "TRIGGER", "TRUNCATE", "UPDATE"]
        }
    }

    package static func < (lhs: PrivilegeTarget, rhs: PrivilegeTarget) -> Bool {
        (lhs.database, lhs.kind, lhs.schema ?? "", lhs.table ?? "") < (
            rhs.database, rhs.kind, rhs.schema ?? "", rhs.table ?? ""
        )
    }
}

/// One principal may do one thing on one object.
package struct HeldPrivilege: Hashable, Sendable, Comparable, CustomStringConvertible {
    package var principal: String
    /// Upper case; `TEMP` for `TEMPORARY`.
    package var privilege: String
    package var target: PrivilegeTarget

    package init(principal: String, privilege: String, target: PrivilegeTarget) {
        self.principal = principal
        self.privilege = privilege.uppercased() == "TEMPORARY" ? "TEMP" : privilege.uppercased()
        self.target = target
    }

    package var description: String { "\(principal): \(privilege) on \(target)" }

    package static func < (lhs: HeldPrivilege, rhs: HeldPrivilege) -> Bool {
        (lhs.principal, lhs.target, lhs.privilege) < (rhs.principal, rhs.target, rhs.privilege)
    }
}

/// What a live server says, for the principals and databases asked about.
package struct LiveSnapshot: Sendable, Equatable {
    /// The kind of server read: the runbook is simulated with that server's semantics.
    package var server: LiveServer
    /// Principals asked about that exist (PostgreSQL has one namespace for users and roles).
    package var existingPrincipals: Set<String>
    /// Databases asked about that exist and could be read.
    package var existingDatabases: Set<String>
    /// Every schema and table in those databases (system schemas left out), with its owner.
    package var objects: [PrivilegeTarget: String]
    /// Every privilege the principals hold on those objects, directly, through roles or through PUBLIC.
    package var privileges: Set<HeldPrivilege>
    /// Direct role memberships (`pg_auth_members`) where the member or the role is one of the principals.
    package var memberships: Set<RoleMembership>
    /// `ALTER DEFAULT PRIVILEGES … ON TABLES` entries (`pg_default_acl`) whose grantee is one of the principals.
    package var defaultPrivileges: Set<DefaultTablePrivilege>

    package init(
        existingPrincipals: Set<String> = [], existingDatabases: Set<String> = [],
        objects: [PrivilegeTarget: String] = [:],
        privileges: Set<HeldPrivilege> = [], memberships: Set<RoleMembership> = [],
        defaultPrivileges: Set<DefaultTablePrivilege> = [], server: LiveServer = .postgreSQL
    ) {
        self.server = server
        self.existingPrincipals = existingPrincipals
        self.existingDatabases = existingDatabases
        self.objects = objects
        self.privileges = privileges
        self.memberships = memberships
        self.defaultPrivileges = defaultPrivileges
    }
}

/// `member` is a direct member of `role` (it inherits the role's privileges).
package struct RoleMembership: Hashable, Sendable, Comparable, CustomStringConvertible {
    package var member: String
    package var role: String

    package init(member: String, role: String) {
        self.member = member
        self.role = role
    }

    package var description: String { "\(member) member of \(role)" }

    package static func < (lhs: RoleMembership, rhs: RoleMembership) -> Bool {
        (lhs.member, lhs.role) < (rhs.member, rhs.role)
    }
}

/// A privilege that tables created later receive: `ALTER DEFAULT PRIVILEGES [FOR ROLE creator] [IN SCHEMA schema]
/// GRANT privilege ON TABLES TO grantee`, in one database.
package struct DefaultTablePrivilege: Hashable, Sendable, Comparable, CustomStringConvertible {
    package var database: String
    /// The role whose future tables are covered.
    package var creator: String
    /// Nil: every schema of the database.
    package var schema: String?
    /// Upper case.
    package var privilege: String
    package var grantee: String

    package init(database: String, creator: String, schema: String?, privilege: String, grantee: String) {
        self.database = database
        self.creator = creator
        self.schema = schema
        self.privilege = privilege.uppercased()
        self.grantee = grantee
    }

    /// `SELECT on tables that postgres creates later in schema segment_workspace.profiles_sync`.
    package var description: String {
        let place = schema.map { "schema \(database).\($0)" } ?? "database \(database)"
        return "\(privilege) on tables that \(creator) creates later in \(place)"
    }

    package static func < (lhs: DefaultTablePrivilege, rhs: DefaultTablePrivilege) -> Bool {
        (lhs.grantee, lhs.database, lhs.schema ?? "", lhs.creator, lhs.privilege) < (
            rhs.grantee, rhs.database, rhs.schema ?? "", rhs.creator, rhs.privilege
        )
    }
}

/// Why the server could not be read: the URL, the network, authentication. Never contains the password.
package struct ConnectionFailure: Error, Sendable, CustomStringConvertible {
    package var message: String
    package var description: String { message }

    package init(message: String) {
        self.message = message
    }
}
