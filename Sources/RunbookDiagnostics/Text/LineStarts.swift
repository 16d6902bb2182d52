/// Where each line of a file starts, in bytes: turns the line-and-column positions the stages report into
/// byte offsets in the file, for tools that edit or index by offset (editors applying fix-its, SARIF's
/// `byteOffset`, the JSON output's `offset`).
package struct LineStarts: Sendable, Hashable {
    /// The byte offset of each line's first byte; line 1 starts at 0.
    package private(set) var starts: [Int]
    /// The file's length in bytes.
    package let count: Int

    package init(_ bytes: [UInt8]) {
        var starts = [0]
        for (index, byte) in bytes.enumerated() where byte == UInt8(ascii: "\n") { starts.append(index + 1) }
        self.starts = starts
        self.count = bytes.count
    }
}

// MARK: - Offsets

extension LineStarts {
    /// The byte offset of a 1-based line and byte column (a position just past a line's last character is its
    /// terminator's offset); nil for a position the file does not have, so a stale range is never used.
    package func offset(of location: SourceLocation) -> Int? {
        guard location.line >= 1, location.line <= starts.count, location.column >= 1 else { return nil }
        let start = starts[location.line - 1]
        let lineEnd = location.line < starts.count ? starts[location.line] - 1 : count
        let offset = start + location.column - 1
        return offset <= lineEnd ? offset : nil
    }

    /// The byte range a range covers; nil when it leaves the file.
    package func offsets(of range: SourceRange) -> Range<Int>? {
        guard let lower = offset(of: range.start), let upper = offset(of: range.end) else { return nil }
        return lower..<max(lower, upper)
    }

    /// The diagnostics with their byte offsets, and their fix-its', filled in.
    package func locating(_ diagnostics: [Diagnostic]) -> [Diagnostic] {
        diagnostics.map { diagnostic in
            var located = diagnostic
            located.offsets = offsets(of: diagnostic.range)
            located.fixIts = diagnostic.fixIts.map { fixIt in
                var edit = fixIt
                edit.offsets = offsets(of: fixIt.range)
                return edit
            }
            return located
        }
    }
}
