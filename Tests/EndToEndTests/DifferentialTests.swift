import Foundation
import RunbookDriver
import RunbookPrivileges
import Synchronization
import Testing

/// Differential testing of the privilege simulator (PostgreSQL semantics) against a real PostgreSQL 15: random
/// scenarios run on both, then the effective-privilege matrices must be equal — every user and role × every
/// table (SELECT, INSERT, UPDATE, DELETE), × every schema (USAGE, CREATE), × the database (CREATE, CONNECT, TEMP).
///
/// `RUNBOOK_DIFF_SEED` (base seed, decimal or 0x hex) and `RUNBOOK_DIFF_COUNT` (scenarios) reproduce a failure:
/// scenario `i` uses seed `base + i`, so `RUNBOOK_DIFF_SEED=<printed seed> RUNBOOK_DIFF_COUNT=1` runs just it.
@Suite(PostgresServer.trait) struct DifferentialTests {
    static let baseSeed: UInt64 = {
        guard let text = ProcessInfo.processInfo.environment["RUNBOOK_DIFF_SEED"] else { return 0x5EED_0500 }
        return text.hasPrefix("0x") ? UInt64(text.dropFirst(2), radix: 16) ?? 0x5EED_0500 : UInt64(text) ?? 0x5EED_0500
    }()
    static let count: Int = ProcessInfo.processInfo.environment["RUNBOOK_DIFF_COUNT"].flatMap { Int($0) } ?? 500

    @Test func randomScenariosAgree() throws {
        let server = try PostgresServer.require()
        let failures = Mutex<[String]>([])
        let started = Date()
        // Two at a time: each scenario is one psql process and one database on the shared cluster.
        DispatchQueue.concurrentPerform(iterations: 2) { lane in
            for index in stride(from: lane, to: Self.count, by: 2) {
                let seed = Self.baseSeed &+ UInt64(index)
                let scenario = DifferentialScenario.generate(seed: seed, prefix: "d\(String(seed, radix: 36))_")
                if let failure = Self.compare(scenario, on: server) {
                    failures.withLock { $0.append(failure) }
                }
            }
        }
        let found = failures.withLock { $0 }.sorted()
        let agree = found.isEmpty
        if let path = ProcessInfo.processInfo.environment["RUNBOOK_DIFF_REPORT"] {
            try found.joined(separator: "\n\n").write(toFile: path, atomically: true, encoding: .utf8)
        }
        #expect(
            agree,
            "\(found.count) of \(Self.count) scenarios disagree; the first:\n\(found.prefix(3).joined(separator: "\n\n"))"
        )
        print(
            "differential: \(Self.count) scenarios from seed \(Self.baseSeed) in \(Int(Date().timeIntervalSince(started)))s, \(found.count) disagreements"
        )
    }

    /// Scenarios that once disagreed (or pin a PostgreSQL rule the simulator must keep), by name. `{p}` is the
    /// scenario's name prefix; every scenario has users u1, u2, roles r1, r2 and schemas s1, s2.
    static let regressions: [String: [String]] = [
        "a table created under SET ROLE belongs to that role and its members": [
            "GRANT {p}r1 TO {p}u1", "GRANT USAGE, CREATE ON SCHEMA s1 TO {p}r1", "SET ROLE {p}r1",
            "CREATE TABLE s1.t1 (id int)", "RESET ROLE",
        ],
        "REVOKE from the owner takes the owner's own privileges": [
            "GRANT USAGE, CREATE ON SCHEMA s1 TO {p}u1", "SET ROLE {p}u1", "CREATE TABLE s1.t1 (id int)", "RESET ROLE",
            "REVOKE UPDATE ON TABLE s1.t1 FROM {p}u1", "REVOKE DELETE, SELECT ON ALL TABLES IN SCHEMA s1 FROM {p}u1",
            "GRANT SELECT ON ALL TABLES IN SCHEMA s1 TO {p}u1",
        ],
        "a global default REVOKE from the creator applies to the creator's new tables": [
            "ALTER DEFAULT PRIVILEGES FOR ROLE {p}r1 REVOKE UPDATE ON TABLES FROM {p}r1", "GRANT {p}r1 TO {p}u1",
            "GRANT USAGE, CREATE ON SCHEMA s1 TO {p}r1", "SET ROLE {p}r1", "CREATE TABLE s1.t1 (id int)",
            "CREATE TABLE s1.t2 (id int)", "RESET ROLE", "GRANT UPDATE ON TABLE s1.t1 TO {p}r1",
        ],
        "an empty default ACL is the built-in default: the owner keeps everything": [
            "ALTER DEFAULT PRIVILEGES FOR ROLE {p}r1 REVOKE ALL ON TABLES FROM {p}r1",
            "GRANT USAGE, CREATE ON SCHEMA s1 TO {p}r1", "SET ROLE {p}r1", "CREATE TABLE s1.t1 (id int)", "RESET ROLE",
            "ALTER DEFAULT PRIVILEGES FOR ROLE {p}r2 REVOKE ALL ON TABLES FROM {p}r2",
            "ALTER DEFAULT PRIVILEGES FOR ROLE {p}r2 GRANT SELECT ON TABLES TO {p}u2",
            "GRANT USAGE, CREATE ON SCHEMA s2 TO {p}r2", "SET ROLE {p}r2", "CREATE TABLE s2.t2 (id int)", "RESET ROLE",
        ],
        "default privileges cover only the creator they name (the guide's pitfall)": [
            "ALTER DEFAULT PRIVILEGES IN SCHEMA s1 GRANT SELECT ON TABLES TO {p}r1", "GRANT {p}r1 TO {p}u2",
            "GRANT USAGE, CREATE ON SCHEMA s1 TO {p}u1", "SET ROLE {p}u1", "CREATE TABLE s1.t1 (id int)", "RESET ROLE",
            "CREATE TABLE s1.t2 (id int)", "ALTER DEFAULT PRIVILEGES FOR ROLE {p}u1 GRANT INSERT ON TABLES TO {p}r2",
            "SET ROLE {p}u1", "CREATE TABLE s1.t3 (id int)", "RESET ROLE",
        ],
        "REVOKE from a schema's owner takes the owner's schema privileges": [
            "CREATE SCHEMA s3 AUTHORIZATION {p}r1", "GRANT {p}r1 TO {p}u1", "REVOKE USAGE ON SCHEMA s3 FROM {p}r1",
            "CREATE SCHEMA s4 AUTHORIZATION {p}u2", "REVOKE ALL ON SCHEMA s4 FROM {p}u2",
            "GRANT CREATE ON SCHEMA s4 TO {p}u2",
        ],
        "default privileges set under SET ROLE cover that role's tables": [
            "GRANT USAGE, CREATE ON SCHEMA s1 TO {p}r1", "SET ROLE {p}r1",
            "ALTER DEFAULT PRIVILEGES IN SCHEMA s1 GRANT SELECT ON TABLES TO {p}u1", "CREATE TABLE s1.t1 (id int)",
            "RESET ROLE", "CREATE TABLE s1.t2 (id int)",
        ],
        "PUBLIC's database defaults can be revoked and re-granted": [
            "REVOKE CONNECT, TEMP ON DATABASE {db} FROM PUBLIC", "GRANT TEMP ON DATABASE {db} TO {p}r1",
            "GRANT {p}r1 TO {p}u1", "REVOKE USAGE ON SCHEMA public FROM PUBLIC", "GRANT ALL ON SCHEMA s2 TO PUBLIC",
        ],
    ]

    @Test(arguments: regressions.keys.sorted())
    func regression(name: String) throws {
        let server = try PostgresServer.require()
        let index = Self.regressions.keys.sorted().firstIndex(of: name) ?? 0
        let prefix = "rg\(index)_"
        let extraSchemas = (Self.regressions[name] ?? []).compactMap { statement -> String? in
            guard statement.hasPrefix("CREATE SCHEMA ") else { return nil }
            return statement.split(separator: " ").dropFirst(2).first.map(String.init)
        }
        let scenario = DifferentialScenario(
            seed: 0, users: ["\(prefix)u1", "\(prefix)u2"], roles: ["\(prefix)r1", "\(prefix)r2"],
            schemas: ["s1", "s2"] + extraSchemas,
            tables: [],
            statements: [
                "CREATE USER \(prefix)u1", "CREATE USER \(prefix)u2", "CREATE ROLE \(prefix)r1",
                "CREATE ROLE \(prefix)r2",
                "CREATE SCHEMA s1", "CREATE SCHEMA s2",
            ]
                + (Self.regressions[name] ?? []).map { $0.replacingOccurrences(of: "{p}", with: prefix) })
        let failure = Self.compare(scenario, on: server)
        #expect(failure == nil, "\(failure ?? "")")
    }

    // MARK: - Running one scenario

    /// Nil when the server and the simulator agree; otherwise a report with the seed and the SQL.
    static func compare(_ scenario: DifferentialScenario, on server: PostgresServer) -> String? {
        let database = "\(scenario.users[0].dropLast(2))db"
        let real: Set<String>
        do {
            real = try Self.serverMatrix(scenario, database: database, on: server)
        } catch {
            return report(scenario, database: database, problem: "the server rejected the scenario: \(error)")
        }
        let simulated = simulatorMatrix(scenario)
        guard real != simulated else { return nil }
        let missing = real.subtracting(simulated).sorted().map { "  server only:    \($0)" }
        let extra = simulated.subtracting(real).sorted().map { "  simulator only: \($0)" }
        return report(scenario, database: database, problem: (missing + extra).joined(separator: "\n"))
    }

    static func report(_ scenario: DifferentialScenario, database: String, problem: String) -> String {
        """
        seed \(scenario.seed) (RUNBOOK_DIFF_SEED=\(scenario.seed) RUNBOOK_DIFF_COUNT=1):
        \(problem)
        SQL:
        \(scenario.sql(database: database))
        """
    }

    struct ScenarioFailed: Error, CustomStringConvertible {
        var description: String
    }

    /// Runs the scenario in a fresh database and reads the matrix with has_*_privilege; always cleans up.
    static func serverMatrix(
        _ scenario: DifferentialScenario, database: String, on server: PostgresServer
    ) throws -> Set<String> {
        let roles = scenario.principals.joined(separator: ", ")
        let quoted = scenario.principals.map { "'\($0)'" }.joined(separator: ", ")
        let schemas = scenario.allSchemas.map { "'\($0)'" }.joined(separator: ", ")
        let cleanup = """
            \\connect postgres
            DROP DATABASE IF EXISTS \(database) WITH (FORCE);
            DROP ROLE IF EXISTS \(roles);
            """
        let script = """
            \\set ON_ERROR_STOP off
            \(cleanup)
            \\set ON_ERROR_STOP on
            CREATE DATABASE \(database);
            \\connect \(database)
            \(scenario.sql(database: database))
            SELECT r.rolname, 'database', '', '', p FROM pg_roles r, unnest(ARRAY['CREATE', 'CONNECT', 'TEMP']) p
            WHERE r.rolname IN (\(quoted)) AND has_database_privilege(r.oid, current_database(), p)
            UNION ALL
            SELECT r.rolname, 'schema', n.nspname, '', p FROM pg_roles r, pg_namespace n, unnest(ARRAY['USAGE', 'CREATE']) p
            WHERE r.rolname IN (\(quoted)) AND n.nspname IN (\(schemas)) AND has_schema_privilege(r.oid, n.oid, p)
            UNION ALL
            SELECT r.rolname, 'table', n.nspname, c.relname, p
            FROM pg_roles r, pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace,
                unnest(ARRAY['SELECT', 'INSERT', 'UPDATE', 'DELETE']) p
            WHERE r.rolname IN (\(quoted)) AND n.nspname IN (\(schemas)) AND c.relkind = 'r'
                AND has_table_privilege(r.oid, c.oid, p);
            \(cleanup)
            """
        let result = try server.psql(sql: script, tuplesOnly: true)
        guard result.status == 0 else {
            _ = try? server.psql(sql: cleanup)
            throw ScenarioFailed(description: result.stderr.trimmingCharacters(in: .whitespacesAndNewlines))
        }
        return Set(result.stdout.split(separator: "\n").map(String.init))
    }

    /// The same matrix from the simulator, fed the scenario as a one-block runbook.
    static func simulatorMatrix(_ scenario: DifferentialScenario) -> Set<String> {
        let database = "postgres"
        let markdown = "# Scenario \(scenario.seed)\n\n```sql\n\(scenario.sql(database: database))\n```\n"
        let compiled = RunbookCompiler(options: CompileOptions(dialect: .postgres))
            .compile(path: "scenario.md", bytes: Array(markdown.utf8))
        guard let variant = compiled.variants.first else { return ["(no variant)"] }
        let simulation = Simulator.run(
            runbook: compiled.runbook, statements: compiled.blocks.parsed, variant: variant,
            dialect: .postgres)
        let catalog = simulation.catalog
        var objects: [CatalogObject] = [.database(database)]
        for schema in scenario.allSchemas {
            let name = SchemaName(database: database, schema: schema)
            objects.append(.schema(name))
            for table in catalog.schema(name)?.tables.keys.sorted() ?? [] {
                objects.append(.table(TableName(name, table)))
            }
        }
        var rows = Set<String>()
        for name in scenario.principals {
            guard let principal = catalog.principal(named: name) else {
                rows.insert("(simulator lost \(name))")
                continue
            }
            for privilege in catalog.effectivePrivileges(of: principal, on: objects) {
                switch privilege.object {
                case .database where DifferentialScenario.databasePrivileges.contains(privilege.privilege):
                    rows.insert("\(name)|database|||\(privilege.privilege)")
                case .schema(let schema) where DifferentialScenario.schemaPrivileges.contains(privilege.privilege):
                    rows.insert("\(name)|schema|\(schema.schema)||\(privilege.privilege)")
                case .table(let table) where DifferentialScenario.tablePrivileges.contains(privilege.privilege):
                    rows.insert("\(name)|table|\(table.schema)|\(table.table)|\(privilege.privilege)")
                default:
                    break
                }
            }
        }
        return rows
    }
}
