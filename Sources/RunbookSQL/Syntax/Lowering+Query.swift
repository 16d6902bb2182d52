// Queries and data modification, lowered from the tree: the relations a query reads (each a `.relation` node the
// grammar marks in FROM and after TABLE) and the names of its common table expressions (the `.name` child of each
// `.commonTableExpression`), in the order the grammar read them.
extension Lowering {
    /// The kind of a query statement (`SELECT`, `VALUES`, `TABLE`, `(…)`, `WITH … SELECT`) or of INSERT, UPDATE,
    /// DELETE or MERGE (with or without WITH); nil for another statement.
    func queryKind(of tree: SyntaxNode) -> StatementKind? {
        guard let first = tree.significantTokens.first else { return nil }
        if first.isKeyword(oneOf: Self.modifyingWords), let modification = tree.childNode(.dataModification),
            let verb = modification.significantTokens.first, let keyword = Keyword(verb)
        {
            return .opaque(keyword: keyword.spelling)
        }
        guard first.isPunctuation("(") || first.isKeyword(oneOf: Self.queryWords) else { return nil }
        return .select(loweredQuery(tree))
    }

    private static let queryWords: Set<Keyword> = [.select, .values, .table, .with]
    private static let modifyingWords: Set<Keyword> = [.with, .insert, .update, .delete, .merge]

    /// What the query below `node` reads, CTE names excluded, and the CTE names it defines. A CTE's name counts
    /// from the end of its definition on (its own query may read a table of that name), as the grammar reads it.
    func loweredQuery(_ node: SyntaxNode) -> Query {
        var collector = QueryCollector()
        // An iterative walk that sees each node when it opens and when it closes.
        var stack: [(node: SyntaxNode, next: Int)] = [(node, 0)]
        while let (current, next) = stack.last {
            guard next < current.children.count else {
                stack.removeLast()
                if current.kind == .commonTableExpression,
                    let name = current.childNode(.name).flatMap({ identifier($0) })
                {
                    collector.cteNames.append(name)
                }
                continue
            }
            stack[stack.count - 1].next += 1
            guard case .node(let child) = current.children[next] else { continue }
            if child.kind == .relation {
                if let name = relationName(child) { collector.read(name) }
            } else {
                stack.append((child, 0))
            }
        }
        return Query(reads: collector.reads, cteNames: collector.cteNames)
    }

    /// A relation's name; a word Snowflake lets name a table though it is reserved elsewhere (`FROM case`) is read
    /// as that one word.
    private func relationName(_ node: SyntaxNode) -> ObjectName? {
        if let name = objectName(node) { return name }
        let tokens = node.significantTokens
        guard tokens.count == 1, let word = tokens.first, let last = tokens.last else { return nil }
        let reader = StatementParser(tokens: tokens, dialect: dialect, end: last.range.end)
        return ObjectName(parts: [reader.makeIdentifier(word, isUser: false)])
    }
}
