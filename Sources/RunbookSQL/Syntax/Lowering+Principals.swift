import RunbookDiagnostics

// CREATE / ALTER / DROP of users, roles, groups, schemas and databases: from the tree to the kinds the privilege
// stage reads.
extension Lowering {
    /// The kind of a DDL statement's tree whose node the grammar builds from the object's name on; nil for another
    /// statement.
    func principalKind(of tree: SyntaxNode) -> StatementKind? {
        for node in tree.childNodes {
            switch node.kind {
            case .createUser: return createUser(node, isUser: true).map(StatementKind.createUser)
            case .createRole: return createUser(node, isUser: false).map(StatementKind.createRole)
            case .alterUser: return alterUser(node, isUser: true).map(StatementKind.alterUser)
            case .alterRole: return alterUser(node, isUser: false).map(StatementKind.alterRole)
            case .createGroup: return createGroup(node)
            case .alterGroup: return alterGroup(node)
            case .createSchema: return .createSchema(createSchema(node))
            case .alterSchema: return alterObject(node).map(StatementKind.alterSchema)
            case .createDatabase: return createDatabase(node)
            case .alterDatabase: return alterObject(node).map(StatementKind.alterDatabase)
            case .dropStatement: return drop(node)
            default: continue
            }
        }
        return nil
    }

    // MARK: Users and roles

    private func createUser(_ node: SyntaxNode, isUser: Bool) -> CreateUser? {
        guard let name = node.childNode(.name).flatMap({ identifier($0, isUser: isUser) }) else { return nil }
        return CreateUser(name: name, options: node.childNodes(.userOption).compactMap(userOption))
    }

    private func alterUser(_ node: SyntaxNode, isUser: Bool) -> AlterUser? {
        guard let name = node.childNode(.name).flatMap({ identifier($0, isUser: isUser) }) else { return nil }
        guard let action = node.childNode(.alterAction) else {
            return AlterUser(name: name, action: .options(node.childNodes(.userOption).compactMap(userOption)))
        }
        let words = action.leadingWords
        let parameter = action.childNode(.qualifiedName).flatMap(objectName)?.dotted ?? ""
        switch words.first {
        case "OWNER":
            return action.childNode(.name).flatMap { identifier($0, isUser: true) }.map {
                AlterUser(name: name, action: .owner($0))
            }
        case "RENAME":
            return action.childNode(.name).flatMap { identifier($0, isUser: isUser) }.map {
                AlterUser(name: name, action: .rename($0))
            }
        case "SET":
            return AlterUser(name: name, action: .setParameter(parameter))
        default:
            // RESET p, and Redshift's `RESET SESSION TIMEOUT`.
            let timeout = parameter == "session" && action.ownTokens.last?.isKeyword(.timeout) == true
            return AlterUser(name: name, action: .resetParameter(timeout ? "session timeout" : parameter))
        }
    }

    /// One option of CREATE or ALTER USER or ROLE, named by its first words; its value is its last token.
    private func userOption(_ node: SyntaxNode) -> UserOption? {
        let tokens = node.ownTokens
        guard let range = node.sourceRange, let offsets = node.sourceOffsets, let value = tokens.last else {
            return nil
        }
        let words = node.leadingWords
        let kind: UserOption.Kind
        switch words.first ?? "" {
        case "PASSWORD", "ENCRYPTED", "UNENCRYPTED":
            kind = .password(password(value), valueRange: value.range, valueOffsets: value.offsets)
        case "CREATEDB", "NOCREATEDB": kind = .createDB(words.first == "CREATEDB")
        case "CREATEUSER", "NOCREATEUSER": kind = .createUser(words.first == "CREATEUSER")
        case "SYSLOG": kind = .syslogAccess(value.text.asciiUppercased)
        case "IN" where words.dropFirst().first == "GROUP": kind = .inGroup(identifiers(in: node))
        case "IN": kind = .other("IN ROLE")
        case "VALID": kind = .validUntil(value.stringValue ?? value.text)
        case "CONNECTION": kind = .connectionLimit(connectionLimit(tokens))
        case "SESSION": kind = .sessionTimeout(Int(value.text) ?? 0)
        case "EXTERNALID": kind = .externalID(value.stringValue ?? value.text)
        case let word: kind = .other(word)
        }
        return UserOption(kind: kind, range: range, offsets: offsets)
    }

    private func password(_ value: Token) -> PasswordSpec {
        switch value.kind {
        case .string:
            let text = value.stringValue ?? ""
            return .literal(value: text, isPlaceholder: Placeholders.looksLikePlaceholder(text))
        case .quotedIdentifier:
            return .quotedIdentifier(value: String(value.text.dropFirst().dropLast()).replacing("\"\"", with: "\""))
        case .placeholder: return .parameter(text: value.text)
        default: return value.isKeyword(.disable) ? .disable : .null
        }
    }

    /// `CONNECTION LIMIT n | -n | UNLIMITED`, from the option's tokens.
    private func connectionLimit(_ tokens: [Token]) -> ConnectionLimit {
        guard let last = tokens.last, !last.isKeyword(.unlimited) else { return .unlimited }
        let number = Int(last.text) ?? 0
        return tokens.dropLast().last?.isPunctuation("-") == true ? .limit(-number) : .limit(number)
    }

    // MARK: Groups

    private func createGroup(_ node: SyntaxNode) -> StatementKind? {
        let names = node.childNodes(.name)
        guard let group = names.first.flatMap({ identifier($0) }) else { return nil }
        let users = names.dropFirst().compactMap { identifier($0, isUser: true) }
        return .createGroup(CreateGroup(name: group, users: users))
    }

    private func alterGroup(_ node: SyntaxNode) -> StatementKind? {
        guard let group = node.childNode(.name).flatMap({ identifier($0) }), let action = node.childNode(.alterAction)
        else { return nil }
        switch action.leadingWords.first {
        case "ADD":
            return .alterGroup(AlterGroup(name: group, action: .addUsers(identifiers(in: action, isUser: true))))
        case "DROP":
            return .alterGroup(AlterGroup(name: group, action: .dropUsers(identifiers(in: action, isUser: true))))
        default:
            return action.childNode(.name).flatMap { identifier($0) }.map {
                .alterGroup(AlterGroup(name: group, action: .rename($0)))
            }
        }
    }

    // MARK: Schemas and databases

    private func createSchema(_ node: SyntaxNode) -> CreateSchema {
        let quota = node.childNode(.schemaQuota).flatMap { quota -> SchemaQuota? in
            let tokens = quota.ownTokens.dropFirst()
            guard let range = quota.sourceRange, let offsets = quota.sourceOffsets, let amount = tokens.first else {
                return nil
            }
            let value =
                amount.isKeyword(.unlimited)
                ? "UNLIMITED" : ([amount.text] + tokens.dropFirst().map(\.text.asciiUppercased)).joined(separator: " ")
            return SchemaQuota(value: value, range: range, offsets: offsets)
        }
        return CreateSchema(
            name: node.childNode(.qualifiedName).flatMap(objectName),
            ifNotExists: node.leadingWords.starts(with: ["IF", "NOT", "EXISTS"]),
            authorization: node.childNode(.name).flatMap { identifier($0, isUser: true) }, quota: quota)
    }

    /// ALTER SCHEMA or ALTER DATABASE: `RENAME TO n`, `OWNER TO u`, or another action named by its first word.
    private func alterObject(_ node: SyntaxNode) -> AlterObject? {
        guard let name = node.childNode(.qualifiedName).flatMap(objectName), let action = node.childNode(.alterAction)
        else { return nil }
        let words = action.leadingWords
        let target = action.childNode(.name)
        if words.starts(with: ["RENAME", "TO"]), let newName = target.flatMap({ identifier($0) }) {
            return AlterObject(name: name, action: .rename(newName))
        }
        if words.starts(with: ["OWNER", "TO"]), let owner = target.flatMap({ identifier($0, isUser: true) }) {
            return AlterObject(name: name, action: .owner(owner))
        }
        return AlterObject(name: name, action: .other(words.first ?? ""))
    }

    private func createDatabase(_ node: SyntaxNode) -> StatementKind? {
        guard let name = node.childNode(.name).flatMap({ identifier($0) }) else { return nil }
        return .createDatabase(
            CreateDatabase(name: name, options: node.childNodes(.databaseOption).compactMap(databaseOption)))
    }

    private func databaseOption(_ node: SyntaxNode) -> DatabaseOption? {
        guard let range = node.sourceRange, let offsets = node.sourceOffsets, let first = node.ownTokens.first else {
            return nil
        }
        let word = first.text.asciiUppercased
        let kind: DatabaseOption.Kind
        switch word {
        case "OWNER":
            guard let owner = node.childNode(.name).flatMap({ identifier($0, isUser: true) }) else { return nil }
            kind = .owner(owner)
        case "CONNECTION" where node.ownTokens.dropFirst().first?.isKeyword(.limit) == true:
            kind = .connectionLimit(connectionLimit(node.ownTokens))
        case "ISOLATION": kind = .other("ISOLATION LEVEL")
        default: kind = .other(word)
        }
        return DatabaseOption(kind: kind, range: range, offsets: offsets)
    }

    // MARK: DROP

    /// `DROP type [IF EXISTS] names [DROP EXTERNAL DATABASE] [CASCADE | RESTRICT] [FORCE]`; the type is the words
    /// before IF and the names (`MATERIALIZED VIEW`, Snowflake's `DATABASE ROLE`). Redshift's user names are `.name`
    /// nodes (they keep their case), every other name a `.qualifiedName`.
    private func drop(_ node: SyntaxNode) -> StatementKind {
        let words = node.leadingWords
        let objectType = words.prefix { $0 != "IF" }.joined(separator: " ")
        let users = node.childNodes(.name)
        let names =
            users.isEmpty
            ? objectNames(in: node) : users.compactMap { identifier($0, isUser: true) }.map { ObjectName(parts: [$0]) }
        let trailing = node.ownTokens.map { $0.kind == .word ? $0.text.asciiUppercased : "" }
        var behavior = trailing.first { $0 == "CASCADE" || $0 == "RESTRICT" }
        if objectType == "ROLE", trailing.contains("FORCE") { behavior = "FORCE" }
        return .drop(
            DropStatement(objectType: objectType, ifExists: words.contains("IF"), names: names, behavior: behavior))
    }
}
