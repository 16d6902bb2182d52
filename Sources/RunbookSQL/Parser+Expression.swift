import RunbookDiagnostics

// Expressions of WHERE, HAVING, QUALIFY, JOIN … ON and SET, read operand by operand with precedence climbing:
// an operand is expected after every operator and at the start, so `WHERE WHERE b = 1`, `a + FROM t` and
// `a = = 1` are errors at the token that stands where the operand belongs. The grammar is permissive where a
// form is uncertain: after a complete operand, a token that continues no operator ends the checked part and the
// rest of the expression is skipped as before (docs/sql.md, "Expressions").
extension StatementParser {
    /// Binary operators written as words, with their precedence (PostgreSQL's order, loosest first).
    private static let wordOperators: [Keyword: Int] = [
        .or: 1, .and: 2, .is: 4, .isnull: 4, .notnull: 4, .in: 6, .like: 6, .ilike: 6, .similar: 6, .rlike: 6,
        .regexp: 6, .between: 6, .overlaps: 6, .at: 11, .collate: 11,
    ]
    /// Words that can never begin an operand in any dialect: a clause, a join or an operator word.
    private static let nonOperandWords: Set<Keyword> = [
        .from, .where, .group, .having, .order, .union, .intersect, .minus, .qualify, .into, .and, .or,
        .then, .when, .as, .on, .using, .join, .in, .is, .like, .ilike, .between, .select, .to,
    ]
    /// Words PostgreSQL and Redshift reserve that Snowflake lets name a column, so only they are refused there.
    private static let reservedNonOperandWords: Set<Keyword> = [
        .limit, .offset, .fetch, .window, .except, .else, .end, .asc, .desc,
    ]
    /// Words that are values, not column names, where no column is in scope (INSERT's VALUES): NULL, DEFAULT, TRUE,
    /// FALSE and the functions called without parentheses
    /// (https://www.postgresql.org/docs/current/functions-datetime.html#FUNCTIONS-DATETIME-CURRENT,
    /// https://www.postgresql.org/docs/current/functions-info.html,
    /// https://docs.aws.amazon.com/redshift/latest/dg/r_SYSDATE.html,
    /// https://docs.snowflake.com/en/sql-reference/functions/current_timestamp).
    private static let namedValueWords: Set<Keyword> = [
        .null, .default, .true, .false, .currentCatalog, .currentDate, .currentRole, .currentSchema, .currentTime,
        .currentTimestamp, .currentUser, .localtime, .localtimestamp, .sessionUser, .sysdate, .systemUser, .user,
    ]
    /// Type names that prefix a string literal (`DATE '2024-01-01'`).
    private static let typedLiteralWords: Set<Keyword> = [
        .date, .time, .timestamp, .timestamptz, .interval, .json, .jsonb, .numeric, .decimal, .boolean,
        .timetz, .uuid, .inet, .text, .varchar, .char, .integer, .int, .bigint, .real, .float,
    ]
    /// Units after `INTERVAL '…'`.
    private static let intervalUnits: Set<Keyword> = [
        .year, .years, .month, .months, .day, .days, .hour, .hours, .minute, .minutes, .second, .seconds,
        .week, .weeks, .to,
    ]

    /// A checked expression: reads it by precedence (and one of `trailing` after it, `OFFSET n ROWS`); what
    /// follows must end it (`expectClauseEnd`). With `commaEnds`, a `,` ends it too (a join's ON condition in a
    /// from list).
    mutating func checkedExpression(
        _ context: String, stoppingAt stops: Set<Keyword>, followedBy trailing: Set<Keyword> = [],
        commaEnds: Bool = false
    ) throws(SyntaxError) {
        open(.expression)
        try expression(minimum: 0, context: context)
        if let word = current, word.isKeyword(oneOf: trailing) { index += 1 }
        close()
        try expectClauseEnd(
            "an operator or the next clause in the expression \(context)", stoppingAt: stops, commaEnds: commaEnds)
    }

    /// After a checked expression or list, what follows must end it: a clause word of `stops`, `)`, `;` (or `,`
    /// where the caller's list goes on), or the end of the statement. A word there is a mistake at its position
    /// (`GROUP BY 1 odrer BY 1`, `WHERE x bteween 1 AND 2`), never skipped in silence.
    private func expectClauseEnd(
        _ expected: String, stoppingAt stops: Set<Keyword>, commaEnds: Bool
    )
        throws(SyntaxError)
    {
        guard let token = current, !token.isPunctuation(")"), !token.isPunctuation(";"),
            !(commaEnds && token.isPunctuation(",")), !token.isKeyword(oneOf: stops)
        else { return }
        // A statement word opening a line is the next statement, its `;` missing: the caller reports that.
        if opensStatementOnItsLine { return }
        throw failure(expected: expected)
    }

    /// Whether the current token is a statement word opening its line, which starts the next statement when the
    /// `;` before it is missing.
    var opensStatementOnItsLine: Bool {
        guard let token = current, index > startIndex, token.range.start.line > tokens[index - 1].range.end.line,
            let keyword = Keyword(token)
        else { return false }
        return StatementSplitter.statementStarts.contains(keyword)
    }

    /// ORDER BY, GROUP BY and PARTITION BY items (at the word after BY): each a checked expression with its ASC,
    /// DESC and NULLS FIRST | LAST (and, in GROUP BY, `GROUPING SETS (…)`); what follows must end the list.
    mutating func checkedList(
        _ clause: String, readsGroupingSets: Bool = false, stoppingAt stops: Set<Keyword>
    ) throws(SyntaxError) {
        open(.expression)
        var context = "after \(clause)"
        repeat {
            if readsGroupingSets, accept(sequence: .grouping, .sets) != nil {
                try groupingSets()
            } else {
                try expression(minimum: 0, context: context)
            }
            while let word = current, word.isKeyword(oneOf: Self.orderingWords) { index += 1 }
            // PostgreSQL's `ORDER BY a USING >`: https://www.postgresql.org/docs/current/sql-select.html#SQL-ORDERBY
            if accept(.using) != nil, let sort = current, sort.kind == .punctuation, sort.text != "," {
                index += 1
                while let word = current, word.isKeyword(oneOf: Self.orderingWords) { index += 1 }
            }
            context = "after ','"
        } while acceptPunctuation(",") != nil
        close()
        try expectClauseEnd("',' or the next clause after the \(clause) list", stoppingAt: stops, commaEnds: false)
    }

    private static let orderingWords: Set<Keyword> = [.asc, .desc, .nulls, .first, .last]

    /// `GROUPING SETS (a, (b, c), ROLLUP (d), ())`, after its two words: each set an expression, a parenthesised
    /// list, or `()`, the empty set (https://www.postgresql.org/docs/current/queries-table-expressions.html).
    private mutating func groupingSets() throws(SyntaxError) {
        guard let open = acceptPunctuation("(") else { throw failure(expected: "'(' after GROUPING SETS") }
        try enterNesting()
        repeat {
            if isPunctuation("("), isPunctuation(")", at: 1) {
                index += 2
            } else {
                try expression(minimum: 0, context: "in GROUPING SETS")
            }
        } while acceptPunctuation(",") != nil
        leaveNesting()
        try closeParenthesis(opened: open)
    }

    /// UPDATE's `SET a = expression, (b, c) = (…)`, each value checked; what follows must be one of `stops`.
    mutating func checkedAssignments(
        stoppingAt stops: Set<Keyword>
    ) throws(SyntaxError) {
        open(.expression)
        repeat {
            if isPunctuation("(") {
                try skipParenthesised()
            } else {
                _ = try objectName("a column name to set", record: false)
            }
            try expectPunctuation("=", "after the column to set")
            try expression(minimum: 0, context: "after '='")
        } while acceptPunctuation(",") != nil
        close()
        // What follows must end the list: `SET a = NULLwhere b = 1` and `SET a = 1 WEHN NOT MATCHED` are mistakes.
        try expectClauseEnd("',' or the next clause after the SET list", stoppingAt: stops, commaEnds: false)
    }

    /// VALUES' rows, `(1, 'a'), (DEFAULT, f(x))`, each value checked; what follows must be one of `stops`.
    mutating func checkedRows(stoppingAt stops: Set<Keyword>) throws(SyntaxError) {
        open(.expression)
        var context = "after VALUES"
        repeat {
            try expression(minimum: 0, context: context)
            context = "after ','"
        } while acceptPunctuation(",") != nil
        close()
        try expectClauseEnd("',' or the next clause after the VALUES rows", stoppingAt: stops, commaEnds: false)
    }

    /// Precedence climbing: an operand, then every operator binding at least as tightly as `minimum`.
    mutating func expression(
        minimum: Int, context: String
    ) throws(SyntaxError) {
        try operand(context: context)
        while let (precedence, width) = infixOperator(), precedence >= minimum {
            let operatorToken = tokens[index]
            let negated = operatorToken.isKeyword(.not)
            index += width
            // After NOT the next word is the operator (`NOT LIKE`); a punctuation operator is no keyword (nil).
            let keyword = negated ? current.flatMap { Keyword($0) } : Keyword(operatorToken)
            if negated { index += 1 }
            let after = "after '\(SQLText.excerpt(tokens[index - 1].text))'"
            switch keyword {
            case .is?:
                accept(.not)
                if accept(.distinct) != nil {
                    try expect(.from, "after IS DISTINCT")
                    try expression(minimum: 5, context: "after IS DISTINCT FROM")
                } else if accept(.of) != nil {
                    try skipParenthesised()
                } else if let word = current, word.isKeyword(oneOf: Self.isOperands) {
                    // `IS NULL`, `IS JSON [VALUE | ARRAY | OBJECT | SCALAR]`, `IS [NFC | …] NORMALIZED`, `IS DOCUMENT`
                    // (https://www.postgresql.org/docs/current/functions-comparison.html): one word, and what
                    // may follow it.
                    index += 1
                    while let next = current, next.isKeyword(oneOf: Self.isOperandTails) { index += 1 }
                } else {
                    throw failure(expected: "NULL, TRUE, FALSE, UNKNOWN or DISTINCT FROM after IS")
                }
            case .isnull?, .notnull?:
                continue
            case .between?:
                _ = accept(.symmetric) ?? accept(.asymmetric)
                // The bounds bind tighter than AND, so the AND between them is BETWEEN's own.
                try expression(minimum: 7, context: "after BETWEEN")
                try expect(.and, "between the bounds of BETWEEN")
                try expression(minimum: 7, context: "after BETWEEN … AND")
            case .in?:
                // A list, a subquery, or a placeholder standing for the list (`IN :ids`, `IN ${ids}`).
                try operand(context: "after IN")
            case .similar?:
                try expect(.to, "after SIMILAR")
                try patternOperand()
            case .like?, .ilike?, .rlike?, .regexp?:
                try patternOperand()
            case .at?:
                try expect(.time, "after AT")
                try expect(.zone, "after AT TIME")
                try expression(minimum: precedence + 1, context: "after AT TIME ZONE")
            case .collate?:
                // Snowflake names a collation with a string, `COLLATE 'en-ci'`:
                // https://docs.snowflake.com/en/sql-reference/collation
                if current?.kind == .string {
                    index += 1
                } else {
                    _ = try objectName("a collation name after COLLATE", record: false)
                }
            default:
                // `= ANY (…)`, `> ALL (…)`, `LIKE ANY (…)`: the quantifier is read with its list as one operand.
                try expression(minimum: precedence + 1, context: after)
            }
        }
    }

    /// The words `IS [NOT]` takes, and those that may follow them.
    private static let isOperands: Set<Keyword> = [
        .null, .true, .false, .unknown, .json, .normalized, .document, .nfc, .nfd, .nfkc, .nfkd,
    ]
    private static let isOperandTails: Set<Keyword> = [
        .value, .array, .object, .scalar, .with, .without, .unique, .keys, .normalized,
    ]

    /// LIKE's pattern: an operand, or Snowflake's `ANY (…)` / `ALL (…)`, then an optional ESCAPE.
    private mutating func patternOperand() throws(SyntaxError) {
        try expression(minimum: 7, context: "after the pattern operator")
        if accept(.escape) != nil { try operand(context: "after ESCAPE") }
    }

    /// The operator at the current token, as (precedence, tokens it spans), when one continues the expression.
    private func infixOperator() -> (Int, Int)? {
        guard let token = current else { return nil }
        switch token.kind {
        case .punctuation:
            switch token.text {
            case "(", ")", ",", ".", ";", "[", "]", "{", "}", "::", ":": return nil
            case "=", "<>", "!=", "<", ">", "<=", ">=", "==": return (5, 1)
            case "+", "-": return (8, 1)
            case "*", "/", "%": return (9, 1)
            case "^": return (10, 1)
            case "=>": return (0, 1)
            default: return token.text.utf8.allSatisfy(SQLLexer.isOperatorCharacter) ? (7, 1) : nil
            }
        case .word:
            guard let keyword = Keyword(token) else { return nil }
            if keyword == .not {
                guard let next = self.token(at: 1), let negated = Keyword(next),
                    let precedence = Self.wordOperators[negated], precedence == 6
                else { return nil }
                return (precedence, 1)
            }
            return Self.wordOperators[keyword].map { ($0, 1) }
        default:
            return nil
        }
    }

    private func refusesOperand(_ token: Token) -> Bool {
        guard token.kind == .word, token.text.utf8.count <= 10 else { return false }
        if token.isKeyword(oneOf: Self.nonOperandWords) { return true }
        return !dialect.syntax.contains(.snowflakeObjects) && token.isKeyword(oneOf: Self.reservedNonOperandWords)
    }

    /// One operand with its prefix operators and its postfix forms (`::type`, `[i]`, `:path`, `.field`).
    private mutating func operand(context: String) throws(SyntaxError) {
        // Prefix operators, iteratively: `NOT NOT a`, `- - 1`.
        var context = context
        while let token = current {
            if token.isKeyword(.not) {
                index += 1
            } else if token.kind == .punctuation, ["-", "+", "~", "!", "@", "|/", "||/", "!!"].contains(token.text) {
                index += 1
            } else {
                break
            }
            context = "after '\(SQLText.excerpt(token.text))'"
        }
        guard let token = current else { throw failure(expected: "an expression \(context)") }
        if refusesOperand(token) { throw failure(expected: "an expression \(context)") }
        switch token.kind {
        case .number, .placeholder, .variable, .dollarString:
            index += 1
        case .string:
            index += 1
            // Literals on consecutive lines are one string (`'a'\n'b'`).
            while current?.kind == .string { index += 1 }
        case .quotedIdentifier:
            try nameOrCall()
        case .punctuation:
            switch token.text {
            case "(": try parenthesizedOperand()
            case "*": index += 1
            case "?": index += 1
            case "[": try bracketed()
            case "{":
                // Snowflake's object constant, `{'a': 1}`: skipped balanced.
                try skipBalanced(open: "{", close: "}")
            default:
                throw failure(expected: "an expression \(context)")
            }
        case .word:
            try wordOperand(token)
        default:
            throw failure(expected: "an expression \(context)")
        }
        try postfix()
    }

    private mutating func wordOperand(_ token: Token) throws(SyntaxError) {
        switch Keyword(token) {
        case .case?:
            try caseExpression()
        case .exists? where isPunctuation("(", at: 1):
            index += 1
            try parenthesizedOperand()
        case .array? where isPunctuation("[", at: 1):
            index += 1
            try bracketed()
        case .any?, .all?, .some?:
            index += 1
            if isPunctuation("(") { try parenthesizedOperand() }
        case .interval? where self.token(at: 1)?.kind == .string:
            index += 2
            while let unit = current, unit.isKeyword(oneOf: Self.intervalUnits) { index += 1 }
        case .current? where isKeyword(.of, at: 1):
            // `WHERE CURRENT OF cursor`.
            index += 2
            _ = try identifier("a cursor name after CURRENT OF", record: false)
        case _ where self.token(at: 1)?.kind == .string && token.isKeyword(oneOf: Self.typedLiteralWords):
            index += 2
        default:
            try nameOrCall()
        }
    }

    /// `a`, `t.a`, `t.*`, `f(…)` with its WITHIN GROUP, FILTER, IGNORE/RESPECT NULLS and OVER.
    private mutating func nameOrCall() throws(SyntaxError) {
        if insertedValuesScope == columnScopes, recordsBareNameInValues() { return }
        index += 1
        while isPunctuation("."), let next = token(at: 1),
            next.kind == .word || next.kind == .quotedIdentifier || next.isPunctuation("*") || next.kind == .placeholder
        {
            index += 2
        }
        guard isPunctuation("("), !atOuterJoinMarker else { return }
        let name = tokens[index - 1]
        try functionArguments()
        // Snowflake calls the function IDENTIFIER names: `IDENTIFIER($f)(1, 2)`
        // (https://docs.snowflake.com/en/sql-reference/identifier-literal).
        if name.isKeyword(.identifier), dialect.syntax.contains(.sessionVariables), isPunctuation("(") {
            try functionArguments()
        }
        if isKeyword(.within) || isKeyword(.filter) { try aggregateClauses() }
        if isKeyword(.ignore) || isKeyword(.respect), isKeyword(.nulls, at: 1) { index += 2 }
        if accept(.over) != nil {
            if isPunctuation("(") {
                try windowDefinition()
            } else {
                _ = try identifier("a window name after OVER", record: false)
            }
        }
    }

    /// An aggregate's `WITHIN GROUP (ORDER BY …)` and `FILTER (WHERE …)`, each checked as the clause it holds
    /// (https://docs.aws.amazon.com/redshift/latest/dg/r_LISTAGG.html,
    /// https://www.postgresql.org/docs/current/sql-expressions.html#SYNTAX-AGGREGATES): `WITHIN GROUP (odrer by a)`
    /// is a misspelt ORDER. Out of `nameOrCall`'s frame, which nested calls keep on the stack.
    @inline(never)
    private mutating func aggregateClauses() throws(SyntaxError) {
        if isKeyword(.within), isKeyword(.group, at: 1) {
            index += 2
            try parenthesisedClause("after WITHIN GROUP") { parser throws(SyntaxError) in
                try parser.expect(.order, "after WITHIN GROUP (")
                try parser.expect(.by, "after ORDER")
                try parser.checkedList("ORDER BY", stoppingAt: [])
            }
        }
        if accept(.filter) != nil {
            try parenthesisedClause("after FILTER") { parser throws(SyntaxError) in
                try parser.expect(.where, "after FILTER (")
                try parser.checkedExpression("after WHERE", stoppingAt: [])
            }
        }
    }

    /// `( clause )` read by `read` (a window's definition, WITHIN GROUP's ORDER BY, FILTER's WHERE); a mistake in
    /// it is recorded and parsing resumes at the `)`.
    mutating func parenthesisedClause(
        _ context: String, _ read: (inout StatementParser) throws(SyntaxError) -> Void
    ) throws(SyntaxError) {
        let open = try expectPunctuation("(", context)
        self.open(.parenthesized)
        try enterNesting()
        let (mark, savedDepth) = (openNodes, depth)
        do throws(SyntaxError) {
            try read(&self)
            if let token = current, !token.isPunctuation(")") { throw failure(expected: "')'") }
        } catch {
            try recover(from: error, mark: mark, depth: savedDepth)
        }
        // What a mistake left before the `)`.
        try expression(stoppingAt: [])
        leaveNesting()
        try closeParenthesis(opened: open)
        close()
    }

    /// A bare name in INSERT's VALUES names no column: recorded as a mistake (one edit from NULL, DEFAULT, TRUE or
    /// FALSE, the typo review makes it a misspelt keyword) and passed. Out of `nameOrCall`'s frame, which nested
    /// calls keep on the stack.
    @inline(never)
    private mutating func recordsBareNameInValues() -> Bool {
        guard let word = current, word.kind == .word, !word.isKeyword(oneOf: Self.namedValueWords),
            !isPunctuation("(", at: 1), !isPunctuation(".", at: 1)
        else { return false }
        recordUnexpected(
            SyntaxError(ColumnInValuesMessage(name: word.text), at: word.range), range: index..<(index + 1))
        return true
    }

    /// A call's arguments. Arguments written with words of their own (`CAST(a AS int)`, `EXTRACT(year FROM d)`,
    /// `TRIM(BOTH ' ' FROM s)`, `COUNT(DISTINCT a)`, `ARRAY_AGG(a ORDER BY b)`) are skipped as before; an argument
    /// that starts as an expression is checked until it ends.
    mutating func functionArguments() throws(SyntaxError) {
        // A call's arguments may be words of its own (`DATEADD(day, 1, d)`, `DATE_PART(dow, d)`), in VALUES too.
        columnScopes &+= 1
        let open = tokens[index]
        self.open(.parenthesized)
        index += 1
        try enterNesting()
        if isKeyword(.select) || isKeyword(.with) {
            try query()
        } else {
            _ = accept(.distinct) ?? accept(.all)
            // TRIM's side: `TRIM(BOTH ' ' FROM s)`, `TRIM(LEADING FROM s)`.
            _ = accept(.both) ?? accept(.leading) ?? accept(.trailing)
            while let token = current, !token.isPunctuation(")") {
                if refusesOperand(token)
                    || token.kind == .word && token.isKeyword(oneOf: Self.reservedWords)
                        && !token.isKeyword(oneOf: Self.reservedOperandWords)
                {
                    break
                }
                try expression(minimum: 0, context: "in the arguments")
                try argumentSeparators()
                if acceptPunctuation(",") == nil { break }
                if isPunctuation(")") { throw failure(expected: "an expression in the arguments") }
            }
            try argumentClauses()
            if let token = current, !token.isPunctuation(")") {
                throw failure(expected: "',' or ')' in the arguments")
            }
        }
        leaveNesting()
        try closeParenthesis(opened: open)
        close()
        columnScopes &-= 1
    }

    /// Reserved words that open an operand, so an argument may start with them: `f(TRUE)`, `max(CASE …)`.
    private static let reservedOperandWords: Set<Keyword> = [.case, .true, .false, .null, .not, .any, .all]

    /// The keyword separators of the SQL-standard functions after an argument: `EXTRACT(year FROM d)`,
    /// `SUBSTRING(s FROM 1 FOR 2)`, `POSITION('a' IN s)`, `OVERLAY(s PLACING t FROM 1)`, `TRIM(' ' FROM s)`,
    /// `CAST(x AS type)`, `CONVERT(x USING utf8)`
    /// (https://www.postgresql.org/docs/current/functions-string.html,
    /// https://docs.aws.amazon.com/redshift/latest/dg/r_CAST_function.html).
    private mutating func argumentSeparators() throws(SyntaxError) {
        while let word = current, word.kind == .word {
            if word.isKeyword(.from) || word.isKeyword(.for) || word.isKeyword(.in) || word.isKeyword(.placing) {
                index += 1
                try expression(minimum: 0, context: "after \(word.text.asciiUppercased)")
            } else if word.isKeyword(.as) {
                index += 1
                try typeName(after: "AS")
            } else if word.isKeyword(.using), token(at: 1)?.kind == .word {
                index += 2
            } else {
                return
            }
        }
    }

    /// What may follow an aggregate's arguments inside its parentheses: `ORDER BY …` (`string_agg(a, ',' ORDER
    /// BY a)`), `IGNORE NULLS` / `RESPECT NULLS` (`first_value(x IGNORE NULLS)`), `LIMIT n`.
    private mutating func argumentClauses() throws(SyntaxError) {
        if accept(sequence: .order, .by) != nil {
            repeat {
                try expression(minimum: 0, context: "after ORDER BY")
                while let word = current, word.isKeyword(oneOf: Self.orderingWords) { index += 1 }
            } while acceptPunctuation(",") != nil
        }
        if accept(sequence: .ignore, .nulls) == nil { _ = accept(sequence: .respect, .nulls) }
        if accept(.limit) != nil { try expression(minimum: 0, context: "after LIMIT") }
    }

    /// `(query)`, `(expression)` or `(a, b, …)`.
    mutating func parenthesizedOperand() throws(SyntaxError) {
        let open = tokens[index]
        self.open(.parenthesized)
        index += 1
        try enterNesting()
        if isKeyword(.select) || isKeyword(.with) || isKeyword(.values) {
            try query()
        } else if !isPunctuation(")") {
            // `()` is an empty grouping set.
            var context = "after '('"
            repeat {
                try expression(minimum: 0, context: context)
                context = "after ','"
            } while acceptPunctuation(",") != nil
            // What the checked grammar does not know is skipped up to the ')' or a clause word, which no
            // parenthesised expression holds outside a subquery.
            try expression(stoppingAt: Self.clauseWords)
        }
        leaveNesting()
        try closeParenthesisOrSynthesise(opened: open)
        close()
    }

    /// A `)` that is missing where a clause word or the end of the statement follows is synthesised: one
    /// diagnostic, and the clause goes on. Anything else there is the caller's error.
    private mutating func closeParenthesisOrSynthesise(opened open: Token) throws(SyntaxError) {
        if acceptPunctuation(")") != nil { return }
        var error = failure(expected: "')' to close the '(' at \(open.range.start)")
        error.spelling = ")"
        guard atEnd || current?.isKeyword(oneOf: Self.clauseWords) == true else { throw error }
        record(error, resumingAt: index)
    }

    /// `[a, b]` (ARRAY[…], Snowflake's array constants): skipped balanced, subqueries read.
    private mutating func bracketed() throws(SyntaxError) {
        try skipBalanced(open: "[", close: "]")
    }

    /// Skips from the opening `open` to its matching `close`, iteratively.
    mutating func skipBalanced(open: String, close: String) throws(SyntaxError) {
        guard let first = acceptPunctuation(open) else { return }
        var level = 1
        while let token = advance() {
            if token.isPunctuation(open) { level += 1 }
            if token.isPunctuation(close) {
                level -= 1
                if level == 0 { return }
            }
        }
        throw SyntaxError(UnclosedMessage(open: open, close: close, at: first.range.start), at: end, spelling: close)
    }

    /// CASE [operand] WHEN … THEN … [ELSE …] END. Each level counts toward the nesting bound.
    private mutating func caseExpression() throws(SyntaxError) {
        let caseToken = tokens[index]
        index += 1
        try enterNesting()
        if !isKeyword(.when) { try expression(minimum: 0, context: "after CASE") }
        guard isKeyword(.when) else { throw failure(expected: "WHEN after CASE") }
        while accept(.when) != nil {
            try expression(minimum: 0, context: "after WHEN")
            try expect(.then, "after the WHEN condition")
            try expression(minimum: 0, context: "after THEN")
        }
        if accept(.else) != nil { try expression(minimum: 0, context: "after ELSE") }
        if accept(.end) == nil {
            var error = failure(expected: "END to close the CASE at \(caseToken.range.start)")
            error.spelling = "END"
            throw error
        }
        leaveNesting()
    }

    /// Redshift's Oracle-style outer join marker after a column, `a.id(+) = b.id`:
    /// https://docs.aws.amazon.com/redshift/latest/dg/r_WHERE_oracle_outer.html
    private var atOuterJoinMarker: Bool {
        isPunctuation("(") && isPunctuation("+", at: 1) && isPunctuation(")", at: 2)
    }

    /// `::type`, `[i]`, Snowflake's `:path`, `.field` after `)`, repeated.
    private mutating func postfix() throws(SyntaxError) {
        while let token = current {
            if token.isPunctuation("::") {
                index += 1
                try typeName()
            } else if token.isPunctuation("[") {
                try skipBalanced(open: "[", close: "]")
            } else if skipPathAccess() {
                continue
            } else if atOuterJoinMarker {
                index += 3
            } else if token.isPunctuation("."), let next = self.token(at: 1),
                next.kind == .word || next.kind == .quotedIdentifier || next.isPunctuation("*")
            {
                index += 2
            } else {
                return
            }
        }
    }

    /// A type after `::` or CAST's AS, read by the data type reader of column definitions (Parser+Table.swift).
    private mutating func typeName(after marker: String = "'::'") throws(SyntaxError) {
        try dataType(after: "after \(marker)", checked: false)
    }
}
