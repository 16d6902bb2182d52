import RunbookDiagnostics
import RunbookPrivileges
import RunbookTestSupport
import Testing

import struct RunbookDiagnostics.SourceLocation

/// A connection switch that names a user ("As user2 on db2") runs what follows as that user: it owns what it
/// creates, and a user that does not exist at that point is reported.
@Suite struct UserSwitchTests {
    static let rules: Set<RuleID> = [
        Rule.privilegesUnknownConnectionUser.id, Rule.privilegesUnknownConnection.id,
        Rule.privilegesUnknownPrincipal.id,
    ]

    @Test func whatASwitchedUserCreatesItOwns() throws {
        let marked = MarkedText(
            """
            ## Step 1: Users

            ```sql
            CREATE DATABASE db1;
            CREATE USER user1 PASSWORD :'user1_password';
            ```

            As `user1` on `db1`, create the table:

            ```sql
            CREATE TABLE t1 (a int);
            ```

            Run the following as the superuser on db1:

            ```sql
            CREATE TABLE t2 (a int);
            ```
            """)
        let report = Compiled(marked.text).analyze()
        expectDiagnostics(report.diagnostics, [], in: marked, rules: Self.rules)
        let catalog = try #require(report.results["default"]?.catalog)
        #expect(catalog.table(TableName(database: "db1", schema: "public", table: "t1"))?.owner == "user1")
        #expect(catalog.table(TableName(database: "db1", schema: "public", table: "t2"))?.owner == catalog.admin)
    }

    @Test func aUserTheRunbookNeverCreatesIsReported() {
        let marked = MarkedText(
            """
            ## Step 1: Read

            1️⃣As `user2` on `db2`, read the table:

            ```sql
            SELECT 1;
            ```
            """)
        let report = Compiled(marked.text).analyze()
        expectDiagnostics(
            report.diagnostics,
            [
                Expected(
                    .privilegesUnknownConnectionUser, at: "1️⃣",
                    "cannot connect as user2: user 'user2' does not exist: the runbook never creates it")
            ], in: marked, rules: Self.rules)
    }

    @Test func aUserCreatedLaterPointsToItsCreation() {
        let marked = MarkedText(
            """
            ## Step 1: Too early

            1️⃣```sql
            --As user2 on dev
            SELECT 1;
            ```

            ## Step 2: Users

            ```sql
            CREATE USER user2 PASSWORD :'user2_password';
            ```
            """)
        let report = Compiled(marked.text).analyze()
        expectDiagnostics(
            report.diagnostics,
            [Expected(.privilegesUnknownConnectionUser, at: "1️⃣", "user 'user2' does not exist yet")], in: marked,
            rules: Self.rules)
    }

    /// A user that an earlier statement assumed (a grant to a user the guide expects to exist) is not reported
    /// again at the switch.
    @Test func aUserAnEarlierStatementAssumedIsNotReportedAgain() {
        let marked = MarkedText(
            """
            ## Step 1: Grant

            ```sql
            GRANT SELECT ON ALL TABLES IN SCHEMA public TO reporting_user;
            ```

            As `reporting_user` on `dev`, check:

            ```sql
            SELECT 1;
            ```
            """)
        let report = Compiled(marked.text).analyze()
        #expect(!report.diagnostics.contains { $0.rule == Rule.privilegesUnknownConnectionUser.id })
    }
}
