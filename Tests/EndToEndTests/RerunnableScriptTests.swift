import Foundation
import Testing

/// Re-runnable scripts on the real server: a script run twice in a row, or cut short after any step and run
/// again, leaves exactly the catalog of one clean run. In PostgresGuideTests' suite for the source guide (its
/// roles are cluster-wide, and that suite is serialized); a PostgreSQL guide of its own with two options below.
extension PostgresGuideTests {
    /// The guide's user database as it assumes it, and, for the single-database variants (whose grants on
    /// `devices` are made in `segment_workspace`), that database with the schema already there: the fix a
    /// customer makes after the first run stopped at that grant.
    static func rerunFixture(_ slug: String) -> String {
        guard singleDatabaseVariants.contains(slug) else { return fixture }
        return fixture + """

            \\connect postgres
            CREATE DATABASE segment_workspace;
            \\connect segment_workspace
            CREATE SCHEMA devices;
            CREATE TABLE devices.user_devices (id int);
            CREATE TABLE devices.device_locations (id int);
            """
    }

    static let allSlugs = [fullSchema, specificTables] + singleDatabaseVariants

    func cleanRun(_ slug: String, server: PostgresServer) throws -> String {
        try server.query(Self.rerunFixture(slug))
        let run = try server.psql(file: try Self.script(slug).path, variables: ["segment_user_password": Self.password])
        try #require(run.status == 0, "\(slug): \(run.stderr)")
        return try server.catalog(principals: Self.principals, databases: Self.databases)
    }

    @Test(arguments: allSlugs)
    func scriptsRunTwiceInARow(slug: String) throws {
        let server = try PostgresServer.require()
        let once = try cleanRun(slug, server: server)
        let again = try server.psql(
            file: try Self.script(slug).path, variables: ["segment_user_password": Self.password])
        #expect(again.status == 0, "second run: \(again.stderr)")
        #expect(try server.catalog(principals: Self.principals, databases: Self.databases) == once)
        // What existed was skipped, with a line saying so, and each step said where the run was.
        #expect(
            again.stdout.contains("Step 2.1: role segment_profiles_sync_role already exists, skipped"),
            "\(again.stdout)")
        #expect(again.stdout.contains("Step 4.1: user segment_user already exists, skipped"))
        #expect(again.stdout.contains("Step 3.3"))
    }

    @Test(arguments: allSlugs)
    func scriptsCutShortAfterAnyStepFinishWhenRunAgain(slug: String) throws {
        let server = try PostgresServer.require()
        let clean = try cleanRun(slug, server: server)
        let script = try String(contentsOf: try Self.script(slug), encoding: .utf8)
        let cuts = PostgresServer.stepBoundaries(script)
        #expect(cuts.count >= 8, "\(slug) has \(cuts.count) steps")
        for cut in cuts {
            try server.query(Self.rerunFixture(slug))
            let partial = try server.psql(sql: cut, variables: ["segment_user_password": Self.password])
            #expect(partial.status == 0, "\(partial.stderr)")
            let rest = try server.psql(
                file: try Self.script(slug).path, variables: ["segment_user_password": Self.password])
            #expect(rest.status == 0, "after a run cut at \(cut.split(separator: "\n").last ?? ""): \(rest.stderr)")
            #expect(try server.catalog(principals: Self.principals, databases: Self.databases) == clean)
        }
    }

    /// The issue's story: the run stops at the grant on `devices` (the schema is not in the new database); the
    /// customer creates it and runs the same script again, which skips what the first run did and finishes.
    @Test func aRunThatStoppedFinishesAfterTheFix() throws {
        let server = try PostgresServer.require()
        let slug = Self.singleDatabaseVariants[0]
        try server.query(Self.fixture)
        let first = try server.psql(
            file: try Self.script(slug).path, variables: ["segment_user_password": Self.password])
        #expect(first.status == 3)
        #expect(first.stdout.contains("Step 3.4"), "the last progress line says where it stopped: \(first.stdout)")
        try server.query(
            "CREATE SCHEMA devices; CREATE TABLE devices.user_devices (id int); CREATE TABLE devices.device_locations (id int);",
            database: "segment_workspace")
        let second = try server.psql(
            file: try Self.script(slug).path, variables: ["segment_user_password": Self.password])
        #expect(second.status == 0, "\(second.stderr)")
        #expect(second.stdout.contains("database segment_workspace already exists, skipped"))
        #expect(try server.query("SELECT count(*) FROM pg_roles WHERE rolname = 'segment_user'") == [["1"]])
    }

    /// `--plain` keeps the document's statements only: the second run fails where the first created something.
    @Test func plainScriptsAreTheDocumentsStatementsOnly() throws {
        let server = try PostgresServer.require()
        let out = try RunbookProcess.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: out) }
        let build = try RunbookProcess.run([
            "build", Self.guide, "--out", out.path, "--dialect", "postgres", "--plain", "--variant", Self.fullSchema,
        ])
        #expect(build.status == 1, "the guide has errors: \(build.stderr)")
        let script = out.appendingPathComponent("redshift-data-graph/\(Self.fullSchema).sql")
        let text = try String(contentsOf: script, encoding: .utf8)
        #expect(!text.contains("\\gset") && !text.contains("\\echo"))
        #expect(text.contains("\\if :{?segment_user_password}"), "the password guard holds in plain scripts too")
        try server.query(Self.fixture)
        #expect(try server.psql(file: script.path, variables: ["segment_user_password": Self.password]).status == 0)
        let again = try server.psql(file: script.path, variables: ["segment_user_password": Self.password])
        #expect(again.status == 3)
        #expect(again.stderr.contains("already exists"))
    }
}

/// A PostgreSQL guide with two options, every creating statement the scripts guard (database, schema, table,
/// view, role, group, user), and the password written as a psql variable.
@Suite(.serialized, PostgresServer.trait) struct RerunnablePostgresGuideTests {
    static let guide = """
        ---
        dialect: postgres
        ---

        # Acme analytics access

        ### Step 1: Create the Acme database

        ```sql
        CREATE DATABASE acme_analytics;
        ```

        ### Step 2: Create the reporting objects

        1. Switch to the Acme database. Create the reporting schema, its table and a view.

           ```sql
           CREATE SCHEMA reporting;
           CREATE TABLE reporting.daily (day date, visits int);
           CREATE VIEW reporting.recent AS SELECT * FROM reporting.daily;
           ```

        2. Create the reader role and the loaders group.

           ```sql
           CREATE ROLE acme_reader;
           CREATE GROUP acme_loaders;
           ```

        ## Access Option 1

        Read the whole schema.

        ### Step 3: Grant read access to the schema

        ```sql
        GRANT USAGE ON SCHEMA reporting TO acme_reader;
        GRANT SELECT ON ALL TABLES IN SCHEMA reporting TO acme_reader;
        ALTER DEFAULT PRIVILEGES IN SCHEMA reporting GRANT SELECT ON TABLES TO acme_reader;
        ```

        ## Access Option 2

        Read one table.

        ### Step 3: Grant read access to one table

        ```sql
        GRANT USAGE ON SCHEMA reporting TO acme_reader;
        GRANT SELECT ON reporting.daily TO acme_reader;
        ```

        ## Finish

        ### Step 4: Create the user

        1. Create the user.

           ```sql
           CREATE USER acme_user PASSWORD :'acme_user_password';
           ```

        2. Give the user the role and the group.

           ```sql
           GRANT acme_reader TO acme_user;
           GRANT acme_loaders TO acme_user;
           GRANT CONNECT ON DATABASE acme_analytics TO acme_reader;
           ```

        """

    static let principals = ["acme_reader", "acme_loaders", "acme_user"]
    static let databases = ["acme_analytics"]
    static let slugs = ["access-option-1", "access-option-2"]
    static let reset = """
        DROP DATABASE IF EXISTS acme_analytics WITH (FORCE);
        DROP ROLE IF EXISTS acme_user;
        DROP ROLE IF EXISTS acme_reader;
        DROP ROLE IF EXISTS acme_loaders;
        """

    static let built: Result<URL, PostgresGuideTests.BuildFailed> = {
        do {
            let folder = try RunbookProcess.temporaryDirectory()
            let file = folder.appendingPathComponent("acme-postgres.md")
            try Data(guide.utf8).write(to: file)
            let out = folder.appendingPathComponent("out")
            let result = try RunbookProcess.run(["build", file.path, "--out", out.path, "--dialect", "postgres"])
            guard result.status == 0 else { return .failure(.init(message: result.stdout + result.stderr)) }
            return .success(out.appendingPathComponent("acme-postgres"))
        } catch {
            return .failure(.init(message: "\(error)"))
        }
    }()

    static func script(_ slug: String) throws -> URL { try built.get().appendingPathComponent("\(slug).sql") }

    func run(_ server: PostgresServer, _ slug: String) throws -> PostgresServer.Output {
        try server.psql(file: try Self.script(slug).path, variables: ["acme_user_password": "Acme-Test-42"])
    }

    @Test func theGuideHasTwoVariants() throws {
        let folder = try Self.built.get()
        let scripts = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".sql") }
        #expect(scripts.sorted() == Self.slugs.map { "\($0).sql" })
    }

    @Test(arguments: slugs)
    func runTwiceAndCutShortAfterEachStep(slug: String) throws {
        let server = try PostgresServer.require()
        try server.query(Self.reset)
        let first = try run(server, slug)
        try #require(first.status == 0, "\(first.stderr)")
        let clean = try server.catalog(principals: Self.principals, databases: Self.databases)
        #expect(clean.contains("relation|reporting.recent|v"), "\(clean)")
        #expect(clean.contains("member|acme_loaders|acme_user"), "\(clean)")

        let second = try run(server, slug)
        #expect(second.status == 0, "\(second.stderr)")
        #expect(try server.catalog(principals: Self.principals, databases: Self.databases) == clean)
        for skipped in [
            "database acme_analytics", "schema reporting", "table reporting.daily", "view reporting.recent",
            "role acme_reader", "group acme_loaders", "user acme_user",
        ] {
            #expect(second.stdout.contains("\(skipped) already exists, skipped"), "\(skipped): \(second.stdout)")
        }

        let script = try String(contentsOf: try Self.script(slug), encoding: .utf8)
        let cuts = PostgresServer.stepBoundaries(script)
        #expect(cuts.count >= 5)
        for cut in cuts {
            try server.query(Self.reset)
            let partial = try server.psql(sql: cut, variables: ["acme_user_password": "Acme-Test-42"])
            #expect(partial.status == 0, "\(partial.stderr)")
            let rest = try run(server, slug)
            #expect(rest.status == 0, "\(rest.stderr)")
            #expect(try server.catalog(principals: Self.principals, databases: Self.databases) == clean)
        }
        try server.query(Self.reset)
    }

    /// `verify` reads the policy `check` and `build` read: a finding runbook.yml lowers to a warning is reported
    /// and no longer fails the run.
    @Test func verifyReadsTheSamePolicy() throws {
        let server = try PostgresServer.require()
        try server.query(Self.reset)
        try #require(try run(server, Self.slugs[0]).status == 0)
        try server.query("DROP ROLE acme_user")
        let folder = try RunbookProcess.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("acme-postgres.md")
        try Data(Self.guide.utf8).write(to: file)
        let arguments = [
            "verify", file.path, "--database-url", server.url(database: "postgres"), "--variant", Self.slugs[0],
        ]
        let strict = try RunbookProcess.run(arguments)
        #expect(strict.status == 1, "\(strict.stdout)\(strict.stderr)")
        #expect(
            strict.stdout.contains("error: ") && strict.stdout.contains("[verify.missing-principal]"),
            "\(strict.stdout)")

        let lowered = [
            "verify.missing-principal", "verify.missing-privilege", "verify.missing-object", "verify.extra-privilege",
            "verify.missing-membership", "verify.missing-default-privilege", "verify.extra-default-privilege",
        ]
        try Data(("rules:\n  severity:\n" + lowered.map { "    \($0): warning\n" }.joined()).utf8).write(
            to: folder.appendingPathComponent("runbook.yml"))
        let lenient = try RunbookProcess.run(arguments)
        #expect(lenient.stdout.contains("warning: ") && lenient.stdout.contains("[verify.missing-principal]"))
        #expect(!lenient.stdout.contains("error: "), "\(lenient.stdout)")
        #expect(lenient.status == 0, "\(lenient.stdout)\(lenient.stderr)")
        // And the command line is stronger than the file, as for every other command.
        let strictAgain = try RunbookProcess.run(arguments + ["--warnings-as-errors"])
        #expect(strictAgain.status == 1)
        try server.query(Self.reset)
    }

    /// The password the guide writes as a psql variable keeps the guard: without `-v`, nothing runs.
    @Test func withoutThePasswordVariableNothingRuns() throws {
        let server = try PostgresServer.require()
        try server.query(Self.reset)
        let text = try String(contentsOf: try Self.script(Self.slugs[0]), encoding: .utf8)
        #expect(text.contains("-- Run: psql -v ON_ERROR_STOP=1 -v acme_user_password=... -f access-option-1.sql"))
        let run = try server.psql(file: try Self.script(Self.slugs[0]).path)
        #expect(run.status == 3)
        #expect(run.stderr.contains("psql -v acme_user_password=..."), "\(run.stderr)")
        #expect(try server.query("SELECT count(*) FROM pg_database WHERE datname = 'acme_analytics'") == [["0"]])
    }
}

extension PostgresServer {
    /// The script cut at each step's progress line: what a run that stopped after each step had done.
    static func stepBoundaries(_ script: String) -> [String] {
        let lines = script.split(separator: "\n", omittingEmptySubsequences: false)
        // A progress line follows an empty line; the "already exists, skipped" lines sit inside a guard.
        return lines.indices.filter { index in
            index > 0 && lines[index - 1].isEmpty
                && (lines[index].hasPrefix("\\echo 'Step") || lines[index].hasPrefix("\\echo 'Before"))
        }
        .dropFirst()
        .map { lines[..<$0].joined(separator: "\n") + "\n" }
    }

    /// Everything a setup script can change about these principals and databases, as sorted text: roles and
    /// their login, memberships, databases and their ACLs, and per database its schemas, tables and views with
    /// owners and ACLs, and default privileges.
    func catalog(principals: [String], databases: [String]) throws -> String {
        let names = principals.map { "'\($0)'" }.joined(separator: ", ")
        let databaseNames = databases.map { "'\($0)'" }.joined(separator: ", ")
        var rows = try query(
            """
            SELECT 'role', rolname, rolcanlogin::text FROM pg_roles WHERE rolname IN (\(names))
            UNION ALL
            SELECT 'member', r.rolname, m.rolname FROM pg_auth_members a JOIN pg_roles r ON r.oid = a.roleid
                JOIN pg_roles m ON m.oid = a.member WHERE r.rolname IN (\(names)) OR m.rolname IN (\(names))
            UNION ALL
            SELECT 'database', datname, coalesce(datacl::text, '') FROM pg_database WHERE datname IN (\(databaseNames))
            """)
        for database in try query("SELECT datname FROM pg_database WHERE datname IN (\(databaseNames))").map({ $0[0] })
        {
            let userSchemas = "n.nspname NOT LIKE 'pg\\_%' AND n.nspname <> 'information_schema'"
            rows += try query(
                """
                SELECT 'schema', n.nspname, pg_get_userbyid(n.nspowner), coalesce(n.nspacl::text, '')
                    FROM pg_namespace n WHERE \(userSchemas)
                UNION ALL
                SELECT 'relation', n.nspname || '.' || c.relname, c.relkind::text, coalesce(c.relacl::text, '')
                    FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
                    WHERE c.relkind IN ('r', 'v') AND \(userSchemas)
                UNION ALL
                SELECT 'default', coalesce(n.nspname, ''), pg_get_userbyid(d.defaclrole), d.defaclacl::text
                    FROM pg_default_acl d LEFT JOIN pg_namespace n ON n.oid = d.defaclnamespace
                """, database: database
            ).map { [database] + $0 }
        }
        return rows.map { $0.joined(separator: "|") }.sorted().joined(separator: "\n")
    }
}
