import RunbookDiagnostics
import RunbookPrivileges
import RunbookSQL
import RunbookTestSupport
import Testing

import struct RunbookDiagnostics.SourceLocation

/// Snowflake's privilege model, rule by rule, each against the fact it implements
/// (https://docs.snowflake.com/en/user-guide/security-access-control-overview and the pages cited per test).
@Suite struct SnowflakeModelTests {
    /// Every rule the Snowflake model reports, but the assumed-object notes.
    static let rules: Set<RuleID> = Set(
        Rule.privilegeRules.map(\.id).filter { $0 != Rule.privilegesAssumedObject.id })

    static func report(_ marked: MarkedText) -> PrivilegeReport {
        Compiled(marked.text, dialect: .snowflake).analyze(.snowflake)
    }

    static func effective(_ report: PrivilegeReport, _ who: String, _ privilege: String, on object: String) -> Bool {
        report.results["default"]?.effective.contains {
            $0.principal.name == who && $0.privilege == privilege && $0.object.qualifiedName == object && $0.isUsable
        } ?? false
    }

    // MARK: - Roles

    /// GRANT ROLE is transitive: R3 → R2 → user gives the user R3's privileges
    /// (https://docs.snowflake.com/en/sql-reference/sql/grant-role).
    @Test func inheritanceIsTransitive() {
        let marked = MarkedText(
            oneStep(
                """
                CREATE DATABASE SALES;
                CREATE SCHEMA SALES.RAW;
                CREATE TABLE SALES.RAW.ORDERS (ID INT);
                CREATE ROLE READER;
                CREATE ROLE ANALYST;
                CREATE USER ANNA RSA_PUBLIC_KEY = 'MIIB';
                GRANT USAGE ON DATABASE SALES TO ROLE READER;
                GRANT USAGE ON SCHEMA SALES.RAW TO ROLE READER;
                GRANT SELECT ON TABLE SALES.RAW.ORDERS TO ROLE READER;
                GRANT ROLE READER TO ROLE ANALYST;
                GRANT ROLE ANALYST TO USER ANNA;
                """))
        let report = Self.report(marked)
        expectDiagnostics(report.diagnostics, [], in: marked, rules: Self.rules)
        #expect(Self.effective(report, "ANNA", "SELECT", on: "SALES.RAW.ORDERS"))
        #expect(Self.effective(report, "ANALYST", "SELECT", on: "SALES.RAW.ORDERS"))
        let chain = report.results["default"]?.effective.first {
            $0.principal.name == "ANNA" && $0.privilege == "SELECT"
        }.map(describe)
        #expect(chain?.contains("member of ANALYST ← member of READER") == true)
    }

    /// Unquoted names fold to upper case: `reader` and `READER` are one role.
    @Test func unquotedNamesFoldToUpperCase() {
        let marked = MarkedText(oneStep("CREATE ROLE reader;\nGRANT ROLE Reader TO USER somebody;"))
        let report = Self.report(marked)
        expectDiagnostics(report.diagnostics, [], in: marked, rules: Self.rules)
        #expect(
            report.results["default"]?.grantRows.contains { $0.name == "READER" && $0.granteeName == "SOMEBODY" }
                == true)
    }

    @Test func roleCycleIsRejectedWithoutHanging() {
        let marked = MarkedText(
            oneStep(
                """
                CREATE ROLE A;
                CREATE ROLE B;
                CREATE ROLE C;
                GRANT ROLE A TO ROLE B;
                GRANT ROLE B TO ROLE C;
                GRANT ROLE 1️⃣C TO ROLE A;
                GRANT ROLE 2️⃣A TO ROLE A;
                """))
        expectDiagnostics(
            Self.report(marked).diagnostics,
            [
                Expected(.privilegesRoleCycle, at: "1️⃣", "'C' already holds 'A'"),
                Expected(.privilegesRoleCycle, at: "2️⃣", "cannot be granted to itself"),
            ], in: marked, rules: Self.rules)
    }

    /// CREATE is authorized by the primary role alone; SYSADMIN has no CREATE USER, USERADMIN has
    /// (https://docs.snowflake.com/en/sql-reference/sql/create-user, "Access control requirements").
    @Test func currentRoleAuthorizesCreate() {
        let marked = MarkedText(
            oneStep(
                """
                USE ROLE SYSADMIN;
                USE SECONDARY ROLES NONE;
                CREATE DATABASE ANALYTICS;
                1️⃣CREATE USER ANNA;
                USE ROLE USERADMIN;
                CREATE USER BOB;
                """))
        let report = Self.report(marked)
        expectDiagnostics(
            report.diagnostics,
            [Expected(.snowflakeInsufficientPrivileges, at: "1️⃣", "primary role SYSADMIN lacks CREATE USER")],
            in: marked, rules: Self.rules)
        // Owned by the primary role that created it.
        #expect(
            report.results["default"]?.grantRows.contains {
                $0.privilege == "OWNERSHIP" && $0.name == "ANALYTICS" && $0.granteeName == "SYSADMIN"
            } == true)
    }

    @Test func useRoleNeedsTheRoleGranted() {
        let marked = MarkedText(
            oneStep(
                """
                CREATE ROLE LOADER;
                USE ROLE 1️⃣LOADER;
                USE ROLE 2️⃣LOADR;
                """))
        expectDiagnostics(
            Self.report(marked).diagnostics,
            [
                Expected(.snowflakeRoleNotGranted, at: "1️⃣", "role LOADER is not granted to ADMIN"),
                Expected(.privilegesUnknownPrincipal, at: "2️⃣", "role 'LOADR' does not exist", "did you mean 'LOADER'"),
                Expected(.snowflakeRoleNotGranted, at: "2️⃣", "LOADR"),
            ], in: marked, rules: Self.rules)
    }

    /// Secondary roles count for everything but CREATE (https://docs.snowflake.com/en/sql-reference/sql/use-secondary-roles):
    /// with ALL (the default) the person's ACCOUNTADMIN still grants after USE ROLE SYSADMIN; with NONE it does not.
    @Test func secondaryRolesAuthorizeGrants() {
        let marked = MarkedText(
            oneStep(
                """
                CREATE ROLE R;
                USE ROLE SYSADMIN;
                GRANT ROLE R TO USER SOMEBODY;
                USE SECONDARY ROLES NONE;
                1️⃣GRANT USAGE ON WAREHOUSE W TO ROLE R;
                USE SECONDARY ROLES ALL;
                GRANT USAGE ON WAREHOUSE W TO ROLE R;
                """))
        expectDiagnostics(
            Self.report(marked).diagnostics,
            [
                Expected(
                    .snowflakeInsufficientPrivileges, at: "1️⃣",
                    "role SYSADMIN lacks MANAGE GRANTS or OWNERSHIP on warehouse W")
            ],
            in: marked, rules: Self.rules)
    }

    /// Each session starts again as the person with ACCOUNTADMIN: Step 1's USE ROLE does not reach Step 2.
    @Test func eachSessionStartsAsAccountAdmin() {
        let marked = MarkedText(
            """
            # Test

            ### Step 1: Switch

            ```sql
            USE ROLE SYSADMIN;
            CREATE DATABASE D;
            ```

            ### Step 2: Create a user

            ```sql
            CREATE USER U RSA_PUBLIC_KEY = 'MIIB';
            ```

            """)
        let report = Self.report(marked)
        expectDiagnostics(report.diagnostics, [], in: marked, rules: Self.rules)
        #expect(report.results["default"]?.catalog.databases["D"]?.owner == "SYSADMIN")
    }

    @Test func identifierOfAStringFoldsLikeAName() {
        let marked = MarkedText(oneStep("CREATE ROLE IDENTIFIER('my_role');\nGRANT ROLE MY_ROLE TO USER U;"))
        let report = Self.report(marked)
        expectDiagnostics(report.diagnostics, [], in: marked, rules: Self.rules)
        #expect(report.results["default"]?.catalog.principals[Principal(.role, "MY_ROLE")] != nil)
    }

    @Test func revokeCurrentGrantsDropsThem() {
        let marked = MarkedText(
            oneStep(
                """
                CREATE DATABASE D;
                CREATE ROLE A;
                CREATE ROLE B;
                GRANT USAGE ON DATABASE D TO ROLE A;
                GRANT OWNERSHIP ON DATABASE D TO ROLE B REVOKE CURRENT GRANTS;
                """))
        let report = Self.report(marked)
        expectDiagnostics(report.diagnostics, [], in: marked, rules: Self.rules)
        let catalog = report.results["default"]?.catalog
        #expect(catalog?.grants(on: .database("D")).isEmpty == true)
        #expect(catalog?.databases["D"]?.owner == "B")
    }

    // MARK: - Future grants

    /// A schema-level future grant for TABLES shadows the database-level ones in that schema, even those to
    /// other roles (https://docs.snowflake.com/en/sql-reference/sql/grant-privilege, future grants).
    @Test func schemaLevelFutureGrantsTakePrecedence() {
        let marked = MarkedText(
            oneStep(
                """
                CREATE DATABASE D1;
                CREATE SCHEMA D1.S1;
                CREATE SCHEMA D1.S2;
                CREATE ROLE R1;
                CREATE ROLE R2;
                GRANT SELECT ON FUTURE TABLES IN DATABASE D1 TO ROLE R1;
                1️⃣GRANT INSERT ON FUTURE TABLES IN SCHEMA D1.S1 TO ROLE R2;
                CREATE TABLE D1.S1.T (X INT);
                CREATE TABLE D1.S2.T (X INT);
                """))
        let report = Self.report(marked)
        expectDiagnostics(
            report.diagnostics,
            [Expected(.snowflakeShadowedFutureGrant, at: "1️⃣", "does not apply in schema D1.S1")], in: marked,
            rules: [Rule.snowflakeShadowedFutureGrant.id])
        let grants = report.results["default"]?.catalog.grants(
            on: .table(TableName(database: "D1", schema: "S1", table: "T")))
        #expect(grants?.map { "\($0.grantee.name) \($0.privilege)" } == ["R2 INSERT"])
        let other = report.results["default"]?.catalog.grants(
            on: .table(TableName(database: "D1", schema: "S2", table: "T")))
        #expect(other?.map { "\($0.grantee.name) \($0.privilege)" } == ["R1 SELECT"])
        #expect(
            report.results["default"]?.grantRows.contains {
                $0.isFuture && $0.name == "D1.S1" && $0.grantedOn == "TABLE"
            } == true)
    }

    /// ON ALL covers the objects that exist when it runs, not later ones.
    @Test func onAllCoversOnlyExistingTables() {
        let marked = MarkedText(
            oneStep(
                """
                CREATE DATABASE D;
                CREATE SCHEMA D.S;
                CREATE TABLE D.S.OLD (X INT);
                CREATE ROLE R;
                GRANT SELECT ON ALL TABLES IN SCHEMA D.S TO ROLE R;
                CREATE TABLE D.S.NEW (X INT);
                """))
        let catalog = Self.report(marked).results["default"]?.catalog
        #expect(catalog?.grants(on: .table(TableName(database: "D", schema: "S", table: "OLD"))).count == 1)
        #expect(catalog?.grants(on: .table(TableName(database: "D", schema: "S", table: "NEW"))).isEmpty == true)
    }

    // MARK: - Managed access

    /// In a managed-access schema only the schema owner or MANAGE GRANTS may grant; the object owner may not
    /// (https://docs.snowflake.com/en/user-guide/security-access-control-configure).
    @Test func managedAccessSchemaTakesGrantsFromTheObjectOwner() {
        let marked = MarkedText(
            oneStep(
                """
                CREATE DATABASE D;
                CREATE SCHEMA D.MANAGED WITH MANAGED ACCESS;
                CREATE SCHEMA D.REGULAR;
                CREATE TABLE D.MANAGED.T (X INT);
                CREATE TABLE D.REGULAR.T (X INT);
                CREATE ROLE OWNER_ROLE;
                CREATE ROLE READER;
                GRANT OWNERSHIP ON TABLE D.MANAGED.T TO ROLE OWNER_ROLE;
                GRANT OWNERSHIP ON TABLE D.REGULAR.T TO ROLE OWNER_ROLE;
                GRANT ROLE OWNER_ROLE TO USER ADMIN;
                USE ROLE OWNER_ROLE;
                USE SECONDARY ROLES NONE;
                1️⃣GRANT SELECT ON TABLE D.MANAGED.T TO ROLE READER;
                GRANT SELECT ON TABLE D.REGULAR.T TO ROLE READER;
                """))
        expectDiagnostics(
            Self.report(marked).diagnostics,
            [Expected(.snowflakeInsufficientPrivileges, at: "1️⃣", "role OWNER_ROLE lacks MANAGE GRANTS or OWNERSHIP")],
            in: marked, rules: Self.rules)
    }

    @Test func ownershipOfAnObjectWithGrantsNeedsCopyOrRevoke() {
        let marked = MarkedText(
            oneStep(
                """
                CREATE DATABASE D;
                CREATE ROLE A;
                CREATE ROLE B;
                GRANT USAGE ON DATABASE D TO ROLE A;
                1️⃣GRANT OWNERSHIP ON DATABASE D TO ROLE B;
                GRANT OWNERSHIP ON DATABASE D TO ROLE A COPY CURRENT GRANTS;
                """))
        expectDiagnostics(
            Self.report(marked).diagnostics,
            [Expected(.snowflakeOwnershipWithGrants, at: "1️⃣", "database D has grants")], in: marked, rules: Self.rules)
    }

    // MARK: - Session variables

    @Test func variablesResolveIntoQualifiedNames() {
        let marked = MarkedText(
            oneStep(
                """
                SET role_name = 'reader';
                SET schema_name = 'SALES.RAW';
                CREATE DATABASE SALES;
                CREATE SCHEMA SALES.RAW;
                CREATE ROLE IDENTIFIER($role_name);
                GRANT USAGE ON DATABASE SALES TO ROLE IDENTIFIER($role_name);
                GRANT USAGE ON SCHEMA IDENTIFIER($schema_name) TO ROLE IDENTIFIER($ROLE_NAME);
                """))
        let report = Self.report(marked)
        expectDiagnostics(report.diagnostics, [], in: marked, rules: Self.rules)
        #expect(Self.effective(report, "READER", "USAGE", on: "SALES.RAW"))
    }

    /// Each step is a new session (a new worksheet): a variable set in Step 1 does not exist in Step 2
    /// (https://docs.snowflake.com/en/sql-reference/session-variables).
    @Test func variableFromAnotherStepIsUnset() {
        let marked = MarkedText(
            """
            # Test

            ### Step 1: Create

            ```sql
            SET role_name = 'READER';
            CREATE ROLE IDENTIFIER($role_name);
            ```

            ### Step 2: Grant

            ```sql
            GRANT ROLE 1️⃣IDENTIFIER($role_name) TO USER somebody;
            GRANT ROLE IDENTIFIER($role_name) TO USER somebody_else;
            ```

            ### Step 3: Same session, said so

            ```sql session=same
            GRANT ROLE IDENTIFIER($role_name) TO USER third;
            ```

            """)
        let report = Self.report(marked)
        expectDiagnostics(
            report.diagnostics,
            [Expected(.snowflakeUnsetVariable, at: "1️⃣", "$ROLE_NAME is not set in this session", "Step 1")],
            in: marked, rules: Self.rules)
        let unset = report.diagnostics.first { $0.rule == Rule.snowflakeUnsetVariable.id }
        // The second statement of Step 2 and Step 3, which continues Step 2's session.
        #expect(unset?.notes.contains { $0.message == "2 more statements of this session use it" } == true)
        // The plan's value carries the simulation on: the grants happened as meant.
        #expect(
            report.results["default"]?.grantRows.contains { $0.granteeName == "THIRD" && $0.name == "READER" } == true)
    }

    @Test func variableSetLaterInTheSameSession() {
        let marked = MarkedText(
            oneStep(
                """
                CREATE ROLE 1️⃣IDENTIFIER($r);
                SET r = 'READER';
                SET self = 2️⃣$self;
                """))
        expectDiagnostics(
            Self.report(marked).diagnostics,
            [
                Expected(.snowflakeUnsetVariable, at: "1️⃣", "$R is not set in this session yet"),
                Expected(.snowflakeUnsetVariable, at: "2️⃣", "$SELF is not set in this session: no step sets it"),
            ], in: marked, rules: Self.rules)
    }

    @Test func tenThousandVariables() {
        let sets = (1...10_000).map { "SET v\($0) = 'ROLE_\($0)';" }.joined(separator: "\n")
        let marked = MarkedText(oneStep(sets + "\nCREATE ROLE IDENTIFIER($v9999);"))
        let report = Self.report(marked)
        expectDiagnostics(report.diagnostics, [], in: marked, rules: Self.rules)
        #expect(report.results["default"]?.catalog.principals[Principal(.role, "ROLE_9999")] != nil)
    }

    @Test func identifierOfAnExpressionIsANote() {
        let marked = MarkedText(
            oneStep(
                """
                SET t = (SELECT MAX(NAME) FROM D.S.TABLES);
                GRANT SELECT ON TABLE 1️⃣IDENTIFIER($t) TO ROLE PUBLIC;
                """))
        expectDiagnostics(
            Self.report(marked).diagnostics,
            [Expected(.snowflakeUnevaluatedName, at: "1️⃣", "$T is", "cannot be evaluated")], in: marked,
            rules: Self.rules.subtracting([Rule.privilegesMissingUsage.id]))
    }
}

/// Odd input through the Snowflake model: no crash, no hang.
@Suite struct SnowflakeRobustnessTests {
    @Test func redshiftStatementsRunWithoutACrash() throws {
        let sql = """
            CREATE SCHEMA AUTHORIZATION bob;
            GRANT SELECT ON TABLE a.b.c.d TO bob;
            ALTER DEFAULT PRIVILEGES FOR USER bob GRANT EXECUTE ON FUNCTIONS TO PUBLIC;
            REVOKE ALL ON SCHEMA public FROM PUBLIC;
            CREATE ROLE x;
            DROP ROLE x;
            GRANT ROLE x TO bob;
            GRANT ALL FOR SCHEMAS IN DATABASE dev TO bob;
            CREATE VIEW public.v AS SELECT 1;
            CREATE TABLE t AS SELECT * FROM public.v;
            DROP DATABASE nowhere;
            SET search_path TO public;
            UNSET nothing;
            USE SECONDARY ROLES ALL;
            SHOW GRANTS TO ROLE x;
            SELECT 1;
            """
        let report = Compiled(oneStep(sql), dialect: .snowflake).analyze(.snowflake)
        #expect(report.results["default"] != nil)
    }

    @Test func longRoleChainWithACycleAtTheEnd() {
        let count = 500
        var sql = (0..<count).map { "CREATE ROLE R\($0);" }
        sql += (1..<count).map { "GRANT ROLE R\($0 - 1) TO ROLE R\($0);" }
        sql.append("GRANT ROLE R\(count - 1) TO ROLE R0;")
        let report = Compiled(oneStep(sql.joined(separator: "\n")), dialect: .snowflake).analyze(.snowflake)
        #expect(report.diagnostics.filter { $0.rule == Rule.privilegesRoleCycle.id }.count == 1)
    }
}
