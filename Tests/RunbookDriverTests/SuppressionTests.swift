import RunbookDiagnostics
import RunbookDriver
import Testing

/// Inline suppression: a SQL comment silences its statement, an annotation its block, front matter the file.
@Suite struct SuppressionTests {
    private static let literal = RuleID(rawValue: "sql.password-literal")

    /// The 1-based line of the first line containing `needle`.
    private func line(of needle: String, in text: String) -> Int {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        return (lines.firstIndex { $0.contains(needle) } ?? -1) + 1
    }

    private func compile(_ text: String, reportUnused: Bool = false) -> [Diagnostic] {
        RunbookCompiler(options: CompileOptions(reportUnusedSuppressions: reportUnused))
            .compile(path: "t.md", bytes: Array(text.utf8)).diagnostics
    }

    private func literalLines(_ diagnostics: [Diagnostic]) -> [Int] {
        diagnostics.filter { $0.rule == Self.literal }.map(\.range.start.line)
    }

    private static let body = """
        ## Step 1: Users

        ```sql
        CREATE USER u1 PASSWORD 'Sup3rSecret1';
        CREATE USER u2 PASSWORD 'Sup3rSecret2';
        ```

        ## Step 2: More users

        ```sql
        CREATE USER u3 PASSWORD 'Sup3rSecret3';
        ```
        """

    @Test func withoutSuppressionEveryPasswordIsReported() {
        let text = Self.body
        #expect(literalLines(compile(text)) == ["u1", "u2", "u3"].map { line(of: $0, in: text) })
    }

    @Test func trailingCommentSilencesItsStatementOnly() {
        let text = Self.body.replacingOccurrences(
            of: "'Sup3rSecret1';", with: "'Sup3rSecret1'; -- runbook: disable=sql.password-literal")
        let diagnostics = compile(text)
        #expect(literalLines(diagnostics) == [line(of: "u2", in: text), line(of: "u3", in: text)])
        #expect(!diagnostics.contains { $0.rule.rawValue.hasPrefix("suppression.") })
    }

    @Test func commentLineBeforeAStatementSilencesThatStatement() {
        let text = Self.body.replacingOccurrences(
            of: "CREATE USER u2", with: "-- runbook: disable=sql.password-literal, sql.syntax\nCREATE USER u2")
        #expect(literalLines(compile(text)) == [line(of: "u1", in: text), line(of: "u3", in: text)])
    }

    @Test func annotationBeforeABlockSilencesThatBlock() {
        let text = Self.body.replacingOccurrences(
            of: "## Step 1: Users\n\n", with: "## Step 1: Users\n\n<!-- runbook: disable=sql.password-literal -->\n\n")
        let diagnostics = compile(text)
        #expect(literalLines(diagnostics) == [line(of: "u3", in: text)])
        #expect(!diagnostics.contains { $0.rule.rawValue == "model.annotation-unknown-key" })
    }

    @Test func frontMatterSilencesTheFile() {
        let text = "---\nrunbook:\n  disable: [sql.password-literal]\n---\n" + Self.body
        #expect(literalLines(compile(text)).isEmpty)
    }

    @Test func anUnknownIdIsAWarningWithASuggestion() throws {
        let text = Self.body.replacingOccurrences(
            of: "'Sup3rSecret1';", with: "'Sup3rSecret1'; -- runbook: disable=sql.pasword-literal")
        let diagnostics = compile(text)
        let unknown = try #require(diagnostics.first { $0.rule.rawValue == "suppression.unknown-rule" })
        #expect(unknown.severity == .warning)
        #expect(unknown.message.contains("did you mean 'sql.password-literal'?"))
        #expect(unknown.range.start.line == line(of: "u1", in: text))
        // Nothing was silenced: the misspelt id names no rule.
        #expect(literalLines(diagnostics).count == 3)
    }

    @Test func unusedSuppressionsAreReportedOnlyWhenAsked() throws {
        let text = Self.body.replacingOccurrences(
            of: "'Sup3rSecret3';", with: "'Sup3rSecret3'; -- runbook: disable=sql.password-literal,sql.syntax")
        #expect(!compile(text).contains { $0.rule.rawValue == "suppression.unused" })
        let unused = compile(text, reportUnused: true).filter { $0.rule.rawValue == "suppression.unused" }
        #expect(unused.count == 1)
        #expect(unused.first?.message.contains("'sql.syntax'") == true)
        #expect(unused.first?.range.start.line == line(of: "u3", in: text))
    }
}
