import Foundation
import RunbookDiagnostics
import RunbookDriver
import RunbookSQL
import Testing

import struct RunbookDiagnostics.SourceLocation

@Suite struct UnifiedDiffTests {
    @Test func identicalTextsHaveNoDiff() {
        #expect(UnifiedDiff.diff(old: "a\nb\n", new: "a\nb\n", oldName: "x", newName: "y").isEmpty)
    }

    @Test func changedLineWithContext() {
        let old = (1...10).map { "line \($0)" }.joined(separator: "\n") + "\n"
        let new = old.replacingOccurrences(of: "line 5\n", with: "line five\n")
        #expect(
            UnifiedDiff.diff(old: old, new: new, oldName: "a", newName: "b") == """
                --- a
                +++ b
                @@ -2,7 +2,7 @@
                 line 2
                 line 3
                 line 4
                -line 5
                +line five
                 line 6
                 line 7
                 line 8

                """)
    }

    @Test func newFile() {
        #expect(
            UnifiedDiff.diff(old: "", new: "x\n", oldName: "/dev/null", newName: "b") == """
                --- /dev/null
                +++ b
                @@ -0,0 +1,1 @@
                +x

                """)
    }
}

@Suite struct ParameterArgumentTests {
    @Test func pairs() throws {
        #expect(try ParameterArguments.parse(["a=b", "c=d=e"]) == ["a": "b", "c": "d=e"])
    }

    @Test(arguments: ["novalue", "=x", "a=", "a=x\ny"])
    func malformed(argument: String) {
        #expect(throws: UsageError.self) { try ParameterArguments.parse([argument]) }
    }
}

@Suite struct SecretRedactionTests {
    @Test func passwordsNeverReachDiagnosticsOrQuotedLines() throws {
        let text = """
            ## Step 1: Users

            ```sql
            CREATE USER u1 PASSWORD 'Sup3rSecret';
            CREATE USER u2 PASSWORD "Other9Secret";
            ```
            """
        let compiled = RunbookCompiler().compile(path: "t.md", bytes: Array(text.utf8))
        #expect(!compiled.diagnostics.isEmpty)
        let rendered = TextRenderer(colors: false).render(
            [FileDiagnostics(path: "t.md", lines: compiled.displayLines, diagnostics: compiled.diagnostics)],
            rules: Rule.catalog)
        #expect(!rendered.contains("Sup3rSecret"))
        #expect(!rendered.contains("Other9Secret"))
        #expect(compiled.displayLines[3] == "CREATE USER u1 PASSWORD '***********';")
        #expect(compiled.secrets.map(\.variable) == ["u1_password", "u2_password"])
    }
}

@Suite struct InputFileTests {
    @Test func directoriesAreSearchedRecursivelyAndSorted() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("runbook-inputs-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: root) }
        for path in ["b.md", "a/z.markdown", "a/y.txt", ".hidden/x.md", "a/c.MD"] {
            let url = root.appendingPathComponent(path)
            try FileManager.default.createDirectory(
                at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data("# x\n".utf8).write(to: url)
        }
        let found = try InputFiles.discover([root.path]).map { String($0.dropFirst(root.path.count + 1)) }
        #expect(found == ["a/c.MD", "a/z.markdown", "b.md"])
        #expect(throws: UsageError.self) { try InputFiles.discover([root.appendingPathComponent("missing").path]) }
    }
}

@Suite struct RuleDocumentTests {
    /// docs/rules.md lists exactly the catalog; RECORD_SNAPSHOTS=1 rewrites it.
    @Test func rulesDocumentIsUpToDate() throws {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("docs/rules.md")
        let expected = RuleDocument.markdown()
        if ProcessInfo.processInfo.environment["RECORD_SNAPSHOTS"] == "1" {
            try Data(expected.utf8).write(to: url)
        }
        let actual = try String(contentsOf: url, encoding: .utf8)
        #expect(
            actual == expected,
            "docs/rules.md is out of date:\n\(UnifiedDiff.diff(old: actual, new: expected, oldName: "docs/rules.md", newName: "catalog"))"
        )
        let ids = Rule.catalog.map(\.id.rawValue)
        #expect(Set(ids).count == ids.count, "two rules share an id")
        for id in ids {
            #expect(id.range(of: #"^[a-z]+(\.[a-z0-9-]+)+$"#, options: .regularExpression) != nil, "\(id)")
        }
    }

    /// `runbook rules ID` and SARIF's help need a page for every rule: why, an example, the fix.
    @Test func everyRuleHasAPage() {
        for rule in Rule.catalog {
            let help = RuleHelp.pages[rule.id]
            #expect(help != nil, "no RuleHelp page for \(rule.id.rawValue)")
            if let help {
                #expect(!help.why.isEmpty && !help.example.isEmpty && !help.fix.isEmpty, "\(rule.id.rawValue)")
            }
        }
        let unknown = Set(RuleHelp.pages.keys).subtracting(Rule.catalog.map(\.id))
        #expect(unknown.isEmpty, "pages for rules that do not exist: \(unknown.map(\.rawValue).sorted())")
    }

    @Test func aPageHasEveryPartAndSARIFCarriesIt() throws {
        let rule = try #require(Rule.catalog.first { $0.id == "sql.password-literal" })
        let page = RuleDocument.page(rule)
        #expect(page.hasPrefix("sql.password-literal (warning)\n"))
        for part in ["Why: ", "Example:", "    CREATE USER u PASSWORD 'Secret123';", "Fix: "] {
            #expect(page.contains(part), "\(part)")
        }
        let descriptions = RuleDocument.descriptions(baseURL: "https://example.invalid/docs/rules.md")
        let description = try #require(descriptions[rule.id])
        #expect(description.helpURI == "https://example.invalid/docs/rules.md#sql.password-literal")
        #expect(RuleDocument.descriptions(baseURL: nil)[rule.id]?.helpURI == nil)
        let sarif = SARIFRenderer(toolVersion: "1", descriptions: descriptions).render([], rules: Rule.catalog)
        #expect(sarif.contains("\"fullDescription\""))
        #expect(sarif.contains("\"helpUri\": \"https://example.invalid/docs/rules.md#sql.password-literal\""))
        #expect(sarif.contains("\"markdown\""))
    }
}

/// What a pre-commit hook passes (every staged Markdown file) is filtered like a directory walk: runbook.yml's
/// include/exclude and the files runbook generated, unless `--force-include`.
@Suite struct WorkspaceFilterTests {
    @Test func namedFilesFollowTheConfigAndGeneratedFilesAreSkipped() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("runbook-ws-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: root) }
        func write(_ path: String, _ text: String) throws {
            let url = root.appendingPathComponent(path)
            try FileManager.default.createDirectory(
                at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(text.utf8).write(to: url)
        }
        try write("runbook.yml", "exclude: [\"drafts/**\"]\n")
        try write("docs/guide.md", "# Guide\n")
        try write("drafts/idea.md", "# Idea\n")
        let checklist = "docs/guide.checklist.md"
        try write(checklist, GeneratedFile.stamped("# Checklist\n\n- [ ] Step 1\n", path: checklist))
        // A hand-written page that merely mentions the stamp is not generated.
        try write("docs/about.md", "The stamp is `runbook-checksum: sha256:` on the last line.\n\nMore text.\n")
        func names(_ files: [WorkspaceFile]) -> [String] {
            files.map { String($0.path.dropFirst(root.path.count + 1)) }.sorted()
        }
        #expect(names(try Workspace.files([root.path])) == ["docs/about.md", "docs/guide.md"])
        let named = ["docs/guide.md", "drafts/idea.md", checklist, "docs/about.md"].map {
            root.appendingPathComponent($0).path
        }
        #expect(names(try Workspace.files(named)) == ["docs/about.md", "docs/guide.md"])
        #expect(
            names(try Workspace.files(named, forceInclude: true)) == [
                "docs/about.md", "docs/guide.checklist.md", "docs/guide.md", "drafts/idea.md",
            ])
    }
}
