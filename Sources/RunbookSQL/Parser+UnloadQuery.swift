import RunbookDiagnostics

// UNLOAD's query is a string literal (`UNLOAD ('select * from venue where venuestate = ''NV''') TO …`,
// https://docs.aws.amazon.com/redshift/latest/dg/r_UNLOAD.html): its text is parsed as a query, and a mistake
// in it is reported at its place inside the string, so a typo there is not copied into a script unseen.
extension StatementParser {
    /// The first finding in the query that `literal` (a string or dollar-quoted string) holds, at its position
    /// in the block; nil when the query parses.
    func unloadQueryError(_ literal: Token) -> SyntaxError? {
        guard let query = UnloadQuery(literal, backslashEscapes: dialect.syntax.contains(.backslashEscapes)) else {
            return nil
        }
        let text = String(decoding: query.bytes, as: UTF8.self)
        let first = SQLLexer.tokenize(text, dialect: dialect).first { !$0.isTrivia }
        func notAQuery() -> SyntaxError {
            let found = first.map { "'\(SQLText.excerpt($0.text))'" } ?? "an empty string"
            return SyntaxError(
                ExpectedMessage(expected: "a SELECT query inside UNLOAD's string", found: found),
                at: first.map { query.blockRange($0.range) } ?? literal.range)
        }
        // UNLOAD's string holds a query, never another UNLOAD: so this recursion stops here.
        if let first, first.isKeyword(.unload) { return notAQuery() }
        let parsed = SQLParser.parse(text, dialect: dialect)
        guard let finding = parsed.diagnostics.first else {
            guard let first, first.isKeyword(oneOf: [.select, .with]) || first.isPunctuation("(") else {
                return notAQuery()
            }
            return nil
        }
        // A repair whose text needs quoting inside the string is left out rather than written unescaped.
        let fixIts = finding.fixIts.compactMap { fixIt -> FixIt? in
            guard !fixIt.replacement.contains("'"), !fixIt.replacement.contains("\\") else { return nil }
            var mapped = fixIt
            mapped.range = query.blockRange(fixIt.range)
            return mapped
        }
        let rule = Rule.sqlRules.first { $0.id == finding.rule } ?? .sqlSyntax
        return SyntaxError(
            InUnloadQueryMessage(rule: rule, finding: finding.message), at: query.blockRange(finding.range),
            fixIts: fixIts)
    }
}

/// The text between a literal's quotes with its escapes undone (`''` and, where the dialect reads them,
/// backslash escapes), and where each of its bytes is in the block.
struct UnloadQuery {
    /// The query's bytes.
    var bytes: [UInt8] = []
    /// For each byte of `bytes`, and one past the end, its offset in the literal's text.
    var literalOffsets: [Int] = []
    let literal: Token

    init?(_ literal: Token, backslashEscapes: Bool) {
        self.literal = literal
        let raw = Array(literal.text.utf8)
        switch literal.kind {
        case .string:
            // `'…'`, or `E'…'` (always with backslash escapes).
            let escaped = raw.first == UInt8(ascii: "E") || raw.first == UInt8(ascii: "e")
            let open = escaped ? 1 : 0
            guard raw.count >= open + 2 else { return nil }
            var cursor = open + 1
            let end = raw.count - 1
            while cursor < end {
                let byte = raw[cursor]
                if byte == UInt8(ascii: "'"), cursor + 1 < end, raw[cursor + 1] == UInt8(ascii: "'") {
                    append(UInt8(ascii: "'"), at: cursor)
                    cursor += 2
                } else if byte == UInt8(ascii: "\\"), backslashEscapes || escaped, cursor + 1 < end {
                    append(raw[cursor + 1], at: cursor)
                    cursor += 2
                } else {
                    append(byte, at: cursor)
                    cursor += 1
                }
            }
            literalOffsets.append(end)
        case .dollarString:
            // `$tag$…$tag$`: the body as written.
            guard let tagEnd = raw.dropFirst().firstIndex(of: UInt8(ascii: "$")) else { return nil }
            let tagLength = tagEnd + 1
            guard raw.count >= 2 * tagLength else { return nil }
            for offset in tagLength..<(raw.count - tagLength) { append(raw[offset], at: offset) }
            literalOffsets.append(raw.count - tagLength)
        default:
            return nil
        }
    }

    private mutating func append(_ byte: UInt8, at offset: Int) {
        bytes.append(byte)
        literalOffsets.append(offset)
    }

    /// A range of the query's text, as a range of the block.
    func blockRange(_ range: SourceRange) -> SourceRange {
        SourceRange(start: blockLocation(range.start), end: blockLocation(range.end))
    }

    /// A 1-based position in the query's text, as a position in the block.
    private func blockLocation(_ location: SourceLocation) -> SourceLocation {
        // The query's byte offset of the position, then the literal's, then line and column from the
        // literal's start.
        var line = 1
        var offset = 0
        while line < location.line, offset < bytes.count {
            if bytes[offset] == UInt8(ascii: "\n") { line += 1 }
            offset += 1
        }
        offset = min(offset + location.column - 1, bytes.count)
        let target = literalOffsets[offset]
        var result = literal.range.start
        for byte in literal.text.utf8.prefix(target) {
            if byte == UInt8(ascii: "\n") {
                result.line += 1
                result.column = 1
            } else {
                result.column += 1
            }
        }
        return result
    }
}
