import RunbookDiagnostics

// Snowflake names that are not written as names: `IDENTIFIER($v)`, `IDENTIFIER('db.schema.t')` and `$v`
// (https://docs.snowflake.com/en/sql-reference/identifier-literal). Only dialects with session variables read
// them; elsewhere `IDENTIFIER` is an ordinary word.
extension StatementParser {
    /// Whether `IDENTIFIER(` starts here, in a dialect that has it.
    var atIdentifierFunction: Bool {
        dialect.syntax.contains(.sessionVariables) && isKeyword(.identifier) && isPunctuation("(", at: 1)
    }

    /// One name written as `IDENTIFIER(…)`, or nil when none starts here. A qualified string
    /// (`IDENTIFIER('db.s')`) gives one identifier whose value is the folded parts joined by dots.
    mutating func snowflakeName(record: Bool) throws(SyntaxError) -> Identifier? {
        guard atIdentifierFunction else { return nil }
        let parts = try identifierFunction()
        let name: Identifier
        if parts.count == 1, let only = parts.first {
            name = only
        } else {
            let first = parts[0]
            let last = parts[parts.count - 1]
            name = Identifier(
                value: parts.map(\.value).joined(separator: "."),
                raw: parts.map(\.raw).joined(separator: "."), isQuoted: parts.contains(where: \.isQuoted),
                range: SourceRange(start: first.range.start, end: last.range.end),
                offsets: first.offsets.lowerBound..<last.offsets.upperBound)
        }
        if record { identifiers.append(name) }
        return name
    }

    /// The parts of a name written as `IDENTIFIER(…)`, or nil when none starts here.
    mutating func snowflakeNameParts(record: Bool) throws(SyntaxError) -> [Identifier]? {
        guard atIdentifierFunction else { return nil }
        let parts = try identifierFunction()
        if record { identifiers += parts }
        return parts
    }

    /// `IDENTIFIER( $v | 'name' | :bind | expression )` at the current token. A variable gives an identifier
    /// with `variable` set; a string the parts it names, folded as if written unquoted (a part in double
    /// quotes inside the string keeps its case); anything else a placeholder-like name, its text as written.
    private mutating func identifierFunction() throws(SyntaxError) -> [Identifier] {
        let keywordIndex = index
        let keyword = tokens[index]
        let open = tokens[index + 1]
        index += 2
        if let argument = current, isPunctuation(")", at: 1) {
            switch argument.kind {
            case .variable:
                index += 2
                return [
                    Identifier(
                        value: sourceText((index - 4)..<index), raw: sourceText((index - 4)..<index), isQuoted: false,
                        variable: argument.variableName, range: range(from: keyword), offsets: offsets(from: keyword))
                ]
            case .string:
                index += 2
                let value = argument.stringValue(in: dialect) ?? ""
                if let parts = Self.nameParts(value, in: argument, folding: foldUnquoted) { return parts }
                return [placeholderName(from: keywordIndex)]
            case .placeholder:
                index += 2
                return [placeholderName(from: keywordIndex)]
            default:
                break
            }
        }
        // An expression that cannot be evaluated here (`IDENTIFIER(concat($db, '.s'))`): read for balance and
        // nesting, kept as a name to fill in.
        try enterNesting()
        try expression(stoppingAt: [])
        leaveNesting()
        if acceptPunctuation(")") == nil {
            throw failure(expected: "')' to close the '(' at \(open.range.start)")
        }
        return [placeholderName(from: keywordIndex)]
    }

    /// The tokens from `start` to the last one read, as a name nobody can know before the statement runs.
    private func placeholderName(from start: Int) -> Identifier {
        let text = sourceText(start..<index)
        return Identifier(
            value: text, raw: text, isQuoted: false, isPlaceholder: true, range: range(from: tokens[start]),
            offsets: offsets(from: tokens[start]))
    }

    /// The parts of a name held in a string literal (`'db.schema.t'`, `'"Mixed".t'`), each with the range of
    /// its characters inside the literal; nil when the string is not a name.
    static func nameParts(
        _ value: String, in literal: Token, folding fold: (String) -> String
    ) -> [Identifier]? {
        let bytes = Array(value.utf8)
        // Ranges inside the literal are exact only when the string has no escapes or line breaks.
        let exact = literal.text.utf8.count == bytes.count + 2 && !bytes.contains(UInt8(ascii: "\n"))
        var parts: [Identifier] = []
        var cursor = 0
        while true {
            let start = cursor
            let isQuoted = cursor < bytes.count && bytes[cursor] == UInt8(ascii: "\"")
            var name: String
            if isQuoted {
                cursor += 1
                var inner: [UInt8] = []
                while true {
                    guard cursor < bytes.count else { return nil }
                    if bytes[cursor] == UInt8(ascii: "\"") {
                        if cursor + 1 < bytes.count, bytes[cursor + 1] == UInt8(ascii: "\"") {
                            inner.append(UInt8(ascii: "\""))
                            cursor += 2
                            continue
                        }
                        cursor += 1
                        break
                    }
                    inner.append(bytes[cursor])
                    cursor += 1
                }
                guard !inner.isEmpty else { return nil }
                name = String(decoding: inner, as: UTF8.self)
            } else {
                guard cursor < bytes.count, SQLLexer.isIdentifierStart(bytes[cursor]) else { return nil }
                while cursor < bytes.count, SQLLexer.isIdentifierPart(bytes[cursor]) { cursor += 1 }
                name = fold(String(decoding: bytes[start..<cursor], as: UTF8.self))
            }
            let raw = String(decoding: bytes[start..<cursor], as: UTF8.self)
            let range: SourceRange
            let offsets: Range<Int>
            if exact {
                let column = literal.range.start.column + 1
                range = SourceRange(
                    start: SourceLocation(line: literal.range.start.line, column: column + start),
                    end: SourceLocation(line: literal.range.start.line, column: column + cursor))
                offsets = (literal.offsets.lowerBound + 1 + start)..<(literal.offsets.lowerBound + 1 + cursor)
            } else {
                range = literal.range
                offsets = literal.offsets
            }
            parts.append(Identifier(value: name, raw: raw, isQuoted: isQuoted, range: range, offsets: offsets))
            if cursor == bytes.count { break }
            guard bytes[cursor] == UInt8(ascii: "."), parts.count < 3 else { return nil }
            cursor += 1
        }
        return parts
    }
}
