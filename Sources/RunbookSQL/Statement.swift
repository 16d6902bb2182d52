package import RunbookDiagnostics

/// One statement of a block, split on `;` outside strings, quoted identifiers, dollar quotes and comments.
package struct Statement: Sendable, Hashable {
    package var kind: StatementKind {
        get {
            switch storedKind {
            case .kind(let kind): kind
            }
        }
        set { storedKind = .kind(newValue) }
    }
    /// The kind out of line: its largest case is about 400 bytes, which every statement carried inline, and so
    /// did every array and plan step holding one (a block of 100,000 statements held it four times over).
    private var storedKind: StoredKind

    private indirect enum StoredKind: Sendable, Hashable {
        case kind(StatementKind)
    }
    /// Block-relative range of `text`.
    package var range: SourceRange
    /// UTF-8 byte offsets of `text` in the block.
    package var offsets: Range<Int>
    /// The statement verbatim, without the trailing `;` and without leading comments.
    package var text: String
    /// Comments between the previous statement and this one, verbatim (`-- create the role`).
    package var leadingComments: [String]
    /// A comment after the `;` on the same line.
    package var trailingComment: String?
    /// The tokens of `text`, trivia included: joined, they give back `text`.
    package var tokens: [Token]
    /// Every name the parser read (not aliases), in source order: what rewriting may substitute.
    package var identifiers: [Identifier]
    /// The statement's lossless syntax tree: every token of `tokens` in order, plus the tokens the parser expected
    /// and did not find and the tokens it could not place. Its present tokens' text is `text`.
    package var syntax: SyntaxNode {
        switch storedSyntax {
        case .tree(let node): node
        case .flat(let kind): SyntaxNode(kind: kind, children: tokens.map { .token(SyntaxToken(token: $0)) })
        case .reparsed(let dialect): Self.reparse(tokens, dialect: dialect)
        }
    }
    /// A tree whose root holds the tokens flat (meta-commands, statements with a lexer error) is kept as its
    /// root's kind and made again from `tokens` when asked for; so is the tree of a statement whose kind is
    /// lowered from it (GRANT, CREATE USER …), by parsing `tokens` again: a block of 100,000 grants does not hold
    /// every token twice.
    var storedSyntax: StoredSyntax

    enum StoredSyntax: Sendable, Hashable {
        case flat(SyntaxKind)
        case tree(SyntaxNode)
        /// The tree is what parsing `tokens` in the dialect builds: deterministic, and read only on demand.
        case reparsed(SQLDialect)
    }

    package init(
        kind: StatementKind, range: SourceRange, offsets: Range<Int>, text: String,
        leadingComments: [String] = [], trailingComment: String? = nil, tokens: [Token],
        identifiers: [Identifier] = [], syntax: SyntaxNode? = nil
    ) {
        self.storedKind = .kind(kind)
        self.range = range
        self.offsets = offsets
        self.text = text
        self.leadingComments = leadingComments
        self.trailingComment = trailingComment
        self.tokens = tokens
        self.identifiers = identifiers
        if let syntax, !syntax.holdsFlat(count: tokens.count) {
            self.storedSyntax = .tree(syntax)
        } else {
            self.storedSyntax = .flat(syntax?.kind ?? .unparsedStatement)
        }
    }
}

// MARK: - Trees made again

extension Statement {
    /// The tree of a statement that parsed without a mistake, built again from its tokens, as the splitter
    /// built it: the statement's own significant tokens are the parser's, so its events are the same.
    static func reparse(_ tokens: [Token], dialect: SQLDialect) -> SyntaxNode {
        let positions = tokens.indices.filter { !tokens[$0].isTrivia }
        let significant = positions.map { tokens[$0] }
        guard let last = significant.last else { return .unparsed(tokens) }
        var parser = StatementParser(tokens: significant, dialect: dialect, end: last.range.end)
        _ = parser.parseRecovering()
        return SyntaxBuilder.build(parser.events, tokens: tokens, significantPositions: positions, base: 0)
    }

    /// Whether the kind comes from lowering the statement's tree, so that the tree need not be kept. Queries and DML
    /// still return their kinds from the grammar; `.opaque` comes from either (COPY, CREATE FUNCTION … are lowered,
    /// INSERT is not), so it keeps its tree.
    static func isLowered(_ kind: StatementKind) -> Bool {
        switch kind {
        case .grant, .revoke, .alterDefaultPrivileges, .createUser, .createRole, .alterUser, .alterRole, .createGroup,
            .alterGroup, .createSchema, .alterSchema, .createDatabase, .alterDatabase, .drop, .createTable, .createView,
            .set, .reset, .show, .transaction, .setVariables, .unsetVariables, .use, .createWarehouse,
            .createDatabaseRole, .showGrants:
            true
        default: false
        }
    }
}

// MARK: - Conveniences

extension Statement {
    /// The statement's tokens without whitespace and comments.
    package var significantTokens: [Token] { tokens.filter { !$0.isTrivia } }

    /// The first word, upper-cased (`GRANT`), or the first token's text.
    package var leadingKeyword: String {
        guard let first = tokens.first(where: { !$0.isTrivia }) else { return "" }
        return first.kind == .word ? first.text.asciiUppercased : first.text
    }
}

/// The result of parsing one block.
package struct ParsedSQL: Sendable, Hashable {
    package var statements: [Statement]
    /// `sql.syntax`, `sql.unterminated` and `sql.nesting-too-deep` findings, in source order.
    package var diagnostics: [Diagnostic]

    package init(statements: [Statement], diagnostics: [Diagnostic]) {
        self.statements = statements
        self.diagnostics = diagnostics
    }
}
