import Foundation
import RunbookDriver
import RunbookEmitters
import RunbookSQL
import RunbookTestSupport
import Testing

import struct RunbookDiagnostics.SourceLocation

/// A statement that does not parse never runs from a script: it stays in the script as a comment with the
/// finding's position, and the script stops there (the real server runs it in EndToEndTests).
@Suite struct InvalidStatementScriptTests {
    static func script(_ markdown: String, dialect: SQLDialect = .redshift, plain: Bool = false) throws -> String {
        let compiled = RunbookCompiler().compile(path: "guide.md", bytes: Array(markdown.utf8))
        let variant = try #require(compiled.variants.first)
        return Builder.outputs(compiled, variants: [variant], dialect: dialect, plain: plain).files[0].contents
    }

    static func lines(_ text: String) -> [String] {
        text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    }

    static let page = MarkedText(
        """
        # Grants

        ### Step 1: Grant

        ```sql
        CREATE ROLE ds_role;
        1️⃣GRNAT SELECT ON ALL TABLES IN SCHEMA features TO ROLE ds_role;
        GRANT USAGE ON SCHEMA features TO ROLE ds_role;
        ```

        """)

    /// What every dialect's script says at the broken statement, in order.
    static func assertStops(
        _ lines: [String], stop: String, sourceLocation: Testing.SourceLocation = #_sourceLocation
    )
        throws
    {
        let marker = Self.page.location(1)
        let position = "guide.md:\(marker.line):\(marker.column)"
        let notRun = try #require(
            lines.firstIndex {
                $0.hasPrefix("-- runbook: not run: \(position): ") && $0.hasSuffix("[sql.unknown-statement]")
            },
            sourceLocation: sourceLocation)
        let kept = try #require(
            lines.firstIndex(of: "--   GRNAT SELECT ON ALL TABLES IN SCHEMA features TO ROLE ds_role"),
            sourceLocation: sourceLocation)
        let stopped = try #require(lines.firstIndex { $0.hasPrefix(stop) }, sourceLocation: sourceLocation)
        let failing = try #require(
            lines.firstIndex { $0.hasPrefix("SELECT CAST('runbook: stopped at Step 1: the statement at \(position) ") },
            sourceLocation: sourceLocation)
        let next = try #require(
            lines.firstIndex { $0.hasPrefix("GRANT USAGE ON SCHEMA features TO ") }, sourceLocation: sourceLocation)
        #expect(notRun < kept && kept < stopped && stopped < failing && failing < next, sourceLocation: sourceLocation)
        #expect(
            lines[stopped].contains("the statement at \(position) does not parse (sql.unknown-statement)"),
            sourceLocation: sourceLocation)
        // The statement itself is never a line the client runs.
        #expect(!lines.contains { $0.hasPrefix("GRNAT") }, sourceLocation: sourceLocation)
    }

    @Test(arguments: [false, true])
    func psqlStopsAtTheStatementThatDoesNotParse(plain: Bool) throws {
        for dialect in [SQLDialect.redshift, .postgres] {
            let lines = Self.lines(try Self.script(Self.page.text, dialect: dialect, plain: plain))
            try Self.assertStops(lines, stop: "\\warn 'runbook: stopped at Step 1: the statement at guide.md:")
            #expect(lines.contains { $0.hasSuffix(" AS integer) AS runbook_stop;") })
        }
    }

    @Test(arguments: [false, true])
    func snowSQLStopsAtTheStatementThatDoesNotParse(plain: Bool) throws {
        let markdown = "---\ndialect: snowflake\n---\n" + Self.page.text
        let shifted = MarkedText("---\ndialect: snowflake\n---\n" + Self.page.text.replacing("GRNAT", with: "1️⃣GRNAT"))
        let lines = Self.lines(try Self.script(markdown, dialect: .snowflake, plain: plain))
        let marker = shifted.location(1)
        #expect(lines.contains { $0.hasPrefix("-- runbook: not run: guide.md:\(marker.line):\(marker.column): ") })
        let stopped = try #require(
            lines.firstIndex {
                $0.hasPrefix(
                    "!print runbook: stopped at Step 1: the statement at guide.md:\(marker.line):\(marker.column) ")
            })
        #expect(lines[stopped + 1].hasPrefix("SELECT CAST('runbook: stopped at Step 1"))
        #expect(lines[stopped + 1].hasSuffix(" AS INTEGER) AS runbook_stop;"))
        #expect(!lines.contains { $0.hasPrefix("GRNAT") })
    }

    @Test func aPasswordInTheKeptStatementIsMasked() throws {
        let text = try Self.script(
            """
            # Users

            ### Step 1: Create the user

            ```sql
            CREATE USER s1 PASSWORD = 'SnowSecretSix9' NOPE;
            ```

            """)
        #expect(!text.contains("SnowSecretSix9"))
        #expect(text.contains("--   CREATE USER s1 PASSWORD = '***' NOPE"))
        #expect(text.contains("\\warn 'runbook: stopped at Step 1"))
    }

    @Test func aStatementWhoseErrorIsSuppressedIsCopiedAsWritten() throws {
        let text = try Self.script(
            """
            # Grants

            ### Step 1: Grant

            <!-- runbook: disable=sql.unknown-statement -->
            ```sql
            FROBNICATE things;
            ```

            """)
        #expect(Self.lines(text).contains("FROBNICATE things;"))
        #expect(!text.contains("runbook: stopped"))
    }

    /// Nothing vanishes: every line of a statement that spans lines is in the script, commented.
    @Test func everyLineOfABrokenStatementIsKept() throws {
        let text = try Self.script(
            """
            # Grants

            ### Step 1: Grant

            ```sql
            SELECT a
              FROM t t2 x
              WHERE b = 1;
            ```

            """)
        let lines = Self.lines(text)
        #expect(lines.contains("--   SELECT a"))
        #expect(lines.contains("--     FROM t t2 x"))
        #expect(lines.contains("--     WHERE b = 1"))
    }
}
