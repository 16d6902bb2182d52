import RunbookDiagnostics
import RunbookMarkdown
import RunbookTestSupport
import Testing

import struct RunbookDiagnostics.SourceLocation

@testable import RunbookModel

/// The forms real guides use, one each, in small texts of our own.
@Suite struct GuideFormTests {
    func blocks(_ runbook: Runbook) -> [Block] {
        runbook.items.compactMap { item -> Block? in if case .block(let block) = item { block } else { nil } }
    }

    /// The statements' first lines of each variant's plan, by slug.
    func plans(_ runbook: Runbook) -> [String: [String]] {
        var result: [String: [String]] = [:]
        for variant in runbook.variants {
            result[variant.slug] = runbook.plan(for: variant).entries.compactMap { entry in
                switch entry {
                case .block(let block, let connection):
                    let first = block.text.split(separator: "\n").first { !$0.hasPrefix("--") && !$0.isEmpty } ?? ""
                    return (connection.map { "\($0)> " } ?? "") + first
                case .connect(let database, let because):
                    let user = because.user.map { " " + ($0.name ?? ":admin") } ?? ""
                    return "\\connect \(database)\(user)"
                default: return nil
                }
            }
        }
        return result
    }

    @Test func fenceUnderIndentedInAListItemIsReadAsTheFence() throws {
        // The sub-items are indented less than their parent's text and their fences less than theirs:
        // CommonMark reads new lists and indented code. A reader sees steps 1, 1.1, 1.2 and 2.
        let marked = MarkedText(
            """
            1.  Create the roles:

               1.  Create the first:

                  ```sql
                  1️⃣CREATE ROLE a;
                  ```

               1.  Create the second:

                  ```sql
                  CREATE ROLE b;
                  ```

            1.  Grant:

               ```sql
               GRANT a TO b;
               ```
            """)
        let runbook = buildRunbook(marked.text)
        let block = try #require(blocks(runbook).first)
        #expect(block.language == "sql")
        #expect(block.text == "CREATE ROLE a;\n")
        #expect(block.positions.location(line: 1, column: 1) == marked.location(1))
        #expect(blocks(runbook).map(\.step.description) == ["1.1", "1.2", "2"])
        #expect(runbook.steps.map(\.path.description) == ["1", "2"])
        #expect(runbook.inferences.contains { $0.description.hasPrefix("indented code holding a fence") })
    }

    @Test func indentedCodeThatIsSQLIsABlock() throws {
        let runbook = buildRunbook("Run:\n\n    SHOW TABLES;\n\nThen:\n\n    ls -l\n")
        let block = try #require(blocks(runbook).first)
        #expect(blocks(runbook).count == 1)
        #expect(block.text == "SHOW TABLES;\n")
        #expect(block.positions.location(line: 1, column: 1) == SourceLocation(line: 3, column: 5))
    }

    @Test func unknownFenceTagWithSQLGetsANote() throws {
        let runbook = RunbookBuilder.build(
            parse("```roomsql\nCREATE USER u PASSWORD 'x';\n```\n\n```groovy\nprintln 'hi'\n```\n"), path: "t.md")
        #expect(runbook.diagnostics.map(\.rule) == [Rule.modelUnknownFenceLanguage.id])
        #expect(runbook.diagnostics.first?.range.start == SourceLocation(line: 1, column: 1))
    }

    @Test func psqlTranscriptKeepsTheStatementsOnly() throws {
        let marked = MarkedText(
            """
            ```sql
            -- as the superuser
            db=> 1️⃣GRANT a TO b;
            GRANT
            db=> ALTER SCHEMA s
            db-> 2️⃣OWNER TO a;
            ERROR:  must be member of role "a"
            ```
            """)
        let runbook = buildRunbook(marked.text)
        let block = try #require(blocks(runbook).first)
        #expect(block.text == "-- as the superuser\nGRANT a TO b;\n\nALTER SCHEMA s\nOWNER TO a;\n\n")
        #expect(block.positions.location(line: 2, column: 1) == marked.location(1))
        #expect(block.positions.location(line: 5, column: 1) == marked.location(2))
    }

    @Test func resultTablesAreTakenOut() throws {
        let runbook = buildRunbook(
            """
            ```
            SELECT * FROM t ORDER BY a;
             a | b
            ---+---
             1 | 2
            (1 row)

            SELECT b FROM t;

             b
            ----
             2
            (1 row)
            ```
            """)
        let block = try #require(blocks(runbook).first)
        #expect(block.text.split(separator: "\n") == ["SELECT * FROM t ORDER BY a;", "SELECT b FROM t;"])
        // Line for line: the twelve lines of the block stay twelve (and the final newline).
        #expect(block.text.split(separator: "\n", omittingEmptySubsequences: false).count == 13)
    }

    @Test func numberedListUnderAPlainHeadingGivesSteps() throws {
        let runbook = buildRunbook(
            """
            # Set up

            ## Setup

            1. Create the user:
            ```sql
            CREATE USER u PASSWORD 'Secret123';
            ```
            2. Grant it a role.

               ```sql
               GRANT r TO u;
               ```
            3. Restart the server.
            """)
        #expect(runbook.steps.map(\.path.description) == ["1", "2", "3"])
        #expect(blocks(runbook).map(\.step.description) == ["1", "2"])
        #expect(blocks(runbook).allSatisfy { $0.role == .executable })
    }

    @Test func versionLeadInsAreAlternatives() throws {
        let runbook = buildRunbook(
            """
            ## Setup

            1. Create the user.
            2. Assign the role.
                1. If using PostgreSQL 14 or later:

                ```sql
                GRANT pg_read_all_data TO u;
                ```

                2. If using an earlier version:

                ```sql
                GRANT SELECT ON ALL TABLES IN SCHEMA public TO u;
                ```
            3. Create the table:
            ```sql
            CREATE TABLE t (a int);
            ```
            """)
        #expect(runbook.choiceGroups.map(\.id) == ["step-2"])
        #expect(
            plans(runbook) == [
                "step-2-postgresql-14-or-later": ["GRANT pg_read_all_data TO u;", "CREATE TABLE t (a int);"],
                "step-2-earlier-version": [
                    "GRANT SELECT ON ALL TABLES IN SCHEMA public TO u;", "CREATE TABLE t (a int);",
                ],
            ])
        #expect(blocks(runbook).map(\.step.description) == ["2.1", "2.2", "3"])
    }

    @Test func sameLeadInsInTwoStepsAreOneChoice() throws {
        let runbook = buildRunbook(
            """
            1. Create the user.

                For local database:

                ```sql
                CREATE USER a;
                ```

                For remote database:

                ```sql
                CREATE USER b;
                ```
            2. Grant.

                For local database:

                ```sql
                GRANT r TO a;
                ```

                For remote database:

                ```sql
                GRANT r TO b;
                ```
            """)
        #expect(runbook.choiceGroups.map(\.id) == ["step-1"])
        #expect(
            plans(runbook) == [
                "step-1-local-database": ["CREATE USER a;", "GRANT r TO a;"],
                "step-1-remote-database": ["CREATE USER b;", "GRANT r TO b;"],
            ])
    }

    @Test func hugoTabsAreAlternativesAndTabsWithoutSQLAreProse() throws {
        let runbook = buildRunbook(
            """
            ## Grant access

            {{< tabs >}}
            {{% tab "Postgres 15" %}}
            ```sql
            GRANT pg_monitor TO d;
            ```
            {{% /tab %}}
            {{% tab "Postgres 9.6" %}}
            ```sql
            GRANT SELECT ON pg_stat_database TO d;
            ```
            {{% /tab %}}
            {{< /tabs >}}

            ```sql
            CREATE SCHEMA after_tabs;
            ```

            ## Check

            {{< tabs >}}
            {{% tab "Linux" %}}
            ```shell
            psql -c 'select 1'
            ```
            {{% /tab %}}
            {{% tab "Windows" %}}
            ```shell
            psql -c 'select 2'
            ```
            {{% /tab %}}
            {{< /tabs >}}
            """)
        #expect(runbook.choiceGroups.map(\.id) == ["grant-access"])
        #expect(plans(runbook)["grant-access-postgres-15"]?.prefix(1) == ["GRANT pg_monitor TO d;"])
        #expect(plans(runbook)["grant-access-postgres-9-6"]?.prefix(1) == ["GRANT SELECT ON pg_stat_database TO d;"])
        #expect(plans(runbook)["grant-access-postgres-15"]?.contains("CREATE SCHEMA after_tabs;") == true)
        #expect(runbook.inferences.contains { $0.kind == .reading && $0.description.contains("none holds SQL") })
    }

    @Test func mkdocsTabsAreAlternatives() throws {
        let runbook = buildRunbook(
            """
            ## Create the user

            === "Amazon RDS"

                ```sql
                GRANT rds_superuser TO u;
                ```

            === "Self-hosted"

                ```sql
                ALTER USER u SUPERUSER;
                ```

            Then continue.
            """)
        #expect(runbook.choiceGroups.first?.alternatives.map(\.id) == ["amazon-rds", "self-hosted"])
        #expect(Set(plans(runbook).values) == [["GRANT rds_superuser TO u;"], ["ALTER USER u SUPERUSER;"]])
    }

    @Test func oneSectionPerEngineIsAChoice() throws {
        let runbook = buildRunbook(
            """
            # Prepare

            ## MySQL/MariaDB

            ```sql
            CREATE USER 'a'@'%';
            ```

            ## PostgreSQL

            ```sql
            CREATE ROLE a LOGIN;
            ```
            """)
        #expect(runbook.choiceGroups.map(\.id) == ["engine"])
        #expect(
            plans(runbook) == [
                "engine-mysql": ["CREATE USER 'a'@'%';"], "engine-postgresql": ["CREATE ROLE a LOGIN;"],
            ])
    }

    @Test func letteredOptionHeadingsAreAChoice() {
        let runbook = buildRunbook(
            "## Option A\n\n```sql\nCREATE ROLE a;\n```\n\n## Option B\n\n```sql\nCREATE ROLE b;\n```\n")
        #expect(runbook.variants.count == 2)
    }

    @Test func connectionFromACommentAndFromProse() throws {
        let runbook = buildRunbook(
            """
            ```
            --As admin on db1
            CREATE DATABASE db1;
            ```

            ```
            --As user1 on db1
            CREATE TABLE t (a int);
            ```

            As `user2` on `db2`, read it:

            ```
            SELECT * FROM db1.public.t;
            ```
            """)
        #expect(
            plans(runbook)["default"] == [
                "CREATE DATABASE db1;", "\\connect db1 user1", "db1> CREATE TABLE t (a int);", "\\connect db2 user2",
                "db2> SELECT * FROM db1.public.t;",
            ])
        #expect(runbook.inferences.contains { $0.description.contains("the block creates db1") })
    }

    /// Prose right before a block that names where it runs: the plan switches there, as the user it names.
    @Test func connectionSwitchesFromProse() {
        let runbook = buildRunbook(
            """
            ## Step 1: Set up

            ```sql
            CREATE DATABASE reporting_db;
            CREATE USER user2 PASSWORD :'user2_password';
            ```

            Connect to the `analytics` database:

            ```sql
            CREATE SCHEMA a;
            ```

            Then connect to reporting_db and run:

            ```sql
            CREATE SCHEMA r;
            ```

            As `user2` on `reporting_db`, create the table:

            ```sql
            CREATE TABLE r.t (a int);
            ```

            Connect to your warehouse and run the following as the superuser on reporting_db:

            ```sql
            GRANT SELECT ON r.t TO user2;
            ```

            Switch to the reporting database.

            ```sql
            -- the reporting database: DATABASE reporting_db
            SELECT 1;
            ```
            """)
        #expect(
            plans(runbook)["default"] == [
                "CREATE DATABASE reporting_db;", "\\connect analytics", "analytics> CREATE SCHEMA a;",
                "\\connect reporting_db", "reporting_db> CREATE SCHEMA r;", "\\connect reporting_db user2",
                "reporting_db> CREATE TABLE r.t (a int);", "\\connect reporting_db :admin",
                "reporting_db> GRANT SELECT ON r.t TO user2;", "reporting_db> SELECT 1;",
            ])
        // explain says which reading it took, with the user.
        let readings = runbook.inferences.filter { $0.kind == .connectionSwitch }.map(\.description)
        #expect(readings.contains("'Connect to the `analytics` database' → analytics"))
        #expect(readings.contains("'As `user2` on `reporting_db`' → reporting_db as user2"))
        let administrator =
            "'As the superuser on reporting_db' → reporting_db as the administrator (whoever runs the script)"
        #expect(readings.contains(administrator))
    }

    /// A switch in a section that is not part of the procedure (verification) changes nothing that runs.
    @Test func aSwitchInAVerificationSectionIsNotFollowed() {
        let runbook = buildRunbook(
            """
            ## Step 1: Grant

            ```sql
            GRANT SELECT ON ALL TABLES IN SCHEMA public TO reader;
            ```

            ## Verify

            Connect to `analytics` as `reader` and run:

            ```sql
            SELECT 1;
            ```

            ## Step 2: More

            ```sql
            GRANT USAGE ON SCHEMA public TO reader;
            ```
            """)
        #expect(
            plans(runbook)["default"] == [
                "GRANT SELECT ON ALL TABLES IN SCHEMA public TO reader;", "GRANT USAGE ON SCHEMA public TO reader;",
            ])
    }

    /// A block that creates the user it says it runs as cannot run as that user: the database switch is kept.
    @Test func aBlockCreatingItsOwnUserRunsAsTheAdministrator() {
        let runbook = buildRunbook(
            """
            ```
            --As user1 on db1
            CREATE USER user1 PASSWORD 'x';
            ```

            ```
            --As user1 on db1
            CREATE TABLE t (a int);
            ```
            """)
        #expect(
            plans(runbook)["default"] == [
                "\\connect db1", "db1> CREATE USER user1 PASSWORD 'x';", "\\connect db1 user1",
                "db1> CREATE TABLE t (a int);",
            ])
        #expect(runbook.inferences.contains { $0.description.contains("followed for the database only") })
    }

    /// Comment lines that offer another way inside one block: each way is an alternative of the step, and what
    /// stands before and after the ways runs in every variant.
    @Test func commentSeparatedWaysInOneBlockAreAlternatives() throws {
        let marked = MarkedText(
            """
            ## Step 1: Grant read access

            ```sql
            CREATE USER reader PASSWORD :'reader_password';

            GRANT pg_read_all_data TO reader;
            1️⃣-- or, on PostgreSQL 13 and earlier:
            GRANT SELECT ON ALL TABLES IN SCHEMA public TO reader;

            GRANT CONNECT ON DATABASE app TO reader;
            ```
            """)
        let runbook = buildRunbook(marked.text)
        #expect(runbook.variants.map(\.slug) == ["step-1-or-way-1", "step-1-or-way-2"])
        #expect(
            plans(runbook) == [
                "step-1-or-way-1": [
                    "CREATE USER reader PASSWORD :'reader_password';", "GRANT pg_read_all_data TO reader;",
                    "GRANT CONNECT ON DATABASE app TO reader;",
                ],
                "step-1-or-way-2": [
                    "CREATE USER reader PASSWORD :'reader_password';",
                    "GRANT SELECT ON ALL TABLES IN SCHEMA public TO reader;",
                    "GRANT CONNECT ON DATABASE app TO reader;",
                ],
            ])
        let group = try #require(runbook.choiceGroups.first)
        #expect(
            group.alternatives.map(\.label) == ["the statements at line 6", "on PostgreSQL 13 and earlier (line 8)"])
        // The parts keep the block's positions: the second way's statement is on its own line of the file.
        let parts = blocks(runbook)
        #expect(parts.count == 4)
        #expect(parts.allSatisfy { $0.range == parts[0].range })
        #expect(parts[2].positions.location(SourceLocation(line: 5, column: 1)).line == marked.location(1).line + 1)
        #expect(runbook.inferences.contains { $0.kind == .reading && $0.description.contains("offers 2 ways") })
    }

    /// A separator right under a statement offers another way for that statement only: what stands above it
    /// in the same paragraph runs in every variant.
    @Test func aSeparatorRightUnderAStatementDividesThatStatementOnly() {
        let runbook = buildRunbook(
            """
            ## Step 1: Grant

            ```sql
            CREATE TABLE app.t2 (a int);
            -- the reader's access
            GRANT pg_read_all_data TO reader;
            -- or, on PostgreSQL 13 and earlier:
            GRANT SELECT ON ALL TABLES IN SCHEMA app TO reader;
            ```
            """)
        #expect(
            plans(runbook) == [
                "step-1-or-way-1": ["CREATE TABLE app.t2 (a int);", "GRANT pg_read_all_data TO reader;"],
                "step-1-or-way-2": [
                    "CREATE TABLE app.t2 (a int);", "GRANT SELECT ON ALL TABLES IN SCHEMA app TO reader;",
                ],
            ])
    }

    @Test func orLinesBetweenParagraphsAndChainsOfThree() {
        let runbook = buildRunbook(
            """
            ## Step 1: Set the search path

            ```sql
            -- for the whole database
            ALTER DATABASE app SET search_path TO s1, public;

            -- OR --

            -- for one role
            ALTER ROLE app_user SET search_path TO s1, public;

            -- OR --

            ALTER USER app_user SET search_path TO s1;
            ```
            """)
        #expect(runbook.variants.count == 3)
        #expect(
            plans(runbook).values.sorted { $0[0] < $1[0] } == [
                ["ALTER DATABASE app SET search_path TO s1, public;"],
                ["ALTER ROLE app_user SET search_path TO s1, public;"], ["ALTER USER app_user SET search_path TO s1;"],
            ])
    }

    /// Not ways: a suggestion that is commented out, a comment that only mentions "or", ways that are all
    /// templates (no script runs them, so they would only multiply identical variants).
    @Test func commentsThatOfferNoSecondWayToRun() {
        let suggestion = buildRunbook(
            """
            ## Step 1: Defaults

            ```sql
            ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT SELECT ON TABLES TO reader;
            -- Alternatively:
            -- ALTER DEFAULT PRIVILEGES FOR ROLE owner IN SCHEMA public GRANT SELECT ON TABLES TO reader;

            GRANT USAGE ON SCHEMA public TO reader;
            ```
            """)
        #expect(suggestion.variants.count == 1)
        #expect(blocks(suggestion).count == 1)
        let mention = buildRunbook(
            "## Step 1: Go\n\n```sql\nGRANT a TO b;\n-- order matters: roles first\nGRANT c TO d;\n```\n")
        #expect(mention.variants.count == 1)
        let templates = buildRunbook(
            """
            ## Step 1: Path

            ```sql
            ALTER DATABASE <database_name> SET search_path TO s1;
            -- OR --
            ALTER ROLE <hasura_role> SET search_path TO s1;
            ```
            """)
        #expect(templates.variants.count == 1)
        #expect(templates.inferences.contains { $0.description.contains("each holds a placeholder") })
    }

    @Test func exampleSentencesAreNotParameters() {
        #expect(ProsePatterns.exampleValues("adjust it (e.g. to remove a non-existent schema)").isEmpty)
        #expect(ProsePatterns.exampleValues("a user (e.g., a superuser)").isEmpty)
        #expect(ProsePatterns.exampleValues("(e.g. devices schema)") == ["devices"])
    }

    @Test func unlabelledTranscriptIsSQLAndUnlabelledShellIsNot() throws {
        let runbook = buildRunbook(
            """
            ## Step 1: Go

            ```sql
            CREATE ROLE r;
            ```

            ## Keys

            ```
            ssh-keygen -t rsa
            ```

            ## Afterwards

            ```
            db=> GRANT r TO u;
            GRANT
            ```
            """)
        #expect(blocks(runbook).map(\.text) == ["CREATE ROLE r;\n", "ssh-keygen -t rsa\n", "GRANT r TO u;\n\n"])
        // Only the transcript is SQL outside a step; the shell command is not reported.
        #expect(runbook.diagnostics.map(\.range.start.line) == [15])
    }

    @Test func ifYouUseOtherwiseAndDocusaurusTabs() throws {
        let runbook = buildRunbook(
            """
            ## Create the user

            If you use Amazon RDS:

            ```sql
            GRANT rds_superuser TO u;
            ```

            Otherwise:

            ```sql
            ALTER USER u SUPERUSER;
            ```

            ## Grant

            <Tabs>
            <TabItem value="pg15" label="PostgreSQL 15">

            ```sql
            GRANT pg_read_all_data TO u;
            ```

            </TabItem>
            <TabItem value="pg13" label="PostgreSQL 13">

            ```sql
            GRANT SELECT ON ALL TABLES IN SCHEMA public TO u;
            ```

            </TabItem>
            </Tabs>
            """)
        #expect(runbook.choiceGroups.map(\.id) == ["create-the-user", "grant"])
        #expect(
            runbook.choiceGroups.map { $0.alternatives.map(\.id) } == [
                ["amazon-rds", "otherwise"], ["postgresql-15", "postgresql-13"],
            ])
        #expect(runbook.variants.count == 4)
        #expect(
            plans(runbook)["create-the-user-otherwise_grant-postgresql-13"] == [
                "ALTER USER u SUPERUSER;", "GRANT SELECT ON ALL TABLES IN SCHEMA public TO u;",
            ])
    }

    func parse(_ text: String) -> MarkdownDocument {
        var diagnostics = DiagnosticBag()
        return MarkdownParser().parse(text, diagnostics: &diagnostics)
    }
}
