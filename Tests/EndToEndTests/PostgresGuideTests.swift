import Foundation
import RunbookCompile
import RunbookDriver
import RunbookEmitters
import RunbookModel
import RunbookPrivileges
import RunbookVerify
import Testing

/// The guide's four variants, translated to PostgreSQL, run by psql on the throwaway server; the catalog must
/// then show exactly what the simulator predicts. Serialized: the guide's roles are cluster-wide.
@Suite(.serialized, PostgresServer.trait) struct PostgresGuideTests {
    static let guide = "runbooks/redshift-data-graph.md"
    static let fullSchema = "permissions-option-1_step-3-4-2-option-1"
    static let specificTables = "permissions-option-1_step-3-4-2-option-2"
    static let singleDatabaseVariants = [
        "permissions-option-2_step-3-4-2-option-1", "permissions-option-2_step-3-4-2-option-2",
    ]
    static let principals = ["segment_user", "segment_linked_role", "segment_profiles_sync_role"]
    static let databases = ["segment_workspace", "user_database"]
    static let password = "Runbook-Test-1"

    /// The user's database as the guide assumes it: schema `devices` with the two tables it names and one it never grants.
    static let fixture = """
        DROP DATABASE IF EXISTS segment_workspace WITH (FORCE);
        DROP DATABASE IF EXISTS user_database WITH (FORCE);
        DROP ROLE IF EXISTS segment_user;
        DROP ROLE IF EXISTS segment_linked_role;
        DROP ROLE IF EXISTS segment_profiles_sync_role;
        CREATE DATABASE user_database;
        \\connect user_database
        CREATE SCHEMA devices;
        CREATE TABLE devices.user_devices (id int);
        CREATE TABLE devices.device_locations (id int);
        CREATE TABLE devices.other_table (id int);
        INSERT INTO devices.user_devices VALUES (1);
        INSERT INTO devices.other_table VALUES (1);
        """

    static let compiled: CompiledRunbook = {
        let path = RunbookProcess.packageRoot.appendingPathComponent(guide).path
        let bytes = (try? Data(contentsOf: URL(fileURLWithPath: path))).map { [UInt8]($0) } ?? []
        return RunbookCompiler().compile(path: guide, bytes: bytes)
    }()

    /// The postgres scripts, built once by the executable as a user would.
    static let scripts: Result<URL, BuildFailed> = {
        do {
            let out = try RunbookProcess.temporaryDirectory()
            let result = try RunbookProcess.run(["build", guide, "--out", out.path, "--dialect", "postgres"])
            // Status 1: the guide's real errors are reported, and the scripts are written all the same.
            guard result.status == 1, result.stderr.contains("the outputs were written") else {
                return .failure(BuildFailed(message: result.stderr))
            }
            return .success(out.appendingPathComponent("redshift-data-graph"))
        } catch {
            return .failure(BuildFailed(message: "\(error)"))
        }
    }()

    struct BuildFailed: Error { var message: String }

    static func script(_ slug: String) throws -> URL {
        try scripts.get().appendingPathComponent("\(slug).sql")
    }

    /// A fresh fixture, then the variant's script as the guide's reader would run it.
    static func setUp(_ slug: String, server: PostgresServer) throws -> PostgresServer.Output {
        try server.query(fixture)
        return try server.psql(file: try script(slug).path, variables: ["segment_user_password": password])
    }

    // MARK: - Tests

    @Test(arguments: [fullSchema, specificTables])
    func twoDatabaseVariantsLeaveWhatTheSimulatorPredicts(slug: String) throws {
        let server = try PostgresServer.require()
        let run = try Self.setUp(slug, server: server)
        try #require(run.status == 0, "psql failed: \(run.stderr)")

        let live = try server.snapshot(databases: Self.databases, principals: Self.principals)
        let variant = try #require(Self.compiled.variants.first { $0.slug == slug })
        let promise = Promise.simulated(Self.compiled, variant: variant, liveObjects: live.objects)
        let outcome = Verification.compare(
            promise, with: live, variant: slug, fallback: .init(.init(line: 1, column: 1)))
        #expect(outcome.diagnostics.isEmpty, "\(outcome.diagnostics.map(\.message).joined(separator: "\n"))")
        // Exactly, both ways: the simulator's privileges are the server's, for every principal the guide creates.
        let expected = Set(promise.privileges.map(\.privilege))
        let held = live.privileges.filter { Self.principals.contains($0.principal) }
        #expect(expected.subtracting(held).sorted() == [], "promised but not held")
        #expect(held.subtracting(expected).sorted() == [], "held but not promised")

        // What the guide's prose promises, asked of the server directly.
        let readsOther = slug == Self.fullSchema
        let facts = try server.query(
            """
            SELECT has_database_privilege('segment_user', 'user_database', 'CREATE'),
                   has_database_privilege('segment_user', 'segment_workspace', 'CREATE'),
                   has_schema_privilege('segment_user', 'devices', 'USAGE'),
                   has_schema_privilege('segment_user', 'devices', 'CREATE'),
                   has_table_privilege('segment_user', 'devices.user_devices', 'SELECT'),
                   has_table_privilege('segment_user', 'devices.device_locations', 'SELECT'),
                   has_table_privilege('segment_user', 'devices.other_table', 'SELECT'),
                   has_table_privilege('segment_user', 'devices.user_devices', 'INSERT'),
                   has_table_privilege('segment_linked_role', 'devices.other_table', 'SELECT'),
                   has_table_privilege('segment_profiles_sync_role', 'devices.user_devices', 'SELECT')
            """, database: "user_database")
        #expect(facts == [["f", "t", "t", "f", "t", "t", readsOther ? "t" : "f", "f", readsOther ? "t" : "f", "f"]])
        #expect(
            try server.query(
                """
                SELECT has_schema_privilege('segment_profiles_sync_role', 'profiles_sync', 'CREATE'),
                       has_schema_privilege('segment_linked_role', 'profiles_sync', 'USAGE'),
                       has_schema_privilege('segment_linked_role', 'profiles_sync', 'CREATE')
                """, database: "segment_workspace") == [["t", "t", "f"]])

        // A real read as the Segment user.
        let read = try server.psql(
            database: "user_database",
            sql:
                "SET ROLE segment_user;\nSELECT count(*) FROM devices.user_devices;\nSELECT count(*) FROM devices.other_table;\n",
            tuplesOnly: true)
        if readsOther {
            #expect(read.status == 0 && read.stdout == "1\n1\n", "\(read.stderr)")
        } else {
            #expect(read.status == 3 && read.stdout == "1\n", "\(read.stdout)")
            #expect(read.stderr.contains("permission denied for table other_table"), "\(read.stderr)")
        }
        let create = try server.psql(
            database: "user_database", sql: "SET ROLE segment_user;\nCREATE SCHEMA segment_should_not;\n")
        #expect(create.status == 3 && create.stderr.contains("permission denied for database user_database"))
    }

    /// Option 2 grants USAGE on `devices` in the new, empty `segment_workspace`: the simulator says the schema
    /// cannot exist there, and the server stops at that statement for that reason.
    @Test(arguments: singleDatabaseVariants)
    func singleDatabaseVariantsFailWhereTheSimulatorSays(slug: String) throws {
        let server = try PostgresServer.require()
        let variant = try #require(Self.compiled.variants.first { $0.slug == slug })
        let simulation = Simulator.run(
            runbook: Self.compiled.runbook, statements: Self.compiled.blocks.parsed, variant: variant,
            dialect: .postgres)
        let predicted = simulation.events.compactMap { event -> SourceRangeLine? in
            if case .objectInNewDatabase(.schema(let schema), let range, _, _) = event,
                schema == SchemaName(database: "segment_workspace", schema: "devices")
            {
                return SourceRangeLine(line: range.start.line)
            }
            return nil
        }
        let markdownLine = try #require(predicted.first, "the simulator predicts no failure").line

        let run = try Self.setUp(slug, server: server)
        #expect(run.status == 3, "psql exit status")
        let scriptURL = try Self.script(slug)
        let lines = try String(contentsOf: scriptURL, encoding: .utf8).split(
            separator: "\n", omittingEmptySubsequences: false)
        // The script line of the statement that comes from the Markdown line the simulator names.
        let comment = try #require(lines.firstIndex { $0.hasPrefix("-- Step") && $0.hasSuffix("line \(markdownLine)") })
        // The statement follows its `-- Step …, line N` comment and the block's own comments.
        let statement = try #require(lines[(comment + 1)...].firstIndex { !$0.hasPrefix("--") })
        let statementLine = statement + 1
        #expect(lines[statement].hasPrefix("GRANT USAGE ON SCHEMA devices"))
        #expect(
            run.stderr.contains("\(scriptURL.path):\(statementLine): ERROR:  schema \"devices\" does not exist"),
            "\(run.stderr)")
        // Nothing after it ran: the user was never created.
        #expect(try server.query("SELECT count(*) FROM pg_roles WHERE rolname = 'segment_user'") == [["0"]])
    }

    @Test func scriptsRefuseToRunWithoutThePassword() throws {
        let server = try PostgresServer.require()
        try server.query(Self.fixture)
        let run = try server.psql(file: try Self.script(Self.fullSchema).path)
        #expect(run.status == 3)
        #expect(run.stderr.contains("psql -v segment_user_password=..."), "\(run.stderr)")
        #expect(try server.query("SELECT count(*) FROM pg_database WHERE datname = 'segment_workspace'") == [["0"]])
    }

    struct SourceRangeLine { var line: Int }
}

extension PostgresServer {
    /// The server's view, read with psql: an implementation independent of `runbook verify`'s PostgresNIO reader.
    func snapshot(databases: [String], principals: [String]) throws -> LiveSnapshot {
        var snapshot = LiveSnapshot()
        let names = principals.map { "'\($0)'" }.joined(separator: ", ")
        snapshot.existingPrincipals = Set(
            try query("SELECT rolname FROM pg_roles WHERE rolname IN (\(names))").map { $0[0] })
        snapshot.existingDatabases = Set(try query("SELECT datname FROM pg_database").map { $0[0] }).intersection(
            databases)
        let userSchemas = "n.nspname NOT LIKE 'pg\\_%' AND n.nspname <> 'information_schema'"
        for database in snapshot.existingDatabases {
            for row in try query(
                """
                SELECT n.nspname, '', pg_get_userbyid(n.nspowner) FROM pg_namespace n WHERE \(userSchemas)
                UNION ALL
                SELECT n.nspname, c.relname, pg_get_userbyid(c.relowner) FROM pg_class c
                JOIN pg_namespace n ON n.oid = c.relnamespace WHERE c.relkind IN ('r', 'v') AND \(userSchemas)
                """, database: database)
            {
                snapshot.objects[
                    PrivilegeTarget(database: database, schema: row[0], table: row[1].isEmpty ? nil : row[1])] = row[2]
            }
            for row in try query(
                """
                SELECT r.rolname, '', '', p FROM pg_roles r, unnest(ARRAY['CONNECT', 'CREATE', 'TEMP']) p
                WHERE r.rolname IN (\(names)) AND has_database_privilege(r.rolname, current_database(), p)
                UNION ALL
                SELECT r.rolname, n.nspname, '', p FROM pg_roles r, pg_namespace n, unnest(ARRAY['CREATE', 'USAGE']) p
                WHERE r.rolname IN (\(names)) AND \(userSchemas) AND has_schema_privilege(r.rolname, n.nspname, p)
                UNION ALL
                SELECT r.rolname, n.nspname, c.relname, p FROM pg_roles r, pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace,
                    unnest(ARRAY['SELECT', 'INSERT', 'UPDATE', 'DELETE', 'TRUNCATE', 'REFERENCES', 'TRIGGER']) p
                WHERE r.rolname IN (\(names)) AND c.relkind IN ('r', 'v') AND \(userSchemas)
                    AND has_table_privilege(r.rolname, c.oid, p)
                """, database: database)
            {
                snapshot.privileges.insert(
                    HeldPrivilege(
                        principal: row[0], privilege: row[3],
                        target: PrivilegeTarget(
                            database: database, schema: row[1].isEmpty ? nil : row[1],
                            table: row[2].isEmpty ? nil : row[2])))
            }
            for row in try query(
                """
                SELECT pg_get_userbyid(d.defaclrole), coalesce(n.nspname, ''), g.rolname, a.privilege_type
                FROM pg_default_acl d LEFT JOIN pg_namespace n ON n.oid = d.defaclnamespace,
                    aclexplode(d.defaclacl) a, pg_roles g
                WHERE g.oid = a.grantee AND d.defaclobjtype = 'r' AND g.rolname IN (\(names))
                """, database: database)
            {
                snapshot.defaultPrivileges.insert(
                    DefaultTablePrivilege(
                        database: database, creator: row[0], schema: row[1].isEmpty ? nil : row[1], privilege: row[3],
                        grantee: row[2]))
            }
        }
        for row in try query(
            """
            SELECT m.rolname, r.rolname FROM pg_auth_members a, pg_roles m, pg_roles r
            WHERE m.oid = a.member AND r.oid = a.roleid AND (m.rolname IN (\(names)) OR r.rolname IN (\(names)))
            """)
        {
            snapshot.memberships.insert(RoleMembership(member: row[0], role: row[1]))
        }
        return snapshot
    }
}
