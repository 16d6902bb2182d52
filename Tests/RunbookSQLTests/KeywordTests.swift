import RunbookDiagnostics
import RunbookSQL
import Testing

/// Keywords compare ASCII case-insensitively with their spelling, whatever the length of the word, and messages
/// spell them in upper case.
@Suite("Keywords")
struct KeywordTests {
    @Test func statementWordsInAnyCase() {
        #expect(["select", "SELECT", "SeLeCt", "vacuum"].allSatisfy { SQLBlockClassifier.isStatementWord($0) })
        #expect(!SQLBlockClassifier.isStatementWord("selects"))
        #expect(!SQLBlockClassifier.isStatementWord("sel"))
        #expect(!SQLBlockClassifier.isStatementWord("from"), "a keyword that opens no statement")
        #expect(!SQLBlockClassifier.isStatementWord("select_" + String(repeating: "x", count: 40)))
        // Not ASCII: the long s upper-cases to S in Unicode, but no engine reads it as a keyword.
        #expect(!SQLBlockClassifier.isStatementWord("\u{17F}elect"))
    }

    /// Words of the grammar in lower and mixed case, and names that only start like one.
    @Test func keywordsInAnyCaseAndNamesThatLookLikeThem() {
        _ = parseClean("select a from t where b is not null order by a desc nulls last limit 3")
        _ = parseClean("SeLeCt a FrOm t WhErE b BeTwEeN 1 AnD 2")
        _ = parseClean("SELECT fromage, selection, order_id FROM orders_from_2024 AS wherever")
        _ = parseClean("GRANT ASSUMEROLE ON 'arn:aws:iam::1:role/r' TO u FOR COPY")
    }

    /// The words the engine evidence looks for, with underscores (`DEFAULT_WAREHOUSE = w`), in lower case.
    @Test func snowflakePropertiesWithUnderscores() {
        let tokens = SQLLexer.tokenize("create user u default_warehouse = w", dialect: .redshift).filter {
            !$0.isTrivia
        }
        #expect(EngineEvidence.first(in: tokens)?.engine == .snowflake)
    }

    @Test func messagesSpellKeywordsInUpperCase() {
        let parsed = SQLParser.parse("select a from t fetch first 3 rows", dialect: .postgres)
        #expect(
            parsed.diagnostics.map(\.message) == [
                "expected ONLY or WITH TIES after FETCH … ROWS, found end of statement"
            ])
    }
}
