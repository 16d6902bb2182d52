import RunbookDiagnostics
import RunbookSQL
import RunbookTestSupport
import Testing

/// Expressions of WHERE, HAVING, QUALIFY, JOIN … ON and SET are read operand by operand: an operand missing
/// where one belongs is an error at its position.
@Suite("Expressions")
struct ExpressionTests {
    private let syntax = Set([Rule.sqlSyntax.id])

    @Test(arguments: [
        ("SELECT a FROM t WHERE 1️⃣WHERE b = 1", "expected an expression after WHERE, found 'WHERE'"),
        ("SELECT a FROM t WHERE a = 1️⃣= 1", "expected an expression after '=', found '='"),
        ("SELECT a FROM t WHERE a = 1 AND1️⃣", "expected an expression after 'AND', found end of statement"),
        ("SELECT a + 1️⃣FROM t", "expected an expression after '+', found 'FROM'"),
        ("SELECT a = 1️⃣= 1 FROM t", "expected an expression after '=', found '='"),
        ("SELECT a +1️⃣, b FROM t", "expected an expression after '+', found ','"),
        ("SELECT (a * 1️⃣) FROM t", "expected an expression after '*', found ')'"),
        ("SELECT 1, (a, b 1️⃣FROM t", "expected ')' to close the '(' at 1:11, found 'FROM'"),
        ("SELECT a FROM t JOIN u ON 1️⃣WHERE a = 1", "expected an expression after ON, found 'WHERE'"),
        ("SELECT a FROM t GROUP BY a HAVING count(*) > 1️⃣ORDER BY a", "expected an expression after '>', found 'ORDER'"),
        ("SELECT a FROM t WHERE a BETWEEN 1 1️⃣OR 2", "expected AND between the bounds of BETWEEN, found 'OR'"),
        ("SELECT a FROM t WHERE CASE WHEN a THEN b1️⃣", "expected END to close the CASE at 1:23, found end of statement"),
        ("SELECT a FROM t WHERE f(a, 1️⃣)", "expected an expression in the arguments, found ')'"),
        (
            "DELETE FROM t WHERE a IS1️⃣",
            "expected NULL, TRUE, FALSE, UNKNOWN or DISTINCT FROM after IS, found end of statement"
        ),
        ("UPDATE t SET a = 1 WHERE1️⃣", "expected an expression after WHERE, found end of statement"),
        ("SET api_token = 'x' 1️⃣WHERE", "expected ',' or end of statement after the value of api_token, found 'WHERE'"),
        ("SET search_path TO 1️⃣, public", "expected a value for search_path, found ','"),
        ("SELECT a FROM t ORDER BY a DESC, 1️⃣ASC", "expected an expression after ',', found 'ASC'"),
        ("SELECT a FROM t GROUP BY a, b *1️⃣", "expected an expression after '*', found end of statement"),
        ("UPDATE t SET a = 1, b = 1️⃣WHERE c = 1", "expected an expression after '=', found 'WHERE'"),
        ("UPDATE t SET a 1️⃣1", "expected '=' after the column to set, found '1'"),
        ("INSERT INTO t VALUES (1, 2), (3, 1️⃣)", "expected an expression after ',', found ')'"),
    ])
    func missingOperand(marked: String, message: String) throws {
        expectDiagnostics(marked, rules: syntax, expected: [("1️⃣", Rule.sqlSyntax.id)])
        let parsed = SQLParser.parse(MarkedText(marked).text, dialect: .redshift)
        #expect(parsed.diagnostics.map(\.message) == [message])
    }

    /// What follows a clause's expression or list must end it: a word there is a mistake at its position, not a
    /// tail skipped in silence (a misspelt keyword there gets its did-you-mean: TypoTests).
    @Test(arguments: [
        (
            "SELECT a FROM t GROUP BY 1 1️⃣sorted BY 1",
            "expected ',' or the next clause after the GROUP BY list, found 'sorted'"
        ),
        (
            "SELECT a FROM t ORDER BY a 1️⃣downwards",
            "expected ',' or the next clause after the ORDER BY list, found 'downwards'"
        ),
        (
            "SELECT a FROM t WHERE x 1️⃣within 1 AND 2",
            "expected an operator or the next clause in the expression after WHERE, found 'within'"
        ),
        (
            "SELECT a FROM t JOIN u ON t.id = u.id 1️⃣filtered u.x = 1",
            "expected an operator or the next clause in the expression after ON, found 'filtered'"
        ),
        (
            "SELECT a FROM t WHERE x IS 1️⃣empty",
            "expected NULL, TRUE, FALSE, UNKNOWN or DISTINCT FROM after IS, found 'empty'"
        ),
        (
            "SELECT a FROM t LIMIT 10 1️⃣skip 5",
            "expected an operator or the next clause in the expression after LIMIT, found 'skip'"
        ),
        (
            "SELECT sum(a) OVER (1️⃣sorted BY b) FROM t",
            "expected PARTITION BY, ORDER BY, a frame (ROWS, RANGE, GROUPS) or ')' in the window, found 'sorted'"
        ),
        (
            "SELECT sum(a) OVER (ORDER BY b ROWS BETWEEN UNBOUNDED PRECEDING 1️⃣upto CURRENT ROW) FROM t",
            "expected AND between the bounds of the frame, found 'upto'"
        ),
        (
            "SELECT sum(a) OVER (ORDER BY b ROWS UNBOUNDED 1️⃣before) FROM t",
            "expected PRECEDING or FOLLOWING in the window frame, found 'before'"
        ),
        (
            "SELECT a FROM t JOIN u usig (id) 1️⃣ORDER BY 1",
            "expected ON or USING after the joined table, found 'ORDER'"
        ),
    ])
    func aWordAfterAClauseIsAMistake(marked: String, message: String) {
        expectDiagnostics(marked, rules: syntax, expected: [("1️⃣", Rule.sqlSyntax.id)])
        let parsed = SQLParser.parse(MarkedText(marked).text, dialect: .redshift)
        #expect(parsed.diagnostics.map(\.message) == [message])
    }

    /// Forms the checked grammar reads, in each dialect that has them: none is an error.
    @Test(arguments: [
        "SELECT a FROM t WHERE a IS NOT NULL AND b IS DISTINCT FROM c OR NOT d",
        "SELECT a FROM t WHERE a NOT IN (1, 2) AND b IN (SELECT x FROM u) AND c BETWEEN 1 AND 2 AND d",
        "SELECT a FROM t WHERE a LIKE 'x%' ESCAPE '!' AND b NOT ILIKE '%y' AND c SIMILAR TO 'z'",
        "SELECT a FROM t WHERE ts > current_timestamp - INTERVAL '1 day' AND d = DATE '2024-01-01'",
        "SELECT a FROM t WHERE x::double precision > 1 AND y::timestamp with time zone < now()",
        "SELECT a FROM t WHERE a = ANY (ARRAY[1, 2]) AND EXISTS (SELECT 1) AND NOT EXISTS (SELECT 2)",
        "SELECT a FROM t WHERE CASE WHEN a = 1 THEN b ELSE c END = 'x'",
        "SELECT a FROM t WHERE CAST(a AS int) = 1 AND EXTRACT(year FROM d) = 2024 AND TRIM(BOTH ' ' FROM s) = ''",
        "SELECT a FROM t WHERE count(*) = 1 AND count(DISTINCT a) > 0 AND position('a' IN b) > 0",
        "SELECT a FROM t WHERE (a, b) IN ((1, 2)) AND -a < +b AND a % 2 = 0 AND a ^ 2 > 1 AND a || b = 'ab'",
        "SELECT a FROM t WHERE a = $1 AND b = :'name' AND c = :name AND d = <value>",
        "SELECT a FROM t WHERE a IN :ids AND b = ${value}",
        "SELECT a FROM t QUALIFY row_number() OVER (PARTITION BY a ORDER BY b DESC) = 1",
        "SELECT a FROM t HAVING sum(a) FILTER (WHERE b) > 0",
        "SELECT a FROM t WHERE a = (SELECT max(b) FROM u) AND c @> d AND e ~ 'x' AND f !~* 'y'",
        "SELECT a FROM t WHERE ts AT TIME ZONE 'UTC' > now() AND n COLLATE \"C\" = 'x'",
        "SELECT a FROM t WHERE a ISNULL OR b NOTNULL OR c IS TRUE OR d IS NOT UNKNOWN",
        "SELECT a FROM t WHERE c.orders[0].id = 1",
        "SET search_path TO \"$user\", public", "SET statement_timeout = 0", "SET x TO DEFAULT",
        "SET extra_float_digits = -3", "SET enable_seqscan = on",
        "SELECT (a + b) * 2, (SELECT 1), (EXTRACT(year FROM d)), (x IS DISTINCT FROM y), (a, b) = (c, d) FROM t",
        "SELECT (current_date - INTERVAL '7 days'), (CASE WHEN a THEN 1 END), (t.*), -(a) FROM t",
        "SELECT count(*) OVER (PARTITION BY a ORDER BY b ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) FROM t",
        "UPDATE t SET a = DEFAULT, (b, c) = (1, 2), d = d + 1 FROM u WHERE t.id = u.id RETURNING a",
        "INSERT INTO t (a, b) VALUES (1, DEFAULT), ($1, now() - INTERVAL '1 day') ON CONFLICT DO NOTHING",
        "SELECT * FROM (VALUES (1, 'a'), (2, 'b')) AS v (n, s)",
        "SELECT a FROM t GROUP BY ROLLUP (a, b), GROUPING SETS ((a), ()) ORDER BY a DESC NULLS LAST, 2 ASC",
        "SELECT a FROM t ORDER BY a USING > LIMIT ALL OFFSET 2",
        "SELECT a FROM t ORDER BY a USING < NULLS FIRST, b OFFSET 5 ROWS",
        "SELECT a FROM t GROUP BY GROUPING SETS (a, (a, b), ROLLUP (c), CUBE (d, e), ())",
        "SELECT a FROM t WHERE j IS NOT JSON OBJECT WITH UNIQUE KEYS AND s IS NFC NORMALIZED AND x IS DOCUMENT",
        "SELECT a FROM t JOIN u ON t.id = u.id, LATERAL unnest(u.ids) AS i",
        "SELECT a FROM t CROSS JOIN u NATURAL JOIN v JOIN w USING (id) LEFT JOIN x ON true NATURAL LEFT JOIN y",
        "SELECT sum(a) OVER (w ORDER BY b), sum(a) OVER (w) FROM t WINDOW w AS (PARTITION BY c)",
        "SELECT sum(a) OVER (ORDER BY b RANGE BETWEEN INTERVAL '1 day' PRECEDING AND 2 FOLLOWING EXCLUDE NO OTHERS) FROM t",
        "SELECT sum(a) OVER (ORDER BY b GROUPS CURRENT ROW EXCLUDE CURRENT ROW), count(*) OVER () FROM t",
    ])
    func readsValidForms(sql: String) {
        _ = parseClean(sql)
    }

    @Test(arguments: [
        "SELECT a FROM t WHERE a:b::string = 'x' AND c LIKE ANY ('a%', 'b%')",
        "SELECT a FROM t WHERE f(input => parse_json(b)) AND $var = 1 AND {'a': 1} IS NOT NULL",
        "SELECT a FROM t WHERE end = 1 AND limit > 0",
        "SELECT a FROM t JOIN u, LATERAL FLATTEN(input => u.ids) f JOIN v",
    ])
    func readsSnowflakeForms(sql: String) {
        _ = parseClean(sql, dialect: .snowflake)
    }

    /// A statement word opening a line after a complete condition starts the next statement: its `;` is missing,
    /// and the statement after it is read, not swallowed by the condition.
    @Test func aMissingSemicolonAfterACondition() {
        let marked = "SELECT a FROM t WHERE a = 11️⃣\nGRANT SELECT ON t TO u;"
        expectDiagnostics(marked, rules: syntax, expected: [("1️⃣", Rule.sqlSyntax.id)])
        let parsed = SQLParser.parse(MarkedText(marked).text, dialect: .redshift)
        #expect(parsed.statements.map(\.leadingKeyword) == ["SELECT", "GRANT"])
        if case .grant = parsed.statements.last?.kind {} else { Issue.record("the GRANT is read") }
    }

    /// 3,000 nested parentheses and CASE levels inside WHERE: a diagnostic, no crash, and the next statement
    /// still parses.
    @Test func deepNestingInAConditionIsBounded() {
        let depth = 3_000
        for nested in [
            String(repeating: "(", count: depth) + "1" + String(repeating: ")", count: depth),
            String(repeating: "CASE WHEN a THEN ", count: depth) + "1" + String(repeating: " END", count: depth),
            String(repeating: "NOT ", count: depth) + "a",
        ] {
            let parsed = SQLParser.parse("SELECT a FROM t WHERE \(nested); GRANT SELECT ON t TO u;", dialect: .redshift)
            #expect(parsed.statements.count == 2)
            #expect(parsed.diagnostics.count <= 1)
            if case .grant = parsed.statements.last?.kind {} else { Issue.record("the next statement still parses") }
        }
    }

    /// A long chain of operators is read without recursion growing with it.
    @Test func longOperatorChainsAreCheap() {
        let chain = (0..<100_000).map { "a\($0) = \($0)" }.joined(separator: " AND ")
        #expect(SQLParser.parse("SELECT a FROM t WHERE \(chain)", dialect: .redshift).diagnostics.isEmpty)
    }
}

/// Recovery inside one statement: each mistake is one diagnostic, and parsing goes on after it.
@Suite("Recovery inside a statement")
struct StatementRecoveryTests {
    private let syntax = Set([Rule.sqlSyntax.id])

    @Test func threeMistakesInThreeClausesAreThreeDiagnostics() {
        let marked = "SELECT a 1️⃣b(x) FROM 2️⃣WHERE a = 3️⃣= 1 ORDER BY c"
        expectDiagnostics(
            marked, rules: syntax, expected: ["1️⃣", "2️⃣", "3️⃣"].map { ($0, Rule.sqlSyntax.id) })
        let parsed = SQLParser.parse(MarkedText(marked).text, dialect: .redshift)
        #expect(
            parsed.diagnostics.map(\.message) == [
                "missing ',' between select items: 'b' starts another item",
                "expected a table name after FROM, found 'WHERE'", "expected an expression after '=', found '='",
            ])
        guard let statement = parsed.statements.first else { return }
        if case .invalid = statement.kind {} else { Issue.record("a statement with mistakes is invalid") }
        #expect(statement.syntax.text == statement.text)
        #expect(statement.syntax.leaves.filter(\.isMissing).count == 3)
    }

    @Test func aMissingCommaAndATrailingCommaInOneList() {
        let marked = "SELECT a 1️⃣b(x), c2️⃣, FROM t WHERE d =3️⃣"
        expectDiagnostics(marked, rules: syntax, expected: ["1️⃣", "2️⃣", "3️⃣"].map { ($0, Rule.sqlSyntax.id) })
    }

    @Test func twoAlterColumnsWithoutType() {
        let marked = "ALTER TABLE t ALTER COLUMN c 1️⃣varchar(10), ALTER COLUMN d 2️⃣int"
        expectDiagnostics(marked, rules: syntax, expected: [("1️⃣", Rule.sqlSyntax.id), ("2️⃣", Rule.sqlSyntax.id)])
        let statement = SQLParser.parse(MarkedText(marked).text, dialect: .redshift).statements.first
        #expect(statement?.syntax.leaves.filter(\.isMissing).map(\.token.text) == ["TYPE", "TYPE"])
    }

    /// A `)` missing before a clause word is synthesised and the clause after it is read.
    @Test func aMissingParenthesisBeforeAClause() {
        let marked = "SELECT a FROM t WHERE a IN (1, 2 1️⃣ORDER BY a +2️⃣"
        expectDiagnostics(marked, rules: syntax, expected: [("1️⃣", Rule.sqlSyntax.id), ("2️⃣", Rule.sqlSyntax.id)])
        let parsed = SQLParser.parse(MarkedText(marked).text, dialect: .redshift)
        #expect(parsed.diagnostics.first?.message == "expected ')' to close the '(' at 1:28, found 'ORDER'")
        #expect(parsed.statements.first?.syntax.leaves.filter(\.isMissing).map(\.token.text).first == ")")
    }

    /// Tokens after a mistake up to the next clause are one unexpected node under the missing token: one
    /// diagnostic, no cascade, and the clause after them is read.
    @Test func unexpectedTokensUpToTheNextClause() {
        let marked = "SELECT a FROM t WHERE a = 1️⃣= 1 AND b c d GROUP BY a HAVING2️⃣"
        expectDiagnostics(marked, rules: syntax, expected: [("1️⃣", Rule.sqlSyntax.id), ("2️⃣", Rule.sqlSyntax.id)])
        let statement = SQLParser.parse(MarkedText(marked).text, dialect: .redshift).statements.first
        let unexpected = statement?.syntax.descendants.filter { $0.kind == .unexpected }.map(\.text)
        #expect(unexpected == ["= 1 AND b c d"])
    }

    /// The typo review still replaces the grammar's errors with its own finding.
    @Test func typoReviewStillFires() {
        expectDiagnostics(
            "SELECT a FROM t 1️⃣GROUPBY1", rules: [Rule.sqlRunTogetherKeywords.id, Rule.sqlSyntax.id],
            expected: [("1️⃣", Rule.sqlRunTogetherKeywords.id)])
        expectDiagnostics(
            "1️⃣SELECTa FROM t WHERE b = 1", rules: [Rule.sqlRunTogetherKeywords.id, Rule.sqlSyntax.id],
            expected: [("1️⃣", Rule.sqlRunTogetherKeywords.id)])
    }
}
