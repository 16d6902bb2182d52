import RunbookDiagnostics

// SELECT, read into a tree that marks the relations it reads (lowered from there: Lowering+Query.swift) and to
// catch malformed queries.
// Expressions are skipped token by token; parentheses recurse, so subqueries anywhere are found. The select
// list is read item by item, which is what finds a missing or a trailing comma.
extension StatementParser {
    /// Words that end a clause of SELECT at parenthesis level zero.
    static let clauseWords: Set<Keyword> = [
        .from, .where, .group, .having, .order, .limit, .offset, .fetch, .union, .intersect, .except,
        .minus, .window, .qualify, .into, .for, .start, .connect,
    ]

    /// Words after a table reference that are not an alias.
    private static let nonAliasWords: Set<Keyword> = clauseWords.union([
        .on, .using, .join, .inner, .left, .right, .full, .cross, .natural, .outer, .lateral, .with,
        .tablesample, .as, .limit, .pivot, .unpivot, .at, .set, .when,
    ])

    private static let joinWords: Set<Keyword> = [.join, .inner, .left, .right, .full, .cross, .natural]
    private static let joinModifiers: Set<Keyword> = [.inner, .left, .right, .full, .cross, .natural, .outer]
    private static let joinConditionStops: Set<Keyword> = clauseWords.union(joinWords)
    /// Where the expressions of a query's clauses end: a clause word, or INSERT's `ON CONFLICT` after the query
    /// (`INSERT … SELECT … WHERE x ON CONFLICT …`), which no expression holds at its level.
    private static let queryClauseStops: Set<Keyword> = clauseWords.union([.on])
    /// After ORDER BY or LIMIT, the clauses that may still follow.
    private static let trailingClauseStops: [Keyword: Set<Keyword>] = Dictionary(
        uniqueKeysWithValues: [Keyword.order, .limit, .offset, .fetch, .for].map {
            ($0, queryClauseStops.subtracting([$0]))
        })
    /// Clauses of a SELECT whose expression is checked operand by operand.
    private static let conditionClauses: Set<Keyword> = [.where, .having, .qualify]
    /// Clauses of a SELECT after FROM, each an expression.
    private static let selectClauses: Set<Keyword> = [
        .where, .group, .having, .window, .qualify, .start, .connect,
    ]

    /// Words that continue an expression after a complete operand (`a IS NULL`, `f(x) OVER (…)`,
    /// `x::double precision`), so a word after an operand that is one of these is not an alias.
    private static let continuationWords: Set<Keyword> = [
        .and, .or, .not, .is, .isnull, .notnull, .in, .like, .ilike, .similar, .between, .escape,
        .over, .filter, .within, .ignore, .respect, .nulls, .at, .collate, .then, .when, .else, .end,
        .overlaps, .precision, .varying, .without, .zone, .day, .hour, .minute, .second, .month, .year,
        .rlike, .regexp, .symmetric, .asymmetric, .distinct, .unknown, .prior,
    ]
    /// Reserved words that are values: after them, an expression is complete.
    private static let valueWords: Set<Keyword> = [.null, .true, .false, .default, .currentDate, .currentUser]

    /// A whole-statement query; nothing may follow it. What it reads is lowered from the statement's finished tree
    /// (Lowering+Query.swift), so the kind is `.select` of `Query.toLower`.
    mutating func parseQueryStatement() throws(SyntaxError) -> StatementKind {
        try query()
        try expectEnd("after the query")
        return .select(.toLower)
    }

    /// `WITH …` followed by a query, or by INSERT, UPDATE, DELETE or MERGE (data-modifying CTEs).
    mutating func parseWithStatement() throws(SyntaxError) -> StatementKind {
        try withClause()
        if let verb = current, verb.isKeyword(oneOf: Self.dataModifyingWords) {
            let kind = try parseDataModification()
            try expectEnd("after the \(verb.text.asciiUppercased) statement")
            return kind
        }
        try queryBody()
        try expectEnd("after the query")
        return .select(.toLower)
    }

    private static let dataModifyingWords: Set<Keyword> = [.insert, .update, .delete, .merge]

    mutating func query() throws(SyntaxError) {
        open(.query)
        try withClause()
        try queryBody()
        close()
    }

    private mutating func withClause() throws(SyntaxError) {
        guard isKeyword(.with) else { return }
        open(.withClause)
        index += 1
        accept(.recursive)
        repeat {
            open(.commonTableExpression)
            let (nameStart, nameEvents) = (index, events.count)
            _ = try identifier("a common table expression name after WITH", record: false)
            wrap(.name, from: nameStart, events: nameEvents)
            if isPunctuation("(") { _ = try columnList(record: false) }
            try expect(.as, "after the name of the common table expression")
            _ = accept(sequence: .not, .materialized) ?? accept(sequence: .materialized)
            let open = try expectPunctuation("(", "before the common table expression's query")
            try enterNesting()
            if let verb = current, verb.isKeyword(oneOf: Self.dataModifyingWords) {
                // PostgreSQL: `WITH moved AS (DELETE … RETURNING …)`.
                _ = try parseDataModification()
            } else {
                try query()
            }
            leaveNesting()
            try closeParenthesis(opened: open)
            close()
        } while acceptPunctuation(",") != nil
        close()
    }

    private mutating func queryBody() throws(SyntaxError) {
        try queryTerm()
        while let setOperator = current, setOperator.isKeyword(oneOf: [.union, .intersect, .except, .minus]) {
            open(.setOperation)
            index += 1
            _ = accept(.all) ?? accept(.distinct)
            try queryTerm()
            close()
        }
        try trailingClauses()
    }

    /// ORDER BY, LIMIT, OFFSET and FETCH are checked; FOR UPDATE | SHARE … is skipped balanced. A function of its
    /// own, so that its frame is not on the stack of every nested subquery.
    @inline(never)
    private mutating func trailingClauses() throws(SyntaxError) {
        while let clause = current, let keyword = Keyword(clause), let stops = Self.trailingClauseStops[keyword] {
            open(.clause)
            index += 1
            let (mark, savedDepth) = (openNodes, depth)
            do throws(SyntaxError) {
                switch keyword {
                case .order:
                    // ORDER is always ORDER BY here: `order bylistid` is a mistake at the word, not skipped.
                    try expect(.by, "after ORDER")
                    try checkedList("ORDER BY", stoppingAt: stops)
                case .limit:
                    // `LIMIT ALL` is no limit; https://www.postgresql.org/docs/current/sql-select.html#SQL-LIMIT
                    if accept(.all) == nil { try checkedExpression("after LIMIT", stoppingAt: stops) }
                case .offset:
                    // `OFFSET n [ROW | ROWS]`.
                    try checkedExpression(
                        "after OFFSET", stoppingAt: stops, followedBy: [.row, .rows])
                case .fetch:
                    try fetchClause(stoppingAt: stops)
                default:
                    try expression(stoppingAt: stops)
                }
            } catch {
                try recover(from: error, mark: mark, depth: savedDepth)
            }
            close()
        }
    }

    /// `FETCH { FIRST | NEXT } [count] { ROW | ROWS } { ONLY | WITH TIES }` (PostgreSQL's form,
    /// https://www.postgresql.org/docs/current/sql-select.html#SQL-LIMIT). Snowflake makes every word but the count
    /// optional, `FETCH 10` (https://docs.snowflake.com/en/sql-reference/constructs/limit), so there they are read
    /// when present and the rest is skipped up to `stops`.
    private mutating func fetchClause(
        stoppingAt stops: Set<Keyword>
    ) throws(SyntaxError) {
        let optionalWords = dialect.syntax.contains(.snowflakeObjects)
        if accept(.first) ?? accept(.next) == nil, !optionalWords {
            throw failure(expected: "FIRST or NEXT after FETCH")
        }
        open(.expression)
        if !isKeyword(.row), !isKeyword(.rows) {
            try expression(minimum: 0, context: "after FETCH FIRST")
        }
        close()
        if optionalWords {
            try expression(stoppingAt: stops)
            return
        }
        guard accept(.row) ?? accept(.rows) != nil else { throw failure(expected: "ROW or ROWS after the row count") }
        if accept(.with) != nil {
            try expect(.ties, "after FETCH … WITH")
        } else {
            try expect(.only, "or WITH TIES after FETCH … ROWS")
        }
    }

    /// WINDOW's `name AS (definition) [, …]`.
    private mutating func windowClause() throws(SyntaxError) {
        repeat {
            _ = try identifier("a window name after WINDOW", record: false)
            try expect(.as, "after the window name")
            try windowDefinition()
        } while acceptPunctuation(",") != nil
    }

    /// `([window] [PARTITION BY …] [ORDER BY …] [frame])`, of WINDOW and of `OVER (…)`: the lists are checked, the
    /// frame skipped balanced.
    mutating func windowDefinition() throws(SyntaxError) {
        try parenthesisedClause("before the window definition") { parser throws(SyntaxError) in
            // An existing window's name, when a part or the `)` follows it (`odrer BY a` is no name).
            if parser.atName, parser.current?.isKeyword(oneOf: Self.windowParts) == false,
                parser.isPunctuation(")", at: 1) || (parser.token(at: 1)?.isKeyword(oneOf: Self.windowParts) ?? false)
            {
                parser.index += 1
            }
            if parser.accept(sequence: .partition, .by) != nil {
                try parser.checkedList("PARTITION BY", stoppingAt: Self.windowParts)
            }
            if parser.accept(sequence: .order, .by) != nil {
                try parser.checkedList("ORDER BY", stoppingAt: Self.windowParts)
            }
            if parser.accept(.rows) != nil || parser.accept(.range) != nil || parser.accept(.groups) != nil {
                try parser.windowFrame()
            }
            if let token = parser.current, !token.isPunctuation(")") {
                throw parser.failure(
                    expected: "PARTITION BY, ORDER BY, a frame (ROWS, RANGE, GROUPS) or ')' in the window")
            }
        }
    }

    /// A window frame after ROWS, RANGE or GROUPS: `BETWEEN start AND end` or `start`, then `EXCLUDE …`
    /// (https://www.postgresql.org/docs/current/sql-expressions.html#SYNTAX-WINDOW-FUNCTIONS,
    /// https://docs.aws.amazon.com/redshift/latest/dg/r_Window_function_synopsis.html).
    private mutating func windowFrame() throws(SyntaxError) {
        if accept(.between) != nil {
            try frameBound()
            try expect(.and, "between the bounds of the frame")
        }
        try frameBound()
        if accept(.exclude) != nil {
            if accept(sequence: .current, .row) == nil, accept(.group) == nil, accept(.ties) == nil,
                accept(sequence: .no, .others) == nil
            {
                throw failure(expected: "CURRENT ROW, GROUP, TIES or NO OTHERS after EXCLUDE")
            }
        }
    }

    /// `UNBOUNDED PRECEDING`, `CURRENT ROW`, `n PRECEDING`, `n FOLLOWING`, `UNBOUNDED FOLLOWING`.
    private mutating func frameBound() throws(SyntaxError) {
        if accept(sequence: .current, .row) != nil { return }
        if accept(.unbounded) == nil {
            // An offset is a value, never a column: a name there is a misspelt UNBOUNDED or CURRENT
            // (PostgreSQL: "argument of ROWS must not contain variables").
            if let word = current, word.kind == .word, Keyword(word) == nil,
                isKeyword(.preceding, at: 1) || isKeyword(.following, at: 1) || isKeyword(.row, at: 1)
            {
                throw failure(expected: "UNBOUNDED, CURRENT ROW or an offset in the window frame")
            }
            try expression(minimum: 0, context: "in the window frame")
        }
        if accept(.preceding) == nil, accept(.following) == nil {
            throw failure(expected: "PRECEDING or FOLLOWING in the window frame")
        }
    }

    /// After VALUES' rows: a clause, or INSERT's ON CONFLICT and RETURNING (which follow no other VALUES).
    private static let valuesStops: Set<Keyword> = clauseWords.union([.on, .returning])

    /// The words that open a part of a window definition.
    private static let windowParts: Set<Keyword> = [.partition, .order, .rows, .range, .groups]

    private mutating func queryTerm() throws(SyntaxError) {
        if let open = acceptPunctuation("(") {
            try enterNesting()
            try query()
            leaveNesting()
            try closeParenthesis(opened: open)
        } else if isKeyword(.select) {
            // A subquery's FROM brings columns into scope, also inside INSERT's VALUES.
            columnScopes &+= 1
            open(.select)
            index += 1
            try selectBody()
            close()
            columnScopes &-= 1
        } else if accept(.values) != nil {
            try checkedRows(stoppingAt: Self.valuesStops)
        } else if accept(.table) != nil {
            let (start, mark) = (index, events.count)
            _ = try objectName("a table name after TABLE")
            wrap(.relation, from: start, events: mark)
        } else {
            throw failure(expected: "SELECT, VALUES or '('")
        }
    }

    private mutating func selectBody() throws(SyntaxError) {
        if accept(.top) != nil {
            guard current?.kind == .number || current?.kind == .placeholder else {
                throw failure(expected: "a number of rows after TOP")
            }
            index += 1
        }
        if accept(.distinct) != nil {
            if accept(.on) != nil {
                guard isPunctuation("(") else { throw failure(expected: "'(' after DISTINCT ON") }
                try expression(stoppingAt: Self.clauseWords, once: true)
            }
        } else {
            accept(.all)
        }
        try selectList()
        if accept(.into) != nil {
            _ = accept(.temporary) ?? accept(.temp)
            accept(.table)
            _ = try objectName("a table name after INTO")
        }
        if isKeyword(.from) {
            open(.fromClause)
            let from = tokens[index]
            index += 1
            let (mark, savedDepth) = (openNodes, depth)
            do throws(SyntaxError) {
                guard atName || isPunctuation("(") || atSnowflakeRelation else {
                    throw failure(expected: "a table name after \(from.text.asciiUppercased)")
                }
                try fromList()
            } catch {
                try recover(from: error, mark: mark, depth: savedDepth)
            }
            close()
        }
        try selectClauses()
    }

    /// WHERE, GROUP BY, HAVING, WINDOW, QUALIFY …, each recovered from on its own; out of `selectBody`'s frame,
    /// which every nested subquery keeps on the stack.
    @inline(never)
    private mutating func selectClauses() throws(SyntaxError) {
        while let clause = current, clause.isKeyword(oneOf: Self.selectClauses) {
            open(.clause)
            index += 1
            let (mark, savedDepth) = (openNodes, depth)
            do throws(SyntaxError) {
                if clause.isKeyword(.group) {
                    // GROUP is always GROUP BY here: `group bylistid` is a mistake at the word, not skipped.
                    try expect(.by, "after GROUP")
                    try checkedList(
                        "GROUP BY", readsGroupingSets: true, stoppingAt: Self.queryClauseStops)
                } else if clause.isKeyword(.start) || clause.isKeyword(.connect) {
                    // Redshift's hierarchical query: `START WITH condition CONNECT BY condition`.
                    try expect(clause.isKeyword(.start) ? .with : .by, "after \(clause.text.asciiUppercased)")
                    try expression(stoppingAt: Self.clauseWords)
                } else if clause.isKeyword(oneOf: Self.conditionClauses) {
                    try checkedExpression(
                        "after \(clause.text.asciiUppercased)", stoppingAt: Self.queryClauseStops)
                } else if clause.isKeyword(.window) {
                    try windowClause()
                } else {
                    try expression(stoppingAt: Self.clauseWords)
                }
            } catch {
                try recover(from: error, mark: mark, depth: savedDepth)
            }
            close()
        }
    }

    // MARK: Select list

    /// The select list: items separated by commas, each read by the expression parser (`selectItem`). Two items
    /// run together are one mistake, the `,` between them missing (synthesised, with a fix-it); a `,` before FROM
    /// is a trailing comma where the dialect rejects it; a mistake inside an item is recorded and reading resumes
    /// at the next `,`, so every item is checked. Out of `selectBody`'s frame, which nested subqueries keep.
    @inline(never)
    private mutating func selectList() throws(SyntaxError) {
        open(.selectList)
        var context = "after SELECT"
        while let first = current, !endsSelectList(first) || clauseWordIsColumn {
            open(.selectItem)
            let (mark, savedDepth, start) = (openNodes, depth, index)
            do throws(SyntaxError) {
                let closed = try selectItem(context: context)
                if !atItemEnd, !startsAnotherItem(closed: closed) {
                    // What follows an item must end it (`,`, FROM, `)`): a word there is a mistake at its position
                    // (`percentile_disc(0.5) within grop (…)`, `t1.a unin SELECT …`), never skipped in silence.
                    throw failure(
                        expected: closed
                            ? "',' or FROM after the select item"
                            : "an operator, an alias, ',' or FROM after the select item")
                }
            } catch {
                try recover(from: error, mark: mark, depth: savedDepth, item: start)
            }
            close()
            context = "after ','"
            if let token = current, !atItemEnd {
                recordMissingComma(before: token)
                continue
            }
            guard let comma = current, comma.isPunctuation(",") else { break }
            guard let next = self.token(at: 1), next.isKeyword(.from) else {
                index += 1
                continue
            }
            if dialect.syntax.contains(.trailingSelectComma) {
                // Snowflake accepts a comma after the last item.
                index += 1
            } else {
                let error = SyntaxError(
                    TrailingCommaMessage(before: next.text.asciiUppercased, dialect: dialect.displayName),
                    at: comma.range,
                    fixIts: [
                        FixIt("remove the trailing ','", range: comma.range, replacement: "", applicability: .safe)
                    ])
                recordUnexpected(error, range: index..<(index + 1))
            }
            break
        }
        close()
    }

    /// Whether the current token ends a select item: `,`, `)`, a clause word or the end of the statement.
    private var atItemEnd: Bool {
        guard let token = current else { return true }
        return token.isPunctuation(",") || endsSelectList(token)
    }

    /// After an alias or a wildcard, any operand starts the next item; after an expression, a name that is called
    /// or qualified (`a b(x)`, `a b.c`) does. Either way the `,` before it is missing.
    private func startsAnotherItem(closed: Bool) -> Bool {
        guard let token = current else { return false }
        return closed ? Self.startsOperand(token) : isCalledOrQualifiedName
    }

    /// Whether `token` ends the select list where an item would start or continue: `)`, or a clause word.
    private func endsSelectList(_ token: Token) -> Bool {
        token.isPunctuation(")") || token.isKeyword(oneOf: Self.clauseWords)
    }

    /// One select item: `*` or `t.*` (with Snowflake's EXCLUDE, ILIKE, REPLACE and RENAME), or an expression with
    /// its alias (`AS x`, a bare `x`). Returns whether it ended with a wildcard or an alias, after which any operand
    /// starts another item.
    private mutating func selectItem(
        context: String
    ) throws(SyntaxError) -> Bool {
        if clauseWordIsColumn || isPunctuation("*") {
            index += 1
        } else if let length = qualifiedWildcardLength {
            // `t.*` read whole, so that ILIKE after it is the wildcard's, not an operator.
            index += length
        } else {
            try expression(minimum: 0, context: context)
        }
        if tokens[index - 1].isPunctuation("*") {
            try wildcardOptions()
            return true
        }
        if accept(.as) != nil {
            // Any word after AS is the alias, keywords included (`AS from`, as Snowflake reads it).
            guard let alias = current,
                alias.kind == .word || alias.kind == .quotedIdentifier || alias.kind == .placeholder
            else { throw failure(expected: "an alias after AS") }
            index += 1
            return true
        }
        guard let word = current, word.kind == .quotedIdentifier || Self.mayBeAlias(word), !endsSelectList(word),
            !isCalledOrQualifiedName
        else { return false }
        index += 1
        return true
    }

    /// The tokens of `t.*`, `s.t.*` at the current token, if it is one.
    private var qualifiedWildcardLength: Int? {
        var offset = 0
        while let name = token(at: offset),
            name.kind == .word || name.kind == .quotedIdentifier || name.kind == .placeholder,
            isPunctuation(".", at: offset + 1)
        {
            if isPunctuation("*", at: offset + 2) { return offset + 3 }
            offset += 2
        }
        return nil
    }

    /// A name followed by `(` or `.` where an alias could stand: the start of another item, not an alias.
    private var isCalledOrQualifiedName: Bool {
        guard let word = current, word.kind == .quotedIdentifier || Self.mayBeAlias(word) && !endsSelectList(word)
        else { return false }
        return isPunctuation("(", at: 1) || isPunctuation(".", at: 1)
    }

    /// After `*` or `t.*`, Snowflake's `[ILIKE 'pattern' | EXCLUDE col | (col, …)] [REPLACE (expr AS col, …)]
    /// [RENAME col AS new | (col AS new, …)]` (https://docs.snowflake.com/en/sql-reference/sql/select). Other
    /// dialects have none of them.
    private mutating func wildcardOptions() throws(SyntaxError) {
        guard let word = current, word.isKeyword(oneOf: Self.wildcardWords) else { return }
        guard dialect.syntax.contains(.snowflakeObjects) else { throw failure(expected: "',' or FROM after '*'") }
        if accept(.ilike) != nil {
            try expression(minimum: 7, context: "after ILIKE")
        } else if accept(.exclude) != nil {
            if isPunctuation("(") {
                _ = try columnList(record: false)
            } else {
                _ = try objectName("a column name after EXCLUDE", record: false)
            }
        }
        if accept(.replace) != nil {
            try expectPunctuation("(", "after REPLACE")
            repeat {
                try expression(minimum: 0, context: "in REPLACE")
                try expect(.as, "after the replacing expression")
                _ = try identifier("a column name after AS", record: false)
            } while acceptPunctuation(",") != nil
            try expectPunctuation(")", "after REPLACE's list")
        }
        if accept(.rename) != nil {
            let parenthesised = acceptPunctuation("(") != nil
            repeat {
                _ = try objectName("a column name after RENAME", record: false)
                try expect(.as, "after the column to rename")
                _ = try identifier("a new column name after AS", record: false)
            } while parenthesised && acceptPunctuation(",") != nil
            if parenthesised { try expectPunctuation(")", "after RENAME's list") }
        }
    }

    private static let wildcardWords: Set<Keyword> = [.exclude, .ilike, .rename, .replace]

    /// Snowflake's `col:field` path access: the `:` and the field, which may spell any word (`value:from`).
    mutating func skipPathAccess() -> Bool {
        guard dialect.syntax.contains(.semiStructuredPaths), isPunctuation(":"), let field = token(at: 1),
            field.kind == .word || field.kind == .quotedIdentifier
        else { return false }
        index += 2
        return true
    }

    /// Snowflake reads a clause word at the start of a select item followed by AS as a column: `SELECT limit AS l`.
    private var clauseWordIsColumn: Bool {
        dialect.syntax.contains(.snowflakeObjects) && current?.isKeyword(oneOf: Self.clauseWords) == true
            && isKeyword(.as, at: 1)
    }

    /// Whether `token` can begin an expression: a name, a literal, a placeholder or `(`.
    private static func startsOperand(_ token: Token) -> Bool {
        switch token.kind {
        case .word:
            return !token.isKeyword(oneOf: continuationWords) && !token.isKeyword(oneOf: reservedWords)
                || token.isKeyword(oneOf: valueWords) || token.isKeyword(.case)
        case .quotedIdentifier, .string, .number, .placeholder, .dollarString, .variable: return true
        case .punctuation: return token.text == "("
        default: return false
        }
    }

    /// Whether a word after a complete operand is read as its alias.
    private static func mayBeAlias(_ token: Token) -> Bool {
        token.kind == .word && !token.isKeyword(oneOf: continuationWords) && !token.isKeyword(oneOf: reservedWords)
    }

    /// Two select items run together: the missing `,` after the last item is synthesised (one diagnostic, with the
    /// `,` as fix-it) and the next item starts at `token`.
    private mutating func recordMissingComma(before token: Token) {
        recordMissing(
            ",", MissingCommaMessage(next: token.text), at: token.range, inserting: ",",
            at: tokens[index - 1].range.end, fixIt: "separate the select items")
    }

    /// Consumes an operator written as words that contain a clause word (`WITHIN GROUP`, `IS [NOT] DISTINCT
    /// FROM`), so that its GROUP or FROM does not end the expression.
    private mutating func skipCompoundOperator() -> Bool {
        if isKeyword(.within), isKeyword(.group, at: 1) {
            index += 2
            return true
        }
        if isKeyword(.is) {
            let offset = isKeyword(.not, at: 1) ? 2 : 1
            if isKeyword(.distinct, at: offset), isKeyword(.from, at: offset + 1) {
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

    mutating func fromList() throws(SyntaxError) {
        repeat {
            try tableReference()
            while let join = current, join.isKeyword(oneOf: Self.joinWords) {
                open(.join)
                var needsCondition = true
                while let word = current, word.isKeyword(oneOf: Self.joinModifiers) {
                    if word.isKeyword(.cross) || word.isKeyword(.natural) { needsCondition = false }
                    index += 1
                }
                try expect(.join, "after the join type")
                try tableReference()
                if accept(.on) != nil {
                    // A join's condition may end the from list's item: `… ON a.id = b.id, LATERAL f(…)`.
                    try checkedExpression(
                        "after ON", stoppingAt: Self.joinConditionStops, commaEnds: true)
                } else if accept(.using) != nil {
                    _ = try columnList(record: false)
                } else if needsCondition, !dialect.syntax.contains(.joinWithoutCondition) {
                    // Redshift and PostgreSQL join with a condition unless the join is CROSS or NATURAL
                    // (https://docs.aws.amazon.com/redshift/latest/dg/r_FROM_clause30.html): `JOIN sales usig (id)`
                    // read `usig` as an alias.
                    throw failure(expected: "ON or USING after the joined table")
                }
                close()
            }
        } while acceptPunctuation(",") != nil
    }

    private mutating func tableReference() throws(SyntaxError) {
        open(.tableReference)
        accept(.lateral)
        if let open = acceptPunctuation("(") {
            try enterNesting()
            if isKeyword(.select) || isKeyword(.with) || isKeyword(.values) || isPunctuation("(") {
                try query()
            } else {
                try fromList()
            }
            leaveNesting()
            try closeParenthesis(opened: open)
        } else if let stage = current, stage.kind == .word, stage.text.hasPrefix("@"),
            dialect.syntax.contains(.semiStructuredPaths)
        {
            // A stage's files (`FROM @stage/path`): not a table the privileges follow.
            index += 1
        } else if dialect.syntax.contains(.snowflakeObjects), isKeyword(.table), isPunctuation("(", at: 1) {
            // A table function's rows (`TABLE(RESULT_SCAN(LAST_QUERY_ID()))`, `TABLE(FLATTEN(…))`): not a relation
            // the privileges follow; https://docs.snowflake.com/en/sql-reference/functions-table
            index += 1
            let open = try expectPunctuation("(", "after TABLE")
            try enterNesting()
            try expression(stoppingAt: [])
            leaveNesting()
            try closeParenthesis(opened: open)
        } else if !atName, atSnowflakeRelation, let word = current {
            // A word Snowflake reserves less than PostgreSQL does, as a table: `FROM case`.
            open(.relation)
            index += 1
            close()
            identifiers.append(makeIdentifier(word, isUser: false))
        } else {
            accept(.only)
            guard atName else { throw failure(expected: "a table name") }
            let (start, mark) = (index, events.count)
            _ = try objectName("a table name")
            if let open = acceptPunctuation("(") {
                // A table function such as `identifier($x)` or `generate_series(1, 10)`: not a relation.
                try enterNesting()
                try expression(stoppingAt: [])
                leaveNesting()
                try closeParenthesis(opened: open)
            } else {
                wrap(.relation, from: start, events: mark)
            }
        }
        // Snowflake's time travel and change tracking: `AT(…)`, `BEFORE(…)`, `CHANGES(…)`.
        while dialect.syntax.contains(.snowflakeObjects),
            isKeyword(.at) || isKeyword(.before) || isKeyword(.changes),
            isPunctuation("(", at: 1)
        {
            index += 1
            try skipParenthesised()
        }
        try alias()
        // Redshift's SUPER navigation: `FROM t AS c, c.orders AS o AT index`.
        if accept(.at) != nil { _ = try identifier("an index name after AT", record: false) }
        while let word = accept(.pivot) ?? accept(.unpivot) {
            if word.isKeyword(.unpivot), accept(.include) ?? accept(.exclude) != nil {
                try expect(.nulls, "after INCLUDE or EXCLUDE")
            }
            let open = try expectPunctuation("(", "after \(word.text.asciiUppercased)")
            try enterNesting()
            try expression(stoppingAt: [])
            leaveNesting()
            try closeParenthesis(opened: open)
            try alias()
        }
        if accept(.tablesample) != nil {
            _ = try identifier("a sampling method after TABLESAMPLE", record: false)
            try skipParenthesised()
            if accept(.repeatable) != nil { try skipParenthesised() }
        }
        close()
    }

    /// Puts what was read since the parser stood at `start` (when the tree's events numbered `mark`) into a node of
    /// `kind`: a name is known to be a relation only once it is read and no `(` follows.
    private mutating func wrap(_ kind: SyntaxKind, from start: Int, events mark: Int) {
        events.insert(.open(kind, at: start), at: mark)
        openNodes += 1
        close()
    }

    private mutating func alias() throws(SyntaxError) {
        if accept(.as) != nil {
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
        stoppingAt stops: Set<Keyword>, once: Bool = false
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
                if isKeyword(.select) || isKeyword(.with) {
                    try query()
                } else {
                    try expression(stoppingAt: [])
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
    mutating func parseDataModification() throws(SyntaxError) -> StatementKind {
        open(.dataModification)
        guard let verb = advance(), let keyword = Keyword(verb) else {
            throw failure(expected: "INSERT, UPDATE, DELETE or MERGE")
        }
        switch keyword {
        case .insert:
            // Snowflake: `INSERT OVERWRITE INTO t …` replaces the table's rows.
            if dialect.syntax.contains(.snowflakeObjects) { accept(.overwrite) }
            try expect(.into, "after INSERT")
            _ = try objectName("a table name after INSERT INTO")
            if accept(.as) != nil { _ = try identifier("an alias after AS", record: false) }
            if isPunctuation("("), !isKeyword(.select, at: 1), !isKeyword(.with, at: 1) {
                _ = try columnList(record: false)
            }
            if accept(sequence: .default, .values) == nil {
                guard isKeyword(.values) || isKeyword(.select) || isKeyword(.with) || isPunctuation("(") else {
                    throw failure(expected: "VALUES, a query or DEFAULT VALUES after the table")
                }
                // No column is in scope in the rows of VALUES (PostgreSQL: "column … does not exist").
                insertedValuesScope = isKeyword(.values) ? columnScopes : nil
                defer { insertedValuesScope = nil }
                try query()
            }
            try returningAndConflict()
        case .update:
            accept(.only)
            _ = try objectName("a table name after UPDATE")
            try alias()
            try expect(.set, "after the table to update")
            try checkedAssignments(stoppingAt: [.from, .where, .returning])
            if accept(.from) != nil { try fromList() }
            if accept(.where) != nil {
                try checkedExpression("after WHERE", stoppingAt: [.returning])
            }
            try returningAndConflict()
        case .delete:
            if accept(.from) != nil {
                accept(.only)
                _ = try objectName("a table name after DELETE FROM")
                try alias()
            } else if dialect.syntax.contains(.deleteWithoutFrom) {
                // No alias without FROM, so `DELETE form t` is no table `form` aliased `t`.
                _ = try objectName("a table name after DELETE")
            } else {
                try expect(.from, "after DELETE")
                _ = try objectName("a table name after DELETE FROM")
                try alias()
            }
            if accept(.using) != nil { try fromList() }
            if accept(.where) != nil {
                try checkedExpression("after WHERE", stoppingAt: [.returning])
            }
            try returningAndConflict()
        default:
            // MERGE INTO target [alias] USING source [alias] ON condition WHEN … | REMOVE DUPLICATES.
            try expect(.into, "after MERGE")
            _ = try objectName("a table name after MERGE INTO")
            try alias()
            try expect(.using, "after the MERGE target")
            try tableReference()
            try expect(.on, "after the MERGE source")
            try checkedExpression("after ON", stoppingAt: [.when, .remove])
            try mergeActions()
        }
        close()
        return .opaque(keyword: keyword.spelling)
    }

    /// MERGE's `WHEN [NOT] MATCHED [BY SOURCE | TARGET] [AND condition] THEN action …`, or Redshift's
    /// `REMOVE DUPLICATES` (https://docs.aws.amazon.com/redshift/latest/dg/r_MERGE.html,
    /// https://www.postgresql.org/docs/current/sql-merge.html). A mistake in one WHEN is recovered from at the next.
    private mutating func mergeActions() throws(SyntaxError) {
        if accept(sequence: .remove, .duplicates) != nil { return }
        guard isKeyword(.when) else { throw failure(expected: "WHEN MATCHED, WHEN NOT MATCHED or REMOVE DUPLICATES") }
        while accept(.when) != nil {
            try recoveringClause(also: [.when]) { parser throws(SyntaxError) in
                let notMatched = parser.accept(.not) != nil
                try parser.expect(.matched, notMatched ? "after WHEN NOT" : "after WHEN")
                if parser.accept(.by) != nil, parser.accept(.source) ?? parser.accept(.target) == nil {
                    throw parser.failure(expected: "SOURCE or TARGET after MATCHED BY")
                }
                if parser.accept(.and) != nil {
                    try parser.checkedExpression("after AND", stoppingAt: [.then])
                }
                try parser.expect(.then, notMatched ? "after WHEN NOT MATCHED" : "after WHEN MATCHED")
                try parser.mergeAction()
            }
        }
    }

    /// What a WHEN of MERGE does: `UPDATE SET …`, `DELETE`, `INSERT [(columns)] VALUES (…) | DEFAULT VALUES` or
    /// `DO NOTHING`; what follows the checked part is skipped up to the next WHEN.
    private mutating func mergeAction() throws(SyntaxError) {
        if accept(.update) != nil {
            try expect(.set, "after UPDATE")
            try checkedAssignments(stoppingAt: [.when])
        } else if accept(.delete) != nil {
            try expression(stoppingAt: [.when])
        } else if accept(.insert) != nil {
            if isPunctuation("(") { _ = try columnList(record: false) }
            if accept(sequence: .default, .values) != nil || dialect.syntax.contains(.snowflakeObjects) {
                // Snowflake's other forms (`INSERT ALL BY NAME`) are skipped.
                try expression(stoppingAt: [.when])
            } else {
                try expect(.values, "after INSERT")
                try checkedRows(stoppingAt: [.when])
            }
        } else if accept(.do) != nil {
            try expect(.nothing, "after DO")
        } else {
            throw failure(expected: "UPDATE, DELETE, INSERT or DO NOTHING after THEN")
        }
    }

    /// INSERT's `ON CONFLICT [(target) [WHERE …] | ON CONSTRAINT name] DO NOTHING | DO UPDATE SET … [WHERE …]`
    /// (https://www.postgresql.org/docs/current/sql-insert.html#SQL-ON-CONFLICT), then `RETURNING` (also after
    /// UPDATE and DELETE): each checked, each recovered from like a clause of SELECT.
    private mutating func returningAndConflict() throws(SyntaxError) {
        if accept(sequence: .on, .conflict) != nil {
            try recoveringClause(also: [.returning]) { parser throws(SyntaxError) in
                try parser.conflictClause()
            }
            // DO UPDATE's WHERE, read on its own so that a mistake before it resumes there.
            if accept(.where) != nil {
                try recoveringClause(also: [.returning]) { parser throws(SyntaxError) in
                    try parser.checkedExpression("after WHERE", stoppingAt: [.returning])
                }
            }
        }
        if accept(.returning) != nil {
            try recoveringClause { parser throws(SyntaxError) in try parser.returningList() }
        }
    }

    /// Reads a clause into a node of its own; a mistake in it is recorded and parsing resumes at the next clause
    /// word, or at one of `also` (the statement's own next clause), as in the clauses of SELECT.
    private mutating func recoveringClause(
        also: Set<Keyword> = [], _ read: (inout StatementParser) throws(SyntaxError) -> Void
    ) throws(SyntaxError) {
        open(.clause)
        let (mark, savedDepth) = (openNodes, depth)
        do throws(SyntaxError) {
            try read(&self)
        } catch {
            try recover(from: error, mark: mark, depth: savedDepth, also: also)
        }
        close()
    }

    private mutating func conflictClause() throws(SyntaxError) {
        if isPunctuation("(") {
            try parenthesizedOperand()
            if accept(.where) != nil { try checkedExpression("after WHERE", stoppingAt: [.do]) }
        } else if accept(sequence: .on, .constraint) != nil {
            _ = try identifier("a constraint name after ON CONSTRAINT", record: false)
        }
        try expect(.do, "after ON CONFLICT")
        if accept(.nothing) != nil { return }
        guard accept(.update) != nil else { throw failure(expected: "NOTHING or UPDATE after DO") }
        try expect(.set, "after DO UPDATE")
        try checkedAssignments(stoppingAt: [.where, .returning])
    }

    /// `RETURNING * | expression [[AS] alias], …`.
    private mutating func returningList() throws(SyntaxError) {
        open(.expression)
        var context = "after RETURNING"
        repeat {
            try expression(minimum: 0, context: context)
            if accept(.as) != nil {
                _ = try identifier("an alias after AS", record: false)
            } else if atName {
                index += 1
            }
            context = "after ','"
        } while acceptPunctuation(",") != nil
        close()
        try expression(stoppingAt: [])
    }
}
