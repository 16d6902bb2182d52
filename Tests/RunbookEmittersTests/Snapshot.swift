import Foundation
import RunbookDriver
import Testing

/// Golden files beside the tests: `Snapshots/NAME`. `RECORD_SNAPSHOTS=1` re-records them (review the diff
/// before committing); otherwise a mismatch fails with a unified diff.
enum Snapshot {
    static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent(
        "Snapshots")

    static func assertMatches(
        _ actual: String, named name: String, sourceLocation: Testing.SourceLocation = #_sourceLocation
    ) {
        let url = directory.appendingPathComponent(name)
        if ProcessInfo.processInfo.environment["RECORD_SNAPSHOTS"] == "1" {
            try? FileManager.default.createDirectory(
                at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try? Data(actual.utf8).write(to: url)
            return
        }
        guard let data = FileManager.default.contents(atPath: url.path) else {
            Issue.record(
                "missing golden file Snapshots/\(name); record it with RECORD_SNAPSHOTS=1",
                sourceLocation: sourceLocation)
            return
        }
        let expected = String(decoding: data, as: UTF8.self)
        if expected != actual {
            let diff = UnifiedDiff.diff(old: expected, new: actual, oldName: "Snapshots/\(name)", newName: "actual")
            Issue.record(
                "golden file Snapshots/\(name) differs (RECORD_SNAPSHOTS=1 re-records):\n\(diff)",
                sourceLocation: sourceLocation)
        }
    }
}

/// The package root, found from this file.
let packageRoot = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
