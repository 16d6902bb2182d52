/// What a block's tokens say before it is parsed: the first word of each statement, what it creates, a
/// database a comment names, whether it holds a `<name>` to fill in.
///
/// The model reads these while it shapes the runbook (which untagged blocks are SQL, which database a step
/// connects to, which alternatives may both run), before the page's dialect is decided; so the outline lexes as
/// the page-dialect sampler does, as Redshift, whose lexer also reads PostgreSQL's text. Strings, quoted names
/// and comments are the lexer's, so a word inside them is never taken for a statement's.
package struct SQLOutline: Sendable {
    /// The block's tokens, trivia included.
    private let tokens: [Token]

    package init(_ text: String) {
        tokens = SQLLexer.tokenize(text, dialect: Self.dialect)
    }

    private static let dialect = SQLDialect.redshift
}

// MARK: - Statements

extension SQLOutline {
    /// The first word of each statement, upper-cased: `GRANT`, `\CONNECT` for a psql meta-command.
    package var statementWords: [String] {
        var words: [String] = []
        var index = 0
        while let word = Self.leadingWord(in: tokens, from: &index) {
            words.append(word)
            // A meta-command ends at its line; another statement ends at its `;`.
            if tokens[index - 1].kind == .metaCommand { continue }
            while index < tokens.count, !tokens[index].isPunctuation(";"), tokens[index].kind != .metaCommand {
                index += 1
            }
            if index < tokens.count, tokens[index].isPunctuation(";") { index += 1 }
        }
        return words
    }

    /// Whether running the block would change the database (create, grant, alter …), not only read it.
    package var changesDatabase: Bool {
        statementWords.contains { Keyword(word: $0).map(Self.changeWords.contains) ?? false }
    }

    /// Whether `text` starts like SQL: its first statement opens with a statement word. Lexes only as far as
    /// that word, since most blocks asked about are not SQL at all (shell, JSON, YAML).
    package static func startsLikeSQL(_ text: String) -> Bool {
        var lexer = SQLLexer(text, dialect: dialect)
        var head: [Token] = []
        // A statement word, then what follows it: enough to tell `SELECT *` from `select-editor`.
        while let token = lexer.next() {
            head.append(token)
            if head.count(where: { !$0.isTrivia && !$0.isPunctuation("(") && !$0.isPunctuation(";") }) == 2 { break }
        }
        var index = 0
        guard let word = leadingWord(in: head, from: &index), let first = Keyword(word: word) else { return false }
        return queryWords.contains(first) || changeWords.contains(first) || sessionWords.contains(first)
    }

    /// The first word at or after `index` (past trivia, `;` and opening parentheses), upper-cased, with `index`
    /// moved past it. A word glued to what follows (`select-editor`, `grant.sh`) is read whole, so it names no
    /// statement.
    private static func leadingWord(in tokens: [Token], from index: inout Int) -> String? {
        while index < tokens.count,
            tokens[index].isTrivia || tokens[index].isPunctuation(";")
                || tokens[index].isPunctuation("(")
        {
            index += 1
        }
        guard index < tokens.count else { return nil }
        let token = tokens[index]
        index += 1
        if token.kind == .metaCommand {
            return String(token.text.prefix { $0 != " " && $0 != "\t" && $0 != "\n" }).uppercased()
        }
        // The word runs to the next space, `(` or `;`, as a person reads it: `select-editor` is one word.
        var word = token.text
        while index < tokens.count, !tokens[index].isTrivia, !tokens[index].isPunctuation("("),
            !tokens[index].isPunctuation(";"), tokens[index].kind != .metaCommand
        {
            word += tokens[index].text
            index += 1
        }
        return word.uppercased()
    }

    private static let queryWords: Set<Keyword> = [.select, .with, .show, .explain, .values, .table, .describe]
    private static let changeWords: Set<Keyword> = [
        .create, .alter, .drop, .grant, .revoke, .insert, .update, .delete, .copy, .truncate, .comment, .call, .do,
        .unload, .merge, .reassign, .refresh, .security,
    ]
    private static let sessionWords: Set<Keyword> = [.set, .begin, .commit, .end, .analyze, .vacuum, .start, .reset]
}

// MARK: - What the block creates

extension SQLOutline {
    /// The database of the first `CREATE DATABASE name` (`IF NOT EXISTS` skipped), lower-cased, quotes removed.
    package static func createdDatabase(in text: String) -> String? {
        // Most blocks create no database: two byte searches rule them out before anything is lexed.
        let lower = text.asciiLowercased
        guard lower.containsBytes("database"), lower.containsBytes("create") else { return nil }
        return SQLOutline(text).createdDatabase
    }

    /// What the block creates without `IF NOT EXISTS` or `OR REPLACE` (`user metabase`, `role analytics`): two
    /// alternatives that create the same thing cannot both be run.
    package static func createdObjects(in text: String) -> Set<String> {
        guard text.asciiLowercased.containsBytes("create") else { return [] }
        return SQLOutline(text).createdObjects
    }

    /// `createdDatabase(in:)` of the outlined block, for a caller that asks more than one question of it.
    package var createdDatabase: String? { creations.first { $0.kind == "database" }?.name }

    /// `createdObjects(in:)` of the outlined block.
    package var createdObjects: Set<String> {
        Set(creations.filter { !$0.conditional }.map { "\($0.kind) \($0.name)" })
    }

    private static let createdKinds: Set<Keyword> = [.user, .role, .group, .schema, .database, .table, .view]

    /// Every `CREATE kind name` of the kinds above, in order. The name is the tokens written together after the
    /// kind (`analytics.events`, `<name>`), lower-cased with double quotes removed.
    private var creations: [(kind: String, name: String, conditional: Bool)] {
        var result: [(kind: String, name: String, conditional: Bool)] = []
        let significant = tokens.indices.filter { !tokens[$0].isTrivia }
        for (position, index) in significant.enumerated() where tokens[index].isKeyword(.create) {
            guard position + 2 < significant.count else { break }
            guard let kind = Keyword(tokens[significant[position + 1]]), Self.createdKinds.contains(kind) else {
                continue
            }
            var nameStart = significant[position + 2]
            var conditional = false
            if tokens[nameStart].isKeyword(.if) {
                conditional = true
                guard position + 5 < significant.count else { continue }
                nameStart = significant[position + 5]
            }
            var end = nameStart
            while end < tokens.count, !tokens[end].isTrivia, !tokens[end].isPunctuation(";"),
                !tokens[end].isPunctuation("(")
            {
                end += 1
            }
            let name = tokens[nameStart..<end].map(\.text).joined().asciiLowercased.filter { $0 != "\"" }
            if !name.isEmpty { result.append((kind.rawValue, name, conditional)) }
        }
        return result
    }
}

// MARK: - Comments and placeholders

extension SQLOutline {
    /// "-- … in DATABASE user_database" → ("user_database", the comment's line in the block, 1-based).
    package static func databaseNamedInComment(_ text: String) -> (name: String, line: Int)? {
        guard text.containsBytes("--") else { return nil }
        for token in SQLOutline(text).tokens where token.kind == .lineComment {
            let words = token.text.dropFirst(2).split(separator: " ")
            for index in words.indices.dropLast() where words[index] == "DATABASE" || words[index] == "database" {
                let name = String(words[index + 1]).trimmingCharacters("\"`.,;")
                if name.isSQLIdentifierLike { return (name, token.range.start.line) }
            }
        }
        return nil
    }

    /// Whether the block holds a `<name>` to fill in (`<database_name>`, `<hasura-role>`, `'<password>'`)
    /// outside comments.
    package static func hasAnglePlaceholder(_ text: String) -> Bool {
        guard text.containsBytes("<") else { return false }
        return SQLOutline(text).tokens.contains { token in
            switch token.kind {
            case .placeholder: token.text.hasPrefix("<")
            case .string: Placeholders.isAngleName(token.text.dropFirst().dropLast())
            default: false
            }
        }
    }
}
