public import RunbookDiagnostics

/// A value-type cursor over a block's UTF-8 bytes that produces tokens covering every byte, trivia included,
/// so that concatenating the token texts gives back the input exactly.
///
/// Every branch consumes at least one byte and never looks back, so any input lexes in linear time.
public struct SQLLexer: Sendable {
    private let bytes: [UInt8]
    public let dialect: SQLDialect
    private var position = 0
    private var line = 1
    private var lineStart = 0
    /// `sql.unterminated` findings, in source order.
    public private(set) var diagnostics: [Diagnostic] = []

    public init(_ text: String, dialect: SQLDialect) {
        self.bytes = Array(text.utf8)
        self.dialect = dialect
    }
}

// MARK: - Entry points

extension SQLLexer {
    /// All tokens of `text`, whitespace and comments included.
    public static func tokenize(_ text: String, dialect: SQLDialect) -> [Token] {
        lex(text, dialect: dialect).tokens
    }

    /// All tokens of `text` with the lexer's diagnostics.
    public static func lex(_ text: String, dialect: SQLDialect) -> (tokens: [Token], diagnostics: [Diagnostic]) {
        var lexer = SQLLexer(text, dialect: dialect)
        var tokens: [Token] = []
        tokens.reserveCapacity(text.utf8.count / 3)
        while let token = lexer.next() { tokens.append(token) }
        return (tokens, lexer.diagnostics)
    }

    /// The next token, or nil at the end of the input.
    public mutating func next() -> Token? {
        guard position < bytes.count else { return nil }
        let start = position
        let startLocation = location
        let kind = scanToken()
        let text = String(decoding: bytes[start..<position], as: UTF8.self)
        return Token(
            kind: kind, text: text, range: SourceRange(start: startLocation, end: location),
            offsets: start..<position)
    }
}

// MARK: - Scanning

extension SQLLexer {
    private var location: SourceLocation { SourceLocation(line: line, column: position - lineStart + 1) }

    private func byte(at offset: Int) -> UInt8? { offset < bytes.count ? bytes[offset] : nil }

    /// Moves to `end`, keeping the line count current.
    private mutating func advance(to end: Int) {
        let end = min(end, bytes.count)
        while position < end {
            if bytes[position] == UInt8(ascii: "\n") {
                line += 1
                lineStart = position + 1
            }
            position += 1
        }
    }

    private mutating func scanToken() -> TokenKind {
        let current = bytes[position]
        let next = byte(at: position + 1)
        switch current {
        case _ where Self.isWhitespace(current):
            var end = position + 1
            while end < bytes.count, Self.isWhitespace(bytes[end]) { end += 1 }
            advance(to: end)
            return .whitespace
        case UInt8(ascii: "-") where next == UInt8(ascii: "-"):
            advance(to: endOfLine(from: position))
            return .lineComment
        case UInt8(ascii: "/") where next == UInt8(ascii: "*"):
            return scanBlockComment()
        case UInt8(ascii: "'"):
            // Redshift reads a backslash in a string as an escape (`'it\'s'`); PostgreSQL only in `E'…'`.
            return scanQuoted(
                quote: UInt8(ascii: "'"), from: position, backslashEscapes: dialect == .redshift,
                what: "string literal")
        case _ where (current | 0x20) == UInt8(ascii: "e") && next == UInt8(ascii: "'") && dialect == .postgres:
            return scanQuoted(
                quote: UInt8(ascii: "'"), from: position + 1, backslashEscapes: true,
                what: "string literal")
        case UInt8(ascii: "\""):
            return scanQuoted(
                quote: UInt8(ascii: "\""), from: position, backslashEscapes: false,
                what: "quoted identifier")
        case UInt8(ascii: "$"):
            return scanDollar()
        case UInt8(ascii: "\\"):
            advance(to: endOfLine(from: position))
            return .metaCommand
        case UInt8(ascii: ":"):
            return scanColon()
        case UInt8(ascii: "<"):
            if let end = angleBracketPlaceholderEnd() {
                advance(to: end)
                return .placeholder
            }
            return scanOperator()
        case UInt8(ascii: "0")...UInt8(ascii: "9"):
            return scanNumber()
        case UInt8(ascii: ".") where next.map(Self.isDigit) == true:
            return scanNumber()
        case UInt8(ascii: "#") where dialect == .redshift && next.map(Self.isIdentifierStart) == true:
            // A Redshift temporary table name: `#newtable`.
            var end = position + 1
            while end < bytes.count, Self.isIdentifierPart(bytes[end]) { end += 1 }
            advance(to: end)
            return .word
        case _ where Self.isIdentifierStart(current):
            var end = position + 1
            while end < bytes.count, Self.isIdentifierPart(bytes[end]) { end += 1 }
            advance(to: end)
            return .word
        case _ where Self.isOperatorCharacter(current):
            return scanOperator()
        default:
            // `;` `,` `(` `)` `.` brackets, braces, backticks, NUL and other control bytes: one byte each.
            advance(to: position + 1)
            return .punctuation
        }
    }

    private func endOfLine(from start: Int) -> Int {
        var end = start
        while end < bytes.count, bytes[end] != UInt8(ascii: "\n") { end += 1 }
        return end
    }

    private mutating func scanBlockComment() -> TokenKind {
        let openRange = SourceRange(start: location, end: SourceLocation(line: line, column: location.column + 2))
        var depth = 1
        var cursor = position + 2
        while cursor < bytes.count {
            if bytes[cursor] == UInt8(ascii: "*"), byte(at: cursor + 1) == UInt8(ascii: "/") {
                depth -= 1
                cursor += 2
                if depth == 0 {
                    advance(to: cursor)
                    return .blockComment
                }
            } else if dialect == .postgres, bytes[cursor] == UInt8(ascii: "/"),
                byte(at: cursor + 1) == UInt8(ascii: "*")
            {
                // PostgreSQL nests block comments; Redshift ends at the first `*/`.
                depth += 1
                cursor += 2
            } else {
                cursor += 1
            }
        }
        reportUnterminated("block comment", "*/", at: openRange)
        advance(to: bytes.count)
        return .error
    }

    /// Scans a quoted token whose opening quote is at `quoteOffset`; a doubled quote stands for one.
    private mutating func scanQuoted(
        quote: UInt8, from quoteOffset: Int, backslashEscapes: Bool, what: String
    )
        -> TokenKind
    {
        let openLocation = SourceLocation(line: line, column: quoteOffset - lineStart + 1)
        var cursor = quoteOffset + 1
        while cursor < bytes.count {
            let current = bytes[cursor]
            if backslashEscapes, current == UInt8(ascii: "\\") {
                cursor += 2
            } else if current == quote {
                if byte(at: cursor + 1) == quote {
                    cursor += 2
                } else {
                    advance(to: cursor + 1)
                    return quote == UInt8(ascii: "\"") ? .quotedIdentifier : .string
                }
            } else {
                cursor += 1
            }
        }
        let quoteText = quote == UInt8(ascii: "\"") ? "\"" : "'"
        reportUnterminated(what, quoteText, at: SourceRange(openLocation))
        advance(to: bytes.count)
        return .error
    }

    /// `$1`, `${var}`, `$var`, or a dollar-quoted string `$tag$…$tag$`.
    private mutating func scanDollar() -> TokenKind {
        let start = position
        guard let next = byte(at: start + 1) else {
            advance(to: start + 1)
            return .punctuation
        }
        if Self.isDigit(next) {
            var end = start + 1
            while end < bytes.count, Self.isDigit(bytes[end]) { end += 1 }
            advance(to: end)
            return .placeholder
        }
        if next == UInt8(ascii: "{") {
            // Only name characters may appear inside, so a run of `${${${` without `}` stays linear.
            var end = start + 2
            while end < bytes.count, Self.isVariableNameCharacter(bytes[end]) { end += 1 }
            if end < bytes.count, bytes[end] == UInt8(ascii: "}") {
                advance(to: end + 1)
                return .placeholder
            }
            advance(to: start + 1)
            return .punctuation
        }
        var tagEnd = start + 1
        if Self.isIdentifierStart(next) {
            while tagEnd < bytes.count, Self.isIdentifierStart(bytes[tagEnd]) || Self.isDigit(bytes[tagEnd]) {
                tagEnd += 1
            }
        }
        guard tagEnd < bytes.count, bytes[tagEnd] == UInt8(ascii: "$") else {
            // `$name` without a closing `$`: a session variable (Snowflake) or template text.
            advance(to: tagEnd > start + 1 ? tagEnd : start + 1)
            return tagEnd > start + 1 ? .placeholder : .punctuation
        }
        let tag = bytes[start...tagEnd]
        let openRange = SourceRange(
            start: location,
            end: SourceLocation(line: line, column: location.column + tag.count))
        var cursor = tagEnd + 1
        while cursor < bytes.count {
            if bytes[cursor] == UInt8(ascii: "$"), cursor + tag.count <= bytes.count,
                bytes[cursor..<(cursor + tag.count)].elementsEqual(tag)
            {
                advance(to: cursor + tag.count)
                return .dollarString
            }
            cursor += 1
        }
        reportUnterminated("dollar-quoted string", String(decoding: tag, as: UTF8.self), at: openRange)
        advance(to: bytes.count)
        return .error
    }

    /// `::`, psql variables `:name`, `:'name'`, `:"name"`, or a lone `:`.
    private mutating func scanColon() -> TokenKind {
        let start = position
        let next = byte(at: start + 1)
        if next == UInt8(ascii: ":") {
            advance(to: start + 2)
            return .punctuation
        }
        if let next, next == UInt8(ascii: "'") || next == UInt8(ascii: "\"") {
            var end = start + 2
            while end < bytes.count, bytes[end] != next, bytes[end] != UInt8(ascii: "\n") { end += 1 }
            if end < bytes.count, bytes[end] == next, end > start + 2 {
                advance(to: end + 1)
                return .placeholder
            }
        } else if let next, Self.isIdentifierStart(next) {
            var end = start + 2
            while end < bytes.count, Self.isIdentifierPart(bytes[end]) { end += 1 }
            advance(to: end)
            return .placeholder
        }
        advance(to: start + 1)
        return .punctuation
    }

    /// The end of a `<placeholder-name>` starting at the current `<`, if there is one.
    private func angleBracketPlaceholderEnd() -> Int? {
        guard let first = byte(at: position + 1), Self.isASCIILetter(first) || first == UInt8(ascii: "_") else {
            return nil
        }
        var end = position + 2
        while end < bytes.count {
            let current = bytes[end]
            if current == UInt8(ascii: ">") { return end + 1 }
            guard Self.isIdentifierPart(current) || current == UInt8(ascii: "-") else { return nil }
            end += 1
        }
        return nil
    }

    private mutating func scanNumber() -> TokenKind {
        var end = position
        while end < bytes.count, Self.isDigit(bytes[end]) { end += 1 }
        if end < bytes.count, bytes[end] == UInt8(ascii: "."), byte(at: end + 1) != UInt8(ascii: ".") {
            end += 1
            while end < bytes.count, Self.isDigit(bytes[end]) { end += 1 }
        }
        if end < bytes.count, bytes[end] == UInt8(ascii: "e") || bytes[end] == UInt8(ascii: "E") {
            var exponent = end + 1
            if exponent < bytes.count, bytes[exponent] == UInt8(ascii: "+") || bytes[exponent] == UInt8(ascii: "-") {
                exponent += 1
            }
            if exponent < bytes.count, Self.isDigit(bytes[exponent]) {
                end = exponent
                while end < bytes.count, Self.isDigit(bytes[end]) { end += 1 }
            }
        }
        advance(to: end)
        return .number
    }

    /// A run of operator characters, stopping before a comment start. As in PostgreSQL, a multi-character
    /// operator does not end in `+` or `-` unless it holds one of `~ ! @ # % ^ & | ?`, so `=-1` is `=` then `-1`.
    private mutating func scanOperator() -> TokenKind {
        var end = position
        while end < bytes.count, Self.isOperatorCharacter(bytes[end]) {
            if end > position {
                let pair = (bytes[end], byte(at: end + 1))
                if pair == (UInt8(ascii: "-"), UInt8(ascii: "-")) || pair == (UInt8(ascii: "/"), UInt8(ascii: "*")) {
                    break
                }
            }
            end += 1
        }
        let run = bytes[position..<end]
        if run.count > 1, !run.contains(where: { Self.specialOperatorCharacters.contains($0) }) {
            while end - position > 1, bytes[end - 1] == UInt8(ascii: "+") || bytes[end - 1] == UInt8(ascii: "-") {
                end -= 1
            }
        }
        advance(to: end)
        return .punctuation
    }

    private mutating func reportUnterminated(_ what: String, _ closer: String, at range: SourceRange) {
        diagnostics.append(
            Diagnostic(
                .sqlUnterminated, "unterminated \(what): no closing \(closer) before the end of the block",
                at: range))
    }
}

// MARK: - Character classes

extension SQLLexer {
    static func isWhitespace(_ byte: UInt8) -> Bool {
        byte == 0x20 || (byte >= 0x09 && byte <= 0x0D)
    }

    static func isDigit(_ byte: UInt8) -> Bool { byte >= 0x30 && byte <= 0x39 }

    static func isASCIILetter(_ byte: UInt8) -> Bool {
        (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A)
    }

    /// Letters, `_`, and any byte of a multi-byte UTF-8 character (so characters are never split).
    static func isIdentifierStart(_ byte: UInt8) -> Bool {
        isASCIILetter(byte) || byte == UInt8(ascii: "_") || byte >= 0x80
    }

    static func isIdentifierPart(_ byte: UInt8) -> Bool {
        isIdentifierStart(byte) || isDigit(byte) || byte == UInt8(ascii: "$")
    }

    /// Characters of a `${name}` variable: letters, digits, `_`, `.`, `-`, `:`.
    static func isVariableNameCharacter(_ byte: UInt8) -> Bool {
        (isIdentifierStart(byte) || isDigit(byte) || byte == UInt8(ascii: ".") || byte == UInt8(ascii: "-")
            || byte == UInt8(ascii: ":"))
    }

    static func isOperatorCharacter(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "+"), UInt8(ascii: "-"), UInt8(ascii: "*"), UInt8(ascii: "/"), UInt8(ascii: "<"),
            UInt8(ascii: ">"), UInt8(ascii: "="), UInt8(ascii: "~"), UInt8(ascii: "!"), UInt8(ascii: "@"),
            UInt8(ascii: "#"), UInt8(ascii: "%"), UInt8(ascii: "^"), UInt8(ascii: "&"), UInt8(ascii: "|"),
            UInt8(ascii: "?"):
            true
        default:
            false
        }
    }

    private static let specialOperatorCharacters: Set<UInt8> = Set("~!@#%^&|?".utf8)
}
