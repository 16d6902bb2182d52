import RunbookDiagnostics
import RunbookModel
import RunbookSQL

// MARK: - Who the session acts as

extension SnowflakeSimulator {
    /// The roles that authorize a statement: CREATE is authorized by the primary role alone (it owns what it
    /// creates); everything else by the primary and secondary roles together, each with the roles it inherits
    /// (https://docs.snowflake.com/en/user-guide/security-access-control-overview, "Enforcement model").
    func activeRoles(primaryOnly: Bool) -> Set<Principal> {
        var direct = [Principal(.role, session.primaryRole)]
        if !primaryOnly {
            switch session.secondaryRoles {
            case .all:
                direct += catalog.memberships.containers(of: session.user).map(\.container)
            case .none:
                break
            case .roles(let roles):
                direct += roles.map { Principal(.role, $0.value) }
            }
        }
        var result = Set<Principal>()
        for role in direct {
            for holder in catalog.holders(of: role) { result.insert(holder.principal) }
        }
        return result
    }

    /// `ACCOUNTADMIN`, or `SEGMENT_ROLE (with its secondary roles)` when those count.
    func describeRoles(primaryOnly: Bool) -> String {
        if primaryOnly { return "primary role \(session.primaryRole)" }
        if case .none = session.secondaryRoles { return "role \(session.primaryRole)" }
        return "role \(session.primaryRole) and the secondary roles of \(session.user.name)"
    }

    func holdsAccountPrivilege(_ privilege: String, primaryOnly: Bool) -> Bool {
        activeRoles(primaryOnly: primaryOnly).contains { role in
            catalog.account.accountGrants.grants(to: role).contains { $0.privilege == privilege }
        }
    }

    func owns(_ object: CatalogObject, primaryOnly: Bool) -> Bool {
        guard let owner = catalog.owner(of: object) else { return false }
        return activeRoles(primaryOnly: primaryOnly).contains(Principal(.role, owner))
    }

    /// Holds `privilege` on `object` through a grant or ownership (any privilege, when `privilege` is nil).
    func holds(_ privilege: String?, on object: CatalogObject, primaryOnly: Bool) -> Bool {
        if owns(object, primaryOnly: primaryOnly) { return true }
        return activeRoles(primaryOnly: primaryOnly).contains { role in
            catalog.grants(on: object, to: role).contains { privilege == nil || $0.privilege == privilege }
        }
    }

    func holdsWarehouse(_ name: String, _ privilege: String, roles: Set<Principal>) -> Bool {
        guard let warehouse = catalog.account.warehouses[name] else { return false }
        if roles.contains(Principal(.role, warehouse.owner)) { return true }
        return roles.contains { role in warehouse.grants.grants(to: role).contains { $0.privilege == privilege } }
    }

    /// May the active roles grant privileges on `object`? The MANAGE GRANTS holder always; in a managed-access
    /// schema only the schema's owner besides; elsewhere the object's owner
    /// (https://docs.snowflake.com/en/user-guide/security-access-control-configure, "Managed access schemas").
    func mayGrant(on object: CatalogObject) -> Bool {
        if holdsAccountPrivilege("MANAGE GRANTS", primaryOnly: false) { return true }
        let schema: SchemaName? =
            switch object {
            case .database: nil
            case .schema(let name): name
            case .table(let name): name.schemaName
            }
        if let schema, catalog.account.managedAccessSchemas.contains(schema) {
            return owns(.schema(schema), primaryOnly: false)
        }
        if owns(object, primaryOnly: false) { return true }
        return activeRoles(primaryOnly: false).contains { role in
            catalog.grants(on: object, to: role).contains(where: \.withGrantOption)
        }
    }

    mutating func insufficient(
        _ needs: String, on what: String, primaryOnly: Bool, range: SourceRange, hint: String? = nil
    ) {
        events.append(
            .snowflake(
                .insufficientPrivileges(
                    roles: describeRoles(primaryOnly: primaryOnly), needs: needs, on: what, range: range, hint: hint)))
    }

    /// The hint for a CREATE that the primary role may not run: which system role may.
    func createHint(_ privilege: String) -> String? {
        let roles = ["ACCOUNTADMIN", "SYSADMIN", "SECURITYADMIN", "USERADMIN"].filter { role in
            catalog.holders(of: Principal(.role, role)).contains { holder in
                catalog.account.accountGrants.grants(to: holder.principal).contains { $0.privilege == privilege }
            }
        }
        guard let lowest = roles.last else { return nil }
        return "USE ROLE \(lowest) first (or a role granted \(privilege) ON ACCOUNT)"
    }

    // MARK: - Objects that must exist

    mutating func ensureDatabase(_ name: String, range: SourceRange) {
        guard catalog.databases[name] == nil else { return }
        catalog.addDatabase(name, owner: "ACCOUNTADMIN", origin: .assumed(firstReference: range))
        events.append(.assumed(what: "database", name: name, range: range))
    }

    /// A schema the runbook never creates exists already in a database it did not create; in a database it
    /// created (empty but for PUBLIC) it cannot.
    mutating func ensureSchema(_ name: SchemaName, range: SourceRange) {
        ensureDatabase(name.database, range: range)
        guard catalog.schema(name) == nil, let database = catalog.databases[name.database] else { return }
        switch database.origin {
        case .created(let creation):
            events.append(
                .objectInNewDatabase(
                    object: .schema(name), range: range, container: .database(name.database), createdBy: creation))
            catalog.addSchema(name, owner: database.owner, origin: .assumedAfterError(firstReference: range))
        case .assumedAfterError:
            catalog.addSchema(name, owner: database.owner, origin: .assumedAfterError(firstReference: range))
        case .initial, .assumed:
            catalog.addSchema(name, owner: database.owner, origin: .assumed(firstReference: range))
            events.append(.assumed(what: "schema", name: name.description, range: range))
        }
        // `ON ALL SCHEMAS IN DATABASE` ran on this schema too, if it ran before: the schema existed.
        for bulk in catalog.account.bulkGrants where bulk.database == name.database && bulk.objectKind == .schema {
            catalog.grant(
                bulk.privileges.map {
                    ObjectGrant(
                        privilege: $0, grantee: bulk.grantee, grantor: bulk.grantor,
                        withGrantOption: bulk.withGrantOption,
                        source: .grant(bulk.origin))
                }, on: .schema(name))
        }
    }

    mutating func ensureTable(_ name: TableName, isView: Bool = false, range: SourceRange) {
        ensureSchema(name.schemaName, range: range)
        guard catalog.table(name) == nil, let schema = catalog.schema(name.schemaName) else { return }
        switch schema.origin {
        case .created(let creation):
            events.append(
                .objectInNewDatabase(
                    object: .table(name), range: range, container: .schema(name.schemaName), createdBy: creation))
            catalog.addTable(
                name, owner: schema.owner, isView: isView, origin: .assumedAfterError(firstReference: range))
        case .assumedAfterError:
            catalog.addTable(
                name, owner: schema.owner, isView: isView, origin: .assumedAfterError(firstReference: range))
        case .initial, .assumed:
            catalog.addTable(name, owner: schema.owner, isView: isView, origin: .assumed(firstReference: range))
            events.append(.assumed(what: isView ? "view" : "table", name: name.description, range: range))
        }
    }

    mutating func ensureWarehouse(_ name: String, range: SourceRange) {
        guard catalog.account.warehouses[name] == nil else { return }
        catalog.account.warehouses[name] = Warehouse(
            name: name, owner: "ACCOUNTADMIN", origin: .assumed(firstReference: range), grants: GrantList())
        events.append(.assumed(what: "warehouse", name: name, range: range))
    }

    /// Roles must be created by the runbook or be system roles; a user it never creates is assumed to exist.
    mutating func ensurePrincipal(_ principal: Principal, range: SourceRange) {
        guard !catalog.exists(principal) else { return }
        if principal.kind == .user {
            catalog.addPrincipal(principal, origin: .assumed(firstReference: range))
            events.append(.assumed(what: "user", name: principal.name, range: range))
            return
        }
        var missing = MissingName(what: principal.kind.rawValue, name: principal.name, range: range)
        if let planned = plannedRoles[principal.name], planned.position > position {
            missing.createdLater = planned.origin
        } else {
            let known = catalog.principals(of: .role).map(\.name) + plannedRoles.keys
            missing.suggestion = Suggestion.closest(to: principal.name, in: known)
        }
        events.append(.missingPrincipal(missing))
        catalog.addPrincipal(principal, origin: .assumedAfterError(firstReference: range))
    }
}

// MARK: - Used before created

extension SnowflakeSimulator {
    /// CREATE of something the plan used earlier and the simulation assumed: the earlier use ran before it
    /// existed. The assumption's note becomes an unknown-object (or unknown-principal) finding pointing here.
    mutating func usedBeforeCreated(_ what: String, _ name: String, origin: ObjectOrigin?, createdBy: StatementOrigin) {
        let firstReference: SourceRange
        switch origin {
        case .assumed(let range), .assumedAfterError(let range): firstReference = range
        default: return
        }
        // Names that only variables give are not known before the plan runs: the creation is found here.
        events.removeAll { event in
            switch event {
            case .assumed(let kind, let assumed, let range): kind == what && assumed == name && range == firstReference
            case .missingPrincipal(let missing): missing.name == name && missing.range == firstReference
            case .objectInNewDatabase(_, let range, _, _): range == firstReference
            default: false
            }
        }
        let missing = MissingName(what: what, name: name, range: firstReference, createdLater: createdBy)
        events.append(what == "role" || what == "user" ? .missingPrincipal(missing) : .missingObject(missing))
    }
}
