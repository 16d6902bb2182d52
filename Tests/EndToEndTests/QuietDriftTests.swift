import Foundation
import Testing

/// A generated file records what it was made from, not the whole guide: an edit changes exactly the outputs
/// it reaches.
@Suite struct QuietDriftTests {
    static let guide = "runbooks/redshift-data-graph.md"

    /// Builds the guide with `edit` applied to its text; returns every output file's contents by name.
    func build(_ work: URL, edit: (String) -> String = { $0 }) throws -> [String: String] {
        let source = try String(
            contentsOf: RunbookProcess.packageRoot.appendingPathComponent(Self.guide), encoding: .utf8)
        let edited = edit(source)
        #expect(
            edited.split(separator: "\n", omittingEmptySubsequences: false).count
                == source.split(separator: "\n", omittingEmptySubsequences: false).count, "an edit in place: lines stay"
        )
        try Data(edited.utf8).write(to: work.appendingPathComponent("redshift-data-graph.md"))
        let result = try RunbookProcess.run(["build", "redshift-data-graph.md", "--out", "out"], in: work)
        #expect(result.status == 1, "the guide has errors, and the outputs are written: \(result.stderr)")
        let folder = work.appendingPathComponent("out/redshift-data-graph")
        var files: [String: String] = [:]
        for name in try FileManager.default.contentsOfDirectory(atPath: folder.path) {
            files[name] = try String(contentsOf: folder.appendingPathComponent(name), encoding: .utf8)
        }
        return files
    }

    func changed(_ old: [String: String], _ new: [String: String]) -> [String] {
        Set(old.keys).union(new.keys).filter { old[$0] != new[$0] }.sorted()
    }

    /// Replaces the first occurrence only.
    func replacingFirst(_ text: String, _ target: String, _ replacement: String) -> String {
        guard let range = text.range(of: target) else {
            Issue.record("'\(target)' is not in the guide")
            return text
        }
        return text.replacingCharacters(in: range, with: replacement)
    }

    @Test func anEditChangesOnlyTheOutputsItReaches() throws {
        let work = try RunbookProcess.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: work) }
        let original = try build(work)
        #expect(original.count == 9)

        // A paragraph that no plan holds: the page alone changes.
        let pageOnly = try build(work) {
            replacingFirst($0, "last modified: 14 May 2025", "last modified: 15 May 2025")
        }
        #expect(changed(original, pageOnly) == ["index.html"])
        let gate = try RunbookProcess.run(["build", "redshift-data-graph.md", "--out", "out", "--check"], in: work)
        #expect(gate.stdout.isEmpty, "in sync after the rebuild")

        // A comment of a block that one variant runs: that variant's script (checklists leave comments out),
        // and the page.
        let oneVariant = try build(work) {
            replacingFirst(
                replacingFirst($0, "last modified: 14 May 2025", "last modified: 15 May 2025"),
                "--for access to the full devices SCHEMA", "--for access to the whole devices SCHEMA")
        }
        let slug = "permissions-option-1_step-3-4-2-option-1"
        #expect(changed(pageOnly, oneVariant) == ["index.html", "\(slug).sql"])
        #expect(oneVariant["\(slug).sql"]?.contains("--for access to the whole devices SCHEMA") == true)

        // Hand edits are still caught by the file's own checksum.
        let script = work.appendingPathComponent("out/redshift-data-graph/\(slug).sql")
        try Data((oneVariant["\(slug).sql"] ?? "").replacingOccurrences(of: "segment_user", with: "someone").utf8)
            .write(to: script)
        let refused = try RunbookProcess.run(["build", "redshift-data-graph.md", "--out", "out"], in: work)
        #expect(refused.status == 2)
        #expect(refused.stderr.contains("edited by hand"))
    }
}
