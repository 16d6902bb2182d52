import RunbookDiagnostics

// GRANT, REVOKE and ALTER DEFAULT PRIVILEGES: from the tree to the `PrivilegeStatement` the privilege stage reads.
extension Lowering {
    /// The kind of a GRANT, REVOKE or ALTER DEFAULT PRIVILEGES statement's tree; nil for another statement.
    func privilegeKind(of tree: SyntaxNode) -> StatementKind? {
        // The grammar opens either node right below the statement's root.
        if let defaults = tree.childNode(.defaultPrivileges) {
            return .alterDefaultPrivileges(defaultPrivileges(defaults))
        }
        guard let node = tree.childNode(.privilegeStatement) else { return nil }
        let statement = privilegeStatement(node)
        return statement.action == .grant ? .grant(statement) : .revoke(statement)
    }

    /// `DEFAULT PRIVILEGES [FOR USER|ROLE u, …] [IN SCHEMA s, …] GRANT|REVOKE …`; a clause written twice counts
    /// once, the last.
    func defaultPrivileges(_ node: SyntaxNode) -> DefaultPrivileges {
        var targetKind: DefaultPrivileges.TargetKind?
        var targets: [Identifier] = []
        var keywordRange: SourceRange?
        var keywordOffsets: Range<Int>?
        var schemas: [ObjectName] = []
        for clause in node.childNodes {
            switch clause.kind {
            case .defaultPrivilegesOwners:
                let keywords = clause.ownTokens.prefix(2)
                guard let forToken = keywords.first, let kindToken = keywords.last else { continue }
                targetKind = kindToken.isKeyword(.user) ? .user : .role
                keywordRange = SourceRange(start: forToken.range.start, end: kindToken.range.end)
                keywordOffsets = forToken.offsets.lowerBound..<kindToken.offsets.upperBound
                targets = identifiers(in: clause, isUser: true)
            case .defaultPrivilegesSchemas:
                schemas = objectNames(in: clause)
            default:
                continue
            }
        }
        let action =
            node.childNode(.privilegeStatement).map(privilegeStatement)
            ?? PrivilegeStatement(action: .grant, privileges: .list([]), target: .systemPermissions, grantees: [])
        return DefaultPrivileges(
            targetKind: targetKind, targets: targets, targetKeywordRange: keywordRange,
            targetKeywordOffsets: keywordOffsets, schemas: schemas, action: action)
    }

    /// GRANT … or REVOKE …, from its verb. Without an object clause, a privilege list is of system permissions
    /// (the grammar reads a list of role names as a role list instead).
    func privilegeStatement(_ node: SyntaxNode) -> PrivilegeStatement {
        let action: PrivilegeStatement.Action = node.ownTokens.first?.isKeyword(.revoke) == true ? .revoke : .grant
        var statement = PrivilegeStatement(
            action: action, privileges: .list([]), target: .systemPermissions, grantees: [])
        for part in node.childNodes {
            switch part.kind {
            case .optionFor:
                if part.leadingWords.first == "ADMIN" {
                    statement.adminOptionRange = part.sourceRange
                } else {
                    statement.grantOptionRange = part.sourceRange
                }
            case .grantOption: statement.grantOptionRange = part.sourceRange
            case .adminOption: statement.adminOptionRange = part.sourceRange
            case .dropBehavior: statement.behavior = part.leadingWords.first
            case .currentGrants: statement.currentGrants = part.leadingWords.first
            case .allPrivileges:
                if let range = part.sourceRange {
                    statement.privileges = .all(columns: columns(in: part), range: range)
                }
            case .privilegeList: statement.privileges = .list(part.childNodes(.privilege).compactMap(privilege))
            case .roleList: statement.target = .roles(part.childNodes(.roleReference).compactMap(roleReference))
            case .granteeList: statement.grantees = part.childNodes(.grantee).compactMap(grantee)
            default: if let target = target(part) { statement.target = target }
            }
        }
        return statement
    }

    /// `SELECT`, `CREATE USER`, `SELECT (a, b)`; a quoted name or placeholder as written.
    private func privilege(_ node: SyntaxNode) -> Privilege? {
        guard let range = node.sourceRange, let offsets = node.sourceOffsets, let first = node.ownTokens.first
        else { return nil }
        let name = first.kind == .word ? node.leadingWords.joined(separator: " ") : first.text
        return Privilege(name: name, columns: columns(in: node), range: range, offsets: offsets)
    }

    private func roleReference(_ node: SyntaxNode) -> RoleReference? {
        if let qualified = node.childNode(.qualifiedName).flatMap(objectName) {
            // Snowflake `DATABASE ROLE [db.]r`.
            let keywords = node.ownTokens.prefix(2)
            guard let role = qualified.parts.last, let first = keywords.first, let last = keywords.last else {
                return nil
            }
            return RoleReference(
                name: role, isDatabaseRole: true, database: qualified.parts.count == 2 ? qualified.parts.first : nil,
                keywordRange: SourceRange(start: first.range.start, end: last.range.end),
                keywordOffsets: first.offsets.lowerBound..<last.offsets.upperBound)
        }
        guard let name = node.childNode(.name).flatMap({ identifier($0) }) else { return nil }
        let keyword = node.ownTokens.first
        return RoleReference(name: name, keywordRange: keyword?.range, keywordOffsets: keyword?.offsets)
    }

    private static let granteeKinds: [String: Grantee.Kind] = ["ROLE": .role, "GROUP": .group, "USER": .user]
    private static let snowflakeGranteeKinds: [String: Grantee.Kind] = [
        "ROLE": .role, "USER": .user, "SHARE": .share, "APPLICATION": .application,
    ]

    private var isSnowflake: Bool { dialect.syntax.contains(.snowflakeObjects) }

    /// `PUBLIC`, `ROLE r`, `GROUP g`, `USER u` or a bare name (a user's name keeps its case in Redshift).
    private func grantee(_ node: SyntaxNode) -> Grantee? {
        guard let range = node.sourceRange else { return nil }
        if isSnowflake { return snowflakeGrantee(node, range: range) }
        let keyword = node.ownTokens.first
        guard let nameNode = node.childNode(.name) else {
            return Grantee(kind: .public, name: nil, range: range)
        }
        guard let keyword, let kind = Self.granteeKinds[keyword.text.asciiUppercased], keyword.kind == .word else {
            return identifier(nameNode, isUser: true).map { Grantee(kind: .unqualified, name: $0, range: $0.range) }
        }
        return identifier(nameNode, isUser: kind == .user).map {
            Grantee(kind: kind, name: $0, keywordRange: keyword.range, keywordOffsets: keyword.offsets, range: range)
        }
    }

    /// Snowflake's grantee: `[ROLE] r`, `USER u`, `SHARE [account.]s`, `APPLICATION a`, `DATABASE ROLE [db.]r`,
    /// `APPLICATION ROLE a.r`.
    private func snowflakeGrantee(_ node: SyntaxNode, range: SourceRange) -> Grantee? {
        let keywords = node.ownTokens
        let qualified = node.childNode(.qualifiedName).flatMap(objectName)
        if keywords.count == 2, let first = keywords.first, let last = keywords.last, let qualified,
            let role = qualified.parts.last
        {
            return Grantee(
                kind: first.isKeyword(.database) ? .databaseRole : .application, name: role,
                database: qualified.parts.count == 2 ? qualified.parts.first : nil,
                keywordRange: SourceRange(start: first.range.start, end: last.range.end),
                keywordOffsets: first.offsets.lowerBound..<last.offsets.upperBound, range: range)
        }
        guard let keyword = keywords.first, let kind = Self.snowflakeGranteeKinds[keyword.text.asciiUppercased] else {
            return node.childNode(.name).flatMap { identifier($0) }.map {
                Grantee(kind: .role, name: $0, range: $0.range)
            }
        }
        let name =
            kind == .share ? qualified?.name : node.childNode(.name).flatMap { identifier($0, isUser: kind == .user) }
        return name.map {
            Grantee(kind: kind, name: $0, keywordRange: keyword.range, keywordOffsets: keyword.offsets, range: range)
        }
    }

    /// What the privileges apply to: ON …, FOR … (scoped), or ALTER DEFAULT PRIVILEGES' object class.
    private func target(_ node: SyntaxNode) -> GrantTarget? {
        let words = node.leadingWords
        switch node.kind {
        case .objectTarget where isSnowflake:
            let phrase = words.dropFirst().joined(separator: " ")
            let kind = phrase.isEmpty ? .table : (SnowflakeObjectTypes.singular[phrase] ?? .otherSnowflake)
            return .objects(kind: kind, names: objectNames(in: node), explicitKeyword: !phrase.isEmpty)
        case .routineTarget where isSnowflake:
            let kind = SnowflakeObjectTypes.singular[words.dropFirst().joined(separator: " ")] ?? .function
            return .routines(kind: kind, signatures: node.childNodes(.routineSignature).compactMap(signature))
        case .accountTarget:
            return .account
        case .bulkTarget:
            return bulkTarget(node, words: words)
        case .objectTarget:
            let keywords = Array(words.dropFirst())
            let kind = StatementParser.objectKeywords.first { $0.words.map(\.spelling) == keywords }?.kind ?? .table
            return .objects(kind: kind, names: objectNames(in: node), explicitKeyword: !keywords.isEmpty)
        case .routineTarget:
            let kind =
                words.dropFirst().first.flatMap(Keyword.init(word:)).flatMap { StatementParser.routineKeywords[$0] }
                ?? .function
            return .routines(kind: kind, signatures: node.childNodes(.routineSignature).compactMap(signature))
        case .allInSchemaTarget:
            let kind = words.dropFirst(2).first.flatMap { StatementParser.allInSchemaKinds[$0] } ?? .table
            return .allInSchema(kind: kind, schemas: objectNames(in: node))
        case .scopedTarget:
            guard let range = node.sourceRange else { return nil }
            let kind =
                words.dropFirst().first == "COPY"
                ? .copyJob : (words.dropFirst().first.flatMap { StatementParser.scopedKinds[$0] } ?? .table)
            return .scoped(
                kind: kind, schema: node.childNode(.qualifiedName).flatMap(objectName),
                database: node.childNode(.name).flatMap { identifier($0) }, range: range)
        case .defaultObjectsTarget:
            guard let word = node.ownTokens.dropFirst().first else { return nil }
            let kind = StatementParser.defaultObjectKinds[word.text.asciiUppercased] ?? .table
            return .defaultObjects(kind: kind, range: word.range)
        default:
            return nil
        }
    }

    /// Snowflake `ON ALL | FUTURE kinds IN SCHEMA s | IN DATABASE d`.
    private func bulkTarget(_ node: SyntaxNode, words: [String]) -> GrantTarget? {
        guard let name = node.childNode(.qualifiedName).flatMap(objectName), let end = node.sourceRange?.end,
            let word = node.ownTokens.dropFirst().first, let inPosition = words.lastIndex(of: "IN"), inPosition >= 2
        else { return nil }
        let kind = SnowflakeObjectTypes.plural[words[2..<inPosition].joined(separator: " ")] ?? .otherSnowflake
        let inSchema = words.last == "SCHEMA"
        guard word.isKeyword(.future) else {
            return inSchema ? .allInSchema(kind: kind, schemas: [name]) : .allInDatabase(kind: kind, database: name)
        }
        return .future(
            kind: kind, schema: inSchema ? name : nil, database: inSchema ? nil : name,
            range: SourceRange(start: word.range.start, end: end))
    }

    /// `f(int, varchar)`: the name and the argument list as written, spaced as the parser joins tokens.
    private func signature(_ node: SyntaxNode) -> RoutineSignature? {
        guard let name = node.childNode(.qualifiedName).flatMap(objectName) else { return nil }
        let tokens = node.ownTokens
        guard tokens.count >= 2, tokens[0].isPunctuation("("), tokens[tokens.count - 1].isPunctuation(")") else {
            return RoutineSignature(name: name, arguments: "")
        }
        return RoutineSignature(name: name, arguments: SQLText.spaced(tokens[1..<(tokens.count - 1)]))
    }
}
