import Foundation
import RunbookCompile
import RunbookModel
import RunbookSQL
import Testing

@testable import RunbookDriver
@testable import RunbookEmitters

/// SnowSQL scripts for Snowflake pages: how they are run, how secrets stay out of them, what makes them safe to
/// run again, and that the project's own Snowflake grammar reads them back.
@Suite struct SnowSQLScriptTests {
    static func compile(_ markdown: String, path: String = "sf.md") -> CompiledRunbook {
        RunbookCompiler(options: CompileOptions(renderHTML: true)).compile(path: path, bytes: Array(markdown.utf8))
    }

    static func script(_ compiled: CompiledRunbook, plain: Bool = false) -> ScriptEmitter.Output {
        let page = RunbookPlan(compiled, dialect: .snowflake)
        return ScriptEmitter(dialect: .snowflake, plain: plain).render(page, plan: page.variants[0])
    }

    static func checklist(_ compiled: CompiledRunbook) -> String {
        let page = RunbookPlan(compiled, dialect: .snowflake)
        return ChecklistEmitter(dialect: .snowflake).render(page, plan: page.variants[0])
    }

    static let page = #"""
        ---
        title: Snowflake scratch
        dialect: snowflake
        ---

        ## Step 1: Create things

        ```sql
        SET segment_connection_password = 'my-safe-password';
        SET segment_connection_role = 'SEGMENT_LINKED_ROLE';
        USE ROLE ACCOUNTADMIN;
        CREATE ROLE IF NOT EXISTS identifier($segment_connection_role) COMMENT = 'Used for Segment';
        CREATE USER segment_user PASSWORD = $segment_connection_password DEFAULT_ROLE = $segment_connection_role;
        CREATE DATABASE segment_db;
        GRANT USAGE ON DATABASE segment_db TO ROLE identifier($segment_connection_role);
        SELECT 'a & b';
        ```
        """#

    static func lines(_ text: String) -> [String] {
        text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    }

    @Test func headerSaysHowToRunItAndThePreambleStopsOnErrors() throws {
        let text = Self.script(Self.compile(Self.page)).text
        let lines = Self.lines(text)
        #expect(lines.contains("-- runbook-dialect: snowflake"))
        #expect(
            lines.contains("-- Run: snowsql -f default.sql -o exit_on_error=true -D segment_connection_password=..."))
        #expect(text.contains("[variables] section"))
        let exitOnError = try #require(lines.firstIndex(of: "!set exit_on_error=true"))
        let substitution = try #require(lines.firstIndex(of: "!set variable_substitution=true"))
        let firstStatement = try #require(lines.firstIndex { $0.hasPrefix("SET ") })
        #expect(exitOnError < substitution && substitution < firstStatement)
        #expect(!text.contains("\\set") && !text.contains("\\echo") && !text.contains("psql"))
    }

    @Test func passwordsAreClientVariablesNeverWritten() {
        let compiled = Self.compile(Self.page)
        #expect(compiled.secrets.map(\.variable) == ["segment_connection_password"])
        let text = Self.script(compiled).text
        #expect(text.contains("SET segment_connection_password = '&segment_connection_password';"))
        #expect(!text.contains("my-safe-password"))
        let checklist = Self.checklist(compiled)
        #expect(!checklist.contains("my-safe-password"))
        #expect(checklist.contains("pass them to SnowSQL as variables (`segment_connection_password`)"))
    }

    @Test
    func aPasswordLiteralOnCreateUserBecomesTheUsersVariable() {
        let compiled = Self.compile(
            #"""
            ---
            title: Literal
            dialect: snowflake
            ---

            ## Step 1: Create the user

            ```sql
            CREATE USER segment_user PASSWORD = 'Literal-Secret-1' DEFAULT_ROLE = segment_role;
            ```
            """#)
        let text = Self.script(compiled).text
        #expect(!text.contains("Literal-Secret-1"))
        #expect(text.contains("'&segment_user_password'"))
        #expect(text.contains("-D segment_user_password=..."))
    }

    @Test func createsGetIfNotExistsWhereTheGuideHasNone() {
        let lines = Self.lines(Self.script(Self.compile(Self.page)).text)
        let create = lines.firstIndex(of: "CREATE DATABASE IF NOT EXISTS segment_db;")
        #expect(create != nil)
        if let create {
            #expect(
                lines[create - 1] == "-- runbook: IF NOT EXISTS added, so that a re-run keeps the database that exists")
        }
        // The guide's own IF NOT EXISTS is kept as written, not doubled.
        #expect(
            lines.contains(
                "CREATE ROLE IF NOT EXISTS identifier($segment_connection_role) COMMENT = 'Used for Segment';"))
        #expect(!lines.contains { $0.contains("IF NOT EXISTS IF NOT EXISTS") })
    }

    @Test(
        arguments: [
            ("CREATE OR REPLACE WAREHOUSE wh;", nil),
            ("CREATE OR ALTER ROLE r;", nil),
            ("CREATE SCHEMA IF NOT EXISTS db.s;", nil),
            ("CREATE SCHEMA db.s WITH MANAGED ACCESS;", "CREATE SCHEMA IF NOT EXISTS db.s WITH MANAGED ACCESS;"),
            ("DROP ROLE r;", "DROP ROLE IF EXISTS r;"),
            ("DROP USER IF EXISTS u;", nil),
        ] as [(String, String?)])
    func rerunClauses(statement: String, expected: String?) {
        let parsed = SQLParser.parse(statement, dialect: .snowflake).statements
        guard let first = parsed.first else {
            Issue.record("nothing parsed from \(statement)")
            return
        }
        let clause = SnowSQLClient.rerunClause(first)
        if let expected {
            guard let clause else {
                Issue.record("no clause for \(statement)")
                return
            }
            var bytes = Array(first.text.utf8)
            bytes.insert(contentsOf: Array((clause.clause + " ").utf8), at: clause.offset - first.offsets.lowerBound)
            #expect(String(decoding: bytes, as: UTF8.self) + ";" == expected)
        } else {
            #expect(clause == nil, "\(statement) is repeatable as written")
        }
    }

    @Test func ampersandsAreDoubledInScriptsOnlyAndBangLinesNeverCopied() {
        let compiled = Self.compile(
            #"""
            ---
            title: Ampersands & bangs
            dialect: snowflake
            ---

            ## Step 1: Tom & Jerry

            ```sql
            -- R&D role
            SELECT 'a & b';
            SELECT 1
            !system echo owned
            ;
            ```
            """#)
        let output = Self.script(compiled)
        let lines = Self.lines(output.text)
        #expect(lines.contains("SELECT 'a && b';"))
        #expect(lines.contains("-- R&&D role"))
        #expect(lines.contains("!print Step 1: Tom && Jerry"))
        #expect(lines.contains("-- Ampersands && bangs"))
        #expect(!output.text.contains("!system"))
        #expect(output.omissions.map(\.kind) == [.unsafe])
        // What a person copies from a checklist is the SQL as Snowflake reads it.
        let checklist = Self.checklist(compiled)
        #expect(checklist.contains("SELECT 'a & b';"))
    }

    @Test func plainKeepsTheDocumentsStatementsAndNoProgress() {
        let output = Self.script(Self.compile(Self.page), plain: true)
        let lines = Self.lines(output.text)
        #expect(lines.contains("CREATE DATABASE segment_db;"))
        #expect(!lines.contains { $0.hasPrefix("!print") })
        #expect(!output.text.contains("Safe to run again"))
        #expect(lines.contains("!set variable_substitution=true"))
        #expect(lines.contains("SET segment_connection_password = '&segment_connection_password';"))
    }

    @Test func connectionSwitchesAreUseDatabase() {
        #expect(SnowSQLClient().connect(to: "SEGMENT_DB") == "USE DATABASE SEGMENT_DB;")
        #expect(SnowSQLClient().connect(to: "my db") == "USE DATABASE \"my db\";")
        #expect(SnowSQLClient().progress("Step 2: a; b & c") == "!print Step 2: a, b && c")
    }
}
