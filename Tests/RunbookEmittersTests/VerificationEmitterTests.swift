import Foundation
import RunbookCompile
import RunbookDriver
import RunbookModel
import RunbookPrivileges
import Testing

@testable import RunbookEmitters

/// The verification script, from hand-made grant rows (what the Snowflake model hands over as `grantRows`).
@Suite struct VerificationEmitterTests {
    static let rows = [
        GrantRow(
            privilege: "USAGE", grantedOn: "WAREHOUSE", name: "SEGMENT_LINKED_WH", grantedTo: "ROLE",
            granteeName: "SEGMENT_LINKED_ROLE"),
        GrantRow(
            privilege: "USAGE", grantedOn: "DATABASE", name: "SEGMENT_LINKED_PROFILES_DB", grantedTo: "ROLE",
            granteeName: "SEGMENT_LINKED_ROLE"),
        GrantRow(
            privilege: "CREATE SCHEMA", grantedOn: "DATABASE", name: "SEGMENT_LINKED_PROFILES_DB", grantedTo: "ROLE",
            granteeName: "SEGMENT_LINKED_ROLE"),
        GrantRow(
            privilege: "SELECT", grantedOn: "TABLE", name: "MARKETING_DB.PUBLIC.O'HARA", grantedTo: "ROLE",
            granteeName: "SEGMENT_LINKED_ROLE", grantOption: true),
        GrantRow(
            privilege: "USAGE", grantedOn: "ROLE", name: "SEGMENT_LINKED_ROLE", grantedTo: "USER",
            granteeName: "SEGMENT_LINKED_USER"),
        GrantRow(
            privilege: "SELECT", grantedOn: "TABLE", name: "MARKETING_DB", grantedTo: "ROLE",
            granteeName: "SEGMENT_LINKED_ROLE", isFuture: true),
        GrantRow(
            privilege: "SELECT", grantedOn: "VIEW", name: "MARKETING_DB", grantedTo: "ROLE",
            granteeName: "SEGMENT_LINKED_ROLE", isFuture: true),
        GrantRow(
            privilege: "SELECT", grantedOn: "TABLE", name: "MY_DB.my_schema", grantedTo: "ROLE", granteeName: "analyst",
            isFuture: true),
    ]

    static func compiled() -> CompiledRunbook {
        let page = """
            ---
            title: Verification fixture
            dialect: snowflake
            ---

            ## Step 1: Grant

            ```sql
            GRANT USAGE ON WAREHOUSE SEGMENT_LINKED_WH TO ROLE SEGMENT_LINKED_ROLE;
            ```
            """
        return RunbookCompiler().compile(path: "fixture.md", bytes: Array(page.utf8))
    }

    static func render(_ rows: [GrantRow]) -> String {
        let compiled = compiled()
        return VerificationEmitter().render(
            compiled, plan: compiled.runbook.plan(for: compiled.variants[0]), rows: rows)
    }

    @Test func matchesItsGoldenFile() {
        Snapshot.assertMatches(Self.render(Self.rows), named: "verification/fixture.verify.sql")
    }

    @Test func oneShowPerGranteeAndContainerWithTheExpectedRows() {
        let lines = Self.render(Self.rows).split(separator: "\n").map(String.init)
        let shows = lines.filter { $0.hasPrefix("SHOW ") }
        #expect(
            shows == [
                "SHOW GRANTS TO ROLE SEGMENT_LINKED_ROLE;",
                "SHOW GRANTS TO USER SEGMENT_LINKED_USER;",
                "SHOW FUTURE GRANTS IN DATABASE MARKETING_DB;",
                // A name SHOW prints in lower case was created quoted: it is quoted again.
                "SHOW FUTURE GRANTS IN SCHEMA MY_DB.\"my_schema\";",
            ])
        #expect(lines.contains("--   CREATE SCHEMA | DATABASE   | SEGMENT_LINKED_PROFILES_DB | false"))
        #expect(lines.contains("--   SELECT        | TABLE      | MARKETING_DB.PUBLIC.O'HARA | true"))
        // Each comparison lists expected rows the account lacks, with quotes doubled.
        #expect(lines.contains("    ('SELECT', 'TABLE', 'MARKETING_DB.PUBLIC.O''HARA'),"))
        #expect(
            lines.contains("SELECT \"privilege\", \"granted_on\", \"name\" FROM TABLE(RESULT_SCAN(LAST_QUERY_ID()));"))
        #expect(lines.contains("SELECT \"role\" FROM TABLE(RESULT_SCAN(LAST_QUERY_ID()));"))
        #expect(
            lines.contains(
                "SELECT \"privilege\", \"grant_on\", \"grantee_name\" FROM TABLE(RESULT_SCAN(LAST_QUERY_ID()));"))
        #expect(lines.filter { $0 == "EXCEPT" }.count == 4)
        #expect(lines.contains("!set variable_substitution=false"))
    }

    @Test func nothingToCompareIsSaid() {
        let text = Self.render([])
        #expect(text.contains("-- The runbook grants nothing in this variant: there is nothing to compare."))
        #expect(!text.split(separator: "\n").contains { $0.hasPrefix("SHOW ") })
    }

    @Test func rowsInAnyOrderGiveTheSameFile() {
        #expect(Self.render(Self.rows) == Self.render(Self.rows.reversed()))
    }

    @Test func namesAreQuotedAsSnowflakeStoresThem() {
        #expect(VerificationEmitter.name("SEGMENT_DB.PUBLIC") == "SEGMENT_DB.PUBLIC")
        #expect(VerificationEmitter.name("\"my.db\".S") == "\"my.db\".S")
        #expect(VerificationEmitter.name("Mixed") == "\"Mixed\"")
        #expect(VerificationEmitter.name("MY DB") == "\"MY DB\"")
    }
}
