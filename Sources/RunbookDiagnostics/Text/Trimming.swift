// Small word-level helpers that the model's prose patterns and the SQL stage's outline both read with.
extension StringProtocol {
    /// The text without the Characters of `set` at either end. In ASCII text with no carriage return every
    /// byte is a Character of its own (only CR LF joins two ASCII characters), so the ends are found from the
    /// bytes; other text is walked by Characters, where `"\r\n"` is one Character (which `" \t\r"` does not
    /// hold).
    package func trimmingCharacters(_ set: String) -> String {
        let text = Substring(self)
        // The set's one-byte Characters: the only ones such text can hold.
        let members = set.compactMap { $0.utf8.count == 1 ? $0.utf8.first : nil }
        let ends: (Int, Int)? =
            text.utf8.withContiguousStorageIfAvailable { bytes in
                guard !bytes.contains(where: { $0 >= 0x80 || $0 == 0x0D }) else { return nil }
                var lower = 0
                var upper = bytes.count
                while lower < upper, members.contains(bytes[lower]) { lower += 1 }
                while lower < upper, members.contains(bytes[upper - 1]) { upper -= 1 }
                return (lower, upper)
            } ?? nil
        guard let (lower, upper) = ends else {
            var slice = text
            while let first = slice.first, set.contains(first) { slice = slice.dropFirst() }
            while let last = slice.last, set.contains(last) { slice = slice.dropLast() }
            return String(slice)
        }
        let start = text.utf8.index(text.startIndex, offsetBy: lower)
        return String(text[start..<text.utf8.index(start, offsetBy: upper - lower)])
    }

    /// A plain SQL identifier: a letter or underscore, then letters, digits, underscores; with at least
    /// one underscore or digit, or all lower-case (so that prose words like "Segment" are not taken).
    package var isSQLIdentifierLike: Bool {
        guard let first = unicodeScalars.first,
            first == "_" || ("a"..."z").contains(first) || ("A"..."Z").contains(first)
        else { return false }
        let valid = unicodeScalars.allSatisfy {
            $0 == "_" || ("a"..."z").contains($0) || ("A"..."Z").contains($0) || ("0"..."9").contains($0)
        }
        return valid && (contains("_") || self == lowercased())
    }
}
