package import RunbookDiagnostics

/// What a token is. Keywords are not a kind of their own: the parser decides, case-insensitively,
/// whether a `.word` is a keyword where it stands, because most SQL keywords are not reserved.
package enum TokenKind: String, Sendable, Hashable, CaseIterable {
    /// A keyword or a bare identifier: `GRANT`, `segment_user`.
    case word
    /// A double-quoted identifier, quotes included: `"a""b"`.
    case quotedIdentifier
    /// A single-quoted string, quotes (and an `E` prefix in PostgreSQL) included: `'it''s'`.
    case string
    /// A dollar-quoted string: `$tag$…$tag$`.
    case dollarString
    case number
    /// Operators and punctuation: `;` `,` `(` `)` `.` `::` `=` `*` and any byte the lexer has no other use for.
    case punctuation
    case lineComment
    case blockComment
    /// A psql backslash command, to the end of its line: `\connect db`.
    case metaCommand
    /// Text that stands for a value to fill in: `<name>`, `<<NAME>>`, `<db.table>`, `{{name}}`, `${var}`, `$1`,
    /// `$var`, `:var`, `:'var'`, `%s`, `%(name)s`, `YOUR_SCHEMA`.
    case placeholder
    /// A Snowflake session variable, `$name`, in the dialects that have them (elsewhere `$name` is a placeholder).
    case variable
    case whitespace
    /// An unterminated string, quoted identifier, comment or dollar quote, to the end of the input; or a token
    /// holding a character no server accepts (NUL, a control character, U+FFFD).
    case error
}

/// One lexical token of a block. Positions are block-relative; `offsets` are UTF-8 byte offsets into the block.
package struct Token: Sendable, Hashable {
    package var kind: TokenKind
    package var text: String
    package var range: SourceRange {
        get {
            SourceRange(
                start: SourceLocation(line: Int(startLine), column: Int(startColumn)),
                end: SourceLocation(line: Int(endLine), column: Int(endColumn)))
        }
        set {
            startLine = Int32(clamping: newValue.start.line)
            startColumn = Int32(clamping: newValue.start.column)
            endLine = Int32(clamping: newValue.end.line)
            endColumn = Int32(clamping: newValue.end.column)
        }
    }
    package var offsets: Range<Int> {
        get { Int(lowerOffset)..<Int(upperOffset) }
        set {
            lowerOffset = Int32(clamping: newValue.lowerBound)
            upperOffset = Int32(clamping: newValue.upperBound)
        }
    }
    /// Positions are stored as 32-bit values: a token takes 48 bytes instead of 72, and a block of 100,000
    /// statements holds about two million tokens. (A block of more than 2 GB would see its positions clamped.)
    private var startLine: Int32
    private var startColumn: Int32
    private var endLine: Int32
    private var endColumn: Int32
    private var lowerOffset: Int32
    private var upperOffset: Int32

    package init(kind: TokenKind, text: String, range: SourceRange, offsets: Range<Int>) {
        self.kind = kind
        self.text = text
        self.startLine = Int32(clamping: range.start.line)
        self.startColumn = Int32(clamping: range.start.column)
        self.endLine = Int32(clamping: range.end.line)
        self.endColumn = Int32(clamping: range.end.column)
        self.lowerOffset = Int32(clamping: offsets.lowerBound)
        self.upperOffset = Int32(clamping: offsets.upperBound)
    }
}

// MARK: - Classification

extension Token {
    /// Whitespace and comments: what the parser skips.
    package var isTrivia: Bool {
        switch kind {
        case .whitespace, .lineComment, .blockComment: true
        default: false
        }
    }

    package var isComment: Bool { kind == .lineComment || kind == .blockComment }

    /// Whether this is the word `keyword`, compared ASCII case-insensitively. `keyword` is upper case.
    package func isKeyword(_ keyword: String) -> Bool {
        guard kind == .word, text.utf8.count == keyword.utf8.count else { return false }
        for (byte, expected) in zip(text.utf8, keyword.utf8) {
            let upper = (byte >= 0x61 && byte <= 0x7A) ? byte - 0x20 : byte
            if upper != expected { return false }
        }
        return true
    }

    package func isKeyword(oneOf keywords: Set<String>) -> Bool {
        // Keywords are short: a long word (an identifier) never needs the upper-cased copy.
        kind == .word && text.utf8.count <= 32 && keywords.contains(text.asciiUppercased)
    }

    /// The same for a literal list, `isKeyword(oneOf: ["TO", "FROM"])`: compared one by one, which for a few
    /// keywords costs less than building the set the literal would otherwise make at every call, upper-casing
    /// the word and hashing it.
    package func isKeyword(oneOf keywords: [String]) -> Bool {
        kind == .word && text.utf8.count <= 32 && keywords.contains { isKeyword($0) }
    }

    package func isPunctuation(_ symbol: String) -> Bool { kind == .punctuation && text == symbol }

    /// The value of a string literal as `dialect` reads it: Snowflake decodes backslash escapes in every
    /// single-quoted string (`'it\'s'` is `it's`); the other dialects as `stringValue` (Redshift's reading of
    /// its own backslash escapes is left as it was).
    package func stringValue(in dialect: SQLDialect) -> String? {
        guard kind == .string, dialect == .snowflake, text.utf8.count >= 2 else { return stringValue }
        return SQLText.decodeEscapeString(text.dropFirst().dropLast())
    }

    /// A session variable's name as Snowflake stores it: without the `$`, upper-cased.
    package var variableName: String? {
        kind == .variable ? String(text.dropFirst()).asciiUppercased : nil
    }

    /// The value of a string literal: quotes removed, doubled quotes undone, `E'…'` escapes decoded.
    package var stringValue: String? {
        switch kind {
        case .string:
            var body = Substring(text)
            let escaped = body.first == "E" || body.first == "e"
            if escaped { body = body.dropFirst() }
            guard body.count >= 2 else { return nil }
            let inner = body.dropFirst().dropLast()
            if escaped { return SQLText.decodeEscapeString(inner) }
            // Most strings have no doubled quote to undo: a byte search spares the generic replacing.
            return inner.utf8.contains(UInt8(ascii: "'")) ? String(inner.replacing("''", with: "'")) : String(inner)
        case .dollarString:
            guard let open = text.dropFirst().firstIndex(of: "$") else { return nil }
            let tagLength = text.distance(from: text.startIndex, to: open) + 1
            guard text.count >= 2 * tagLength else { return nil }
            return String(text.dropFirst(tagLength).dropLast(tagLength))
        default:
            return nil
        }
    }
}

// MARK: - Text helpers

/// Small text utilities shared by the lexer, parser and checks.
enum SQLText {
    /// The tokens' text with one space wherever the source had a gap between them.
    static func spaced(_ tokens: some Sequence<Token>) -> String {
        var result = ""
        var previousEnd: Int?
        for token in tokens {
            if let previousEnd, token.offsets.lowerBound > previousEnd { result += " " }
            result += token.text
            previousEnd = token.offsets.upperBound
        }
        return result
    }

    /// Decodes PostgreSQL `E'…'` escapes that matter for reading values (`\'`, `\\`, `\n`, `\t`, `''`).
    static func decodeEscapeString(_ body: Substring) -> String {
        var result = ""
        var iterator = body.makeIterator()
        while let character = iterator.next() {
            switch character {
            case "\\":
                guard let next = iterator.next() else { return result + "\\" }
                switch next {
                case "n": result.append("\n")
                case "t": result.append("\t")
                case "r": result.append("\r")
                default: result.append(next)
                }
            case "'":
                // A doubled quote inside the body stands for one quote.
                _ = iterator.next()
                result.append("'")
            default:
                result.append(character)
            }
        }
        return result
    }

    /// Quotes `name` as a PostgreSQL/Redshift identifier.
    static func quoteIdentifier(_ name: String) -> String {
        "\"" + name.replacing("\"", with: "\"\"") + "\""
    }

    /// Quotes `value` as a standard string literal.
    static func quoteString(_ value: String) -> String {
        "'" + value.replacing("'", with: "''") + "'"
    }

    /// Short, single-line rendering of source text for messages.
    static func excerpt(_ text: String, limit: Int = 40) -> String {
        let flat = text.replacing("\n", with: " ")
        return flat.count > limit ? String(flat.prefix(limit)) + "…" : flat
    }
}

extension String {
    /// ASCII-only upper-casing: keywords compare in upper case, independent of the locale. Returns `self`
    /// (no copy) when no byte needs it, the common case for keywords already written in upper case.
    /// (Lower-casing is RunbookDiagnostics' `asciiLowercased`.)
    var asciiUppercased: String {
        let utf8 = self.utf8
        guard utf8.contains(where: { $0 &- 0x61 < 26 }) else { return self }
        return String(unsafeUninitializedCapacity: utf8.count) { buffer in
            var index = 0
            for byte in utf8 {
                buffer[index] = byte &- 0x61 < 26 ? byte ^ 0x20 : byte
                index += 1
            }
            return index
        }
    }
}

extension Substring {
    var asciiUppercased: String { String(self).asciiUppercased }
}
