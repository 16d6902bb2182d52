import Foundation
import Testing

/// `runbook rules`, as a user runs it: the list, one page, and a misspelt id.
@Suite struct RulesCommandTests {
    @Test func listsEveryRuleOnce() throws {
        let result = try RunbookProcess.run(["rules"])
        #expect(result.status == 0, "\(result.stderr)")
        let ids = result.stdout.split(separator: "\n").map { $0.split(separator: " ").first.map(String.init) ?? "" }
        #expect(ids.contains("sql.syntax"))
        #expect(ids.contains("suppression.unused"))
        #expect(Set(ids).count == ids.count)
        #expect(ids == ids.sorted())
    }

    @Test func printsOnePage() throws {
        let result = try RunbookProcess.run(["rules", "sql.password-literal"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.hasPrefix("sql.password-literal (warning)\n"))
        #expect(
            result.stdout.contains("Why: ") && result.stdout.contains("Example:") && result.stdout.contains("Fix: "))
    }

    @Test func aMisspeltIdIsStatus2WithASuggestion() throws {
        let result = try RunbookProcess.run(["rules", "sql.pasword-literal"])
        #expect(result.status == 2)
        #expect(result.stdout.isEmpty)
        #expect(result.stderr.contains("did you mean 'sql.password-literal'?"))
    }

    @Test func suppressionsReachTheCommandLine() throws {
        let folder = try RunbookProcess.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let guide = folder.appendingPathComponent("guide.md")
        try Data(
            """
            ## Step 1: Users

            ```sql
            CREATE USER u1 PASSWORD 'Sup3rSecret1'; -- runbook: disable=sql.password-literal
            GRANT USAGE ON SCHEMA public TO u1; -- runbook: disable=sql.syntax
            ```

            """.utf8
        ).write(to: guide)
        let plain = try RunbookProcess.run(["check", guide.path, "--format", "json"])
        #expect(!plain.stdout.contains("sql.password-literal"))
        #expect(!plain.stdout.contains("suppression.unused"))
        let strict = try RunbookProcess.run(["check", guide.path, "--format", "json", "--report-unused-suppressions"])
        #expect(strict.stdout.contains("suppression.unused"))
        #expect(!strict.stdout.contains("Sup3rSecret1"))
    }
}
