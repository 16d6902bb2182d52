package import RunbookCompile
import RunbookDiagnostics
package import RunbookModel
package import RunbookPrivileges
import RunbookSQL

extension Promise {
    /// What one variant of a compiled runbook promises, simulated with PostgreSQL semantics (reference §6): the
    /// effective privileges of the users and roles it creates on the objects it creates or assumes.
    ///
    /// Tables found on the live server inside the runbook's schemas but unknown to the runbook are added with
    /// their live owner: a table owned by one of the runbook's principals as one created later by that
    /// principal (default privileges apply), any other as one that existed before the runbook ran (schema-wide
    /// grants apply).
    ///
    /// `server` picks the semantics: PostgreSQL's (a Redshift runbook as its translation to PostgreSQL), or
    /// Redshift's when the server read is Redshift (its built-in PUBLIC grants, groups beside roles, no CONNECT).
    ///
    /// `initialDatabase` is the database the statements before any `\connect` run in (psql's start); nil: the
    /// engine's default (`postgres`, Redshift's `dev`).
    package static func simulated(
        _ compiled: CompiledRunbook, variant: Variant, liveObjects: [PrivilegeTarget: String] = [:],
        server: LiveServer = .postgreSQL, initialDatabase: String? = nil
    ) -> Promise {
        let dialect: SQLDialect = server == .redshift ? .redshift : .postgres
        let simulation = Simulator.run(
            runbook: compiled.runbook, statements: compiled.blocks.parsed, variant: variant,
            dialect: dialect, catalog: Catalog(dialect: dialect, initialDatabase: initialDatabase))
        return from(simulation.catalog, liveObjects: liveObjects)
    }

    /// The database a script of `compiled` starts in when it is run on the database `connected` (the one verify
    /// connects to): that database, unless a variant creates it or switches to it (then the script was started
    /// elsewhere, and the engine's default stands).
    package static func initialDatabase(
        _ compiled: CompiledRunbook, variants: [Variant], connected: String, server: LiveServer = .postgreSQL
    ) -> String? {
        let named = variants.contains { variant in
            let promise = simulated(compiled, variant: variant, server: server)
            return promise.databases.contains(connected)
        }
        return named ? nil : connected
    }

    /// The promise of a simulated catalog (see `simulated`).
    package static func from(_ catalog: Catalog, liveObjects: [PrivilegeTarget: String] = [:]) -> Promise {
        let principals = catalog.principals.values
            .filter { $0.origin.isCreatedByRunbook && ($0.principal.kind == .user || $0.principal.kind == .role) }
            .map(\.principal).sorted()
        var principalRanges: [String: SourceRange] = [:]
        for principal in principals {
            if case .created(let origin) = catalog.principals[principal]?.origin {
                principalRanges[principal.name] = origin.range
            }
        }
        var databaseNames = Set(
            catalog.databases.values.filter { $0.origin.isCreatedByRunbook || $0.origin.isAssumed }.map(\.name))
        var objects: [PrivilegeTarget: SourceRange] = [:]
        var createdObjects: [PrivilegeTarget: String] = [:]
        var catalogObjects: [CatalogObject] = []
        for object in catalog.objects {
            guard let origin = catalog.origin(of: object), origin.isCreatedByRunbook || origin.isAssumed else {
                continue
            }
            // The server is not read for its system schemas (docs/verify.md): nothing is expected there.
            if PrivilegeTarget(object).isInSystemSchema { continue }
            catalogObjects.append(object)
            // The database a schema or table is in is one the runbook works in, the one it starts in too.
            databaseNames.insert(PrivilegeTarget(object).database)
            objects[PrivilegeTarget(object)] = origin.range
            if origin.isCreatedByRunbook {
                switch object {
                case .database(let name): createdObjects[PrivilegeTarget(object)] = catalog.databases[name]?.owner
                case .schema(let name): createdObjects[PrivilegeTarget(object)] = catalog.schema(name)?.owner
                case .table: break
                }
            }
        }

        // The database the runbook starts in, when it works there: what its users hold on it and its `public`
        // schema (PUBLIC's defaults) is expected too, not extra.
        for object in catalog.objects where !catalogObjects.contains(object) {
            guard case .initial? = catalog.origin(of: object), databaseNames.contains(PrivilegeTarget(object).database)
            else { continue }
            catalogObjects.append(object)
        }
        let databases = databaseNames.sorted()
        var privileges: [ExpectedPrivilege] = []
        func expect(_ effective: [EffectivePrivilege], as target: PrivilegeTarget? = nil) {
            for privilege in effective {
                let held = HeldPrivilege(
                    principal: privilege.principal.name, privilege: privilege.privilege,
                    target: target ?? PrivilegeTarget(privilege.object))
                guard held.target.checkedPrivileges.contains(held.privilege) else { continue }
                if held.target.isInSystemSchema { continue }
                let statement = privilege.provenance.last(where: { $0.origin != nil })?.origin
                privileges.append(
                    ExpectedPrivilege(
                        privilege: held, because: describe(privilege), range: statement?.range,
                        grantee: grantee(of: privilege), step: statement.map(\.step)?.nonEmptyDescription))
            }
        }
        for principal in principals {
            expect(catalog.effectivePrivileges(of: principal, on: catalogObjects))
        }

        // Live tables the runbook does not know, in schemas it knows.
        let runbookNames = Set(principals.map(\.name))
        for (target, owner) in liveObjects.sorted(by: { $0.key < $1.key }) where target.kind == .table {
            guard let schema = target.schema, let table = target.table, databases.contains(target.database) else {
                continue
            }
            let schemaName = SchemaName(database: target.database, schema: schema)
            guard catalog.schema(schemaName) != nil,
                catalog.table(TableName(schemaName, table)) == nil
            else { continue }
            let copy: Catalog
            let name: TableName
            if runbookNames.contains(owner) {
                (copy, name) = catalog.simulateTableCreation(by: owner, in: schemaName)
            } else {
                name = TableName(schemaName, table)
                copy = catalog.assumingPreexistingTable(
                    name,
                    reference: objects[PrivilegeTarget(database: target.database, schema: schema)]
                        ?? SourceRange(SourceLocation(line: 1, column: 1)))
            }
            for principal in principals {
                expect(copy.effectivePrivileges(of: principal, on: [.table(name)]), as: target)
            }
        }
        let runbookPrincipals = Set(principals)
        let memberships = catalog.memberships.all
            .filter { runbookPrincipals.contains($0.member) && runbookPrincipals.contains($0.container) }
            .map {
                ExpectedMembership(
                    membership: RoleMembership(member: $0.member.name, role: $0.container.name),
                    range: $0.origin?.range, step: $0.origin?.step.nonEmptyDescription)
            }
        let checkedTablePrivileges = Set(PrivilegeTarget.checkedPrivileges(.table))
        let defaults = catalog.defaultPrivileges
            .filter {
                $0.objectKind == .table && runbookPrincipals.contains($0.grantee) && databases.contains($0.database)
                    && checkedTablePrivileges.contains($0.privilege.uppercased())
            }
            .map {
                ExpectedDefaultPrivilege(
                    privilege: DefaultTablePrivilege(
                        database: $0.database, creator: $0.creator == catalog.admin ? "" : $0.creator,
                        schema: $0.schema, privilege: $0.privilege, grantee: $0.grantee.name),
                    because: "\($0.origin.summary), \($0.origin.location)", range: $0.origin.range,
                    step: $0.origin.step.nonEmptyDescription)
            }
        return Promise(
            principals: principalRanges,
            users: Set(principals.filter { $0.kind == .user }.map(\.name)), databases: databases, objects: objects,
            createdObjects: createdObjects, privileges: privileges, memberships: memberships,
            defaultPrivileges: uniqueDefaults(defaults))
    }

    /// The default privileges once each, in the catalog's order (ALTER DEFAULT PRIVILEGES may repeat one).
    private static func uniqueDefaults(_ defaults: [ExpectedDefaultPrivilege]) -> [ExpectedDefaultPrivilege] {
        var seen = Set<DefaultTablePrivilege>()
        return defaults.filter { seen.insert($0.privilege).inserted }
    }

    /// Who the grant at the end of the chain went to: the last role of the chain, PUBLIC, or the principal.
    static func grantee(of privilege: EffectivePrivilege) -> String? {
        var grantee = privilege.principal.name
        for step in privilege.provenance {
            switch step {
            case .memberOf(let role, _): grantee = role.name
            case .everyone: grantee = "PUBLIC"
            case .owner, .superuser: return nil
            case .grant, .defaultPrivileges, .scopedGrant, .builtIn: return grantee
            }
        }
        return grantee
    }
}

extension PrivilegeTarget {
    /// In `pg_catalog`, `information_schema` or another `pg_*` schema, which verify does not read.
    var isInSystemSchema: Bool {
        guard let schema else { return false }
        return schema.hasPrefix("pg_") || schema == "information_schema"
    }

    init(_ object: CatalogObject) {
        switch object {
        case .database(let name): self.init(database: name)
        case .schema(let name): self.init(database: name.database, schema: name.schema)
        case .table(let name): self.init(database: name.database, schema: name.schema, table: name.table)
        }
    }
}

extension ObjectOrigin {
    /// The statement that created the object, or its first reference.
    var range: SourceRange? {
        switch self {
        case .initial: nil
        case .created(let origin): origin.range
        case .assumed(let range), .assumedAfterError(let range): range
        }
    }
}

extension StepPath {
    /// `3.4.1`, or nil for a statement outside any step.
    fileprivate var nonEmptyDescription: String? { isEmpty ? nil : description }
}
