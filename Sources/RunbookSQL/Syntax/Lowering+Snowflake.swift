import RunbookDiagnostics

// Snowflake's CREATE of warehouses, database roles, databases, schemas, users and roles, with their properties:
// from the tree to the kinds the privilege stage reads.
extension Lowering {
    /// The kind of a Snowflake statement whose grammar opens one of these nodes right below the root; nil for
    /// another.
    func snowflakeKind(of tree: SyntaxNode) -> StatementKind? {
        if let node = tree.childNode(.snowflakeCreate) { return snowflakeCreate(node) }
        if let node = tree.childNode(.snowflakeAlter) { return snowflakeAlter(node) }
        if let node = tree.childNode(.setVariables) { return .setVariables(assignments(node)) }
        if let node = tree.childNode(.unsetVariables) {
            return .unsetVariables(node.childNodes(.variableName).compactMap(variableName))
        }
        if let node = tree.childNode(.useStatement) { return .use(use(node)) }
        if let node = tree.childNode(.snowflakeShow) { return show(node) }
        return nil
    }

    /// `SHOW GRANTS [ON … | TO … | OF …]` and `SHOW FUTURE GRANTS IN SCHEMA | DATABASE …` as `.showGrants`; any other
    /// SHOW (`SHOW FUTURE GRANTS TO ROLE r` too) as `.show` with what it shows, upper-cased.
    private func show(_ node: SyntaxNode) -> StatementKind {
        let words = Array(node.leadingWords.dropFirst())
        let name = node.childNode(.qualifiedName).flatMap(objectName)
        let subject: ShowGrants.Subject?
        switch (words.first, name) {
        case ("GRANTS", nil) where words.count == 1: subject = .current
        case ("GRANTS", nil) where words.dropFirst().starts(with: ["ON", "ACCOUNT"]): subject = .onAccount
        case ("GRANTS", let name?) where words.dropFirst().first == "ON":
            let type = node.childNode(.statementWords).map { SQLText.spaced($0.significantTokens).asciiUppercased }
            subject = .on(kind: type.flatMap { SnowflakeObjectTypes.singular[$0] } ?? .table, name: name)
        case ("GRANTS", let name?):
            let kind = Self.principalKinds[words.dropFirst(2).joined(separator: " ")] ?? .role
            subject = words.dropFirst().first == "TO" ? .to(kind: kind, name: name) : .of(kind: kind, name: name)
        case ("FUTURE", let name?) where words.starts(with: ["FUTURE", "GRANTS", "IN", "SCHEMA"]):
            subject = .futureInSchema(name)
        case ("FUTURE", let name?) where words.starts(with: ["FUTURE", "GRANTS", "IN", "DATABASE"]):
            subject = .futureInDatabase(name)
        default: subject = nil
        }
        if let subject { return .showGrants(ShowGrants(subject: subject)) }
        return .show(SQLText.spaced(node.significantTokens.dropFirst()).asciiUppercased)
    }

    /// The grantee kinds SHOW GRANTS TO and OF name.
    private static let principalKinds: [String: Grantee.Kind] = [
        "DATABASE ROLE": .databaseRole, "APPLICATION ROLE": .application, "APPLICATION": .application,
        "ROLE": .role, "USER": .user, "SHARE": .share,
    ]

    // MARK: Session statements

    /// The assignments of a SET: each name with its value, or every name with the one query's text.
    private func assignments(_ node: SyntaxNode) -> [VariableAssignment] {
        let names = node.childNodes(.variableName).compactMap(variableName)
        if let query = node.childNode(.sessionQuery), let range = query.sourceRange {
            let text = SQLText.spaced(query.significantTokens)
            return names.map { VariableAssignment(name: $0, value: .other(text), valueRange: range) }
        }
        let values = node.childNodes(.sessionValue).compactMap(sessionValue)
        return zip(names, values).map { VariableAssignment(name: $0, value: $1.value, valueRange: $1.range) }
    }

    /// A variable's name as written, upper-cased unless quoted.
    private func variableName(_ node: SyntaxNode) -> Identifier? {
        guard let token = node.significantTokens.first else { return nil }
        return StatementParser(tokens: [token], dialect: dialect, end: token.range.end).makeIdentifier(
            token, isUser: false)
    }

    /// One value of SET, read by the grammar's own evaluator of session values over the node's tokens.
    private func sessionValue(_ node: SyntaxNode) -> (value: SessionExpression, range: SourceRange)? {
        let tokens = node.significantTokens
        guard let last = tokens.last, let range = node.sourceRange else { return nil }
        let reader = StatementParser(tokens: tokens, dialect: dialect, end: last.range.end)
        guard let value = try? reader.sessionExpression(0..<tokens.count) else { return nil }
        return (value, range)
    }

    /// `USE SECONDARY ROLES ALL | NONE | r, …`, or `USE [ROLE | WAREHOUSE | DATABASE | SCHEMA] name`: without the
    /// word, a dotted name is a schema.
    private func use(_ node: SyntaxNode) -> UseStatement {
        let words = node.leadingWords
        if words.starts(with: ["SECONDARY", "ROLES"]) {
            let roles: SecondaryRoles
            switch words.dropFirst(2).first {
            case "ALL": roles = .all
            case "NONE": roles = .none
            default: roles = .roles(identifiers(in: node))
            }
            return UseStatement(kind: .secondaryRoles, name: nil, secondaryRoles: roles, keywordRange: node.sourceRange)
        }
        let keyword = words.first.flatMap { UseStatement.Kind(rawValue: $0.asciiLowercased) }
        let keywordRange = keyword == nil ? nil : node.ownTokens.first?.range
        let name = node.childNode(.qualifiedName).flatMap(objectName)
        let kind: UseStatement.Kind =
            keywordRange == nil && (name?.parts.count ?? 0) > 1 ? .schema : (keyword ?? .database)
        return UseStatement(kind: kind, name: name, keywordRange: keywordRange)
    }

    /// `ALTER USER | ROLE [IF EXISTS] name action` and `ALTER DATABASE | SCHEMA [IF EXISTS] name action`.
    private func snowflakeAlter(_ node: SyntaxNode) -> StatementKind? {
        guard let action = node.childNode(.alterAction) else { return nil }
        switch node.leadingWords.first {
        case "DATABASE", "SCHEMA":
            guard let name = node.childNode(.qualifiedName).flatMap(objectName) else { return nil }
            let change: AlterObject.Action
            if action.leadingWords.starts(with: ["RENAME", "TO"]), let newName = action.childNode(.name) {
                guard let newName = identifier(newName) else { return nil }
                change = .rename(newName)
            } else {
                change = .other(action.leadingWords.first ?? "")
            }
            let alter = AlterObject(name: name, action: change)
            return node.leadingWords.first == "DATABASE" ? .alterDatabase(alter) : .alterSchema(alter)
        default:
            guard let name = node.childNode(.name).flatMap({ identifier($0, isUser: true) }) else { return nil }
            let alter = AlterUser(name: name, action: principalAction(action))
            return node.leadingWords.first == "USER" ? .alterUser(alter) : .alterRole(alter)
        }
    }

    /// What ALTER USER or ALTER ROLE does, named by the action's first words.
    private func principalAction(_ action: SyntaxNode) -> AlterUser.Action {
        let words = action.leadingWords
        let second = words.dropFirst().first
        switch words.first ?? "" {
        case "RENAME":
            return action.childNode(.name).flatMap { identifier($0) }.map(AlterUser.Action.rename) ?? .other("RENAME")
        case "SET" where second == "TAG", "UNSET" where second == "TAG": return .other((words.first ?? "") + " TAG")
        case "SET": return .options(userOptions(action.childNodes(.property).compactMap(property)))
        case "UNSET":
            return .unsetProperties(
                action.ownTokens.dropFirst().filter { $0.kind == .word }.map(\.text.asciiUppercased))
        case "RESET": return .other("RESET PASSWORD")
        case "ABORT": return .other("ABORT ALL QUERIES")
        case let verb where second == "DELEGATED": return .other(verb + " DELEGATED AUTHORIZATION")
        case let verb: return .other(verb)
        }
    }

    /// `CREATE [OR REPLACE | OR ALTER] [TRANSIENT] type [IF NOT EXISTS] name properties`: OR ALTER leaves an
    /// existing object in place, as IF NOT EXISTS does.
    private func snowflakeCreate(_ node: SyntaxNode) -> StatementKind? {
        let words = node.leadingWords
        let orReplace = words.contains("REPLACE")
        let ifNotExists = words.contains("EXISTS") || (!orReplace && words.starts(with: ["OR", "ALTER"]))
        let properties = node.childNodes(.property).compactMap(property)
        let name = node.childNode(.name).flatMap { identifier($0, isUser: true) }
        let qualified = node.childNode(.qualifiedName).flatMap(objectName)
        if words.contains("WAREHOUSE") {
            return name.map {
                .createWarehouse(
                    CreateWarehouse(
                        name: $0, orReplace: orReplace, ifNotExists: ifNotExists, properties: properties.map(\.property)
                    ))
            }
        }
        if let index = words.firstIndex(of: "DATABASE"), words.dropFirst(index + 1).first == "ROLE" {
            return qualified.map {
                .createDatabaseRole(CreateDatabaseRole(name: $0, orReplace: orReplace, ifNotExists: ifNotExists))
            }
        }
        if words.contains("DATABASE") {
            let options = properties.map {
                DatabaseOption(kind: .other($0.property.name), range: $0.property.range, offsets: $0.property.offsets)
            }
            return name.map {
                .createDatabase(
                    CreateDatabase(name: $0, options: options, orReplace: orReplace, ifNotExists: ifNotExists))
            }
        }
        if words.contains("SCHEMA") {
            return qualified.map {
                .createSchema(
                    CreateSchema(
                        name: $0, ifNotExists: ifNotExists, authorization: nil, quota: nil, orReplace: orReplace,
                        isManagedAccess: properties.contains { $0.property.name == "MANAGED" }))
            }
        }
        let user = name.map {
            CreateUser(name: $0, options: userOptions(properties), orReplace: orReplace, ifNotExists: ifNotExists)
        }
        return words.contains("USER") ? user.map(StatementKind.createUser) : user.map(StatementKind.createRole)
    }

    /// One `.property` node: its name (after an optional WITH), its value (read by the grammar's own value reader
    /// after `=`, as written otherwise), and its value's first token.
    func property(_ node: SyntaxNode) -> (property: Property, valueToken: Token?)? {
        let own = node.ownTokens
        guard let range = node.sourceRange, let offsets = node.sourceOffsets, let first = own.first else { return nil }
        let nameToken = first.isKeyword(.with) && own.count > 1 && own[1].kind == .word ? own[1] : first
        let name = nameToken.text.asciiUppercased
        let valueTokens = node.childNode(.propertyValue)?.significantTokens ?? []
        let value: PropertyValue
        if own.last?.isPunctuation("=") == true, let last = valueTokens.last {
            var reader = StatementParser(tokens: valueTokens, dialect: dialect, end: last.range.end)
            value = (try? reader.propertyValue(of: name)) ?? .other(SQLText.spaced(valueTokens))
        } else {
            value = .other(SQLText.spaced(valueTokens))
        }
        return (Property(name: name, value: value, range: range, offsets: offsets), valueTokens.first)
    }

    /// Properties as user options: PASSWORD becomes `.password` (so that secret handling finds it), every other one
    /// `.property`.
    private func userOptions(_ properties: [(property: Property, valueToken: Token?)]) -> [UserOption] {
        properties.map { property, value in
            let kind: UserOption.Kind
            if property.name == "PASSWORD", let value,
                let spec = StatementParser.snowflakePasswordSpec(value, dialect: dialect)
            {
                kind = .password(spec, valueRange: value.range, valueOffsets: value.offsets)
            } else {
                kind = .property(name: property.name, value: property.value)
            }
            return UserOption(kind: kind, range: property.range, offsets: property.offsets)
        }
    }
}
