public import RunbookDiagnostics

/// A privilege a principal holds on an object at the end of a simulation, and why.
public struct EffectivePrivilege: Hashable, Sendable {
    public var principal: Principal
    /// Upper case: `SELECT`, `USAGE`, `CREATE`, `TEMP`, …
    public var privilege: String
    public var object: CatalogObject
    /// The chain from the principal to the statement (or default) that granted it; the shortest one.
    public var provenance: [ProvenanceStep]
    /// Other chains that give the same privilege, shortest first.
    public var otherRoutes: [[ProvenanceStep]]
    /// False for a table privilege whose schema the principal cannot use (no USAGE): granted, but it gives nothing.
    public var isUsable: Bool
    public var withGrantOption: Bool

    public init(
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
public func effectivePrivileges(of principal: String, in catalog: Catalog) -> [EffectivePrivilege] {
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
    public func principal(named name: String) -> Principal? {
        [Principal.Kind.user, .role, .group].lazy.map { Principal($0, name) }.first { principals[$0] != nil }
    }

    /// The principal itself, every role and group it belongs to (transitively, nearest first), and PUBLIC.
    func holders(of principal: Principal) -> [Holder] {
        var result = [Holder(principal: principal, chain: [])]
        var seen: Set<Principal> = [principal]
        var index = 0
        while index < result.count {
            let current = result[index]
            index += 1
            let containers = memberships.filter { $0.member == current.principal }.sorted { $0.container < $1.container }
            for membership in containers where seen.insert(membership.container).inserted {
                result.append(Holder(
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
    public func effectivePrivileges(of principal: Principal) -> [EffectivePrivilege] {
        effectivePrivileges(of: principal, on: objects)
    }

    /// Everything `principal` may do on the given objects, sorted by object, then privilege.
    public func effectivePrivileges(of principal: Principal, on objects: [CatalogObject]) -> [EffectivePrivilege] {
        let holders = holders(of: principal)
        let superuser = holders.contains { isSuperuser($0.principal) }
        var granted: [CatalogObject: [String: [(chain: [ProvenanceStep], grantOption: Bool)]]] = [:]
        for object in objects {
            var found: [String: [(chain: [ProvenanceStep], grantOption: Bool)]] = [:]
            if superuser {
                for privilege in PrivilegeVocabulary.all(object.grantableKind, dialect: dialect) {
                    found[privilege, default: []].append(([.superuser], true))
                }
            } else {
                for (privilege, chain) in routes(to: object, holders: holders) {
                    found[privilege, default: []].append(chain)
                }
            }
            granted[object] = found
        }
        var result: [EffectivePrivilege] = []
        for object in objects {
            for (privilege, chains) in granted[object] ?? [:] {
                let sorted = chains.sorted { lhs, rhs in
                    if lhs.chain.count != rhs.chain.count { return lhs.chain.count < rhs.chain.count }
                    return describe(lhs.chain, of: "") < describe(rhs.chain, of: "")
                }
                var usable = true
                if case .table(let table) = object, !superuser {
                    usable = canUseSchema(table.schemaName, holders: holders)
                }
                result.append(EffectivePrivilege(
                    principal: principal, privilege: privilege, object: object, provenance: sorted[0].chain,
                    otherRoutes: sorted.dropFirst().map(\.chain), isUsable: usable,
                    withGrantOption: sorted.contains { $0.grantOption }))
            }
        }
        return result.sorted { ($0.object, $0.privilege) < ($1.object, $1.privilege) }
    }

    /// Whether `principal` holds `privilege` on `object` and can use it (schema USAGE for table privileges).
    public func can(_ principal: Principal, _ privilege: String, on object: CatalogObject) -> Bool {
        effectivePrivileges(of: principal, on: [object]).contains {
            $0.privilege == PrivilegeVocabulary.normalized(privilege) && $0.isUsable
        }
    }

    /// The (privilege, chain) pairs that reach `object` from any holder: ownership, grants, scoped grants.
    private func routes(
        to object: CatalogObject, holders: [Holder]
    ) -> [(String, (chain: [ProvenanceStep], grantOption: Bool))] {
        var found: [(String, (chain: [ProvenanceStep], grantOption: Bool))] = []
        for holder in holders {
            if holder.principal.kind != .public, owner(of: object) == holder.principal.name {
                let origin: StatementOrigin? =
                    if case .created(let statement) = self.origin(of: object) { statement } else { nil }
                let revoked: Set<String> = if case .table(let name) = object { table(name)?.revokedFromOwner ?? [] } else { [] }
                for privilege in PrivilegeVocabulary.all(object.grantableKind, dialect: dialect) where !revoked.contains(privilege) {
                    found.append((privilege, (holder.chain + [.owner(origin)], true)))
                }
            }
            for grant in grants(on: object) where grant.grantee == holder.principal {
                found.append((grant.privilege, (holder.chain + [grant.source], grant.withGrantOption)))
            }
            for scoped in scopedGrants(covering: object) where scoped.grantee == holder.principal {
                found.append((scoped.privilege, (holder.chain + [.scopedGrant(scoped.origin)], scoped.withGrantOption)))
            }
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
        return routes(to: .schema(schema), holders: holders).contains { $0.0 == "USAGE" }
    }

    /// What a table created later in `schema` by `creator` would receive: the catalog with that table, and its name.
    /// Checks use it to ask whether default privileges or scoped grants cover other creators.
    public func simulateTableCreation(by creator: String, in schema: SchemaName) -> (catalog: Catalog, table: TableName) {
        var copy = self
        let table = TableName(schema, "(table created later by \(creator))")
        copy.addTable(table, owner: creator, isView: false, origin: .initial)
        return (copy, table)
    }

    /// The catalog with one more pre-existing table, which receives the schema-wide grants made so far.
    /// `reference` is where the question comes from (a claim, a test); it only labels the assumption.
    public func assumingPreexistingTable(_ table: TableName, owner: String? = nil, reference: SourceRange) -> Catalog {
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
