import Foundation
import Testing

/// `check`, `build`, `explain` and `verify` give the same severities for the same inputs: runbook.yml, front
/// matter and the command line, one policy (README's exit table).
@Suite struct PolicyAgreementTests {
    /// Two warnings by default: a hard-coded password and a grant to PUBLIC.
    static func guide(frontMatter: String = "") -> String {
        frontMatter + """
            # Policy

            ### Step 1: Create the schema and the user

            ```sql
            CREATE SCHEMA app;
            CREATE USER app_user PASSWORD 'Secret-Value-99';
            GRANT USAGE ON SCHEMA app TO PUBLIC;
            ```

            """
    }

    struct Workspace {
        var folder: URL
        var guide: String { folder.appendingPathComponent("guide.md").path }
        var out: String { folder.appendingPathComponent("out").path }
    }

    func workspace(config: String? = nil, frontMatter: String = "") throws -> Workspace {
        let folder = try RunbookProcess.temporaryDirectory()
        try Data(Self.guide(frontMatter: frontMatter).utf8).write(to: folder.appendingPathComponent("guide.md"))
        if let config { try Data(config.utf8).write(to: folder.appendingPathComponent("runbook.yml")) }
        return Workspace(folder: folder)
    }

    /// The severity each command gives `rule` (nil: not reported), and each command's exit status.
    func severities(_ rule: String, in workspace: Workspace, extra: [String] = []) throws -> [String: (String?, Int32)]
    {
        func severity(_ text: String) -> String? {
            for line in text.split(separator: "\n") where line.hasSuffix("[\(rule)]") {
                for word in ["error", "warning", "note"] where line.contains(": \(word): ") { return word }
            }
            return nil
        }
        let check = try RunbookProcess.run(["check", workspace.guide] + extra)
        let build = try RunbookProcess.run(["build", workspace.guide, "--out", workspace.out] + extra)
        let explain = try RunbookProcess.run(["explain", workspace.guide] + extra)
        return [
            "check": (severity(check.stdout), check.status),
            "build": (severity(build.stderr), build.status),
            "explain": (severity(explain.stdout), explain.status),
        ]
    }

    func expectAgreement(
        _ result: [String: (String?, Int32)], severity: String?, status: Int32,
        sourceLocation: SourceLocation = #_sourceLocation
    ) {
        for (command, (found, exit)) in result.sorted(by: { $0.key < $1.key }) {
            #expect(found == severity, "\(command) reports \(found ?? "nothing")", sourceLocation: sourceLocation)
            #expect(exit == status, "\(command) exits \(exit)", sourceLocation: sourceLocation)
        }
    }

    @Test func defaultsAgree() throws {
        let space = try workspace()
        defer { try? FileManager.default.removeItem(at: space.folder) }
        expectAgreement(try severities("sql.password-literal", in: space), severity: "warning", status: 0)
    }

    @Test func runbookYAMLSeverityAndDisableAgree() throws {
        let raised = try workspace(config: "rules:\n  severity:\n    sql.password-literal: error\n")
        defer { try? FileManager.default.removeItem(at: raised.folder) }
        expectAgreement(try severities("sql.password-literal", in: raised), severity: "error", status: 1)
        // The page build writes shows the severity the build reports.
        let page = try String(contentsOfFile: raised.out + "/guide/index.html", encoding: .utf8)
        #expect(page.contains("sql.password-literal"))

        let off = try workspace(config: "rules:\n  disable: [sql.password-literal]\n")
        defer { try? FileManager.default.removeItem(at: off.folder) }
        expectAgreement(try severities("sql.password-literal", in: off), severity: nil, status: 0)
    }

    @Test func frontMatterSeverityAgrees() throws {
        let space = try workspace(
            frontMatter: "---\nrunbook:\n  rules:\n    severity:\n      privileges.grant-to-public: error\n---\n\n")
        defer { try? FileManager.default.removeItem(at: space.folder) }
        expectAgreement(try severities("privileges.grant-to-public", in: space), severity: "error", status: 1)
        // The command line is stronger than the page.
        expectAgreement(
            try severities(
                "privileges.grant-to-public", in: space, extra: ["--disable", "privileges.grant-to-public"]),
            severity: nil, status: 0)
    }

    @Test func frontMatterWithAnUnknownRuleIsAnError() throws {
        let space = try workspace(frontMatter: "---\nrunbook:\n  rules:\n    disable: [sql.pasword-literal]\n---\n\n")
        defer { try? FileManager.default.removeItem(at: space.folder) }
        let check = try RunbookProcess.run(["check", space.guide])
        #expect(check.status == 1)
        #expect(check.stdout.contains("did you mean 'sql.password-literal'?"), "\(check.stdout)")
        #expect(check.stdout.contains("[config.unknown-rule]"))
    }

    @Test func warningsAsErrorsAgree() throws {
        let space = try workspace()
        defer { try? FileManager.default.removeItem(at: space.folder) }
        expectAgreement(
            try severities("sql.password-literal", in: space, extra: ["--warnings-as-errors"]), severity: "error",
            status: 1)
    }

    /// A misspelt rule id on the command line is refused by every command, as in runbook.yml.
    @Test(arguments: ["check", "build", "explain", "verify"])
    func unknownRuleIdsAreRefused(command: String) throws {
        let space = try workspace()
        defer { try? FileManager.default.removeItem(at: space.folder) }
        var arguments = [command, space.guide, "--disable", "sql.pasword-literal"]
        if command == "build" { arguments += ["--out", space.out] }
        if command == "verify" { arguments += ["--database-url", "postgres://nobody@127.0.0.1:1/none"] }
        let result = try RunbookProcess.run(arguments)
        #expect(result.status == 2)
        #expect(
            result.stderr.contains("unknown rule 'sql.pasword-literal'; did you mean 'sql.password-literal'?"),
            "\(result.stderr)")
        #expect(!FileManager.default.fileExists(atPath: space.out))
    }

    @Test(arguments: ["check", "build", "explain", "verify"])
    func unknownKeysInRunbookYAMLAreRefused(command: String) throws {
        let space = try workspace(config: "rulez:\n  disable: [sql.password-literal]\n")
        defer { try? FileManager.default.removeItem(at: space.folder) }
        var arguments = [command, space.guide]
        if command == "build" { arguments += ["--out", space.out] }
        if command == "verify" { arguments += ["--database-url", "postgres://nobody@127.0.0.1:1/none"] }
        let result = try RunbookProcess.run(arguments)
        #expect(result.status == 2)
        #expect(result.stderr.contains("unknown key 'rulez'; did you mean 'rules'?"), "\(result.stderr)")
    }

    @Test func buildWithErrorsWritesAndExits1OrWritesNothing() throws {
        let space = try workspace(config: "rules:\n  severity:\n    sql.password-literal: error\n")
        defer { try? FileManager.default.removeItem(at: space.folder) }
        let nothing = try RunbookProcess.run(["build", space.guide, "--out", space.out, "--no-write-on-error"])
        #expect(nothing.status == 1)
        #expect(nothing.stderr.contains("nothing written"), "\(nothing.stderr)")
        #expect(!FileManager.default.fileExists(atPath: space.out))
        let written = try RunbookProcess.run(["build", space.guide, "--out", space.out])
        #expect(written.status == 1)
        #expect(FileManager.default.fileExists(atPath: space.out + "/guide/default.sql"))
        // In sync, but the document still has errors: the gate fails with no diff.
        let gate = try RunbookProcess.run(["build", space.guide, "--out", space.out, "--check"])
        #expect(gate.status == 1)
        #expect(gate.stdout.isEmpty)
        #expect(gate.stderr.contains("[sql.password-literal]"))
        #expect(!gate.stderr.contains("out of date"))
    }

    /// A change to runbook.yml alone changes how every file it governs is checked.
    @Test func changedRunbookYAMLChecksEveryFileItGoverns() throws {
        let space = try workspace(config: "rules:\n  disable: [block.not-checked]\n")
        defer { try? FileManager.default.removeItem(at: space.folder) }
        let nested = space.folder.appendingPathComponent("nested")
        try FileManager.default.createDirectory(at: nested, withIntermediateDirectories: true)
        try Data(Self.guide().utf8).write(to: nested.appendingPathComponent("other.md"))
        // A folder with a config of its own is governed by that one.
        let own = space.folder.appendingPathComponent("own")
        try FileManager.default.createDirectory(at: own, withIntermediateDirectories: true)
        try Data(Self.guide().utf8).write(to: own.appendingPathComponent("third.md"))
        try Data("rules:\n  disable: []\n".utf8).write(to: own.appendingPathComponent("runbook.yml"))
        func git(_ arguments: [String]) throws {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
            process.arguments = ["git", "-c", "user.name=t", "-c", "user.email=t@example.invalid"] + arguments
            process.currentDirectoryURL = space.folder
            process.standardOutput = FileHandle.nullDevice
            process.standardError = FileHandle.nullDevice
            try process.run()
            process.waitUntilExit()
            try #require(process.terminationStatus == 0, "git \(arguments)")
        }
        try git(["init", "-q"])
        try git(["add", "-A"])
        try git(["commit", "-q", "-m", "start"])
        let before = try RunbookProcess.run(["check", ".", "--changed-since", "HEAD"], in: space.folder)
        #expect(before.stdout.contains("in 0 files"), "\(before.stdout)")
        try Data("rules:\n  disable: [block.not-checked, sql.password-literal]\n".utf8).write(
            to: space.folder.appendingPathComponent("runbook.yml"))
        let after = try RunbookProcess.run(["check", ".", "--changed-since", "HEAD"], in: space.folder)
        #expect(after.stdout.contains("in 2 files"), "\(after.stdout)")
        #expect(!after.stdout.contains("sql.password-literal"))
    }
}
