/// What Amazon Redshift's system views say, turned into the facts `verify` compares (a `LiveSnapshot`).
///
/// Redshift's views list only what was granted explicitly, to a user, a role, a group or PUBLIC
/// (https://docs.aws.amazon.com/redshift/latest/dg/r_SVV_RELATION_PRIVILEGES.html and its siblings), so what a
/// principal may do is worked out here, as the server would: its own grants, those of every role it holds
/// (roles granted to roles, transitively: https://docs.aws.amazon.com/redshift/latest/dg/t_role_hierarchy.html),
/// of every group it is in, and of PUBLIC (https://docs.aws.amazon.com/redshift/latest/dg/r_GRANT.html); an
/// owner holds every privilege on what it owns, a superuser on everything.
///
/// The rows are fed in the order the reader queries them: identities and memberships first, so that the
/// privilege rows, which can be many, are kept only when they concern one of the runbook's principals.
package struct RedshiftCatalog: Sendable {
    /// Who a grant goes to: `identity_type` in the SVV_*_PRIVILEGES views, `grantee_type` in
    /// SVV_DEFAULT_PRIVILEGES.
    package enum IdentityKind: String, Hashable, Sendable {
        case user, role, group, `public`
    }

    package struct Identity: Hashable, Sendable {
        package var kind: IdentityKind
        package var name: String

        package init(_ kind: IdentityKind, _ name: String) {
            self.kind = kind
            self.name = kind == .public ? "public" : name
        }

        /// The identity a view's `identity_type` and `identity_name` name, or nil for a type it does not know.
        init?(type: String, name: String) {
            guard let kind = IdentityKind(rawValue: type.lowercased()) else { return nil }
            self.init(kind, name)
        }
    }

    /// What a grant covers: `privilege_scope` of SVV_DATABASE_PRIVILEGES and SVV_SCHEMA_PRIVILEGES, where a
    /// scoped permission (`GRANT … FOR TABLES IN SCHEMA s`) covers every table, now and later.
    package enum Scope: Hashable, Sendable {
        /// The object itself (`DATABASE`, `SCHEMA`, or a relation's own row).
        case object
        /// Every schema of the database (`SCHEMAS`).
        case schemas
        /// Every table of the schema or the database (`TABLES`).
        case tables
        /// Functions, languages, …: not compared.
        case other

        init(_ text: String?) {
            switch text?.uppercased() {
            case nil, "", "DATABASE", "SCHEMA": self = .object
            case "SCHEMAS": self = .schemas
            case "TABLES": self = .tables
            default: self = .other
            }
        }
    }

    // MARK: Rows, as the views return them

    /// `SELECT user_name, superuser FROM svv_user_info`.
    package struct UserRow: Sendable {
        package var userName: String
        package var superuser: Bool
        package init(userName: String, superuser: Bool) {
            self.userName = userName
            self.superuser = superuser
        }
    }

    /// `SELECT database_name, privilege_type, identity_name, identity_type, privilege_scope FROM
    /// svv_database_privileges`.
    package struct DatabasePrivilegeRow: Sendable {
        package var databaseName: String
        package var privilegeType: String
        package var identityName: String
        package var identityType: String
        package var privilegeScope: String?
        package init(
            databaseName: String, privilegeType: String, identityName: String, identityType: String,
            privilegeScope: String?
        ) {
            self.databaseName = databaseName
            self.privilegeType = privilegeType
            self.identityName = identityName
            self.identityType = identityType
            self.privilegeScope = privilegeScope
        }
    }

    /// `SELECT namespace_name, privilege_type, identity_name, identity_type, privilege_scope FROM
    /// svv_schema_privileges`, in one database.
    package struct SchemaPrivilegeRow: Sendable {
        package var namespaceName: String
        package var privilegeType: String
        package var identityName: String
        package var identityType: String
        package var privilegeScope: String?
        package init(
            namespaceName: String, privilegeType: String, identityName: String, identityType: String,
            privilegeScope: String?
        ) {
            self.namespaceName = namespaceName
            self.privilegeType = privilegeType
            self.identityName = identityName
            self.identityType = identityType
            self.privilegeScope = privilegeScope
        }
    }

    /// `SELECT namespace_name, relation_name, privilege_type, identity_name, identity_type FROM
    /// svv_relation_privileges`, in one database.
    package struct RelationPrivilegeRow: Sendable {
        package var namespaceName: String
        package var relationName: String
        package var privilegeType: String
        package var identityName: String
        package var identityType: String
        package init(
            namespaceName: String, relationName: String, privilegeType: String, identityName: String,
            identityType: String
        ) {
            self.namespaceName = namespaceName
            self.relationName = relationName
            self.privilegeType = privilegeType
            self.identityName = identityName
            self.identityType = identityType
        }
    }

    /// `SELECT schema_name, object_type, owner_name, privilege_type, grantee_name, grantee_type FROM
    /// svv_default_privileges`, in one database.
    package struct DefaultPrivilegeRow: Sendable {
        package var schemaName: String?
        package var objectType: String
        package var ownerName: String
        package var privilegeType: String
        package var granteeName: String
        package var granteeType: String
        package init(
            schemaName: String?, objectType: String, ownerName: String, privilegeType: String, granteeName: String,
            granteeType: String
        ) {
            self.schemaName = schemaName
            self.objectType = objectType
            self.ownerName = ownerName
            self.privilegeType = privilegeType
            self.granteeName = granteeName
            self.granteeType = granteeType
        }
    }

    // MARK: State

    /// Users by name, and whether each is a superuser.
    package private(set) var users: [String: Bool] = [:]
    package private(set) var roles: Set<String> = []
    package private(set) var groups: Set<String> = []
    /// Direct memberships: a user in a role or a group, a role granted a role.
    package private(set) var memberOf: [Identity: Set<Identity>] = [:]
    package private(set) var existingDatabases: Set<String> = []
    /// Every schema and table of the databases read (system schemas left out), with its owner.
    package private(set) var objects: [PrivilegeTarget: String] = [:]
    /// Explicit grants to the identities that matter (see `relevant`), by object and scope.
    private var grants: [Grant: Set<Identity>] = [:]
    private var defaults: Set<DefaultTablePrivilege> = []
    /// The runbook's principals, once `focus(on:)` was called.
    private var principals: [String] = []
    /// The identities whose grants reach a principal: the principals, what they belong to, PUBLIC.
    private var relevant: Set<Identity> = []

    private struct Grant: Hashable {
        var target: PrivilegeTarget
        var scope: Scope
        var privilege: String
    }

    package init() {}

    // MARK: Feeding

    package mutating func add(_ row: UserRow) { users[row.userName] = row.superuser }
    package mutating func addRole(_ name: String) { roles.insert(name) }
    package mutating func addGroup(_ name: String) { groups.insert(name) }
    package mutating func addDatabase(_ name: String) { existingDatabases.insert(name) }

    /// `SELECT user_name, role_name FROM svv_user_grants`: the user holds the role.
    package mutating func addUserGrant(userName: String, roleName: String) {
        memberOf[Identity(.user, userName), default: []].insert(Identity(.role, roleName))
    }

    /// `SELECT role_name, granted_role_name FROM svv_role_grants`: `role_name` was granted `granted_role_name`.
    package mutating func addRoleGrant(roleName: String, grantedRoleName: String) {
        memberOf[Identity(.role, roleName), default: []].insert(Identity(.role, grantedRoleName))
    }

    /// A user in a group (PG_GROUP's `grolist` joined with PG_USER).
    package mutating func addGroupMember(userName: String, groupName: String) {
        memberOf[Identity(.user, userName), default: []].insert(Identity(.group, groupName))
    }

    package mutating func addObject(_ target: PrivilegeTarget, owner: String) { objects[target] = owner }

    /// Names the principals the snapshot is for, once the identities and memberships are in: from here on,
    /// grants to identities that reach none of them are dropped as they arrive.
    package mutating func focus(on principals: [String]) {
        self.principals = principals
        relevant = [Identity(.public, "public")]
        for principal in principals {
            if let identity = identity(named: principal) { relevant.formUnion(closure(of: identity)) }
        }
    }

    package mutating func add(_ row: DatabasePrivilegeRow) {
        guard let identity = keptIdentity(type: row.identityType, name: row.identityName) else { return }
        let scope = Scope(row.privilegeScope)
        let target = PrivilegeTarget(database: row.databaseName)
        grants[Grant(target: target, scope: scope, privilege: Self.normalized(row.privilegeType)), default: []]
            .insert(identity)
    }

    package mutating func add(_ row: SchemaPrivilegeRow, database: String) {
        guard let identity = keptIdentity(type: row.identityType, name: row.identityName) else { return }
        let scope = Scope(row.privilegeScope)
        let target = PrivilegeTarget(database: database, schema: row.namespaceName)
        grants[Grant(target: target, scope: scope, privilege: Self.normalized(row.privilegeType)), default: []]
            .insert(identity)
    }

    package mutating func add(_ row: RelationPrivilegeRow, database: String) {
        guard let identity = keptIdentity(type: row.identityType, name: row.identityName) else { return }
        let target = PrivilegeTarget(database: database, schema: row.namespaceName, table: row.relationName)
        grants[Grant(target: target, scope: .object, privilege: Self.normalized(row.privilegeType)), default: []]
            .insert(identity)
    }

    /// Default privileges on tables (`object_type` `RELATION`) whose grantee is one of the principals. An
    /// empty or NULL `schema_name` covers every schema of the database.
    package mutating func add(_ row: DefaultPrivilegeRow, database: String) {
        guard row.objectType.uppercased() == "RELATION", principals.contains(row.granteeName),
            row.granteeType.lowercased() != "public"
        else { return }
        let schema = row.schemaName.flatMap { $0.isEmpty ? nil : $0 }
        defaults.insert(
            DefaultTablePrivilege(
                database: database, creator: row.ownerName, schema: schema,
                privilege: Self.normalized(row.privilegeType), grantee: row.granteeName))
    }

    // MARK: The snapshot

    /// The facts for the principals `focus(on:)` named, in the databases asked about that exist.
    package func snapshot(databases: [String]) -> LiveSnapshot {
        var snapshot = LiveSnapshot(server: .redshift)
        snapshot.existingPrincipals = Set(principals.filter { identity(named: $0) != nil })
        snapshot.existingDatabases = existingDatabases.intersection(databases)
        snapshot.objects = objects.filter { snapshot.existingDatabases.contains($0.key.database) }
        let names = Set(principals)
        for (member, containers) in memberOf {
            for container in containers where names.contains(member.name) || names.contains(container.name) {
                snapshot.memberships.insert(RoleMembership(member: member.name, role: container.name))
            }
        }
        snapshot.defaultPrivileges = defaults.filter { snapshot.existingDatabases.contains($0.database) }

        let databaseTargets = snapshot.existingDatabases.sorted().map { PrivilegeTarget(database: $0) }
        let allTargets = databaseTargets + snapshot.objects.keys.sorted()
        for principal in principals {
            guard let identity = identity(named: principal) else { continue }
            let reach = closure(of: identity).union([Identity(.public, "public")])
            let isSuperuser = identity.kind == .user && users[principal] == true
            for target in allTargets {
                // An owner holds what the object accepts, and so does a superuser, on everything.
                let isOwner = isSuperuser || objects[target] == principal
                for privilege in target.checkedPrivileges
                where (isOwner && Self.ownerPrivileges(target.kind).contains(privilege))
                    || holds(reach, privilege, on: target)
                {
                    snapshot.privileges.insert(
                        HeldPrivilege(principal: principal, privilege: privilege, target: target))
                }
            }
        }
        return snapshot
    }

    /// What Redshift's ALL gives on each kind of object (https://docs.aws.amazon.com/redshift/latest/dg/r_GRANT.html),
    /// which an owner holds.
    static func ownerPrivileges(_ kind: PrivilegeTarget.Kind) -> Set<String> {
        switch kind {
        case .database: ["CREATE", "USAGE", "TEMP", "ALTER"]
        case .schema: ["CREATE", "USAGE", "ALTER", "DROP"]
        case .table: ["SELECT", "INSERT", "UPDATE", "DELETE", "REFERENCES", "DROP", "ALTER", "TRUNCATE"]
        }
    }

    private func holds(_ reach: Set<Identity>, _ privilege: String, on target: PrivilegeTarget) -> Bool {
        func granted(_ target: PrivilegeTarget, _ scope: Scope) -> Bool {
            guard let holders = grants[Grant(target: target, scope: scope, privilege: privilege)] else { return false }
            return !holders.isDisjoint(with: reach)
        }
        let database = PrivilegeTarget(database: target.database)
        switch target.kind {
        case .database:
            return granted(target, .object)
        case .schema:
            return granted(target, .object) || granted(database, .schemas)
        case .table:
            let schema = PrivilegeTarget(database: target.database, schema: target.schema)
            return granted(target, .object) || granted(schema, .tables) || granted(database, .tables)
        }
    }

    /// A principal by name as the runbook names it: a user, else a role, else a group (one name may be more
    /// than one of them in Redshift; the runbook's simulation looks them up in the same order).
    func identity(named name: String) -> Identity? {
        if users[name] != nil { return Identity(.user, name) }
        if roles.contains(name) { return Identity(.role, name) }
        if groups.contains(name) { return Identity(.group, name) }
        return nil
    }

    /// The identity and everything it belongs to, transitively (role cycles are refused by Redshift; a visited
    /// set keeps a malformed catalog from looping).
    func closure(of identity: Identity) -> Set<Identity> {
        var seen: Set<Identity> = [identity]
        var queue = [identity]
        while let next = queue.popLast() {
            for container in memberOf[next] ?? [] where seen.insert(container).inserted {
                queue.append(container)
            }
        }
        return seen
    }

    private func keptIdentity(type: String, name: String) -> Identity? {
        guard let identity = Identity(type: type, name: name), relevant.contains(identity) else { return nil }
        return identity
    }

    static func normalized(_ privilege: String) -> String {
        let upper = privilege.uppercased()
        return upper == "TEMPORARY" ? "TEMP" : upper
    }
}
