package import RunbookDiagnostics

/// A name one edit from a keyword, where the keyword was meant and the name still parses, so the statement runs
/// and does something else: `FROM sales lfet JOIN users u ON …` gives `sales` the alias `lfet` and makes an inner
/// join of the left join that was meant; `SELECT distint name FROM users` selects a column `distint` named
/// `name`, with duplicates. The keyword is suggested, as a guess: a name may be spelt so on purpose.
package struct AliasLikeKeywordCheck: StatementCheck {
    package static let rule = Rule.sqlAliasLikeKeyword

    /// The words that open a join before JOIN (https://docs.aws.amazon.com/redshift/latest/dg/r_FROM_clause30.html).
    static let joinWords = ["CROSS", "FULL", "INNER", "LEFT", "NATURAL", "RIGHT"]

    package init() {}

    package func check(_ statements: [Statement], context: SQLCheckContext) -> [Diagnostic] {
        statements.flatMap { statement -> [Diagnostic] in
            guard statement.isQuery else { return [] }
            let tokens = statement.significantTokens
            var found: [Diagnostic] = []
            for index in tokens.indices.dropFirst() {
                let word = tokens[index]
                guard Self.isPlainName(word) else { continue }
                let previous = tokens[index - 1]
                // FROM run together with a table, at the query's end (`SELECT a, b FROMusers`) or before its next
                // clause.
                if let table = Self.tableAfterFrom(word), !previous.isKeyword(.as), Self.endsExpression(previous),
                    index + 1 == tokens.count || Self.endsQuery(tokens[index + 1]),
                    !Self.hasFrom(tokens, before: index)
                {
                    found.append(Self.fromFinding(AliasLikeFromMessage(written: word.text, table: table), word))
                    continue
                }
                guard index + 1 < tokens.count else { continue }
                let next = tokens[index + 1]
                if next.isKeyword(.join), Self.endsRelation(previous),
                    let keyword = Suggestion.closest(to: word.text, in: Self.joinWords)
                {
                    found.append(
                        Self.finding(
                            AliasLikeJoinMessage(written: word.text, relation: previous.text, suggestion: keyword),
                            word, keyword))
                } else if previous.isKeyword(.select), Self.isAlias(next), Self.endsItem(tokens, after: index + 1),
                    let keyword = Suggestion.closest(to: word.text, in: ["DISTINCT"])
                {
                    found.append(
                        Self.finding(
                            AliasLikeDistinctMessage(written: word.text, alias: next.text, suggestion: keyword),
                            word, keyword))
                }
            }
            return found
        }
    }

    /// A word that is a name and no keyword at all, of at least three letters (`s`, `u` are aliases, not typos).
    private static func isPlainName(_ token: Token) -> Bool {
        token.kind == .word && Keyword(token) == nil && token.text.utf8.count >= 3
    }

    /// A word that can be a select item's alias written without AS.
    private static func isAlias(_ token: Token) -> Bool {
        token.kind == .quotedIdentifier || (token.kind == .word && Keyword(token) == nil)
    }

    /// Whether `token` can end a relation of a FROM list, so that a name after it is that relation's alias.
    private static func endsRelation(_ token: Token) -> Bool {
        token.kind == .quotedIdentifier || token.isPunctuation(")")
            || (token.kind == .word && !token.isKeyword(oneOf: StatementParser.reservedWords))
    }

    /// Whether the select item ends after the token at `index`: a comma, FROM, or the end of the statement.
    private static func endsItem(_ tokens: [Token], after index: Int) -> Bool {
        guard index + 1 < tokens.count else { return true }
        let next = tokens[index + 1]
        return next.isPunctuation(",") || next.isKeyword(.from) || next.isPunctuation(";")
    }

    /// The table's name in a word that is FROM run together with it (`FROMusers` → `users`), when a name follows.
    private static func tableAfterFrom(_ word: Token) -> String? {
        let bytes = word.text.utf8
        guard word.kind == .word, bytes.count > 4, bytes.first.map({ $0 | 0x20 }) == UInt8(ascii: "f"),
            bytes.prefix(4).map({ $0 | 0x20 }) == Array("from".utf8),
            let first = bytes.dropFirst(4).first, SQLLexer.isIdentifierStart(first)
        else { return nil }
        return String(word.text.dropFirst(4))
    }

    /// Whether an alias may follow `token`: it ends a select item's expression.
    private static func endsExpression(_ token: Token) -> Bool {
        token.isPunctuation(")") || token.isPunctuation("*") || token.kind == .number || token.kind == .string
            || token.kind == .quotedIdentifier || (token.kind == .word && Keyword(token) == nil)
    }

    /// Whether the query (or its parenthesised part) ends after an alias, or a clause that follows FROM begins.
    private static func endsQuery(_ token: Token) -> Bool {
        token.isPunctuation(")") || token.isPunctuation(";")
            || token.isKeyword(oneOf: [.where, .group, .order, .limit, .union, .intersect, .except, .having])
    }

    /// Whether a FROM stands between the nearest SELECT before `index` and `index`, at the same depth.
    private static func hasFrom(_ tokens: [Token], before index: Int) -> Bool {
        var depth = 0
        for position in stride(from: index - 1, through: 0, by: -1) {
            let token = tokens[position]
            if token.isPunctuation(")") { depth += 1 }
            if token.isPunctuation("(") {
                if depth == 0 { return false }
                depth -= 1
            }
            guard depth == 0 else { continue }
            if token.isKeyword(.from) { return true }
            if token.isKeyword(.select) { return false }
        }
        return false
    }

    private static func fromFinding(_ message: AliasLikeFromMessage, _ word: Token) -> Diagnostic {
        let from = String(word.text.prefix(4))
        return Diagnostic(
            message, at: word.range,
            fixIts: [
                FixIt(
                    "replace with \(from) \(message.table) (a guess)", range: word.range,
                    replacement: "\(from) \(message.table)", applicability: .unsafe)
            ])
    }

    private static func finding(_ message: some DiagnosticMessage, _ word: Token, _ keyword: String) -> Diagnostic {
        Diagnostic(
            message, at: word.range,
            fixIts: [
                FixIt(
                    "replace with \(keyword) (a guess)", range: word.range,
                    replacement: matchingCase(keyword, like: word.text), applicability: .unsafe)
            ])
    }
}
