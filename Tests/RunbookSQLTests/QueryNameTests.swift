import RunbookDiagnostics
import RunbookSQL
import RunbookTestSupport
import Testing

import struct RunbookDiagnostics.SourceLocation

/// Names a query uses but never defines: a qualifier that is no table, alias or CTE, and `GROUP BY n` that
/// points past the select list or at an aggregate.
@Suite("Names a query uses")
struct QueryNameTests {
    static let rules: Set<RuleID> = [Rule.sqlUnknownQualifier.id, Rule.sqlGroupByPosition.id, Rule.sqlSyntax.id]

    @Test func aQualifierNoTableAliasOrCTEDefines() throws {
        let sql = """
            SELECT 1️⃣usr.id, u.email FROM users u WHERE 2️⃣uers.id > 0 AND usr.id < 9;
            WITH recent AS (SELECT * FROM events) SELECT recent.id, 3️⃣recnt.id FROM recent;
            UPDATE accounts a SET owner = o.name FROM owners o WHERE a.owner_id = 4️⃣own.id;
            """
        expectDiagnostics(
            sql, rules: Self.rules,
            expected: [
                ("1️⃣", Rule.sqlUnknownQualifier.id), ("2️⃣", Rule.sqlUnknownQualifier.id),
                ("3️⃣", Rule.sqlUnknownQualifier.id), ("4️⃣", Rule.sqlUnknownQualifier.id),
            ])
        let marked = MarkedText(sql)
        let parsed = SQLParser.parse(marked.text, dialect: .redshift)
        let found = UnknownQualifierCheck().check(parsed.statements, context: SQLCheckContext(dialect: .redshift))
        let recnt = try #require(found.first { $0.range.start == marked["3️⃣"] })
        #expect(recnt.message == "'recnt' is no table, alias or CTE of this statement; did you mean 'recent'?")
        // A guess, and said to be one.
        #expect(recnt.fixIts.map(\.replacement) == ["recent"])
        #expect(recnt.fixIts.first?.applicability == .unsafe)
        #expect(recnt.fixIts.first?.message.contains("a guess") == true)
        // `usr` is reported once, at its first use; `users` has an alias, so it is never the suggestion.
        #expect(found.filter { $0.range.start == marked["1️⃣"] }.count == 1)
        #expect(found.first { $0.range.start == marked["1️⃣"] }?.fixIts.map(\.replacement) != ["users"])
    }

    /// What defines a qualifier: table names (any part), aliases with or without AS, subquery and table
    /// function aliases, CTEs with column lists, an outer query's alias inside a subquery; and what is no
    /// qualifier: schema-qualified functions, casts to qualified types, Snowflake sequences and paths.
    @Test func namesTheStatementDefinesOrThatAreNoQualifier() {
        let sql = """
            SELECT public.users.id, users.name, x.n, f.value, c.total, s.id FROM public.users
              JOIN (SELECT 1 AS n) x ON true, LATERAL unnest(ARRAY[1]) f, counts AS c, shop s;
            WITH t (a, b) AS (SELECT 1, 2) SELECT t.a FROM t WHERE EXISTS (SELECT 1 FROM u WHERE u.id = t.b);
            SELECT pg_catalog.has_table_privilege('t', 'SELECT'), x::public.citext, EXCLUDED.a FROM t;
            INSERT INTO log (id) SELECT e.id FROM events AS e;
            DELETE FROM orders o USING customers c2 WHERE o.customer = c2.id;
            CREATE TABLE events_copy (LIKE public.events);
            CREATE TABLE sales_copy (id int, LIKE analytics.sales INCLUDING DEFAULTS);
            """
        expectDiagnostics(sql, rules: Self.rules, expected: [])
        // After a value, LIKE is the operator and what follows it a value: its qualifier must be defined.
        expectDiagnostics(
            "SELECT * FROM users u WHERE u.name LIKE 1️⃣usr.pattern;", rules: Self.rules,
            expected: [("1️⃣", Rule.sqlUnknownQualifier.id)])
        expectDiagnostics(
            "SELECT my_seq.NEXTVAL, v:customer.name, t.$1 FROM t, @stage s;", rules: Self.rules, expected: [],
            dialect: .snowflake)
    }

    @Test func groupByPositions() throws {
        let sql = """
            SELECT region, COUNT(*) FROM sales GROUP BY 1, 2️⃣2;
            SELECT region, city FROM sales GROUP BY 1, 2, 3️⃣3;
            SELECT region, (SELECT MAX(id) FROM t), SUM(x) OVER () FROM sales GROUP BY 1, 2, 4️⃣3;
            SELECT * FROM sales GROUP BY 1, 2, 3;
            SELECT a, b FROM t GROUP BY ROLLUP (1, 2);
            SELECT a, COUNT(*) FROM t GROUP BY 1 UNION SELECT b, 5️⃣COUNT(*) FROM u GROUP BY 6️⃣2;
            """
        expectDiagnostics(
            sql.replacingOccurrences(of: "5️⃣", with: ""), rules: Self.rules,
            expected: [
                ("2️⃣", Rule.sqlGroupByPosition.id), ("3️⃣", Rule.sqlGroupByPosition.id),
                ("4️⃣", Rule.sqlGroupByPosition.id), ("6️⃣", Rule.sqlGroupByPosition.id),
            ])
        let marked = MarkedText(sql.replacingOccurrences(of: "5️⃣", with: ""))
        let found = GroupByPositionCheck().check(
            SQLParser.parse(marked.text, dialect: .postgres).statements, context: SQLCheckContext(dialect: .postgres))
        let aggregate = try #require(found.first { $0.range.start == marked["2️⃣"] })
        #expect(
            aggregate.message
                == "GROUP BY 2 names the select list's item 2, 'COUNT(*)', which calls COUNT: a query cannot group by "
                + "an aggregate or window function")
        let past = try #require(found.first { $0.range.start == marked["3️⃣"] })
        #expect(past.message == "GROUP BY 3 names the select list's item 3, but the list has 2 items")
    }
}
