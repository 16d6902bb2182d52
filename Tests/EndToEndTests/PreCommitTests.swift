import Foundation
import Testing

/// The repository's pre-commit hooks run by the real pre-commit (from PyPI, installed by `make test`'s set-up)
/// in a docs repository that commits runbook's generated checklists next to its guides.
@Suite struct PreCommitTests {
    /// Runs a program found on PATH (git, python3) in `directory`.
    private func run(
        _ arguments: [String], in directory: URL, environment: [String: String] = [:]
    ) throws -> RunbookProcess.Result {
        try RunbookProcess.run(
            arguments, in: directory, environment: environment, timeout: 300,
            executable: URL(fileURLWithPath: "/usr/bin/env"))
    }

    private static let guide = """
        # Guide

        ## Step 1: Create the role

        ```sql
        CREATE ROLE segment_role;
        ```

        """

    @Test func hooksPassOnACleanRepositoryAndCatchAnErrorAndDrift() throws {
        let root = try RunbookProcess.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: root) }
        let git = [
            "git", "-c", "user.name=runbook", "-c", "user.email=runbook@example.invalid", "-c",
            "init.defaultBranch=main",
        ]

        // The hook repository: this working tree's .pre-commit-hooks.yaml, committed.
        let hooks = root.appendingPathComponent("hooks")
        try FileManager.default.createDirectory(at: hooks, withIntermediateDirectories: true)
        try FileManager.default.copyItem(
            at: RunbookProcess.packageRoot.appendingPathComponent(".pre-commit-hooks.yaml"),
            to: hooks.appendingPathComponent(".pre-commit-hooks.yaml"))
        _ = try run(git + ["init", "-q"], in: hooks)
        _ = try run(git + ["add", "."], in: hooks)
        let committed = try run(git + ["commit", "-q", "-m", "hooks"], in: hooks)
        #expect(committed.status == 0, "\(committed.stderr)")
        let rev = try run(["git", "rev-parse", "HEAD"], in: hooks).stdout.trimmingCharacters(
            in: .whitespacesAndNewlines)

        // The docs repository: a guide, the checklists runbook built from it, and the hooks configured.
        let docs = root.appendingPathComponent("docs")
        let runbooks = docs.appendingPathComponent("runbooks")
        try FileManager.default.createDirectory(at: runbooks, withIntermediateDirectories: true)
        let guide = runbooks.appendingPathComponent("guide.md")
        try Data(Self.guide.utf8).write(to: guide)
        let built = try RunbookProcess.run(["build", "runbooks", "--out", "generated"], in: docs)
        #expect(built.status == 0, "\(built.stderr)")
        let generated = try FileManager.default.subpathsOfDirectory(
            atPath: docs.appendingPathComponent("generated").path)
        #expect(generated.contains { $0.hasSuffix(".checklist.md") }, "\(generated)")
        try Data(
            """
            repos:
              - repo: \(hooks.path)
                rev: \(rev)
                hooks:
                  - id: runbook-check
                  - id: runbook-build-check

            """.utf8
        ).write(to: docs.appendingPathComponent(".pre-commit-config.yaml"))
        _ = try run(git + ["init", "-q"], in: docs)
        _ = try run(git + ["add", "."], in: docs)

        let environment = [
            "PATH": RunbookProcess.executable.deletingLastPathComponent().path + ":"
                + (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"),
            "PRE_COMMIT_HOME": root.appendingPathComponent("cache").path,
            "NO_COLOR": "1",
        ]
        let clean = try run(["python3", "-m", "pre_commit", "run", "--all-files"], in: docs, environment: environment)
        #expect(clean.status == 0, "\(clean.stdout)\(clean.stderr)")
        #expect(clean.stdout.contains("runbook check") && clean.stdout.contains("Passed"), "\(clean.stdout)")

        // A typo in the guide: the check hook names it; the checklists now drift from their source.
        try Data(Self.guide.replacingOccurrences(of: "CREATE ROLE", with: "CRAETE ROLE").utf8).write(to: guide)
        _ = try run(git + ["add", "."], in: docs)
        let broken = try run(["python3", "-m", "pre_commit", "run", "--all-files"], in: docs, environment: environment)
        #expect(broken.status == 1, "\(broken.stdout)\(broken.stderr)")
        #expect(broken.stdout.contains("runbooks/guide.md:6:1: error:"), "\(broken.stdout)")
        #expect(broken.stdout.contains("sql.unknown-statement"))
        #expect(!broken.stdout.contains("checklist.md:"), "\(broken.stdout)")
        #expect(broken.stdout.components(separatedBy: "Failed").count - 1 == 2, "\(broken.stdout)")
    }
}
