import RunbookDiagnostics
import RunbookSQL
import RunbookTestSupport
import Testing

import struct RunbookDiagnostics.SourceLocation

/// UNLOAD's query (a string literal) is parsed as a query: a mistake inside it is reported where it is in the
/// string, escapes and lines counted.
@Suite("UNLOAD's query")
struct UnloadQueryTests {
    static let rules: Set<RuleID> = [
        Rule.sqlSyntax.id, Rule.sqlUnknownStatement.id, Rule.sqlRunTogetherKeywords.id,
    ]

    @Test func validQueriesParse() {
        _ = parseClean(
            """
            UNLOAD ('select * from venue where venuestate = ''NV''') TO 's3://b/p' IAM_ROLE 'arn';
            UNLOAD ('with v as (select 1 as a) select a from v') TO 's3://b/p' IAM_ROLE 'arn';
            UNLOAD ($$select * from t where a = 'x'$$) TO 's3://b/p' IAM_ROLE 'arn';
            UNLOAD ('select * from t where a = \\'x\\'') TO 's3://b/p' IAM_ROLE 'arn';
            UNLOAD ('(select 1) union (select 2)') TO 's3://b/p' IAM_ROLE 'arn';
            """)
    }

    @Test func mistakesInsideTheStringAreReportedInPlace() {
        expectDiagnostics(
            """
            UNLOAD ('SELECT * FROM t 1️⃣GROUPBY1') TO 's3://b/p' IAM_ROLE 'arn';
            UNLOAD ('2️⃣selct * from t') TO 's3://b/p' IAM_ROLE 'arn';
            UNLOAD ('select a, ''x''
              from t t2 3️⃣x') TO 's3://b/p' IAM_ROLE 'arn';
            UNLOAD ($$select * from t where a = 'x' 4️⃣from$$) TO 's3://b/p' IAM_ROLE 'arn';
            UNLOAD ('select ''a'' from t 5️⃣from') TO 's3://b/p' IAM_ROLE 'arn';
            UNLOAD ('6️⃣grant select on t to u') TO 's3://b/p' IAM_ROLE 'arn';
            UNLOAD ('7️⃣UNLOAD (''select 1'') TO ''s3://b''') TO 's3://b/p' IAM_ROLE 'arn';
            """, rules: Self.rules,
            expected: [
                ("1️⃣", Rule.sqlRunTogetherKeywords.id), ("2️⃣", Rule.sqlUnknownStatement.id), ("3️⃣", Rule.sqlSyntax.id),
                ("4️⃣", Rule.sqlSyntax.id), ("5️⃣", Rule.sqlSyntax.id), ("6️⃣", Rule.sqlSyntax.id),
                ("7️⃣", Rule.sqlSyntax.id),
            ])
    }

    /// UNLOAD inside UNLOAD's string is refused before it is parsed, so dollar quotes nested 5,000 deep (each
    /// level its own tag) cost one finding, not a recursion per level.
    @Test func nestedUnloadsAreOneFindingWithoutRecursion() throws {
        let depth = 5_000
        var sql = "select 1"
        for level in 0..<depth { sql = "UNLOAD ($t\(level)$\(sql)$t\(level)$) TO 's3://b'" }
        let parsed = SQLParser.parse(sql, dialect: .redshift)
        #expect(parsed.statements.count == 1)
        #expect(parsed.diagnostics.map(\.message) == ["expected a SELECT query inside UNLOAD's string, found 'UNLOAD'"])
    }

    @Test func messagesSayWhereTheMistakeIsAndFixItsPointInsideTheString() throws {
        let marked = MarkedText("UNLOAD ('SELECT * FROM t 1️⃣GROUPBY12️⃣') TO 's3://b/p' IAM_ROLE 'arn'")
        let parsed = SQLParser.parse(marked.text, dialect: .redshift)
        let finding = try #require(parsed.diagnostics.first)
        #expect(parsed.diagnostics.count == 1)
        #expect(finding.message == "in UNLOAD's query: 'GROUPBY1' runs keywords together; did you mean 'GROUP BY 1'?")
        let fixIt = try #require(finding.fixIts.first)
        #expect(fixIt.range == marked.range(1, 2))
        #expect(fixIt.replacement == "GROUP BY 1")
        #expect(
            SQLParser.parse("UNLOAD ('grant select on t to u') TO 's3://b'", dialect: .redshift).diagnostics.map(
                \.message)
                == ["expected a SELECT query inside UNLOAD's string, found 'grant'"])
    }
}
