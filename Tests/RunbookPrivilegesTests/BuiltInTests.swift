import RunbookDiagnostics
import RunbookPrivileges
import RunbookSQL
import RunbookTestSupport
import Testing

import struct RunbookDiagnostics.SourceLocation

/// What each engine has before the runbook starts (DialectProfile: built-in roles and system schemas), and
/// which privileges each kind of object accepts (`privileges.not-applicable`).
@Suite struct BuiltInTests {
    static let errorsAndWarnings: Set<RuleID> = Set(
        Rule.privilegeRules.filter { $0.defaultSeverity != .note }.map(\.id))

    @Test(arguments: ["pg_monitor", "pg_read_all_data", "pg_write_all_data", "pg_read_all_stats", "pg_signal_backend"])
    func postgresPredefinedRolesExist(role: String) {
        let marked = MarkedText(
            oneStep("CREATE ROLE segment LOGIN;\nGRANT \(role) TO segment;\nGRANT 1️⃣pg_nope TO segment;"))
        let diagnostics = Compiled(marked.text, dialect: .postgres).analyze(.postgres).diagnostics
        // The made-up pg_nope is still a role never created: only the predefined ones exist.
        expectDiagnostics(
            diagnostics, [Expected(.privilegesUnknownPrincipal, at: "1️⃣", "pg_nope")], in: marked,
            rules: Self.errorsAndWarnings)
    }

    @Test func aPredefinedRoleIsNotCreatedAgain() {
        let marked = MarkedText(oneStep("CREATE ROLE 1️⃣pg_monitor;"))
        let diagnostics = Compiled(marked.text, dialect: .postgres).analyze(.postgres).diagnostics
        expectDiagnostics(
            diagnostics, [Expected(.privilegesAlreadyExists, at: "1️⃣", "pg_monitor")], in: marked,
            rules: Self.errorsAndWarnings)
    }

    @Test func redshiftSystemRolesExist() {
        let catalog = Catalog(dialect: .redshift)
        for role in ["sys:dba", "sys:secadmin", "sys:superuser", "sys:operator", "sys:monitor"] {
            #expect(catalog.exists(Principal(.role, role)), "\(role)")
        }
        #expect(!Catalog(dialect: .postgres).exists(Principal(.role, "sys:dba")))
        #expect(!catalog.exists(Principal(.role, "pg_monitor")))
    }

    /// Quoted, because the lexer does not read `sys:monitor` as one name yet (the grammar work of issue 12 item 2).
    @Test func redshiftSystemRoleGrantIsNotARoleNeverCreated() {
        let marked = MarkedText(
            oneStep(
                "CREATE USER segment PASSWORD DISABLE;\nGRANT ROLE \"sys:monitor\" TO segment;\nGRANT ROLE 1️⃣sys_x TO segment;"
            ))
        let compiled = Compiled(marked.text)
        // The grant parsed, so the simulation saw it: without the built-in role it would be unknown-principal.
        #expect(compiled.statements.all.filter { if case .grant = $0.kind { true } else { false } }.count == 2)
        expectDiagnostics(
            compiled.analyze().diagnostics, [Expected(.privilegesUnknownPrincipal, at: "1️⃣", "sys_x")], in: marked,
            rules: Self.errorsAndWarnings)
    }

    /// The catalog schemas of the PostgreSQL family: Snowflake has no pg_catalog, and its grammar folds names
    /// upper-case; its model has its own test (SnowflakeModelTests).
    @Test(arguments: [SQLDialect.redshift, .postgres])
    func systemSchemasNeedNoUsageGrant(dialect: SQLDialect) {
        let grantee = dialect == .redshift ? "ROLE analyst" : "analyst"
        let marked = MarkedText(
            oneStep(
                """
                CREATE ROLE analyst;
                GRANT SELECT ON ALL TABLES IN SCHEMA information_schema TO \(grantee);
                GRANT SELECT ON pg_catalog.pg_tables TO \(grantee);
                CREATE SCHEMA sales;
                1️⃣GRANT SELECT ON ALL TABLES IN SCHEMA sales TO \(grantee);
                """))
        let diagnostics = Compiled(marked.text, dialect: dialect).analyze(dialect).diagnostics
        // A schema of the runbook's own still needs USAGE.
        expectDiagnostics(
            diagnostics, [Expected(.privilegesMissingSchemaUsage, at: "1️⃣", "schema sales")], in: marked,
            rules: Self.errorsAndWarnings)
        #expect(
            !diagnostics.contains {
                $0.rule == Rule.privilegesAssumedObject.id && $0.message.contains("information_schema")
            })
    }

    // MARK: Applicability

    @Test func executeOnTablesIsAnError() {
        let marked = MarkedText(
            oneStep(
                """
                CREATE SCHEMA s;
                CREATE ROLE r;
                GRANT USAGE ON SCHEMA s TO ROLE r;
                GRANT SELECT, 1️⃣EXECUTE ON ALL TABLES IN SCHEMA s TO ROLE r;
                GRANT 2️⃣USAGE ON TABLE s.t TO ROLE r;
                GRANT EXECUTE ON ALL FUNCTIONS IN SCHEMA s TO ROLE r;
                """))
        let diagnostics = Compiled(marked.text).analyze().diagnostics
        expectDiagnostics(
            diagnostics,
            [
                Expected(
                    .privilegesNotApplicable, at: "1️⃣", "EXECUTE does not apply to tables", "functions and procedures"),
                Expected(.privilegesNotApplicable, at: "2️⃣", "USAGE does not apply to tables"),
            ], in: marked, rules: [Rule.privilegesNotApplicable.id])
    }

    @Test func applicabilityFollowsTheDialect() {
        // ALTER is a schema privilege in Redshift, not in PostgreSQL; CONNECT is PostgreSQL's, not Redshift's.
        let marked = MarkedText(
            oneStep(
                """
                CREATE SCHEMA s;
                CREATE ROLE r;
                GRANT 1️⃣ALTER ON SCHEMA s TO r;
                GRANT 2️⃣SELECT ON DATABASE postgres TO r;
                GRANT CONNECT, TEMP ON DATABASE postgres TO r;
                """))
        let postgres = Compiled(marked.text, dialect: .postgres).analyze(.postgres).diagnostics
        expectDiagnostics(
            postgres,
            [
                Expected(.privilegesNotApplicable, at: "1️⃣", "ALTER does not apply to schemas"),
                Expected(.privilegesNotApplicable, at: "2️⃣", "SELECT does not apply to databases", "tables"),
            ], in: marked, rules: [Rule.privilegesNotApplicable.id])
        let redshift = MarkedText(oneStep("CREATE SCHEMA s;\nCREATE ROLE r;\nGRANT ALTER ON SCHEMA s TO ROLE r;"))
        expectDiagnostics(
            Compiled(redshift.text).analyze().diagnostics, [], in: redshift, rules: [Rule.privilegesNotApplicable.id])
    }
}
