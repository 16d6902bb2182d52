import RunbookDiagnostics

/// What a query parse collects: relations read, CTE names in scope.
struct QueryCollector {
    var reads: [ObjectName] = []
    var cteNames: [Identifier] = []

    mutating func read(_ name: ObjectName) {
        if name.parts.count == 1, let only = name.parts.first, cteNames.contains(where: { $0.value == only.value }) {
            return
        }
        if !reads.contains(where: { $0.parts.map(\.value) == name.parts.map(\.value) }) { reads.append(name) }
    }
}

// SELECT, read far enough to know which relations it reads and to catch malformed queries.
// Expressions are skipped token by token; parentheses recurse, so subqueries anywhere are found.
extension StatementParser {
    /// Words that end a clause of SELECT at parenthesis level zero.
    private static let clauseWords: Set<String> = [
        "FROM", "WHERE", "GROUP", "HAVING", "ORDER", "LIMIT", "OFFSET", "FETCH", "UNION", "INTERSECT", "EXCEPT",
        "MINUS", "WINDOW", "QUALIFY", "INTO", "FOR",
    ]

    /// Words after a table reference that are not an alias.
    private static let nonAliasWords: Set<String> = clauseWords.union([
        "ON", "USING", "JOIN", "INNER", "LEFT", "RIGHT", "FULL", "CROSS", "NATURAL", "OUTER", "LATERAL", "WITH",
        "TABLESAMPLE", "AS", "LIMIT",
    ])

    private static let joinWords: Set<String> = ["JOIN", "INNER", "LEFT", "RIGHT", "FULL", "CROSS", "NATURAL"]
    private static let joinModifiers: Set<String> = ["INNER", "LEFT", "RIGHT", "FULL", "CROSS", "NATURAL", "OUTER"]
    private static let joinConditionStops: Set<String> = clauseWords.union(joinWords)
    /// After ORDER BY or LIMIT, the clauses that may still follow.
    private static let trailingClauseStops: [String: Set<String>] = Dictionary(
        uniqueKeysWithValues: ["ORDER", "LIMIT", "OFFSET", "FETCH", "FOR"].map { ($0, clauseWords.subtracting([$0])) })

    /// A whole-statement query; nothing may follow it.
    mutating func parseQueryStatement() throws(SyntaxError) -> Query {
        let query = try parseQuery()
        try expectEnd("after the query")
        return query
    }

    /// A query at the current position (CREATE VIEW … AS, CREATE TABLE … AS and SELECT statements).
    mutating func parseQuery() throws(SyntaxError) -> Query {
        var collector = QueryCollector()
        try query(into: &collector)
        return Query(reads: collector.reads, cteNames: collector.cteNames)
    }

    private mutating func query(into collector: inout QueryCollector) throws(SyntaxError) {
        if accept("WITH") != nil {
            accept("RECURSIVE")
            repeat {
                let name = try identifier("a common table expression name after WITH", record: false)
                if isPunctuation("(") { _ = try columnList(record: false) }
                try expect("AS", "after the name of the common table expression")
                _ = accept(sequence: "NOT", "MATERIALIZED") ?? accept(sequence: "MATERIALIZED")
                let open = try expectPunctuation("(", "before the common table expression's query")
                try enterNesting()
                try query(into: &collector)
                leaveNesting()
                try closeParenthesis(opened: open)
                collector.cteNames.append(name)
            } while acceptPunctuation(",") != nil
        }
        try queryTerm(into: &collector)
        while let setOperator = current, setOperator.isKeyword(oneOf: ["UNION", "INTERSECT", "EXCEPT", "MINUS"]) {
            index += 1
            _ = accept("ALL") ?? accept("DISTINCT")
            try queryTerm(into: &collector)
        }
        // ORDER BY, LIMIT, OFFSET, FETCH, FOR UPDATE: expressions only.
        while let clause = current, clause.isKeyword(oneOf: ["ORDER", "LIMIT", "OFFSET", "FETCH", "FOR"]) {
            index += 1
            try expression(
                stoppingAt: Self.trailingClauseStops[clause.text.asciiUppercased] ?? Self.clauseWords,
                into: &collector)
        }
    }

    private mutating func queryTerm(into collector: inout QueryCollector) throws(SyntaxError) {
        if let open = acceptPunctuation("(") {
            try enterNesting()
            try query(into: &collector)
            leaveNesting()
            try closeParenthesis(opened: open)
        } else if accept("SELECT") != nil {
            try selectBody(into: &collector)
        } else if accept("VALUES") != nil {
            try expression(stoppingAt: Self.clauseWords, into: &collector)
        } else if accept("TABLE") != nil {
            collector.read(try objectName("a table name after TABLE"))
        } else {
            throw failure(expected: "SELECT, VALUES or '('")
        }
    }

    private mutating func selectBody(into collector: inout QueryCollector) throws(SyntaxError) {
        try expression(stoppingAt: Self.clauseWords, into: &collector)
        if accept("INTO") != nil {
            _ = accept("TEMPORARY") ?? accept("TEMP")
            accept("TABLE")
            _ = try objectName("a table name after INTO")
        }
        if let from = accept("FROM") {
            guard atName || isPunctuation("(") else {
                throw failure(expected: "a table name after \(from.text.asciiUppercased)")
            }
            try fromList(into: &collector)
        }
        while let clause = current, clause.isKeyword(oneOf: ["WHERE", "GROUP", "HAVING", "WINDOW", "QUALIFY"]) {
            index += 1
            try expression(stoppingAt: Self.clauseWords, into: &collector)
        }
    }

    private mutating func fromList(into collector: inout QueryCollector) throws(SyntaxError) {
        repeat {
            try tableReference(into: &collector)
            while let join = current, join.isKeyword(oneOf: Self.joinWords) {
                while let word = current, word.isKeyword(oneOf: Self.joinModifiers) {
                    index += 1
                }
                try expect("JOIN", "after the join type")
                try tableReference(into: &collector)
                if accept("ON") != nil {
                    try expression(stoppingAt: Self.joinConditionStops, into: &collector)
                } else if accept("USING") != nil {
                    _ = try columnList(record: false)
                }
            }
        } while acceptPunctuation(",") != nil
    }

    private mutating func tableReference(into collector: inout QueryCollector) throws(SyntaxError) {
        accept("LATERAL")
        if let open = acceptPunctuation("(") {
            try enterNesting()
            if isKeyword("SELECT") || isKeyword("WITH") || isKeyword("VALUES") || isPunctuation("(") {
                try query(into: &collector)
            } else {
                try fromList(into: &collector)
            }
            leaveNesting()
            try closeParenthesis(opened: open)
        } else {
            accept("ONLY")
            guard atName else { throw failure(expected: "a table name") }
            let name = try objectName("a table name")
            if let open = acceptPunctuation("(") {
                // A table function such as `identifier($x)` or `generate_series(1, 10)`: not a relation.
                try enterNesting()
                try expression(stoppingAt: [], into: &collector)
                leaveNesting()
                try closeParenthesis(opened: open)
            } else {
                collector.read(name)
            }
        }
        try alias()
        if accept("TABLESAMPLE") != nil {
            _ = try identifier("a sampling method after TABLESAMPLE", record: false)
            try skipParenthesised()
            if accept("REPEATABLE") != nil { try skipParenthesised() }
        }
    }

    private mutating func alias() throws(SyntaxError) {
        if accept("AS") != nil {
            _ = try identifier("an alias after AS", record: false)
        } else if let word = current, word.kind == .word || word.kind == .quotedIdentifier,
            !word.isKeyword(oneOf: Self.nonAliasWords)
        {
            index += 1
        } else {
            return
        }
        if isPunctuation("(") { _ = try columnList(record: false) }
    }

    /// Skips an expression up to a clause word or `)` at this level, recursing into parentheses.
    private mutating func expression(
        stoppingAt stops: Set<String>, into collector: inout QueryCollector
    )
        throws(SyntaxError)
    {
        while let token = current {
            if token.isPunctuation(")") { return }
            if !stops.isEmpty, token.isKeyword(oneOf: stops) { return }
            if token.isPunctuation("(") {
                index += 1
                try enterNesting()
                if isKeyword("SELECT") || isKeyword("WITH") {
                    try query(into: &collector)
                } else {
                    try expression(stoppingAt: [], into: &collector)
                }
                leaveNesting()
                try closeParenthesis(opened: token)
            } else {
                index += 1
            }
        }
    }

    private mutating func closeParenthesis(opened open: Token) throws(SyntaxError) {
        if acceptPunctuation(")") == nil {
            throw failure(expected: "')' to close the '(' at \(open.range.start)")
        }
    }
}
