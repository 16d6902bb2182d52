import Foundation
import Testing

/// `runbook build --templates DIR` and `--unsafe-html` from the command line (no browser needed).
@Suite struct BrowserTemplateTests {
    let guide = "runbooks/redshift-data-graph.md"

    @Test func ownTemplatesReplaceTheBuiltInOnes() throws {
        let folder = try RunbookProcess.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let templates = folder.appendingPathComponent("templates")
        try FileManager.default.createDirectory(at: templates, withIntermediateDirectories: true)
        try Data("main { font-family: serif; }\n".utf8).write(to: templates.appendingPathComponent("style.css"))
        let out = folder.appendingPathComponent("out")
        let result = try RunbookProcess.run(["build", guide, "--out", out.path, "--templates", templates.path])
        #expect(result.status == 1, "written; the guide has errors: \(result.stderr)")
        let page = try String(contentsOf: out.appendingPathComponent("redshift-data-graph/index.html"), encoding: .utf8)
        #expect(page.contains("<style>main { font-family: serif; }\n</style>"))
        #expect(page.contains("<script>(function () {"), "the built-in script stays")
        #expect(!page.contains("Abc123"))
    }

    @Test func aBrokenTemplateIsAUsageError() throws {
        let folder = try RunbookProcess.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        try Data("<html><script>{{{script}}}</script>{{#open}}".utf8)
            .write(to: folder.appendingPathComponent("page.html.mustache"))
        let result = try RunbookProcess.run([
            "build", guide, "--out", folder.appendingPathComponent("out").path, "--templates", folder.path,
        ])
        #expect(result.status == 2)
        #expect(
            result.stderr.contains("page.html.mustache must contain <style>{{{style}}}</style>"), "\(result.stderr)")
        #expect(result.stderr.split(separator: "\n").count == 1)
        let missing = try RunbookProcess.run(["build", guide, "--out", "/tmp/x", "--templates", "/no/such/folder"])
        #expect(missing.status == 2)
        #expect(missing.stderr.contains("--templates /no/such/folder: no such directory"))
    }

    @Test func checkReportsADriftedPage() throws {
        let out = try RunbookProcess.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: out) }
        _ = try RunbookProcess.run(["build", guide, "--out", out.path])
        let clean = try RunbookProcess.run(["build", guide, "--out", out.path, "--check"])
        #expect(clean.stdout.isEmpty, "in sync: \(clean.stdout)")
        let page = out.appendingPathComponent("redshift-data-graph/index.html")
        try Data("edited by hand\n".utf8).write(to: page)
        let drift = try RunbookProcess.run(["build", guide, "--out", out.path, "--check"])
        #expect(drift.status == 1)
        #expect(drift.stdout.contains("redshift-data-graph/index.html"))
    }
}
