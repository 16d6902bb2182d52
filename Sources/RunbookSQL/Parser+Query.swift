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
// Expressions are skipped token by token; parentheses recurse, so subqueries anywhere are found. The select
// list is read item by item, which is what finds a missing or a trailing comma.
extension StatementParser {
    /// Words that end a clause of SELECT at parenthesis level zero.
    static let clauseWords: Set<String> = [
        "FROM", "WHERE", "GROUP", "HAVING", "ORDER", "LIMIT", "OFFSET", "FETCH", "UNION", "INTERSECT", "EXCEPT",
        "MINUS", "WINDOW", "QUALIFY", "INTO", "FOR", "START", "CONNECT",
    ]

    /// Words after a table reference that are not an alias.
    private static let nonAliasWords: Set<String> = clauseWords.union([
        "ON", "USING", "JOIN", "INNER", "LEFT", "RIGHT", "FULL", "CROSS", "NATURAL", "OUTER", "LATERAL", "WITH",
        "TABLESAMPLE", "AS", "LIMIT", "PIVOT", "UNPIVOT", "AT", "SET", "WHEN",
    ])

    private static let joinWords: Set<String> = ["JOIN", "INNER", "LEFT", "RIGHT", "FULL", "CROSS", "NATURAL"]
    private static let joinModifiers: Set<String> = ["INNER", "LEFT", "RIGHT", "FULL", "CROSS", "NATURAL", "OUTER"]
    private static let joinConditionStops: Set<String> = clauseWords.union(joinWords)
    /// After ORDER BY or LIMIT, the clauses that may still follow.
    private static let trailingClauseStops: [String: Set<String>] = Dictionary(
        uniqueKeysWithValues: ["ORDER", "LIMIT", "OFFSET", "FETCH", "FOR"].map { ($0, clauseWords.subtracting([$0])) })
    /// Clauses of a SELECT whose expression is checked operand by operand.
    private static let conditionClauses: Set<String> = ["WHERE", "HAVING", "QUALIFY"]
    /// Clauses of a SELECT after FROM, each an expression.
    private static let selectClauses: Set<String> = [
        "WHERE", "GROUP", "HAVING", "WINDOW", "QUALIFY", "START", "CONNECT",
    ]

    /// Words that continue an expression after a complete operand (`a IS NULL`, `f(x) OVER (…)`,
    /// `x::double precision`), so a word after an operand that is one of these is not an alias.
    private static let continuationWords: Set<String> = [
        "AND", "OR", "NOT", "IS", "ISNULL", "NOTNULL", "IN", "LIKE", "ILIKE", "SIMILAR", "BETWEEN", "ESCAPE",
        "OVER", "FILTER", "WITHIN", "IGNORE", "RESPECT", "NULLS", "AT", "COLLATE", "THEN", "WHEN", "ELSE", "END",
        "OVERLAPS", "PRECISION", "VARYING", "WITHOUT", "ZONE", "DAY", "HOUR", "MINUTE", "SECOND", "MONTH", "YEAR",
        "RLIKE", "REGEXP", "SYMMETRIC", "ASYMMETRIC", "DISTINCT", "UNKNOWN", "PRIOR",
    ]
    /// Reserved words that are values: after them, an expression is complete.
    private static let valueWords: Set<String> = ["NULL", "TRUE", "FALSE", "DEFAULT", "CURRENT_DATE", "CURRENT_USER"]

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

    /// `WITH …` followed by a query, or by INSERT, UPDATE, DELETE or MERGE (data-modifying CTEs).
    mutating func parseWithStatement() throws(SyntaxError) -> StatementKind {
        var collector = QueryCollector()
        try withClause(into: &collector)
        if let verb = current, verb.isKeyword(oneOf: Self.dataModifyingWords) {
            let kind = try parseDataModification(into: &collector)
            try expectEnd("after the \(verb.text.asciiUppercased) statement")
            return kind
        }
        try queryBody(into: &collector)
        try expectEnd("after the query")
        return .select(Query(reads: collector.reads, cteNames: collector.cteNames))
    }

    private static let dataModifyingWords: Set<String> = ["INSERT", "UPDATE", "DELETE", "MERGE"]

    mutating func query(into collector: inout QueryCollector) throws(SyntaxError) {
        open(.query)
        try withClause(into: &collector)
        try queryBody(into: &collector)
        close()
    }

    private mutating func withClause(into collector: inout QueryCollector) throws(SyntaxError) {
        guard isKeyword("WITH") else { return }
        open(.withClause)
        index += 1
        accept("RECURSIVE")
        repeat {
            open(.commonTableExpression)
            let name = try identifier("a common table expression name after WITH", record: false)
            if isPunctuation("(") { _ = try columnList(record: false) }
            try expect("AS", "after the name of the common table expression")
            _ = accept(sequence: "NOT", "MATERIALIZED") ?? accept(sequence: "MATERIALIZED")
            let open = try expectPunctuation("(", "before the common table expression's query")
            try enterNesting()
            if let verb = current, verb.isKeyword(oneOf: Self.dataModifyingWords) {
                // PostgreSQL: `WITH moved AS (DELETE … RETURNING …)`.
                _ = try parseDataModification(into: &collector)
            } else {
                try query(into: &collector)
            }
            leaveNesting()
            try closeParenthesis(opened: open)
            close()
            collector.cteNames.append(name)
        } while acceptPunctuation(",") != nil
        close()
    }

    private mutating func queryBody(into collector: inout QueryCollector) throws(SyntaxError) {
        try queryTerm(into: &collector)
        while let setOperator = current, setOperator.isKeyword(oneOf: ["UNION", "INTERSECT", "EXCEPT", "MINUS"]) {
            open(.setOperation)
            index += 1
            _ = accept("ALL") ?? accept("DISTINCT")
            try queryTerm(into: &collector)
            close()
        }
        // ORDER BY, LIMIT, OFFSET, FETCH, FOR UPDATE: expressions only.
        while let clause = current, clause.isKeyword(oneOf: ["ORDER", "LIMIT", "OFFSET", "FETCH", "FOR"]) {
            open(.clause)
            index += 1
            let (mark, savedDepth) = (openNodes, depth)
            do throws(SyntaxError) {
                let stops = Self.trailingClauseStops[clause.text.asciiUppercased] ?? Self.clauseWords
                if clause.isKeyword("ORDER"), isKeyword("BY") {
                    index += 1
                    try checkedList("ORDER BY", stoppingAt: stops, into: &collector)
                } else {
                    try expression(stoppingAt: stops, into: &collector)
                }
            } catch {
                try recover(from: error, mark: mark, depth: savedDepth)
            }
            close()
        }
    }

    private mutating func queryTerm(into collector: inout QueryCollector) throws(SyntaxError) {
        if let open = acceptPunctuation("(") {
            try enterNesting()
            try query(into: &collector)
            leaveNesting()
            try closeParenthesis(opened: open)
        } else if isKeyword("SELECT") {
            open(.select)
            index += 1
            try selectBody(into: &collector)
            close()
        } else if accept("VALUES") != nil {
            try checkedRows(stoppingAt: Self.clauseWords, into: &collector)
        } else if accept("TABLE") != nil {
            collector.read(try objectName("a table name after TABLE"))
        } else {
            throw failure(expected: "SELECT, VALUES or '('")
        }
    }

    private mutating func selectBody(into collector: inout QueryCollector) throws(SyntaxError) {
        if accept("TOP") != nil {
            guard current?.kind == .number || current?.kind == .placeholder else {
                throw failure(expected: "a number of rows after TOP")
            }
            index += 1
        }
        if accept("DISTINCT") != nil {
            if accept("ON") != nil {
                guard isPunctuation("(") else { throw failure(expected: "'(' after DISTINCT ON") }
                try expression(stoppingAt: Self.clauseWords, into: &collector, once: true)
            }
        } else {
            accept("ALL")
        }
        try selectList(into: &collector)
        if accept("INTO") != nil {
            _ = accept("TEMPORARY") ?? accept("TEMP")
            accept("TABLE")
            _ = try objectName("a table name after INTO")
        }
        if isKeyword("FROM") {
            open(.fromClause)
            let from = tokens[index]
            index += 1
            let (mark, savedDepth) = (openNodes, depth)
            do throws(SyntaxError) {
                guard atName || isPunctuation("(") || atSnowflakeRelation else {
                    throw failure(expected: "a table name after \(from.text.asciiUppercased)")
                }
                try fromList(into: &collector)
            } catch {
                try recover(from: error, mark: mark, depth: savedDepth)
            }
            close()
        }
        while let clause = current, clause.isKeyword(oneOf: Self.selectClauses) {
            open(.clause)
            index += 1
            let (mark, savedDepth) = (openNodes, depth)
            do throws(SyntaxError) {
                if clause.isKeyword("GROUP"), isKeyword("BY") {
                    index += 1
                    try checkedList("GROUP BY", stoppingAt: Self.clauseWords, into: &collector)
                } else if clause.isKeyword(oneOf: Self.conditionClauses) {
                    try checkedExpression(
                        "after \(clause.text.asciiUppercased)", stoppingAt: Self.clauseWords, into: &collector)
                } else {
                    try expression(stoppingAt: Self.clauseWords, into: &collector)
                }
            } catch {
                try recover(from: error, mark: mark, depth: savedDepth)
            }
            close()
        }
    }

    // MARK: Select list

    /// Where a select item stands while its tokens are read.
    private enum ItemState {
        /// At the start of the item or after an operator: an operand may follow.
        case start
        /// After a complete operand: an operator, an alias or the end of the item may follow.
        case operand
        /// After `.`: a name or `*` follows.
        case dot
        /// After `*` or `t.*`: only the end of the item (or EXCLUDE) may follow.
        case wildcard
        /// After the alias: only the end of the item may follow.
        case alias
    }

    /// The select list: items separated by commas, each an expression with an optional alias. Reads the
    /// items' tokens flat (parentheses recurse), which is enough to find two items run together.
    private mutating func selectList(into collector: inout QueryCollector) throws(SyntaxError) {
        var state = ItemState.start
        var caseStarts: [Token] = []
        var previous: Token?
        func itemEnded() throws(SyntaxError) {
            if let open = caseStarts.last {
                throw SyntaxError(UnclosedCaseMessage(at: open.range.start), at: current?.range ?? end)
            }
        }
        open(.selectList)
        open(.selectItem)
        while let token = current {
            if token.isPunctuation(")") { break }
            if caseStarts.isEmpty, token.isKeyword(oneOf: Self.clauseWords), !clauseWordIsColumn(state: state) { break }
            if skipPathAccess() {
                state = .operand
                previous = tokens[index - 1]
                continue
            }
            if token.isPunctuation(",") {
                if state == .start, let previous, Self.isOperator(previous) {
                    // `SELECT a +, b`: the operator's right operand is missing.
                    record(failure(expected: "an expression after '\(previous.text)'"), resumingAt: index)
                }
                try itemEnded()
                if let next = self.token(at: 1), next.isKeyword("FROM"), dialect.syntax.contains(.trailingSelectComma) {
                    // Snowflake accepts a comma after the last item.
                    close()
                    index += 1
                    open(.selectItem)
                    break
                }
                if let next = self.token(at: 1), next.isKeyword("FROM") {
                    let error = SyntaxError(
                        TrailingCommaMessage(before: next.text.asciiUppercased, dialect: dialect.displayName),
                        at: token.range,
                        fixIts: [
                            FixIt("remove the trailing ','", range: token.range, replacement: "", applicability: .safe)
                        ])
                    close()
                    recordUnexpected(error, range: index..<(index + 1))
                    open(.selectItem)
                    break
                }
                close()
                index += 1
                open(.selectItem)
                state = .start
                previous = token
                continue
            }
            if skipCompoundOperator() {
                state = .start
                previous = tokens[index - 1]
                continue
            }
            let startsOperand = Self.startsOperand(token)
            if startsOperand, state == .alias || state == .wildcard, caseStarts.isEmpty,
                !(state == .wildcard && token.isKeyword("EXCLUDE")), let previous
            {
                recordMissingComma(before: token, after: previous)
                state = .start
                continue
            }
            switch token.kind {
            case .punctuation:
                if token.text == "(" {
                    // After a word (a function's name, OVER, IN, FILTER …) the group is read as a call's arguments;
                    // anywhere else it is a parenthesised expression or a subquery, checked.
                    if let previous, previous.kind == .word || previous.kind == .quotedIdentifier {
                        try functionArguments(into: &collector)
                    } else {
                        try parenthesizedOperand(into: &collector)
                    }
                    previous = tokens[index - 1]
                    state = .operand
                    continue
                }
                if token.text == "*", state == .start || state == .dot {
                    state = .wildcard
                } else if state == .start, Self.isBinaryOnlyOperator(token), let previous, Self.isOperator(previous) {
                    // `a = = 1`: an operand is missing between the two operators.
                    record(failure(expected: "an expression after '\(previous.text)'"), resumingAt: index)
                } else if token.text == "." {
                    state = .dot
                } else if token.text == "]" {
                    state = .operand
                } else {
                    state = .start
                }
            case .word:
                if token.isKeyword("CASE") {
                    caseStarts.append(token)
                    state = .start
                } else if token.isKeyword("END"), !caseStarts.isEmpty {
                    caseStarts.removeLast()
                    state = .operand
                } else if token.isKeyword("AS"), caseStarts.isEmpty {
                    index += 1
                    guard let alias = current,
                        alias.kind == .word || alias.kind == .quotedIdentifier || alias.kind == .placeholder
                    else { throw failure(expected: "an alias after AS") }
                    state = .alias
                    previous = alias
                    index += 1
                    continue
                } else if state == .wildcard, token.isKeyword("EXCLUDE") {
                    state = .operand
                } else if state == .operand, caseStarts.isEmpty, Self.mayBeAlias(token) {
                    if let next = self.token(at: 1), next.isPunctuation("(") || next.isPunctuation("."),
                        let previous
                    {
                        // `a b(…)` or `a b.c`: a second item, not an alias.
                        recordMissingComma(before: token, after: previous)
                        state = .start
                        continue
                    }
                    state = .alias
                } else if token.isKeyword(oneOf: Self.valueWords) {
                    state = .operand
                } else if token.isKeyword(oneOf: Self.continuationWords) || token.isKeyword(oneOf: Self.reservedWords) {
                    state = .start
                } else {
                    state = .operand
                }
            case .quotedIdentifier:
                if state == .operand, caseStarts.isEmpty {
                    if let next = self.token(at: 1), next.isPunctuation("(") || next.isPunctuation("."),
                        let previous
                    {
                        recordMissingComma(before: token, after: previous)
                        state = .start
                        continue
                    }
                    state = .alias
                } else {
                    state = .operand
                }
            default:
                state = .operand
            }
            previous = token
            index += 1
        }
        if state == .start, let previous, Self.isOperator(previous) {
            // `SELECT a + FROM t`: the list ends where the operator's right operand belongs.
            record(failure(expected: "an expression after '\(previous.text)'"), resumingAt: index)
        }
        try itemEnded()
        close()
        close()
    }

    /// An operator token (not `(`, `)`, `,`, `.`, brackets or `::`).
    private static func isOperator(_ token: Token) -> Bool {
        guard token.kind == .punctuation else { return false }
        switch token.text {
        case "(", ")", ",", ".", ";", "[", "]", "{", "}", "::", ":": return false
        default: return token.text.utf8.allSatisfy(SQLLexer.isOperatorCharacter)
        }
    }

    /// Operators that take two operands and never one: comparisons, `||`, `/`, `%`.
    private static func isBinaryOnlyOperator(_ token: Token) -> Bool {
        token.kind == .punctuation && ["=", "<>", "!=", "<", ">", "<=", ">=", "||", "/", "%"].contains(token.text)
    }

    /// Snowflake's `col:field` path access: the `:` and the field, which may spell any word (`value:from`).
    mutating func skipPathAccess() -> Bool {
        guard dialect.syntax.contains(.semiStructuredPaths), isPunctuation(":"), let field = token(at: 1),
            field.kind == .word || field.kind == .quotedIdentifier
        else { return false }
        index += 2
        return true
    }

    /// Snowflake reads a clause word at the start of a select item followed by AS as a column: `SELECT limit AS l`.
    private func clauseWordIsColumn(state: ItemState) -> Bool {
        dialect.syntax.contains(.snowflakeObjects) && state == .start && isKeyword("AS", at: 1)
    }

    /// Whether `token` can begin an expression: a name, a literal, a placeholder or `(`.
    private static func startsOperand(_ token: Token) -> Bool {
        switch token.kind {
        case .word:
            return !token.isKeyword(oneOf: continuationWords) && !token.isKeyword(oneOf: reservedWords)
                || token.isKeyword(oneOf: valueWords) || token.isKeyword("CASE")
        case .quotedIdentifier, .string, .number, .placeholder, .dollarString, .variable: return true
        case .punctuation: return token.text == "("
        default: return false
        }
    }

    /// Whether a word after a complete operand is read as its alias.
    private static func mayBeAlias(_ token: Token) -> Bool {
        !token.isKeyword(oneOf: continuationWords) && !token.isKeyword(oneOf: reservedWords)
    }

    /// Two select items run together: the missing `,` is synthesised (one diagnostic) and a new item starts.
    private mutating func recordMissingComma(before token: Token, after previous: Token) {
        let insertion = SourceRange(start: previous.range.end, end: previous.range.end)
        let error = SyntaxError(
            MissingCommaMessage(next: token.text),
            at: token.range,
            fixIts: [FixIt("separate the select items", range: insertion, replacement: ",", applicability: .safe)],
            spelling: ",")
        close()
        record(error, resumingAt: index)
        open(.selectItem)
    }

    /// Consumes an operator written as words that contain a clause word (`WITHIN GROUP`, `IS [NOT] DISTINCT
    /// FROM`), so that its GROUP or FROM does not end the expression.
    private mutating func skipCompoundOperator() -> Bool {
        if isKeyword("WITHIN"), isKeyword("GROUP", at: 1) {
            index += 2
            return true
        }
        if isKeyword("IS") {
            let offset = isKeyword("NOT", at: 1) ? 2 : 1
            if isKeyword("DISTINCT", at: offset), isKeyword("FROM", at: offset + 1) {
                index += offset + 2
                return true
            }
        }
        return false
    }

    // MARK: FROM

    /// Snowflake: a word that is no clause or join word can name a table (`FROM case`), and `@stage` a stage.
    private var atSnowflakeRelation: Bool {
        guard dialect.syntax.contains(.snowflakeObjects), let word = current, word.kind == .word else { return false }
        return word.text.hasPrefix("@")
            || (!word.isKeyword(oneOf: Self.nonAliasWords) && !word.isKeyword(oneOf: Self.joinWords))
    }

    mutating func fromList(into collector: inout QueryCollector) throws(SyntaxError) {
        repeat {
            try tableReference(into: &collector)
            while let join = current, join.isKeyword(oneOf: Self.joinWords) {
                open(.join)
                while let word = current, word.isKeyword(oneOf: Self.joinModifiers) {
                    index += 1
                }
                try expect("JOIN", "after the join type")
                try tableReference(into: &collector)
                if accept("ON") != nil {
                    try checkedExpression("after ON", stoppingAt: Self.joinConditionStops, into: &collector)
                } else if accept("USING") != nil {
                    _ = try columnList(record: false)
                }
                close()
            }
        } while acceptPunctuation(",") != nil
    }

    private mutating func tableReference(into collector: inout QueryCollector) throws(SyntaxError) {
        open(.tableReference)
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
        } else if let stage = current, stage.kind == .word, stage.text.hasPrefix("@"),
            dialect.syntax.contains(.semiStructuredPaths)
        {
            // A stage's files (`FROM @stage/path`): not a table the privileges follow.
            index += 1
        } else if dialect.syntax.contains(.snowflakeObjects), isKeyword("TABLE"), isPunctuation("(", at: 1) {
            // A table function's rows (`TABLE(RESULT_SCAN(LAST_QUERY_ID()))`, `TABLE(FLATTEN(…))`): not a relation
            // the privileges follow; https://docs.snowflake.com/en/sql-reference/functions-table
            index += 1
            let open = try expectPunctuation("(", "after TABLE")
            try enterNesting()
            try expression(stoppingAt: [], into: &collector)
            leaveNesting()
            try closeParenthesis(opened: open)
        } else if !atName, atSnowflakeRelation, let word = advance() {
            // A word Snowflake reserves less than PostgreSQL does, as a table: `FROM case`.
            let name = makeIdentifier(word, isUser: false)
            identifiers.append(name)
            collector.read(ObjectName(parts: [name]))
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
        // Snowflake's time travel and change tracking: `AT(…)`, `BEFORE(…)`, `CHANGES(…)`.
        while dialect.syntax.contains(.snowflakeObjects),
            isKeyword("AT") || isKeyword("BEFORE") || isKeyword("CHANGES"),
            isPunctuation("(", at: 1)
        {
            index += 1
            try skipParenthesised()
        }
        try alias()
        // Redshift's SUPER navigation: `FROM t AS c, c.orders AS o AT index`.
        if accept("AT") != nil { _ = try identifier("an index name after AT", record: false) }
        while let word = accept("PIVOT") ?? accept("UNPIVOT") {
            if word.isKeyword("UNPIVOT"), accept("INCLUDE") ?? accept("EXCLUDE") != nil {
                try expect("NULLS", "after INCLUDE or EXCLUDE")
            }
            let open = try expectPunctuation("(", "after \(word.text.asciiUppercased)")
            try enterNesting()
            try expression(stoppingAt: [], into: &collector)
            leaveNesting()
            try closeParenthesis(opened: open)
            try alias()
        }
        if accept("TABLESAMPLE") != nil {
            _ = try identifier("a sampling method after TABLESAMPLE", record: false)
            try skipParenthesised()
            if accept("REPEATABLE") != nil { try skipParenthesised() }
        }
        close()
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

    // MARK: Expressions

    /// Skips an expression up to a clause word or `)` at this level, recursing into parentheses. With `once`,
    /// reads one parenthesised group and stops.
    mutating func expression(
        stoppingAt stops: Set<String>, into collector: inout QueryCollector, once: Bool = false
    )
        throws(SyntaxError)
    {
        open(.expression)
        while let token = current {
            if token.isPunctuation(")") { break }
            if skipCompoundOperator() || skipPathAccess() { continue }
            if !stops.isEmpty, token.isKeyword(oneOf: stops) { break }
            if token.isPunctuation("(") {
                open(.parenthesized)
                index += 1
                try enterNesting()
                if isKeyword("SELECT") || isKeyword("WITH") {
                    try query(into: &collector)
                } else {
                    try expression(stoppingAt: [], into: &collector)
                }
                leaveNesting()
                try closeParenthesis(opened: token)
                close()
                if once { break }
            } else {
                index += 1
            }
        }
        close()
    }

    mutating func closeParenthesis(opened open: Token) throws(SyntaxError) {
        if acceptPunctuation(")") == nil {
            var error = failure(expected: "')' to close the '(' at \(open.range.start)")
            error.spelling = ")"
            throw error
        }
    }
}

// INSERT, UPDATE, DELETE and MERGE: the target is recorded, the source queries are read like SELECT.
extension StatementParser {
    /// One of INSERT, UPDATE, DELETE, MERGE at the current token; reports `.opaque` with its keyword.
    mutating func parseDataModification(into collector: inout QueryCollector) throws(SyntaxError) -> StatementKind {
        open(.dataModification)
        guard let verb = advance() else { throw failure(expected: "INSERT, UPDATE, DELETE or MERGE") }
        let keyword = verb.text.asciiUppercased
        switch keyword {
        case "INSERT":
            // Snowflake: `INSERT OVERWRITE INTO t …` replaces the table's rows.
            if dialect.syntax.contains(.snowflakeObjects) { accept("OVERWRITE") }
            try expect("INTO", "after INSERT")
            _ = try objectName("a table name after INSERT INTO")
            if accept("AS") != nil { _ = try identifier("an alias after AS", record: false) }
            if isPunctuation("("), !isKeyword("SELECT", at: 1), !isKeyword("WITH", at: 1) {
                _ = try columnList(record: false)
            }
            if accept(sequence: "DEFAULT", "VALUES") == nil {
                guard isKeyword("VALUES") || isKeyword("SELECT") || isKeyword("WITH") || isPunctuation("(") else {
                    throw failure(expected: "VALUES, a query or DEFAULT VALUES after the table")
                }
                try query(into: &collector)
            }
            try returningAndConflict(into: &collector)
        case "UPDATE":
            accept("ONLY")
            _ = try objectName("a table name after UPDATE")
            try alias()
            try expect("SET", "after the table to update")
            try checkedAssignments(stoppingAt: ["FROM", "WHERE", "RETURNING"], into: &collector)
            if accept("FROM") != nil { try fromList(into: &collector) }
            if accept("WHERE") != nil {
                try checkedExpression("after WHERE", stoppingAt: ["RETURNING"], into: &collector)
            }
            try returningAndConflict(into: &collector)
        case "DELETE":
            accept("FROM")
            accept("ONLY")
            _ = try objectName("a table name after DELETE FROM")
            try alias()
            if accept("USING") != nil { try fromList(into: &collector) }
            if accept("WHERE") != nil {
                try checkedExpression("after WHERE", stoppingAt: ["RETURNING"], into: &collector)
            }
            try returningAndConflict(into: &collector)
        default:
            // MERGE INTO target [alias] USING source [alias] ON condition WHEN … | REMOVE DUPLICATES.
            try expect("INTO", "after MERGE")
            _ = try objectName("a table name after MERGE INTO")
            try alias()
            try expect("USING", "after the MERGE target")
            try tableReference(into: &collector)
            try expect("ON", "after the MERGE source")
            try expression(stoppingAt: ["WHEN", "REMOVE"], into: &collector)
            guard isKeyword("WHEN") || isKeyword("REMOVE") else {
                throw failure(expected: "WHEN MATCHED, WHEN NOT MATCHED or REMOVE DUPLICATES")
            }
            try skipRest()
        }
        close()
        return .opaque(keyword: keyword)
    }

    private mutating func returningAndConflict(into collector: inout QueryCollector) throws(SyntaxError) {
        if accept(sequence: "ON", "CONFLICT") != nil { try expression(stoppingAt: ["RETURNING"], into: &collector) }
        if accept("RETURNING") != nil { try expression(stoppingAt: [], into: &collector) }
    }
}
