/// A 1-based position in a source file. Columns count UTF-8 bytes, as cmark-gfm and most compilers do.
package struct SourceLocation: Hashable, Sendable, Comparable, Codable {
    package var line: Int
    package var column: Int

    package init(line: Int, column: Int) {
        self.line = line
        self.column = column
    }
}

// MARK: - Comparable

extension SourceLocation {
    package static func < (lhs: SourceLocation, rhs: SourceLocation) -> Bool {
        (lhs.line, lhs.column) < (rhs.line, rhs.column)
    }
}

// MARK: - CustomStringConvertible

extension SourceLocation: CustomStringConvertible {
    package var description: String { "\(line):\(column)" }
}

/// A half-open range of positions in one file; `end` is the position just past the last character.
package struct SourceRange: Hashable, Sendable, Codable {
    package var start: SourceLocation
    package var end: SourceLocation

    package init(start: SourceLocation, end: SourceLocation) {
        self.start = start
        self.end = max(start, end)
    }

    package init(_ location: SourceLocation) {
        self.init(start: location, end: SourceLocation(line: location.line, column: location.column + 1))
    }
}
