package import RunbookDiagnostics

/// A value-type cursor over a block's UTF-8 bytes that produces tokens covering every byte, trivia included,
/// so that concatenating the token texts gives back the input exactly.
///
/// Every branch consumes at least one byte and never looks back, so any input lexes in linear time.
package struct SQLLexer: Sendable {
    private let bytes: [UInt8]
    package let dialect: SQLDialect
    /// The dialect's lexical features, read once.
    private let syntax: SQLSyntaxFeatures
    private var position = 0
    private var line = 1
    private var lineStart = 0
    /// Whether the input holds a byte no server accepts (NUL, another control character, U+FFFD): only then
    /// is each token searched for one.
    private let hasInvalidBytes: Bool
    /// `sql.unterminated`, `sql.lookalike-character` and `sql.invalid-character` findings, in source order.
    package private(set) var diagnostics: [Diagnostic] = []

    package init(_ text: String, dialect: SQLDialect) {
        let bytes = Array(text.utf8)
        self.bytes = bytes
        self.dialect = dialect
        self.syntax = dialect.syntax
        self.hasInvalidBytes = Self.invalidCharacter(in: bytes, from: 0, to: bytes.count) != nil
    }
}

// MARK: - A block lexed once

/// A block's tokens and the lexer's findings in one dialect, handed from stage to stage (the page's dialect
/// decision, the block classifier, the parser), so that a block is lexed once rather than once per stage. A
/// stage that reads the block in another dialect lexes it again: the dialects' lexers differ (backslash
/// escapes, `E'…'` strings, nested comments, `#` names, `//` comments).
package struct LexedBlock: Sendable {
    package let text: String
    package let dialect: SQLDialect
    /// Every token, trivia included.
    package let tokens: [Token]
    package let diagnostics: [Diagnostic]

    package init(_ text: String, dialect: SQLDialect) {
        self.text = text
        self.dialect = dialect
        (tokens, diagnostics) = SQLLexer.lex(text, dialect: dialect)
    }

    /// The block as `dialect` lexes it: this one when it is that dialect's, else lexed again.
    package func lexed(in dialect: SQLDialect) -> LexedBlock {
        dialect == self.dialect ? self : LexedBlock(text, dialect: dialect)
    }
}

// MARK: - Entry points

extension SQLLexer {
    /// All tokens of `text`, whitespace and comments included.
    package static func tokenize(_ text: String, dialect: SQLDialect) -> [Token] {
        lex(text, dialect: dialect).tokens
    }

    /// All tokens of `text` with the lexer's diagnostics.
    package static func lex(_ text: String, dialect: SQLDialect) -> (tokens: [Token], diagnostics: [Diagnostic]) {
        var lexer = SQLLexer(text, dialect: dialect)
        var tokens: [Token] = []
        tokens.reserveCapacity(text.utf8.count / 3)
        while let token = lexer.next() { tokens.append(token) }
        return (tokens, lexer.diagnostics)
    }

    /// The next token, or nil at the end of the input.
    package mutating func next() -> Token? {
        guard position < bytes.count else { return nil }
        let start = position
        let startLocation = location
        var kind = scanToken()
        if hasInvalidBytes, kind != .error, reportInvalidCharacter(from: start, at: startLocation) {
            kind = .error
        }
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
            return scanWhitespace()
        case UInt8(ascii: "-") where next == UInt8(ascii: "-"):
            advance(to: endOfLine(from: position))
            return .lineComment
        case UInt8(ascii: "/") where next == UInt8(ascii: "*"):
            return scanBlockComment()
        case UInt8(ascii: "/") where next == UInt8(ascii: "/") && syntax.contains(.slashSlashComments):
            advance(to: endOfLine(from: position))
            return .lineComment
        case UInt8(ascii: "'"):
            // Redshift and Snowflake read a backslash in a string as an escape (`'it\'s'`); PostgreSQL only in `E'…'`.
            return scanQuoted(
                quote: UInt8(ascii: "'"), from: position, backslashEscapes: syntax.contains(.backslashEscapes),
                what: "string literal")
        case _
        where (current | 0x20) == UInt8(ascii: "e") && next == UInt8(ascii: "'") && syntax.contains(.escapeStrings):
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
        case UInt8(ascii: "!")
        where syntax.contains(.snowSQLCommands) && next.map(Self.isASCIILetter) == true && atLineStart:
            // A SnowSQL command, `!set exit_on_error=true`: to the end of its line.
            advance(to: endOfLine(from: position))
            return .metaCommand
        case UInt8(ascii: "&") where syntax.contains(.snowSQLCommands) && next.map(Self.startsClientVariable) == true:
            // A SnowSQL client variable, `&name` or `&{name}`.
            if next == UInt8(ascii: "{") {
                var end = position + 2
                while end < bytes.count, Self.isIdentifierPart(bytes[end]) { end += 1 }
                guard end < bytes.count, bytes[end] == UInt8(ascii: "}"), end > position + 2 else {
                    return scanOperator()
                }
                advance(to: end + 1)
            } else {
                var end = position + 1
                while end < bytes.count, Self.isIdentifierPart(bytes[end]), bytes[end] != UInt8(ascii: "$") { end += 1 }
                advance(to: end)
            }
            return .placeholder
        case UInt8(ascii: ":")
        where syntax.contains(.semiStructuredPaths) && next != UInt8(ascii: ":")
            && position > 0 && Self.endsOperand(bytes[position - 1]):
            // Snowflake's path access, `value:field`: a colon right after an operand.
            advance(to: position + 1)
            return .punctuation
        case UInt8(ascii: ":"):
            return scanColon()
        case UInt8(ascii: "@") where syntax.contains(.semiStructuredPaths) && next.map(Self.startsStagePath) == true:
            // A Snowflake stage, `@stage/path/file.csv`, `@~`, `@%table`: one word.
            var end = position + 1
            while end < bytes.count, Self.isStagePathCharacter(bytes[end]) { end += 1 }
            advance(to: end)
            return .word
        case UInt8(ascii: "<"):
            if let end = angleBracketPlaceholderEnd() {
                advance(to: end)
                return .placeholder
            }
            return scanOperator()
        case UInt8(ascii: "[") where syntax.contains(.bracketPlaceholders):
            if let end = bracketPlaceholderEnd() {
                advance(to: end)
                return .placeholder
            }
            advance(to: position + 1)
            return .punctuation
        case UInt8(ascii: "{") where next == UInt8(ascii: "{"):
            if let end = doubleBracePlaceholderEnd() {
                advance(to: end)
                return .placeholder
            }
            advance(to: position + 1)
            return .punctuation
        case UInt8(ascii: "%"):
            if let end = percentPlaceholderEnd() {
                advance(to: end)
                return .placeholder
            }
            return scanOperator()
        case UInt8(ascii: "0")...UInt8(ascii: "9"):
            return scanNumber()
        case UInt8(ascii: ".") where next.map(Self.isDigit) == true:
            return scanNumber()
        case UInt8(ascii: "#") where syntax.contains(.hashTemporaryTables) && next.map(Self.isIdentifierStart) == true:
            // A Redshift temporary table name: `#newtable`.
            var end = position + 1
            while end < bytes.count, Self.isIdentifierPart(bytes[end]) { end += 1 }
            advance(to: end)
            return .word
        case _ where current >= 0x80 && Lookalike.at(position, in: bytes) != nil:
            return scanLookalike()
        case _ where Self.isIdentifierStart(current):
            var end = position + 1
            while end < bytes.count, Self.isIdentifierPart(bytes[end]),
                bytes[end] < 0x80 || Lookalike.at(end, in: bytes) == nil
            {
                end += 1
            }
            let isFillIn = Self.isFillInName(bytes[position..<end])
            advance(to: end)
            return isFillIn ? .placeholder : .word
        case _ where Self.isOperatorCharacter(current):
            return scanOperator()
        case _ where Self.invalidCharacter(in: bytes, from: position, to: position + 1) != nil:
            // NUL and other control bytes: one token for the run, reported by `next()`.
            var end = position + 1
            while end < bytes.count, Self.isControl(bytes[end]) { end += 1 }
            advance(to: end)
            return .punctuation
        default:
            // `;` `,` `(` `)` `.` brackets, braces, backticks: one byte each.
            advance(to: position + 1)
            return .punctuation
        }
    }

    /// ASCII whitespace and look-alike spaces, one token; each run of look-alike spaces is reported once.
    private mutating func scanWhitespace() -> TokenKind {
        var end = position
        while end < bytes.count {
            if Self.isWhitespace(bytes[end]) {
                end += 1
                continue
            }
            guard bytes[end] >= 0x80, let first = Lookalike.at(end, in: bytes), first.role == .space else { break }
            var runEnd = end + first.length
            var replacement = first.replacement
            while runEnd < bytes.count, bytes[runEnd] >= 0x80, let next = Lookalike.at(runEnd, in: bytes),
                next.role == .space
            {
                replacement += next.replacement
                runEnd += next.length
            }
            reportLookalike(
                LookalikeMessage(lookalike: .space(name: first.name, several: runEnd - end != first.length)),
                from: end, to: runEnd, replacement: replacement,
                fix: replacement.isEmpty ? "delete it" : "replace with ASCII spaces")
            end = runEnd
        }
        advance(to: end)
        return .whitespace
    }

    /// A look-alike character where a token starts: spaces are whitespace, a dash opens a comment, curly
    /// quotes enclose a string or a quoted identifier. Each is read as its ASCII replacement would be.
    private mutating func scanLookalike() -> TokenKind {
        guard let lookalike = Lookalike.at(position, in: bytes) else { return .punctuation }
        switch lookalike.role {
        case .space:
            return scanWhitespace()
        case .dash:
            var dashEnd = position
            while dashEnd < bytes.count {
                if bytes[dashEnd] == UInt8(ascii: "-") {
                    dashEnd += 1
                } else if let next = Lookalike.at(dashEnd, in: bytes), next.role == .dash {
                    dashEnd += next.length
                } else {
                    break
                }
            }
            reportLookalike(
                LookalikeMessage(lookalike: .commentDash(name: lookalike.name)),
                from: position, to: dashEnd, replacement: "--", fix: "replace with '--'")
            advance(to: endOfLine(from: position))
            return .lineComment
        case .singleQuote, .doubleQuote:
            let isString = lookalike.role == .singleQuote
            let straight = isString ? UInt8(ascii: "'") : UInt8(ascii: "\"")
            var cursor = position + lookalike.length
            while cursor < bytes.count, bytes[cursor] != UInt8(ascii: "\n") {
                if bytes[cursor] == straight { break }
                if bytes[cursor] >= 0x80, let close = Lookalike.at(cursor, in: bytes), close.role == lookalike.role {
                    break
                }
                cursor += 1
            }
            guard cursor < bytes.count, bytes[cursor] != UInt8(ascii: "\n") else {
                // No closing quote on the line: the character alone.
                reportLookalike(
                    LookalikeMessage(lookalike: .loneQuote(name: lookalike.name, straight: lookalike.replacement)),
                    from: position, to: position + lookalike.length, replacement: lookalike.replacement,
                    fix: "replace with \(lookalike.replacement)")
                advance(to: position + lookalike.length)
                return .punctuation
            }
            let closeLength = bytes[cursor] == straight ? 1 : 3
            let inner = String(decoding: bytes[(position + lookalike.length)..<cursor], as: UTF8.self)
            let quote = lookalike.replacement
            let replacement = quote + inner.replacing(quote, with: quote + quote) + quote
            reportLookalike(
                LookalikeMessage(lookalike: .curlyQuotes(aroundString: isString, straight: quote)),
                from: position, to: cursor + closeLength, replacement: replacement,
                fix: "replace with straight quotes")
            advance(to: cursor + closeLength)
            return isString ? .string : .quotedIdentifier
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
            } else if syntax.contains(.nestedBlockComments), bytes[cursor] == UInt8(ascii: "/"),
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
        if syntax.contains(.sessionVariables) {
            return scanSessionVariable()
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

    /// Snowflake: `$$…$$` (the only dollar quote it has), `$name` a session variable, a lone `$` punctuation.
    /// `$1` and `${name}` are read before this.
    private mutating func scanSessionVariable() -> TokenKind {
        let start = position
        if byte(at: start + 1) == UInt8(ascii: "$") {
            let openRange = SourceRange(start: location, end: SourceLocation(line: line, column: location.column + 2))
            var cursor = start + 2
            while cursor + 1 < bytes.count {
                if bytes[cursor] == UInt8(ascii: "$"), bytes[cursor + 1] == UInt8(ascii: "$") {
                    advance(to: cursor + 2)
                    return .dollarString
                }
                cursor += 1
            }
            reportUnterminated("dollar-quoted string", "$$", at: openRange)
            advance(to: bytes.count)
            return .error
        }
        var end = start + 1
        while end < bytes.count, Self.isIdentifierStart(bytes[end]) || Self.isDigit(bytes[end]) { end += 1 }
        advance(to: end > start + 1 ? end : start + 1)
        return end > start + 1 ? .variable : .punctuation
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

    /// The end of a `[user_name]`, `[schema-name]` or `[db.table]` starting at the current `[`, if it is one: a name
    /// in brackets where no array subscript can be (not right after an operand, not after ARRAY). A bracketed word
    /// of capital letters only (`[CASCADE]`, `[ONLY]`) is a synopsis' optional part, and anything with blanks or
    /// other characters inside (`[ WITH GRANT OPTION ]`, `[1]`, `[IN GROUP <g>]`) is not a name either.
    private func bracketPlaceholderEnd() -> Int? {
        if position > 0, Self.endsOperand(bytes[position - 1]) { return nil }
        if followsArrayKeyword() { return nil }
        guard let first = byte(at: position + 1), Self.isASCIILetter(first) || first == UInt8(ascii: "_") else {
            return nil
        }
        var end = position + 2
        var onlyCapitals = first >= UInt8(ascii: "A") && first <= UInt8(ascii: "Z")
        while end < bytes.count {
            let current = bytes[end]
            if current == UInt8(ascii: "]") { return onlyCapitals ? nil : end + 1 }
            guard
                Self.isASCIILetter(current) || Self.isDigit(current) || current == UInt8(ascii: "_")
                    || current == UInt8(ascii: "-") || current == UInt8(ascii: ".")
            else { return nil }
            if !(current >= UInt8(ascii: "A") && current <= UInt8(ascii: "Z")) { onlyCapitals = false }
            end += 1
        }
        return nil
    }

    /// Whether the word before the current `[` (blanks between) is ARRAY: `ARRAY [a, b]` builds an array.
    private func followsArrayKeyword() -> Bool {
        var end = position
        while end > 0, bytes[end - 1] == UInt8(ascii: " ") || bytes[end - 1] == UInt8(ascii: "\t") { end -= 1 }
        guard end >= 5 else { return false }
        let word = bytes[(end - 5)..<end].map { $0 | 0x20 }
        return word.elementsEqual("array".utf8) && (end == 5 || !Self.isIdentifierPart(bytes[end - 6]))
    }

    /// The end of a `<placeholder-name>`, `<db.table>` or `<<NAME>>` starting at the current `<`, if there is one.
    private func angleBracketPlaceholderEnd() -> Int? {
        let doubled = byte(at: position + 1) == UInt8(ascii: "<")
        let nameStart = position + (doubled ? 2 : 1)
        guard let first = byte(at: nameStart), Self.isASCIILetter(first) || first == UInt8(ascii: "_") else {
            return nil
        }
        var end = nameStart + 1
        while end < bytes.count {
            let current = bytes[end]
            if current == UInt8(ascii: ">") {
                guard doubled else { return end + 1 }
                return byte(at: end + 1) == UInt8(ascii: ">") ? end + 2 : nil
            }
            guard Self.isIdentifierPart(current) || current == UInt8(ascii: "-") || current == UInt8(ascii: ".")
            else { return nil }
            end += 1
        }
        return nil
    }

    /// The end of a `{{ name }}` template variable starting at the current `{{`, on one line.
    private func doubleBracePlaceholderEnd() -> Int? {
        var end = position + 2
        var sawName = false
        while end + 1 < bytes.count {
            let current = bytes[end]
            if current == UInt8(ascii: "}") {
                return sawName && bytes[end + 1] == UInt8(ascii: "}") ? end + 2 : nil
            }
            if current == UInt8(ascii: " ") || current == UInt8(ascii: "\t") {
                end += 1
                continue
            }
            guard Self.isVariableNameCharacter(current) else { return nil }
            sawName = true
            end += 1
        }
        return nil
    }

    /// The end of a driver parameter `%s` or `%(name)s` starting at the current `%`.
    private func percentPlaceholderEnd() -> Int? {
        if byte(at: position + 1) == UInt8(ascii: "s") {
            return byte(at: position + 2).map(Self.isIdentifierPart) == true ? nil : position + 2
        }
        guard byte(at: position + 1) == UInt8(ascii: "(") else { return nil }
        var end = position + 2
        while end < bytes.count, Self.isIdentifierPart(bytes[end]) { end += 1 }
        guard end > position + 2, byte(at: end) == UInt8(ascii: ")"), byte(at: end + 1) == UInt8(ascii: "s") else {
            return nil
        }
        return end + 2
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

    /// Reports a look-alike run at bytes `start..<end`, which must be on the current line at or after `position`.
    private mutating func reportLookalike(
        _ message: LookalikeMessage, from start: Int, to end: Int, replacement: String, fix: String
    ) {
        let range = SourceRange(start: location(at: start), end: location(at: end))
        diagnostics.append(
            Diagnostic(
                message, at: range,
                fixIts: [FixIt(fix, range: range, replacement: replacement, applicability: .safe)]
            ))
    }

    /// The block-relative location of byte `offset`, at or after `position`.
    private func location(at offset: Int) -> SourceLocation {
        var line = self.line
        var lineStart = self.lineStart
        var cursor = position
        while cursor < offset {
            if bytes[cursor] == UInt8(ascii: "\n") {
                line += 1
                lineStart = cursor + 1
            }
            cursor += 1
        }
        return SourceLocation(line: line, column: offset - lineStart + 1)
    }

    /// Reports the first run of characters no server accepts in the token that started at `start`; the token
    /// then becomes an error, so its statement is not planned and no syntax error cascades from it.
    private mutating func reportInvalidCharacter(from start: Int, at startLocation: SourceLocation) -> Bool {
        guard case (let offset, let length, let what)? = Self.invalidCharacter(in: bytes, from: start, to: position)
        else {
            return false
        }
        var line = startLocation.line
        var lineStart = start - (startLocation.column - 1)
        for cursor in start..<offset where bytes[cursor] == UInt8(ascii: "\n") {
            line += 1
            lineStart = cursor + 1
        }
        var runEnd = offset + length
        while case (let next, let nextLength, _)? = Self.invalidCharacter(
            in: bytes, from: runEnd, to: min(position, runEnd + 3)), next == runEnd
        {
            runEnd += nextLength
        }
        let range = SourceRange(
            start: SourceLocation(line: line, column: offset - lineStart + 1),
            end: SourceLocation(line: line, column: runEnd - lineStart + 1))
        diagnostics.append(
            Diagnostic(InvalidCharacterMessage(character: what), at: range))
        return true
    }

    private mutating func reportUnterminated(_ what: String, _ closer: String, at range: SourceRange) {
        diagnostics.append(
            Diagnostic(
                UnterminatedMessage(what: what, closer: closer),
                at: range))
    }
}

// MARK: - Character classes

extension SQLLexer {
    static func isWhitespace(_ byte: UInt8) -> Bool {
        byte == 0x20 || (byte >= 0x09 && byte <= 0x0D)
    }

    static func isDigit(_ byte: UInt8) -> Bool { byte >= 0x30 && byte <= 0x39 }

    /// C0 control characters other than whitespace, and DEL.
    static func isControl(_ byte: UInt8) -> Bool {
        (byte < 0x20 && !isWhitespace(byte)) || byte == 0x7F
    }

    /// The first character in `bytes[from..<to]` that no server accepts: its offset, length and a description.
    /// U+FFFD is what a NUL byte or invalid UTF-8 in the file becomes before the SQL stage sees it.
    static func invalidCharacter(in bytes: [UInt8], from: Int, to: Int) -> (Int, Int, String)? {
        var cursor = from
        while cursor < min(to, bytes.count) {
            let byte = bytes[cursor]
            if byte == 0 { return (cursor, 1, "a NUL byte") }
            if isControl(byte) {
                return (cursor, 1, "a control character (U+" + String(byte, radix: 16, uppercase: true) + ")")
            }
            if byte == 0xEF, cursor + 2 < bytes.count, bytes[cursor + 1] == 0xBF, bytes[cursor + 2] == 0xBD {
                return (cursor, 3, "a U+FFFD replacement character (a NUL byte or invalid UTF-8 in the file)")
            }
            cursor += 1
        }
        return nil
    }

    /// `YOUR_SCHEMA`, `your_db`: a name the reader replaces with their own.
    static func isFillInName(_ word: ArraySlice<UInt8>) -> Bool {
        guard word.count > 5 else { return false }
        let prefix = Array(word.prefix(5))
        return prefix[4] == UInt8(ascii: "_") && prefix[0..<4].map { $0 | 0x20 } == Array("your".utf8)
    }

    /// Whether only blanks come before the current byte on its line.
    private var atLineStart: Bool {
        bytes[lineStart..<position].allSatisfy { $0 == UInt8(ascii: " ") || $0 == UInt8(ascii: "\t") }
    }

    /// After `&`: a name or `{`.
    static func startsClientVariable(_ byte: UInt8) -> Bool {
        isIdentifierStart(byte) || byte == UInt8(ascii: "{")
    }

    /// The last byte of an operand: a name, a number, a closing bracket or quote. A Snowflake `:` right after
    /// one is path access, not a bind variable.
    static func endsOperand(_ byte: UInt8) -> Bool {
        isIdentifierPart(byte) || byte == UInt8(ascii: ")") || byte == UInt8(ascii: "]")
            || byte == UInt8(ascii: "\"")
    }

    /// After `@`: a stage name, `~` (the user's stage) or `%` (a table's stage).
    static func startsStagePath(_ byte: UInt8) -> Bool {
        isIdentifierStart(byte) || byte == UInt8(ascii: "~") || byte == UInt8(ascii: "%")
    }

    /// Characters of a stage path: names, `.`, `/`, `-`, `~`, `%`.
    static func isStagePathCharacter(_ byte: UInt8) -> Bool {
        isIdentifierPart(byte) || byte == UInt8(ascii: ".") || byte == UInt8(ascii: "/") || byte == UInt8(ascii: "-")
            || byte == UInt8(ascii: "~") || byte == UInt8(ascii: "%")
    }

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
