import RunbookDiagnostics

// CREATE / ALTER / DROP of databases, schemas, users, roles, groups, tables and views (reference §4).
extension StatementParser {
    mutating func parseCreate() throws(SyntaxError) -> StatementKind {
        index += 1
        let orReplace = accept(sequence: "OR", "REPLACE") != nil
        // Users, roles, groups, schemas and databases build the nodes their kind is lowered from.
        if accept("DATABASE") != nil {
            try parseCreateDatabase()
        } else if accept("SCHEMA") != nil {
            try parseCreateSchema()
        } else if let word = accept("USER") ?? accept("ROLE") {
            try parseCreateUser(isUser: word.isKeyword("USER"))
        } else if accept("GROUP") != nil {
            try parseCreateGroup()
        } else {
            return try parseCreateRelation(orReplace: orReplace)
        }
        return try lowered()
    }

    /// CREATE TABLE, CREATE VIEW and the objects outside the privilege model, after CREATE [OR REPLACE].
    private mutating func parseCreateRelation(orReplace: Bool) throws(SyntaxError) -> StatementKind {
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
        if let word = accept("USER") ?? accept("ROLE") {
            try parseAlterUser(isUser: word.isKeyword("USER"))
        } else if accept("GROUP") != nil {
            try parseAlterGroup()
        } else if accept("DATABASE") != nil {
            try parseAlterObject("a database name", .alterDatabase)
        } else if accept("SCHEMA") != nil {
            try parseAlterObject("a schema name", .alterSchema)
        } else if accept("TABLE") != nil {
            try parseAlterTable()
            return .opaque(keyword: "ALTER TABLE")
        } else {
            return .opaque(keyword: "ALTER " + (try otherObject(verb: "ALTER")))
        }
        return try lowered()
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
        accept(sequence: "IF", "EXISTS")
        let context = "a \(objectType.asciiLowercased) name"
        // Quoted user names keep their case in Redshift; other names are folded.
        if objectType == "USER" {
            try nameListNode(context, isUser: true)
        } else {
            try qualifiedNameListNode(context)
        }
        if objectType == "SCHEMA" {
            // Redshift: `DROP EXTERNAL DATABASE` drops an external schema's catalog database too.
            accept(sequence: "DROP", "EXTERNAL", "DATABASE")
        }
        _ = accept("CASCADE") ?? accept("RESTRICT")
        if objectType == "ROLE" {
            // Redshift: drop the role even when it is granted to users or other roles.
            accept("FORCE")
        }
        try expectEnd("after the name list")
        close()
        return try lowered()
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

    private mutating func parseCreateDatabase() throws(SyntaxError) {
        open(.createDatabase)
        try nameNode("a database name after CREATE DATABASE")
        accept("WITH")
        while let first = current {
            open(.databaseOption)
            defer { close() }
            if accept("OWNER") != nil {
                acceptPunctuation("=")
                try nameNode("a user name after OWNER", isUser: true)
            } else if accept(sequence: "CONNECTION", "LIMIT") != nil {
                try connectionLimit()
            } else if first.isKeyword("FROM") || first.isKeyword("PERMISSIONS") || first.isKeyword("WITH") {
                // Datashare, Glue ARN and zero-ETL integration forms: kept, not modelled.
                try skipRest()
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
            } else {
                throw failure(expected: "a CREATE DATABASE option or end of statement")
            }
        }
        close()
    }

    private mutating func parseCreateSchema() throws(SyntaxError) {
        open(.createSchema)
        accept(sequence: "IF", "NOT", "EXISTS")
        if accept("AUTHORIZATION") != nil {
            try nameNode("a user name after AUTHORIZATION", isUser: true)
        } else {
            try qualifiedNameNode("a schema name after CREATE SCHEMA")
            if accept("AUTHORIZATION") != nil {
                try nameNode("a user name after AUTHORIZATION", isUser: true)
            }
        }
        if isKeyword("QUOTA") {
            open(.schemaQuota)
            index += 1
            try schemaQuota()
            close()
        }
        if isKeyword("CREATE") || isKeyword("GRANT") {
            // Schema elements: statements that run inside the new schema.
            try skipRest()
        }
        try expectEnd("after CREATE SCHEMA (AUTHORIZATION, QUOTA or schema elements)")
        close()
    }

    /// `n [MB | GB | TB] | UNLIMITED`, after QUOTA.
    private mutating func schemaQuota() throws(SyntaxError) {
        if accept("UNLIMITED") != nil { return }
        guard let amount = current, amount.kind == .number else {
            throw failure(expected: "a number or UNLIMITED after QUOTA")
        }
        index += 1
        _ = accept("MB") ?? accept("GB") ?? accept("TB")
    }

    private mutating func parseAlterObject(_ context: String, _ kind: SyntaxKind) throws(SyntaxError) {
        open(kind)
        defer { close() }
        try qualifiedNameNode(context)
        open(.alterAction)
        defer { close() }
        if accept(sequence: "RENAME", "TO") != nil {
            try nameNode("a new name after RENAME TO")
            try expectEnd("after RENAME TO")
        } else if accept(sequence: "OWNER", "TO") != nil {
            try nameNode("a user name after OWNER TO", isUser: true)
            try expectEnd("after OWNER TO")
        } else {
            guard let word = current, word.kind == .word else {
                throw failure(expected: "RENAME TO, OWNER TO or another ALTER action")
            }
            try skipRest()
        }
    }

    // MARK: Users, roles, groups

    private mutating func parseCreateUser(isUser: Bool) throws(SyntaxError) {
        let what = isUser ? "user" : "role"
        open(isUser ? .createUser : .createRole)
        try nameNode("a \(what) name after CREATE \(what.asciiUppercased)", isUser: isUser)
        accept("WITH")
        try userOptions()
        close()
    }

    private mutating func parseAlterUser(isUser: Bool) throws(SyntaxError) {
        let what = isUser ? "user" : "role"
        open(isUser ? .alterUser : .alterRole)
        defer { close() }
        try nameNode("a \(what) name after ALTER \(what.asciiUppercased)", isUser: isUser)
        // Redshift's ALTER ROLE writes WITH before RENAME TO and OWNER TO as well.
        if isKeyword("WITH"), isKeyword("RENAME", at: 1) || isKeyword("OWNER", at: 1) { index += 1 }
        if isKeyword("OWNER", at: 0) && isKeyword("TO", at: 1) || isKeyword("RENAME") && isKeyword("TO", at: 1)
            || isKeyword("SET") || isKeyword("RESET")
        {
            open(.alterAction)
            defer { close() }
            if accept(sequence: "OWNER", "TO") != nil {
                try nameNode("a user name after OWNER TO", isUser: true)
                try expectEnd("after OWNER TO")
            } else if accept(sequence: "RENAME", "TO") != nil {
                try nameNode("a new name after RENAME TO", isUser: isUser)
                try expectEnd("after RENAME TO")
            } else if accept("SET") != nil {
                try qualifiedNameNode("a parameter name after SET", record: false)
                try skipRest()
            } else {
                index += 1
                let parameter = try qualifiedNameNode("a parameter name after RESET", record: false).dotted
                if parameter == "session" { accept("TIMEOUT") }
                try expectEnd("after RESET")
            }
            return
        }
        accept("WITH")
        if try userOptions() == 0 { throw failure(expected: "a user option, RENAME TO, SET or RESET") }
    }

    /// PostgreSQL role attributes, kept as `.other`.
    private static let roleAttributes: Set<String> = [
        "SUPERUSER", "NOSUPERUSER", "CREATEROLE", "NOCREATEROLE", "INHERIT", "NOINHERIT", "LOGIN", "NOLOGIN",
        "REPLICATION", "NOREPLICATION", "BYPASSRLS", "NOBYPASSRLS",
    ]

    /// Reads options up to the end of the statement, each a `.userOption` node; returns how many.
    @discardableResult
    private mutating func userOptions() throws(SyntaxError) -> Int {
        var count = 0
        while let first = current {
            open(.userOption)
            let word = first.kind == .word ? first.text.asciiUppercased : ""
            switch word {
            case "PASSWORD", "ENCRYPTED", "UNENCRYPTED":
                if word != "PASSWORD" {
                    index += 1
                }
                try expect("PASSWORD", "after \(word)")
                try passwordValue()
            case "CREATEDB", "NOCREATEDB", "CREATEUSER", "NOCREATEUSER":
                index += 1
            case "SYSLOG":
                index += 1
                try expect("ACCESS", "after SYSLOG")
                guard (accept("RESTRICTED") ?? accept("UNRESTRICTED")) != nil else {
                    throw failure(expected: "RESTRICTED or UNRESTRICTED after SYSLOG ACCESS")
                }
            case "IN" where isKeyword("GROUP", at: 1):
                index += 2
                try nameListNode("a group name")
            case "IN" where isKeyword("ROLE", at: 1):
                index += 2
                try nameListNode("a role name")
            case "ROLE", "ADMIN", "USER":
                index += 1
                try nameListNode("a role name", isUser: true)
            case "VALID":
                index += 1
                try expect("UNTIL", "after VALID")
                guard let value = current, value.kind == .string else {
                    throw failure(expected: "a timestamp string after VALID UNTIL")
                }
                index += 1
            case "CONNECTION":
                index += 1
                try expect("LIMIT", "after CONNECTION")
                try connectionLimit()
            case "SESSION":
                index += 1
                try expect("TIMEOUT", "after SESSION")
                guard let value = current, value.kind == .number, Int(value.text) != nil else {
                    throw failure(expected: "a number of seconds after SESSION TIMEOUT")
                }
                index += 1
            case "EXTERNALID":
                index += 1
                // `ALTER ROLE r EXTERNALID TO "id"`.
                accept("TO")
                guard let value = current, value.kind != .punctuation else {
                    throw failure(expected: "an external id after EXTERNALID")
                }
                index += 1
            case "SYSID":
                index += 1
                guard current?.kind == .number else { throw failure(expected: "a number after SYSID") }
                index += 1
            case _ where Self.roleAttributes.contains(word):
                index += 1
            default:
                throw failure(
                    expected: "a user option (PASSWORD, CREATEDB, CREATEUSER, IN GROUP, VALID UNTIL, "
                        + "CONNECTION LIMIT, SYSLOG ACCESS, SESSION TIMEOUT) or end of statement")
            }
            close()
            count += 1
        }
        return count
    }

    /// The value after PASSWORD: a string, a quoted name (an error the checks report), a placeholder, DISABLE
    /// or NULL.
    private mutating func passwordValue() throws(SyntaxError) {
        guard let value = current,
            value.kind == .string || value.kind == .quotedIdentifier || value.kind == .placeholder
                || value.isKeyword("DISABLE") || value.isKeyword("NULL")
        else { throw failure(expected: "a password string, DISABLE or NULL after PASSWORD") }
        index += 1
    }

    private mutating func connectionLimit() throws(SyntaxError) {
        if accept("UNLIMITED") != nil { return }
        acceptPunctuation("-")
        guard let value = current, value.kind == .number, Int(value.text) != nil else {
            throw failure(expected: "a number or UNLIMITED after CONNECTION LIMIT")
        }
        index += 1
    }

    private mutating func parseCreateGroup() throws(SyntaxError) {
        open(.createGroup)
        try nameNode("a group name after CREATE GROUP")
        accept("WITH")
        if accept("USER") != nil { try nameListNode("a user name", isUser: true) }
        try expectEnd("after CREATE GROUP")
        close()
    }

    private mutating func parseAlterGroup() throws(SyntaxError) {
        open(.alterGroup)
        try nameNode("a group name after ALTER GROUP")
        open(.alterAction)
        if accept(sequence: "ADD", "USER") != nil || accept(sequence: "DROP", "USER") != nil {
            try nameListNode("a user name", isUser: true)
        } else if accept(sequence: "RENAME", "TO") != nil {
            try nameNode("a new group name")
        } else {
            throw failure(expected: "ADD USER, DROP USER or RENAME TO after the group name")
        }
        try expectEnd("after ALTER GROUP")
        close()
        close()
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
