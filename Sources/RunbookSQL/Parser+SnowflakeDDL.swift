import RunbookDiagnostics

// Snowflake's CREATE, ALTER and DROP of warehouses, databases, schemas, roles, database roles and users, with
// their `NAME = value` properties (https://docs.snowflake.com/en/sql-reference/sql/create-warehouse,
// …/create-database, …/create-schema, …/create-role, …/create-database-role, …/create-user, …/alter-user,
// …/alter-role, …/alter-warehouse). Other object types are kept (`.opaque`) with their names recorded.
extension StatementParser {
    /// Table modifiers before TABLE: `TRANSIENT`, `[LOCAL | GLOBAL] TEMP[ORARY]`, `VOLATILE`, and the table
    /// kinds `DYNAMIC`, `ICEBERG`, `HYBRID`, `EVENT`.
    private static let tableModifiers: Set<Keyword> = [
        .transient, .temporary, .temp, .local, .global, .volatile, .dynamic, .iceberg, .hybrid, .event,
    ]
    /// The table kinds among them, which TABLE must follow.
    private static let tableKinds: Set<Keyword> = [.dynamic, .iceberg, .hybrid, .event]
    /// Clauses of CREATE DATABASE and CREATE SCHEMA that are not `NAME = value`.
    private static let databaseClauses: Set<Keyword> = [.clone, .from, .as, .ignore]
    /// The properties of CREATE USER and ALTER USER … SET (https://docs.snowflake.com/en/sql-reference/sql/create-user):
    /// a name one or two letters from one of these is a misspelling. Other names (session parameters such as
    /// TIMEZONE) are accepted as written.
    static let userProperties: Set<String> = [
        "PASSWORD", "LOGIN_NAME", "DISPLAY_NAME", "FIRST_NAME", "MIDDLE_NAME", "LAST_NAME", "EMAIL",
        "MUST_CHANGE_PASSWORD", "DISABLED", "DAYS_TO_EXPIRY", "MINS_TO_UNLOCK", "DEFAULT_WAREHOUSE",
        "DEFAULT_NAMESPACE", "DEFAULT_ROLE", "DEFAULT_SECONDARY_ROLES", "MINS_TO_BYPASS_MFA", "RSA_PUBLIC_KEY",
        "RSA_PUBLIC_KEY_FP", "RSA_PUBLIC_KEY_2", "RSA_PUBLIC_KEY_2_FP", "TYPE", "COMMENT", "NETWORK_POLICY",
        "WORKLOAD_IDENTITY",
    ]

    /// Properties whose bare-word value names an object (recorded, so that rewriting follows it).
    private static let nameValuedProperties: Set<String> = [
        "DEFAULT_ROLE", "DEFAULT_WAREHOUSE", "DEFAULT_NAMESPACE", "RESOURCE_MONITOR", "WAREHOUSE",
    ]

    // MARK: CREATE

    /// Snowflake's CREATE, at CREATE.
    mutating func parseSnowflakeCreate() throws(SyntaxError) -> StatementKind {
        let verb = index
        index += 1
        let replacing = accept(sequence: .or, .replace)
        // `CREATE OR ALTER` leaves an existing object in place (altered), as IF NOT EXISTS does for existence.
        if replacing == nil { accept(sequence: .or, .alter) }
        var isTable = false
        while let word = current, word.isKeyword(oneOf: Self.tableModifiers) {
            // DYNAMIC, ICEBERG, … only before TABLE; TRANSIENT before DATABASE and SCHEMA too. TEMP[ORARY] and
            // VOLATILE make the table temporary (the lowering reads them).
            if word.isKeyword(oneOf: Self.tableKinds) { isTable = true }
            index += 1
        }
        accept(.secure)
        accept(.recursive)
        if isTable || accept(.table) != nil {
            if isTable { try expect(.table, "after the table kind") }
            try rejectIfNotExists(after: replacing)
            open(.createTable, at: verb + 1)
            try parseCreateTable()
            close()
            return try lowered()
        }
        // Warehouses, database roles, databases, schemas, users and roles: a `.snowflakeCreate` node from after
        // CREATE (its words say which object and OR REPLACE, OR ALTER, IF NOT EXISTS), the name and a `.property`
        // node for each property, lowered to the kind.
        let typeStart = index
        if accept(.warehouse) != nil || accept(sequence: .database, .role) != nil || accept(.database) != nil
            || accept(.schema) != nil || accept(.user) != nil || accept(.role) != nil
        {
            let type = tokens[typeStart..<index].map(\.text.asciiUppercased).joined(separator: " ")
            open(.snowflakeCreate, at: verb + 1)
            try rejectIfNotExists(after: replacing)
            accept(sequence: .if, .not, .exists)
            try snowflakeCreateBody(type)
            close()
            return try lowered()
        }
        let isMaterialized = accept(.materialized) != nil
        if accept(.view) != nil {
            try rejectIfNotExists(after: replacing)
            open(.createView, at: verb + 1)
            try parseCreateView()
            close()
            return try lowered()
        }
        if isMaterialized { throw failure(expected: "VIEW after MATERIALIZED") }
        open(.otherStatement, at: verb)
        markStatementWords(verb..<(verb + 1))
        _ = try otherSnowflakeObject(verb: "CREATE", replacing: replacing)
        close()
        return try lowered()
    }

    /// The name and the properties of CREATE `type` (WAREHOUSE, DATABASE ROLE, DATABASE, SCHEMA, USER, ROLE).
    private mutating func snowflakeCreateBody(_ type: String) throws(SyntaxError) {
        switch type {
        case "WAREHOUSE":
            try nameNode("a warehouse name after CREATE WAREHOUSE")
            try snowflakeProperties()
        case "DATABASE ROLE":
            try qualifiedNameNode("a database role name after CREATE DATABASE ROLE")
            try snowflakeProperties()
        case "DATABASE":
            try nameNode("a database name after CREATE DATABASE")
            try snowflakeProperties(clauses: Self.databaseClauses)
        case "SCHEMA":
            try qualifiedNameNode("a schema name after CREATE SCHEMA")
            var clauses = Self.databaseClauses
            clauses.insert(.managed)
            try snowflakeProperties(clauses: clauses)
        case "USER":
            try nameNode("a user name after CREATE USER", isUser: true)
            try snowflakeProperties(misspellingsOf: Self.userProperties)
        default:
            try nameNode("a role name after CREATE ROLE")
            try snowflakeProperties()
        }
    }

    /// Snowflake refuses `CREATE OR REPLACE … IF NOT EXISTS`: the clauses are mutually exclusive
    /// (https://docs.snowflake.com/en/sql-reference/sql/create-database,
    /// https://docs.snowflake.com/en/sql-reference/sql/create-table). At the object's name, after its type.
    private func rejectIfNotExists(after replacing: SourceRange?) throws(SyntaxError) {
        guard replacing != nil, isKeyword(.if), isKeyword(.not, at: 1), isKeyword(.exists, at: 2) else { return }
        throw SyntaxError(
            StaticMessage.orReplaceWithIfNotExists,
            at: SourceRange(start: tokens[index].range.start, end: tokens[index + 2].range.end))
    }

    /// CREATE, ALTER or DROP of an object type outside the model (`STAGE`, `FILE FORMAT`, `FUNCTION`, …): the
    /// type is read, the name recorded, the rest checked for balance. Returns the type's words.
    private mutating func otherSnowflakeObject(
        verb: String, replacing: SourceRange? = nil
    ) throws(SyntaxError)
        -> String
    {
        let typeStart = index
        guard let (words, _) = snowflakeObjectType() else {
            guard let first = current else { throw failure(expected: "an object type after \(verb)") }
            throw SyntaxError(
                NotAStatementMessage(written: first.text.asciiUppercased, verb: verb, dialect: "Snowflake"),
                at: first.range)
        }
        markStatementWords(typeStart..<index)
        try rejectIfNotExists(after: replacing)
        accept(sequence: .if, .not, .exists)
        accept(sequence: .if, .exists)
        if atName {
            _ = try objectName("a name after \(verb) \(words)")
            if isPunctuation("(") { try skipParenthesised() }
            while verb == "DROP", acceptPunctuation(",") != nil {
                _ = try objectName("a name")
                if isPunctuation("(") { try skipParenthesised() }
            }
        } else if !atEnd, !(verb == "ALTER" && (isKeyword(.set) || isKeyword(.unset))) {
            throw failure(expected: "a name after \(verb) \(words)")
        }
        try skipRest()
        return words
    }

    // MARK: ALTER

    /// Snowflake's ALTER, at ALTER. Users, roles, databases and schemas build a `.snowflakeAlter` node from after
    /// ALTER (the object type, IF EXISTS), the name and an `.alterAction`; the others an `.otherStatement`.
    mutating func parseSnowflakeAlter() throws(SyntaxError) -> StatementKind {
        let verb = index
        index += 1
        if let word = accept(.user) ?? accept(.role) {
            open(.snowflakeAlter, at: verb + 1)
            accept(sequence: .if, .exists)
            let isUser = word.isKeyword(.user)
            try nameNode(isUser ? "a user name after ALTER USER" : "a role name after ALTER ROLE", isUser: isUser)
            open(.alterAction)
            try alterPrincipalAction(known: isUser ? Self.userProperties : nil)
            close()
            close()
            return try lowered()
        }
        if isKeyword(.database) && !isKeyword(.role, at: 1) || isKeyword(.schema) {
            open(.snowflakeAlter)
            let isDatabase = isKeyword(.database)
            index += 1
            accept(sequence: .if, .exists)
            try qualifiedNameNode(isDatabase ? "a database name after ALTER DATABASE" : "a schema name")
            open(.alterAction)
            if accept(sequence: .rename, .to) != nil {
                try nameNode("a new name after RENAME TO")
                try expectEnd("after RENAME TO")
            } else {
                guard let first = current, first.kind == .word else {
                    throw failure(expected: "RENAME TO, SET, UNSET or another ALTER action")
                }
                try alterGenericAction()
            }
            close()
            close()
            return try lowered()
        }
        if isKeyword(.table) {
            open(.alterTable)
            index += 1
            try parseAlterTable()
            close()
            return try lowered()
        }
        // The rest is kept, named by ALTER and the object type.
        open(.otherStatement, at: verb)
        markStatementWords(verb..<(verb + 1))
        try parseOtherSnowflakeAlter()
        close()
        return try lowered()
    }

    /// ALTER DATABASE ROLE, WAREHOUSE, SESSION, ACCOUNT, TABLE, [MATERIALIZED] VIEW and the other object types, after
    /// ALTER: the type's words (VIEW alone for a materialized view) a `.statementWords` node.
    private mutating func parseOtherSnowflakeAlter() throws(SyntaxError) {
        let typeStart = index
        if accept(sequence: .database, .role) != nil {
            markStatementWords(typeStart..<index)
            accept(sequence: .if, .exists)
            _ = try objectName("a database role name after ALTER DATABASE ROLE")
            try alterGenericAction()
        } else if accept(.warehouse) != nil {
            markStatementWords(typeStart..<index)
            accept(sequence: .if, .exists)
            // Without a name, ALTER WAREHOUSE changes the current warehouse.
            if atName, !isKeyword(.set), !isKeyword(.unset) {
                _ = try identifier("a warehouse name after ALTER WAREHOUSE")
            }
            try alterGenericAction()
        } else if let word = accept(.session) ?? accept(.account) {
            markStatementWords(typeStart..<index)
            if atEnd { throw failure(expected: "SET or UNSET after ALTER \(word.text.asciiUppercased)") }
            try skipRest()
        } else {
            accept(.materialized)
            if accept(.view) != nil {
                try alterView()
            } else {
                _ = try otherSnowflakeObject(verb: "ALTER")
            }
        }
    }

    /// ALTER [MATERIALIZED] VIEW, after VIEW: the name and an action, kept.
    private mutating func alterView() throws(SyntaxError) {
        markStatementWords((index - 1)..<index)
        let kind = tokens[index - 1].text.asciiUppercased
        accept(sequence: .if, .exists)
        _ = try objectName("a name after ALTER \(kind)")
        if atEnd { throw failure(expected: "an ALTER \(kind) action") }
        try skipRest()
    }

    /// What ALTER USER and ALTER ROLE do after the name, inside the `.alterAction` node (the lowering names it by its
    /// first words).
    private mutating func alterPrincipalAction(known: Set<String>? = nil) throws(SyntaxError) {
        if accept(sequence: .rename, .to) != nil {
            try nameNode("a new name after RENAME TO")
            try expectEnd("after RENAME TO")
            return
        }
        if accept(sequence: .set, .tag) ?? accept(sequence: .unset, .tag) != nil {
            let verb = tokens[index - 2].text.asciiUppercased
            if atEnd { throw failure(expected: "a tag after \(verb) TAG") }
            try skipRest()
            return
        }
        if accept(.set) != nil {
            if try snowflakeProperties(misspellingsOf: known) == 0 {
                throw failure(expected: "a property NAME = value after SET")
            }
            return
        }
        if accept(.unset) != nil {
            repeat {
                guard let word = current, word.kind == .word else { throw failure(expected: "a property name") }
                index += 1
            } while acceptPunctuation(",") != nil
            try expectEnd("after UNSET")
            return
        }
        if accept(sequence: .reset, .password) != nil {
            try expectEnd("after RESET PASSWORD")
            return
        }
        if accept(sequence: .abort, .all, .queries) != nil {
            try expectEnd("after ABORT ALL QUERIES")
            return
        }
        if accept(.add) ?? accept(.remove) != nil, isKeyword(.delegated) {
            // `ADD DELEGATED AUTHORIZATION OF ROLE r TO SECURITY INTEGRATION i`, `REMOVE DELEGATED
            // AUTHORIZATIONS FROM SECURITY INTEGRATION i`.
            index += 1
            guard accept(.authorization) ?? accept(.authorizations) != nil else {
                throw failure(expected: "AUTHORIZATION after DELEGATED")
            }
            if accept(sequence: .of, .role) != nil { _ = try identifier("a role name after OF ROLE") }
            guard accept(.to) ?? accept(.from) != nil else {
                throw failure(expected: "TO or FROM SECURITY INTEGRATION")
            }
            try expect(.security, "before INTEGRATION")
            try expect(.integration, "after SECURITY")
            _ = try identifier("a security integration name")
            try expectEnd("after the integration")
            return
        }
        if let word = current, word.isKeyword(oneOf: [.add, .remove, .modify, .rotate, .delete, .enroll]) {
            // Key pairs, MFA methods, programmatic access tokens: kept.
            index += 1
            if atEnd { throw failure(expected: "what to \(word.text.asciiLowercased)") }
            try skipRest()
            return
        }
        throw failure(expected: "SET, UNSET, RENAME TO, RESET PASSWORD or another ALTER USER action")
    }

    /// ALTER WAREHOUSE and the other kept ALTERs: `SET props | SET TAG … | UNSET names | UNSET TAG … | RENAME TO
    /// n | RESUME [IF SUSPENDED] | SUSPEND | ABORT ALL QUERIES | …`.
    private mutating func alterGenericAction() throws(SyntaxError) {
        if accept(sequence: .rename, .to) != nil {
            _ = try objectName("a new name after RENAME TO")
            try expectEnd("after RENAME TO")
        } else if accept(sequence: .set, .tag) != nil || accept(sequence: .unset, .tag) != nil {
            if atEnd { throw failure(expected: "a tag") }
            try skipRest()
        } else if accept(.set) != nil {
            if try snowflakeProperties() == 0 { throw failure(expected: "a property NAME = value after SET") }
        } else if accept(.unset) != nil {
            repeat {
                guard let word = current, word.kind == .word else { throw failure(expected: "a property name") }
                index += 1
            } while acceptPunctuation(",") != nil
            try expectEnd("after UNSET")
        } else if let word = current, word.kind == .word {
            try skipRest()
        } else {
            throw failure(expected: "SET, UNSET, RENAME TO or another ALTER action")
        }
    }

    // MARK: DROP

    /// Snowflake's DROP, at DROP: the model's types as `DropStatement`, the others kept.
    mutating func parseSnowflakeDrop() throws(SyntaxError) -> StatementKind {
        let verb = index
        index += 1
        let modelled = [
            "DATABASE ROLE", "DATABASE", "SCHEMA", "USER", "ROLE", "TABLE", "VIEW", "MATERIALIZED VIEW", "WAREHOUSE",
        ]
        let start = index
        guard let (words, _) = snowflakeObjectType(), modelled.contains(words) else {
            index = start
            open(.otherStatement, at: verb)
            markStatementWords(verb..<(verb + 1))
            _ = try otherSnowflakeObject(verb: "DROP")
            close()
            return try lowered()
        }
        // The `.dropStatement` node Redshift's DROP builds, from the object type.
        open(.dropStatement, at: start)
        accept(sequence: .if, .exists)
        try qualifiedNameListNode("a \(words.asciiLowercased) name")
        _ = accept(.cascade) ?? accept(.restrict)
        try expectEnd("after the name list")
        close()
        return try lowered()
    }

    // MARK: Properties

    /// `NAME = value` properties separated by blanks or commas, an optional WITH before any of them,
    /// `[WITH] TAG (…)` and `[WITH] CONTACT (…)`, and the clauses `clauses` names (`CLONE d …`, `FROM SHARE
    /// s`, `AS REPLICA OF d`, `WITH MANAGED ACCESS`) as properties named by their first word: each a `.property`
    /// node with its `.propertyValue`, which the lowering reads. Returns how many.
    @discardableResult
    mutating func snowflakeProperties(
        clauses: Set<Keyword> = [], misspellingsOf known: Set<String>? = nil
    ) throws(SyntaxError) -> Int {
        var count = 0
        while let first = current {
            if first.isPunctuation(","), count > 0 {
                index += 1
                continue
            }
            open(.property)
            defer { close() }
            if first.isKeyword(.with), token(at: 1)?.kind == .word { index += 1 }
            guard let nameToken = current, nameToken.kind == .word else {
                throw failure(expected: "a property (NAME = value) or end of statement")
            }
            let name = nameToken.text.asciiUppercased
            if isPunctuation("=", at: 1) {
                if let known, !known.contains(name), let suggestion = Suggestion.closest(to: name, in: known) {
                    // `DEFAULT_RLE = r` is no property: Snowflake rejects the statement.
                    let replacement =
                        nameToken.text == nameToken.text.asciiLowercased ? suggestion.asciiLowercased : suggestion
                    throw SyntaxError(
                        UnknownWordMessage(what: "property", written: nameToken.text, suggestion: suggestion),
                        at: nameToken.range,
                        fixIts: [
                            FixIt(
                                "replace with \(replacement)", range: nameToken.range, replacement: replacement,
                                applicability: .safe)
                        ]
                    )
                }
                index += 2
                open(.propertyValue)
                _ = try propertyValue(of: name)
                close()
            } else if name == "TAG" || name == "CONTACT", isPunctuation("(", at: 1) {
                index += 1
                open(.propertyValue)
                try skipParenthesised()
                close()
            } else if let clause = Keyword(nameToken), clauses.contains(clause) {
                index += 1
                open(.propertyValue)
                try snowflakeClause(clause, clauses: clauses)
                close()
            } else {
                throw failure(expected: "a property (NAME = value) or end of statement")
            }
            count += 1
        }
        return count
    }

    /// The rest of a clause after its first word: the name it names is recorded, the rest read up to the next
    /// property or the end.
    private mutating func snowflakeClause(_ word: Keyword, clauses: Set<Keyword>) throws(SyntaxError) {
        switch word {
        case .clone:
            _ = try objectName("the object to clone after CLONE")
        case .from:
            if accept(.share) != nil { _ = try objectName("a share name after FROM SHARE") }
        case .as:
            try expect(.replica, "after AS")
            try expect(.of, "after AS REPLICA")
            _ = try objectName("the primary database after AS REPLICA OF")
        case .managed:
            try expect(.access, "after MANAGED")
        default:
            break
        }
        while let token = current {
            if token.kind == .word {
                if isPunctuation("=", at: 1) || token.isKeyword(oneOf: clauses) { return }
                if token.isKeyword(.with), let next = self.token(at: 1), next.kind == .word,
                    isPunctuation("=", at: 2) || next.isKeyword(.tag) || next.isKeyword(.contact)
                        || next.isKeyword(.managed)
                {
                    return
                }
                if token.isKeyword(.tag) || token.isKeyword(.contact), isPunctuation("(", at: 1) { return }
            }
            if token.isPunctuation("(") { try skipParenthesised() } else { index += 1 }
        }
    }

    /// The value after `NAME =` (the lowering reads a `.propertyValue` node's tokens with it too).
    mutating func propertyValue(of name: String) throws(SyntaxError) -> PropertyValue {
        guard let token = current else { throw failure(expected: "a value for \(name)") }
        switch token.kind {
        case .string:
            index += 1
            return .string(token.stringValue(in: dialect) ?? "")
        case .dollarString:
            index += 1
            return .string(token.stringValue ?? "")
        case .number:
            index += 1
            return .literal(token.text)
        case .variable:
            index += 1
            return .variable(token.variableName ?? token.text)
        case .placeholder:
            index += 1
            return .other(token.text)
        case .quotedIdentifier:
            return .name(try objectName("a name for \(name)"))
        case .punctuation where token.text == "(":
            let start = index
            try skipParenthesised()
            return .other(sourceText(start..<index))
        case .punctuation where token.text == "-" && self.token(at: 1)?.kind == .number:
            index += 2
            return .literal("-" + tokens[index - 1].text)
        case .word:
            if atIdentifierFunction { return .name(try objectName("a name for \(name)")) }
            if token.isKeyword(oneOf: [.true, .false, .null]) {
                index += 1
                return .literal(token.text.asciiUppercased)
            }
            if atName, Self.nameValuedProperties.contains(name) || isPunctuation(".", at: 1) {
                return .name(try objectName("a name for \(name)"))
            }
            index += 1
            return .literal(token.text.asciiUppercased)
        default:
            throw failure(expected: "a value for \(name)")
        }
    }

    /// What a PASSWORD property's value token gives: a string, a quoted name, a parameter or NULL.
    static func snowflakePasswordSpec(_ value: Token, dialect: SQLDialect) -> PasswordSpec? {
        switch value.kind {
        case .string:
            let text = value.stringValue(in: dialect) ?? ""
            return .literal(value: text, isPlaceholder: Placeholders.looksLikePlaceholder(text))
        case .dollarString:
            let text = value.stringValue ?? ""
            return .literal(value: text, isPlaceholder: Placeholders.looksLikePlaceholder(text))
        case .quotedIdentifier:
            return .quotedIdentifier(value: String(value.text.dropFirst().dropLast()).replacing("\"\"", with: "\""))
        case .variable, .placeholder:
            return .parameter(text: value.text)
        case .word where value.isKeyword(.null):
            return .null
        default:
            return nil
        }
    }
}
