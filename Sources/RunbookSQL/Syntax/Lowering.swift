import RunbookDiagnostics

/// Reads a finished statement tree back into the statement kinds the later stages read (rust-analyzer's and
/// swift-syntax's split: the grammar builds the tree, a pass over it gives the typed values). The grammar of
/// GRANT, REVOKE, ALTER DEFAULT PRIVILEGES and of the users, roles, groups, schemas and databases builds its
/// tree with the node kinds the lowering reads (Lowering+Privileges.swift, Lowering+Principals.swift); so do
/// tables, views, the session and transaction statements and the commands outside the privilege model
/// (Lowering+Statements.swift).
///
/// A tree the grammar built without a mistake has every node the lowering needs, so lowering does not fail;
/// where a tree lacks a part anyway, the part is read as absent.
struct Lowering {
    let dialect: SQLDialect

    /// The kind of a statement whose grammar builds the lowered node kinds; nil for another statement.
    func kind(of tree: SyntaxNode) -> StatementKind? {
        privilegeKind(of: tree) ?? principalKind(of: tree) ?? statementKind(of: tree) ?? snowflakeKind(of: tree)
    }

    /// A `.name` node's identifier, read by the parser's name reader, so that folding, quoting, `namespace:name`
    /// and Snowflake's `IDENTIFIER(…)` are decided in one place.
    func identifier(_ node: SyntaxNode, isUser: Bool = false) -> Identifier? {
        var reader = nameReader(node)
        return try? reader?.identifier("a name", isUser: isUser)
    }

    /// A `.qualifiedName` node's name.
    func objectName(_ node: SyntaxNode) -> ObjectName? {
        var reader = nameReader(node)
        return try? reader?.objectName("a name")
    }

    /// The names of the `.qualifiedName` children of `node`.
    func objectNames(in node: SyntaxNode) -> [ObjectName] {
        node.childNodes(.qualifiedName).compactMap(objectName)
    }

    /// The names of the `.name` children of `node`.
    func identifiers(in node: SyntaxNode, isUser: Bool = false) -> [Identifier] {
        node.childNodes(.name).compactMap { identifier($0, isUser: isUser) }
    }

    /// The names of a `.columnList` child of `node`, empty when it has none.
    func columns(in node: SyntaxNode) -> [Identifier] {
        node.childNode(.columnList).map { identifiers(in: $0) } ?? []
    }

    private func nameReader(_ node: SyntaxNode) -> StatementParser? {
        let tokens = node.significantTokens
        guard let last = tokens.last else { return nil }
        return StatementParser(tokens: tokens, dialect: dialect, end: last.range.end)
    }
}

// MARK: - Reading a node

extension SyntaxNode {
    /// The present tokens below the node without whitespace and comments, in source order.
    var significantTokens: [Token] {
        var result: [Token] = []
        walk { element in
            if case .token(let leaf) = element, !leaf.isMissing, !leaf.token.isTrivia { result.append(leaf.token) }
        }
        return result
    }

    /// The node's own present tokens (not its children's), without trivia.
    var ownTokens: [Token] {
        children.compactMap { child in
            guard case .token(let leaf) = child, !leaf.isMissing, !leaf.token.isTrivia else { return nil }
            return leaf.token
        }
    }

    /// The node's own words before its first child node, upper-cased: `["ON", "COPY", "JOB"]`.
    var leadingWords: [String] {
        var words: [String] = []
        for child in children {
            switch child {
            case .node: return words
            case .token(let leaf):
                if !leaf.isMissing, leaf.token.kind == .word { words.append(leaf.token.text.asciiUppercased) }
            }
        }
        return words
    }

    /// The nodes directly below this one.
    var childNodes: [SyntaxNode] {
        children.compactMap { child in
            if case .node(let node) = child { node } else { nil }
        }
    }

    func childNodes(_ kind: SyntaxKind) -> [SyntaxNode] { childNodes.filter { $0.kind == kind } }

    func childNode(_ kind: SyntaxKind) -> SyntaxNode? {
        for child in children {
            if case .node(let node) = child, node.kind == kind { return node }
        }
        return nil
    }

    /// The first node of `kind` at any depth below this one, depth first.
    func firstDescendant(_ kind: SyntaxKind) -> SyntaxNode? {
        var found: SyntaxNode?
        walk { element in
            if found == nil, case .node(let node) = element, node.kind == kind { found = node }
        }
        return found
    }

    /// From the start of its first significant token to the end of its last.
    var sourceRange: SourceRange? { span?.range }

    /// The byte offsets of `sourceRange`.
    var sourceOffsets: Range<Int>? { span?.offsets }

    /// The first and last significant tokens' extent, found in one walk.
    private var span: (range: SourceRange, offsets: Range<Int>)? {
        var first: Token?
        var last: Token?
        walk { element in
            guard case .token(let leaf) = element, !leaf.isMissing, !leaf.token.isTrivia else { return }
            if first == nil { first = leaf.token }
            last = leaf.token
        }
        guard let first, let last else { return nil }
        return (
            SourceRange(start: first.range.start, end: last.range.end),
            first.offsets.lowerBound..<max(first.offsets.lowerBound, last.offsets.upperBound)
        )
    }
}

// MARK: - Building the tree in the grammar

extension StatementParser {
    /// Reads one name as a `.name` node.
    @discardableResult
    mutating func nameNode(
        _ context: String, isUser: Bool = false, record: Bool = true
    ) throws(SyntaxError)
        -> Identifier
    {
        try inNode(.name) { parser throws(SyntaxError) in
            try parser.identifier(context, isUser: isUser, record: record)
        }
    }

    /// Reads `a.b.c` as a `.qualifiedName` node.
    @discardableResult
    mutating func qualifiedNameNode(_ context: String, record: Bool = true) throws(SyntaxError) -> ObjectName {
        try inNode(.qualifiedName) { parser throws(SyntaxError) in try parser.objectName(context, record: record) }
    }

    /// What `read` reads, as a node of `kind`.
    private mutating func inNode<Value>(
        _ kind: SyntaxKind, _ read: (inout StatementParser) throws(SyntaxError) -> Value
    ) throws(SyntaxError) -> Value {
        open(kind)
        let value = try read(&self)
        close()
        return value
    }

    /// Reads `a [, b …]` as `.name` nodes.
    @discardableResult
    mutating func nameListNode(_ context: String, isUser: Bool = false) throws(SyntaxError) -> [Identifier] {
        try commaList { parser throws(SyntaxError) in try parser.nameNode(context, isUser: isUser) }
    }

    /// Reads `a.b [, c.d …]` as `.qualifiedName` nodes.
    @discardableResult
    mutating func qualifiedNameListNode(_ context: String) throws(SyntaxError) -> [ObjectName] {
        try commaList { parser throws(SyntaxError) in try parser.qualifiedNameNode(context) }
    }

    /// What `read` reads, once and then after each comma.
    private mutating func commaList<Value>(
        _ read: (inout StatementParser) throws(SyntaxError) -> Value
    ) throws(SyntaxError) -> [Value] {
        var values = [try read(&self)]
        while acceptPunctuation(",") != nil { values.append(try read(&self)) }
        return values
    }

    /// Reads `(a, b)` as a `.columnList` node of `.name` nodes.
    @discardableResult
    mutating func columnListNode() throws(SyntaxError) -> [Identifier] {
        open(.columnList)
        try expectPunctuation("(", "before a column list")
        let columns = try nameListNode("a column name")
        try expectPunctuation(")", "after the column list")
        close()
        return columns
    }

    /// Marks the tokens `range`, read already, as a `.statementWords` node (what names an `.otherStatement`), when
    /// no node was opened or closed since its start.
    mutating func markStatementWords(_ range: Range<Int>) {
        events.append(.open(.statementWords, at: range.lowerBound))
        events.append(.close(at: range.upperBound))
    }

    /// Opens a node at the parser's earlier position `position`, when no node was opened or closed since.
    mutating func open(_ kind: SyntaxKind, at position: Int) {
        events.append(.open(kind, at: position))
        openNodes += 1
    }

    /// Reads what `read` accepts as a node of `kind`; leaves no node when it accepts nothing.
    mutating func node<Value>(_ kind: SyntaxKind, _ read: (inout StatementParser) -> Value?) -> Value? {
        let mark = events.count
        open(kind)
        guard let value = read(&self) else {
            events.removeSubrange(mark...)
            openNodes -= 1
            return nil
        }
        close()
        return value
    }

    /// The kind of the statement read so far, lowered from its tree.
    func lowered() throws(SyntaxError) -> StatementKind {
        guard let kind = Lowering(dialect: dialect).kind(of: treeSoFar()) else {
            throw failure(expected: "end of statement")
        }
        return kind
    }

    /// The statement's tree as built so far, over its significant tokens: what the parser lowers once the
    /// statement is read.
    func treeSoFar() -> SyntaxNode {
        SyntaxBuilder.build(
            events, tokens: Array(tokens[startIndex..<endIndex]),
            significantPositions: Array(0..<(endIndex - startIndex)), base: startIndex)
    }
}
