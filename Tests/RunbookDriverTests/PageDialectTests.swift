import Foundation
import RunbookCompile
import RunbookDiagnostics
import RunbookDriver
import RunbookEmitters
import RunbookSQL
import RunbookTestSupport
import Testing

import struct RunbookDiagnostics.SourceLocation

/// The dialect decided per page (PageDialect) through the whole pipeline: the page of an engine that is not
/// checked is skipped with one note, what its blocks create is known to the checked ones, Snowflake's pages are
/// checked as Snowflake, and `build` follows the front matter.
@Suite struct PageDialectTests {
    static func compile(_ text: String, options: CompileOptions = CompileOptions()) -> CompiledRunbook {
        RunbookCompiler(options: options).compile(path: "page.md", bytes: Array(text.utf8))
    }

    /// Everything above a note, as `file:line:col message [id]` for a readable failure.
    static func findings(_ compiled: CompiledRunbook) -> [String] {
        compiled.diagnostics.filter { $0.severity != .note }.map {
            "\($0.range.start) \($0.message) [\($0.rule.rawValue)]"
        }
    }

    static func notCheckedNotes(_ compiled: CompiledRunbook) -> [Diagnostic] {
        compiled.diagnostics.filter { $0.rule == Rule.blockNotChecked.id }
    }

    /// An Azure Synapse page in the shape of a warehouse destination guide: the T-SQL is in untagged fences.
    @Test func azureSynapsePageWithUntaggedFencesGetsOneNoteAndNoError() {
        let marked = MarkedText(
            """
            # Connect a warehouse

            ## Step 1: Create a login and a user

            1️⃣```
            CREATE LOGIN Segment WITH PASSWORD = '<password>';
            ```

            ```
            CREATE USER Segment FOR LOGIN Segment;
            ```

            ## Step 2: Grant access

            ```
            GRANT CONTROL TO Segment;
            EXEC sp_addrolemember 'db_owner', 'Segment';
            ```
            """)
        let compiled = Self.compile(marked.text)
        #expect(Self.findings(compiled) == [])
        #expect(compiled.page?.engine == .tsql)
        let notes = Self.notCheckedNotes(compiled)
        #expect(notes.count == 1)
        #expect(notes.first?.range.start == marked["1️⃣"])
        #expect(notes.first?.message.contains("T-SQL") == true)
        #expect(notes.first?.notes.filter { $0.range != nil }.count == 3)
        #expect(compiled.blocks.allSatisfy { $0.statements.isEmpty })
    }

    /// `[user_name]` on a Redshift page is a hole to fill in, not T-SQL's bracket quoting: no dialect error, and
    /// the block is checked around the holes. `[dbo]` and `ON SCHEMA::` still make a page T-SQL.
    @Test func bracketedNamesOnARedshiftPageAreHoles() {
        let marked = MarkedText(
            """
            # Set up a Redshift user

            ```sql
            CREATE USER [username] PASSWORD '[password]';
            GRANT SELECT ON ALL TABLES IN SCHEMA [schema_name] TO [username];
            1️⃣GRNAT USAGE ON SCHEMA [schema_name] TO [username];
            ```
            """)
        let compiled = Self.compile(marked.text)
        #expect(compiled.page?.engine == .redshift)
        let errors = compiled.diagnostics.filter { $0.severity == .error }
        #expect(errors.map(\.rule) == [Rule.sqlUnknownStatement.id])
        #expect(errors.first?.range.start == marked["1️⃣"])
        #expect(compiled.diagnostics.allSatisfy { $0.rule != Rule.sqlDialectMismatch.id })
        #expect(compiled.diagnostics.allSatisfy { !$0.message.contains("T-SQL") })

        let tsql = Self.compile(
            "# Grant access\n\n```sql\nCREATE USER [Segment] WITHOUT LOGIN;\nGRANT SELECT ON SCHEMA::[dbo] TO [Segment];\n```\n"
        )
        #expect(tsql.page?.engine == .tsql)
        #expect(Self.findings(tsql) == [])
    }

    /// A Snowflake page is checked as Snowflake, the blocks that look like Redshift too: the second step's
    /// grant gives nothing without USAGE on the database and the schema, which Snowflake requires.
    @Test func aSnowflakePageIsCheckedAsSnowflake() {
        let text = """
            ---
            title: Snowflake Data Graph Setup
            ---

            ## Step 1: Create a role

            ```sql
            USE ROLE ACCOUNTADMIN;
            CREATE ROLE segment_role;
            GRANT USAGE ON WAREHOUSE segment_wh TO ROLE segment_role;
            ```

            ## Step 2: Grant read access

            ```sql
            GRANT SELECT ON ALL TABLES IN SCHEMA analytics.profiles TO ROLE segment_role;
            ```
            """
        let compiled = Self.compile(text)
        #expect(compiled.page?.engine == .snowflake)
        #expect(compiled.page?.dialect == .snowflake)
        #expect(compiled.page?.source == .title)
        #expect(compiled.blocks.allSatisfy { $0.dialect == .snowflake && $0.statements.count > 0 })
        #expect(Self.notCheckedNotes(compiled).isEmpty)
        #expect(compiled.diagnostics.filter { $0.severity != .note }.map(\.rule) == [Rule.privilegesMissingUsage.id])
    }

    /// On a Redshift page, a block labelled Snowflake still creates its role for the later blocks; without the
    /// scan, the grant would be "role … does not exist".
    @Test func whatASkippedBlockCreatesIsKnownToLaterCheckedBlocks() {
        let text = """
            # Redshift setup

            ## Step 1: Create a role

            ```snowflake
            CREATE ROLE segment_role;
            GRANT USAGE ON WAREHOUSE segment_wh TO ROLE segment_role;
            ```

            ## Step 2: Grant read access

            ```sql
            CREATE SCHEMA analytics;
            GRANT USAGE ON SCHEMA analytics TO ROLE segment_role;
            GRANT SELECT ON ALL TABLES IN SCHEMA analytics TO ROLE segment_role;
            ```
            """
        let compiled = Self.compile(text)
        #expect(Self.findings(compiled) == [])
        #expect(compiled.page?.dialect == .redshift)
        #expect(compiled.blocks.last?.statements.count == 3)
        #expect(
            Self.notCheckedNotes(compiled).map(\.message) == [
                "block not checked: Snowflake SQL (the fence is labelled 'snowflake')"
            ])
        // Without the skipped block, the same grants are an error: the test shows what the scan prevents.
        let alone = Self.compile(text.replacingOccurrences(of: "CREATE ROLE segment_role;\n", with: ""))
        #expect(alone.diagnostics.contains { $0.rule == Rule.privilegesUnknownPrincipal.id })
    }

    /// One section per engine, on a page runbook.yml calls PostgreSQL: the MySQL section is MySQL's.
    @Test func sectionsPerEngineOnADeclaredPage() {
        let text = """
            # Database preparation

            ## MySQL/MariaDB

            1. Create a user:

               ```sql
               CREATE USER 'gitea'@'%' IDENTIFIED BY '<password>';
               CREATE DATABASE giteadb CHARACTER SET 'utf8mb4';
               ```

            ## PostgreSQL

            1. Create a role:

               ```sql
               CREATE ROLE gitea LOGIN;
               CREATE DATABASE giteadb OWNER gitea;
               ```
            """
        let compiled = Self.compile(text, options: CompileOptions(pathDialect: .postgres))
        #expect(Self.findings(compiled) == [])
        #expect(compiled.page?.dialect == .postgres)
        #expect(compiled.blocks.map(\.statements.count) == [0, 2])
        #expect(
            Self.notCheckedNotes(compiled).map(\.message) == [
                "not checked: a section is for MySQL, which runbook recognises but does not check yet (its heading names "
                    + "MySQL); its SQL block is skipped"
            ])
    }

    /// A page that shows only Snowflake's syntax, and says nothing else, is Snowflake's, and checked: its second
    /// block names a schema without a database, and the session has no current one.
    @Test func syntaxAloneMakesAnUnnamedPageSnowflakes() {
        let compiled = Self.compile(
            "# Warehouse setup\n\n```sql\nCREATE ROLE r;\nGRANT USAGE ON WAREHOUSE wh TO ROLE r;\n```\n\n"
                + "```sql\nGRANT SELECT ON ALL TABLES IN SCHEMA s TO ROLE r;\n```\n")
        #expect(compiled.page?.engine == .snowflake)
        #expect(compiled.page?.source == .syntax)
        #expect(Self.notCheckedNotes(compiled).isEmpty)
        #expect(
            compiled.diagnostics.filter { $0.severity != .note }.map(\.rule) == [Rule.snowflakeNoCurrentDatabase.id])
    }

    /// Snowflake grammar under a page that is Redshift or PostgreSQL is a mistake named for what it is, not a
    /// Redshift syntax error; a fence labelled `snowflake` on the same page is only a note.
    @Test(arguments: ["---\ndialect: redshift\n---\n# Setup", "# PostgreSQL setup"])
    func snowflakeGrammarOnARedshiftOrPostgresPageIsNamed(head: String) {
        let marked = MarkedText(
            """
            \(head)

            ## Step 1: Grant

            ```sql
            GRANT 1️⃣CREATE SCHEMA ON DATABASE analytics TO ROLE segment_role;
            ```

            ```snowflake
            GRANT USAGE ON WAREHOUSE segment_wh TO ROLE segment_role;
            ```
            """)
        let compiled = Self.compile(marked.text)
        #expect(!compiled.diagnostics.contains { $0.rule == Rule.sqlSyntax.id })
        let mismatches = compiled.diagnostics.filter { $0.rule == Rule.sqlDialectMismatch.id }
        #expect(mismatches.map(\.range.start) == [marked["1️⃣"]])
        #expect(mismatches.first?.message.hasPrefix("this is Snowflake grammar (CREATE SCHEMA as a privilege") == true)
        #expect(
            Self.notCheckedNotes(compiled).map(\.message) == [
                "block not checked: Snowflake SQL (the fence is labelled 'snowflake')"
            ])
    }

    @Test(arguments: [
        (
            "BigQuery setup",
            "```sql\nGRANT `roles/bigquery.dataViewer` ON SCHEMA analytics TO \"user:segment@example.com\";\n```"
        ),
        ("Databricks setup", "```sql\nGRANT USE CATALOG ON CATALOG main TO `segment-sp`;\n```"),
        ("Db2 setup", "```sql\nGRANT DBADM ON DATABASE TO USER segment;\n```"),
        (
            "MySQL setup",
            "```sql\nCREATE USER 'segment'@'%' IDENTIFIED BY '<password>';\nGRANT SELECT ON analytics.* TO 'segment'@'%';\n```"
        ),
        ("Oracle setup", "```sql\nCREATE USER segment IDENTIFIED BY secret;\nGRANT CREATE SESSION TO segment;\n```"),
    ])
    func pagesOfOtherEnginesAreSkippedWithOneNote(title: String, body: String) {
        let text = "# \(title)\n\n## Step 1: Grant\n\n\(body)\n\n```sql\nGRANT SELECT ON t TO ROLE segment_role;\n```\n"
        let compiled = Self.compile(text)
        #expect(Self.findings(compiled) == [])
        #expect(compiled.page?.isSkipped == true)
        #expect(Self.notCheckedNotes(compiled).count == 1)
    }

    // MARK: The front matter and build

    @Test func frontMatterDialectIsTheDefaultForBuild() throws {
        let text = """
            ---
            dialect: postgres
            ---
            # Setup

            ## Step 1: Create a role

            ```sql
            CREATE ROLE segment_role;
            ```
            """
        let compiled = Self.compile(text)
        #expect(compiled.page?.dialect == .postgres)
        #expect(compiled.blocks.first?.dialect == .postgres)
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent(
            "page-dialect-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let source = directory.appendingPathComponent("guide.md")
        try text.write(to: source, atomically: true, encoding: .utf8)
        let out = directory.appendingPathComponent("out")
        let result = Commands.build([source.path], options: .init(outputDirectory: out.path))
        #expect(result.exitStatus == ExitStatus.success)
        let script = try String(contentsOf: out.appendingPathComponent("guide/default.sql"), encoding: .utf8)
        #expect(script.contains("-- runbook-dialect: postgres"))
        // --dialect still chooses the scripts' dialect.
        let redshiftOut = directory.appendingPathComponent("redshift")
        _ = Commands.build([source.path], options: .init(outputDirectory: redshiftOut.path, dialect: .redshift))
        let redshiftScript = try String(
            contentsOf: redshiftOut.appendingPathComponent("guide/default.sql"), encoding: .utf8)
        #expect(redshiftScript.contains("-- runbook-dialect: redshift"))
    }

    // MARK: Real pages

    static let environment = ProcessInfo.processInfo.environment
    static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    static func folder(_ variable: String, default name: String) -> URL? {
        let url =
            environment[variable].map(URL.init(fileURLWithPath:))
            ?? packageRoot.deletingLastPathComponent().appendingPathComponent("shared/\(name)")
        return FileManager.default.fileExists(atPath: url.path) ? url : nil
    }

    /// segment-docs' pages of engines that are recognised, not checked (RUNBOOK_CORPUS): one note, no error or
    /// warning. Snowflake's pages are checked (SnowflakeGuideTests).
    @Test(arguments: [
        (
            "RUNBOOK_CORPUS", "corpus", "segment-docs/src/unify/data-graph/setup-guides/databricks-setup.md",
            "databricks"
        )
    ])
    func realPagesOfOtherEngines(variable: String, folder name: String, page: String, engine: String) throws {
        guard let folder = Self.folder(variable, default: name) else {
            if Self.environment["RUNBOOK_REQUIRE_CORPUS"] == "1" {
                Issue.record("RUNBOOK_REQUIRE_CORPUS=1 but there is no \(name) at \(variable) or ../shared/\(name)")
            } else {
                print("PageDialectTests: \(page) skipped, no \(name) at \(variable) or ../shared/\(name)")
            }
            return
        }
        let bytes = try [UInt8](Data(contentsOf: folder.appendingPathComponent(page)))
        let compiled = RunbookCompiler().compile(path: page, bytes: bytes)
        #expect(compiled.page?.engine.id == engine)
        #expect(Self.findings(compiled) == [])
        #expect(
            Self.notCheckedNotes(compiled).filter { $0.message.hasPrefix("not checked: the page is for") }.count == 1)
    }

    /// The Redshift and PostgreSQL pages of the corpus are still checked, each in its own dialect.
    @Test(arguments: [
        ("segment-docs/src/unify/data-graph/setup-guides/redshift-setup.md", SQLDialect.redshift),
        ("segment-docs/src/connections/storage/catalog/postgres/index.md", SQLDialect.postgres),
    ])
    func realPagesOfCheckedDialects(page: String, dialect: SQLDialect) throws {
        guard let folder = Self.folder("RUNBOOK_CORPUS", default: "corpus") else {
            if Self.environment["RUNBOOK_REQUIRE_CORPUS"] == "1" {
                Issue.record("RUNBOOK_REQUIRE_CORPUS=1 but no corpus")
            }
            return
        }
        let bytes = try [UInt8](Data(contentsOf: folder.appendingPathComponent(page)))
        let compiled = RunbookCompiler().compile(path: page, bytes: bytes)
        #expect(compiled.page?.dialect == dialect)
        #expect(compiled.page?.isSkipped == false)
        #expect(compiled.blocks.contains { !$0.statements.isEmpty })
    }
}
