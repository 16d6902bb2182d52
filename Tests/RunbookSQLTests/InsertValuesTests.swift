import RunbookDiagnostics
import RunbookSQL
import RunbookTestSupport
import Testing

/// INSERT's VALUES has no column in scope: a bare name there is a mistake (PostgreSQL: "column … does not exist"),
/// while values, calls, placeholders, qualified names and subqueries stay valid.
@Suite("INSERT … VALUES")
struct InsertValuesTests {
    private let rules = Set([Rule.sqlSyntax.id, Rule.sqlMisspeltKeyword.id])

    @Test(arguments: [SQLDialect.redshift, .postgres, .snowflake])
    func valuesCallsAndSubqueriesAreNoNames(dialect: SQLDialect) {
        _ = parseClean(
            "INSERT INTO t VALUES (DEFAULT, NULL, TRUE, false, CURRENT_DATE, current_timestamp, LOCALTIMESTAMP, "
                + "CURRENT_USER, SESSION_USER, 'x', 1, -2.5, getdate(), DATEADD(day, 1, d), CAST('1' AS int), "
                + "'a'::text, DATE '2024-01-01', CASE WHEN 1 = 1 THEN 'a' ELSE NULL END, s.nextval, "
                + "(SELECT max(a) FROM u WHERE u.b = c), <value>, your_value)",
            dialect: dialect)
        _ = parseClean("INSERT INTO t (a, b) VALUES (1, 'a'), (2, 'b')", dialect: dialect)
        _ = parseClean("INSERT INTO t SELECT a, b FROM u", dialect: dialect)
        _ = parseClean("INSERT INTO t (SELECT a FROM u WHERE b IS NULL)", dialect: dialect)
    }

    @Test func engineFormsStayValid() {
        _ = parseClean("INSERT INTO t VALUES (SYSDATE, $1, :v)", dialect: .redshift)
        _ = parseClean("INSERT INTO t VALUES (1) RETURNING id, a AS b", dialect: .postgres)
        _ = parseClean(
            "INSERT INTO t VALUES (1) ON CONFLICT (id) DO UPDATE SET a = excluded.a WHERE t.a < b", dialect: .postgres)
        _ = parseClean("INSERT INTO t VALUES (seq1.nextval, $var, CURRENT_TIMESTAMP())", dialect: .snowflake)
    }

    /// MERGE's INSERT reads the source's columns, so bare names there are columns.
    @Test func mergeInsertReadsTheSourcesColumns() {
        for dialect in [SQLDialect.redshift, .postgres] {
            _ = parseClean(
                "MERGE INTO t USING s ON t.id = s.id WHEN NOT MATCHED THEN INSERT VALUES (id, name)", dialect: dialect)
        }
    }

    /// Every bare name is its own finding, and the rest of the statement is still read.
    @Test func eachBareNameOnce() {
        expectDiagnostics(
            "INSERT INTO t VALUES (1, 1️⃣bob, 'x'), (2, 2️⃣alice || 'y', 3️⃣nlul) ON CONFLICT (id) 4️⃣NOTHING",
            rules: rules,
            expected: [
                ("1️⃣", Rule.sqlSyntax.id), ("2️⃣", Rule.sqlSyntax.id), ("3️⃣", Rule.sqlMisspeltKeyword.id),
                ("4️⃣", Rule.sqlSyntax.id),
            ], dialect: .postgres)
    }

    @Test(arguments: [SQLDialect.redshift, .postgres, .snowflake])
    func theMessageSaysNoColumnIsInScope(dialect: SQLDialect) {
        let parsed = SQLParser.parse("INSERT INTO users (id, name) VALUES (7, bob);", dialect: dialect)
        #expect(
            parsed.diagnostics.map(\.message) == [
                "'bob' is a column name in VALUES, where no column is in scope: write a value (a string in single "
                    + "quotes, a number, NULL or DEFAULT)"
            ])
        #expect(parsed.statements.allSatisfy { if case .invalid = $0.kind { true } else { false } })
    }
}
