import RunbookDiagnostics

// Snowflake's session statements: SET and UNSET of session variables
// (https://docs.snowflake.com/en/sql-reference/sql/set, …/unset), USE
// (https://docs.snowflake.com/en/sql-reference/sql/use-role, …/use-warehouse, …/use-schema,
// …/use-secondary-roles) and SHOW (https://docs.snowflake.com/en/sql-reference/sql/show-grants).
extension StatementParser {
    // MARK: SET and UNSET

    /// `SET v = e`, `SET (a, b) = (e1, e2)`, `SET (a, b) = (SELECT …)`, at SET.
    mutating func parseSetVariables() throws(SyntaxError) -> StatementKind {
        index += 1
        guard acceptPunctuation("(") != nil else {
            let name = try variableName("a variable name after SET")
            try expectPunctuation("=", "after the variable name")
            let (value, valueRange) = try sessionValue()
            try expectEnd("after the value of \(name.raw)")
            return .setVariables([VariableAssignment(name: name, value: value, valueRange: valueRange)])
        }
        var names = [try variableName("a variable name")]
        while acceptPunctuation(",") != nil { names.append(try variableName("a variable name")) }
        try expectPunctuation(")", "after the variable names")
        try expectPunctuation("=", "after the variable names")
        guard let open = current, open.isPunctuation("(") else {
            throw failure(expected: "'(' and one value for each of the \(names.count) variables")
        }
        if isKeyword(.select, at: 1) || isKeyword(.with, at: 1) {
            // One query gives every value: kept as written.
            let start = index
            index += 1
            var collector = QueryCollector()
            try enterNesting()
            try query(into: &collector)
            leaveNesting()
            if acceptPunctuation(")") == nil {
                throw failure(expected: "')' to close the '(' at \(open.range.start)")
            }
            try expectEnd("after the query")
            let text = sourceText(start..<index)
            return .setVariables(
                names.map { VariableAssignment(name: $0, value: .other(text), valueRange: range(from: open)) })
        }
        index += 1
        var values: [(SessionExpression, SourceRange)] = []
        repeat { values.append(try sessionValue()) } while acceptPunctuation(",") != nil
        if acceptPunctuation(")") == nil {
            throw failure(expected: "',' or ')' to close the '(' at \(open.range.start)")
        }
        guard values.count == names.count else {
            throw SyntaxError(
                SetCountMismatchMessage(variables: names.count, values: values.count), at: range(from: open))
        }
        try expectEnd("after the values")
        return .setVariables(
            zip(names, values).map { VariableAssignment(name: $0, value: $1.0, valueRange: $1.1) })
    }

    /// `UNSET v`, `UNSET (a, b)`, at UNSET.
    mutating func parseUnsetVariables() throws(SyntaxError) -> StatementKind {
        index += 1
        var names: [Identifier] = []
        if let open = acceptPunctuation("(") {
            repeat { names.append(try variableName("a variable name")) } while acceptPunctuation(",") != nil
            if acceptPunctuation(")") == nil {
                throw failure(expected: "')' to close the '(' at \(open.range.start)")
            }
        } else {
            repeat { names.append(try variableName("a variable name after UNSET")) } while acceptPunctuation(",") != nil
        }
        try expectEnd("after the variable names")
        return .unsetVariables(names)
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
        var collector = QueryCollector()
        while let token = current, !token.isPunctuation(","), !token.isPunctuation(")") {
            index += 1
            guard token.isPunctuation("(") else { continue }
            try enterNesting()
            if isKeyword(.select) || isKeyword(.with) {
                try query(into: &collector)
            } else {
                try expression(stoppingAt: [], into: &collector)
            }
            leaveNesting()
            if acceptPunctuation(")") == nil {
                throw failure(expected: "')' to close the '(' at \(token.range.start)")
            }
        }
        return (try sessionExpression(start..<index), range(from: first))
    }

    /// What the tokens `range` (one value, already checked for balance) evaluate to, as far as it is known.
    private func sessionExpression(_ range: Range<Int>) throws(SyntaxError) -> SessionExpression {
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
    /// after USE.
    mutating func parseUse() throws(SyntaxError) -> StatementKind {
        let keyword = current
        let kind: UseStatement.Kind
        if accept(sequence: .secondary, .roles) != nil {
            let roles: SecondaryRoles
            if accept(.all) != nil {
                roles = .all
            } else if accept(.none) != nil {
                roles = .none
            } else {
                roles = .roles(try identifierList("ALL, NONE or a role name after USE SECONDARY ROLES"))
            }
            try expectEnd("after USE SECONDARY ROLES")
            return .use(
                UseStatement(
                    kind: .secondaryRoles, name: nil, secondaryRoles: roles,
                    keywordRange: keyword.map { range(from: $0) }))
        }
        var keywordRange: SourceRange?
        if let word = accept(.role) ?? accept(.warehouse) ?? accept(.database) ?? accept(.schema) {
            keywordRange = word.range
            kind = UseStatement.Kind(rawValue: word.text.asciiLowercased) ?? .database
        } else {
            kind = .database
        }
        let name = try objectName("a \(kind.rawValue) name after USE")
        // `USE d.s` without SCHEMA names a schema.
        let resolved: UseStatement.Kind = keywordRange == nil && name.parts.count > 1 ? .schema : kind
        try expectEnd("after USE")
        return .use(UseStatement(kind: resolved, name: name, keywordRange: keywordRange))
    }

    // MARK: SHOW

    /// `SHOW GRANTS …` in its forms, and any other SHOW as `.show` with the names after IN recorded; after SHOW.
    mutating func parseSnowflakeShow() throws(SyntaxError) -> StatementKind {
        if atEnd { throw failure(expected: "what to show after SHOW (GRANTS, SCHEMAS, TABLES …)") }
        let subjectText = sourceText(index..<endIndex).asciiUppercased
        if accept(.grants) != nil {
            let subject: ShowGrants.Subject
            if atEnd {
                subject = .current
            } else if accept(sequence: .on, .account) != nil {
                subject = .onAccount
            } else if accept(.on) != nil {
                let kind = snowflakeObjectType()?.kind ?? .table
                subject = .on(kind: kind, name: try objectName("an object name after SHOW GRANTS ON"))
            } else if let word = accept(.to) ?? accept(.of) {
                let (kind, name) = try showGrantsPrincipal(after: word.text.asciiUppercased)
                subject = word.isKeyword(.to) ? .to(kind: kind, name: name) : .of(kind: kind, name: name)
            } else {
                throw failure(expected: "ON, TO or OF after SHOW GRANTS")
            }
            try expectEnd("after SHOW GRANTS")
            return .showGrants(ShowGrants(subject: subject))
        }
        if accept(sequence: .future, .grants) != nil {
            if accept(sequence: .in, .schema) != nil {
                let schema = try objectName("a schema name")
                try expectEnd("after SHOW FUTURE GRANTS IN SCHEMA")
                return .showGrants(ShowGrants(subject: .futureInSchema(schema)))
            }
            if accept(sequence: .in, .database) != nil {
                let database = try objectName("a database name")
                try expectEnd("after SHOW FUTURE GRANTS IN DATABASE")
                return .showGrants(ShowGrants(subject: .futureInDatabase(database)))
            }
            try expect(.to, "IN SCHEMA, IN DATABASE or TO after SHOW FUTURE GRANTS")
            _ = try showGrantsPrincipal(after: "TO")
            try expectEnd("after SHOW FUTURE GRANTS TO")
            return .show(subjectText)
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
        return .show(subjectText)
    }

    /// `ROLE r`, `USER u`, `DATABASE ROLE d.r`, `SHARE s`, `APPLICATION a`, `APPLICATION ROLE a.r`, after TO or OF.
    private mutating func showGrantsPrincipal(after word: String) throws(SyntaxError) -> (Grantee.Kind, ObjectName) {
        let start = index
        let kind: Grantee.Kind
        if accept(sequence: .database, .role) != nil {
            kind = .databaseRole
        } else if accept(sequence: .application, .role) != nil || accept(.application) != nil {
            kind = .application
        } else if accept(.role) != nil {
            kind = .role
        } else if accept(.user) != nil {
            kind = .user
        } else if accept(.share) != nil {
            kind = .share
        } else {
            throw failure(expected: "ROLE, USER, DATABASE ROLE, SHARE or APPLICATION after \(word)")
        }
        let words = sourceText(start..<index).asciiUppercased
        return (kind, try objectName("a name after \(word) \(words)"))
    }
}
