package import RunbookDiagnostics

/// Converts between the project's positions (1-based lines, 1-based columns in UTF-8 bytes) and the
/// protocol's (0-based lines, 0-based columns in UTF-16 code units) for one version of a document. Lines
/// end at `\n` (a `\r` before it is not part of the line), as in the rest of the project.
package struct LineIndex: Sendable {
    private let bytes: [UInt8]
    /// The byte offset where each line starts.
    private let lineStarts: [Int]

    package init(_ bytes: [UInt8]) {
        self.bytes = bytes
        var starts = [0]
        for index in bytes.indices where bytes[index] == 0x0A { starts.append(index + 1) }
        self.lineStarts = starts
    }

    package var lineCount: Int { lineStarts.count }

    /// The bytes of line `line` (0-based) without its terminator.
    private func bounds(ofLine line: Int) -> (start: Int, end: Int) {
        let start = lineStarts[line]
        var end = line + 1 < lineStarts.count ? lineStarts[line + 1] - 1 : bytes.count
        if end > start, bytes[end - 1] == 0x0D { end -= 1 }
        return (start, end)
    }

    // MARK: - Project positions to protocol positions

    /// The protocol position of a project location; past the end of a line is the line's end, past the
    /// last line is the document's end.
    package func position(_ location: SourceLocation) -> LSP.Position {
        guard location.line >= 1 else { return LSP.Position(line: 0, character: 0) }
        guard location.line <= lineStarts.count else {
            let last = lineStarts.count - 1
            let (start, end) = bounds(ofLine: last)
            return LSP.Position(line: last, character: Self.utf16Count(bytes[start..<end]))
        }
        let line = location.line - 1
        let (start, end) = bounds(ofLine: line)
        let column = min(max(location.column - 1, 0), end - start)
        return LSP.Position(line: line, character: Self.utf16Count(bytes[start..<start + column]))
    }

    /// The byte offset in the document of a project location, clamped to its line.
    package func byteOffset(_ location: SourceLocation) -> Int {
        guard location.line >= 1 else { return 0 }
        guard location.line <= lineStarts.count else { return bytes.count }
        let (start, end) = bounds(ofLine: location.line - 1)
        return start + min(max(location.column - 1, 0), end - start)
    }

    package func range(_ range: SourceRange) -> LSP.Range {
        LSP.Range(start: position(range.start), end: position(range.end))
    }

    /// UTF-16 code units of UTF-8 bytes: one per scalar, two for a scalar beyond the BMP (a 4-byte sequence).
    static func utf16Count(_ slice: ArraySlice<UInt8>) -> Int {
        var count = 0
        for byte in slice where byte & 0xC0 != 0x80 { count += byte >= 0xF0 ? 2 : 1 }
        return count
    }

    // MARK: - Protocol positions to project positions

    /// The byte offset in the document of a protocol position. A character past the line's end means the
    /// end (as the protocol says); one that falls between the halves of a surrogate pair, the pair's start.
    package func offset(_ position: LSP.Position) -> Int {
        guard position.line >= 0 else { return 0 }
        guard position.line < lineStarts.count else { return bytes.count }
        let (start, end) = bounds(ofLine: position.line)
        var index = start
        var units = 0
        while index < end, units < position.character {
            let lead = bytes[index]
            let length = lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : lead >= 0xC0 ? 2 : 1
            let width = length == 4 ? 2 : 1
            if units + width > position.character { break }
            units += width
            index = min(index + length, end)
        }
        return index
    }

    package func location(_ position: LSP.Position) -> SourceLocation {
        let offset = offset(position)
        let line = max(0, min(position.line, lineStarts.count - 1))
        return SourceLocation(line: line + 1, column: offset - lineStarts[line] + 1)
    }
}
