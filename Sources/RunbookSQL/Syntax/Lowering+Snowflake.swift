import RunbookDiagnostics

// Snowflake's CREATE of warehouses, database roles, databases, schemas, users and roles, with their properties:
// from the tree to the kinds the privilege stage reads.
extension Lowering {
    /// The kind of a Snowflake statement whose grammar opens one of these nodes right below the root; nil for
    /// another.
    func snowflakeKind(of tree: SyntaxNode) -> StatementKind? {
        guard let node = tree.childNode(.snowflakeCreate) else { return nil }
        return snowflakeCreate(node)
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
