/// A 1-based position in a source file. Columns count UTF-8 bytes, as cmark-gfm and most compilers do.
public struct SourceLocation: Hashable, Sendable, Comparable, Codable {
    public var line: Int
    public var column: Int

    public init(line: Int, column: Int) {
        self.line = line
        self.column = column
    }
}

// MARK: - Comparable

extension SourceLocation {
    public static func < (lhs: SourceLocation, rhs: SourceLocation) -> Bool {
        (lhs.line, lhs.column) < (rhs.line, rhs.column)
    }
}

// MARK: - CustomStringConvertible

extension SourceLocation: CustomStringConvertible {
    public var description: String { "\(line):\(column)" }
}

/// A half-open range of positions in one file; `end` is the position just past the last character.
public struct SourceRange: Hashable, Sendable, Codable {
    public var start: SourceLocation
    public var end: SourceLocation

    public init(start: SourceLocation, end: SourceLocation) {
        self.start = start
        self.end = max(start, end)
    }

    public init(_ location: SourceLocation) {
        self.init(start: location, end: SourceLocation(line: location.line, column: location.column + 1))
    }
}
