import RunbookDiagnostics

/// Typos that the grammar alone reads wrong or reports vaguely: a misspelt command word (`GRNAT`), keywords
/// run together with the next word (`SELECTname`, `leftjoin`, `GROUPBY1`), a misspelt privilege (`SELCT`), a
/// misspelt keyword inside a statement where the grammar fails (`GROUP BY 1 odrer BY 1`).
/// Each is one diagnostic with a fix-it, in place of the syntax error (or the silence) the grammar gives, and
/// the statement is then invalid: a server rejects it, so nothing downstream may read it as written.
struct TypoReview {
    /// The statement as written, and the block offset of its first byte.
    let text: String
    let baseOffset: Int
    /// Its significant tokens, block-relative.
    let tokens: [Token]
    let dialect: SQLDialect

    /// How many splits the review re-parses at most per statement: broken statements are few, and each try
    /// lexes and parses the statement again.
    static let maximumTries = 8
    /// Statements longer than this (in bytes) are not reviewed: a typo review may parse one several times.
    static let maximumLength = 64 * 1024
    /// `GROUPBY`, `ORDERBY`: shorter words are never a joined pair.
    static let shortestJoinedPair = 7
}

// MARK: - Entry point

extension TypoReview {
    /// The typo findings for a statement that parsed as `kind` or failed with `failure`; nil when there are none.
    func findings(kind: StatementKind, failure: SyntaxError?) -> [Diagnostic]? {
        // Too deep or too long to parse again: the syntax error stands.
        guard let first = tokens.first, failure.map({ $0.rule == .sqlSyntax }) ?? true,
            text.utf8.count <= Self.maximumLength
        else { return nil }
        if tokens.allSatisfy({ $0.kind == .placeholder }), let last = tokens.last {
            let text = tokens.map(\.text).joined(separator: " ")
            return [
                Diagnostic(
                    PlaceholderStatementMessage(text: text),
                    at: SourceRange(start: first.range.start, end: last.range.end))
            ]
        }
        // The grammar names a statement whose first word starts none of the dialect's (a syntax error at that
        // word); a misspelt command word gets its did-you-mean instead, a transcript's lines no finding at all,
        // and another engine's command (`FLUSH PRIVILEGES`) keeps the grammar's error naming it.
        let failsAtFirstWord = failure.map { $0.range.start == first.range.start } ?? false
        var opaque = false
        if case .opaque = kind { opaque = true }
        if failsAtFirstWord || (failure == nil && opaque), first.kind == .word,
            !first.isKeyword(oneOf: SQLVocabulary.statementWords(for: dialect))
        {
            if isTranscript { return [] }
            if !first.isKeyword(oneOf: SQLVocabulary.otherEngineStatementWords) {
                return [runTogether(leading: first) ?? unknownStatement(first)]
            }
        }
        if let failure {
            let repairs = runTogetherRepairs(failure: failure)
            guard !repairs.isEmpty else { return nil }
            // Once repaired, a joined pair the grammar then reads as part of an expression is still a typo.
            let starts = Set(repairs.map(\.range.start))
            return repairs + joinedPairs().filter { !starts.contains($0.range.start) }
        }
        let found = joinedPairs() + unknownPrivileges(kind)
        return found.isEmpty ? nil : found
    }
}

// MARK: - Misspelt keywords

extension TypoReview {
    /// The syntax errors of a statement that does not parse, each at a word one edit from a keyword (or right
    /// after one) turned into "did you mean ORDER?" when writing the keyword there moves the mistake past it: the
    /// recovering parser reads the statement again with the keyword in place, so a name that merely looks like a
    /// keyword is never blamed, and the other mistakes of the statement keep their own findings.
    func suggestingKeywords(for findings: [Diagnostic]) -> [Diagnostic] {
        guard findings.count <= Self.maximumTries, text.utf8.count <= Self.maximumLength else { return findings }
        var baseline: [Int]?
        var suggested: Set<Int> = []
        return findings.map { finding in
            guard finding.rule == Rule.sqlSyntax.id,
                let failing = tokens.firstIndex(where: { $0.range.start == finding.range.start })
            else { return finding }
            for index in [failing, failing - 1] where index >= 0 && !suggested.contains(index) {
                let word = tokens[index]
                guard word.kind == .word, Keyword(word) == nil, word.text.utf8.count >= 3,
                    let keyword = Suggestion.closest(to: word.text, in: SQLVocabulary.measuredKeywords)
                else { continue }
                let replacement = matchingCase(keyword, like: word.text)
                let before = baseline ?? mistakeIndices(editing: [])
                baseline = before
                guard let after = mistakeIndices(editing: [(word.offsets, replacement)]),
                    let before,
                    !after.contains(where: { (index...failing).contains($0) }),
                    after.count(where: { $0 < index }) <= before.count(where: { $0 < index })
                else { continue }
                suggested.insert(index)
                return Diagnostic(
                    MisspeltKeywordMessage(written: word.text, suggestion: keyword), at: word.range,
                    fixIts: [Self.replacing(word, with: replacement)])
            }
            return finding
        }
    }

    /// Where the recovering parser records mistakes in the statement with `edits` applied, as indices of its
    /// significant tokens (a word replaced by a keyword keeps every index); nil when it no longer lexes the same.
    private func mistakeIndices(editing edits: [(Range<Int>, String)]) -> [Int]? {
        guard let edited = applying(edits) else { return nil }
        let significant = SQLLexer.tokenize(edited, dialect: dialect).filter { !$0.isTrivia }
        guard let last = significant.last, significant.count == tokens.count,
            !significant.contains(where: { $0.kind == .error })
        else { return nil }
        var parser = StatementParser(tokens: significant, dialect: dialect, end: last.range.end)
        _ = parser.parseRecovering()
        return parser.mistakes.map(\.index)
    }
}

// MARK: - Unknown statements

extension TypoReview {
    /// A query's output pasted after it (`c1 | c2` over a `---+---` rule, `(3 rows)`) or a psql prompt
    /// (`postgres=> GRANT …`): not a statement a writer misspelt, so not reported as one.
    private var isTranscript: Bool {
        if tokens.count > 1, tokens[0].offsets.upperBound == tokens[1].offsets.lowerBound,
            ["=>", "=#", "->", "-#"].contains(tokens[1].text)
        {
            return true
        }
        if tokens.contains(where: { $0.isPunctuation("|") }) { return true }
        return text.split(separator: "\n").contains { line in
            let trimmed = line.trimmingPrefix(while: { $0 == " " })
            return (trimmed.hasPrefix("(") && (trimmed.hasSuffix(" rows)") || trimmed.hasSuffix(" row)")))
                || (trimmed.count >= 3 && trimmed.allSatisfy { $0 == "-" || $0 == "+" || $0 == " " })
        }
    }

    /// Who the message says has no such command.
    private static func commandFamily(_ dialect: SQLDialect) -> String {
        dialect.syntax.contains(.snowflakeObjects) ? dialect.displayName : "Redshift or PostgreSQL"
    }

    private func unknownStatement(_ word: Token) -> Diagnostic {
        let candidates = SQLVocabulary.statementWords(for: dialect)
        guard let suggestion = Suggestion.closest(to: word.text, in: candidates) else {
            return Diagnostic(
                UnknownStatementMessage(written: word.text, family: Self.commandFamily(dialect)), at: word.range)
        }
        let replacement = matchingCase(suggestion, like: word.text)
        return Diagnostic(
            UnknownStatementMessage(written: word.text, suggestion: suggestion, family: Self.commandFamily(dialect)),
            at: word.range,
            fixIts: [Self.replacing(word, with: replacement)])
    }
}

// MARK: - Run-together keywords

extension TypoReview {
    /// `SELECTsegment.id FROM t`: the first word starts with a command that, split off, makes the statement parse.
    private func runTogether(leading word: Token) -> Diagnostic? {
        guard let pieces = Self.split(word.text), pieces[0].asciiUppercased != word.text.asciiUppercased,
            SQLVocabulary.statementWords(for: dialect).contains(pieces[0].asciiUppercased)
        else { return nil }
        let outcome = reparse([(word.offsets, pieces.joined(separator: " "))])
        guard outcome.parses else { return nil }
        return runTogetherDiagnostic(word, pieces)
    }

    /// For a statement that does not parse: the splits that, together, make it parse. A split is kept when the
    /// first error moves past the word; nothing is reported unless the statement parses in the end, so a name
    /// that merely starts with a keyword (`online`, `selection`) is never blamed.
    private func runTogetherRepairs(failure: SyntaxError) -> [Diagnostic] {
        var accepted: [(token: Token, pieces: [String])] = []
        // Where the statement fails, in the original text's offsets.
        var errorOffset =
            tokens.first(where: { $0.range.start == failure.range.start })?.offsets.lowerBound
            ?? baseOffset + text.utf8.count
        var tries = 0
        for token in tokens where token.kind == .word {
            guard tries < Self.maximumTries, let pieces = Self.split(token.text) else { continue }
            tries += 1
            let edits = (accepted + [(token, pieces)]).map { ($0.token.offsets, $0.pieces.joined(separator: " ")) }
            let outcome = reparse(edits)
            if outcome.parses {
                accepted.append((token, pieces))
                return accepted.map { runTogetherDiagnostic($0.token, $0.pieces) }
            }
            // Kept when the error moves past where it was (the edits all lie before it).
            let inserted = edits.reduce(0) { $0 + $1.1.utf8.count - $1.0.count }
            if let offset = outcome.errorOffset, offset - inserted > errorOffset,
                token.offsets.lowerBound <= errorOffset
            {
                accepted.append((token, pieces))
                errorOffset = offset - inserted
            }
        }
        return []
    }

    /// `FROM t GROUPBY1`, `FROM a leftjoin b`: two keywords joined where a clause belongs, which the grammar
    /// reads as an alias. A word after an operand (a name, a number, `)`), not after a keyword that expects one.
    private func joinedPairs() -> [Diagnostic] {
        var found: [Diagnostic] = []
        for (index, token) in tokens.enumerated()
        where index > 0 && token.kind == .word && token.text.utf8.count >= Self.shortestJoinedPair {
            let upper = token.text.asciiUppercased
            guard let pair = SQLVocabulary.joinedPairs.first(where: { upper.hasPrefix($0) }) else { continue }
            let rest = upper.utf8.dropFirst(pair.utf8.count)
            guard rest.first.map(SQLLexer.isDigit) ?? true, let pieces = Self.split(token.text) else { continue }
            let previous = tokens[index - 1]
            let next = index + 1 < tokens.count ? tokens[index + 1] : nil
            let afterOperand: Bool =
                switch previous.kind {
                case .word: !previous.isKeyword(oneOf: SQLVocabulary.operandKeywords)
                case .quotedIdentifier, .number, .placeholder, .string: true
                case .punctuation: previous.text == ")"
                default: false
                }
            guard afterOperand, next?.isPunctuation("(") != true, next?.isPunctuation(".") != true else { continue }
            found.append(runTogetherDiagnostic(token, pieces))
        }
        return found
    }

    private func runTogetherDiagnostic(_ token: Token, _ pieces: [String]) -> Diagnostic {
        let spaced = pieces.joined(separator: " ")
        return Diagnostic(
            RunTogetherKeywordsMessage(written: token.text, spaced: spaced), at: token.range,
            fixIts: [FixIt("insert the missing space", range: token.range, replacement: spaced, applicability: .safe)])
    }

    /// `SELECTsegment` → SELECT, segment; `leftjoin` → left, join; `ORDERBY2desc` → ORDER, BY, 2, desc. Nil
    /// when the word does not start with a keyword followed by a letter or digit (`order_id` stays whole).
    static func split(_ word: String) -> [String]? {
        var rest = Substring(word)
        var pieces: [String] = []
        while let keyword = SQLVocabulary.runTogetherPrefixes.first(where: {
            rest.utf8.count > $0.utf8.count && rest.asciiUppercased.hasPrefix($0)
        }) {
            pieces.append(String(rest.prefix(keyword.count)))
            rest = rest.dropFirst(keyword.count)
            guard let next = rest.utf8.first, SQLLexer.isASCIILetter(next) || SQLLexer.isDigit(next) else {
                return nil
            }
        }
        guard !pieces.isEmpty else { return nil }
        let digits = rest.prefix(while: { $0.isASCII && $0.isNumber })
        if !digits.isEmpty, digits.count < rest.count, rest.dropFirst(digits.count).allSatisfy(\.isLetter) {
            pieces += [String(digits), String(rest.dropFirst(digits.count))]
        } else {
            pieces.append(String(rest))
        }
        return pieces
    }
}

// MARK: - Unknown privileges

extension TypoReview {
    /// `GRANT SELCT ON t`: an object privilege that does not exist, reported instead of being simulated as a
    /// privilege of its own (which would read as access beyond the prose's claim).
    private func unknownPrivileges(_ kind: StatementKind) -> [Diagnostic] {
        let statement: PrivilegeStatement? =
            switch kind {
            case .grant(let statement), .revoke(let statement): statement
            case .alterDefaultPrivileges(let defaults): defaults.action
            default: nil
            }
        guard let statement, case .list(let privileges) = statement.privileges else { return [] }
        switch statement.target {
        case .roles, .systemPermissions: return []
        default: break
        }
        return privileges.compactMap { privilege in
            guard !privilege.name.contains(" "), !SQLVocabulary.objectPrivileges(for: dialect).contains(privilege.name),
                let token = tokens.first(where: { $0.offsets.lowerBound == privilege.offsets.lowerBound }),
                token.kind == .word
            else { return nil }
            guard let suggestion = Suggestion.closest(to: token.text, in: SQLVocabulary.objectPrivileges(for: dialect))
            else {
                return Diagnostic(UnknownPrivilegeMessage(written: token.text), at: token.range)
            }
            let replacement = matchingCase(suggestion, like: token.text)
            return Diagnostic(
                UnknownPrivilegeMessage(written: token.text, suggestion: suggestion), at: token.range,
                fixIts: [Self.replacing(token, with: replacement)])
        }
    }
}

// MARK: - Re-parsing

extension TypoReview {
    /// Whether the statement parses with `edits` (block offsets → replacement) applied, and where in the edited
    /// text it fails otherwise.
    private func reparse(_ edits: [(Range<Int>, String)]) -> (parses: Bool, errorOffset: Int?) {
        guard let edited = applying(edits) else { return (false, nil) }
        let bytes = edited.utf8
        let significant = SQLLexer.tokenize(edited, dialect: dialect).filter { !$0.isTrivia }
        guard let last = significant.last, !significant.contains(where: { $0.kind == .error }) else {
            return (false, nil)
        }
        var parser = StatementParser(tokens: significant, dialect: dialect, end: last.range.end)
        do {
            let kind = try parser.parseStatement()
            if case .opaque = kind, significant[0].kind == .word,
                !significant[0].isKeyword(oneOf: SQLVocabulary.statementWords(for: dialect))
            {
                return (false, 0)
            }
            return (true, nil)
        } catch {
            let offset = significant.first(where: { $0.range.start == error.range.start })?.offsets.lowerBound
            return (false, baseOffset + (offset ?? bytes.count))
        }
    }
}

extension TypoReview {
    /// The statement's text with `edits` (block offsets, replacement) applied; nil when one lies outside it.
    fileprivate func applying(_ edits: [(Range<Int>, String)]) -> String? {
        var bytes = Array(text.utf8)
        for (range, replacement) in edits.sorted(by: { $0.0.lowerBound > $1.0.lowerBound }) {
            let lower = range.lowerBound - baseOffset
            let upper = range.upperBound - baseOffset
            guard lower >= 0, upper <= bytes.count, lower <= upper else { return nil }
            bytes.replaceSubrange(lower..<upper, with: Array(replacement.utf8))
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// The fix-it that writes `replacement` (a keyword, command or privilege, in the word's case) over `token`.
    fileprivate static func replacing(_ token: Token, with replacement: String) -> FixIt {
        FixIt("replace with \(replacement)", range: token.range, replacement: replacement, applicability: .safe)
    }
}
