package import RunbookDiagnostics

/// A privilege a principal holds on an object at the end of a simulation, and why.
package struct EffectivePrivilege: Hashable, Sendable {
    package var principal: Principal
    /// Upper case: `SELECT`, `USAGE`, `CREATE`, `TEMP`, …
    package var privilege: String
    package var object: CatalogObject
    /// The chain from the principal to the statement (or default) that granted it; the shortest one.
    package var provenance: [ProvenanceStep]
    /// Other chains that give the same privilege, shortest first.
    package var otherRoutes: [[ProvenanceStep]]
    /// False for a table privilege whose schema the principal cannot use (no USAGE): granted, but it gives nothing.
    package var isUsable: Bool
    package var withGrantOption: Bool

    package init(
        principal: Principal, privilege: String, object: CatalogObject, provenance: [ProvenanceStep],
        otherRoutes: [[ProvenanceStep]] = [], isUsable: Bool = true, withGrantOption: Bool = false
    ) {
        self.principal = principal
        self.privilege = privilege
        self.object = object
        self.provenance = provenance
        self.otherRoutes = otherRoutes
        self.isUsable = isUsable
        self.withGrantOption = withGrantOption
    }
}

/// The effective privileges of the user, role or group named `principal` (users first, then roles, then groups).
package func effectivePrivileges(of principal: String, in catalog: Catalog) -> [EffectivePrivilege] {
    guard let resolved = catalog.principal(named: principal) else { return [] }
    return catalog.effectivePrivileges(of: resolved)
}

// MARK: - Computing

extension Catalog {
    /// A principal holding another's privileges, with the chain that leads there.
    struct Holder {
        var principal: Principal
        var chain: [ProvenanceStep]
    }

    /// Finds a principal by name: a user, else a role, else a group.
    /// A name as the prose writes it (`segment_role`) also finds the principal the engine folded (`SEGMENT_ROLE`).
    package func principal(named name: String) -> Principal? {
        for candidate in [name, folded(name)] {
            let found = [Principal.Kind.user, .role, .group].lazy.map { Principal($0, candidate) }.first {
                principals[$0] != nil
            }
            if let found { return found }
        }
        return nil
    }

    /// An unquoted name as the dialect stores it.
    package func folded(_ name: String) -> String { dialect.profile.caseFolding.fold(name) }

    /// The principal itself, every role and group it belongs to (transitively, nearest first), and PUBLIC.
    func holders(of principal: Principal) -> [Holder] {
        var result = [Holder(principal: principal, chain: [])]
        var seen: Set<Principal> = [principal]
        var index = 0
        while index < result.count {
            let current = result[index]
            index += 1
            let containers = memberships.containers(of: current.principal)
            for membership in containers where seen.insert(membership.container).inserted {
                result.append(
                    Holder(
                        principal: membership.container,
                        chain: current.chain + [.memberOf(membership.container, origin: membership.origin)]))
            }
        }
        if principal != .everyone {
            result.append(Holder(principal: .everyone, chain: [.everyone]))
        }
        return result
    }

    /// Everything `principal` may do on every object of the catalog, sorted by object, then privilege.
    package func effectivePrivileges(of principal: Principal) -> [EffectivePrivilege] {
        effectivePrivileges(of: principal, on: objects)
    }

    /// Everything `principal` may do on the given objects, sorted by object, then privilege.
    package func effectivePrivileges(of principal: Principal, on objects: [CatalogObject]) -> [EffectivePrivilege] {
        let holders = holders(of: principal)
        let superuser = holders.contains { isSuperuser($0.principal) }
        var result: [EffectivePrivilege] = []
        for object in Set(objects) {
            let routes: [Route] =
                superuser
                ? PrivilegeVocabulary.all(object.grantableKind, dialect: dialect).map {
                    Route(privilege: $0, chain: [.superuser], withGrantOption: true)
                }
                : routes(to: object, holders: holders)
            let usable: Bool =
                if case .table(let table) = object, !superuser { canUseSchema(table.schemaName, holders: holders) } else
                { true }
            for (privilege, alternatives) in Dictionary(grouping: routes, by: \.privilege) {
                let ranked = alternatives.sorted(by: Route.preferred)
                result.append(
                    EffectivePrivilege(
                        principal: principal, privilege: privilege, object: object, provenance: ranked[0].chain,
                        otherRoutes: ranked.dropFirst().map(\.chain), isUsable: usable,
                        withGrantOption: ranked.contains(where: \.withGrantOption)))
            }
        }
        return result.sorted { ($0.object, $0.privilege) < ($1.object, $1.privilege) }
    }

    /// Whether `principal` holds `privilege` on `object` and can use it (schema USAGE for table privileges).
    package func can(_ principal: Principal, _ privilege: String, on object: CatalogObject) -> Bool {
        effectivePrivileges(of: principal, on: [object]).contains {
            $0.privilege == PrivilegeVocabulary.normalized(privilege) && $0.isUsable
        }
    }

    /// One way a privilege reaches the principal.
    struct Route {
        var privilege: String
        var chain: [ProvenanceStep]
        var withGrantOption: Bool

        /// Shorter chains first; equal lengths in the order of their descriptions, so the choice is stable.
        static func preferred(_ lhs: Route, _ rhs: Route) -> Bool {
            if lhs.chain.count != rhs.chain.count { return lhs.chain.count < rhs.chain.count }
            return describe(lhs.chain, of: "") < describe(rhs.chain, of: "")
        }
    }

    /// Every route to `object` from any holder: ownership, grants, scoped grants.
    private func routes(to object: CatalogObject, holders: [Holder]) -> [Route] {
        var chains: [Principal: [ProvenanceStep]] = [:]
        for holder in holders where chains[holder.principal] == nil { chains[holder.principal] = holder.chain }
        var found: [Route] = []
        if let owner = owner(of: object), let chain = chains[Principal(.user, owner)] ?? chains[Principal(.role, owner)]
        {
            let origin: StatementOrigin? =
                if case .created(let statement) = self.origin(of: object) { statement } else { nil }
            let revoked: Set<String> =
                switch object {
                case .database: []
                case .schema(let name): schema(name)?.revokedFromOwner ?? []
                case .table(let name): table(name)?.revokedFromOwner ?? []
                }
            for privilege in PrivilegeVocabulary.all(object.grantableKind, dialect: dialect)
            where !revoked.contains(privilege) {
                found.append(Route(privilege: privilege, chain: chain + [.owner(origin)], withGrantOption: true))
            }
        }
        for holder in holders {
            for grant in grants(on: object, to: holder.principal) {
                found.append(
                    Route(
                        privilege: grant.privilege, chain: holder.chain + [grant.source],
                        withGrantOption: grant.withGrantOption))
            }
        }
        found += predefinedRoleRoutes(to: object, chains: chains)
        for scoped in scopedGrants(covering: object) {
            guard let chain = chains[scoped.grantee] else { continue }
            found.append(
                Route(
                    privilege: scoped.privilege, chain: chain + [.scopedGrant(scoped.origin)],
                    withGrantOption: scoped.withGrantOption))
        }
        return found
    }

    /// PostgreSQL's `pg_read_all_data` and `pg_write_all_data` act as SELECT, or INSERT, UPDATE and DELETE, on
    /// every table and USAGE on every schema, without a grant on any
    /// (https://www.postgresql.org/docs/current/predefined-roles.html).
    private func predefinedRoleRoutes(to object: CatalogObject, chains: [Principal: [ProvenanceStep]]) -> [Route] {
        guard dialect == .postgres else { return [] }
        let roles: [(name: String, tables: [String])] = [
            ("pg_read_all_data", ["SELECT"]), ("pg_write_all_data", ["INSERT", "UPDATE", "DELETE"]),
        ]
        var found: [Route] = []
        for role in roles {
            guard let chain = chains[Principal(.role, role.name)] else { continue }
            let privileges: [String] =
                switch object {
                case .database: []
                case .schema: ["USAGE"]
                case .table: role.tables
                }
            let source = ProvenanceStep.builtIn("\(role.name), a PostgreSQL predefined role")
            found += privileges.map { Route(privilege: $0, chain: chain + [source], withGrantOption: false) }
        }
        return found
    }

    /// Scoped grants whose scope covers `object`: tables for `FOR TABLES IN …`, schemas for `FOR SCHEMAS IN DATABASE`.
    func scopedGrants(covering object: CatalogObject) -> [ScopedGrant] {
        switch object {
        case .database: []
        case .schema(let name):
            scopedGrants.filter { $0.objectKind == .schema && $0.database == name.database }
        case .table(let name): scopedGrants(covering: name)
        }
    }

    /// Schema USAGE makes the tables inside usable: held through a grant, ownership, or a superuser.
    private func canUseSchema(_ schema: SchemaName, holders: [Holder]) -> Bool {
        if holders.contains(where: { isSuperuser($0.principal) }) { return true }
        return routes(to: .schema(schema), holders: holders).contains { $0.privilege == "USAGE" }
    }

    /// What a table created later in `schema` by `creator` would receive: the catalog with that table, and its name.
    /// Checks use it to ask whether default privileges or scoped grants cover other creators.
    package func simulateTableCreation(
        by creator: String, in schema: SchemaName
    ) -> (catalog: Catalog, table: TableName) {
        var copy = self
        let table = TableName(schema, "(table created later by \(creator))")
        copy.addTable(table, owner: creator, isView: false, origin: .initial)
        return (copy, table)
    }

    /// The catalog with one more pre-existing table, which receives the schema-wide grants made so far.
    /// `reference` is where the question comes from (a claim, a test); it only labels the assumption.
    package func assumingPreexistingTable(_ table: TableName, owner: String? = nil, reference: SourceRange) -> Catalog {
        var copy = self
        let origin = ObjectOrigin.assumed(firstReference: reference)
        if copy.databases[table.database] == nil {
            copy.addDatabase(table.database, owner: owner ?? admin, origin: origin)
        }
        if copy.schema(table.schemaName) == nil {
            copy.addSchema(table.schemaName, owner: owner ?? admin, origin: origin)
        }
        copy.addTable(table, owner: owner ?? admin, isView: false, origin: origin)
        return copy
    }
}

extension CatalogObject {
    var grantableKind: GrantableKind {
        switch self {
        case .database: .database
        case .schema: .schema
        case .table: .table
        }
    }
}
