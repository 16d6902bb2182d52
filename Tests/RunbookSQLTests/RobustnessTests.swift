import RunbookDiagnostics
import RunbookSQL
import Testing
import struct RunbookDiagnostics.SourceLocation

#if canImport(Glibc)
import Glibc
#endif

/// Hostile input: a diagnostic, never a crash or a hang.
@Suite("Robustness")
struct RobustnessTests {
    private func seconds(_ body: () -> Void) -> Double {
        let clock = ContinuousClock()
        let elapsed = clock.measure(body)
        return Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
    }

    @Test(arguments: ["SELECT 'abc", "SELECT \"abc", "SELECT /* abc", "DO $fn$ BEGIN"])
    func unterminatedIsOneDiagnostic(text: String) {
        for dialect in SQLDialect.allCases {
            let parsed = SQLParser.parse(text, dialect: dialect)
            #expect(parsed.diagnostics.map(\.rule) == [Rule.sqlUnterminated.id])
            #expect(parsed.statements.count == 1)
        }
    }

    @Test func nulBytes() {
        let parsed = SQLParser.parse("GRANT\0 SELECT ON t TO u;\0\0;SELECT 1", dialect: .redshift)
        #expect(parsed.statements.count == 3)
        #expect(parsed.diagnostics.count == 2)
        #expect(parsed.diagnostics.allSatisfy { $0.rule == Rule.sqlSyntax.id })
    }

    @Test func oneMegabyteLine() {
        let line = String(repeating: "a + ", count: 250_000) + "'unterminated"
        var parsed: ParsedSQL?
        let time = seconds { parsed = SQLParser.parse("SELECT " + line, dialect: .redshift) }
        #expect(parsed?.diagnostics.map(\.rule) == [Rule.sqlUnterminated.id])
        #expect(time < 10)
        let garbage = String(repeating: "(((\"", count: 1) + String(repeating: "x", count: 1_000_000)
        let parsedGarbage = SQLParser.parse(garbage, dialect: .postgres)
        #expect(!parsedGarbage.diagnostics.isEmpty)
        // Openers that never close must not make the lexer rescan the line.
        for opener in ["${", "<a", ":'", "$a", "E'", "/*", "$$"] {
            let line = String(repeating: opener, count: 200_000)
            let time = seconds { _ = SQLParser.parse(line, dialect: .postgres) }
            #expect(time < 10, "\(opener)")
        }
    }

    @Test func deepNesting() {
        let depth = 3_000
        let text = "SELECT " + String(repeating: "(", count: depth) + "1" + String(repeating: ")", count: depth)
            + "; GRANT SELECT ON t TO u;"
        let parsed = SQLParser.parse(text, dialect: .redshift)
        #expect(parsed.diagnostics.map(\.rule) == [Rule.sqlNestingTooDeep.id])
        #expect(parsed.statements.count == 2)
        if case .grant = parsed.statements.last?.kind {} else { Issue.record("the next statement still parses") }
        let unbalanced = SQLParser.parse("SELECT " + String(repeating: "(", count: depth), dialect: .postgres)
        #expect(unbalanced.diagnostics.count == 1)
        let subqueries = String(repeating: "SELECT * FROM (", count: depth) + "SELECT 1"
            + String(repeating: ")", count: depth)
        #expect(SQLParser.parse(subqueries, dialect: .redshift).diagnostics.map(\.rule)
            == [Rule.sqlNestingTooDeep.id])
    }

    @Test func hundredThousandStatements() {
        let text = String(repeating: "GRANT SELECT ON s.t TO ROLE r;\n", count: 100_000)
        var parsed: ParsedSQL?
        let time = seconds { parsed = SQLParser.parse(text, dialect: .redshift) }
        #expect(parsed?.statements.count == 100_000)
        #expect(parsed?.diagnostics.isEmpty == true)
        // Debug builds are slower; release builds take a fraction of a second.
        #expect(time < 30)
    }
}
