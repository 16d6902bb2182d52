import Foundation
import RunbookDriver
import RunbookEmitters
import Testing

/// The PostgreSQL pages of ../shared/external-guides (RUNBOOK_EXTERNAL_GUIDES), each variant's built script run
/// on the real server: in a database of the page's own (the one psql was started with), after creating what the
/// page assumes is there, with every password variable given. The script runs to the end, or stops where the
/// page's SQL is wrong for PostgreSQL 15 (the statement named by hand); a second run gives the same result and
/// leaves the catalog as it was; the server then holds what the page promises, written by hand from reading it
/// (catalog queries), and `runbook verify --variant` says what it should.
///
/// Other suites use the same server at the same time: every name below is one the page itself names (or the
/// page's own working database), and only those are dropped.
@Suite(.serialized, PostgresServer.trait) struct ExternalGuideScriptTests {
    /// Where the script stops: the page's line of the statement PostgreSQL rejects, a piece of the statement,
    /// and of psql's error.
    struct Stop: Sendable {
        var line: Int
        var statement: String
        var error: String
        /// Whether `runbook check` reports an error at that line (a wrong statement), or not (a server setting
        /// the page asks for outside SQL).
        var checkSays: Bool
    }

    /// What `runbook verify --variant` says after the run.
    enum VerifyVerdict: Sendable {
        case matches
        /// Status 1, with these findings in its output.
        case differs([String])
        /// Status 2: the variant creates no user or role and no database, so there is nothing to compare.
        case nothingToCompare
    }

    /// One variant's run, as the page reads.
    struct Outcome: Sendable {
        var stop: Stop? = nil
        /// SQL boolean expressions, in the page's working database, true after the run: what the page promises.
        var holds: [String]
        /// Expressions false after the run: what the page does not give, or what the script leaves out.
        var fails: [String] = []
        var verify: VerifyVerdict
        /// An operating-system locale the page's SQL needs; on a server without it, the run stops as `otherwise`
        /// says and only `otherwiseHolds` hold.
        var locale: (name: String, otherwise: Stop, otherwiseHolds: [String])? = nil
    }

    struct Page: Sendable, CustomTestStringConvertible {
        var file: String
        /// The database the scripts are started in (psql -d): the page's "your database".
        var database: String
        /// Every role the page creates or names (dropped before and after).
        var roles: [String]
        /// Databases the page creates or names besides `database` (dropped before and after).
        var databases: [String] = []
        /// Databases the page assumes, created before each run.
        var assumedDatabases: [String] = []
        /// What the page assumes in `database`, created before each run.
        var assumed: [String] = []
        /// Run in `postgres` after the page (server settings it changes).
        var cleanUp: [String] = []
        var variants: [String: Outcome]

        var testDescription: String { file }
    }

    static let folder: URL = {
        if let configured = ProcessInfo.processInfo.environment["RUNBOOK_EXTERNAL_GUIDES"], !configured.isEmpty {
            return URL(fileURLWithPath: configured)
        }
        return RunbookProcess.packageRoot.appendingPathComponent("../shared/external-guides").standardizedFileURL
    }()

    static let datadogCommon = [
        "(SELECT rolcanlogin FROM pg_roles WHERE rolname = 'datadog')",
        "has_schema_privilege('datadog', 'datadog', 'USAGE')", "has_schema_privilege('datadog', 'public', 'USAGE')",
        "EXISTS (SELECT 1 FROM pg_extension WHERE extname = 'pg_stat_statements')",
        "(SELECT prosecdef FROM pg_proc WHERE oid = 'datadog.explain_statement(text)'::regprocedure)",
        "has_function_privilege('datadog', 'datadog.explain_statement(text)', 'EXECUTE')",
    ]

    static let metabaseRoles = [
        "metabase_tangerine", "metabase_lemon", "customer_facing_analytics", "tangerine_queries", "lemon_queries",
        "lemon_actions", "analytics", "metabase", "metabase_actions", "metabase_model_persistence", "metabase_uploads",
    ]

    /// The multi-tenant block runs until `GRANT SELECT, EXECUTE ON ALL TABLES`: EXECUTE is no table privilege.
    static let metabaseOutcome = Outcome(
        stop: Stop(
            line: 186, statement: "GRANT SELECT, EXECUTE ON ALL TABLES IN SCHEMA \"tangerine\"",
            error: "invalid privilege type EXECUTE for relation", checkSays: true),
        holds: [
            "(SELECT rolcanlogin FROM pg_roles WHERE rolname = 'metabase_tangerine')",
            "(SELECT rolcanlogin FROM pg_roles WHERE rolname = 'metabase_lemon')",
            "pg_has_role('metabase_tangerine', 'customer_facing_analytics', 'MEMBER')",
            "pg_has_role('metabase_lemon', 'customer_facing_analytics', 'MEMBER')",
            "(SELECT datacl::text LIKE '%customer_facing_analytics=c/%' FROM pg_database WHERE datname = 'citrus')",
            "has_schema_privilege('tangerine_queries', 'tangerine', 'USAGE')",
        ],
        fails: [
            // The blocks that create `metabase` write its password in double quotes: not PostgreSQL, not run.
            "EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'metabase')",
            // After the statement that stops the run.
            "EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'lemon_queries')",
        ],
        verify: .differs(["'lemon_queries' does not exist on the server"]))

    static let giteaMySQL = Outcome(
        holds: [], fails: ["EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'gitea')"], verify: .nothingToCompare)

    static let giteaPostgres = Outcome(
        holds: [
            "(SELECT rolcanlogin FROM pg_roles WHERE rolname = 'gitea')",
            "(SELECT pg_get_userbyid(datdba) = 'gitea' FROM pg_database WHERE datname = 'giteadb')",
            "(SELECT pg_encoding_to_char(encoding) = 'UTF8' FROM pg_database WHERE datname = 'giteadb')",
        ],
        verify: .matches,
        locale: (
            "en_US.UTF-8",
            Stop(line: 118, statement: "CREATE DATABASE giteadb", error: "invalid locale name", checkSays: false),
            ["(SELECT rolcanlogin FROM pg_roles WHERE rolname = 'gitea')"]
        ))

    /// The PostgreSQL pages, by hand: a page that stops being PostgreSQL, or one that becomes it, fails
    /// `thePostgreSQLPagesAreTheOnesListed`.
    static let pages: [Page] = [
        Page(
            file: "airbyte-source-postgres.md", database: "runbook_egs_airbyte", roles: [],
            assumed: ["CREATE TABLE tbl1 (id int PRIMARY KEY)"],
            variants: [
                // Step 1's SQL is a template (<user_name>, <schema_name>): not in the script, and its password
                // is not asked for. Step 4 needs the wal_level = logical that step 3 sets in postgresql.conf.
                "default": Outcome(
                    stop: Stop(
                        line: 127, statement: "SELECT pg_create_logical_replication_slot('airbyte_slot', 'pgoutput')",
                        error: "logical decoding requires wal_level >= logical", checkSays: false),
                    holds: [], fails: ["EXISTS (SELECT 1 FROM pg_replication_slots WHERE slot_name = 'airbyte_slot')"],
                    verify: .nothingToCompare)
            ]),
        Page(
            file: "datadog-dbm-postgres-selfhosted.md", database: "runbook_egs_datadog", roles: ["datadog"],
            variants: [
                "grant-the-agent-access-postgres-15": Outcome(
                    holds: datadogCommon + [
                        "(SELECT rolinherit FROM pg_roles WHERE rolname = 'datadog')",
                        "pg_has_role('datadog', 'pg_monitor', 'MEMBER')",
                    ], verify: .matches),
                "grant-the-agent-access-postgres-10": Outcome(
                    holds: datadogCommon + ["pg_has_role('datadog', 'pg_monitor', 'MEMBER')"], verify: .matches),
                "grant-the-agent-access-postgres-9-6": Outcome(
                    holds: datadogCommon + [
                        "(SELECT relacl::text LIKE '%datadog=r/%' FROM pg_class WHERE oid = 'pg_catalog.pg_stat_database'::regclass)",
                        "(SELECT prosecdef FROM pg_proc WHERE oid = 'datadog.pg_stat_activity()'::regprocedure)",
                        "(SELECT prosecdef FROM pg_proc WHERE oid = 'datadog.pg_stat_statements()'::regprocedure)",
                    ], fails: ["pg_has_role('datadog', 'pg_monitor', 'MEMBER')"], verify: .matches),
            ]),
        Page(
            file: "dbt-postgres-permissions.md", database: "runbook_egs_dbt", roles: ["user_name"],
            variants: [
                // `grant usage on database`, `grant create schema on database`: another engine's grammar, which
                // PostgreSQL rejects; the block is not copied, so the script does nothing.
                "default": Outcome(
                    holds: [], fails: ["EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'user_name')"],
                    verify: .nothingToCompare)
            ]),
        Page(
            file: "estuary-supabase-capture.md", database: "runbook_egs_estuary", roles: ["flow_capture"],
            assumed: ["CREATE TABLE public.egs_orders (id int PRIMARY KEY)"],
            cleanUp: ["ALTER SYSTEM RESET wal_level"],
            variants: [
                "step-2-postgresql-v14-or-later": Outcome(
                    holds: [
                        "(SELECT rolcanlogin AND rolreplication FROM pg_roles WHERE rolname = 'flow_capture')",
                        "pg_has_role('flow_capture', 'pg_read_all_data', 'MEMBER')",
                        "has_table_privilege('flow_capture', 'public.egs_orders', 'SELECT')",
                        "EXISTS (SELECT 1 FROM pg_file_settings WHERE name = 'wal_level' AND setting = 'logical')",
                    ],
                    fails: [
                        // Step 3 is a template (<other_tables>): the watermarks table and the publication are
                        // the reader's to make. The "Publications" section's other way is an example.
                        "to_regclass('public.flow_watermarks') IS NOT NULL",
                        "EXISTS (SELECT 1 FROM pg_publication WHERE pubname = 'flow_publication')",
                    ],
                    verify: .differs(["flow_watermarks does not exist on the server"])),
                "step-2-earlier-version": Outcome(
                    holds: [
                        "(SELECT rolcanlogin AND rolreplication FROM pg_roles WHERE rolname = 'flow_capture')",
                        "EXISTS (SELECT 1 FROM pg_file_settings WHERE name = 'wal_level' AND setting = 'logical')",
                    ],
                    fails: [
                        // The earlier-version grants are a template too (<other_schema>).
                        "has_table_privilege('flow_capture', 'public.egs_orders', 'SELECT')",
                        "pg_has_role('flow_capture', 'pg_read_all_data', 'MEMBER')",
                        "to_regclass('public.flow_watermarks') IS NOT NULL",
                    ],
                    verify: .differs(["flow_watermarks does not exist on the server"])),
            ]),
        Page(
            file: "gitea-database-preparation.md", database: "runbook_egs_gitea", roles: ["gitea"],
            databases: ["giteadb"],
            variants: [
                "engine-mysql_step-3-local-database": giteaMySQL, "engine-mysql_step-3-remote-database": giteaMySQL,
                "engine-postgresql_step-3-local-database": giteaPostgres,
                "engine-postgresql_step-3-remote-database": giteaPostgres,
            ]),
        Page(
            file: "grafana-postgres-configure.md", database: "runbook_egs_grafana", roles: ["grafanareader"],
            assumed: [
                "CREATE SCHEMA schema", "CREATE TABLE schema.table (id int)", "CREATE TABLE schema.other (id int)",
            ],
            variants: [
                "default": Outcome(
                    holds: [
                        "(SELECT rolcanlogin FROM pg_roles WHERE rolname = 'grafanareader')",
                        "has_schema_privilege('grafanareader', 'schema', 'USAGE')",
                        "has_table_privilege('grafanareader', 'schema.table', 'SELECT')",
                    ],
                    fails: [
                        // Only SELECT, and only on the table named.
                        "has_table_privilege('grafanareader', 'schema.table', 'INSERT')",
                        "has_table_privilege('grafanareader', 'schema.other', 'SELECT')",
                        "has_schema_privilege('grafanareader', 'schema', 'CREATE')",
                    ],
                    verify: .matches)
            ]),
        Page(
            file: "hasura-postgres-requirements.md", database: "runbook_egs_hasura",
            roles: ["hasurauser", "hasura_metadata_user"],
            assumed: ["CREATE TABLE public.egs_items (id serial PRIMARY KEY)"],
            variants: [
                "postgres-requirements-sample-scenario": Outcome(
                    holds: [
                        "(SELECT rolcanlogin FROM pg_roles WHERE rolname = 'hasurauser')",
                        "EXISTS (SELECT 1 FROM pg_extension WHERE extname = 'pgcrypto')",
                        "(SELECT pg_get_userbyid(nspowner) = 'hasurauser' FROM pg_namespace WHERE nspname = 'hdb_catalog')",
                        "(SELECT pg_get_userbyid(nspowner) = 'hasurauser' FROM pg_namespace WHERE nspname = 'hdb_views')",
                        "(SELECT pg_get_userbyid(nspowner) = 'hasurauser' FROM pg_namespace WHERE nspname = 'hdb_pro_catalog')",
                        "has_table_privilege('hasurauser', 'public.egs_items', 'SELECT, INSERT, UPDATE, DELETE')",
                        "has_sequence_privilege('hasurauser', 'public.egs_items_id_seq', 'USAGE')",
                    ],
                    fails: ["EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'hasura_metadata_user')"],
                    verify: .matches),
                // `ALTER DEFAULT PRIVILEGES … GRANT ALL ON TABLES;` names no grantee: a syntax error, so the
                // script stops there with runbook's own message (it never sends a statement that does not parse).
                "postgres-requirements-sample-scenarios_sample-scenarios-option-1": Outcome(
                    stop: Stop(
                        line: 94, statement: "ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT ALL ON TABLES",
                        error: "does not parse (sql.syntax)", checkSays: true),
                    holds: [
                        "(SELECT pg_get_userbyid(nspowner) = 'hasura_metadata_user' FROM pg_namespace WHERE nspname = 'hdb_catalog')",
                        "(SELECT setconfig::text LIKE '%search_path=hdb_catalog%' FROM pg_db_role_setting WHERE setrole = 'hasura_metadata_user'::regrole)",
                        "has_table_privilege('hasurauser', 'public.egs_items', 'SELECT, INSERT, UPDATE, DELETE')",
                    ],
                    // The hdb_catalog grants to hasurauser come after the statement that stops the run.
                    fails: ["has_schema_privilege('hasurauser', 'hdb_catalog', 'CREATE')"],
                    verify: .differs(["hasurauser lacks CREATE on schema runbook_egs_hasura.hdb_catalog"])),
                "postgres-requirements-sample-scenarios_sample-scenarios-option-2": Outcome(
                    stop: Stop(
                        line: 160, statement: "ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT ALL ON TABLES",
                        error: "does not parse (sql.syntax)", checkSays: true),
                    holds: [
                        "(SELECT pg_get_userbyid(nspowner) = 'hasurauser' FROM pg_namespace WHERE nspname = 'hdb_catalog')",
                        "has_table_privilege('hasurauser', 'public.egs_items', 'SELECT, INSERT, UPDATE, DELETE')",
                    ],
                    fails: ["EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'hasura_metadata_user')"],
                    verify: .matches),
            ]),
        Page(
            file: "metabase-users-roles-privileges.md", database: "runbook_egs_metabase", roles: metabaseRoles,
            databases: ["citrus"], assumedDatabases: ["citrus"],
            assumed: ["CREATE SCHEMA tangerine", "CREATE SCHEMA lemon", "CREATE TABLE lemon.lemonade (id int)"],
            variants: [
                "database-users-roles-and-privileges-minimum-database-privileges": metabaseOutcome,
                "database-users-roles-and-privileges-grant-all-database-privileges": metabaseOutcome,
            ]),
        Page(
            file: "pgwatch-preparing-databases.md", database: "runbook_egs_pgwatch", roles: ["pgwatch"],
            databases: ["mydb"], assumedDatabases: ["mydb"],
            variants: [
                "default": Outcome(
                    holds: [
                        "(SELECT rolcanlogin AND rolconnlimit = 5 FROM pg_roles WHERE rolname = 'pgwatch')",
                        "pg_has_role('pgwatch', 'pg_monitor', 'MEMBER')",
                        "(SELECT datacl::text LIKE '%pgwatch=c/%' FROM pg_database WHERE datname = 'mydb')",
                        "has_function_privilege('pgwatch', 'pg_stat_file(text)', 'EXECUTE')",
                        "has_function_privilege('pgwatch', 'pg_stat_file(text, boolean)', 'EXECUTE')",
                    ],
                    fails: ["(SELECT rolsuper FROM pg_roles WHERE rolname = 'pgwatch')"], verify: .matches)
            ]),
    ]

    static func quoted(_ name: String) -> String { "\"" + name.replacing("\"", with: "\"\"") + "\"" }

    /// Drops what the page made or assumed: its databases, then its roles (what they own or hold first).
    static func reset(_ page: Page, _ server: PostgresServer) throws {
        for database in [page.database] + page.databases {
            try server.query("DROP DATABASE IF EXISTS \(quoted(database)) WITH (FORCE)")
        }
        if !page.roles.isEmpty {
            let names = page.roles.map { "'\($0)'" }.joined(separator: ", ")
            for row in try server.query("SELECT rolname FROM pg_roles WHERE rolname IN (\(names))") {
                try server.query("DROP OWNED BY \(quoted(row[0])); DROP ROLE \(quoted(row[0]));")
            }
        }
        for sql in page.cleanUp { try server.query(sql) }
    }

    static func prepare(_ page: Page, _ server: PostgresServer) throws {
        for database in page.assumedDatabases + [page.database] {
            try server.query("CREATE DATABASE \(quoted(database))")
        }
        for sql in page.assumed { try server.query(sql, database: page.database) }
    }

    /// The password variables of the script's `Run:` line, each given a value.
    static func passwordVariables(_ script: String) -> [String: String] {
        guard let run = script.split(separator: "\n").first(where: { $0.hasPrefix("-- Run: psql") }) else { return [:] }
        var variables: [String: String] = [:]
        for match in run.matches(of: /-v ([A-Za-z_][A-Za-z0-9_]*)=\.\.\./) {
            variables[String(match.output.1)] = "Egs-test-pw-1"
        }
        return variables
    }

    /// The page line of the statement that psql stopped at: the script's `-- Step N, line L` comment above the
    /// line psql names, and the script's text from that comment to that line.
    static func stoppedAt(_ stderr: String, script: String) -> (line: Int, text: String)? {
        guard let match = stderr.firstMatch(of: /:(\d+): ERROR:/), let failing = Int(match.output.1) else { return nil }
        let lines = script.split(separator: "\n", omittingEmptySubsequences: false)
        var index = min(failing, lines.count) - 1
        while index >= 0 {
            if let comment = lines[index].firstMatch(of: /^-- (?:Step [0-9.]+|Before the steps), line (\d+)$/),
                let line = Int(comment.output.1)
            {
                return (line, lines[index..<min(failing, lines.count)].joined(separator: "\n"))
            }
            index -= 1
        }
        return nil
    }

    static func holds(_ expression: String, _ page: Page, _ server: PostgresServer) throws -> Bool {
        try server.query("SELECT coalesce((\(expression))::boolean, false)", database: page.database) == [["t"]]
    }

    /// Expects the run to end as the page reads: exit 0, or psql's stop at the statement named.
    static func expect(
        _ run: PostgresServer.Output, _ stop: Stop?, script: String, what: String, check: RunbookProcess.Result,
        page: Page
    ) {
        guard let stop else {
            #expect(run.status == 0, "\(what): \(run.stderr)")
            return
        }
        #expect(run.status == 3, "\(what) should stop at line \(stop.line): \(run.stderr)")
        #expect(run.stderr.contains(stop.error), "\(what): \(run.stderr)")
        let stopped = stoppedAt(run.stderr, script: script)
        #expect(stopped?.line == stop.line, "\(what) stopped at \(String(describing: stopped)): \(run.stderr)")
        #expect(stopped?.text.contains(stop.statement) == true, "\(what): \(String(describing: stopped?.text))")
        let reported = (check.stdout + check.stderr).split(separator: "\n").contains {
            $0.hasPrefix("\(page.file):\(stop.line):") && $0.contains(": error: ")
        }
        #expect(reported == stop.checkSays, "check at line \(stop.line): \(check.stdout)")
    }

    @Test(arguments: pages)
    func eachVariantRunsTwiceAndGivesWhatThePagePromises(_ page: Page) throws {
        let server = try PostgresServer.require()
        let path = Self.folder.appendingPathComponent(page.file)
        guard FileManager.default.fileExists(atPath: path.path) else {
            if ProcessInfo.processInfo.environment["RUNBOOK_REQUIRE_CORPUS"] == "1" {
                Issue.record("RUNBOOK_REQUIRE_CORPUS=1 but \(path.path) is missing")
            }
            return
        }
        let out = try RunbookProcess.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: out) }
        // Relative paths, as a user types them: the diagnostics name the page as `check` prints it.
        let folder = Self.folder.path
        let build = try RunbookProcess.run(["build", page.file, "--out", out.path], in: Self.folder, timeout: 120)
        #expect(build.status == 0 || build.status == 1, "\(build.stderr)")
        let check = try RunbookProcess.run(["check", page.file], in: Self.folder, timeout: 120)
        let scripts = out.appendingPathComponent(
            URL(fileURLWithPath: page.file).deletingPathExtension().lastPathComponent)
        let built = try FileManager.default.contentsOfDirectory(atPath: scripts.path).filter { $0.hasSuffix(".sql") }
        #expect(Set(built) == Set(page.variants.keys.map { "\($0).sql" }), "\(folder)/\(page.file): \(built)")
        let localeNames = try server.query("SELECT lower(collname) FROM pg_collation").map { $0[0] }
        defer { try? Self.reset(page, server) }
        for (slug, planned) in page.variants.sorted(by: { $0.key < $1.key }) {
            var outcome = planned
            if let locale = planned.locale,
                !localeNames.contains(locale.name.lowercased().replacing("utf-8", with: "utf8"))
            {
                outcome.stop = locale.otherwise
                outcome.holds = locale.otherwiseHolds
                outcome.verify = .differs(["giteadb does not exist on the server"])
            }
            try Self.reset(page, server)
            try Self.prepare(page, server)
            let file = scripts.appendingPathComponent("\(slug).sql")
            let script = try String(contentsOf: file, encoding: .utf8)
            #expect(script.contains("\n-- runbook-dialect: postgres\n"), "\(slug)")
            let variables = Self.passwordVariables(script)
            let first = try server.psql(database: page.database, file: file.path, variables: variables)
            Self.expect(first, outcome.stop, script: script, what: "\(slug), first run", check: check, page: page)
            let databases = [page.database] + page.databases
            // A page that creates no role: the catalog of its databases alone.
            let principals = page.roles.isEmpty ? ["runbook egs: no role"] : page.roles
            let once = try server.catalog(principals: principals, databases: databases)
            let again = try server.psql(database: page.database, file: file.path, variables: variables)
            Self.expect(again, outcome.stop, script: script, what: "\(slug), second run", check: check, page: page)
            #expect(try server.catalog(principals: principals, databases: databases) == once, "\(slug): run again")
            for expression in outcome.holds {
                #expect(try Self.holds(expression, page, server), "\(slug): \(expression)")
            }
            for expression in outcome.fails {
                #expect(try !Self.holds(expression, page, server), "\(slug): not \(expression)")
            }
            let verify = try RunbookProcess.run(
                ["verify", page.file, "--database-url", server.url(database: page.database), "--variant", slug],
                in: Self.folder, timeout: 120)
            let said = verify.stdout + verify.stderr
            switch outcome.verify {
            case .matches:
                #expect(verify.status == 0, "\(slug): \(said)")
                #expect(verify.stdout.contains("variant \(slug): matches;"), "\(slug): \(said)")
            case .differs(let findings):
                #expect(verify.status == 1, "\(slug): \(said)")
                for finding in findings { #expect(verify.stdout.contains(finding), "\(slug): \(finding) in \(said)") }
            case .nothingToCompare:
                #expect(verify.status == 2, "\(slug): \(said)")
                #expect(verify.stderr.contains("has nothing in common"), "\(slug): \(said)")
            }
        }
    }
}

/// Which external guides are PostgreSQL pages, as `build` reads them, and their variants: the list above.
@Suite struct ExternalGuidePostgresPagesTests {
    @Test func thePostgreSQLPagesAreTheOnesListed() throws {
        let folder = ExternalGuideScriptTests.folder
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: folder.path) else {
            if ProcessInfo.processInfo.environment["RUNBOOK_REQUIRE_CORPUS"] == "1" {
                Issue.record("RUNBOOK_REQUIRE_CORPUS=1 but there is no folder at \(folder.path)")
            }
            return
        }
        var postgres: [String: Set<String>] = [:]
        for name in names.sorted() where name.hasSuffix(".md") && name != "README.md" {
            let path = folder.appendingPathComponent(name).path
            var locator = ConfigLocator()
            let config = try locator.config(for: path)
            let bytes = Array(try Data(contentsOf: URL(fileURLWithPath: path)))
            let compiled = RunbookCompiler(
                options: CompileOptions(pathDialect: config?.pathDialect(for: path), treeDialect: config?.dialect)
            ).compile(path: path, bytes: bytes)
            if compiled.page?.dialect == .postgres { postgres[name] = Set(compiled.variants.map(\.slug)) }
        }
        let listed = Dictionary(
            uniqueKeysWithValues: ExternalGuideScriptTests.pages.map { ($0.file, Set($0.variants.keys)) })
        #expect(Set(postgres.keys) == Set(listed.keys))
        for (file, slugs) in listed { #expect(postgres[file] == slugs, "\(file)") }
    }
}
