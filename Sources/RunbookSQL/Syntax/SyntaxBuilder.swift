import RunbookDiagnostics

/// What the parser records as it goes, in order; `SyntaxBuilder` turns the list into the tree. Positions are
/// indices into the parser's significant tokens: the tokens between two events belong to the node open there.
enum SyntaxEvent: Sendable, Hashable {
    case open(SyntaxKind, at: Int)
    case close(at: Int)
    /// A token expected at `at` and not found (its spelling when it has one, else empty).
    case missing(SyntaxIssue, spelling: String, at: Int)
    /// Tokens `range` the parser could not place, with the mistake they stand for when no missing token does.
    case unexpected(SyntaxIssue?, range: Range<Int>)
}

/// Builds a statement's tree from the parser's events and the statement's tokens, trivia included. Every token is
/// placed exactly once, in order, whatever the events say, so the tree is lossless by construction.
struct SyntaxBuilder {
    /// The statement's tokens, trivia included.
    let tokens: [Token]
    /// For each significant token the parser saw (from its first), its position in `tokens`.
    let significantPositions: [Int]
    /// The parser's index of `significantPositions[0]`.
    let base: Int

    private var stack: [SyntaxNode] = [SyntaxNode(kind: .statement)]
    /// The next token of `tokens` to place.
    private var cursor = 0

    init(tokens: [Token], significantPositions: [Int], base: Int) {
        self.tokens = tokens
        self.significantPositions = significantPositions
        self.base = base
    }

    static func build(
        _ events: [SyntaxEvent], tokens: [Token], significantPositions: [Int], base: Int
    ) -> SyntaxNode {
        var builder = SyntaxBuilder(tokens: tokens, significantPositions: significantPositions, base: base)
        for event in events { builder.apply(event) }
        return builder.finish()
    }

    private mutating func apply(_ event: SyntaxEvent) {
        switch event {
        case .open(let kind, let at):
            place(before: at, withTrivia: true)
            stack.append(SyntaxNode(kind: kind))
        case .close(let at):
            guard stack.count > 1 else { return }
            place(before: at, withTrivia: false)
            closeTop()
        case .missing(let issue, let spelling, let at):
            place(before: at, withTrivia: false)
            append(.token(SyntaxToken(token: missingToken(spelling, at: at), issue: issue)))
        case .unexpected(let issue, let range):
            place(before: range.lowerBound, withTrivia: true)
            stack.append(SyntaxNode(kind: .unexpected, issue: issue))
            place(before: range.upperBound, withTrivia: false)
            closeTop()
        }
    }

    /// Places the rest of the tokens and closes every node still open (a parse that stopped early).
    private mutating func finish() -> SyntaxNode {
        while stack.count > 1 {
            closeTop()
        }
        while cursor < tokens.count {
            append(.token(SyntaxToken(token: tokens[cursor])))
            cursor += 1
        }
        return stack[0]
    }

    /// Places the tokens before the significant token at parser index `index`: with `withTrivia`, the trivia just
    /// before it too, else up to the end of the significant token before it.
    private mutating func place(before index: Int, withTrivia: Bool) {
        let relative = index - base
        let target: Int
        if relative >= significantPositions.count {
            target = withTrivia ? tokens.count : (significantPositions.last.map { $0 + 1 } ?? 0)
        } else if relative <= 0 {
            target = withTrivia ? (significantPositions.first ?? 0) : 0
        } else {
            target = withTrivia ? significantPositions[relative] : significantPositions[relative - 1] + 1
        }
        while cursor < target {
            append(.token(SyntaxToken(token: tokens[cursor])))
            cursor += 1
        }
    }

    private mutating func append(_ element: SyntaxElement) {
        stack[stack.count - 1].children.append(element)
    }

    private mutating func closeTop() {
        let node = stack.removeLast()
        append(.node(node))
    }

    /// A zero-width token at the end of the last placed token (the start of the statement before any).
    private func missingToken(_ spelling: String, at index: Int) -> Token {
        let previous = cursor > 0 ? tokens[cursor - 1] : nil
        let location = previous?.range.end ?? tokens.first?.range.start ?? SourceLocation(line: 1, column: 1)
        let offset = previous?.offsets.upperBound ?? tokens.first?.offsets.lowerBound ?? 0
        let kind: TokenKind =
            spelling.isEmpty
            ? .word : (spelling.utf8.first.map(SQLLexer.isIdentifierStart) == true ? .word : .punctuation)
        return Token(
            kind: kind, text: spelling, range: SourceRange(start: location, end: location), offsets: offset..<offset)
    }
}

// MARK: - Diagnostics

/// The pass over a finished tree: each missing token and each unexpected node is one diagnostic at its position;
/// a missing token right before an unexpected node is one mistake, reported once.
enum SyntaxDiagnostics {
    static func issues(in tree: SyntaxNode) -> [SyntaxIssue] {
        var issues: [SyntaxIssue] = []
        /// Whether the last leaf other than trivia was a missing token.
        var afterMissing = false
        tree.walk { element in
            switch element {
            case .token(let leaf):
                if let issue = leaf.issue {
                    issues.append(issue)
                    afterMissing = true
                } else if !leaf.token.isTrivia {
                    afterMissing = false
                }
            case .node(let node):
                guard node.kind == .unexpected else { return }
                defer { afterMissing = false }
                if afterMissing { return }
                issues.append(node.issue ?? unexpected(node))
            }
        }
        return issues
    }

    /// "unexpected 'Z'" over an unexpected node's tokens.
    private static func unexpected(_ node: SyntaxNode) -> SyntaxIssue {
        let tokens = node.presentTokens.filter { !$0.isTrivia }
        guard let first = tokens.first, let last = tokens.last else {
            return SyntaxIssue(UnexpectedMessage(text: nil), range: SourceRange(.init(line: 1, column: 1)))
        }
        let text = tokens.map(\.text).joined(separator: " ")
        return SyntaxIssue(
            UnexpectedMessage(text: text), range: SourceRange(start: first.range.start, end: last.range.end))
    }
}
