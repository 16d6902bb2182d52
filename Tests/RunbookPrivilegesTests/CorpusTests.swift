import Foundation
import RunbookDiagnostics
import RunbookPrivileges
import RunbookSQL
import Testing

import struct RunbookDiagnostics.SourceLocation

/// Real documentation nobody here wrote (`RUNBOOK_CORPUS`, default `../shared/corpus`): analysed without a crash.
@Suite struct CorpusTests {
    static let corpus: URL? = {
        let environment = ProcessInfo.processInfo.environment["RUNBOOK_CORPUS"]
        let url =
            environment.map(URL.init(fileURLWithPath:))
            ?? GuideTests.packageRoot.deletingLastPathComponent().appendingPathComponent("shared/corpus")
        return FileManager.default.fileExists(atPath: url.path) ? url : nil
    }()

    static func pages() -> [URL] {
        guard let corpus, let enumerator = FileManager.default.enumerator(at: corpus, includingPropertiesForKeys: nil)
        else { return [] }
        return enumerator.compactMap { $0 as? URL }.filter {
            $0.pathExtension == "md" && $0.lastPathComponent != "README.md"
        }
        .sorted { $0.path < $1.path }
    }

    @Test func everyPageIsAnalysed() throws {
        guard Self.corpus != nil else {
            print("CorpusTests skipped: no corpus at RUNBOOK_CORPUS or ../shared/corpus")
            return
        }
        for page in Self.pages() {
            let compiled = Compiled(
                try String(contentsOf: page, encoding: .utf8), path: page.lastPathComponent, classify: true)
            let report = compiled.analyze()
            // These pages hold no privilege mistake the simulator can prove; anything above a note is a false alarm.
            for diagnostic in report.diagnostics where diagnostic.severity != .note {
                Issue.record(
                    Comment(
                        rawValue: "\(page.lastPathComponent):\(diagnostic.range.start): "
                            + "\(diagnostic.message) [\(diagnostic.rule.rawValue)]"))
            }
            #expect(report.results.count == compiled.runbook.variants.count)
        }
    }
}
