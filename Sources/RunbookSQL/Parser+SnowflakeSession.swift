import RunbookDiagnostics

// Snowflake's session statements: SET and UNSET of session variables
// (https://docs.snowflake.com/en/sql-reference/sql/set, …/unset), USE
// (https://docs.snowflake.com/en/sql-reference/sql/use-role, …/use-warehouse, …/use-schema,
// …/use-secondary-roles) and SHOW (https://docs.snowflake.com/en/sql-reference/sql/show-grants).
extension StatementParser {
    // MARK: SET and UNSET

    /// `SET v = e`, `SET (a, b) = (e1, e2)`, `SET (a, b) = (SELECT …)`, at SET: a `.setVariables` node with a
    /// `.variableName` for each name and a `.sessionValue` for each value (or one `.sessionQuery`).
    mutating func parseSetVariables() throws(SyntaxError) -> StatementKind {
        open(.setVariables)
        index += 1
        guard acceptPunctuation("(") != nil else {
            let name = try variableNameNode("a variable name after SET")
            try expectPunctuation("=", "after the variable name")
            try sessionValueNode()
            try expectEnd("after the value of \(name.raw)")
            close()
            return try lowered()
        }
        var count = 1
        try variableNameNode("a variable name")
        while acceptPunctuation(",") != nil {
            try variableNameNode("a variable name")
            count += 1
        }
        try expectPunctuation(")", "after the variable names")
        try expectPunctuation("=", "after the variable names")
        guard let open = current, open.isPunctuation("(") else {
            throw failure(expected: "'(' and one value for each of the \(count) variables")
        }
        if isKeyword(.select, at: 1) || isKeyword(.with, at: 1) {
            // One query gives every value: kept as written.
            self.open(.sessionQuery)
            index += 1
            try enterNesting()
            try query()
            leaveNesting()
            if acceptPunctuation(")") == nil {
                throw failure(expected: "')' to close the '(' at \(open.range.start)")
            }
            close()
            try expectEnd("after the query")
            close()
            return try lowered()
        }
        index += 1
        var values = 0
        repeat {
            try sessionValueNode()
            values += 1
        } while acceptPunctuation(",") != nil
        if acceptPunctuation(")") == nil {
            throw failure(expected: "',' or ')' to close the '(' at \(open.range.start)")
        }
        guard values == count else {
            throw SyntaxError(SetCountMismatchMessage(variables: count, values: values), at: range(from: open))
        }
        try expectEnd("after the values")
        close()
        return try lowered()
    }

    /// `UNSET v`, `UNSET (a, b)`, at UNSET: an `.unsetVariables` node with a `.variableName` for each name.
    mutating func parseUnsetVariables() throws(SyntaxError) -> StatementKind {
        open(.unsetVariables)
        index += 1
        if let open = acceptPunctuation("(") {
            repeat { try variableNameNode("a variable name") } while acceptPunctuation(",") != nil
            if acceptPunctuation(")") == nil {
                throw failure(expected: "')' to close the '(' at \(open.range.start)")
            }
        } else {
            repeat { try variableNameNode("a variable name after UNSET") } while acceptPunctuation(",") != nil
        }
        try expectEnd("after the variable names")
        close()
        return try lowered()
    }

    /// A variable's name as a `.variableName` node.
    @discardableResult
    private mutating func variableNameNode(_ context: String) throws(SyntaxError) -> Identifier {
        open(.variableName)
        let name = try variableName(context)
        close()
        return name
    }

    /// One value of SET as a `.sessionValue` node.
    private mutating func sessionValueNode() throws(SyntaxError) {
        open(.sessionValue)
        _ = try sessionValue()
        close()
    }

    /// A variable's name in SET or UNSET: a bare name (any word: `SET schema = …`) upper-cased, or a quoted one.
    /// Not recorded: a variable is not an object that rewriting renames.
    private mutating func variableName(_ context: String) throws(SyntaxError) -> Identifier {
        guard let token = current, token.kind == .word || token.kind == .quotedIdentifier else {
            throw failure(expected: context)
        }
        index += 1
        return makeIdentifier(token, isUser: false)
    }

    /// One value of SET, up to a `,` or `)` at its level or the end of the statement: a string, a number, a
    /// variable, `concat(…)` and `||` of those, or anything else as written. Parentheses nest through
    /// `enterNesting`, so a deeply nested value is a diagnostic, not a crash.
    private mutating func sessionValue() throws(SyntaxError) -> (SessionExpression, SourceRange) {
        guard let first = current, !first.isPunctuation(","), !first.isPunctuation(")") else {
            throw failure(expected: "a value")
        }
        let start = index
        while let token = current, !token.isPunctuation(","), !token.isPunctuation(")") {
            index += 1
            guard token.isPunctuation("(") else { continue }
            try enterNesting()
            if isKeyword(.select) || isKeyword(.with) {
                try query()
            } else {
                try expression(stoppingAt: [])
            }
            leaveNesting()
            if acceptPunctuation(")") == nil {
                throw failure(expected: "')' to close the '(' at \(token.range.start)")
            }
        }
        return (try sessionExpression(start..<index), range(from: first))
    }

    /// What the tokens `range` (one value, already checked for balance) evaluate to, as far as it is known.
    func sessionExpression(_ range: Range<Int>) throws(SyntaxError) -> SessionExpression {
        // `a || b || c`: the parts in order.
        var parts: [Range<Int>] = []
        var level = 0
        var partStart = range.lowerBound
        for position in range {
            let token = tokens[position]
            if token.isPunctuation("(") { level += 1 }
            if token.isPunctuation(")") { level -= 1 }
            if level == 0, token.isPunctuation("||") {
                parts.append(partStart..<position)
                partStart = position + 1
            }
        }
        parts.append(partStart..<range.upperBound)
        if parts.count > 1 {
            if let empty = parts.first(where: \.isEmpty) {
                let at = empty.lowerBound < range.upperBound ? tokens[empty.lowerBound].range : end
                throw SyntaxError(StaticMessage.concatenationOperand, at: at)
            }
            var values: [SessionExpression] = []
            for part in parts { values.append(try sessionOperand(part)) }
            return .concat(values)
        }
        return try sessionOperand(range)
    }

    private func sessionOperand(_ range: Range<Int>) throws(SyntaxError) -> SessionExpression {
        let first = tokens[range.lowerBound]
        if range.count == 1 {
            switch first.kind {
            case .string: return .string(first.stringValue(in: dialect) ?? "")
            case .dollarString: return .string(first.stringValue ?? "")
            case .number: return .literal(first.text)
            case .variable: return .variable(first.variableName ?? first.text, range: first.range)
            case .word where first.isKeyword(oneOf: [.true, .false, .null]):
                return .literal(first.text.asciiUppercased)
            default: break
            }
        }
        if range.count == 2, first.isPunctuation("-"), tokens[range.lowerBound + 1].kind == .number {
            return .literal(sourceText(range).replacing(" ", with: ""))
        }
        // `concat(a, b, …)`: the arguments, each a value of its own.
        if first.isKeyword(.concat), range.count >= 3, tokens[range.lowerBound + 1].isPunctuation("("),
            tokens[range.upperBound - 1].isPunctuation(")"), closes(range.lowerBound + 1, at: range.upperBound - 1)
        {
            var arguments: [SessionExpression] = []
            var level = 0
            var argumentStart = range.lowerBound + 2
            for position in (range.lowerBound + 2)..<(range.upperBound - 1) {
                let token = tokens[position]
                if token.isPunctuation("(") { level += 1 }
                if token.isPunctuation(")") { level -= 1 }
                if level == 0, token.isPunctuation(",") {
                    guard argumentStart < position else { return .other(sourceText(range)) }
                    arguments.append(try sessionExpression(argumentStart..<position))
                    argumentStart = position + 1
                }
            }
            if argumentStart < range.upperBound - 1 {
                arguments.append(try sessionExpression(argumentStart..<(range.upperBound - 1)))
            }
            return .concat(arguments)
        }
        return .other(sourceText(range))
    }

    /// Whether the `(` at `open` is closed by the `)` at `close` (and not earlier).
    private func closes(_ open: Int, at close: Int) -> Bool {
        var level = 0
        for position in open...close {
            if tokens[position].isPunctuation("(") { level += 1 }
            if tokens[position].isPunctuation(")") {
                level -= 1
                if level == 0 { return position == close }
            }
        }
        return false
    }

    // MARK: USE

    /// `USE ROLE r`, `USE WAREHOUSE w`, `USE [DATABASE] d`, `USE [SCHEMA] [d.]s`, `USE SECONDARY ROLES …`,
    /// after USE: a `.useStatement` node with its words and the name (or the roles' names).
    mutating func parseUse() throws(SyntaxError) -> StatementKind {
        open(.useStatement)
        if accept(sequence: .secondary, .roles) != nil {
            if accept(.all) == nil, accept(.none) == nil {
                try nameListNode("ALL, NONE or a role name after USE SECONDARY ROLES")
            }
            try expectEnd("after USE SECONDARY ROLES")
        } else {
            let word = accept(.role) ?? accept(.warehouse) ?? accept(.database) ?? accept(.schema)
            let kind = word.flatMap { UseStatement.Kind(rawValue: $0.text.asciiLowercased) } ?? .database
            try qualifiedNameNode("a \(kind.rawValue) name after USE")
            try expectEnd("after USE")
        }
        close()
        return try lowered()
    }

    // MARK: SHOW

    /// `SHOW GRANTS …` in its forms, and any other SHOW as `.show` with the names after IN recorded; after SHOW. A
    /// `.snowflakeShow` node from SHOW: its words, the object type after ON a `.statementWords`, the name a
    /// `.qualifiedName`.
    mutating func parseSnowflakeShow() throws(SyntaxError) -> StatementKind {
        open(.snowflakeShow, at: index - 1)
        if atEnd { throw failure(expected: "what to show after SHOW (GRANTS, SCHEMAS, TABLES …)") }
        if accept(.grants) != nil {
            if atEnd || accept(sequence: .on, .account) != nil {
                // SHOW GRANTS (the current role's), SHOW GRANTS ON ACCOUNT.
            } else if accept(.on) != nil {
                let typeStart = index
                if snowflakeObjectType() != nil { markStatementWords(typeStart..<index) }
                try qualifiedNameNode("an object name after SHOW GRANTS ON")
            } else if let word = accept(.to) ?? accept(.of) {
                try showGrantsPrincipal(after: word.text.asciiUppercased)
            } else {
                throw failure(expected: "ON, TO or OF after SHOW GRANTS")
            }
            try expectEnd("after SHOW GRANTS")
            close()
            return try lowered()
        }
        if accept(sequence: .future, .grants) != nil {
            if accept(sequence: .in, .schema) != nil {
                try qualifiedNameNode("a schema name")
                try expectEnd("after SHOW FUTURE GRANTS IN SCHEMA")
            } else if accept(sequence: .in, .database) != nil {
                try qualifiedNameNode("a database name")
                try expectEnd("after SHOW FUTURE GRANTS IN DATABASE")
            } else {
                try expect(.to, "IN SCHEMA, IN DATABASE or TO after SHOW FUTURE GRANTS")
                try showGrantsPrincipal(after: "TO")
                try expectEnd("after SHOW FUTURE GRANTS TO")
            }
            close()
            return try lowered()
        }
        // Every SHOW names objects in the plural; `SHOW GRANT …` is a misspelt SHOW GRANTS.
        if isKeyword(.grant) { throw failure(expected: "GRANTS after SHOW") }
        // `SHOW TABLES IN SCHEMA s`, `SHOW SCHEMAS IN DATABASE d LIKE '…'`: the container is a name.
        while let token = current {
            if token.isPunctuation("(") {
                try skipParenthesised()
                continue
            }
            index += 1
            guard token.isKeyword(.in) else { continue }
            if accept(.account) != nil { continue }
            _ = snowflakeObjectType()
            if atName, !isKeyword(.like), !isKeyword(.limit), !isKeyword(.starts) {
                _ = try objectName("a name after IN")
            }
        }
        close()
        return try lowered()
    }

    /// `ROLE r`, `USER u`, `DATABASE ROLE d.r`, `SHARE s`, `APPLICATION a`, `APPLICATION ROLE a.r`, after TO or OF:
    /// the words, then the name as a `.qualifiedName`.
    private mutating func showGrantsPrincipal(after word: String) throws(SyntaxError) {
        let start = index
        guard
            accept(sequence: .database, .role) != nil || accept(sequence: .application, .role) != nil
                || accept(.application) != nil || accept(.role) != nil || accept(.user) != nil || accept(.share) != nil
        else {
            throw failure(expected: "ROLE, USER, DATABASE ROLE, SHARE or APPLICATION after \(word)")
        }
        let words = sourceText(start..<index).asciiUppercased
        try qualifiedNameNode("a name after \(word) \(words)")
    }
}
