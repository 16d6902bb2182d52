import Foundation
import Testing

/// Hostile and broken documents: each gets a diagnostic or a one-line error with status 1 or 2, promptly,
/// never a crash, a hang or a stack overflow.
@Suite(.serialized) struct BadInputTests {
    struct Case: CustomTestStringConvertible, Sendable {
        var name: String
        var bytes: @Sendable () -> [UInt8]
        var statuses: Set<Int32>
        /// Text that must appear in stdout or stderr.
        var expected: String
        var testDescription: String { name }
    }

    static func text(_ string: String) -> [UInt8] { Array(string.utf8) }

    static let cases: [Case] = [
        Case(name: "empty file", bytes: { [] }, statuses: [0], expected: "no problems in 1 file"),
        Case(
            name: "invalid UTF-8", bytes: { text("# T\n") + [0xFF, 0xFE, 0x0A] }, statuses: [0],
            expected: "[markdown.invalid-utf8]"),
        Case(
            name: "binary file", bytes: { (0..<20_000).map { UInt8(truncatingIfNeeded: $0 &* 7919 &+ 13) } },
            statuses: [1], expected: "[file.not-text]"),
        Case(
            name: "an executable renamed .md",
            bytes: {
                (try? [UInt8](Data(contentsOf: URL(fileURLWithPath: "/bin/sh")))) ?? [
                    0x7F, 0x45, 0x4C, 0x46, 0, 0, 0, 1,
                ]
            }, statuses: [1], expected: "[file.not-text]"),
        Case(
            name: "NUL bytes in prose and SQL", bytes: { text("# a\0b\n\n```sql\nSELECT 1\0;\n```\n") }, statuses: [1],
            expected: "4:9: error: a U+FFFD replacement character (a NUL byte"),
        Case(
            name: "unterminated dollar quote",
            bytes: { text("## Step 1: x\n\n```sql\nCREATE ROLE r;\nSELECT $$abc;\n```\n") }, statuses: [1],
            expected: "5:8: error: unterminated dollar-quoted string"),
        Case(
            name: "a statement of only placeholders",
            bytes: { text("## Step 1: x\n\n```sql\n<<NAME>> <name>;\n```\n") }, statuses: [0],
            expected: "[sql.placeholder-statement]"),
        Case(
            name: "unterminated fence", bytes: { text("## Step 1: x\n\n```sql\nSELECT 1;\n") }, statuses: [0],
            expected: "[markdown.unterminated-fence]"),
        Case(
            name: "unterminated string", bytes: { text("## Step 1: x\n\n```sql\nSELECT 'abc;\n```\n") }, statuses: [1],
            expected: "4:8: error"),
        Case(
            name: "unterminated quoted identifier",
            bytes: { text("## Step 1: x\n\n```sql\nGRANT USAGE ON SCHEMA \"abc TO ROLE r;\n```\n") }, statuses: [1],
            expected: "4:23: error"),
        Case(
            name: "unterminated block comment",
            bytes: { text("## Step 1: x\n\n```sql\nSELECT 1; /* never closed\n```\n") }, statuses: [1],
            expected: "4:11: error"),
        Case(
            name: "1 MB line",
            bytes: { text("## Step 1: x\n\n```sql\nSELECT " + String(repeating: "a", count: 1_000_000) + ";\n```\n") },
            statuses: [0, 1], expected: "in 1 file"),
        Case(
            name: "3,000-deep list nesting with a fence",
            bytes: {
                text(
                    (0..<3_000).map { String(repeating: "  ", count: $0) + "- x" }.joined(separator: "\n")
                        + "\n\n```sql\nSELECT 1;\n```\n")
            }, statuses: [0, 1], expected: "in 1 file"),
        Case(
            name: "3,000-deep block quotes with a fence",
            bytes: {
                text(String(repeating: "> ", count: 3_000) + "x\n\n```sql\nSELECT 1;\n```\n")
            }, statuses: [0, 1], expected: "in 1 file"),
        Case(
            name: "3,000 nested parentheses",
            bytes: {
                text(
                    "## Step 1: x\n\n```sql\nSELECT " + String(repeating: "(", count: 3_000) + "1"
                        + String(repeating: ")", count: 3_000) + ";\n```\n")
            }, statuses: [1], expected: "[sql.nesting-too-deep]"),
        Case(
            name: "4,000-step runbook",
            bytes: {
                text(
                    (1...4_000).map { "## Step \($0): do\n\n```sql\nCREATE ROLE r\($0);\n```\n" }.joined(
                        separator: "\n"))
            }, statuses: [0, 1], expected: "in 1 file"),
        Case(
            name: "a block of 100,000 statements",
            bytes: {
                text(
                    "## Step 1: x\n\n```sql\n"
                        + (0..<100_000).map { "GRANT SELECT ON t\($0) TO ROLE r;" }.joined(separator: "\n") + "\n```\n")
            }, statuses: [0, 1], expected: "in 1 file"),
    ]

    @Test(arguments: cases)
    func checkSurvives(_ testCase: Case) throws {
        let folder = try RunbookProcess.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("input.md")
        try Data(testCase.bytes()).write(to: file)
        let result = try RunbookProcess.run(["check", file.path], timeout: 120)
        #expect(testCase.statuses.contains(result.status), "status \(result.status): \(result.stderr.prefix(500))")
        #expect((result.stdout + result.stderr).contains(testCase.expected), "\(result.stdout.prefix(2_000))")
        // Builds the same input too: the same verdict as check (README's exit table), and nothing built from a
        // file that is not text.
        let out = folder.appendingPathComponent("out")
        let build = try RunbookProcess.run(["build", file.path, "--out", out.path], timeout: 120)
        #expect(build.status == result.status, "\(build.stderr.prefix(500))")
        if testCase.expected == "[file.not-text]" {
            #expect(build.stderr.contains("[file.not-text]"))
            #expect(!FileManager.default.fileExists(atPath: out.appendingPathComponent("input").path))
        }
    }

    @Test func missingPathAndDirectoryAsFile() throws {
        let missing = try RunbookProcess.run(["check", "does/not/exist.md"])
        #expect(missing.status == 2)
        #expect(missing.stderr == "runbook: error: does/not/exist.md: no such file or directory\n")
    }
}
