import Foundation
import Testing

/// `runbook fix` and `check --fix` as a user runs them: the file changes, the report goes to standard error,
/// what remains to standard output in the chosen format.
@Suite struct FixCommandTests {
    private static let guide = """
        # Guide

        ## Step 1: Go

        ```sql
        CREATE ROLE reader
        GRANT USAGE ON SCHEMA public TO ROLE raeder;
        ```

        """

    private func withGuide(_ body: (URL) throws -> Void) throws {
        let folder = try RunbookProcess.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let guide = folder.appendingPathComponent("guide.md")
        try Data(Self.guide.utf8).write(to: guide)
        try body(guide)
    }

    @Test func checkFixAppliesTheSafeFixAndReportsTheUnsafeOneAsJSON() throws {
        try withGuide { guide in
            let result = try RunbookProcess.run(["check", "--fix", guide.path, "--format", "json"])
            #expect(result.status == 1, "\(result.stderr)")
            let text = try String(contentsOf: guide, encoding: .utf8)
            #expect(text.contains("CREATE ROLE reader;\n"))
            #expect(text.contains("TO ROLE raeder;"))
            #expect(result.stderr.contains("fixed: end the statement [sql.syntax]"))
            #expect(result.stderr.contains("1 with an unsafe fix (--unsafe applies it)"))
            let json = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any]
            let diagnostics = try #require(json?["diagnostics"] as? [[String: Any]])
            let fixIts = diagnostics.compactMap { $0["fixIts"] as? [[String: Any]] }.joined()
            #expect(fixIts.map { $0["applicability"] as? String } == ["unsafe"])
        }
    }

    @Test func fixUnsafeSettlesEverything() throws {
        try withGuide { guide in
            let result = try RunbookProcess.run(["fix", "--unsafe", guide.path])
            #expect(result.status == 0, "\(result.stderr)")
            let text = try String(contentsOf: guide, encoding: .utf8)
            #expect(text.contains("CREATE ROLE reader;\nGRANT USAGE ON SCHEMA public TO ROLE reader;"))
            #expect(result.stderr.contains("fixed 2 findings in 1 file; 0 findings remain"))
        }
    }

    @Test func unsafeWithoutFixIsAUsageError() throws {
        try withGuide { guide in
            let result = try RunbookProcess.run(["check", "--unsafe", guide.path])
            #expect(result.status == 2)
            #expect(result.stderr.contains("add --fix"))
            let text = try String(contentsOf: guide, encoding: .utf8)
            #expect(text == Self.guide)
        }
    }
}
