import RunbookDiagnostics
import RunbookDriver
import RunbookTestSupport
import Testing

import struct RunbookDiagnostics.SourceLocation

/// Messages mask a password where they quote it from the statement (the literal's own range), and nowhere
/// else: a password that is also a word of a message, or the user's name, leaves the message whole.
@Suite struct SecretMaskingTests {
    static func diagnostics(_ marked: MarkedText) -> [Diagnostic] {
        RunbookCompiler().compile(path: "t.md", bytes: Array(marked.text.utf8)).diagnostics
    }

    @Test func aPasswordEqualToAWordOrToTheUsersNameLeavesMessagesWhole() {
        let page = MarkedText(
            """
            ## Step 1: Users

            ```sql
            CREATE USER grafanareader PASSWORD 1️⃣'grafanareader';
            CREATE USER bob PASSWORD 2️⃣'password';
            ```
            """)
        let literal = Self.diagnostics(page).filter { $0.rule == Rule.sqlPasswordLiteral.id }
        #expect(literal.map(\.range.start) == [page.location(1), page.location(2)])
        #expect(
            literal.map(\.message) == [
                "the password of 'grafanareader' is hard-coded; pass it as a parameter (for example :'grafanareader_password')",
                "the password of 'bob' is hard-coded; pass it as a parameter (for example :'bob_password')",
            ])
    }

    @Test func aSyntaxErrorAtThePasswordQuotesItMasked() throws {
        let page = MarkedText(
            """
            ## Step 1: Users

            ```sql
            GRANT SELECT ON t TO PASSWORD 1️⃣'Quoted1Secret';
            CREATE USER s2 PASSWORD 'password' 2️⃣'password';
            ```
            """)
        let syntax = Self.diagnostics(page).filter { $0.rule == Rule.sqlSyntax.id }
        #expect(syntax.map(\.range.start) == [page.location(1), page.location(2)])
        let first = try #require(syntax.first)
        #expect(!first.message.contains("Quoted1Secret"))
        #expect(first.message.contains("found ''***''"), "\(first.message)")
        // The second literal is no password (PASSWORD sets the first): quoted as written, though equal to it.
        let second = try #require(syntax.last)
        #expect(second.message.contains("found ''password''"), "\(second.message)")
    }
}
