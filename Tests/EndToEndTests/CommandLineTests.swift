import Foundation
import Testing

/// The executable, spawned as a user would run it: stdout, stderr and exit status.
@Suite struct CommandLineTests {
    let guide = "runbooks/redshift-data-graph.md"

    /// `runbook check PATH…` with no option runs without argument-parser (start-up cost, docs/performance.md):
    /// it must do exactly what the parsed command does with its defaults.
    @Test func checkWithoutOptionsIsCheckWithItsDefaults() throws {
        let plain = try RunbookProcess.run(["check", "runbooks"])
        let parsed = try RunbookProcess.run(["check", "--format", "text", "runbooks"])
        #expect(plain.status == parsed.status)
        #expect(plain.status == 1, "the guides' known findings include errors")
        #expect(plain.stdout == parsed.stdout)
        #expect(plain.stderr == parsed.stderr)
        #expect(plain.stdout.contains("errors"))
    }

    @Test func variantsAsTextAndJSON() throws {
        let text = try RunbookProcess.run(["variants", guide])
        #expect(text.status == 0)
        #expect(
            text.stdout.split(separator: "\n").filter { !$0.hasPrefix(" ") } == [
                "permissions-option-1_step-3-4-2-option-1", "permissions-option-1_step-3-4-2-option-2",
                "permissions-option-2_step-3-4-2-option-1", "permissions-option-2_step-3-4-2-option-2",
            ])
        let json = try RunbookProcess.run(["variants", guide, "--format", "json"])
        #expect(json.status == 0)
        let array = try #require(JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [[String: Any]])
        #expect(array.count == 4)
        #expect(array[0]["slug"] as? String == "permissions-option-1_step-3-4-2-option-1")
        #expect((array[3]["selections"] as? [String: String]) == ["permissions": "option-2", "step-3-4-2": "option-2"])
    }

    @Test func buildWritesEveryVariantAndNoPassword() throws {
        let out = try RunbookProcess.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: out) }
        let result = try RunbookProcess.run(["build", guide, "--out", out.path])
        // The guide has real errors: the outputs are written and the status says so (README's exit table).
        #expect(result.status == 1, "\(result.stderr)")
        #expect(result.stderr.contains("the outputs were written, but the documents have"))
        let files = try FileManager.default.contentsOfDirectory(
            atPath: out.appendingPathComponent("redshift-data-graph").path)
        #expect(files.filter { $0.hasSuffix(".sql") }.count == 4)
        #expect(files.filter { $0.hasSuffix(".checklist.md") }.count == 4)
        for file in files {
            let text = try String(
                contentsOf: out.appendingPathComponent("redshift-data-graph/\(file)"), encoding: .utf8)
            #expect(!text.contains("Abc123"))
        }
        #expect(!result.stdout.contains("Abc123") && !result.stderr.contains("Abc123"))
        #expect(!files.contains { $0.contains(".tmp-") })
    }

    @Test func buildOneVariantWithAParameter() throws {
        let out = try RunbookProcess.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: out) }
        let slug = "permissions-option-2_step-3-4-2-option-2"
        let result = try RunbookProcess.run([
            "build", guide, "--out", out.path, "--variant", slug, "--set", "segment_workspace=acme",
        ])
        #expect(result.status == 1, "the guide has errors: \(result.stderr)")
        let script = try String(
            contentsOf: out.appendingPathComponent("redshift-data-graph/\(slug).sql"), encoding: .utf8)
        #expect(script.contains("CREATE DATABASE acme;"))
        let files = try FileManager.default.contentsOfDirectory(
            atPath: out.appendingPathComponent("redshift-data-graph").path)
        #expect(files.sorted() == ["index.html", "\(slug).checklist.md", "\(slug).sql"])
    }

    @Test(arguments: [
        (["build", "no/such/file.md", "--out", "/tmp/x"], "no/such/file.md: no such file or directory"),
        (["variants", "missing.md"], "missing.md: no such file or directory"),
        (["build", "runbooks/redshift-data-graph.md", "--out", "/tmp/x", "--variant", "nope"], "--variant nope"),
        (["build", "runbooks/redshift-data-graph.md", "--out", "/tmp/x", "--set", "novalue"], "expected NAME=VALUE"),
        (
            ["build", "runbooks/redshift-data-graph.md", "--out", "/tmp/x", "--set", "segment_workspac=a"],
            "did you mean 'segment_workspace'"
        ),
        (
            ["build", "runbooks/redshift-data-graph.md", "--out", "/tmp/x", "--set", "segment_user_password=x"],
            "never written"
        ),
        (
            ["explain", "runbooks/redshift-data-graph.md", "--variant", "permissions-option-1_step-3-4-2-option-9"],
            "did you mean"
        ),
    ])
    func badInputIsOneLineAndStatus2(arguments: [String], message: String) throws {
        let result = try RunbookProcess.run(arguments)
        #expect(result.status == 2)
        #expect(result.stderr.contains(message), "\(result.stderr)")
        #expect(result.stderr.split(separator: "\n").count == 1)
        #expect(result.stdout.isEmpty)
    }

    @Test func outPointingAtAFileIsAUsageError() throws {
        let folder = try RunbookProcess.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("plain-file")
        try Data("x".utf8).write(to: file)
        let result = try RunbookProcess.run(["build", guide, "--out", file.path])
        #expect(result.status == 2)
        #expect(result.stderr.contains("exists and is not a directory"))
        #expect(try String(contentsOf: file, encoding: .utf8) == "x")
    }

    @Test func unknownArgumentsAreUsageErrors() throws {
        let result = try RunbookProcess.run(["check", "--no-such-flag", guide])
        #expect(result.status == 2)
        #expect(result.stderr.contains("no-such-flag"))
    }

    /// `verify` runs in its own executable so that no other command loads the database driver.
    @Test func onlyRunbookVerifyLinksTheDatabaseDriver() throws {
        let runbook = try Data(contentsOf: RunbookProcess.executable, options: .alwaysMapped)
        let verify = try Data(
            contentsOf: RunbookProcess.executable.deletingLastPathComponent().appendingPathComponent("runbook-verify"),
            options: .alwaysMapped)
        // Every Swift type of a module carries the module's name in its metadata.
        let module = Data("PostgresNIO".utf8)
        #expect(verify.range(of: module) != nil)
        #expect(runbook.range(of: module) == nil)
    }

    @Test func verifyWithoutRunbookVerifyBesideItIsAUsageError() throws {
        let folder = try RunbookProcess.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let lonely = folder.appendingPathComponent("runbook")
        try FileManager.default.copyItem(at: RunbookProcess.executable, to: lonely)
        let result = try RunbookProcess.run(
            ["verify", guide, "--database-url", "postgres://someone@127.0.0.1:1/db"], executable: lonely)
        #expect(result.status == 2)
        #expect(result.stderr.hasPrefix("runbook: error: `runbook verify` runs runbook-verify, which is not installed"))
        #expect(result.stdout.isEmpty)
    }

    @Test func helpTeaches() throws {
        let result = try RunbookProcess.run(["--help"])
        #expect(result.status == 0)
        for command in ["check", "build", "variants", "explain"] { #expect(result.stdout.contains(command)) }
        let build = try RunbookProcess.run(["build", "--help"])
        #expect(build.stdout.contains("--set"))
        #expect(build.stdout.contains("segment_user_password"))
    }
}
