import Foundation
import RunbookDiagnostics
import RunbookModel
import RunbookPrivileges
import RunbookSQL
import Testing

import struct RunbookDiagnostics.SourceLocation

/// The transcribed source guide: its mistakes found, its promises kept where the SQL is right.
@Suite struct GuideTests {
    static let packageRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    static func guide() throws -> Compiled {
        let path = packageRoot.appendingPathComponent("runbooks/redshift-data-graph.md").path
        return Compiled(try String(contentsOfFile: path, encoding: .utf8), path: "runbooks/redshift-data-graph.md")
    }

    @Test func dump() throws {
        let report = try Self.guide().analyze()
        for d in report.diagnostics {
            print("\(d.range.start): \(d.severity): \(d.message) [\(d.rule.rawValue)] \(d.variants)")
            for n in d.notes { print("    note: \(n.message) \(n.range.map { "\($0.start)" } ?? "")") }
        }
        for slug in report.results.keys.sorted() {
            print("== \(slug)")
            for p in report.results[slug]!.effective { print("  \(p.privilege) \(p.object) \(p.isUsable ? "" : "(unusable) ")— \(describe(p))") }
        }
    }
}
