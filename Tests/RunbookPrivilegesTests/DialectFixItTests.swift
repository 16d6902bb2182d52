import Foundation
import RunbookDiagnostics
import RunbookPrivileges
import RunbookTestSupport
import Testing

import struct RunbookDiagnostics.SourceLocation

/// Suggestions in the dialect's grammar, each clause once, and what a PostgreSQL read claim needs.
@Suite struct DialectFixItTests {
    static let quiet: Set<RuleID> = Set(Rule.privilegeRules.map(\.id)).subtracting([Rule.privilegesAssumedObject.id])

    /// PostgreSQL has no keyword before a role: the suggestion is `TO analyst`, not `TO ROLE analyst`.
    @Test func missingUsageSuggestionInPostgres() {
        let marked = MarkedText(
            oneStep(
                """
                CREATE SCHEMA sales;
                CREATE ROLE analyst;
                1️⃣GRANT SELECT ON ALL TABLES IN SCHEMA sales TO analyst;
                """))
        let diagnostics = Compiled(marked.text, dialect: .postgres).analyze(.postgres).diagnostics
        expectDiagnostics(
            diagnostics,
            [Expected(.privilegesMissingSchemaUsage, at: "1️⃣", "analyst has no USAGE on schema sales")],
            in: marked, rules: Self.quiet)
        let finding = diagnostics.first { $0.rule == Rule.privilegesMissingSchemaUsage.id }
        #expect(finding?.notes.last?.message == "add GRANT USAGE ON SCHEMA sales TO analyst")
        #expect(!(finding?.notes.contains { $0.message.contains("TO ROLE") } ?? true))
    }

    /// Every table of the claim needs USAGE on its schema: the message says so once.
    @Test func aMissingClauseIsNamedOnce() throws {
        let marked = MarkedText(
            ClaimTests.runbook(
                claims: "1️⃣- Read access to specific tables (for example, orders table or returns table)",
                sql: """
                    CREATE SCHEMA sales;
                    CREATE TABLE sales.orders (id int);
                    CREATE TABLE sales.returns (id int);
                    CREATE ROLE reader_role;
                    GRANT SELECT ON sales.orders, sales.returns TO ROLE reader_role;
                    """))
        let diagnostics = Compiled(marked.text).analyze().diagnostics
        expectDiagnostics(
            diagnostics, [Expected(.privilegesClaimUnsatisfied, at: "1️⃣", "it lacks USAGE on schema dev.sales")],
            in: marked, rules: ClaimTests.claimRules)
        let message = try #require(diagnostics.first { $0.rule == Rule.privilegesClaimUnsatisfied.id }?.message)
        #expect(message.components(separatedBy: "USAGE on schema dev.sales").count == 2, "\(message)")
    }

    /// Reading a schema in PostgreSQL needs CONNECT on its database: granting it is not beyond a read claim.
    @Test func connectIsWhatAPostgresReadClaimNeeds() {
        let marked = MarkedText(
            ClaimTests.runbook(
                claims: "- Read access to the sales schema (for example, sales)",
                sql: """
                    CREATE SCHEMA sales;
                    CREATE ROLE reader_role;
                    GRANT CONNECT ON DATABASE postgres TO reader_role;
                    GRANT USAGE ON SCHEMA sales TO reader_role;
                    GRANT SELECT ON ALL TABLES IN SCHEMA sales TO reader_role;
                    ALTER DEFAULT PRIVILEGES IN SCHEMA sales GRANT SELECT ON TABLES TO reader_role;
                    """))
        let diagnostics = Compiled(marked.text, dialect: .postgres).analyze(.postgres).diagnostics
        #expect(
            !diagnostics.contains { $0.rule == Rule.privilegesBeyondClaim.id },
            "\(diagnostics.map(\.message))")
        // CREATE on the database is more than reading needs, still.
        let temp = MarkedText(
            ClaimTests.runbook(
                claims: "- Read access to the sales schema (for example, sales)",
                sql: """
                    CREATE SCHEMA sales;
                    CREATE ROLE reader_role;
                    1️⃣GRANT CONNECT, CREATE ON DATABASE postgres TO reader_role;
                    GRANT USAGE ON SCHEMA sales TO reader_role;
                    GRANT SELECT ON ALL TABLES IN SCHEMA sales TO reader_role;
                    ALTER DEFAULT PRIVILEGES IN SCHEMA sales GRANT SELECT ON TABLES TO reader_role;
                    """))
        expectDiagnostics(
            Compiled(temp.text, dialect: .postgres).analyze(.postgres).diagnostics,
            [Expected(.privilegesBeyondClaim, at: "1️⃣", "gives reader_role CREATE on database postgres")],
            in: temp, rules: ClaimTests.claimRules)
    }
}
