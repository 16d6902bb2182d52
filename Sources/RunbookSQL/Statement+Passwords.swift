public import RunbookDiagnostics

// MARK: - Passwords

extension Statement {
    /// Every password this statement sets (CREATE/ALTER USER or ROLE … PASSWORD), with its owner and the
    /// block-relative range of the value; for redaction of every output.
    public var passwords: [(owner: Identifier, spec: PasswordSpec, range: SourceRange)] {
        passwordOptions.map { ($0.owner, $0.spec, $0.range) }
    }

    /// Every secret the statement's tokens hold, whether it parses or not: what `passwords` finds, and also
    /// `PASSWORD 'x'` in a statement the grammar rejects (`CREATE USER u PASSWORD = 'x'`, Snowflake syntax)
    /// and values given to variables named like secrets (`SET pw = 'x'`, `api_token := 'x'`).
    public var secretLiterals: [SecretLiteral] { SecretLiteral.find(in: tokens) }
}

/// A secret written as a literal in SQL, found from tokens alone.
public struct SecretLiteral: Sendable, Hashable {
    /// The user, role or variable it belongs to, when the tokens name one.
    public var owner: Identifier?
    /// The value between the quotes.
    public var value: String
    /// Block-relative range and byte offsets of the literal, quotes included.
    public var range: SourceRange
    public var offsets: Range<Int>

    /// Template text (`'<password>'`, `'your_password'`), which hides nothing.
    public var isPlaceholder: Bool { Placeholders.looksLikePlaceholder(value) }
}

// MARK: - Finding secrets

extension SecretLiteral {
    /// Secrets in a whole block's text, statements or not: for blocks that are not parsed (another dialect,
    /// not SQL) but may still hold a password a reader must not see in an output.
    public static func find(inBlock text: String, dialect: SQLDialect) -> [SecretLiteral] {
        find(in: SQLLexer.tokenize(text, dialect: dialect))
    }

    /// Secrets in `tokens` (trivia is skipped): `PASSWORD [=] 'x'`, `IDENTIFIED BY 'x'`, and `name = 'x'`,
    /// `name TO 'x'`, `name := 'x'` where the name reads as a secret's.
    public static func find(in tokens: [Token]) -> [SecretLiteral] {
        let significant = tokens.filter { !$0.isTrivia }
        var found: [SecretLiteral] = []
        var owner: Identifier?
        for (index, token) in significant.enumerated() {
            if token.isKeyword(oneOf: ["USER", "ROLE"]), index + 1 < significant.count {
                owner = name(ownerToken(after: index, in: significant))
            }
            if token.isPunctuation(";") { owner = nil }
            guard token.kind == .string || token.kind == .quotedIdentifier || token.kind == .dollarString,
                index > 0
            else { continue }
            var before = index - 1
            let assignment =
                significant[before].isPunctuation("=") || significant[before].isPunctuation(":=")
                || significant[before].isKeyword("TO")
            if assignment, before > 0 { before -= 1 }
            let keyword = significant[before]
            let value = token.kind == .quotedIdentifier ? String(token.text.dropFirst().dropLast()) : token.stringValue
            guard let value, !value.isEmpty else { continue }
            if keyword.isKeyword("PASSWORD")
                || (keyword.isKeyword("BY") && before > 0 && significant[before - 1].isKeyword("IDENTIFIED"))
            {
                found.append(SecretLiteral(owner: owner, value: value, range: token.range, offsets: token.offsets))
            } else if assignment, token.kind != .quotedIdentifier,
                keyword.kind == .word || keyword.kind == .quotedIdentifier,
                isSecretName(keyword.text)
            {
                found.append(
                    SecretLiteral(owner: name(keyword), value: value, range: token.range, offsets: token.offsets))
            }
        }
        return found
    }

    /// `pw`, `password`, `segment_password`, `api_secret`, `auth_token`, `"db_pwd"`.
    static func isSecretName(_ text: String) -> Bool {
        let name = text.trimmingQuotes.asciiLowercased
        if ["pw", "pwd", "passwd", "password", "secret", "token"].contains(name) { return true }
        return ["_pw", "_pwd", "_passwd", "_password", "_secret", "_token"].contains { name.hasSuffix($0) }
    }

    /// The token naming the user or role after USER or ROLE at `index`: past Snowflake's `IF [NOT] EXISTS`,
    /// and inside `IDENTIFIER($v)`.
    private static func ownerToken(after index: Int, in tokens: [Token]) -> Token {
        var position = index + 1
        if tokens[position].isKeyword("IF") {
            while position < tokens.count - 1, tokens[position].isKeyword(oneOf: ["IF", "NOT", "EXISTS"]) {
                position += 1
            }
        }
        if tokens[position].isKeyword("IDENTIFIER"), position + 2 < tokens.count,
            tokens[position + 1].isPunctuation("("),
            tokens[position + 2].kind == .variable || tokens[position + 2].kind == .string
        {
            position += 2
        }
        return tokens[position]
    }

    private static func name(_ token: Token) -> Identifier? {
        if token.kind == .variable {
            return Identifier(
                value: token.text, raw: token.text, isQuoted: false, variable: token.variableName, range: token.range,
                offsets: token.offsets)
        }
        guard token.kind == .word || token.kind == .quotedIdentifier else { return nil }
        let value = token.kind == .quotedIdentifier ? token.text.trimmingQuotes : token.text.asciiLowercased
        return Identifier(
            value: value, raw: token.text, isQuoted: token.kind == .quotedIdentifier, range: token.range,
            offsets: token.offsets)
    }
}

extension String {
    fileprivate var trimmingQuotes: String {
        hasPrefix("\"") && hasSuffix("\"") && count >= 2 ? String(dropFirst().dropLast()) : self
    }
}
