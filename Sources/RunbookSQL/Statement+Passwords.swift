package import RunbookDiagnostics

// MARK: - Passwords

extension Statement {
    /// Every password this statement sets (CREATE/ALTER USER or ROLE … PASSWORD), with its owner and the
    /// block-relative range of the value; for redaction of every output.
    package var passwords: [(owner: Identifier, spec: PasswordSpec, range: SourceRange)] {
        passwordOptions.map { ($0.owner, $0.spec, $0.range) }
    }

    /// Every secret the statement's tokens hold, whether it parses or not: what `passwords` finds, and also
    /// `PASSWORD 'x'` in a statement the grammar rejects (`CREATE USER u PASSWORD = 'x'`, Snowflake syntax)
    /// and values given to variables named like secrets (`SET pw = 'x'`, `api_token := 'x'`).
    package var secretLiterals: [SecretLiteral] { SecretLiteral.find(in: tokens) }
}

/// A secret written as a literal in SQL, found from tokens alone.
package struct SecretLiteral: Sendable, Hashable {
    /// The user, role or variable it belongs to, when the tokens name one.
    package var owner: Identifier?
    /// The value between the quotes.
    package var value: String
    /// Block-relative range and byte offsets of the literal, quotes included.
    package var range: SourceRange
    package var offsets: Range<Int>

    /// Template text (`'<password>'`, `'your_password'`), which hides nothing.
    package var isPlaceholder: Bool { Placeholders.looksLikePlaceholder(value) }
}

// MARK: - Finding secrets

extension SecretLiteral {
    /// Secrets in a whole block's text, statements or not: for blocks that are not parsed (another dialect,
    /// not SQL) but may still hold a password a reader must not see in an output.
    package static func find(inBlock text: String, dialect: SQLDialect) -> [SecretLiteral] {
        find(in: SQLLexer.tokenize(text, dialect: dialect))
    }

    /// Secrets in `tokens` (trivia is skipped): `PASSWORD [=] 'x'`, `IDENTIFIED BY 'x'`, and `name = 'x'`,
    /// `name TO 'x'`, `name := 'x'` where the name reads as a secret's.
    package static func find(in tokens: [Token]) -> [SecretLiteral] {
        let significant = tokens.filter { !$0.isTrivia }
        var found: [SecretLiteral] = []
        var owner: Identifier?
        for (index, token) in significant.enumerated() {
            if token.isKeyword(oneOf: [.user, .role]), index + 1 < significant.count {
                owner = name(ownerToken(after: index, in: significant))
            }
            if token.isPunctuation(";") { owner = nil }
            if token.isPunctuation("(") { found += tupleSecrets(at: index, in: significant) }
            guard
                token.kind == .string || token.kind == .quotedIdentifier || token.kind == .dollarString
                    || Self.isUnterminatedQuote(token),
                index > 0
            else { continue }
            var before = index - 1
            let assignment =
                significant[before].isPunctuation("=") || significant[before].isPunctuation(":=")
                || significant[before].isKeyword(.to)
            if assignment, before > 0 { before -= 1 }
            let keyword = significant[before]
            // The value is decoded only where a secret may be: most strings of a page are none.
            if keyword.isKeyword(.password)
                || (keyword.isKeyword(.by) && before > 0 && significant[before - 1].isKeyword(.identified))
            {
                guard let value = Self.value(of: token), !value.isEmpty else { continue }
                found.append(SecretLiteral(owner: owner, value: value, range: token.range, offsets: token.offsets))
            } else if !assignment {
                guard mayBeCredential(before: index, in: significant), let value = Self.value(of: token),
                    !value.isEmpty, let parameter = credentialParameter(before: index, in: significant, value: value)
                else { continue }
                // COPY's, UNLOAD's and CREATE LIBRARY's keys: the value is named after its parameter.
                found.append(
                    SecretLiteral(owner: name(parameter), value: value, range: token.range, offsets: token.offsets))
            } else if token.kind != .quotedIdentifier, keyword.kind == .word || keyword.kind == .quotedIdentifier,
                isSecretName(keyword.text)
            {
                guard let value = Self.value(of: token), !value.isEmpty else { continue }
                found.append(
                    SecretLiteral(owner: name(keyword), value: value, range: token.range, offsets: token.offsets))
            }
        }
        return found
    }

    /// The parameters whose value is a key (https://docs.aws.amazon.com/redshift/latest/dg/copy-parameters-authorization.html,
    /// https://docs.aws.amazon.com/redshift/latest/dg/r_UNLOAD.html), and an identity provider's PARAMETERS when
    /// they hold its client secret (https://docs.aws.amazon.com/redshift/latest/dg/r_CREATE_IDENTITY_PROVIDER.html):
    /// their values are secrets, taken from a client variable named after the parameter, as a password is.
    package static let credentialParameters: Set<String> = [
        "secret_access_key", "session_token", "master_symmetric_key", "credentials", "parameters",
    ]

    /// Whether the word before the string at `index` (past an AS) is one of the parameters `credentialParameter`
    /// reads, before the string's value is decoded.
    private static func mayBeCredential(before index: Int, in tokens: [Token]) -> Bool {
        var position = index - 1
        if tokens[position].isKeyword(.as), position > 0 { position -= 1 }
        return tokens[position].isKeyword(oneOf: credentialKeywords)
    }

    private static let credentialKeywords: Set<Keyword> = [
        .secretAccessKey, .sessionToken, .masterSymmetricKey, .parameters, .credentials,
    ]

    /// The parameter token before the string at `index` when that string is a key: `SECRET_ACCESS_KEY 'x'`,
    /// `SESSION_TOKEN 'x'`, `MASTER_SYMMETRIC_KEY 'x'`, and `CREDENTIALS [AS] 'x'` when the credentials string
    /// holds a secret key, a session token or a root key (`aws_iam_role=arn:…` alone is no secret), and
    /// `PARAMETERS '{…}'` when its JSON holds a `client_secret`.
    private static func credentialParameter(before index: Int, in tokens: [Token], value: String) -> Token? {
        var position = index - 1
        if tokens[position].isKeyword(.as), position > 0 { position -= 1 }
        let parameter = tokens[position]
        if position == index - 1, parameter.isKeyword(oneOf: [.secretAccessKey, .sessionToken, .masterSymmetricKey]) {
            return parameter
        }
        let lowered = value.asciiLowercased
        if position == index - 1, parameter.isKeyword(.parameters) {
            return lowered.contains("\"client_secret\"") ? parameter : nil
        }
        guard parameter.isKeyword(.credentials) else { return nil }
        let holdsSecret = ["secret_access_key=", "token=", "master_symmetric_key="].contains {
            lowered.contains($0)
        }
        return holdsSecret ? parameter : nil
    }

    /// A string the lexer found no end for (`PASSWORD 'x;` to the end of the block): an error token that opens
    /// with a quote. Its text to the end is what a password there may be.
    private static func isUnterminatedQuote(_ token: Token) -> Bool {
        token.kind == .error
            && (token.text.hasPrefix("'") || token.text.hasPrefix("\"") || token.text.hasPrefix("$")
                || token.text.hasPrefix("E'") || token.text.hasPrefix("e'"))
    }

    /// The text between a literal's quotes; for an unterminated one, all of it after the opening quote.
    private static func value(of token: Token) -> String? {
        if isUnterminatedQuote(token) {
            return String(token.text.drop { $0 == "E" || $0 == "e" }.dropFirst())
        }
        return token.kind == .quotedIdentifier ? String(token.text.dropFirst().dropLast()) : token.stringValue
    }

    /// Snowflake's `SET (a, b_password) = ('x', 'y')` at the `(` of `index`: names and values pair up by
    /// position, and a value given to a name that reads as a secret's is one.
    private static func tupleSecrets(at index: Int, in tokens: [Token]) -> [SecretLiteral] {
        var names: [Token] = []
        var position = index + 1
        while position < tokens.count, tokens[position].kind == .word || tokens[position].kind == .quotedIdentifier {
            names.append(tokens[position])
            position += 1
            if position < tokens.count, tokens[position].isPunctuation(",") { position += 1 } else { break }
        }
        guard names.contains(where: { isSecretName($0.text) }), position + 2 < tokens.count,
            tokens[position].isPunctuation(")"), tokens[position + 1].isPunctuation("="),
            tokens[position + 2].isPunctuation("(")
        else { return [] }
        // The values, split on commas outside parentheses: each an array of tokens.
        var values: [[Token]] = [[]]
        var depth = 0
        position += 3
        while position < tokens.count {
            let token = tokens[position]
            if token.isPunctuation(")") {
                if depth == 0 { break }
                depth -= 1
            } else if token.isPunctuation("(") {
                depth += 1
            } else if token.isPunctuation(","), depth == 0 {
                values.append([])
                position += 1
                continue
            } else if token.isPunctuation(";") {
                break
            }
            values[values.count - 1].append(token)
            position += 1
        }
        var found: [SecretLiteral] = []
        for (name, value) in zip(names, values) where isSecretName(name.text) && value.count == 1 {
            let literal = value[0]
            guard literal.kind == .string || literal.kind == .dollarString || isUnterminatedQuote(literal),
                let text = Self.value(of: literal), !text.isEmpty
            else { continue }
            found.append(
                SecretLiteral(owner: self.name(name), value: text, range: literal.range, offsets: literal.offsets))
        }
        return found
    }

    /// The findings with every secret they quote from the statement masked. A syntax or typo message quotes a
    /// token's text (`found ''Secret1''`, the whole text of a placeholder statement): where a finding's range
    /// covers a secret, that secret's text as the message quotes it becomes `'***'`. Only the literal's own text
    /// is replaced, so a password that is also a word of the message (`password`, the user's name) leaves the
    /// rest of it alone.
    static func maskingQuotedSecrets(_ findings: [Diagnostic], tokens: [Token]) -> [Diagnostic] {
        guard !findings.isEmpty else { return findings }
        let secrets = find(in: tokens).filter { !$0.isPlaceholder }
        guard !secrets.isEmpty else { return findings }
        let quoted = tokens.filter { token in secrets.contains { $0.offsets == token.offsets } }
        func mask(_ text: String, covering range: SourceRange) -> String {
            var result = text
            for token in quoted where token.range.meets(range) {
                let quote = token.text.first.map(String.init) ?? "'"
                let masked = quote + "***" + (token.text.count > 1 ? String(token.text.last ?? "'") : quote)
                for form in [token.text, SQLText.excerpt(token.text)] where result.contains(form) {
                    result = result.replacing(form, with: masked)
                }
            }
            return result
        }
        return findings.map { finding in
            var copy = finding
            copy.message = mask(copy.message, covering: copy.range)
            copy.fixIts = copy.fixIts.map { fixIt in
                var masked = fixIt
                masked.message = mask(fixIt.message, covering: copy.range)
                masked.replacement = mask(fixIt.replacement, covering: fixIt.range)
                return masked
            }
            return copy
        }
    }

    /// `pw`, `password`, `segment_password`, `api_secret`, `auth_token`, `"db_pwd"`.
    package static func isSecretName(_ text: String) -> Bool {
        let name = text.trimmingQuotes.asciiLowercased
        if Self.secretNames.contains(name) { return true }
        return Self.secretSuffixes.contains { name.hasSuffix($0) }
    }

    private static let secretSuffixes = secretNames.map { "_" + $0 }

    /// Lower-case words of which every secret `find` reports has one in its statement: PASSWORD, IDENTIFIED BY,
    /// the credential parameters' names and the secret names above. A text without any holds no secret, so it
    /// need not be lexed or searched (SecretRedaction); a name added above must be covered here.
    package static let telltaleWords = [
        "pass", "pw", "secret", "token", "identified", "symmetric", "master_key", "private_key", "api_key",
    ]

    /// Names of secrets, alone or after `_`: passwords, tokens, and the keys of Snowflake's stage and COPY
    /// credentials (`AWS_SECRET_KEY`, `AZURE_SAS_TOKEN`, `MASTER_KEY`:
    /// https://docs.snowflake.com/en/sql-reference/sql/create-stage) and of API integrations (`API_KEY`).
    static let secretNames: [String] = [
        "pw", "pwd", "passwd", "password", "secret", "token", "secret_key", "master_key", "private_key", "api_key",
    ]

    /// What a client variable holding a secret holds, for the line of a script that asks for it: the
    /// credential parameters by name, a token or key by its name's end, otherwise a password.
    package static func noun(forVariable variable: String) -> String {
        let name = variable.asciiLowercased
        switch name {
        case "secret_access_key": return "the secret access key"
        case "session_token": return "the session token"
        case "master_symmetric_key": return "the master symmetric key"
        case "credentials": return "the credentials string"
        case "parameters": return "the identity provider's parameters"
        default: break
        }
        if name == "token" || name.hasSuffix("_token") { return "the token" }
        if name.hasSuffix("_key") { return "the key" }
        if name == "secret" || name.hasSuffix("_secret") { return "the secret" }
        return "the password"
    }

    /// The token naming the user or role after USER or ROLE at `index`: past Snowflake's `IF [NOT] EXISTS`,
    /// and inside `IDENTIFIER($v)`.
    private static func ownerToken(after index: Int, in tokens: [Token]) -> Token {
        var position = index + 1
        if tokens[position].isKeyword(.if) {
            while position < tokens.count - 1, tokens[position].isKeyword(oneOf: [.if, .not, .exists]) {
                position += 1
            }
        }
        if tokens[position].isKeyword(.identifier), position + 2 < tokens.count,
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

extension SourceRange {
    /// Whether the ranges share a position, an empty range counting as the position it is at.
    fileprivate func meets(_ other: SourceRange) -> Bool {
        start <= other.end && other.start <= end
    }
}
