import RunbookDiagnostics
import Testing

@testable import RunbookSQL

/// `sql.alias-like-keyword`: a misspelt keyword that still parses, as an alias, and changes what runs.
@Suite("Names that read as aliases where a keyword was meant")
struct AliasLikeKeywordTests {
    private let rules: Set<RuleID> = [Rule.sqlAliasLikeKeyword.id]

    @Test(arguments: [SQLDialect.redshift, .postgres, .snowflake])
    func aJoinWordMisspeltBeforeJoin(_ dialect: SQLDialect) {
        expectDiagnostics(
            """
            SELECT users.id FROM users 1️⃣lfet JOIN orders o ON o.user_id = users.id;
            SELECT * FROM users u lfet JOIN orders o ON o.user_id = u.id;
            SELECT * FROM users 2️⃣rigth JOIN orders ON orders.user_id = users.id;
            SELECT * FROM (SELECT 1 AS id) 3️⃣inenr JOIN orders ON orders.id = 1;
            SELECT * FROM users AS lfet JOIN orders ON orders.id = lfet.id;
            SELECT * FROM users u LEFT JOIN orders lft ON lft.id = u.id;
            SELECT * FROM users left_users JOIN orders ON orders.id = left_users.id;
            """, rules: rules,
            expected: [
                ("1️⃣", Rule.sqlAliasLikeKeyword.id), ("2️⃣", Rule.sqlAliasLikeKeyword.id),
                ("3️⃣", Rule.sqlAliasLikeKeyword.id),
            ], dialect: dialect)
    }

    @Test func distinctMisspeltBeforeAColumn() {
        expectDiagnostics(
            """
            SELECT 1️⃣distint name FROM users;
            SELECT 2️⃣DISTNCT name, email FROM users;
            SELECT distint AS name FROM users;
            SELECT distinction FROM users;
            SELECT dist name FROM users;
            """, rules: rules,
            expected: [("1️⃣", Rule.sqlAliasLikeKeyword.id), ("2️⃣", Rule.sqlAliasLikeKeyword.id)])
    }

    /// FROM run together with the table's name reads as the last item's alias, and the query reads no table.
    @Test(arguments: [SQLDialect.redshift, .postgres, .snowflake])
    func fromRunTogetherWithTheTable(_ dialect: SQLDialect) {
        expectDiagnostics(
            """
            SELECT name, state 1️⃣FROMstv_mv_info;
            SELECT col1, count(*) 2️⃣FROMt1 GROUP BY 1;
            SELECT * FROM (SELECT partname, price 3️⃣FROMpart) p;
            SELECT a fromage FROM cheese;
            SELECT a AS fromage;
            SELECT extract(year FROM d) AS y, fromdate FROM t;
            SELECT a, from_date FROM t;
            """, rules: rules,
            expected: [
                ("1️⃣", Rule.sqlAliasLikeKeyword.id), ("2️⃣", Rule.sqlAliasLikeKeyword.id),
                ("3️⃣", Rule.sqlAliasLikeKeyword.id),
            ], dialect: dialect)
    }

    @Test func theFromFixItSplitsTheWords() throws {
        let parsed = SQLParser.parse("SELECT a, b FROMusers", dialect: .redshift)
        let found = AliasLikeKeywordCheck().check(parsed.statements, context: SQLCheckContext(dialect: .redshift))
        let finding = try #require(found.first)
        #expect(finding.fixIts.map(\.replacement) == ["FROM users"])
        #expect(finding.message == "'FROMusers' reads as an alias and the query has no FROM; did you mean FROM users?")
    }

    @Test func theFixItWritesTheKeywordInTheWordsCaseAndIsAGuess() throws {
        let parsed = SQLParser.parse(
            "SELECT * FROM a lfet JOIN b ON a.id = b.id; SELECT DISTNCT x FROM a", dialect: .redshift)
        let found = AliasLikeKeywordCheck().check(parsed.statements, context: SQLCheckContext(dialect: .redshift))
        try #require(found.count == 2)
        #expect(found[0].fixIts.map(\.replacement) == ["left"])
        #expect(found[1].fixIts.map(\.replacement) == ["DISTINCT"])
        #expect(found.allSatisfy { $0.fixIts.allSatisfy { $0.applicability == .unsafe } })
        #expect(found.allSatisfy { $0.severity == .warning })
        #expect(found[0].message.contains("alias of 'a'"))
    }

    @Test func theStatementParsesSoOnlyTheCheckSpeaks() {
        let parsed = SQLParser.parse("SELECT * FROM a lfet JOIN b ON a.id = b.id", dialect: .redshift)
        #expect(parsed.diagnostics.isEmpty)
    }
}
