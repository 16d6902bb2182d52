package import RunbookDiagnostics

/// A user, role, group, schema or database that a block the tool does not check creates: later blocks that
/// use it must not be told it does not exist.
package struct SkippedCreation: Sendable, Hashable {
    package enum Kind: String, Sendable, Hashable {
        case user, role, group, schema, database
    }

    package var kind: Kind
    /// As Redshift and PostgreSQL fold it (lower case unless quoted): the names checked blocks compare with.
    package var name: String
    /// Block-relative.
    package var range: SourceRange

    package init(kind: Kind, name: String, range: SourceRange) {
        self.kind = kind
        self.name = name
        self.range = range
    }
}

// MARK: - Token scan

extension SkippedCreation {
    /// `CREATE [OR REPLACE] [DATABASE] ROLE|USER|GROUP|SCHEMA|DATABASE [IF NOT EXISTS] name` at the start of a
    /// statement: a light scan that needs no grammar of the skipped engine. `identifier($var)` and other
    /// computed names are not names, and are passed over.
    package static func scan(_ tokens: [Token]) -> [SkippedCreation] {
        var found: [SkippedCreation] = []
        var index = 0
        var atStatementStart = true
        while index < tokens.count {
            let token = tokens[index]
            defer { index += 1 }
            if token.isPunctuation(";") {
                atStatementStart = true
                continue
            }
            guard atStatementStart else { continue }
            atStatementStart = false
            guard token.isKeyword(.create) else { continue }
            var cursor = index + 1
            func word(_ keyword: Keyword) -> Bool {
                guard cursor < tokens.count, tokens[cursor].isKeyword(keyword) else { return false }
                cursor += 1
                return true
            }
            if word(.or) { _ = word(.replace) }
            let kind: Kind
            if word(.role) {
                kind = .role
            } else if word(.user) {
                kind = .user
            } else if word(.group) {
                kind = .group
            } else if word(.schema) {
                kind = .schema
            } else if word(.database) {
                kind = word(.role) ? .role : .database
            } else {
                continue
            }
            if word(.if) {
                _ = word(.not)
                _ = word(.exists)
            }
            guard cursor < tokens.count, let name = Self.name(tokens, at: cursor) else { continue }
            found.append(SkippedCreation(kind: kind, name: name, range: tokens[cursor].range))
        }
        return found
    }

    /// The last part of a possibly qualified name (`db.schema` → `schema`), folded as Redshift folds it.
    private static func name(_ tokens: [Token], at start: Int) -> String? {
        var index = start
        var last: String?
        while index < tokens.count {
            let token = tokens[index]
            switch token.kind {
            case .word:
                last = token.text.asciiLowercased
            case .quotedIdentifier:
                last = String(token.text.dropFirst().dropLast()).replacing("\"\"", with: "\"")
            case .placeholder where token.text.hasPrefix("[") && token.text.hasSuffix("]"):
                // T-SQL's `[name]`, which the Redshift and PostgreSQL lexers read as one token.
                last = String(token.text.dropFirst().dropLast()).asciiLowercased
            case .punctuation
            where token.text == "[" && index + 2 < tokens.count && tokens[index + 2].isPunctuation("]"):
                last = tokens[index + 1].text.asciiLowercased
                index += 2
            default:
                return nil
            }
            // `identifier($name)` and other calls compute the name.
            if index + 1 < tokens.count, tokens[index + 1].isPunctuation("(") { return nil }
            guard index + 1 < tokens.count, tokens[index + 1].isPunctuation("."), index + 2 < tokens.count else {
                return last
            }
            index += 2
        }
        return last
    }
}
