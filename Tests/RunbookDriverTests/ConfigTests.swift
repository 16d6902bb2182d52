import Foundation
import RunbookDiagnostics
import RunbookDriver
import RunbookSQL
import Testing

@Suite struct GlobTests {
    @Test(arguments: [
        ("*.md", "a.md", true), ("*.md", "x/a.md", false), ("**/*.md", "a.md", true), ("**/*.md", "x/y/a.md", true),
        ("docs/**", "docs/a/b.md", true), ("docs/**", "other/a.md", false), ("src/?.md", "src/a.md", true),
        ("src/*_includes*/**", "src/_includes/x.md", true), ("a*b*c", "aXbYc", true), ("a*b*c", "aXbY", false),
    ])
    func matching(pattern: String, path: String, expected: Bool) {
        #expect(Glob(pattern).matches(path) == expected)
    }
}

@Suite struct ConfigTests {
    func tree(_ files: [String: String]) throws -> URL {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("runbook-config-\(UUID().uuidString)")
        for (path, text) in files {
            let url = root.appendingPathComponent(path)
            try FileManager.default.createDirectory(
                at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(text.utf8).write(to: url)
        }
        return root
    }

    @Test func configIsFoundByWalkingUpAndSelectsFiles() throws {
        let root = try tree([
            "runbook.yml": """
            exclude: ["vendor/**"]
            dialects:
              "pg/**": postgres
            parameters:
              schema_name: analytics
            rules:
              disable: [block.not-checked]
              severity:
                sql.password-literal: error
            """,
            "docs/a.md": "# a\n",
            "pg/b.md": "# b\n",
            "vendor/c.md": "# c\n",
        ])
        defer { try? FileManager.default.removeItem(at: root) }
        let files = try Workspace.files([root.path])
        #expect(files.map { URL(fileURLWithPath: $0.path).lastPathComponent } == ["a.md", "b.md"])
        let config = try #require(files[1].config)
        #expect(config.dialect(for: files[1].path) == .postgres)
        #expect(config.dialect(for: files[0].path) == nil)
        #expect(config.parameters == ["schema_name": "analytics"])
        #expect(config.policy.disabledRules == [RuleID(rawValue: "block.not-checked")])
        #expect(config.policy.severityOverrides[RuleID(rawValue: "sql.password-literal")] == .error)
        // A file named explicitly follows include/exclude too (a pre-commit hook names every staged file),
        // unless --force-include.
        let excluded = root.appendingPathComponent("vendor/c.md").path
        #expect(try Workspace.files([excluded]).isEmpty)
        #expect(try Workspace.files([excluded], forceInclude: true).count == 1)
    }

    @Test(arguments: [
        ("dialect: oracle\n", "unknown dialect 'oracle'"),
        ("rules:\n  disable: [sql.pasword-literal]\n", "did you mean 'sql.password-literal'"),
        ("rules:\n  severity:\n    sql.syntax: fatal\n", "unknown severity 'fatal'"),
        ("include: 3\n", "not a valid runbook configuration"),
    ])
    func badConfigIsAUsageError(text: String, message: String) throws {
        let root = try tree(["runbook.yml": text, "a.md": "# a\n"])
        defer { try? FileManager.default.removeItem(at: root) }
        #expect {
            try Workspace.files([root.path])
        } throws: { error in
            (error as? UsageError)?.message.contains(message) == true
        }
    }

    @Test func commandLinePolicyWinsOverConfig() {
        let config = DiagnosticPolicy(disabledRules: ["a"], severityOverrides: ["b": .note, "c": .note])
        let cli = DiagnosticPolicy(warningsAsErrors: true, disabledRules: ["d"], severityOverrides: ["b": .error])
        let merged = cli.merged(with: config)
        #expect(merged.warningsAsErrors)
        #expect(merged.disabledRules == ["a", "d"])
        #expect(merged.severityOverrides == ["b": .error, "c": .note])
    }
}
