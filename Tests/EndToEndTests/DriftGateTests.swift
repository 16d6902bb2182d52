import Foundation
import Testing

/// `build --check` as a CI gate, and `build` refusing to clobber what it did not write.
@Suite struct DriftGateTests {
    let guide = "runbooks/redshift-data-graph.md"
    /// The guide's two real errors turned off, so that the exit status is the gate's alone.
    let quiet = ["--disable", "privileges.object-in-new-database", "--disable", "sql.password-rejected"]

    func read(_ url: URL) throws -> String { try String(contentsOf: url, encoding: .utf8) }

    @Test func checkPassesInSyncAndFailsWithADiffOnDrift() throws {
        let out = try RunbookProcess.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: out) }
        #expect(try RunbookProcess.run(["build", guide, "--out", out.path] + quiet).status == 0)
        let inSync = try RunbookProcess.run(["build", guide, "--out", out.path, "--check"] + quiet)
        #expect(inSync.status == 0)
        #expect(inSync.stdout.isEmpty)

        let drift = try RunbookProcess.run(
            ["build", guide, "--out", out.path, "--check", "--set", "devices=iot"] + quiet)
        #expect(drift.status == 1)
        #expect(drift.stdout.contains("-GRANT USAGE ON SCHEMA devices TO ROLE segment_linked_role;"))
        #expect(drift.stdout.contains("+GRANT USAGE ON SCHEMA iot TO ROLE segment_linked_role;"))
        #expect(drift.stdout.contains("@@ "))
        // --check wrote nothing.
        let script = out.appendingPathComponent("redshift-data-graph/permissions-option-1_step-3-4-2-option-1.sql")
        #expect(try read(script).contains("SCHEMA devices"))
    }

    @Test func missingAndStaleFilesAreDrift() throws {
        let out = try RunbookProcess.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: out) }
        #expect(try RunbookProcess.run(["build", guide, "--out", out.path] + quiet).status == 0)
        let folder = out.appendingPathComponent("redshift-data-graph")
        let removed = folder.appendingPathComponent("permissions-option-2_step-3-4-2-option-2.sql")
        let kept = try read(removed)
        try FileManager.default.removeItem(at: removed)
        // A generated file that the build no longer produces (a variant that went away).
        let stale = folder.appendingPathComponent("old-variant.sql")
        try Data(kept.utf8).write(to: stale)
        let check = try RunbookProcess.run(["build", guide, "--out", out.path, "--check"])
        #expect(check.status == 1)
        #expect(check.stdout.contains("--- /dev/null"))
        #expect(check.stdout.contains("+++ /dev/null"))
        let build = try RunbookProcess.run(["build", guide, "--out", out.path] + quiet)
        #expect(build.status == 0)
        #expect(!FileManager.default.fileExists(atPath: stale.path))
        #expect(FileManager.default.fileExists(atPath: removed.path))
    }

    @Test func handEditedAndForeignFilesAreNotOverwritten() throws {
        let out = try RunbookProcess.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: out) }
        #expect(try RunbookProcess.run(["build", guide, "--out", out.path] + quiet).status == 0)
        let script = out.appendingPathComponent("redshift-data-graph/permissions-option-1_step-3-4-2-option-1.sql")
        let edited = try read(script).replacingOccurrences(
            of: "CREATE ROLE segment_linked_role;", with: "CREATE ROLE my_role;")
        try Data(edited.utf8).write(to: script)

        let refused = try RunbookProcess.run(["build", guide, "--out", out.path, "--set", "devices=iot"])
        #expect(refused.status == 2)
        #expect(refused.stderr.contains("edited by hand"))
        #expect(refused.stderr.contains(script.lastPathComponent))
        #expect(try read(script) == edited)

        let forced = try RunbookProcess.run(
            ["build", guide, "--out", out.path, "--set", "devices=iot", "--force"] + quiet)
        #expect(forced.status == 0)
        #expect(try read(script).contains("SCHEMA iot"))

        let checklist = out.appendingPathComponent(
            "redshift-data-graph/permissions-option-1_step-3-4-2-option-1.checklist.md")
        try Data("my own notes\n".utf8).write(to: checklist)
        let foreign = try RunbookProcess.run(["build", guide, "--out", out.path])
        #expect(foreign.status == 2)
        #expect(foreign.stderr.contains("was not written by runbook"))
        #expect(try read(checklist) == "my own notes\n")
    }

    /// Outputs are byte-identical for identical input, wherever the build runs.
    @Test func outputsAreIdenticalInDifferentFolders() throws {
        var trees: [[String: Data]] = []
        for _ in 0..<2 {
            let work = try RunbookProcess.temporaryDirectory()
            defer { try? FileManager.default.removeItem(at: work) }
            try FileManager.default.createDirectory(
                at: work.appendingPathComponent("runbooks"), withIntermediateDirectories: true)
            try FileManager.default.copyItem(
                at: RunbookProcess.packageRoot.appendingPathComponent(guide),
                to: work.appendingPathComponent(guide))
            let result = try RunbookProcess.run(["build", "runbooks", "--out", "out"] + quiet, in: work)
            #expect(result.status == 0, "\(result.stderr)")
            var tree: [String: Data] = [:]
            let root = work.appendingPathComponent("out")
            for name in try FileManager.default.subpathsOfDirectory(atPath: root.path).sorted() {
                let url = root.appendingPathComponent(name)
                var isDirectory: ObjCBool = false
                if FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory), !isDirectory.boolValue {
                    tree[name] = try Data(contentsOf: url)
                }
            }
            trees.append(tree)
        }
        #expect(trees[0].count >= 8)
        #expect(trees[0] == trees[1])
        for (name, data) in trees[0] {
            #expect(!String(decoding: data, as: UTF8.self).contains("/tmp/"), "an absolute path in \(name)")
        }
    }
}
