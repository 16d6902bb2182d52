import Foundation
import Testing

/// `check` over whole trees: configuration, changed files only, deterministic order.
@Suite struct TreeTests {
    func write(_ files: [String: String], under root: URL) throws {
        for (path, text) in files {
            let url = root.appendingPathComponent(path)
            try FileManager.default.createDirectory(
                at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(text.utf8).write(to: url)
        }
    }

    func git(_ arguments: [String], in directory: URL) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["git", "-c", "user.email=t@example.com", "-c", "user.name=t"] + arguments
        process.currentDirectoryURL = directory
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0, "git \(arguments)")
    }

    static let badPage = "## Step 1: Go\n\n```sql\nCREATE USER u PASSWORD 'short';\n```\n"

    @Test func configTurnsRulesOffAndChangedSinceNarrowsTheRun() throws {
        let root = try RunbookProcess.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: root) }
        try write(["a.md": Self.badPage, "b.md": Self.badPage, "notes.md": "Just prose.\n"], under: root)
        let all = try RunbookProcess.run(["check", ".", "--format", "json"], in: root)
        #expect(all.status == 1)
        let json = try #require(JSONSerialization.jsonObject(with: Data(all.stdout.utf8)) as? [String: Any])
        let files = (json["diagnostics"] as? [[String: Any]] ?? []).compactMap { $0["file"] as? String }
        #expect(Set(files) == ["./a.md", "./b.md"])
        #expect((json["summary"] as? [String: Any])?["files"] as? Int == 3)

        try write(["runbook.yml": "rules:\n  disable: [sql.password-rejected, sql.password-literal]\n"], under: root)
        let configured = try RunbookProcess.run(["check", "."], in: root)
        #expect(configured.status == 0, "\(configured.stdout)")

        try Data().write(to: root.appendingPathComponent("runbook.yml"))
        try FileManager.default.removeItem(at: root.appendingPathComponent("runbook.yml"))
        try git(["init", "-q"], in: root)
        try git(["add", "."], in: root)
        try git(["commit", "-q", "-m", "start"], in: root)
        try write(["b.md": Self.badPage + "\nMore.\n"], under: root)
        let changed = try RunbookProcess.run(["check", ".", "--changed-since", "HEAD", "--format", "json"], in: root)
        #expect(changed.status == 1)
        let changedJSON = try #require(JSONSerialization.jsonObject(with: Data(changed.stdout.utf8)) as? [String: Any])
        let changedFiles = (changedJSON["diagnostics"] as? [[String: Any]] ?? []).compactMap { $0["file"] as? String }
        #expect(Set(changedFiles) == ["./b.md"])

        let badRevision = try RunbookProcess.run(["check", ".", "--changed-since", "no-such-rev"], in: root)
        #expect(badRevision.status == 2)
    }

    @Test func outputOrderIsDeterministicAcrossRuns() throws {
        let root = try RunbookProcess.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: root) }
        var files: [String: String] = [:]
        for index in 0..<40 { files["d\(index % 4)/page\(index).md"] = Self.badPage }
        try write(files, under: root)
        let first = try RunbookProcess.run(["check", "."], in: root)
        let second = try RunbookProcess.run(["check", "."], in: root)
        #expect(first.stdout == second.stdout)
        #expect(first.stdout.contains("in 40 files"))
    }
}
