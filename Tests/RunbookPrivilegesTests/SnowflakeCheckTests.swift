import RunbookDiagnostics
import RunbookPrivileges
import RunbookSQL
import RunbookTestSupport
import Testing

import struct RunbookDiagnostics.SourceLocation

/// Each Snowflake check: it fires on the bad case and stays silent on the good one.
@Suite struct SnowflakeCheckTests {
    static let rules = SnowflakeModelTests.rules

    static func diagnostics(_ marked: MarkedText) -> [Diagnostic] {
        SnowflakeModelTests.report(marked).diagnostics
    }

    // MARK: snowflake.database-schema-mismatch

    @Test func databaseVariableWhereASchemaIsExpected() {
        let marked = MarkedText(
            oneStep(
                """
                SET db = 'SALES';
                CREATE ROLE R;
                GRANT USAGE ON DATABASE IDENTIFIER($db) TO ROLE R;
                USE DATABASE SALES;
                GRANT USAGE ON SCHEMA 1️⃣IDENTIFIER($db) TO ROLE R;
                GRANT SELECT ON ALL TABLES IN SCHEMA IDENTIFIER($db) TO ROLE R;
                """))
        let found = Self.diagnostics(marked)
        expectDiagnostics(
            found,
            [
                Expected(
                    .snowflakeDatabaseSchemaMismatch, at: "1️⃣",
                    "$DB holds 'SALES', a database, where a schema is expected")
            ],
            in: marked, rules: [Rule.snowflakeDatabaseSchemaMismatch.id])
        #expect(
            found.first { $0.rule == Rule.snowflakeDatabaseSchemaMismatch.id }?.notes.last?.message
                == "1 more use of $DB in this session expect a schema too")
    }

    @Test func schemaVariableWhereADatabaseIsExpected() {
        let marked = MarkedText(
            oneStep(
                """
                SET s = 'SALES.RAW';
                CREATE ROLE R;
                GRANT USAGE ON DATABASE 1️⃣IDENTIFIER($s) TO ROLE R;
                GRANT USAGE ON SCHEMA IDENTIFIER($s) TO ROLE R;
                """))
        expectDiagnostics(
            Self.diagnostics(marked),
            [
                Expected(
                    .snowflakeDatabaseSchemaMismatch, at: "1️⃣", "'SALES.RAW', a schema, where a database is expected")
            ],
            in: marked, rules: [Rule.snowflakeDatabaseSchemaMismatch.id])
    }

    // MARK: snowflake.no-current-database

    @Test func bareSchemaInANewSession() {
        let marked = MarkedText(
            """
            # Test

            ### Step 1: Create

            ```sql
            CREATE DATABASE D;
            CREATE ROLE R;
            GRANT USAGE ON SCHEMA PUBLIC TO ROLE R;
            ```

            ### Step 2: Grant

            ```sql
            GRANT USAGE ON SCHEMA 1️⃣PUBLIC TO ROLE R;
            GRANT USAGE ON SCHEMA D.PUBLIC TO ROLE R;
            ```

            """)
        expectDiagnostics(
            Self.diagnostics(marked),
            [Expected(.snowflakeNoCurrentDatabase, at: "1️⃣", "'PUBLIC' needs a current database")], in: marked,
            rules: Self.rules)
    }

    // MARK: privileges.missing-usage

    @Test func readingNeedsWarehouseDatabaseAndSchema() {
        let marked = MarkedText(
            oneStep(
                """
                CREATE WAREHOUSE WH;
                CREATE DATABASE D;
                CREATE SCHEMA D.S;
                CREATE TABLE D.S.T (X INT);
                CREATE ROLE R;
                CREATE USER U RSA_PUBLIC_KEY = 'MIIB' DEFAULT_ROLE = R DEFAULT_WAREHOUSE = WH;
                GRANT ROLE R TO USER U;
                GRANT USAGE ON WAREHOUSE WH TO ROLE R;
                1️⃣GRANT SELECT ON ALL TABLES IN SCHEMA D.S TO ROLE R;
                USE ROLE R;
                2️⃣SELECT * FROM D.S.T;
                """))
        let found = Self.diagnostics(marked)
        expectDiagnostics(
            found,
            [
                Expected(
                    .privilegesMissingUsage, at: "1️⃣", "R can read nothing in D.S", "USAGE on database D",
                    "USAGE on schema D.S"),
                Expected(
                    .privilegesMissingUsage, at: "2️⃣", "this statement fails", "USAGE on database D",
                    "USAGE on schema D.S"),
            ], in: marked, rules: Self.rules)
        #expect(found.first?.severity == .warning)
    }

    @Test func readingWithEveryGrantIsSilent() {
        let marked = MarkedText(
            oneStep(
                """
                CREATE WAREHOUSE WH;
                CREATE DATABASE D;
                CREATE SCHEMA D.S;
                CREATE TABLE D.S.T (X INT);
                CREATE ROLE R;
                CREATE USER U RSA_PUBLIC_KEY = 'MIIB' DEFAULT_ROLE = R DEFAULT_WAREHOUSE = WH;
                GRANT ROLE R TO USER U;
                GRANT USAGE ON WAREHOUSE WH TO ROLE R;
                GRANT USAGE ON DATABASE D TO ROLE R;
                GRANT USAGE ON SCHEMA D.S TO ROLE R;
                GRANT SELECT ON ALL TABLES IN SCHEMA D.S TO ROLE R;
                GRANT SELECT ON FUTURE TABLES IN SCHEMA D.S TO ROLE R;
                USE ROLE R;
                SELECT * FROM D.S.T;
                """))
        expectDiagnostics(Self.diagnostics(marked), [], in: marked, rules: Self.rules)
    }

    @Test func aQueryWithoutAWarehouseIsAWarning() {
        let marked = MarkedText(
            oneStep(
                """
                CREATE DATABASE D;
                CREATE ROLE R;
                CREATE USER U RSA_PUBLIC_KEY = 'MIIB' DEFAULT_ROLE = R;
                GRANT ROLE R TO USER U;
                GRANT USAGE ON WAREHOUSE W TO ROLE R;
                GRANT USAGE ON DATABASE D TO ROLE R;
                GRANT USAGE ON SCHEMA D.PUBLIC TO ROLE R;
                GRANT SELECT ON ALL TABLES IN SCHEMA D.PUBLIC TO ROLE R;
                USE ROLE R;
                1️⃣SELECT * FROM D.PUBLIC.T;
                """))
        let found = Self.diagnostics(marked)
        expectDiagnostics(
            found,
            [
                Expected(.privilegesMissingUsage, at: "1️⃣", "this query needs a warehouse", "U has no DEFAULT_WAREHOUSE")
            ], in: marked, rules: [Rule.privilegesMissingUsage.id])
        #expect(found.first { $0.rule == Rule.privilegesMissingUsage.id }?.severity == .warning)
    }

    // MARK: snowflake.on-all-without-future

    @Test func allSchemasWithoutFutureSchemasWhileFutureTablesAreGranted() {
        let marked = MarkedText(
            oneStep(
                """
                CREATE ROLE R;
                GRANT USAGE ON WAREHOUSE W TO ROLE R;
                GRANT USAGE ON DATABASE MARKETING TO ROLE R;
                1️⃣GRANT USAGE ON ALL SCHEMAS IN DATABASE MARKETING TO ROLE R;
                GRANT SELECT ON ALL TABLES IN DATABASE MARKETING TO ROLE R;
                GRANT SELECT ON FUTURE TABLES IN DATABASE MARKETING TO ROLE R;
                """))
        expectDiagnostics(
            Self.diagnostics(marked),
            [Expected(.snowflakeOnAllWithoutFuture, at: "1️⃣", "ON ALL SCHEMAS IN MARKETING", "no ON FUTURE SCHEMAS")],
            in: marked, rules: Self.rules)
    }

    @Test func allAndFutureTogetherAreSilent() {
        let marked = MarkedText(
            oneStep(
                """
                CREATE ROLE R;
                GRANT USAGE ON DATABASE MARKETING TO ROLE R;
                GRANT USAGE ON ALL SCHEMAS IN DATABASE MARKETING TO ROLE R;
                GRANT USAGE ON FUTURE SCHEMAS IN DATABASE MARKETING TO ROLE R;
                GRANT SELECT ON ALL TABLES IN DATABASE MARKETING TO ROLE R;
                GRANT SELECT ON FUTURE TABLES IN DATABASE MARKETING TO ROLE R;
                GRANT USAGE ON WAREHOUSE W TO ROLE R;
                """))
        expectDiagnostics(Self.diagnostics(marked), [], in: marked, rules: Self.rules)
    }

    @Test func allTablesWhenTheProsePromisesFutureTables() {
        let marked = MarkedText(
            """
            # Test

            ### Step 1: Grant

            1. Give the role read access to the tables of the schema, including tables created in the future:

            ```sql
            CREATE ROLE R;
            GRANT USAGE ON WAREHOUSE W TO ROLE R;
            GRANT USAGE ON DATABASE D TO ROLE R;
            GRANT USAGE ON SCHEMA D.S TO ROLE R;
            1️⃣GRANT SELECT ON ALL TABLES IN SCHEMA D.S TO ROLE R;
            ```

            """)
        expectDiagnostics(
            Self.diagnostics(marked),
            [Expected(.snowflakeOnAllWithoutFuture, at: "1️⃣", "ON ALL TABLES IN D.S", "objects created later")],
            in: marked, rules: Self.rules)
    }

    // MARK: snowflake.password-despite-key-pair, snowflake.service-user-password

    static func keyPairPage(_ sql: String) -> String {
        """
        # Test

        ### Step 1: Create the user

        1. Create the user. Snowflake only supports authentication using a key pair:

        ```sql
        \(sql)
        ```

        """
    }

    @Test func passwordWhileThePageSaysKeyPairOnly() {
        let marked = MarkedText(Self.keyPairPage("CREATE USER U 1️⃣PASSWORD = 'Abcdefgh1234567';"))
        expectDiagnostics(
            Self.diagnostics(marked),
            [Expected(.snowflakePasswordDespiteKeyPair, at: "1️⃣", "U is created with a password")], in: marked,
            rules: Self.rules)
    }

    @Test func keyPairUserIsSilent() {
        let marked = MarkedText(Self.keyPairPage("CREATE USER U RSA_PUBLIC_KEY = 'MIIB';"))
        expectDiagnostics(Self.diagnostics(marked), [], in: marked, rules: Self.rules)
    }

    @Test func passwordWithoutAKeyPairClaimIsSilent() {
        let marked = MarkedText(oneStep("CREATE USER U PASSWORD = 'Abcdefgh1234567';"))
        expectDiagnostics(Self.diagnostics(marked), [], in: marked, rules: Self.rules)
    }

    @Test func serviceUserWithAPassword() {
        let marked = MarkedText(oneStep("CREATE USER U TYPE = SERVICE 1️⃣PASSWORD = 'Abcdefgh1234567';"))
        expectDiagnostics(
            Self.diagnostics(marked),
            [Expected(.snowflakeServicePassword, at: "1️⃣", "U is a SERVICE user, which cannot have a PASSWORD")],
            in: marked, rules: Self.rules)
    }

    @Test func serviceUserWithAKeyIsSilent() {
        let marked = MarkedText(oneStep("CREATE USER U TYPE = SERVICE RSA_PUBLIC_KEY = 'MIIB';"))
        expectDiagnostics(Self.diagnostics(marked), [], in: marked, rules: Self.rules)
    }

    // MARK: snowflake.default-not-granted

    @Test func defaultRoleAndWarehouseNeverGranted() {
        let marked = MarkedText(
            oneStep(
                """
                CREATE WAREHOUSE WH;
                CREATE ROLE R;
                CREATE USER U RSA_PUBLIC_KEY = 'MIIB' 1️⃣DEFAULT_ROLE = R 2️⃣DEFAULT_WAREHOUSE = WH;
                """))
        expectDiagnostics(
            Self.diagnostics(marked),
            [
                Expected(.snowflakeDefaultNotGranted, at: "1️⃣", "DEFAULT_ROLE of U is R", "never granted role R"),
                Expected(.snowflakeDefaultNotGranted, at: "2️⃣", "DEFAULT_WAREHOUSE of U is WH"),
            ], in: marked, rules: Self.rules)
    }

    @Test func defaultsGrantedAreSilent() {
        let marked = MarkedText(
            oneStep(
                """
                SET role = 'R';
                CREATE WAREHOUSE WH;
                CREATE ROLE R;
                CREATE USER U RSA_PUBLIC_KEY = 'MIIB' DEFAULT_ROLE = $role DEFAULT_WAREHOUSE = 'wh';
                GRANT USAGE ON WAREHOUSE WH TO ROLE R;
                GRANT ROLE R TO USER U;
                """))
        expectDiagnostics(Self.diagnostics(marked), [], in: marked, rules: Self.rules)
    }

    // MARK: privileges.unknown-principal

    @Test func grantOfARoleNeverCreated() {
        let marked = MarkedText(
            oneStep(
                """
                CREATE ROLE READER;
                GRANT ROLE 1️⃣READR TO USER U;
                GRANT ROLE READER TO ROLE 2️⃣ANALYST;
                """))
        expectDiagnostics(
            Self.diagnostics(marked),
            [
                Expected(.privilegesUnknownPrincipal, at: "1️⃣", "role 'READR' does not exist", "did you mean 'READER'"),
                Expected(.privilegesUnknownPrincipal, at: "2️⃣", "role 'ANALYST' does not exist"),
            ], in: marked, rules: Self.rules)
    }

    /// Reported once, at the first use (the second use of LOADER is the same mistake).
    @Test func usedBeforeItIsCreated() {
        let marked = MarkedText(
            oneStep(
                """
                SET r = 'LOADER';
                GRANT USAGE ON DATABASE 1️⃣D TO ROLE 2️⃣IDENTIFIER($r);
                GRANT USAGE ON SCHEMA 3️⃣D.S TO ROLE LOADER;
                CREATE DATABASE D;
                CREATE SCHEMA D.S;
                CREATE ROLE IDENTIFIER($r);
                """))
        expectDiagnostics(
            Self.diagnostics(marked),
            [
                Expected(.privilegesUnknownObject, at: "1️⃣", "database 'D' does not exist yet"),
                Expected(.privilegesUnknownPrincipal, at: "2️⃣", "role 'LOADER' does not exist yet"),
                Expected(.privilegesUnknownObject, at: "3️⃣", "schema 'D.S' does not exist yet"),
            ], in: marked, rules: Self.rules)
    }

    @Test func systemRolesExist() {
        let marked = MarkedText(
            oneStep(
                """
                CREATE ROLE R;
                GRANT ROLE R TO ROLE SYSADMIN;
                USE ROLE SECURITYADMIN;
                GRANT ROLE R TO USER U;
                """))
        expectDiagnostics(Self.diagnostics(marked), [], in: marked, rules: Self.rules)
    }

    // MARK: Claims

    @Test func readClaimNeedsWarehouseAndDatabase() {
        let marked = MarkedText(
            """
            # Test

            ## Roles

            ### Reader role (reader_role)

            1️⃣- Read access to the sales schema (for example, sales)

            ## Setup

            ### Step 1: Grant

            ```sql
            CREATE DATABASE D;
            CREATE SCHEMA D.SALES;
            CREATE ROLE READER_ROLE;
            GRANT USAGE ON SCHEMA D.SALES TO ROLE READER_ROLE;
            GRANT SELECT ON ALL TABLES IN SCHEMA D.SALES TO ROLE READER_ROLE;
            GRANT SELECT ON FUTURE TABLES IN SCHEMA D.SALES TO ROLE READER_ROLE;
            ```

            """)
        expectDiagnostics(
            Self.diagnostics(marked),
            [
                Expected(
                    .privilegesClaimUnsatisfied, at: "1️⃣", "USAGE on database D", "USAGE on a warehouse")
            ], in: marked, rules: [Rule.privilegesClaimUnsatisfied.id, Rule.privilegesBeyondClaim.id])
    }

    @Test func readClaimSatisfiedOnSnowflake() {
        let marked = MarkedText(
            """
            # Test

            ## Roles

            ### Reader role (reader_role)

            - Read access to the sales schema (for example, sales)

            ## Setup

            ### Step 1: Grant

            ```sql
            CREATE WAREHOUSE WH;
            CREATE DATABASE D;
            CREATE SCHEMA D.SALES;
            CREATE ROLE READER_ROLE;
            GRANT USAGE ON WAREHOUSE WH TO ROLE READER_ROLE;
            GRANT USAGE ON DATABASE D TO ROLE READER_ROLE;
            GRANT USAGE ON SCHEMA D.SALES TO ROLE READER_ROLE;
            GRANT SELECT ON ALL TABLES IN SCHEMA D.SALES TO ROLE READER_ROLE;
            GRANT SELECT ON FUTURE TABLES IN SCHEMA D.SALES TO ROLE READER_ROLE;
            ```

            """)
        expectDiagnostics(
            Self.diagnostics(marked), [], in: marked,
            rules: [Rule.privilegesClaimUnsatisfied.id, Rule.privilegesBeyondClaim.id])
    }
}
