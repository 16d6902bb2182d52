/// Maps a position inside a fenced block's text (what cmark-gfm hands over, indentation stripped)
/// to the position in the Markdown file.
///
/// Content line `l` of a fence that opens on Markdown line `fenceLine` sits on Markdown line
/// `fenceLine + l`. cmark strips the container's indentation (list items, block quotes) and the fence's
/// own indentation, so the column offset is found per line: the block's line is a suffix of the file's line.
package struct BlockPositionMap: Hashable, Sendable {
    /// The Markdown line of the opening fence.
    package var fenceLine: Int
    /// For each content line (0-based), how many UTF-8 bytes of the file's line precede it.
    package var lineOffsets: [Int]
    /// Offset used for lines that cannot be matched (cmark rewrote them, for example expanding a tab).
    package var fallbackOffset: Int

    package init(fenceLine: Int, lineOffsets: [Int], fallbackOffset: Int) {
        self.fenceLine = fenceLine
        self.lineOffsets = lineOffsets
        self.fallbackOffset = fallbackOffset
    }

    /// Builds the map from the block's literal text and the Markdown file's lines.
    /// - Parameters:
    ///   - fenceLine: 1-based line of the opening fence.
    ///   - fenceColumn: 1-based column of the opening fence's first character.
    ///   - literal: the block's content as cmark reports it.
    ///   - fileLines: the Markdown file split on line ends (without terminators), all lines of the file.
    package init(fenceLine: Int, fenceColumn: Int, literal: String, fileLines: [Substring]) {
        let fallback = max(0, fenceColumn - 1)
        var offsets: [Int] = []
        var lineIndex = fenceLine  // 0-based index of the first content line in fileLines
        for contentLine in FileDiagnostics.lines(of: literal) {
            defer { lineIndex += 1 }
            guard lineIndex < fileLines.count else {
                offsets.append(fallback)
                continue
            }
            let fileLine = fileLines[lineIndex]
            // Bytes, not characters: an offset is a count of bytes, and comparing characters costs far more.
            let content = contentLine.utf8.last == 0x0D ? contentLine.utf8.dropLast() : contentLine.utf8[...]
            let fileLineTrimmed = fileLine.utf8.last == 0x0D ? fileLine.utf8.dropLast() : fileLine.utf8[...]
            if !content.isEmpty, fileLineTrimmed.count >= content.count,
                Self.bytesEqual(fileLineTrimmed.suffix(content.count), content)
            {
                offsets.append(fileLineTrimmed.count - content.count)
            } else {
                offsets.append(fallback)
            }
        }
        self.init(fenceLine: fenceLine, lineOffsets: offsets, fallbackOffset: fallback)
    }

    /// Whether two runs of bytes are equal: compared in contiguous storage where the strings have it (native
    /// strings do), which costs a tenth of the generic comparison of UTF-8 views.
    private typealias Bytes = Substring.UTF8View.SubSequence

    private static func bytesEqual(_ first: Bytes, _ second: Bytes) -> Bool {
        let compared = first.withContiguousStorageIfAvailable { left in
            second.withContiguousStorageIfAvailable { right in
                left.count == right.count && zip(left, right).allSatisfy { $0 == $1 }
            }
        }
        return compared.flatMap { $0 } ?? first.elementsEqual(second)
    }

    /// The Markdown position of a 1-based (line, column) inside the block.
    package func location(line: Int, column: Int) -> SourceLocation {
        let offset = (line >= 1 && line <= lineOffsets.count) ? lineOffsets[line - 1] : fallbackOffset
        return SourceLocation(line: fenceLine + line, column: offset + column)
    }

    package func location(_ blockLocation: SourceLocation) -> SourceLocation {
        location(line: blockLocation.line, column: blockLocation.column)
    }

    package func range(_ blockRange: SourceRange) -> SourceRange {
        SourceRange(start: location(blockRange.start), end: location(blockRange.end))
    }
}
