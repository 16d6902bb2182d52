import RunbookDiagnostics
import RunbookSQL
import RunbookTestSupport
import Testing

import struct RunbookDiagnostics.SourceLocation

@Suite("Lexer")
struct LexerTests {
    private func kinds(_ text: String, dialect: SQLDialect = .redshift) -> [TokenKind] {
        SQLLexer.tokenize(text, dialect: dialect).filter { $0.kind != .whitespace }.map(\.kind)
    }

    @Test(arguments: [
        "GRANT SELECT ON t TO ROLE r; -- done\n",
        "select 'it''s', \"a\"\"b\", $$body$$, $tag$ x $tag$, 1.5e3, .5, a::int /* c */ \\connect db\n",
        "CREATE USER \"Ünï\" PASSWORD 'Pässwörd1'; <schema-name>.<table-name> ${var} $1 :v :'v' :\"v\"",
        "a\0b\u{7}c",
        "'unterminated",
    ])
    func tokensCoverEveryByte(text: String) {
        for dialect in SQLDialect.allCases {
            let tokens = SQLLexer.tokenize(text, dialect: dialect)
            #expect(tokens.map(\.text).joined() == text)
            var offset = 0
            for token in tokens {
                #expect(token.offsets.lowerBound == offset)
                offset = token.offsets.upperBound
            }
            #expect(offset == text.utf8.count)
        }
    }

    @Test func recognisesEachKind() {
        #expect(kinds("GRANT") == [.word])
        #expect(kinds("\"a\"\"b\"") == [.quotedIdentifier])
        #expect(kinds("'it''s'") == [.string])
        #expect(kinds("E'it\\'s'", dialect: .postgres) == [.string])
        #expect(kinds("$$x$$ $tag$ y; $tag$") == [.dollarString, .dollarString])
        #expect(kinds("42 3.14 1e10") == [.number, .number, .number])
        #expect(kinds("; , ( ) . :: = *") == Array(repeating: .punctuation, count: 8))
        #expect(kinds("-- note") == [.lineComment])
        #expect(kinds("/* a */") == [.blockComment])
        #expect(kinds("\\connect segment_workspace") == [.metaCommand])
        #expect(kinds("\\!") == [.metaCommand])
        #expect(kinds("<name> ${var} $1 :var :'var'") == Array(repeating: .placeholder, count: 5))
        #expect(kinds("a<b") == [.word, .punctuation, .word])
    }

    @Test func stringValues() throws {
        let tokens = SQLLexer.tokenize("'it''s' E'a\\'b' $q$x'y$q$", dialect: .postgres).filter { !$0.isTrivia }
        #expect(tokens.map(\.stringValue) == ["it's", "a'b", "x'y"])
    }

    @Test func nestedCommentsOnlyInPostgres() {
        #expect(kinds("/* a /* b */ c */", dialect: .postgres) == [.blockComment])
        #expect(kinds("/* a /* b */ c */", dialect: .redshift) == [.blockComment, .word, .punctuation])
    }

    @Test func positionsAreBlockRelative() throws {
        let tokens = SQLLexer.tokenize("--c\n  GRANT é", dialect: .redshift)
        let grant = try #require(tokens.first { $0.text == "GRANT" })
        #expect(grant.range.start == SourceLocation(line: 2, column: 3))
        #expect(grant.range.end == SourceLocation(line: 2, column: 8))
        let word = try #require(tokens.last)
        #expect(word.range.end == SourceLocation(line: 2, column: 11))
    }

    @Test(arguments: [
        ("x 1️⃣'abc", "string literal"),
        ("x 1️⃣\"abc", "quoted identifier"),
        ("x 1️⃣/* abc", "block comment"),
        ("x 1️⃣$body$ abc", "dollar-quoted string"),
    ])
    func unterminatedTokens(marked: String, what: String) throws {
        let text = MarkedText(marked)
        let (tokens, diagnostics) = SQLLexer.lex(text.text, dialect: .postgres)
        #expect(tokens.last?.kind == .error)
        let diagnostic = try #require(diagnostics.first)
        #expect(diagnostics.count == 1)
        #expect(diagnostic.rule == Rule.sqlUnterminated.id)
        #expect(diagnostic.range.start == text["1️⃣"])
        #expect(diagnostic.message.contains(what))
    }

    /// A block is lexed once and handed from stage to stage in its dialect; another dialect lexes it again,
    /// because the lexers differ (here Redshift's backslash escapes against PostgreSQL's standard strings).
    @Test func lexedBlockIsReusedOnlyInItsOwnDialect() {
        let text = "SELECT 'it\\'s' AS a;\nGRANT SELECT ON t TO ROLE r;"
        let redshift = LexedBlock(text, dialect: .redshift)
        #expect(redshift.lexed(in: .redshift).tokens == SQLLexer.tokenize(text, dialect: .redshift))
        let postgres = redshift.lexed(in: .postgres)
        #expect(postgres.dialect == .postgres)
        #expect(postgres.tokens == SQLLexer.tokenize(text, dialect: .postgres))
        #expect(postgres.tokens != redshift.tokens)
        for dialect in SQLDialect.allCases {
            #expect(SQLParser.parse(LexedBlock(text, dialect: dialect)) == SQLParser.parse(text, dialect: dialect))
        }
    }

    /// The classifier takes over the tokens it is given when the block's dialect lexes alike, and hands back
    /// the block as it lexed it, for the parser.
    @Test func classifierHandsOnTheBlockInItsDialect() {
        let text = "GRANT SELECT ON t TO r;"
        var lexed: LexedBlock? = LexedBlock(text, dialect: .redshift)
        let classification = SQLBlockClassifier.classify(
            text: text, fenceLanguage: "postgresql", defaultDialect: .redshift, lexed: &lexed)
        #expect(
            classification
                == SQLBlockClassifier.classify(text: text, fenceLanguage: "postgresql", defaultDialect: .redshift))
        #expect(lexed?.dialect == .postgres)
        #expect(lexed?.tokens == SQLLexer.tokenize(text, dialect: .postgres))
    }
}
