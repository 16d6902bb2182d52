// Queries, lowered from the tree: the relations a query reads (each a `.relation` node the grammar marks in FROM
// and after TABLE) and the names of its common table expressions (the `.name` child of each
// `.commonTableExpression`), in the order the grammar read them. The grammar itself gathers neither: a query
// statement's kind is `.select(.toLower)` until the splitter lowers it from the statement's tree, and CREATE TABLE
// … AS and CREATE VIEW lower their `.query` node here.
extension Lowering {
    /// What the query below `node` reads, CTE names excluded, and the CTE names it defines. A CTE's name counts
    /// from the end of its definition on (its own query may read a table of that name), as the grammar reads it.
    func query(_ node: SyntaxNode) -> Query {
        var query = Query(reads: [], cteNames: [])
        // An iterative walk, as `SyntaxNode.walk`, that also sees a CTE's node close: its name is read on the way
        // in and counted on the way out.
        var stack: [(children: [SyntaxElement], next: Int, cteName: Identifier?)] = [(node.children, 0, nil)]
        while !stack.isEmpty {
            let top = stack.count - 1
            let position = stack[top].next
            guard position < stack[top].children.count else {
                if let name = stack.removeLast().cteName { query.cteNames.append(name) }
                continue
            }
            stack[top].next += 1
            guard case .node(let child) = stack[top].children[position], !child.children.isEmpty else { continue }
            switch child.kind {
            case .relation:
                if let name = relationName(child) { query.read(name) }
            case .commonTableExpression:
                stack.append((child.children, 0, child.childNode(.name).flatMap { identifier($0) }))
            default:
                stack.append((child.children, 0, nil))
            }
        }
        return query
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

extension Query {
    /// The kind's payload the grammar gives a query statement: the splitter lowers the statement's tree
    /// (`Lowering.query`) in its place once the statement is read.
    static let toLower = Query(reads: [], cteNames: [])

    /// Records a relation read: once, and not when it is one word naming a CTE defined before it.
    fileprivate mutating func read(_ name: ObjectName) {
        if name.parts.count == 1, let only = name.parts.first, cteNames.contains(where: { $0.value == only.value }) {
            return
        }
        if !reads.contains(where: { $0.parts.elementsEqual(name.parts, by: { $0.value == $1.value }) }) {
            reads.append(name)
        }
    }
}
