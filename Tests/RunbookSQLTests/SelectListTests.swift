import RunbookDiagnostics
import RunbookSQL
import RunbookTestSupport
import Testing

/// The select list is read item by item with the expression parser: each item an expression with its alias, or a
/// wildcard. A missing `,` between items, a trailing `,` before FROM and a mistake inside an item are each one
/// finding, and the items after them are still checked.
@Suite("Select list")
struct SelectListTests {
    private let syntax = Set([Rule.sqlSyntax.id])

    /// Five independent mistakes in one list: each reported once, at its place.
    @Test func everyMistakeInTheListIsReportedOnce() {
        let marked = "SELECT a 1️⃣b(x), c +2️⃣, d = 3️⃣= 1, e AS f 4️⃣g5️⃣, FROM t"
        expectDiagnostics(marked, rules: syntax, expected: ["1️⃣", "2️⃣", "3️⃣", "4️⃣", "5️⃣"].map { ($0, Rule.sqlSyntax.id) })
        let parsed = SQLParser.parse(MarkedText(marked).text, dialect: .redshift)
        #expect(
            parsed.diagnostics.map(\.message) == [
                "missing ',' between select items: 'b' starts another item",
                "expected an expression after '+', found ','",
                "expected an expression after '=', found '='",
                "missing ',' between select items: 'g' starts another item",
                "trailing ',' before FROM: Redshift expects another select item",
            ])
        guard let statement = parsed.statements.first else { return }
        #expect(statement.syntax.text == statement.text)
        #expect(statement.syntax.leaves.filter(\.isMissing).map(\.token.text) == [",", "", "", ","])
    }

    /// Snowflake accepts the trailing comma, not the missing one; PostgreSQL names itself in the trailing comma's
    /// message.
    @Test func theTrailingCommaPerDialect() {
        expectDiagnostics(
            "SELECT a 1️⃣b(x), c, FROM t", rules: syntax, expected: [("1️⃣", Rule.sqlSyntax.id)], dialect: .snowflake)
        let marked = "SELECT a, b2️⃣, FROM t"
        expectDiagnostics(marked, rules: syntax, expected: [("2️⃣", Rule.sqlSyntax.id)], dialect: .postgres)
        #expect(
            SQLParser.parse(MarkedText(marked).text, dialect: .postgres).diagnostics.map(\.message) == [
                "trailing ',' before FROM: PostgreSQL expects another select item"
            ])
    }

    /// An item missing between two commas, or before the first, is an expression missing where one belongs.
    @Test(arguments: [
        ("SELECT 1️⃣, a FROM t", "expected an expression after SELECT, found ','"),
        ("SELECT a, 1️⃣, b FROM t", "expected an expression after ',', found ','"),
        ("SELECT a, CASE WHEN b THEN 1 1️⃣FROM t", "expected END to close the CASE at 1:11, found 'FROM'"),
        ("SELECT a AS 1️⃣, b FROM t", "expected an alias after AS, found ','"),
    ])
    func aMissingItem(marked: String, message: String) {
        expectDiagnostics(marked, rules: syntax, expected: [("1️⃣", Rule.sqlSyntax.id)])
        #expect(SQLParser.parse(MarkedText(marked).text, dialect: .redshift).diagnostics.map(\.message) == [message])
    }

    /// A mistake inside an item resumes at the next item: the missing comma after it is still found.
    @Test func aMistakeInAnItemDoesNotHideTheNext() {
        let marked = "SELECT f(a, 1️⃣), x IS 2️⃣3, y z 3️⃣w FROM t"
        expectDiagnostics(marked, rules: syntax, expected: ["1️⃣", "2️⃣", "3️⃣"].map { ($0, Rule.sqlSyntax.id) })
    }

    /// Snowflake's wildcard options, after `*` and after `t.*`.
    @Test(arguments: [
        "SELECT * EXCLUDE (a, b) RENAME (c AS d, e AS f) FROM t",
        "SELECT * EXCLUDE a, b FROM t",
        "SELECT t.* ILIKE 'a%' REPLACE (upper(b) AS b) FROM t",
        "SELECT * RENAME c AS d, t.* EXCLUDE (x) REPLACE (x + 1 AS y) RENAME y AS z FROM t",
        "SELECT limit AS l, offset AS o, 1 AS window FROM t",
    ])
    func snowflakeWildcards(sql: String) {
        _ = parseClean(sql, dialect: .snowflake)
    }

    @Test func wildcardMistakes() {
        expectDiagnostics(
            "SELECT * EXCLUDE (a) 1️⃣b, t.* RENAME c 2️⃣d FROM t", rules: syntax,
            expected: [("1️⃣", Rule.sqlSyntax.id), ("2️⃣", Rule.sqlSyntax.id)], dialect: .snowflake)
        // Redshift and PostgreSQL have no wildcard options.
        for dialect in [SQLDialect.redshift, .postgres] {
            let marked = "SELECT * 1️⃣EXCLUDE (a), b 2️⃣c(x) FROM t"
            expectDiagnostics(
                marked, rules: syntax, expected: [("1️⃣", Rule.sqlSyntax.id), ("2️⃣", Rule.sqlSyntax.id)],
                dialect: dialect)
            #expect(
                SQLParser.parse(MarkedText(marked).text, dialect: dialect).diagnostics.first?.message
                    == "expected ',' or FROM after '*', found 'EXCLUDE'")
        }
    }

    /// What follows a select item must end it: anything else is a mistake at its position, once per item, and
    /// the items after it are still read (OVER after a plain name, a string after an alias, an operator after
    /// AS's alias, a misspelt WITHIN GROUP, a misspelt UNION read as an alias).
    @Test func whatNoItemReadsIsAMistake() {
        expectDiagnostics(
            """
            SELECT x 1️⃣OVER (PARTITION BY y ORDER BY z) AS r, a 2️⃣'text', b AS c 3️⃣+ (SELECT max(v) FROM u) FROM t;
            SELECT percentile_disc(0.5) 4️⃣within grop (ORDER BY qty) FROM t;
            SELECT t1.revenue 5️⃣unin SELECT t2.revenue;
            """,
            rules: [Rule.sqlSyntax.id, Rule.sqlMisspeltKeyword.id],
            expected: [
                ("1️⃣", Rule.sqlSyntax.id), ("2️⃣", Rule.sqlSyntax.id), ("3️⃣", Rule.sqlSyntax.id),
                ("4️⃣", Rule.sqlSyntax.id), ("5️⃣", Rule.sqlMisspeltKeyword.id),
            ])
    }

    /// Subqueries nested 3,000 deep in the select list: the nesting bound's diagnostic, no stack overflow, and the
    /// next statement is read.
    @Test func deepSubqueriesInTheSelectList() {
        let depth = 3_000
        let text =
            String(repeating: "SELECT (", count: depth) + "1" + String(repeating: ")", count: depth)
            + "; GRANT SELECT ON t TO u;"
        let parsed = SQLParser.parse(text, dialect: .redshift)
        #expect(parsed.diagnostics.map(\.rule) == [Rule.sqlNestingTooDeep.id])
        #expect(parsed.diagnostics.first?.range.start.line == 1)
        if case .grant = parsed.statements.last?.kind {} else { Issue.record("the next statement still parses") }
    }
}
