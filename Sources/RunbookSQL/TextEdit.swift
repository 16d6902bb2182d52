/// A replacement of block bytes `offsets` by `replacement`: how translation and rewriting change a statement
/// while keeping every other byte as written.
struct TextEdit: Sendable, Hashable {
    var offsets: Range<Int>
    var replacement: String
}

// MARK: - Applying edits

extension Statement {
    /// The statement's text with `edits` applied. Edits outside the statement or overlapping an earlier edit
    /// are ignored, so a caller's mistake never corrupts the text.
    func applying(_ edits: [TextEdit]) -> String {
        let bytes = Array(text.utf8)
        let base = offsets.lowerBound
        var result: [UInt8] = []
        result.reserveCapacity(bytes.count)
        var cursor = 0
        for edit in edits.sorted(by: { $0.offsets.lowerBound < $1.offsets.lowerBound }) {
            let lower = edit.offsets.lowerBound - base
            let upper = edit.offsets.upperBound - base
            guard lower >= cursor, upper <= bytes.count, lower <= upper else { continue }
            result += bytes[cursor..<lower]
            result += Array(edit.replacement.utf8)
            cursor = upper
        }
        result += bytes[cursor...]
        return String(decoding: result, as: UTF8.self)
    }

    /// The token index whose offsets start at `offset`.
    func tokenIndex(startingAt offset: Int) -> Int? {
        tokens.firstIndex { $0.offsets.lowerBound == offset }
    }

    func tokenIndex(endingAt offset: Int) -> Int? {
        tokens.firstIndex { $0.offsets.upperBound == offset }
    }

    /// `offsets` widened to swallow the whitespace after them (for deleting a leading keyword).
    func withFollowingSpace(_ range: Range<Int>) -> Range<Int> {
        guard let last = tokenIndex(endingAt: range.upperBound), last + 1 < tokens.count,
            tokens[last + 1].kind == .whitespace
        else { return range }
        return range.lowerBound..<tokens[last + 1].offsets.upperBound
    }

    /// `offsets` widened to swallow the whitespace before them (for deleting a trailing clause).
    func withPrecedingSpace(_ range: Range<Int>) -> Range<Int> {
        guard let first = tokenIndex(startingAt: range.lowerBound), first > 0, tokens[first - 1].kind == .whitespace
        else { return range }
        return tokens[first - 1].offsets.lowerBound..<range.upperBound
    }

    /// The source text at block `range`.
    func source(_ range: Range<Int>) -> String {
        let bytes = Array(text.utf8)
        let lower = max(0, range.lowerBound - offsets.lowerBound)
        let upper = min(bytes.count, range.upperBound - offsets.lowerBound)
        guard lower < upper else { return "" }
        return String(decoding: bytes[lower..<upper], as: UTF8.self)
    }
}

/// `replacement` in the case style of `original`: lower case if the original keyword was written in lower case.
func matchingCase(_ replacement: String, like original: String) -> String {
    original == original.asciiLowercased ? replacement.asciiLowercased : replacement
}
