import RunbookDiagnostics
import RunbookSQL
import Testing

import struct RunbookDiagnostics.SourceLocation

@Suite("Checks")
struct CheckTests {
    private let all = Set(Rule.sqlRules.map(\.id))

    @Test func passwordDoubleQuoted() throws {
        expectDiagnostics(
            "CREATE USER u PASSWORD 1️⃣\"your_password\";\nCREATE USER v PASSWORD :'v_password';",
            rules: all, expected: [("1️⃣", Rule.sqlPasswordDoubleQuoted.id)])
        expectDiagnostics(
            "ALTER USER u PASSWORD 1️⃣\"Abcd1234\"", rules: all,
            expected: [("1️⃣", Rule.sqlPasswordDoubleQuoted.id)], dialect: .postgres)
        let parsed = SQLParser.parse("CREATE USER u PASSWORD \"it's\"", dialect: .redshift)
        let fix = try #require(
            PasswordDoubleQuotedCheck().check(
                parsed.statements,
                context: SQLCheckContext(dialect: .redshift)
            )
            .first?.fixIts.first)
        #expect(fix.replacement == "'it''s'")
    }

    @Test(arguments: [
        ("Abcd1234", []),
        ("md5" + String(repeating: "a", count: 32), []),
        ("sha256|Abc", []),
        ("Abc123", ["it has 6 characters, and 8 to 64 are required"]),
        ("abcdefgh1", ["it has no upper-case letter"]),
        ("ABCDEFGH1", ["it has no lower-case letter"]),
        ("Abcdefghi", ["it has no digit"]),
        ("Abcd 1234@", ["it contains @, space, which is not allowed"]),
        (String(repeating: "Ab1", count: 22), ["it has 66 characters, and 8 to 64 are required"]),
    ])
    func passwordRules(password: String, problems: [String]) {
        #expect(PasswordRejectedCheck.problems(with: password) == problems)
    }

    @Test func passwordRejectedOnlyInRedshift() {
        let redshift = "CREATE USER u PASSWORD 1️⃣'short'; CREATE USER w PASSWORD 2️⃣'Abcd1234';"
        expectDiagnostics(
            redshift, rules: [Rule.sqlPasswordRejected.id],
            expected: [("1️⃣", Rule.sqlPasswordRejected.id)])
        expectDiagnostics(
            "CREATE USER u PASSWORD 'short'", rules: [Rule.sqlPasswordRejected.id], expected: [],
            dialect: .postgres)
        expectDiagnostics(
            "CREATE USER u PASSWORD '<enter password here>' ; CREATE USER v PASSWORD DISABLE",
            rules: all, expected: [])
    }

    @Test func passwordLiteral() {
        expectDiagnostics(
            """
            CREATE USER u PASSWORD 1️⃣'Abcd1234';
            ALTER USER u PASSWORD 2️⃣'md5aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa';
            CREATE USER v PASSWORD :'v_password';
            CREATE USER w PASSWORD 'your_password';
            """, rules: [Rule.sqlPasswordLiteral.id],
            expected: [("1️⃣", Rule.sqlPasswordLiteral.id), ("2️⃣", Rule.sqlPasswordLiteral.id)])
    }

    @Test func quotedDottedIdentifier() throws {
        expectDiagnostics(
            """
            SELECT * FROM 1️⃣"THE_READ_ONLY_DB.A_SCHEMA.SOME_TABLE" LIMIT 10;
            GRANT USAGE ON SCHEMA 2️⃣"db.schema" TO u;
            SELECT * FROM "db"."schema"."table";
            SELECT 'a.b.c', x AS "a.b";
            """, rules: all,
            expected: [("1️⃣", Rule.sqlQuotedDottedIdentifier.id), ("2️⃣", Rule.sqlQuotedDottedIdentifier.id)])
        let parsed = SQLParser.parse("GRANT USAGE ON SCHEMA \"db.schema\" TO u", dialect: .redshift)
        let fix = try #require(
            QuotedDottedIdentifierCheck().check(
                parsed.statements,
                context: SQLCheckContext(dialect: .redshift)
            )
            .first?.fixIts.first)
        #expect(fix.replacement == "\"db\".\"schema\"")
    }

    @Test func granteeMissingKeyword() {
        let context = SQLCheckContext(
            dialect: .redshift, roleNames: ["analyst"], groupNames: ["readers"],
            userNames: ["bob"])
        expectDiagnostics(
            """
            GRANT SELECT ON t TO 1️⃣analyst, ROLE analyst, bob, 2️⃣readers, GROUP readers;
            GRANT ROLE analyst TO 3️⃣Analyst;
            REVOKE SELECT ON t FROM 4️⃣readers;
            ALTER DEFAULT PRIVILEGES GRANT SELECT ON TABLES TO 5️⃣analyst;
            GRANT SELECT ON t TO somebody_else;
            """, rules: all,
            expected: [
                ("1️⃣", Rule.sqlGranteeMissingKeyword.id), ("2️⃣", Rule.sqlGranteeMissingKeyword.id),
                ("3️⃣", Rule.sqlGranteeMissingKeyword.id), ("4️⃣", Rule.sqlGranteeMissingKeyword.id),
                ("5️⃣", Rule.sqlGranteeMissingKeyword.id),
            ], context: context)
        var postgres = context
        postgres.dialect = .postgres
        expectDiagnostics(
            "GRANT SELECT ON t TO analyst", rules: all, expected: [], dialect: .postgres,
            context: postgres)
    }

    @Test func createDatabaseInTransaction() {
        expectDiagnostics(
            """
            CREATE DATABASE a;
            BEGIN;
            GRANT SELECT ON t TO u;
            1️⃣CREATE DATABASE b;
            COMMIT;
            CREATE DATABASE c;
            START TRANSACTION;
            2️⃣create database d;
            END;
            """, rules: all,
            expected: [("1️⃣", Rule.sqlCreateDatabaseInTransaction.id), ("2️⃣", Rule.sqlCreateDatabaseInTransaction.id)])
    }

    @Test func redshiftFormsInPostgres() {
        expectDiagnostics(
            """
            GRANT 1️⃣ROLE a TO b;
            GRANT SELECT ON t TO 2️⃣ROLE r;
            GRANT SELECT 3️⃣FOR TABLES IN SCHEMA s TO u;
            GRANT 4️⃣CREATE USER TO ROLE r;
            CREATE USER u 6️⃣PASSWORD DISABLE 5️⃣CREATEUSER;
            GRANT a TO b;
            GRANT SELECT ON t TO GROUP g;
            """, rules: all,
            expected: [
                ("1️⃣", Rule.sqlDialectMismatch.id), ("2️⃣", Rule.sqlDialectMismatch.id),
                ("3️⃣", Rule.sqlDialectMismatch.id), ("4️⃣", Rule.sqlDialectMismatch.id),
                ("5️⃣", Rule.sqlDialectMismatch.id), ("6️⃣", Rule.sqlDialectMismatch.id),
            ], dialect: .postgres)
    }

    @Test func postgresFormsInRedshift() {
        expectDiagnostics(
            """
            GRANT 1️⃣a TO b;
            SET 2️⃣ROLE admin;
            GRANT ROLE a TO ROLE b 3️⃣WITH ADMIN OPTION;
            GRANT ROLE a TO bob WITH ADMIN OPTION;
            GRANT SELECT ON t TO GROUP g 4️⃣WITH GRANT OPTION;
            GRANT SELECT ON t TO bob WITH GRANT OPTION;
            ALTER DEFAULT PRIVILEGES 5️⃣FOR ROLE etl GRANT SELECT ON TABLES TO PUBLIC;
            GRANT CREATE USER TO 6️⃣bob;
            GRANT SELECT FOR TABLES IN SCHEMA s TO 7️⃣GROUP g;
            GRANT ROLE a TO ROLE b;
            CREATE USER 8️⃣nopassword;
            CREATE USER iam PASSWORD DISABLE;
            """, rules: all,
            expected: [
                ("1️⃣", Rule.sqlDialectMismatch.id), ("2️⃣", Rule.sqlDialectMismatch.id),
                ("3️⃣", Rule.sqlDialectMismatch.id), ("4️⃣", Rule.sqlDialectMismatch.id),
                ("5️⃣", Rule.sqlDialectMismatch.id), ("6️⃣", Rule.sqlDialectMismatch.id),
                ("7️⃣", Rule.sqlDialectMismatch.id), ("8️⃣", Rule.sqlDialectMismatch.id),
            ])
    }
}
