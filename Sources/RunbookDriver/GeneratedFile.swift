import Foundation
import RunbookCompile
import RunbookDiagnostics

/// The stamp on every generated file: a last line carrying the SHA-256 of everything above it. It tells
/// a file `runbook build` wrote from one written by hand, and a generated file edited since.
package enum GeneratedFile {
    package enum State: Equatable, Sendable {
        /// Written by runbook and unchanged since.
        case generated
        /// Written by runbook, then edited.
        case editedByHand
        /// No stamp: not written by runbook.
        case foreign
    }

    static let marker = "runbook-checksum: sha256:"

    /// Whether the file at `path` ends with runbook's stamp: written by `runbook build` (edited since or not).
    /// Reads only the file's last bytes, so that walking a docs tree stays cheap.
    static func isStamped(path: String) -> Bool {
        guard let handle = FileHandle(forReadingAtPath: path) else { return false }
        defer { try? handle.close() }
        guard let size = try? handle.seekToEnd(), size > 0 else { return false }
        let tail = min(size, 256)
        guard (try? handle.seek(toOffset: size - tail)) != nil, let data = try? handle.readToEnd() else { return false }
        let text = String(decoding: data, as: UTF8.self)
        let body = text.hasSuffix("\n") ? text.dropLast() : Substring(text)
        // `splitLines` is `split(separator: "\n")` found with memchr (splitting by Characters cost 100,000
        // instructions a file).
        guard let lastLine = body.splitLines().last else { return false }
        return lastLine.containsBytes(marker)
    }

    /// The contents with the stamp line appended, in the comment syntax of the file's type.
    package static func stamped(_ contents: String, path: String) -> String {
        contents + stampLine(checksum: checksum(contents), path: path) + "\n"
    }

    package static func state(of existing: String) -> State {
        var body = Substring(existing)
        guard body.hasSuffix("\n") else { return .foreign }
        body = body.dropLast()
        guard let lastBreak = body.lastIndex(of: "\n") else { return .foreign }
        let stamp = body[body.index(after: lastBreak)...]
        guard let markerRange = stamp.range(of: marker) else { return .foreign }
        let recorded = stamp[markerRange.upperBound...].prefix(64)
        let content = String(existing[...lastBreak])
        return checksum(content) == recorded ? .generated : .editedByHand
    }

    static func stampLine(checksum: String, path: String) -> String {
        if path.hasSuffix(".sql") { return "-- \(marker)\(checksum)" }
        return "<!-- \(marker)\(checksum) -->"
    }

    static func checksum(_ text: String) -> String {
        Array(text.utf8).sha256Hex
    }
}
