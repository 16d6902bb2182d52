import RunbookDiagnostics

/// Splits a block into statements and parses each one.
///
/// Statements are split on the token stream, so `;` inside strings, quoted identifiers, dollar quotes and
/// comments never splits. A syntax error is reported once per statement and parsing resumes at the next one.
package struct SQLParser: Sendable {
    package static func parse(_ text: String, dialect: SQLDialect) -> ParsedSQL {
        parse(LexedBlock(text, dialect: dialect))
    }

    /// The same for a block already lexed (by the page's dialect decision or the classifier), in its dialect.
    package static func parse(_ lexed: LexedBlock) -> ParsedSQL {
        var splitter = StatementSplitter(text: lexed.text, tokens: lexed.tokens, dialect: lexed.dialect)
        splitter.run()
        var diagnostics = lexed.diagnostics + splitter.diagnostics
        diagnostics.sort(by: Diagnostic.presentationOrder)
        return ParsedSQL(statements: splitter.statements, diagnostics: diagnostics)
    }
}

// MARK: - Splitting

/// Walks the token stream, cutting statements at `;` and psql meta-commands and collecting comments.
struct StatementSplitter {
    let tokens: [Token]
    /// The block's bytes, for statement texts.
    let bytes: [UInt8]
    let dialect: SQLDialect
    var statements: [Statement] = []
    var diagnostics: [Diagnostic] = []

    private var pendingComments: [String] = []
    private var firstIndex: Int?
    private var lastIndex = 0
    /// The statement that a comment on the rest of the line belongs to.
    private var trailingCandidate: Int?
    /// A comment after the open statement's last token, on the same line (`GRANT … -- why` with no `;` yet).
    private var unclosedTrailing: String?

    init(text: String, tokens: [Token], dialect: SQLDialect) {
        self.tokens = tokens
        self.bytes = Array(text.utf8)
        self.dialect = dialect
    }

    mutating func run() {
        for (index, token) in tokens.enumerated() {
            switch token.kind {
            case .whitespace:
                if token.text.contains("\n") { trailingCandidate = nil }
            case .lineComment, .blockComment:
                if let candidate = trailingCandidate {
                    statements[candidate].trailingComment = token.text
                    trailingCandidate = nil
                } else if firstIndex == nil {
                    pendingComments.append(token.text)
                } else if token.range.start.line == tokens[lastIndex].range.end.line {
                    // After the statement's last token on its line: trailing, unless more of the statement follows.
                    unclosedTrailing = token.text
                }
            case .punctuation where token.text == ";":
                finish()
                trailingCandidate = statements.isEmpty ? nil : statements.count - 1
            case .metaCommand:
                // psql runs the query buffer before a meta-command; the command itself ends at the line end.
                finish()
                firstIndex = index
                lastIndex = index
                finish()
                trailingCandidate = nil
            default:
                trailingCandidate = nil
                unclosedTrailing = nil
                if firstIndex == nil { firstIndex = index }
                lastIndex = index
            }
        }
        finish()
    }

    private mutating func finish() {
        guard let first = firstIndex else { return }
        firstIndex = nil
        let chunk = first...lastIndex
        let significantIndices = chunk.filter { !tokens[$0].isTrivia }
        let significant = significantIndices.map { tokens[$0] }
        let hasLexerError = significant.contains { $0.kind == .error }
        // Two statements run together (a `;` missing at a line end) are reported once and read as two.
        var start = 0
        while let next = finishStatement(
            significant, from: start, indices: significantIndices, chunk: chunk, hasLexerError: hasLexerError)
        {
            start = next
        }
        statements[statements.count - 1].trailingComment = unclosedTrailing
        unclosedTrailing = nil
    }

    /// Parses `significant[start...]` (the chunk's significant tokens, at `indices` in `tokens`) as one
    /// statement and appends it. When it is two statements run together, appends the first and returns the
    /// position in `significant` where the second starts.
    private mutating func finishStatement(
        _ significant: [Token], from start: Int, indices: [Int], chunk: ClosedRange<Int>, hasLexerError: Bool
    ) -> Int? {
        let firstToken = start == 0 ? chunk.lowerBound : indices[start]
        var lastToken = chunk.upperBound
        var kind: StatementKind
        var identifiers: [Identifier] = []
        var resume: Int?
        var failure: SyntaxError?
        /// Whether the statement went through the parser, so that the typo review applies.
        var reviewed = false
        /// What the parser recorded for the tree; nil when the statement was not parsed.
        var events: [SyntaxEvent]?
        let remaining = significant[start...]
        if hasLexerError {
            // The lexer has reported the unterminated token; a syntax error on top would be a cascade.
            kind = .invalid(keyword: Self.keyword(of: remaining))
        } else if remaining.count == 1, let only = remaining.first, only.kind == .metaCommand {
            let command = Self.metaCommand(only.text)
            kind = .metaCommand(command)
            if let database = Self.connectTarget(command, token: only, dialect: dialect) {
                identifiers = [database]
            }
        } else {
            reviewed = true
            var parser = StatementParser(
                tokens: significant, range: start..<significant.count, dialect: dialect,
                end: tokens[chunk.upperBound].range.end)
            switch parser.parseRecovering() {
            case .success(let parsed):
                kind = parsed
                identifiers = parser.identifiers
                events = parser.events
            case .failure(let error):
                if let split = Self.missingSemicolon(
                    significant, from: start, failure: error, at: parser.mistakes[0].index, dialect: dialect),
                    var head = Optional(
                        StatementParser(
                            tokens: significant, range: start..<split, dialect: dialect,
                            end: significant[split - 1].range.end)),
                    case .success(let headKind) = head.parseRecovering()
                {
                    let last = significant[split - 1]
                    let insertion = SourceRange(start: last.range.end, end: last.range.end)
                    diagnostics.append(
                        Diagnostic(
                            MissingSemicolonMessage(next: significant[split].text),
                            at: insertion,
                            fixIts: [
                                FixIt("end the statement", range: insertion, replacement: ";", applicability: .safe)
                            ]))
                    kind = headKind
                    identifiers = head.identifiers
                    events = head.events
                    resume = split
                    lastToken = indices[split - 1]
                } else {
                    failure = error
                    events = parser.events
                    kind = .invalid(keyword: Self.keyword(of: remaining))
                }
            }
        }
        let statementTokens = Array(tokens[firstToken...lastToken])
        let offsets =
            statementTokens[0].offsets.lowerBound..<statementTokens[statementTokens.count - 1].offsets.upperBound
        let text = String(decoding: bytes[offsets], as: UTF8.self)
        let sourceRange = SourceRange(
            start: statementTokens[0].range.start, end: statementTokens[statementTokens.count - 1].range.end)
        func tree() -> SyntaxNode {
            guard let events else { return .unparsed(statementTokens) }
            let end = resume ?? significant.count
            return SyntaxBuilder.build(
                events, tokens: statementTokens, significantPositions: indices[start..<end].map { $0 - firstToken },
                base: start)
        }
        // A statement whose kind is lowered from its tree keeps none (Statement.reparse makes it again).
        let lowered = failure == nil && Statement.isLowered(kind)
        let syntax = lowered ? nil : tree()
        // A query's relations and CTE names are lowered from that tree (Lowering+Query.swift).
        if case .select = kind, let syntax { kind = .select(Lowering(dialect: dialect).query(syntax)) }
        if reviewed {
            // A typo found is reported in place of the syntax errors (or the silence) and makes the statement invalid.
            let own = Array(significant[start..<(resume ?? significant.count)])
            let review = TypoReview(text: text, baseOffset: offsets.lowerBound, tokens: own, dialect: dialect)
            if let typos = review.findings(kind: kind, failure: failure) {
                diagnostics += SecretLiteral.maskingQuotedSecrets(typos, tokens: own)
                kind = .invalid(keyword: Self.keyword(of: remaining))
            } else if failure != nil, let syntax {
                // Every mistake the parser records is a failure, so a tree without one has nothing to report.
                let findings = review.suggestingKeywords(
                    for: SyntaxDiagnostics.issues(in: syntax).map {
                        Diagnostic($0.rule, $0.message, at: $0.range, fixIts: $0.fixIts)
                    })
                diagnostics += SecretLiteral.maskingQuotedSecrets(findings, tokens: own)
            }
        }
        let keepsNoTree = lowered && Statement.isLowered(kind)
        var statement = Statement(
            kind: kind, range: sourceRange, offsets: offsets, text: text, leadingComments: pendingComments,
            tokens: statementTokens, identifiers: Self.exactCapacity(identifiers),
            syntax: keepsNoTree ? nil : (syntax ?? tree()))
        if keepsNoTree { statement.storedSyntax = .reparsed(dialect) }
        statements.append(statement)
        pendingComments = []
        return resume
    }

    /// The names in an array of their own size: the parser's grew by doubling (a grant's three names took room
    /// for four), and a statement keeps its names as long as the runbook lives (10 MB of 100,000 grants).
    private static func exactCapacity(_ names: [Identifier]) -> [Identifier] {
        names.capacity > names.count ? names.map { $0 } : names
    }

    /// Words that start a statement on a line of their own often enough that an error right there means the
    /// `;` before them is missing (`CREATE ROLE r` then `GRANT …` on the next line).
    static let statementStarts: Set<Keyword> = [
        .abort, .alter, .analyze, .attach, .begin, .call, .comment, .commit, .copy, .create, .delete, .detach,
        .drop, .explain, .grant, .insert, .lock, .merge, .refresh, .reset, .revoke, .rollback, .select, .show,
        .truncate, .unload, .update, .use, .vacuum,
    ]

    /// Snowflake guides set variables a line at a time: SET and UNSET open a statement there too.
    static let sessionStatementStarts: Set<Keyword> = [.set, .unset]

    /// The index of the significant token where a second statement starts, when the parser failed exactly
    /// there and it is a statement word opening its line.
    private static func missingSemicolon(
        _ significant: [Token], from start: Int, failure: SyntaxError, at index: Int, dialect: SQLDialect
    ) -> Int? {
        guard index > start, index < significant.count else { return nil }
        let token = significant[index]
        guard failure.range.start == token.range.start, token.range.start.line > significant[index - 1].range.end.line,
            let keyword = Keyword(token),
            statementStarts.contains(keyword)
                || (dialect.syntax.contains(.sessionVariables) && sessionStatementStarts.contains(keyword))
        else { return nil }
        return index
    }

    private static func keyword(of tokens: ArraySlice<Token>) -> String {
        guard let first = tokens.first else { return "" }
        return first.kind == .word ? first.text.asciiUppercased : first.text
    }

    /// The database of `\connect db` / `\c db`, as a name rewriting may substitute (psql interpolates
    /// variables in meta-command arguments).
    private static func connectTarget(_ command: MetaCommand, token: Token, dialect: SQLDialect) -> Identifier? {
        guard command.command == "c" || command.command == "connect", let argument = command.arguments.first,
            !argument.hasPrefix("-"), !argument.contains("=")
        else { return nil }
        let bytes = Array(token.text.utf8)
        let target = Array(argument.utf8)
        // The first argument starts after the command word and the blanks that follow it.
        var start = 1 + command.command.utf8.count
        while start < bytes.count, bytes[start] == UInt8(ascii: " ") || bytes[start] == UInt8(ascii: "\t") {
            start += 1
        }
        guard start + target.count <= bytes.count, Array(bytes[start..<(start + target.count)]) == target else {
            return nil
        }
        let isQuoted = argument.hasPrefix("\"") && argument.hasSuffix("\"") && argument.count >= 2
        let inner = isQuoted ? String(argument.dropFirst().dropLast()).replacing("\"\"", with: "\"") : argument
        let value = isQuoted ? (dialect == .redshift ? inner.asciiLowercased : inner) : inner.asciiLowercased
        let begin = SourceLocation(line: token.range.start.line, column: token.range.start.column + start)
        let end = SourceLocation(line: begin.line, column: begin.column + target.count)
        let offsets = (token.offsets.lowerBound + start)..<(token.offsets.lowerBound + start + target.count)
        return Identifier(
            value: value, raw: argument, isQuoted: isQuoted, range: SourceRange(start: begin, end: end),
            offsets: offsets)
    }

    private static func metaCommand(_ text: String) -> MetaCommand {
        let words = text.dropFirst().split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\r" })
        return MetaCommand(command: words.first.map(String.init) ?? "", arguments: words.dropFirst().map(String.init))
    }
}

// MARK: - Parser state

/// A syntax error: reported once for its statement, then the parser moves to the next statement.
struct SyntaxError: Error {
    var rule: Rule
    var message: String
    var range: SourceRange
    /// Typed edits that repair the statement, when the mistake has one obvious repair.
    var fixIts: [FixIt] = []
    /// The spelling of the token expected, when there is one (`)`, `TYPE`): the missing token's text in the tree.
    var spelling = ""

    var issue: SyntaxIssue { SyntaxIssue(rule: rule, message: message, range: range, fixIts: fixIts) }

    /// A mistake with a message of the SQL stage's catalog (Messages.swift).
    init(_ message: some DiagnosticMessage, at range: SourceRange, fixIts: [FixIt] = [], spelling: String = "") {
        self.rule = message.rule
        self.message = message.message
        self.range = range
        self.fixIts = fixIts
        self.spelling = spelling
    }
}

/// Recursive descent over one statement's significant tokens. Recursion is bounded by `maxDepth`.
struct StatementParser {
    static let maxDepth = 200

    /// The statement is `tokens[startIndex..<endIndex]`: statements run together share one array, uncopied.
    let tokens: [Token]
    let startIndex: Int
    let endIndex: Int
    let dialect: SQLDialect
    /// The SELECTs and calls open around the current token: a SELECT's FROM brings columns into scope, a call's
    /// arguments may be words of its own (`DATEADD(day, 1, d)`). A counter, not a flag saved in each frame, and
    /// small: it and `insertedValuesScope` fit beside `dialect`, where the parser's size would otherwise grow, and
    /// with it every frame that holds a copy, so that nested subqueries reach the nesting bound before the stack's.
    var columnScopes: UInt16 = 0
    /// While INSERT's VALUES rows are read, the `columnScopes` they are read at: a bare name there names no column
    /// (`VALUES (1, nlul)`). A scope a mistake left open only makes names there read as columns, never the reverse.
    var insertedValuesScope: UInt16?
    /// Where "end of statement" is reported.
    let end: SourceRange
    var index: Int
    var depth = 0
    /// Names read so far, for rewriting.
    var identifiers: [Identifier] = []
    /// What the tree is built from: nodes opened and closed, missing tokens, unexpected tokens.
    var events: [SyntaxEvent] = []
    /// Nodes opened and not yet closed, so that recovery can close what a failed construct left open.
    var openNodes = 0
    /// The mistakes recorded so far, in source order, with the parser's index where each was found.
    var mistakes: [(error: SyntaxError, index: Int)] = []

    init(tokens: [Token], range: Range<Int>? = nil, dialect: SQLDialect, end: SourceLocation) {
        self.tokens = tokens
        self.startIndex = range?.lowerBound ?? 0
        self.endIndex = range?.upperBound ?? tokens.count
        self.index = startIndex
        self.dialect = dialect
        self.end = SourceRange(end)
    }
}

// MARK: - Token access

extension StatementParser {
    var atEnd: Bool { index >= endIndex }
    var current: Token? { index < endIndex ? tokens[index] : nil }

    func token(at offset: Int) -> Token? {
        let position = index + offset
        return position < endIndex ? tokens[position] : nil
    }

    func isKeyword(_ keyword: Keyword, at offset: Int = 0) -> Bool {
        token(at: offset)?.isKeyword(keyword) == true
    }

    func isPunctuation(_ symbol: String, at offset: Int = 0) -> Bool {
        token(at: offset)?.isPunctuation(symbol) == true
    }

    mutating func advance() -> Token? {
        guard let token = current else { return nil }
        index += 1
        return token
    }

    /// Consumes the keyword if it is next.
    @discardableResult
    mutating func accept(_ keyword: Keyword) -> Token? {
        guard isKeyword(keyword) else { return nil }
        return advance()
    }

    /// Consumes the keywords if all of them come next, in order.
    @discardableResult
    mutating func accept(sequence keywords: Keyword...) -> SourceRange? { accept(sequence: keywords) }

    mutating func accept(sequence keywords: [Keyword]) -> SourceRange? {
        for (offset, keyword) in keywords.enumerated() where !isKeyword(keyword, at: offset) { return nil }
        let first = tokens[index]
        index += keywords.count
        return SourceRange(start: first.range.start, end: tokens[index - 1].range.end)
    }

    @discardableResult
    mutating func acceptPunctuation(_ symbol: String) -> Token? {
        guard isPunctuation(symbol) else { return nil }
        return advance()
    }

    /// Consumes the keyword, or fails with `expected KEYWORD context` (the missing token's spelling in the tree).
    @discardableResult
    mutating func expect(_ keyword: Keyword, _ context: String) throws(SyntaxError) -> Token {
        guard let token = accept(keyword) else {
            var error = failure(expected: "\(keyword.spelling) \(context)")
            error.spelling = keyword.spelling
            throw error
        }
        return token
    }

    @discardableResult
    mutating func expectPunctuation(_ symbol: String, _ context: String) throws(SyntaxError) -> Token {
        guard let token = acceptPunctuation(symbol) else {
            var error = failure(expected: "'\(symbol)' \(context)")
            error.spelling = symbol
            throw error
        }
        return token
    }

    /// `expected …, found …` at the current token (or at the end of the statement).
    func failure(expected: String) -> SyntaxError {
        SyntaxError(ExpectedMessage(expected: expected, found: describeCurrent), at: current?.range ?? end)
    }

    var describeCurrent: String {
        guard let current else { return "end of statement" }
        return "'\(SQLText.excerpt(current.text))'"
    }

    /// Range from `start` to the end of the last consumed token.
    func range(from start: Token) -> SourceRange {
        SourceRange(start: start.range.start, end: tokens[max(index - 1, startIndex)].range.end)
    }

    func offsets(from start: Token) -> Range<Int> {
        start.offsets.lowerBound..<max(start.offsets.lowerBound, tokens[max(index - 1, startIndex)].offsets.upperBound)
    }

    mutating func enterNesting() throws(SyntaxError) {
        depth += 1
        if depth > Self.maxDepth {
            throw SyntaxError(NestingTooDeepMessage(limit: Self.maxDepth), at: current?.range ?? end)
        }
    }

    mutating func leaveNesting() { depth -= 1 }

    /// Source text of tokens `range`, with one space wherever the source had a gap.
    func sourceText(_ range: Range<Int>) -> String { SQLText.spaced(tokens[range]) }
}

// MARK: - Names

extension StatementParser {
    /// Reserved words (PostgreSQL's list, which Redshift shares for these) that are never a bare name, so that
    /// `ON SCHEMA TO u` reports the missing name instead of reading TO as one.
    static let reservedWords: Set<Keyword> = [
        .all, .and, .any, .as, .asc, .both, .case, .check, .create, .default, .desc, .distinct, .else,
        .end, .except, .false, .fetch, .for, .foreign, .from, .grant, .group, .having, .in, .intersect,
        .into, .limit, .not, .null, .offset, .on, .or, .order, .primary, .references, .select, .table,
        .then, .to, .true, .union, .unique, .user, .using, .when, .where, .window, .with,
    ]

    /// Whether the current token can stand where a name belongs.
    var atName: Bool {
        guard let current else { return false }
        switch current.kind {
        case .word: return !current.isKeyword(oneOf: Self.reservedWords)
        case .quotedIdentifier, .placeholder, .variable: return true
        default: return false
        }
    }

    /// Reads one name. `isUser` keeps the case of a quoted name in Redshift, which never folds user names.
    mutating func identifier(
        _ context: String, isUser: Bool = false, record: Bool = true
    )
        throws(SyntaxError) -> Identifier
    {
        if let name = try snowflakeName(record: record) { return name }
        guard atName, let token = advance() else { throw failure(expected: context) }
        var name = makeIdentifier(token, isUser: isUser)
        if let namespaced = namespacedName(after: token) { name = namespaced }
        if record { identifiers.append(name) }
        return name
    }

    /// Redshift's `namespace:name` (`sys:dba`, `myco_aad:bob`, identity-provider users and roles): the lexer
    /// reads `:name` as a psql variable, so a word followed directly by `:word` is joined back into one name.
    private mutating func namespacedName(after token: Token) -> Identifier? {
        guard dialect.syntax.contains(.namespacedNames), token.kind == .word, let next = current,
            next.kind == .placeholder,
            next.offsets.lowerBound == token.offsets.upperBound, next.text.hasPrefix(":"),
            let first = next.text.utf8.dropFirst().first, SQLLexer.isIdentifierStart(first)
        else { return nil }
        index += 1
        let raw = token.text + next.text
        return Identifier(
            value: raw.asciiLowercased, raw: raw, isQuoted: false,
            range: SourceRange(start: token.range.start, end: next.range.end),
            offsets: token.offsets.lowerBound..<next.offsets.upperBound)
    }

    func makeIdentifier(_ token: Token, isUser: Bool) -> Identifier {
        switch token.kind {
        case .quotedIdentifier:
            let inner = String(token.text.dropFirst().dropLast()).replacing("\"\"", with: "\"")
            let value = (dialect == .redshift && !isUser) ? inner.asciiLowercased : inner
            return Identifier(value: value, raw: token.text, isQuoted: true, range: token.range, offsets: token.offsets)
        case .placeholder:
            return Identifier(
                value: token.text, raw: token.text, isQuoted: false, isPlaceholder: true,
                range: token.range, offsets: token.offsets)
        case .variable:
            // `$name` where a name stands: the variable gives it at run time.
            return Identifier(
                value: token.text, raw: token.text, isQuoted: false, variable: token.variableName,
                range: token.range, offsets: token.offsets)
        default:
            return Identifier(
                value: foldUnquoted(token.text), raw: token.text, isQuoted: false,
                range: token.range, offsets: token.offsets)
        }
    }

    /// An unquoted name as the dialect stores it: lower-cased in Redshift and PostgreSQL, upper-cased in Snowflake.
    func foldUnquoted(_ text: String) -> String {
        switch dialect.profile.caseFolding {
        case .lower: text.asciiLowercased
        case .upper: text.asciiUppercased
        }
    }

    /// `a`, `a.b`, `a.b.c`.
    mutating func objectName(_ context: String, record: Bool = true) throws(SyntaxError) -> ObjectName {
        // Snowflake's `IDENTIFIER('db.schema.table')` is the whole name, each part read from the string.
        if let parts = try snowflakeNameParts(record: record) { return ObjectName(parts: parts) }
        var parts = [try identifier(context, record: record)]
        while isPunctuation("."), parts.count < 3 {
            index += 1
            if let token = current, token.kind == .word, !atName {
                // After a '.', a reserved word is a name too (PostgreSQL reads any label there: `schema.table`).
                index += 1
                let name = makeIdentifier(token, isUser: false)
                if record { identifiers.append(name) }
                parts.append(name)
            } else {
                parts.append(try identifier("a name after '.'", record: record))
            }
        }
        if isPunctuation(".") { throw failure(expected: "at most three name parts") }
        return ObjectName(parts: parts)
    }

    mutating func objectNameList(_ context: String) throws(SyntaxError) -> [ObjectName] {
        var names = [try objectName(context)]
        while acceptPunctuation(",") != nil { names.append(try objectName(context)) }
        return names
    }

    mutating func identifierList(_ context: String, isUser: Bool = false) throws(SyntaxError) -> [Identifier] {
        var names = [try identifier(context, isUser: isUser)]
        while acceptPunctuation(",") != nil { names.append(try identifier(context, isUser: isUser)) }
        return names
    }

    /// `(a, b, c)`: a parenthesised list of names.
    mutating func columnList(record: Bool = true) throws(SyntaxError) -> [Identifier] {
        try expectPunctuation("(", "before a column list")
        var columns = [try identifier("a column name", record: record)]
        while acceptPunctuation(",") != nil { columns.append(try identifier("a column name", record: record)) }
        try expectPunctuation(")", "after the column list")
        return columns
    }

    /// Skips a balanced parenthesised group starting at `(`, iteratively (no recursion on deep input).
    mutating func skipParenthesised() throws(SyntaxError) {
        guard let open = acceptPunctuation("(") else { return }
        var level = 1
        while let token = advance() {
            if token.isPunctuation("(") { level += 1 }
            if token.isPunctuation(")") {
                level -= 1
                if level == 0 { return }
            }
        }
        throw SyntaxError(UnclosedMessage(open: "(", close: ")", at: open.range.start), at: end)
    }

    /// Consumes the rest of the statement, or up to the keyword `stop` (or with `orComma` a `,`) at the top level,
    /// checking only that parentheses balance.
    mutating func skipRest(upTo stop: Keyword? = nil, orComma: Bool = false) throws(SyntaxError) {
        while let token = current, stop.map({ !token.isKeyword($0) }) ?? true, !(orComma && token.isPunctuation(",")) {
            if token.isPunctuation("(") {
                try skipParenthesised()
            } else if token.isPunctuation(")") {
                throw failure(expected: "end of statement")
            } else {
                index += 1
            }
        }
    }

    func expectEnd(_ context: String) throws(SyntaxError) {
        if !atEnd { throw failure(expected: "end of statement \(context)") }
    }
}

// MARK: - Tree events and recovery

extension StatementParser {
    /// Opens a node at the current token.
    mutating func open(_ kind: SyntaxKind) {
        events.append(.open(kind, at: index))
        openNodes += 1
    }

    /// Closes the innermost open node after the last consumed token.
    mutating func close() {
        guard openNodes > 0 else { return }
        events.append(.close(at: index))
        openNodes -= 1
    }

    /// Closes the nodes opened since `mark` was `openNodes`: what a construct that failed left open.
    mutating func close(downTo mark: Int) {
        while openNodes > mark { close() }
    }

    /// Records `error` as a missing token at the current position, followed by the tokens up to `resume` (the
    /// parser's index where parsing goes on) as unexpected. The pass over the tree reports it once.
    /// A second mistake at the same token is the first one's cascade: its tokens are kept, not reported again.
    mutating func record(_ error: SyntaxError, resumingAt resume: Int) {
        if mistakes.last?.index != index {
            mistakes.append((error, index))
            events.append(.missing(error.issue, spelling: error.spelling, at: index))
        }
        if resume > index { events.append(.unexpected(nil, range: index..<resume)) }
        index = max(index, resume)
    }

    /// Records a token the writer left out (`,` between select items, ALTER COLUMN's TYPE) as missing here, with
    /// the fix-it that inserts `spelling` at `insertion`; parsing goes on at the current token.
    mutating func recordMissing(
        _ spelling: String, _ message: some DiagnosticMessage, at range: SourceRange, inserting replacement: String,
        at insertion: SourceLocation, fixIt label: String
    ) {
        let error = SyntaxError(
            message, at: range,
            fixIts: [
                FixIt(
                    label, range: SourceRange(start: insertion, end: insertion), replacement: replacement,
                    applicability: .safe)
            ],
            spelling: spelling)
        record(error, resumingAt: index)
    }

    /// Records tokens `range` as unexpected, standing for `error` on their own (no missing token before them).
    mutating func recordUnexpected(_ error: SyntaxError, range: Range<Int>) {
        mistakes.append((error, range.lowerBound))
        events.append(.unexpected(error.issue, range: range))
        index = max(index, range.upperBound)
    }

    /// After a mistake inside a clause: records it, its tokens up to the next synchronisation point as unexpected,
    /// closes what the failed construct left open (back to `mark` open nodes) and restores the nesting `depth`,
    /// so that parsing goes on with the next clause. Rethrows what no clause can recover from (nesting too deep).
    /// `also` adds the words that open the statement's own next clause (`RETURNING`, MERGE's `WHEN`); `item` makes
    /// a `,` a synchronisation point too, at the parenthesis level of the select item that starts there.
    mutating func recover(
        from error: SyntaxError, mark: Int, depth savedDepth: Int, also: Set<Keyword> = [], item: Int? = nil
    ) throws(SyntaxError) {
        guard error.rule == .sqlSyntax || error.rule == .sqlMisspeltKeyword else { throw error }
        let resume = synchronisationPoint(also: also, item: item)
        record(error, resumingAt: resume)
        close(downTo: mark)
        depth = savedDepth
    }

    /// The next token at the current parenthesis level that starts a clause (FROM, WHERE, GROUP BY, ORDER BY,
    /// UNION …), the `)` that closes the level, or the end of the statement. With `item`, the level is the one of
    /// the select item starting there (a mistake inside a call's arguments resumes after the call) and a `,` ends
    /// it too. Linear, iterative.
    func synchronisationPoint(also: Set<Keyword> = [], item: Int? = nil) -> Int {
        nextAtLevel(from: item ?? index) { token, _ in
            token.isKeyword(oneOf: Self.clauseWords) || (item != nil && token.isPunctuation(","))
                || (!also.isEmpty && token.isKeyword(oneOf: also))
        }
    }

    /// From the current token on, the position of the `)` that closes the parenthesis level of `start`, or of a
    /// token at that level for which `stops` holds (given the token and its position); the end of the statement
    /// when there is none. Linear, iterative.
    func nextAtLevel(from start: Int, where stops: (Token, Int) -> Bool) -> Int {
        var position = start
        var level = 0
        while position < endIndex {
            let token = tokens[position]
            let reached = position >= index
            if token.isPunctuation("(") {
                level += 1
            } else if token.isPunctuation(")") {
                if level == 0, reached { return position }
                level = max(level - 1, 0)
            } else if level == 0, reached, stops(token, position) {
                return position
            }
            position += 1
        }
        return endIndex
    }

    /// Parses the statement, recording mistakes in the tree instead of stopping at the first: the kind, or the
    /// first mistake when there is one.
    mutating func parseRecovering() -> Result<StatementKind, SyntaxError> {
        do {
            let kind = try parseStatementBody()
            if let first = mistakes.first { return .failure(first.error) }
            return .success(kind)
        } catch {
            record(error, resumingAt: endIndex)
            return .failure(mistakes[0].error)
        }
    }

    /// The statement's kind; throws its first mistake.
    mutating func parseStatement() throws(SyntaxError) -> StatementKind {
        switch parseRecovering() {
        case .success(let kind): return kind
        case .failure(let error): throw error
        }
    }
}

// MARK: - Statement dispatch

extension StatementParser {
    mutating func parseStatementBody() throws(SyntaxError) -> StatementKind {
        guard let first = current else { return .opaque(keyword: "") }
        if first.isPunctuation("(") { return try parseQueryStatement() }
        guard first.kind == .word else {
            guard first.kind == .placeholder else { throw failure(expected: "a statement keyword") }
            // A placeholder standing for a whole statement: named by itself.
            open(.otherStatement)
            markStatementWords(index..<(index + 1))
            index += 1
            close()
            return try lowered()
        }
        guard let keyword = Keyword(first) else { throw unknownStatement(first) }
        let snowflake = dialect.syntax.contains(.snowflakeObjects)
        switch keyword {
        case .create: return snowflake ? try parseSnowflakeCreate() : try parseCreate()
        case .alter: return snowflake ? try parseSnowflakeAlter() : try parseAlter()
        case .drop: return snowflake ? try parseSnowflakeDrop() : try parseDrop()
        case .grant where snowflake, .revoke where snowflake: return try parseSnowflakePrivilegeStatement()
        case .set where dialect.syntax.contains(.sessionVariables): return try parseSetVariables()
        case .unset where dialect.syntax.contains(.sessionVariables): return try parseUnsetVariables()
        case .show where snowflake:
            index += 1
            return try parseSnowflakeShow()
        case .grant, .revoke:
            if otherGrantFamily() != nil {
                open(.otherGrant)
                if readsOtherGrant() { try parseOtherGrant() } else { try skipRest() }
                close()
                return try lowered()
            }
            try parsePrivilegeStatement(defaults: false)
            return try lowered()
        case .set:
            try parseSet()
            return try lowered()
        case .reset:
            open(.resetStatement)
            index += 1
            // `RESET ALL`, `RESET search_path`, `RESET SESSION AUTHORIZATION`, `RESET ROLE`.
            guard let name = current, name.kind == .word || name.kind == .quotedIdentifier else {
                throw failure(expected: "a parameter name or ALL after RESET")
            }
            if accept(sequence: .session, .authorization) == nil {
                // One parameter, dotted for a custom one (`RESET app.category`): nothing follows it.
                index += 1
                while isPunctuation("."), let part = token(at: 1), part.kind == .word || part.kind == .quotedIdentifier
                {
                    index += 2
                }
            }
            try expectEnd("after the parameter name")
            close()
            return try lowered()
        case .show:
            open(.showStatement)
            index += 1
            if atEnd { throw failure(expected: "a parameter name or GRANTS, SCHEMAS, TABLES … after SHOW") }
            if dialect.syntax.contains(.redshiftObjects), accept(.datashares) != nil {
                // `SHOW DATASHARES [LIKE 'pattern']` (https://docs.aws.amazon.com/redshift/latest/dg/r_SHOW_DATASHARES.html).
                if accept(.like) != nil { try stringValue("(a pattern) after LIKE") }
                try expectEnd("after SHOW DATASHARES")
            }
            try skipRest()
            close()
            return try lowered()
        case .begin, .start, .commit, .end, .rollback, .abort:
            open(.transactionStatement)
            try parseTransaction()
            close()
            return try lowered()
        case .select, .values, .table:
            return try parseQueryStatement()
        case .with:
            return try parseWithStatement()
        case .insert, .update, .delete, .merge:
            let kind = try parseDataModification()
            try expectEnd("after the \(keyword.spelling) statement")
            return kind
        default:
            return try parseCommand(keyword)
        }
    }

    /// A statement whose first word is no statement of the dialect: an error naming it, never a silent pass.
    func unknownStatement(_ first: Token) -> SyntaxError {
        SyntaxError(NotAStatementMessage(written: first.text, dialect: dialect.displayName), at: first.range)
    }

    /// Redshift GRANT families outside the privilege model (reference §1.2: ASSUMEROLE, Lake Formation
    /// `TO IAM_ROLE`, datashares, models, RLS policies): kept opaque rather than misread as table grants.
    private static let otherGrantMarkers: Set<Keyword> = [.assumerole, .iamRole, .account, .namespace]
    /// Grantees that are policies (`TO MASKING POLICY p`, `TO RLS POLICY p`): lookup-table access for a policy.
    private static let policyGrantees: Set<Keyword> = [.masking, .rls]
    private static let otherGrantObjects: Set<Keyword> = [
        .datashare, .model, .external, .template, .workgroup, .policy, .rls, .masking,
    ]

    /// The family of a Redshift GRANT or REVOKE outside the privilege model (`ASSUMEROLE`, `ON DATASHARE` …), from
    /// the statement's tokens; nil for a grant the privilege grammar reads. The lowering of an `.otherGrant` node
    /// reads its tokens with it.
    func otherGrantFamily() -> String? {
        for position in startIndex..<endIndex {
            let token = tokens[position]
            // A statement word opening a line is the next statement (its `;` missing), not this one's.
            if position > startIndex, token.range.start.line > tokens[position - 1].range.end.line,
                let keyword = Keyword(token), StatementSplitter.statementStarts.contains(keyword)
            {
                return nil
            }
            if token.isKeyword(oneOf: Self.otherGrantMarkers) { return token.text.asciiUppercased }
            if token.isKeyword(oneOf: Self.policyGrantees), position > startIndex,
                tokens[position - 1].isKeyword(.to)
                    || tokens[position - 1].isKeyword(.from), position + 1 < endIndex,
                tokens[position + 1].isKeyword(.policy)
            {
                return "TO " + token.text.asciiUppercased + " POLICY"
            }
            guard token.isKeyword(.on), position + 1 < endIndex else { continue }
            let next = tokens[position + 1]
            if next.kind == .string { return "ON '…'" }
            if next.isKeyword(oneOf: Self.otherGrantObjects) { return "ON " + next.text.asciiUppercased }
        }
        return nil
    }

    /// BEGIN, START TRANSACTION, COMMIT, END, ROLLBACK, ABORT, inside the `.transactionStatement` node; the
    /// lowering reads which from its words (`ROLLBACK TO`, `COMMIT PREPARED` end no transaction).
    private mutating func parseTransaction() throws(SyntaxError) {
        guard let first = advance(), let keyword = Keyword(first) else { return }
        if keyword == .start { try expect(.transaction, "after START") }
        try skipRest()
    }

    /// `SET [SESSION | LOCAL] name { TO | = } values` and the forms without TO (`SET SESSION AUTHORIZATION u`,
    /// `SET TIME ZONE …`, `SET ROLE r`, `SET TRANSACTION …`): a `.setStatement` node with its scope words, the
    /// `.setName` (a `.qualifiedName` for a parameter, with its TO or `=`) and the `.setValue`.
    private mutating func parseSet() throws(SyntaxError) {
        open(.setStatement)
        index += 1
        if accept(.session) ?? accept(.local) != nil, isKeyword(.authorization) || isKeyword(.characteristics) {
            index -= 1
        }
        guard current != nil else { throw failure(expected: "a parameter name after SET") }
        open(.setName)
        /// `SET name TO value`: the form whose values are checked.
        var isParameter = false
        let name: String
        if accept(sequence: .session, .authorization) != nil {
            name = "session authorization"
        } else if accept(sequence: .time, .zone) != nil {
            name = "time zone"
        } else if accept(.role) != nil {
            name = "role"
        } else if let word = accept(.transaction) ?? accept(.constraints)
            ?? accept(sequence: .session, .characteristics).map({ _ in tokens[index - 2] })
        {
            // Forms without TO or '=': the rest is the value.
            name = word.isKeyword(.session) ? "session characteristics" : word.text.asciiLowercased
        } else {
            isParameter = true
            name = try qualifiedNameNode("a parameter name after SET", record: false).dotted
            if acceptPunctuation("=") == nil, accept(.to) == nil {
                throw failure(expected: "TO or '=' after the parameter name")
            }
        }
        close()
        if atEnd { throw failure(expected: "a value for \(name)") }
        open(.setValue)
        if isParameter {
            try parameterValues(name)
        } else {
            try skipRest()
        }
        close()
        close()
    }

    /// `SET name TO a, b`: each value is one word, string, number or placeholder (a number may have a sign), and
    /// nothing follows the list (`SET api_token = 'x' WHERE` is an error at WHERE).
    /// https://www.postgresql.org/docs/current/sql-set.html, https://docs.aws.amazon.com/redshift/latest/dg/r_SET.html
    private mutating func parameterValues(_ name: String) throws(SyntaxError) {
        let values: Set<TokenKind> = [
            .word, .string, .number, .quotedIdentifier, .placeholder, .variable, .dollarString,
        ]
        repeat {
            if isPunctuation("-") || isPunctuation("+") { index += 1 }
            guard let value = current, values.contains(value.kind) else {
                throw failure(expected: "a value for \(name)")
            }
            index += 1
        } while acceptPunctuation(",") != nil
        if !atEnd { throw failure(expected: "',' or end of statement after the value of \(name)") }
    }
}
