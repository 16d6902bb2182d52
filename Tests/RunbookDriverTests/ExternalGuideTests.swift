import Foundation
import RunbookCompile
import RunbookDiagnostics
import RunbookDriver
import RunbookEmitters
import RunbookModel
import RunbookSQL
import Testing

/// What a person reading a page of ../shared/external-guides sees, written by hand from the page: the
/// numbered steps, one list of statements per way through the page (in the order they are run), the
/// databases switched to. The SQL snippets are the page's own statements, quoted to find them in the plans.
struct ExpectedPage: Sendable, CustomStringConvertible {
    var file: String
    /// Numbered steps (headings "Step N" and numbered items of a setup section's lists, top level only).
    var steps: Int
    /// Per way through the page, snippets of its statements in order.
    var variants: [[String]]
    /// Databases the plans switch to, in order (the same in every variant).
    var connections: [String] = []
    /// Text that must not reach any plan (server output, another page section's alternative).
    var absent: [String] = []
    /// Names that must not be read as parameters.
    var notParameters: [String] = []

    var description: String { file }
}

@Suite struct ExternalGuideTests {
    static let worksheet = [
        "set airbyte_role = 'AIRBYTE_ROLE';", "create role if not exists identifier($airbyte_role);",
        "create database if not exists identifier($airbyte_database);",
        "CREATE SCHEMA IF NOT EXISTS identifier($airbyte_schema);",
    ]
    static let metabaseAdditions = [
        "CREATE ROLE metabase_actions WITH LOGIN;", "CREATE ROLE metabase_model_persistence WITH LOGIN;",
        "CREATE ROLE metabase_uploads WITH LOGIN;", "CREATE USER metabase_tangerine",
    ]

    static let pages: [ExpectedPage] = [
        ExpectedPage(
            file: "airbyte-destination-snowflake.md", steps: 3,
            variants: [
                // Step 1's worksheet script, then the data loading method: S3, Google Cloud Storage or Azure
                // (only Google Cloud Storage has SQL).
                worksheet,
                worksheet + [
                    "create storage INTEGRATION gcs_airbyte_integration", "create stage gcs_airbyte_stage",
                    "DESC STORAGE INTEGRATION gcs_airbyte_integration;",
                ], worksheet,
            ],
            absent: ["SHOW PARAMETERS LIKE 'network_policy'"]),
        ExpectedPage(
            file: "airbyte-source-postgres.md", steps: 3 + 6,
            variants: [
                [
                    "CREATE USER <user_name> PASSWORD 'your_password_here';",
                    "GRANT USAGE ON SCHEMA <schema_name> TO <user_name>;",
                    "ALTER DEFAULT PRIVILEGES IN SCHEMA <schema_name> GRANT SELECT ON TABLES TO <user_name>;",
                    "ALTER USER <user_name> REPLICATION;",
                    "SELECT pg_create_logical_replication_slot('airbyte_slot', 'pgoutput');",
                    "ALTER TABLE tbl1 REPLICA IDENTITY DEFAULT;", "CREATE PUBLICATION airbyte_publication FOR TABLE",
                ]
            ],
            absent: ["az postgres server", "ssh-keygen"]),
        ExpectedPage(
            file: "aws-redshift-cross-database.md", steps: 0,
            variants: [
                [
                    "CREATE DATABASE db1;", "CREATE DATABASE db2;", "CREATE USER user1 PASSWORD",
                    "CREATE USER user2 PASSWORD",
                    "CREATE TABLE table1 (c1 int, c2 int, c3 int);", "GRANT SELECT ON table1 TO user2;",
                    "INSERT INTO table1 VALUES (1,2,3),(4,5,6),(7,8,9);",
                    "SELECT * from db1.public.table1 ORDER BY c1;",
                    "CREATE EXTERNAL SCHEMA db1_public_sch", "SELECT * FROM db1_public_sch.table1 ORDER BY c1;",
                    "CREATE VIEW regular_view AS SELECT c1 FROM table1;", "CREATE MATERIALIZED VIEW mat_view",
                    "CREATE VIEW late_bind_view", "SELECT * FROM db1.public.regular_view;",
                    "SELECT * FROM db1_public_sch.late_bind_view;", "CREATE TABLE table1 (a int, b int, c int);",
                    "select database_name, database_owner, database_type", "from svv_all_tables",
                ]
            ],
            connections: ["db1", "db2", "db1", "db2"],
            absent: ["(3 rows)", "---+-----+----", "c1 | c2", " db1           | public"]),
        ExpectedPage(
            file: "aws-redshift-user-groups.md", steps: 5,
            variants: [
                [
                    "create group webappusers;", "create group webpowerusers;", "create group webdevusers;",
                    "create user webappuser1 password", "create user webappuser2 password",
                    "create user webdevuser1 password",
                    "create user webappadmin  password", "create schema webapp;",
                    "grant usage on schema webapp to group webappusers;",
                    "grant usage on schema webapp to group webpowerusers;",
                    "grant all on schema webapp to group webdevusers;",
                    "alter user webappuser1 set search_path to webapp, public;",
                    "alter group webpowerusers add user webappuser2;",
                ]
            ]),
        ExpectedPage(
            file: "datadog-dbm-postgres-selfhosted.md", steps: 3 + 5,
            variants: [
                [
                    "CREATE USER datadog WITH password '<PASSWORD>';", "ALTER ROLE datadog INHERIT;",
                    "CREATE SCHEMA datadog;",
                    "GRANT pg_monitor TO datadog;", "CREATE OR REPLACE FUNCTION datadog.explain_statement(",
                ],
                [
                    "CREATE USER datadog WITH password '<PASSWORD>';", "CREATE SCHEMA datadog;",
                    "GRANT pg_monitor TO datadog;",
                    "CREATE OR REPLACE FUNCTION datadog.explain_statement(",
                ],
                [
                    "CREATE USER datadog WITH password '<PASSWORD>';", "CREATE SCHEMA datadog;",
                    "GRANT SELECT ON pg_stat_database TO datadog;",
                    "CREATE OR REPLACE FUNCTION datadog.pg_stat_activity()",
                    "CREATE OR REPLACE FUNCTION datadog.explain_statement(",
                ],
            ]),
        ExpectedPage(
            file: "dbt-postgres-permissions.md", steps: 0,
            variants: [
                [
                    "grant usage on database database_name to user_name;",
                    "grant create schema on database database_name",
                    "grant usage on schema database.schema_name", "grant create table on schema",
                    "grant create view on schema",
                    "grant usage on all schemas in database", "grant select on all tables in database",
                    "grant select on all views in database",
                ]
            ]),
        ExpectedPage(
            file: "dbt-redshift-permissions.md", steps: 0,
            variants: [
                [
                    "grant create schema on database database_name", "grant usage on schema database.schema_name",
                    "grant create table on schema", "grant create view on schema",
                    "grant usage on all schemas in database",
                    "grant select on all tables in database", "grant select on all views in database",
                ]
            ]),
        ExpectedPage(
            file: "estuary-supabase-capture.md", steps: 5,
            variants: [
                [
                    "CREATE USER flow_capture WITH PASSWORD 'secret' REPLICATION;",
                    "GRANT pg_read_all_data TO flow_capture;",
                    "CREATE TABLE IF NOT EXISTS public.flow_watermarks", "CREATE PUBLICATION flow_publication;",
                    "ALTER SYSTEM SET wal_level = logical;",
                ],
                [
                    "CREATE USER flow_capture WITH PASSWORD 'secret' REPLICATION;",
                    "ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT SELECT ON TABLES to flow_capture;",
                    "GRANT SELECT ON ALL TABLES IN SCHEMA information_schema, pg_catalog TO flow_capture;",
                    "CREATE TABLE IF NOT EXISTS public.flow_watermarks", "CREATE PUBLICATION flow_publication;",
                    "ALTER SYSTEM SET wal_level = logical;",
                ],
            ],
            // The "Publications" section shows another way to create the publication, for some cases.
            absent: ["CREATE PUBLICATION flow_publication FOR ALL TABLES"]),
        ExpectedPage(
            file: "gitea-database-preparation.md", steps: 7 + 7 + 8 + 7,
            variants: [
                [
                    "SET old_passwords=0;", "CREATE USER 'gitea'@'%' IDENTIFIED BY 'gitea';",
                    "CREATE DATABASE giteadb CHARACTER SET",
                    "GRANT ALL PRIVILEGES ON giteadb.* TO 'gitea';", "DROP USER 'gitea'@'192.0.2.10';",
                ],
                [
                    "SET old_passwords=0;", "CREATE USER 'gitea'@'192.0.2.10' IDENTIFIED BY 'gitea';",
                    "CREATE DATABASE giteadb CHARACTER SET",
                    "GRANT ALL PRIVILEGES ON giteadb.* TO 'gitea'@'192.0.2.10';",
                    "DROP USER 'gitea'@'192.0.2.10';",
                ],
                ["CREATE ROLE gitea WITH LOGIN PASSWORD 'gitea';", "CREATE DATABASE giteadb WITH OWNER gitea"],
                ["CREATE ROLE gitea WITH LOGIN PASSWORD 'gitea';", "CREATE DATABASE giteadb WITH OWNER gitea"],
            ]),
        ExpectedPage(
            file: "grafana-postgres-configure.md", steps: 5,
            variants: [
                [
                    "CREATE USER grafanareader WITH PASSWORD 'password';",
                    "GRANT USAGE ON SCHEMA schema TO grafanareader;",
                    "GRANT SELECT ON schema.table TO grafanareader;",
                ]
            ]),
        ExpectedPage(
            file: "hasura-postgres-requirements.md", steps: 0,
            variants: [
                // Scenario 1: a metadata user and a user-database user.
                [
                    "CREATE USER hasura_metadata_user WITH PASSWORD",
                    "ALTER SCHEMA hdb_catalog OWNER TO hasura_metadata_user;",
                    "CREATE USER hasurauser WITH PASSWORD 'hasurauser';", "GRANT USAGE ON SCHEMA public TO hasurauser;",
                ],
                // Scenario 2: one user for both.
                [
                    "CREATE USER hasurauser WITH PASSWORD 'hasurauser';",
                    "ALTER SCHEMA hdb_catalog OWNER TO hasurauser;",
                    "GRANT USAGE ON SCHEMA public TO hasurauser;",
                ],
                // A managed database: the sample scenario of "Managed Postgres permissions". The notes on cloud
                // providers' errors are not steps.
                [
                    "CREATE USER hasurauser WITH PASSWORD 'hasurauser';", "CREATE SCHEMA IF NOT EXISTS hdb_views;",
                    "ALTER SCHEMA hdb_catalog OWNER TO hasurauser;",
                    "ALTER SCHEMA hdb_pro_catalog OWNER TO hasurauser;",
                    "GRANT USAGE ON SCHEMA public TO hasurauser;",
                ],
            ],
            absent: ["postgres=>", "ERROR:  permission denied", "WARNING:  no privileges were granted"]),
        ExpectedPage(
            file: "metabase-users-roles-privileges.md", steps: 0,
            variants: [
                // The minimum privileges through an analytics role, or all privileges; then the additions that
                // go with either (actions, model persistence, uploads) and the multi-tenant example.
                [
                    "CREATE ROLE analytics WITH LOGIN;", "CREATE USER metabase WITH PASSWORD",
                    "GRANT analytics TO metabase;",
                ]
                    + metabaseAdditions,
                ["CREATE USER metabase WITH PASSWORD", "GRANT ALL PRIVILEGES ON \"database\" TO metabase;"]
                    + metabaseAdditions,
            ]),
        ExpectedPage(
            file: "metaphor-redshift.md", steps: 0,
            variants: [
                [
                    "CREATE USER metaphor PASSWORD <password>;",
                    "GRANT SELECT ON pg_catalog.svv_table_info TO metaphor;",
                    "ALTER USER metaphor WITH SYSLOG ACCESS UNRESTRICTED;",
                    "GRANT SELECT ON pg_catalog.pg_user_info TO metaphor;",
                    "GRANT USAGE ON SCHEMA <external_schema> TO metaphor;",
                ]
            ]),
        ExpectedPage(
            file: "openmetadata-redshift.md", steps: 0,
            variants: [
                [
                    "CREATE USER test_user with PASSWORD 'password';",
                    "GRANT SELECT ON TABLE svv_table_info to test_user;",
                ]
            ]),
        ExpectedPage(
            file: "pgwatch-preparing-databases.md", steps: 3,
            variants: [
                [
                    "CREATE ROLE pgwatch WITH LOGIN PASSWORD 'secret';", "ALTER ROLE pgwatch CONNECTION LIMIT 5;",
                    "GRANT pg_monitor TO pgwatch;", "GRANT CONNECT ON DATABASE mydb TO pgwatch;",
                    "GRANT EXECUTE ON FUNCTION pg_stat_file(text) to pgwatch;",
                ]
            ],
            absent: ["CREATE EXTENSION IF NOT EXISTS plpython3u;"],
            notParameters: ["to", "a"]),
        ExpectedPage(
            file: "rudderstack-redshift-destination.md", steps: 6 + 3 + 7 + 2 + 4,
            variants: [
                [
                    "CREATE USER rudder PASSWORD '<password goes here>';",
                    "GRANT CREATE ON DATABASE \"<database name goes here>\" TO \"rudder\";",
                ]
            ]),
        ExpectedPage(
            file: "rudderstack-retl-redshift.md", steps: 3,
            variants: [
                [
                    "CREATE USER rudder WITH PASSWORD '<strong_unique_password>'", "CREATE SCHEMA \"_rudderstack\";",
                    "GRANT ALL ON SCHEMA \"_rudderstack\" TO rudder;",
                    "GRANT ALL PRIVILEGES ON ALL TABLES IN SCHEMA \"_rudderstack\" TO rudder;",
                    "GRANT USAGE ON SCHEMA \"<YOUR_SCHEMA>\" TO rudder;",
                    "GRANT SELECT ON TABLE \"<YOUR_SCHEMA>\".\"<YOUR_TABLE>\" TO rudder;",
                    "GRANT SELECT ON ALL TABLES IN SCHEMA \"<YOUR_SCHEMA>\" TO rudder;",
                    "ALTER DEFAULT PRIVILEGES IN SCHEMA \"<YOUR_SCHEMA>\" GRANT SELECT ON TABLES TO rudder;",
                ]
            ]),
        ExpectedPage(
            file: "stitch-redshift-destination.md", steps: 4,
            variants: [
                [
                    "CREATE USER stitch WITH PASSWORD '<password>';",
                    "GRANT CREATE ON DATABASE <database_name> TO stitch",
                    "GRANT SELECT ON ALL TABLES IN SCHEMA information_schema TO stitch",
                    "GRANT SELECT ON ALL TABLES IN SCHEMA pg_catalog TO stitch",
                ]
            ]),
    ]

    /// Pages the tool does not yet read as a person does, with why.
    static let knownIssues: [String: String] = [:]

    /// What one variant's plan holds: the SQL text of its blocks joined, and the databases it switches to.
    static func plan(_ compiled: CompiledRunbook, _ variant: Variant) -> (sql: String, connections: [String]) {
        var sql = ""
        var connections: [String] = []
        for entry in compiled.runbook.plan(for: variant).entries {
            switch entry {
            case .block(let block, _):
                if case .notSQL = compiled.blocks[block.index].classification { continue }
                sql += block.text + "\n"
            case .connect(let database, _):
                connections.append(database)
            default:
                break
            }
        }
        return (sql, connections)
    }

    /// Whether `snippets` appear in `text` in this order.
    static func containsInOrder(_ text: String, _ snippets: [String]) -> Bool {
        var rest = Substring(text)
        for snippet in snippets {
            guard let found = rest.range(of: snippet) else { return false }
            rest = rest[found.upperBound...]
        }
        return true
    }

    /// Differences between the page as a person reads it and the compiled runbook, in words.
    static func differences(_ page: ExpectedPage, _ compiled: CompiledRunbook) -> [String] {
        var problems: [String] = []
        let steps = compiled.runbook.steps.filter { $0.path.components.count == 1 }.count
        if steps != page.steps { problems.append("\(steps) steps, expected \(page.steps)") }
        let plans = compiled.variants.map { (slug: $0.slug, plan: plan(compiled, $0)) }
        if plans.count != page.variants.count {
            problems.append("variants \(plans.map(\.slug)), expected \(page.variants.count)")
        }
        // Each expected way through the page is one variant: its statements in order, none that only
        // another way has.
        var unmatched = Array(plans.indices)
        for (index, snippets) in page.variants.enumerated() {
            let others = Set(page.variants.enumerated().filter { $0.offset != index }.flatMap(\.element))
                .subtracting(snippets)
            guard
                let match = unmatched.first(where: { candidate in
                    containsInOrder(plans[candidate].plan.sql, snippets)
                        && !others.contains { plans[candidate].plan.sql.contains($0) }
                })
            else {
                problems.append("no variant runs \(snippets) in this order without the other ways' statements")
                continue
            }
            unmatched.removeAll { $0 == match }
        }
        for (slug, plan) in plans {
            if !page.connections.isEmpty, plan.connections != page.connections {
                problems.append("\(slug) connects to \(plan.connections), expected \(page.connections)")
            }
            for text in page.absent where plan.sql.contains(text) { problems.append("\(slug) holds '\(text)'") }
        }
        let parameters = compiled.runbook.parameters.map(\.name)
        for name in page.notParameters where parameters.contains(name) {
            problems.append("'\(name)' read as a parameter")
        }
        return problems
    }

    @Test(arguments: pages)
    func pageReadsAsAPersonReadsIt(_ page: ExpectedPage) throws {
        let file = SharedPages.externalGuides.appendingPathComponent(page.file)
        guard FileManager.default.fileExists(atPath: file.path) else {
            if ProcessInfo.processInfo.environment["RUNBOOK_REQUIRE_CORPUS"] == "1" {
                Issue.record("RUNBOOK_REQUIRE_CORPUS=1 but \(file.path) is missing")
            }
            return
        }
        let compiled = try SharedPages.compile(file, dialect: SharedPages.dialect(of: file))
        let problems = Self.differences(page, compiled)
        if let reason = Self.knownIssues[page.file] {
            withKnownIssue(Comment(rawValue: reason)) {
                #expect(problems.isEmpty, "\(page.file): \(problems.joined(separator: "; "))")
            }
        } else {
            #expect(problems.isEmpty, "\(page.file): \(problems.joined(separator: "; "))")
        }
        // No page compiles into an error that comes from joining its alternatives.
        #expect(!compiled.diagnostics.contains { $0.rule == "privileges.already-exists" && $0.severity == .error })
    }

    /// The AWS cross-database page says who runs each block (`--As user2 on db2`): the plan logs in as that
    /// user, the script connects as it, and every user it switches to exists by then.
    @Test func crossDatabasePageRunsEachBlockAsItsUser() throws {
        let file = SharedPages.externalGuides.appendingPathComponent("aws-redshift-cross-database.md")
        guard FileManager.default.fileExists(atPath: file.path) else {
            if ProcessInfo.processInfo.environment["RUNBOOK_REQUIRE_CORPUS"] == "1" {
                Issue.record("RUNBOOK_REQUIRE_CORPUS=1 but \(file.path) is missing")
            }
            return
        }
        let compiled = try SharedPages.compile(file, dialect: .redshift)
        let variant = try #require(compiled.variants.first)
        let switches = compiled.runbook.plan(for: variant).entries.compactMap { entry -> String? in
            guard case .connect(let database, let because) = entry else { return nil }
            return "\(database) \(because.user?.name ?? "-")"
        }
        #expect(switches == ["db1 user1", "db2 user2", "db1 user1", "db2 user2"])
        #expect(!compiled.diagnostics.contains { $0.rule == "privileges.unknown-connection-user" })
        let script = Builder.outputs(compiled, variants: [variant], dialect: .redshift).files[0].contents
        #expect(script.contains("\\connect db1 user1\n") && script.contains("\\connect db2 user2\n"))
    }

    @Test func everyPageHasAnExpectation() throws {
        guard let files = SharedPages.markdownFiles(under: SharedPages.externalGuides) else { return }
        #expect(Set(files.map(\.lastPathComponent)) == Set(Self.pages.map(\.file)))
    }
}
