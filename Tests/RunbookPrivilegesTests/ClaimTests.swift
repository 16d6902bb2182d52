import RunbookDiagnostics
import RunbookModel
import RunbookPrivileges
import RunbookTestSupport
import Testing

import struct RunbookDiagnostics.SourceLocation

/// The prose's claims against the SQL's effect.
@Suite struct ClaimTests {
    static let claimRules: Set<RuleID> = [Rule.privilegesClaimUnsatisfied.id, Rule.privilegesBeyondClaim.id]

    static func runbook(claims: String, sql: String) -> String {
        """
        # Test

        ## Roles

        ### Reader role (reader_role)

        \(claims)

        ## Setup

        ### Step 1: Grant

        ```sql
        \(sql)
        ```

        """
    }

    @Test func readClaimSatisfied() {
        let marked = MarkedText(
            Self.runbook(
                claims: "- Read access to the sales schema (for example, sales)",
                sql: """
                    CREATE SCHEMA sales;
                    CREATE ROLE reader_role;
                    GRANT USAGE ON SCHEMA sales TO ROLE reader_role;
                    GRANT SELECT ON ALL TABLES IN SCHEMA sales TO ROLE reader_role;
                    ALTER DEFAULT PRIVILEGES IN SCHEMA sales GRANT SELECT ON TABLES TO ROLE reader_role;
                    """))
        expectDiagnostics(Compiled(marked.text).analyze().diagnostics, [], in: marked, rules: Self.claimRules)
    }

    @Test func readClaimWithoutFutureTablesOrUsage() {
        let marked = MarkedText(
            Self.runbook(
                claims: "1️⃣- Read access to the sales schema (for example, sales)",
                sql: """
                    CREATE SCHEMA sales;
                    CREATE TABLE sales.orders (id int);
                    CREATE ROLE reader_role;
                    GRANT SELECT ON ALL TABLES IN SCHEMA sales TO ROLE reader_role;
                    """))
        expectDiagnostics(
            Compiled(marked.text).analyze().diagnostics,
            [
                Expected(
                    .privilegesClaimUnsatisfied, at: "1️⃣", "USAGE on schema dev.sales",
                    "SELECT on table dev.sales.orders", "SELECT on tables created later in schema dev.sales")
            ],
            in: marked, rules: Self.claimRules)
    }

    @Test func grantAllOnSchemaGoesBeyondReadAndWrite() throws {
        let marked = MarkedText(
            Self.runbook(
                claims: "- Read and write access to the sales schema (for example, sales)",
                sql: """
                    CREATE SCHEMA sales;
                    CREATE ROLE reader_role;
                    1️⃣GRANT ALL ON SCHEMA sales TO ROLE reader_role;
                    """))
        let report = Compiled(marked.text).analyze()
        expectDiagnostics(
            report.diagnostics,
            [Expected(.privilegesBeyondClaim, at: "1️⃣", "gives reader_role ALTER, DROP on schema dev.sales")],
            in: marked, rules: Self.claimRules)
        let fix = try #require(report.diagnostics.first { $0.rule == Rule.privilegesBeyondClaim.id }?.fixIts.first)
        #expect(fix.replacement == "CREATE, USAGE")
        // PostgreSQL's ALL on a schema is CREATE and USAGE: nothing beyond the claim.
        #expect(
            Compiled(marked.text, dialect: .postgres).analyze(.postgres).diagnostics.filter {
                Self.claimRules.contains($0.rule)
            }.isEmpty)
    }

    @Test func writeOnTablesBeyondAReadClaim() {
        let marked = MarkedText(
            Self.runbook(
                claims: "- Read access to specific tables (for example, orders table)",
                sql: """
                    CREATE SCHEMA sales;
                    CREATE TABLE sales.orders (id int);
                    CREATE ROLE reader_role;
                    GRANT USAGE ON SCHEMA sales TO ROLE reader_role;
                    1️⃣GRANT SELECT, INSERT ON sales.orders TO ROLE reader_role;
                    """))
        expectDiagnostics(
            Compiled(marked.text).analyze().diagnostics,
            [Expected(.privilegesBeyondClaim, at: "1️⃣", "gives reader_role INSERT on table dev.sales.orders")],
            in: marked, rules: Self.claimRules)
    }

    @Test func claimForARoleNeverCreated() {
        let marked = MarkedText(
            Self.runbook(
                claims: "1️⃣- Write access to the database (for example, dev)",
                sql: "CREATE ROLE other_role;"))
        expectDiagnostics(
            Compiled(marked.text).analyze().diagnostics,
            [Expected(.privilegesClaimUnsatisfied, at: "1️⃣", "'reader_role', which the SQL never creates")],
            in: marked, rules: Self.claimRules)
    }
}
