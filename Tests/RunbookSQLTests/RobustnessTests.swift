import RunbookDiagnostics
import RunbookSQL
import RunbookTestSupport
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
        // Snowflake has only `$$` quotes (and no DO): `$fn$` is not one there.
        for dialect in SQLDialect.allCases where !text.contains("$fn$") || dialect.syntax.contains(.taggedDollarQuotes)
        {
            let parsed = SQLParser.parse(text, dialect: dialect)
            #expect(parsed.diagnostics.map(\.rule) == [Rule.sqlUnterminated.id])
            #expect(parsed.statements.count == 1)
        }
    }

    /// A NUL byte is an error at its position (a run of them is one), and no syntax error cascades from it.
    @Test func nulBytes() {
        let marked = MarkedText("GRANT1️⃣\0 SELECT ON t TO u;2️⃣\0\0;SELECT 1")
        let parsed = SQLParser.parse(marked.text, dialect: .redshift)
        #expect(parsed.statements.count == 3)
        #expect(parsed.diagnostics.map(\.rule) == [Rule.sqlInvalidCharacter.id, Rule.sqlInvalidCharacter.id])
        #expect(parsed.diagnostics.map(\.range.start) == [marked["1️⃣"], marked["2️⃣"]])
        #expect(parsed.diagnostics.last?.range.end.column == marked.location(2).column + 2)
    }

    @Test func oneMegabyteLine() {
        let line = String(repeating: "a + ", count: 250_000) + "'unterminated"
        var parsed: ParsedSQL?
        let time = seconds { parsed = SQLParser.parse("SELECT " + line, dialect: .redshift) }
        #expect(parsed?.diagnostics.map(\.rule) == [Rule.sqlUnterminated.id])
        #expect(time < 40)
        let garbage = String(repeating: "(((\"", count: 1) + String(repeating: "x", count: 1_000_000)
        let parsedGarbage = SQLParser.parse(garbage, dialect: .postgres)
        #expect(!parsedGarbage.diagnostics.isEmpty)
        // Openers that never close must not make the lexer rescan the line.
        for opener in ["${", "<a", ":'", "$a", "E'", "/*", "$$"] {
            let line = String(repeating: opener, count: 200_000)
            let time = seconds { _ = SQLParser.parse(line, dialect: .postgres) }
            #expect(time < 40, "\(opener)")
        }
    }

    @Test func deepNesting() {
        let depth = 3_000
        let text =
            "SELECT " + String(repeating: "(", count: depth) + "1" + String(repeating: ")", count: depth)
            + "; GRANT SELECT ON t TO u;"
        let parsed = SQLParser.parse(text, dialect: .redshift)
        #expect(parsed.diagnostics.map(\.rule) == [Rule.sqlNestingTooDeep.id])
        #expect(parsed.statements.count == 2)
        if case .grant = parsed.statements.last?.kind {} else { Issue.record("the next statement still parses") }
        let unbalanced = SQLParser.parse("SELECT " + String(repeating: "(", count: depth), dialect: .postgres)
        #expect(unbalanced.diagnostics.count == 1)
        let subqueries =
            String(repeating: "SELECT * FROM (", count: depth) + "SELECT 1"
            + String(repeating: ")", count: depth)
        #expect(
            SQLParser.parse(subqueries, dialect: .redshift).diagnostics.map(\.rule)
                == [Rule.sqlNestingTooDeep.id])
    }

    /// CASE in the select list is read by the expression parser, each level counting toward the nesting bound as in
    /// WHERE: valid and unclosed within the bound, a diagnostic with a position past it, never a stack overflow.
    @Test func deepCase() {
        func nested(_ depth: Int, closed: Bool = true) -> String {
            "SELECT " + String(repeating: "CASE WHEN a THEN ", count: depth) + "1"
                + (closed ? String(repeating: " END", count: depth) + " AS x" : "") + " FROM t; GRANT SELECT ON t TO u;"
        }
        var parsed: ParsedSQL?
        let time = seconds { parsed = SQLParser.parse(nested(150), dialect: .redshift) }
        #expect(parsed?.diagnostics.isEmpty == true)
        #expect(parsed?.statements.count == 2)
        #expect(time < 40)
        let unclosed = SQLParser.parse(nested(150, closed: false), dialect: .redshift).diagnostics
        #expect(unclosed.map(\.rule) == [Rule.sqlSyntax.id])
        #expect(unclosed.first?.message.hasPrefix("expected END to close the CASE at 1:") == true)
        for text in [nested(3_000), nested(3_000, closed: false)] {
            let deep = SQLParser.parse(text, dialect: .redshift)
            #expect(deep.diagnostics.map(\.rule) == [Rule.sqlNestingTooDeep.id])
            #expect(deep.diagnostics.first?.range.start.line == 1)
            if case .grant = deep.statements.last?.kind {} else { Issue.record("the next statement still parses") }
        }
        let parenthesised =
            "SELECT " + String(repeating: "(CASE WHEN a THEN ", count: 3_000) + "1"
            + String(repeating: " END)", count: 3_000)
        #expect(
            SQLParser.parse(parenthesised, dialect: .redshift).diagnostics.map(\.rule) == [Rule.sqlNestingTooDeep.id])
    }

    /// One statement of a megabyte: a select list of 100,000 items, then the same with its last comma missing.
    @Test func oneMegabyteStatement() {
        let items = (0..<100_000).map { "column_\($0)" }
        let text = "SELECT " + items.joined(separator: ", ") + " FROM t"
        #expect(text.utf8.count > 1_000_000)
        var parsed: ParsedSQL?
        let time = seconds { parsed = SQLParser.parse(text, dialect: .redshift) }
        #expect(parsed?.diagnostics.isEmpty == true)
        #expect(time < 40)
        let broken =
            "SELECT " + items.dropLast().joined(separator: ", ") + " alias " + items[items.count - 1] + " FROM t"
        let diagnostics = SQLParser.parse(broken, dialect: .redshift).diagnostics
        #expect(diagnostics.map(\.message) == ["missing ',' between select items: 'column_99999' starts another item"])
    }

    /// 100,000 statements with every `;` missing: each is read, one finding each, in linear time.
    @Test func hundredThousandStatementsRunTogether() {
        let text = String(repeating: "GRANT SELECT ON s.t TO ROLE r\n", count: 100_000)
        var parsed: ParsedSQL?
        let time = seconds { parsed = SQLParser.parse(text, dialect: .redshift) }
        #expect(parsed?.statements.count == 100_000)
        #expect(parsed?.diagnostics.count == 99_999)
        // A sanity bound only (debug build, shared machine); `make bench` measures.
        #expect(time < 180)
    }

    @Test func unterminatedDollarQuoteInAProcedure() throws {
        let text = "CREATE PROCEDURE p() AS $$\nBEGIN\n  SELECT 1;\nEND;\nLANGUAGE plpgsql;\nGRANT SELECT ON t TO u;"
        let parsed = SQLParser.parse(text, dialect: .redshift)
        let diagnostic = try #require(parsed.diagnostics.first)
        #expect(parsed.diagnostics.count == 1)
        #expect(diagnostic.rule == Rule.sqlUnterminated.id)
        #expect(diagnostic.range.start == SourceLocation(line: 1, column: 25))
    }

    @Test func hundredThousandStatements() {
        let text = String(repeating: "GRANT SELECT ON s.t TO ROLE r;\n", count: 100_000)
        var parsed: ParsedSQL?
        let time = seconds { parsed = SQLParser.parse(text, dialect: .redshift) }
        #expect(parsed?.statements.count == 100_000)
        #expect(parsed?.diagnostics.isEmpty == true)
        // A bound against quadratic work, not a timing: debug builds on a loaded 2-core machine take tens of
        // seconds (make bench measures release builds).
        #expect(time < 120)
    }
}

/// Deterministic random input from SQL's special characters: the lexer covers every byte, statements
/// rebuild from their tokens, and nothing crashes.
@Suite("Fuzz")
struct FuzzTests {
    private static let alphabet: [String] = [
        "'", "\"", "$", "$$", "$a$", "-", "--", "/", "/*", "*/", "*", "\\", ":", "::", ";", "<", ">", "<a>", "(", ")",
        "{", "}", "${", "[", "]", ".", ",", " ", "\n", "\t", "a", "E", "e'", "0", "1.5", "_", "\0", "é", "GRANT",
        "SELECT", "FROM", "ON", "TO", "ROLE", "WITH", "CREATE", "USER", "PASSWORD", "ALTER", "DEFAULT", "PRIVILEGES",
    ]

    @Test func randomInput() {
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        func next(_ bound: Int) -> Int {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int((state >> 33) % UInt64(bound))
        }
        for _ in 0..<2_000 {
            let text = (0..<next(60)).map { _ in Self.alphabet[next(Self.alphabet.count)] }.joined()
            for dialect in SQLDialect.allCases {
                let tokens = SQLLexer.tokenize(text, dialect: dialect)
                #expect(tokens.map(\.text).joined() == text)
                let parsed = SQLParser.parse(text, dialect: dialect)
                for statement in parsed.statements {
                    #expect(statement.tokens.map(\.text).joined() == statement.text)
                    #expect(statement.offsets.upperBound <= text.utf8.count)
                }
                _ = SQLChecks.run(parsed.statements, context: SQLCheckContext(dialect: dialect))
                for statement in parsed.statements {
                    _ = PostgresTranslator.translate(statement)
                    _ = SQLRewriter.render(statement, identifiers: ["a": "b"], password: { _ in ":'p'" })
                }
                _ = SQLBlockClassifier.classify(text: text, fenceLanguage: "sql", defaultDialect: dialect)
            }
        }
    }
}
