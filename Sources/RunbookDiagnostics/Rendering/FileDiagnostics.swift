#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// One file's findings, ready to present: what every renderer takes, one value per file in the order
/// the files were given on the command line.
package struct FileDiagnostics: Hashable, Sendable {
    /// The path as the user gave it (relative paths stay relative: SARIF and GitHub need them so).
    package var path: String
    /// The file's lines without their terminators, for quoting source lines and fix-it text.
    package var lines: [Substring]
    /// Sorted with `Diagnostic.presentationOrder`.
    package var diagnostics: [Diagnostic]

    package init(path: String, lines: [Substring], diagnostics: [Diagnostic]) {
        self.path = path
        self.lines = lines
        self.diagnostics = diagnostics.sorted(by: Diagnostic.presentationOrder)
    }
}

// MARK: - Building from source text

extension FileDiagnostics {
    /// Splits `source` into lines on `\n`, dropping a `\r` before it, so CRLF files quote cleanly.
    package init(path: String, source: String, diagnostics: [Diagnostic]) {
        self.init(path: path, lines: FileDiagnostics.lines(of: source), diagnostics: diagnostics)
    }

    /// Splits on UTF-8 bytes: as Characters, `\r\n` is one grapheme and never equals `"\n"`.
    package static func lines(of source: String) -> [Substring] {
        // Offsets of the line ends first (memchr over the bytes), then one slice per line.
        var ends: [(end: Int, next: Int)] = []
        let count = withBytes(of: source) { bytes -> Int in
            guard let base = bytes.baseAddress else { return 0 }
            var start = 0
            while start < bytes.count, let hit = memchr(base + start, 0x0A, bytes.count - start) {
                let newline = UnsafeRawPointer(hit) - UnsafeRawPointer(base)
                let end = newline > start && bytes[newline - 1] == 0x0D ? newline - 1 : newline
                ends.append((end, newline + 1))
                start = newline + 1
            }
            return bytes.count
        }
        ends.append((count, count))
        let utf8 = source.utf8
        var lines: [Substring] = []
        lines.reserveCapacity(ends.count)
        var lineStart = utf8.startIndex
        var lineStartOffset = 0
        for (end, next) in ends {
            let lineEnd = utf8.index(lineStart, offsetBy: end - lineStartOffset)
            lines.append(source[lineStart..<lineEnd])
            lineStart = utf8.index(lineStart, offsetBy: next - lineStartOffset)
            lineStartOffset = next
        }
        return lines
    }
}

// MARK: - Reading the source

extension FileDiagnostics {
    /// The 1-based line `number`, or nil when the file has no such line.
    package func line(_ number: Int) -> Substring? {
        guard number >= 1, number <= lines.count else { return nil }
        return lines[number - 1]
    }

    /// The text a range covers, lines joined with `\n`; nil when the range leaves the file.
    /// Columns are UTF-8 byte offsets; a column past the end of its line is clamped to the line end.
    package func text(in range: SourceRange) -> String? {
        guard let first = line(range.start.line), line(range.end.line) != nil else { return nil }
        if range.start.line == range.end.line {
            return bytes(of: first, from: range.start.column, to: range.end.column)
        }
        var pieces = [bytes(of: first, from: range.start.column, to: nil)]
        if range.end.line - range.start.line > 1 {
            for number in (range.start.line + 1)..<range.end.line {
                pieces.append(String(lines[number - 1]))
            }
        }
        pieces.append(bytes(of: lines[range.end.line - 1], from: 1, to: range.end.column))
        return pieces.joined(separator: "\n")
    }

    /// Decodes the bytes between two columns; a column inside a multi-byte character decodes as U+FFFD.
    private func bytes(of line: Substring, from startColumn: Int, to endColumn: Int?) -> String {
        let utf8 = line.utf8
        let lower =
            utf8.index(utf8.startIndex, offsetBy: max(0, startColumn - 1), limitedBy: utf8.endIndex)
            ?? utf8.endIndex
        var upper = utf8.endIndex
        if let endColumn {
            upper =
                utf8.index(utf8.startIndex, offsetBy: max(0, endColumn - 1), limitedBy: utf8.endIndex)
                ?? utf8.endIndex
        }
        guard lower < upper else { return "" }
        return String(decoding: utf8[lower..<upper], as: UTF8.self)
    }
}
