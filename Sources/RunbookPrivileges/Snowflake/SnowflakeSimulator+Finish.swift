import RunbookDiagnostics
import RunbookModel
import RunbookSQL

// MARK: - What the whole plan leaves

extension SnowflakeSimulator {
    /// Findings about the state the plan leaves: users' settings, bulk grants without future ones, reads that
    /// lack a database, schema or warehouse.
    mutating func finish() {
        checkUsers()
        checkBulkWithoutFuture()
        checkReadGrants()
    }

    /// Where the page says that only key-pair sign-in works, if it does.
    func keyPairOnlyClaim() -> (text: String, range: SourceRange?)? {
        for item in runbook.items {
            guard case .instruction(let instruction) = item else { continue }
            let lowered = instruction.text.lowercased()
            let keyPair = lowered.contains("key pair") || lowered.contains("key-pair")
            if keyPair,
                lowered.contains("only supports") || lowered.contains("only key") || lowered.contains("must use")
            {
                return (instruction.text, instruction.range)
            }
        }
        return nil
    }

    mutating func checkUsers() {
        let claim = keyPairOnlyClaim()
        for profile in catalog.account.users.values.sorted(by: { $0.name < $1.name }) {
            let user = Principal(.user, profile.name)
            if let password = profile.password {
                if profile.isService, let type = profile.type {
                    events.append(.snowflake(.servicePassword(user: profile.name, range: password, type: type.range)))
                } else if let claim {
                    events.append(
                        .snowflake(
                            .passwordDespiteKeyPair(
                                user: profile.name, range: password, claim: claim.range, claimText: claim.text)))
                }
            }
            let holders = catalog.holders(of: user).map(\.principal)
            if let role = profile.defaultRole, role.value != "PUBLIC", !holders.contains(Principal(.role, role.value)) {
                events.append(
                    .snowflake(
                        .defaultNotGranted(
                            user: profile.name, property: "DEFAULT_ROLE", value: role.value, range: role.range)))
            }
            if let warehouse = profile.defaultWarehouse,
                !holdsWarehouse(warehouse.value, "USAGE", roles: Set(holders))
            {
                events.append(
                    .snowflake(
                        .defaultNotGranted(
                            user: profile.name, property: "DEFAULT_WAREHOUSE", value: warehouse.value,
                            range: warehouse.range)))
            }
        }
    }

    /// `ON ALL <kinds>` covers what exists now (https://docs.snowflake.com/en/sql-reference/sql/grant-privilege):
    /// reported when the same role gets no `ON FUTURE` grant for the kind there, while the page cares about
    /// objects created later (it grants future objects of another kind there, or its prose says so).
    mutating func checkBulkWithoutFuture() {
        let prose = runbook.items.compactMap { item -> String? in
            if case .instruction(let instruction) = item { instruction.text.lowercased() } else { nil }
        }
        let proseCares = prose.contains {
            $0.contains("future") || $0.contains("created later") || $0.contains("new tables")
        }
        var reported = Set<String>()
        for bulk in catalog.account.bulkGrants {
            let covered = catalog.account.futureGrants.contains {
                $0.grantee == bulk.grantee && $0.database == bulk.database && $0.objectKind == bulk.objectKind
                    && ($0.schema == nil || $0.schema == bulk.schema)
            }
            guard !covered else { continue }
            if bulk.objectKind == .schema, owns(.database(bulk.database), grantee: bulk.grantee) { continue }
            let otherFuture = catalog.account.futureGrants.first {
                $0.grantee == bulk.grantee && $0.database == bulk.database && $0.objectKind != bulk.objectKind
            }
            let because: String
            if let otherFuture {
                because =
                    "it grants \(otherFuture.privilege) ON FUTURE \(Self.plural(otherFuture.objectKind)) in \(otherFuture.container) (\(otherFuture.origin.location))"
            } else if proseCares {
                because = "the page promises access to objects created later"
            } else {
                continue
            }
            let container = bulk.schema.map { "\(bulk.database).\($0)" } ?? bulk.database
            let key = "\(bulk.objectKind.rawValue) \(container) \(bulk.grantee.name)"
            guard reported.insert(key).inserted else { continue }
            events.append(
                .snowflake(
                    .allWithoutFuture(
                        kind: Self.plural(bulk.objectKind), container: container, grantee: bulk.grantee.name,
                        range: bulk.origin.range, because: because)))
        }
    }

    func owns(_ object: CatalogObject, grantee: Principal) -> Bool {
        guard let owner = catalog.owner(of: object) else { return false }
        return catalog.holders(of: grantee).contains { $0.principal == Principal(.role, owner) }
    }

    static func plural(_ kind: ObjectKind) -> String {
        switch kind {
        case .schema: "SCHEMAS"
        case .table: "TABLES"
        case .view: "VIEWS"
        case .materializedView: "MATERIALIZED VIEWS"
        case .externalTable: "EXTERNAL TABLES"
        case .dynamicTable: "DYNAMIC TABLES"
        default: kind.rawValue.uppercased() + "S"
        }
    }

    /// SELECT granted in bulk or for the future to a role that cannot use the database, or that no warehouse
    /// reaches: reading needs all four (https://docs.snowflake.com/en/user-guide/security-access-control-configure).
    mutating func checkReadGrants() {
        struct Read: Hashable {
            var grantee: Principal
            var database: String
            var schema: String?
        }
        var reads: [Read: StatementOrigin] = [:]
        var order: [Read] = []
        func note(_ read: Read, _ origin: StatementOrigin) {
            if reads[read] == nil {
                reads[read] = origin
                order.append(read)
            }
        }
        for bulk in catalog.account.bulkGrants where bulk.privileges.contains("SELECT") {
            note(Read(grantee: bulk.grantee, database: bulk.database, schema: bulk.schema), bulk.origin)
        }
        for future in catalog.account.futureGrants where future.privilege == "SELECT" {
            note(Read(grantee: future.grantee, database: future.database, schema: future.schema), future.origin)
        }
        var warehouseReported = Set<Principal>()
        for read in order where read.grantee.kind == .role {
            guard let origin = reads[read] else { continue }
            let roles = Set(catalog.holders(of: read.grantee).map(\.principal))
            var missing: [String] = []
            let database = CatalogObject.database(read.database)
            if !roles.contains(where: { !catalog.grants(on: database, to: $0).isEmpty }),
                !owns(database, grantee: read.grantee)
            {
                missing.append("USAGE on database \(read.database)")
            }
            if let schema = read.schema {
                let object = CatalogObject.schema(SchemaName(database: read.database, schema: schema))
                if !roles.contains(where: { catalog.grants(on: object, to: $0).contains { $0.privilege == "USAGE" } }),
                    !owns(object, grantee: read.grantee)
                {
                    missing.append("USAGE on schema \(read.database).\(schema)")
                }
            }
            let users = catalog.users(holding: read.grantee)
            let reachers = users.isEmpty ? [read.grantee] : users
            let hasWarehouse = reachers.contains { reacher in
                let held = Set(catalog.holders(of: reacher).map(\.principal))
                return catalog.account.warehouses.keys.contains { holdsWarehouse($0, "USAGE", roles: held) }
            }
            if !hasWarehouse, warehouseReported.insert(read.grantee).inserted {
                missing.append("USAGE on a warehouse")
            }
            guard !missing.isEmpty else { continue }
            events.append(
                .snowflake(
                    .missingUsage(
                        principal: read.grantee.name,
                        object: read.schema.map { "\(read.database).\($0)" } ?? read.database,
                        missing: missing, range: origin.range, atRunTime: false)))
        }
    }
}

// MARK: - SHOW GRANTS rows

extension Catalog {
    /// The grants the runbook made, as Snowflake's SHOW GRANTS lists them
    /// (https://docs.snowflake.com/en/sql-reference/sql/show-grants): privileges and ownership on objects, role
    /// grants as USAGE on ROLE, and future grants.
    package var grantRows: [GrantRow] {
        var rows: [GrantRow] = []
        func grantedTo(_ principal: Principal) -> String { principal.kind == .user ? "USER" : "ROLE" }
        func add(_ grants: [ObjectGrant], on: String, name: String) {
            for grant in grants {
                switch grant.source {
                case .grant, .defaultPrivileges: break
                default: continue
                }
                rows.append(
                    GrantRow(
                        privilege: grant.privilege, grantedOn: on, name: name, grantedTo: grantedTo(grant.grantee),
                        granteeName: grant.grantee.name, grantOption: grant.withGrantOption))
            }
        }
        func ownership(_ owner: String, _ origin: ObjectOrigin, on: String, name: String) {
            guard origin.isCreatedByRunbook, owner != "SYSTEM" else { return }
            rows.append(
                GrantRow(
                    privilege: "OWNERSHIP", grantedOn: on, name: name, grantedTo: "ROLE", granteeName: owner,
                    grantOption: true))
        }
        for warehouse in account.warehouses.values {
            add(warehouse.grants.all, on: "WAREHOUSE", name: warehouse.name)
            ownership(warehouse.owner, warehouse.origin, on: "WAREHOUSE", name: warehouse.name)
        }
        add(account.accountGrants.all, on: "ACCOUNT", name: "")
        for database in databases.values {
            add(database.grants.all, on: "DATABASE", name: database.name)
            ownership(database.owner, database.origin, on: "DATABASE", name: database.name)
            for schema in database.schemas.values {
                add(schema.grants.all, on: "SCHEMA", name: schema.name.description)
                if schema.name.schema != "PUBLIC" {
                    ownership(schema.owner, schema.origin, on: "SCHEMA", name: schema.name.description)
                }
                for table in schema.tables.values {
                    let kind = table.isView ? "VIEW" : "TABLE"
                    add(table.grants.all, on: kind, name: table.name.description)
                    ownership(table.owner, table.origin, on: kind, name: table.name.description)
                }
            }
        }
        for membership in memberships.all where membership.origin != nil {
            rows.append(
                GrantRow(
                    privilege: "USAGE", grantedOn: "ROLE", name: membership.container.name,
                    grantedTo: grantedTo(membership.member), granteeName: membership.member.name,
                    grantOption: membership.withAdminOption))
        }
        for (role, owner) in account.roleOwners
        where principals[Principal(.role, role)]?.origin.isCreatedByRunbook == true {
            rows.append(
                GrantRow(
                    privilege: "OWNERSHIP", grantedOn: "ROLE", name: role, grantedTo: "ROLE", granteeName: owner,
                    grantOption: true))
        }
        for future in account.futureGrants {
            rows.append(
                GrantRow(
                    privilege: future.privilege, grantedOn: future.objectKind.rawValue.uppercased().replacingSpaces(),
                    name: future.container, grantedTo: grantedTo(future.grantee), granteeName: future.grantee.name,
                    grantOption: future.withGrantOption, isFuture: true))
        }
        return Array(Set(rows)).sorted()
    }
}

extension String {
    /// `MATERIALIZED VIEW` → `MATERIALIZED_VIEW`, as SHOW GRANTS spells object types.
    func replacingSpaces() -> String { String(map { $0 == " " ? "_" : $0 }) }
}
