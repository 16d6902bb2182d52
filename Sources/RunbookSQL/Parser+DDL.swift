import RunbookDiagnostics

// CREATE / ALTER / DROP of databases, schemas, users, roles, groups, tables and views (reference §4).
extension StatementParser {
    mutating func parseCreate() throws(SyntaxError) -> StatementKind {
        index += 1
        let orReplace = accept(sequence: "OR", "REPLACE") != nil
        if accept("DATABASE") != nil { return try parseCreateDatabase() }
        if accept("SCHEMA") != nil { return try parseCreateSchema() }
        if accept("USER") != nil {
            return .createUser(try parseCreateUser(isUser: true))
        }
        if accept("ROLE") != nil { return .createRole(try parseCreateUser(isUser: false)) }
        if accept("GROUP") != nil { return try parseCreateGroup() }
        accept("LOCAL")
        let isTemporary = (accept("TEMPORARY") ?? accept("TEMP")) != nil
        accept("UNLOGGED")
        if accept("TABLE") != nil { return try parseCreateTable(isTemporary: isTemporary) }
        let isMaterialized = accept("MATERIALIZED") != nil
        if accept("VIEW") != nil { return try parseCreateView(orReplace: orReplace, isMaterialized: isMaterialized) }
        if isMaterialized { throw failure(expected: "VIEW after MATERIALIZED") }
        return .opaque(keyword: "CREATE " + (try otherObject(verb: "CREATE")))
    }

    mutating func parseAlter() throws(SyntaxError) -> StatementKind {
        index += 1
        if accept(sequence: "DEFAULT", "PRIVILEGES") != nil { return try parseDefaultPrivileges() }
        if accept("USER") != nil { return .alterUser(try parseAlterUser(isUser: true)) }
        if accept("ROLE") != nil { return .alterRole(try parseAlterUser(isUser: false)) }
        if accept("GROUP") != nil { return try parseAlterGroup() }
        if accept("DATABASE") != nil { return .alterDatabase(try parseAlterObject("a database name", .alterDatabase)) }
        if accept("SCHEMA") != nil { return .alterSchema(try parseAlterObject("a schema name", .alterSchema)) }
        if accept("TABLE") != nil {
            try parseAlterTable()
            return .opaque(keyword: "ALTER TABLE")
        }
        return .opaque(keyword: "ALTER " + (try otherObject(verb: "ALTER")))
    }

    mutating func parseDrop() throws(SyntaxError) -> StatementKind {
        index += 1
        let types = ["DATABASE", "SCHEMA", "USER", "ROLE", "GROUP", "TABLE", "VIEW"]
        let isMaterializedView = isKeyword("MATERIALIZED") && isKeyword("VIEW", at: 1)
        guard let objectType = isMaterializedView ? "MATERIALIZED VIEW" : types.first(where: { isKeyword($0) })
        else {
            return .opaque(keyword: "DROP " + (try otherObject(verb: "DROP")))
        }
        open(.dropStatement)
        index += isMaterializedView ? 2 : 1
        let ifExists = accept(sequence: "IF", "EXISTS") != nil
        let context = "a \(objectType.asciiLowercased) name"
        // Quoted user names keep their case in Redshift; other names are folded.
        let names =
            objectType == "USER"
            ? try nameListNode(context, isUser: true).map { ObjectName(parts: [$0]) }
            : try qualifiedNameListNode(context)
        if objectType == "SCHEMA" {
            // Redshift: `DROP EXTERNAL DATABASE` drops an external schema's catalog database too.
            accept(sequence: "DROP", "EXTERNAL", "DATABASE")
        }
        var behavior = (accept("CASCADE") ?? accept("RESTRICT"))?.text.asciiUppercased
        if objectType == "ROLE", let force = accept("FORCE") {
            // Redshift: drop the role even when it is granted to users or other roles.
            behavior = force.text.asciiUppercased
        }
        try expectEnd("after the name list")
        close()
        return .drop(DropStatement(objectType: objectType, ifExists: ifExists, names: names, behavior: behavior))
    }

    /// CREATE, ALTER or DROP of an object outside the privilege model (functions, procedures, datashares,
    /// policies, identity providers, external schemas and tables, libraries, models, and PostgreSQL's other
    /// objects): the object type is read, the object's name recorded, the rest checked for balance. Returns
    /// the object type's words, upper-cased.
    private mutating func otherObject(verb: String) throws(SyntaxError) -> String {
        guard let first = current, let keyword = Keyword(first) else {
            if let first = current {
                throw SyntaxError(
                    NotAStatementMessage(written: first.text, verb: verb, dialect: dialect.displayName),
                    at: first.range)
            }
            throw failure(expected: "an object type after \(verb)")
        }
        index += 1
        var words = [keyword.spelling]
        switch keyword {
        case .external:
            guard
                let kind = accept("SCHEMA") ?? accept("TABLE") ?? accept("FUNCTION") ?? accept("VIEW")
                    ?? accept("MODEL")
            else { throw failure(expected: "SCHEMA, TABLE, FUNCTION or VIEW after EXTERNAL") }
            words.append(kind.text.asciiUppercased)
        case .masking, .rls:
            try expect("POLICY", "after \(keyword.spelling)")
            words.append("POLICY")
        case .identity:
            try expect("PROVIDER", "after IDENTITY")
            words.append("PROVIDER")
        case .datashare, .function, .procedure, .view, .materialized, .user, .role, .group, .schema, .database:
            if keyword == .materialized {
                try expect("VIEW", "after MATERIALIZED")
                words.append("VIEW")
            }
        case .table:
            break
        case .system where verb == "ALTER" && dialect == .postgres:
            // PostgreSQL's ALTER SYSTEM SET | RESET (server configuration, outside the privilege model).
            try skipRest()
            return words.joined(separator: " ")
        default:
            guard Keyword.keptObjectTypes.contains(keyword) else {
                index -= 1
                throw SyntaxError(
                    NotAStatementMessage(written: first.text.asciiUppercased, verb: verb, dialect: dialect.displayName),
                    at: first.range)
            }
            // `CREATE UNIQUE INDEX`, `CREATE EVENT TRIGGER`, `CREATE TEXT SEARCH …`: the rest is skipped.
            try skipRest()
            return words.joined(separator: " ")
        }
        accept(sequence: "IF", "NOT", "EXISTS")
        accept(sequence: "IF", "EXISTS")
        if atName {
            _ = try objectName("a name after \(words.joined(separator: " "))")
            // A routine's signature: `f(int, varchar)`.
            if isPunctuation("(") { try skipParenthesised() }
            while verb == "DROP", acceptPunctuation(",") != nil {
                _ = try objectName("a name")
                if isPunctuation("(") { try skipParenthesised() }
            }
        } else if !atEnd {
            throw failure(expected: "a name after \(verb) \(words.joined(separator: " "))")
        }
        try skipRest()
        return words.joined(separator: " ")
    }

    // MARK: Databases and schemas

    private mutating func parseCreateDatabase() throws(SyntaxError) -> StatementKind {
        open(.createDatabase)
        let name = try nameNode("a database name after CREATE DATABASE")
        accept("WITH")
        var options: [DatabaseOption] = []
        while let first = current {
            open(.databaseOption)
            defer { close() }
            if accept("OWNER") != nil {
                acceptPunctuation("=")
                let owner = try nameNode("a user name after OWNER", isUser: true)
                options.append(
                    DatabaseOption(
                        kind: .owner(owner), range: range(from: first),
                        offsets: offsets(from: first)))
            } else if accept(sequence: "CONNECTION", "LIMIT") != nil {
                let limit = try connectionLimit()
                options.append(
                    DatabaseOption(
                        kind: .connectionLimit(limit), range: range(from: first),
                        offsets: offsets(from: first)))
            } else if first.isKeyword("FROM") || first.isKeyword("PERMISSIONS") || first.isKeyword("WITH") {
                // Datashare, Glue ARN and zero-ETL integration forms: kept, not modelled.
                try skipRest()
                options.append(
                    DatabaseOption(
                        kind: .other(first.text.asciiUppercased), range: range(from: first),
                        offsets: offsets(from: first)))
            } else if first.kind == .word {
                index += 1
                var keyword = first.text.asciiUppercased
                if keyword == "ISOLATION" {
                    try expect("LEVEL", "after ISOLATION")
                    keyword += " LEVEL"
                }
                acceptPunctuation("=")
                guard let value = current, value.kind != .punctuation else {
                    throw failure(expected: "a value for \(keyword)")
                }
                index += 1
                options.append(
                    DatabaseOption(
                        kind: .other(keyword), range: range(from: first),
                        offsets: offsets(from: first)))
            } else {
                throw failure(expected: "a CREATE DATABASE option or end of statement")
            }
        }
        close()
        return .createDatabase(CreateDatabase(name: name, options: options))
    }

    private mutating func parseCreateSchema() throws(SyntaxError) -> StatementKind {
        open(.createSchema)
        let ifNotExists = accept(sequence: "IF", "NOT", "EXISTS") != nil
        var name: ObjectName?
        var authorization: Identifier?
        if accept("AUTHORIZATION") != nil {
            authorization = try nameNode("a user name after AUTHORIZATION", isUser: true)
        } else {
            name = try qualifiedNameNode("a schema name after CREATE SCHEMA")
            if accept("AUTHORIZATION") != nil {
                authorization = try nameNode("a user name after AUTHORIZATION", isUser: true)
            }
        }
        var quota: SchemaQuota?
        if let quotaToken = current, quotaToken.isKeyword("QUOTA") {
            open(.schemaQuota)
            index += 1
            quota = try schemaQuota(from: quotaToken)
            close()
        }
        if isKeyword("CREATE") || isKeyword("GRANT") {
            // Schema elements: statements that run inside the new schema.
            try skipRest()
        }
        try expectEnd("after CREATE SCHEMA (AUTHORIZATION, QUOTA or schema elements)")
        close()
        return .createSchema(
            CreateSchema(
                name: name, ifNotExists: ifNotExists, authorization: authorization,
                quota: quota))
    }

    private mutating func schemaQuota(from quotaToken: Token) throws(SyntaxError) -> SchemaQuota {
        if accept("UNLIMITED") != nil {
            return SchemaQuota(value: "UNLIMITED", range: range(from: quotaToken), offsets: offsets(from: quotaToken))
        }
        guard let amount = current, amount.kind == .number else {
            throw failure(expected: "a number or UNLIMITED after QUOTA")
        }
        index += 1
        var value = amount.text
        if let unit = accept("MB") ?? accept("GB") ?? accept("TB") { value += " " + unit.text.asciiUppercased }
        return SchemaQuota(value: value, range: range(from: quotaToken), offsets: offsets(from: quotaToken))
    }

    private mutating func parseAlterObject(_ context: String, _ kind: SyntaxKind) throws(SyntaxError) -> AlterObject {
        open(kind)
        defer { close() }
        let name = try qualifiedNameNode(context)
        open(.alterAction)
        defer { close() }
        if accept(sequence: "RENAME", "TO") != nil {
            let newName = try nameNode("a new name after RENAME TO")
            try expectEnd("after RENAME TO")
            return AlterObject(name: name, action: .rename(newName))
        }
        if accept(sequence: "OWNER", "TO") != nil {
            let owner = try nameNode("a user name after OWNER TO", isUser: true)
            try expectEnd("after OWNER TO")
            return AlterObject(name: name, action: .owner(owner))
        }
        guard let word = current, word.kind == .word else {
            throw failure(expected: "RENAME TO, OWNER TO or another ALTER action")
        }
        try skipRest()
        return AlterObject(name: name, action: .other(word.text.asciiUppercased))
    }

    // MARK: Users, roles, groups

    private mutating func parseCreateUser(isUser: Bool) throws(SyntaxError) -> CreateUser {
        let what = isUser ? "user" : "role"
        open(isUser ? .createUser : .createRole)
        defer { close() }
        let name = try nameNode("a \(what) name after CREATE \(what.asciiUppercased)", isUser: isUser)
        accept("WITH")
        return CreateUser(name: name, options: try userOptions())
    }

    private mutating func parseAlterUser(isUser: Bool) throws(SyntaxError) -> AlterUser {
        let what = isUser ? "user" : "role"
        open(isUser ? .alterUser : .alterRole)
        defer { close() }
        let name = try nameNode("a \(what) name after ALTER \(what.asciiUppercased)", isUser: isUser)
        // Redshift's ALTER ROLE writes WITH before RENAME TO and OWNER TO as well.
        if isKeyword("WITH"), isKeyword("RENAME", at: 1) || isKeyword("OWNER", at: 1) { index += 1 }
        if isKeyword("OWNER") || isKeyword("RENAME") || isKeyword("SET") || isKeyword("RESET") {
            open(.alterAction)
        }
        if accept(sequence: "OWNER", "TO") != nil {
            let owner = try nameNode("a user name after OWNER TO", isUser: true)
            try expectEnd("after OWNER TO")
            close()
            return AlterUser(name: name, action: .owner(owner))
        }
        if accept(sequence: "RENAME", "TO") != nil {
            let newName = try nameNode("a new name after RENAME TO", isUser: isUser)
            try expectEnd("after RENAME TO")
            close()
            return AlterUser(name: name, action: .rename(newName))
        }
        if accept("SET") != nil {
            let parameter = try qualifiedNameNode("a parameter name after SET", record: false).dotted
            try skipRest()
            close()
            return AlterUser(name: name, action: .setParameter(parameter))
        }
        if accept("RESET") != nil {
            var parameter = try qualifiedNameNode("a parameter name after RESET", record: false).dotted
            if parameter == "session", accept("TIMEOUT") != nil { parameter = "session timeout" }
            try expectEnd("after RESET")
            close()
            return AlterUser(name: name, action: .resetParameter(parameter))
        }
        accept("WITH")
        let options = try userOptions()
        if options.isEmpty { throw failure(expected: "a user option, RENAME TO, SET or RESET") }
        return AlterUser(name: name, action: .options(options))
    }

    /// PostgreSQL role attributes, kept as `.other`.
    private static let roleAttributes: Set<String> = [
        "SUPERUSER", "NOSUPERUSER", "CREATEROLE", "NOCREATEROLE", "INHERIT", "NOINHERIT", "LOGIN", "NOLOGIN",
        "REPLICATION", "NOREPLICATION", "BYPASSRLS", "NOBYPASSRLS",
    ]

    private mutating func userOptions() throws(SyntaxError) -> [UserOption] {
        var options: [UserOption] = []
        while let first = current {
            open(.userOption)
            let kind: UserOption.Kind
            let word = first.kind == .word ? first.text.asciiUppercased : ""
            switch word {
            case "PASSWORD", "ENCRYPTED", "UNENCRYPTED":
                if word != "PASSWORD" {
                    index += 1
                }
                try expect("PASSWORD", "after \(word)")
                kind = try passwordValue()
            case "CREATEDB", "NOCREATEDB":
                index += 1
                kind = .createDB(word == "CREATEDB")
            case "CREATEUSER", "NOCREATEUSER":
                index += 1
                kind = .createUser(word == "CREATEUSER")
            case "SYSLOG":
                index += 1
                try expect("ACCESS", "after SYSLOG")
                guard let level = accept("RESTRICTED") ?? accept("UNRESTRICTED") else {
                    throw failure(expected: "RESTRICTED or UNRESTRICTED after SYSLOG ACCESS")
                }
                kind = .syslogAccess(level.text.asciiUppercased)
            case "IN" where isKeyword("GROUP", at: 1):
                index += 2
                kind = .inGroup(try nameListNode("a group name"))
            case "IN" where isKeyword("ROLE", at: 1):
                index += 2
                try nameListNode("a role name")
                kind = .other("IN ROLE")
            case "ROLE", "ADMIN", "USER":
                index += 1
                try nameListNode("a role name", isUser: true)
                kind = .other(word)
            case "VALID":
                index += 1
                try expect("UNTIL", "after VALID")
                guard let value = current, value.kind == .string else {
                    throw failure(expected: "a timestamp string after VALID UNTIL")
                }
                index += 1
                kind = .validUntil(value.stringValue ?? value.text)
            case "CONNECTION":
                index += 1
                try expect("LIMIT", "after CONNECTION")
                kind = .connectionLimit(try connectionLimit())
            case "SESSION":
                index += 1
                try expect("TIMEOUT", "after SESSION")
                guard let value = current, value.kind == .number, let seconds = Int(value.text) else {
                    throw failure(expected: "a number of seconds after SESSION TIMEOUT")
                }
                index += 1
                kind = .sessionTimeout(seconds)
            case "EXTERNALID":
                index += 1
                // `ALTER ROLE r EXTERNALID TO "id"`.
                accept("TO")
                guard let value = current, value.kind != .punctuation else {
                    throw failure(expected: "an external id after EXTERNALID")
                }
                index += 1
                kind = .externalID(value.stringValue ?? value.text)
            case "SYSID":
                index += 1
                guard current?.kind == .number else { throw failure(expected: "a number after SYSID") }
                index += 1
                kind = .other("SYSID")
            case _ where Self.roleAttributes.contains(word):
                index += 1
                kind = .other(word)
            default:
                throw failure(
                    expected: "a user option (PASSWORD, CREATEDB, CREATEUSER, IN GROUP, VALID UNTIL, "
                        + "CONNECTION LIMIT, SYSLOG ACCESS, SESSION TIMEOUT) or end of statement")
            }
            close()
            options.append(UserOption(kind: kind, range: range(from: first), offsets: offsets(from: first)))
        }
        return options
    }

    /// The value after PASSWORD.
    private mutating func passwordValue() throws(SyntaxError) -> UserOption.Kind {
        guard let value = current else { throw failure(expected: "a password string, DISABLE or NULL after PASSWORD") }
        let spec: PasswordSpec
        switch value.kind {
        case .string:
            let text = value.stringValue ?? ""
            spec = .literal(value: text, isPlaceholder: Placeholders.looksLikePlaceholder(text))
        case .quotedIdentifier:
            spec = .quotedIdentifier(value: String(value.text.dropFirst().dropLast()).replacing("\"\"", with: "\""))
        case .placeholder:
            spec = .parameter(text: value.text)
        case .word where value.isKeyword("DISABLE"):
            spec = .disable
        case .word where value.isKeyword("NULL"):
            spec = .null
        default:
            throw failure(expected: "a password string, DISABLE or NULL after PASSWORD")
        }
        index += 1
        return .password(spec, valueRange: value.range, valueOffsets: value.offsets)
    }

    private mutating func connectionLimit() throws(SyntaxError) -> ConnectionLimit {
        if accept("UNLIMITED") != nil { return .unlimited }
        let negative = acceptPunctuation("-") != nil
        guard let value = current, value.kind == .number, let number = Int(value.text) else {
            throw failure(expected: "a number or UNLIMITED after CONNECTION LIMIT")
        }
        index += 1
        return .limit(negative ? -number : number)
    }

    private mutating func parseCreateGroup() throws(SyntaxError) -> StatementKind {
        open(.createGroup)
        let name = try nameNode("a group name after CREATE GROUP")
        accept("WITH")
        var users: [Identifier] = []
        if accept("USER") != nil { users = try nameListNode("a user name", isUser: true) }
        try expectEnd("after CREATE GROUP")
        close()
        return .createGroup(CreateGroup(name: name, users: users))
    }

    private mutating func parseAlterGroup() throws(SyntaxError) -> StatementKind {
        open(.alterGroup)
        let name = try nameNode("a group name after ALTER GROUP")
        open(.alterAction)
        let action: AlterGroup.Action
        if accept(sequence: "ADD", "USER") != nil {
            action = .addUsers(try nameListNode("a user name", isUser: true))
        } else if accept(sequence: "DROP", "USER") != nil {
            action = .dropUsers(try nameListNode("a user name", isUser: true))
        } else if accept(sequence: "RENAME", "TO") != nil {
            action = .rename(try nameNode("a new group name"))
        } else {
            throw failure(expected: "ADD USER, DROP USER or RENAME TO after the group name")
        }
        try expectEnd("after ALTER GROUP")
        close()
        close()
        return .alterGroup(AlterGroup(name: name, action: action))
    }

    // MARK: Tables and views

    /// Actions of ALTER COLUMN other than a new type without TYPE.
    private static let alterColumnActions: Set<String> = [
        "TYPE", "SET", "DROP", "ENCODE", "ADD", "RESET", "RESTART", "OPTIONS",
    ]
    /// What follows ALTER in ALTER TABLE when it is not a column (Redshift's distribution and sort keys).
    private static let alterTableTargets: Set<String> = [
        "COLUMN", "DISTKEY", "DISTSTYLE", "SORTKEY", "COMPOUND", "INTERLEAVED", "ENCODE", "CONSTRAINT",
    ]

    /// `ALTER TABLE [IF EXISTS] t action, …`: each action is read up to the next top-level comma. An ALTER
    /// COLUMN that names the new type without TYPE is reported with the repair.
    mutating func parseAlterTable() throws(SyntaxError) {
        accept(sequence: "IF", "EXISTS")
        accept("ONLY")
        _ = try objectName("a table name after ALTER TABLE")
        guard !atEnd else { throw failure(expected: "an ALTER TABLE action") }
        repeat {
            if accept("ALTER") != nil {
                let hasColumnKeyword = accept("COLUMN") != nil
                if hasColumnKeyword || current?.isKeyword(oneOf: Self.alterTableTargets) == false {
                    _ = try identifier("a column name after ALTER COLUMN", record: false)
                    if let word = current, word.kind == .word, !word.isKeyword(oneOf: Self.alterColumnActions),
                        !(dialect.syntax.contains(.snowflakeObjects) && word.isKeyword(oneOf: ["COMMENT", "UNSET"]))
                    {
                        // The missing TYPE is synthesised: the rest of the action reads as the new type.
                        let insertion = SourceRange(start: word.range.start, end: word.range.start)
                        let error = SyntaxError(
                            MissingTypeMessage(columnType: word.text),
                            at: word.range,
                            fixIts: [
                                FixIt(
                                    "name the change with TYPE", range: insertion, replacement: "TYPE ",
                                    applicability: .safe)
                            ], spelling: "TYPE")
                        record(error, resumingAt: index)
                    }
                }
            }
            while let token = current, !token.isPunctuation(",") {
                if token.isPunctuation("(") {
                    try skipParenthesised()
                } else if token.isPunctuation(")") {
                    throw failure(expected: "end of statement")
                } else {
                    index += 1
                }
            }
        } while acceptPunctuation(",") != nil
    }

    private static let tableConstraintWords: Set<String> = [
        "CONSTRAINT", "PRIMARY", "UNIQUE", "FOREIGN", "CHECK", "EXCLUDE", "DISTKEY", "SORTKEY",
    ]

    mutating func parseCreateTable(isTemporary: Bool) throws(SyntaxError) -> StatementKind {
        let ifNotExists = accept(sequence: "IF", "NOT", "EXISTS") != nil
        let name = try objectName("a table name after CREATE TABLE")
        var columns: [Identifier] = []
        var reads: [ObjectName] = []
        if isPunctuation("(") {
            let open = tokens[index]
            index += 1
            // Each top-level element is a column definition, a table constraint or LIKE other_table.
            elements: while !atEnd {
                if isKeyword("LIKE") {
                    index += 1
                    reads.append(try objectName("a table name after LIKE"))
                } else if let first = current, first.kind == .word || first.kind == .quotedIdentifier,
                    !first.isKeyword(oneOf: Self.tableConstraintWords)
                {
                    columns.append(try identifier("a column name"))
                }
                while let token = current {
                    if token.isPunctuation(",") {
                        index += 1
                        continue elements
                    }
                    if token.isPunctuation(")") {
                        index += 1
                        break elements
                    }
                    if token.isPunctuation("(") { try skipParenthesised() } else { index += 1 }
                }
                throw SyntaxError(UnclosedMessage(open: "(", close: ")", at: open.range.start), at: end)
            }
        }
        // Table attributes (DISTSTYLE, SORTKEY (…), BACKUP NO, …) up to AS for CREATE TABLE AS.
        try skipRest(upTo: "AS")
        if accept("AS") != nil {
            reads += try parseQuery().reads
            try expectEnd("after the query")
        }
        return .createTable(
            CreateTable(
                name: name, ifNotExists: ifNotExists, isTemporary: isTemporary,
                columns: columns, reads: reads))
    }

    mutating func parseCreateView(orReplace: Bool, isMaterialized: Bool) throws(SyntaxError) -> StatementKind {
        accept(sequence: "IF", "NOT", "EXISTS")
        let name = try objectName("a view name")
        var columns: [Identifier] = []
        if isPunctuation("(") { columns = try columnList() }
        // Materialized view attributes (BACKUP, DISTSTYLE, AUTO REFRESH …) come before AS.
        while let token = current, !token.isKeyword("AS") {
            if token.isPunctuation("(") { try skipParenthesised() } else { index += 1 }
        }
        try expect("AS", "before the view's query")
        let query = try parseQuery()
        if accept(sequence: "WITH", "NO", "SCHEMA", "BINDING") == nil, accept("WITH") != nil {
            _ = accept("CASCADED") ?? accept("LOCAL")
            try expect("CHECK", "after WITH")
            try expect("OPTION", "after WITH CHECK")
        }
        try expectEnd("after the view's query")
        return .createView(
            CreateView(
                name: name, orReplace: orReplace, isMaterialized: isMaterialized,
                columns: columns, reads: query.reads))
    }
}
