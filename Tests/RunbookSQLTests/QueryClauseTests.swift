import RunbookDiagnostics
import RunbookSQL
import RunbookTestSupport
import Testing

/// LIMIT, OFFSET, FETCH, WINDOW, INSERT's ON CONFLICT, RETURNING and MERGE's WHEN clauses are read with the
/// expression parser and recovered from like WHERE: each mistake is reported once, at its position.
@Suite("Query clauses")
struct QueryClauseTests {
    private let syntax = Set([Rule.sqlSyntax.id])

    @Test(arguments: [
        "SELECT a FROM t ORDER BY a LIMIT ALL",
        "SELECT a FROM t LIMIT 10 OFFSET 5",
        "SELECT a FROM t LIMIT :n OFFSET (2 * 5)",
        "SELECT a FROM t OFFSET 5 ROWS FETCH FIRST 10 ROWS ONLY",
        "SELECT a FROM t FETCH NEXT ROW WITH TIES",
        "SELECT a FROM t FETCH FIRST ROW ONLY FOR UPDATE",
        "SELECT a, rank() OVER w FROM t WINDOW w AS (PARTITION BY b ORDER BY c DESC)",
        "SELECT sum(a) OVER v FROM t WINDOW w AS (PARTITION BY b), v AS (w ORDER BY c ROWS BETWEEN 1 PRECEDING AND CURRENT ROW)",
        "INSERT INTO t (a) VALUES (1) ON CONFLICT (a) DO NOTHING",
        "INSERT INTO t (a) VALUES (1) ON CONFLICT DO NOTHING RETURNING *",
        "INSERT INTO t (a) VALUES (1) ON CONFLICT (a) WHERE a > 0 DO UPDATE SET a = excluded.a WHERE t.a < 10",
        "INSERT INTO t (a) VALUES (1) ON CONFLICT ON CONSTRAINT t_pkey DO UPDATE SET (a, b) = (1, 2) RETURNING a AS x, b y",
        "INSERT INTO t (a) SELECT b FROM u ON CONFLICT DO NOTHING",
        "INSERT INTO t (a) SELECT b FROM u WHERE b > 0 ON CONFLICT (a) DO UPDATE SET a = excluded.a RETURNING a",
        "INSERT INTO t (a) SELECT b FROM u GROUP BY b HAVING count(*) > 1 ON CONFLICT DO NOTHING",
        "INSERT INTO t (a) SELECT b FROM u ORDER BY b LIMIT 10 ON CONFLICT (a) DO NOTHING",
        "UPDATE t SET a = 1 WHERE b = 2 RETURNING t.*, a + 1 AS next",
        "DELETE FROM t WHERE a = 1 RETURNING a",
        "MERGE INTO t USING s ON t.id = s.id WHEN MATCHED AND s.x > 1 THEN UPDATE SET a = s.a WHEN MATCHED THEN DELETE WHEN NOT MATCHED THEN INSERT (id, a) VALUES (s.id, s.a)",
        "MERGE INTO t USING (SELECT id FROM u) AS s ON t.id = s.id WHEN NOT MATCHED THEN INSERT DEFAULT VALUES",
        "MERGE INTO t USING s ON t.id = s.id REMOVE DUPLICATES",
    ])
    func readsValidForms(sql: String) {
        _ = parseClean(sql, dialect: .postgres)
        _ = parseClean(sql, dialect: .redshift)
    }

    /// PostgreSQL 17's `WHEN NOT MATCHED BY SOURCE | TARGET` and `DO NOTHING`.
    @Test func mergeByTargetOrSource() {
        _ = parseClean(
            "MERGE INTO t USING s ON t.id = s.id WHEN NOT MATCHED BY SOURCE THEN DELETE "
                + "WHEN NOT MATCHED BY TARGET THEN DO NOTHING", dialect: .postgres)
    }

    /// Snowflake's FETCH needs neither FIRST nor ROWS nor ONLY, and its MERGE inserts `ALL BY NAME`.
    @Test func snowflakeForms() {
        _ = parseClean("SELECT a FROM t FETCH 10", dialect: .snowflake)
        _ = parseClean("SELECT a FROM t ORDER BY a FETCH FIRST 3 ROWS", dialect: .snowflake)
        _ = parseClean(
            "MERGE INTO t USING s ON t.id = s.id WHEN NOT MATCHED THEN INSERT ALL BY NAME", dialect: .snowflake)
    }

    @Test(arguments: [
        ("SELECT a FROM t LIMIT1️⃣", "expected an expression after LIMIT, found end of statement"),
        (
            "SELECT a FROM t LIMIT 10 OFFSET 1️⃣FETCH FIRST 1 ROW ONLY",
            "expected an expression after OFFSET, found 'FETCH'"
        ),
        ("SELECT a FROM t FETCH 1️⃣10 ROWS ONLY", "expected FIRST or NEXT after FETCH, found '10'"),
        ("SELECT a FROM t FETCH FIRST 10 1️⃣ONLY", "expected ROW or ROWS after the row count, found 'ONLY'"),
        (
            "SELECT a FROM t FETCH FIRST 10 ROWS1️⃣",
            "expected ONLY or WITH TIES after FETCH … ROWS, found end of statement"
        ),
        ("SELECT a FROM t FETCH FIRST ROW WITH 1️⃣ONLY", "expected TIES after FETCH … WITH, found 'ONLY'"),
        ("SELECT a FROM t WINDOW w 1️⃣(PARTITION BY b)", "expected AS after the window name, found '('"),
        ("SELECT a FROM t WINDOW w AS 1️⃣PARTITION", "expected '(' before the window definition, found 'PARTITION'"),
        ("SELECT a FROM t WINDOW w AS (PARTITION BY b +1️⃣)", "expected an expression after '+', found ')'"),
        ("INSERT INTO t VALUES (1) ON CONFLICT (a) 1️⃣NOTHING", "expected DO after ON CONFLICT, found 'NOTHING'"),
        ("INSERT INTO t VALUES (1) ON CONFLICT DO1️⃣", "expected NOTHING or UPDATE after DO, found end of statement"),
        ("INSERT INTO t VALUES (1) ON CONFLICT DO UPDATE 1️⃣a = 1", "expected SET after DO UPDATE, found 'a'"),
        (
            "INSERT INTO t VALUES (1) ON CONFLICT DO UPDATE SET a = 1 WHERE1️⃣",
            "expected an expression after WHERE, found end of statement"
        ),
        ("UPDATE t SET a = 1 RETURNING a, 1️⃣FROM", "expected an expression after ',', found 'FROM'"),
        (
            "MERGE INTO t USING s ON t.id = s.id1️⃣",
            "expected WHEN MATCHED, WHEN NOT MATCHED or REMOVE DUPLICATES, found end of statement"
        ),
        ("MERGE INTO t USING s ON t.id = s.id WHEN 1️⃣THEN DELETE", "expected MATCHED after WHEN, found 'THEN'"),
        (
            "MERGE INTO t USING s ON t.id = s.id WHEN MATCHED 1️⃣DELETE",
            "expected THEN after WHEN MATCHED, found 'DELETE'"
        ),
        (
            "MERGE INTO t USING s ON t.id = s.id WHEN MATCHED AND 1️⃣THEN DELETE",
            "expected an expression after AND, found 'THEN'"
        ),
        (
            "MERGE INTO t USING s ON t.id = s.id WHEN MATCHED BY 1️⃣THEN DELETE",
            "expected SOURCE or TARGET after MATCHED BY, found 'THEN'"
        ),
        (
            "MERGE INTO t USING s ON t.id = s.id WHEN MATCHED THEN 1️⃣SET a = 1",
            "expected UPDATE, DELETE, INSERT or DO NOTHING after THEN, found 'SET'"
        ),
        (
            "MERGE INTO t USING s ON t.id = s.id WHEN NOT MATCHED THEN INSERT (a, 1️⃣)",
            "expected a column name, found ')'"
        ),
        (
            "MERGE INTO t USING s ON t.id = s.id WHEN NOT MATCHED THEN INSERT (a) 1️⃣(1)",
            "expected VALUES after INSERT, found '('"
        ),
        ("MERGE INTO t USING s ON 1️⃣WHEN MATCHED THEN DELETE", "expected an expression after ON, found 'WHEN'"),
        // The WHERE of `INSERT … SELECT` ends at ON CONFLICT, which is read as INSERT's clause.
        (
            "INSERT INTO t (a) SELECT b FROM u WHERE b > 0 ON CONFLICT (a) DO1️⃣",
            "expected NOTHING or UPDATE after DO, found end of statement"
        ),
        (
            "INSERT INTO t (a) SELECT b FROM u WHERE b > 0 ON CONFLICT DO UPDATE SET a = 1️⃣= 1",
            "expected an expression after '=', found '='"
        ),
        // ON CONFLICT belongs to INSERT only.
        (
            "SELECT b FROM u WHERE b > 0 1️⃣ON CONFLICT DO NOTHING",
            "expected end of statement after the query, found 'ON'"
        ),
    ])
    func oneMistake(marked: String, message: String) {
        expectDiagnostics(marked, rules: syntax, expected: [("1️⃣", Rule.sqlSyntax.id)], dialect: .postgres)
        let parsed = SQLParser.parse(MarkedText(marked).text, dialect: .postgres)
        #expect(parsed.diagnostics.map(\.message) == [message])
    }

    /// A mistake in ON CONFLICT resumes at DO UPDATE's WHERE or at RETURNING, one in a WHEN of MERGE at the next
    /// WHEN, one in LIMIT at OFFSET: a statement with several mistakes gets each, once.
    @Test(arguments: [
        "INSERT INTO t VALUES (1) ON CONFLICT DO UPDATE SET a = 1️⃣WHERE a = 2️⃣= 1 RETURNING a +3️⃣",
        "MERGE INTO t USING s ON t.id = s.id WHEN MATCHED THEN UPDATE 1️⃣a = 1 WHEN NOT 2️⃣THEN DO NOTHING "
            + "WHEN NOT MATCHED THEN INSERT VALUES (1 +3️⃣)",
        "SELECT a FROM t WINDOW w AS (ORDER BY 1️⃣) LIMIT 2️⃣OFFSET 3 FETCH FIRST 3 3️⃣ONLY",
    ])
    func threeMistakesInOneStatement(marked: String) {
        expectDiagnostics(
            marked, rules: syntax, expected: ["1️⃣", "2️⃣", "3️⃣"].map { ($0, Rule.sqlSyntax.id) }, dialect: .postgres)
        let statement = SQLParser.parse(MarkedText(marked).text, dialect: .postgres).statements.first
        #expect(statement?.syntax.text == statement?.text)
        if case .invalid = statement?.kind {} else { Issue.record("a statement with mistakes is invalid") }
    }

    /// `OVER (…)` is a window definition wherever a call stands: in the select list and in an expression.
    @Test func windowsOfCalls() {
        _ = parseClean(
            "SELECT sum(a) OVER (PARTITION BY b, c ORDER BY d DESC NULLS LAST ROWS BETWEEN UNBOUNDED PRECEDING "
                + "AND CURRENT ROW), rank() OVER (), lag(a, 1) OVER (w ORDER BY d) FROM t WINDOW w AS (PARTITION BY b)",
            dialect: .postgres)
        _ = parseClean(
            "SELECT a FROM t QUALIFY row_number() OVER (PARTITION BY b ORDER BY c) = 1", dialect: .snowflake)
        expectDiagnostics(
            "SELECT sum(a) OVER (PARTITION BY b + 1️⃣ORDER BY c), b 2️⃣c(x) FROM t", rules: syntax,
            expected: [("1️⃣", Rule.sqlSyntax.id), ("2️⃣", Rule.sqlSyntax.id)])
        expectDiagnostics(
            "SELECT a FROM t WHERE a > (SELECT max(b) OVER (ORDER BY 1️⃣) FROM u) AND c = 2️⃣= 1", rules: syntax,
            expected: [("1️⃣", Rule.sqlSyntax.id), ("2️⃣", Rule.sqlSyntax.id)])
    }

    /// Keywords compare case-insensitively: the clauses read the same in lower case.
    @Test func lowerCaseKeywords() {
        _ = parseClean(
            "insert into t (a) values (1) on conflict (a) do update set a = excluded.a returning a", dialect: .postgres)
        _ = parseClean("select a from t offset 1 rows fetch next 2 rows with ties", dialect: .postgres)
        expectDiagnostics(
            "merge into t using s on t.id = s.id when matched 1️⃣delete", rules: syntax,
            expected: [("1️⃣", Rule.sqlSyntax.id)], dialect: .postgres)
    }
}
