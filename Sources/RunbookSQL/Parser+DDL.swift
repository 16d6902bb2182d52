import RunbookDiagnostics

// CREATE / ALTER / DROP of databases, schemas, users, roles, groups, tables and views (reference §4).
extension StatementParser {
    mutating func parseCreate() throws(SyntaxError) -> StatementKind {
        let verb = index
        index += 1
        accept(sequence: .or, .replace)
        // Every form builds the nodes its kind is lowered from.
        if accept(.database) != nil {
            try parseCreateDatabase()
        } else if accept(.schema) != nil {
            try parseCreateSchema()
        } else if let word = accept(.user) ?? accept(.role) {
            try parseCreateUser(isUser: word.isKeyword(.user))
        } else if accept(.group) != nil {
            try parseCreateGroup()
        } else {
            try parseCreateRelation(verb: verb)
        }
        return try lowered()
    }

    /// CREATE TABLE, CREATE VIEW and the objects outside the privilege model, after CREATE [OR REPLACE]; `verb` is
    /// CREATE's position.
    private mutating func parseCreateRelation(verb: Int) throws(SyntaxError) {
        accept(.local)
        _ = accept(.temporary) ?? accept(.temp)
        accept(.unlogged)
        if accept(.table) != nil {
            open(.createTable, at: verb + 1)
            try parseCreateTable()
            close()
            return
        }
        let isMaterialized = accept(.materialized) != nil
        if accept(.view) != nil {
            open(.createView, at: verb + 1)
            try parseCreateView(materialized: isMaterialized)
            close()
            return
        }
        if isMaterialized { throw failure(expected: "VIEW after MATERIALIZED") }
        try parseOtherObject(verb: verb, "CREATE")
    }

    /// `verb` (at the parser's position `position`, read) followed by an object outside the privilege model, as an
    /// `.otherStatement` node whose `.statementWords` are the verb and the object type.
    private mutating func parseOtherObject(verb position: Int, _ verb: String) throws(SyntaxError) {
        open(.otherStatement, at: position)
        markStatementWords(position..<(position + 1))
        _ = try otherObject(verb: verb)
        close()
    }

    mutating func parseAlter() throws(SyntaxError) -> StatementKind {
        let verb = index
        index += 1
        if accept(sequence: .default, .privileges) != nil { return try parseDefaultPrivileges() }
        if let word = accept(.user) ?? accept(.role) {
            try parseAlterUser(isUser: word.isKeyword(.user))
        } else if accept(.group) != nil {
            try parseAlterGroup()
        } else if accept(.database) != nil {
            try parseAlterObject("a database name", .alterDatabase)
        } else if accept(.schema) != nil {
            try parseAlterObject("a schema name", .alterSchema)
        } else if accept(.table) != nil {
            open(.alterTable, at: index - 1)
            try parseAlterTable()
            close()
        } else {
            try parseOtherObject(verb: verb, "ALTER")
        }
        return try lowered()
    }

    mutating func parseDrop() throws(SyntaxError) -> StatementKind {
        let verb = index
        index += 1
        let types: [Keyword] = [.database, .schema, .user, .role, .group, .table, .view]
        let isMaterializedView = isKeyword(.materialized) && isKeyword(.view, at: 1)
        guard
            let objectType = isMaterializedView ? "MATERIALIZED VIEW" : types.first(where: { isKeyword($0) })?.spelling
        else {
            try parseOtherObject(verb: verb, "DROP")
            return try lowered()
        }
        open(.dropStatement)
        index += isMaterializedView ? 2 : 1
        accept(sequence: .if, .exists)
        let context = "a \(objectType.asciiLowercased) name"
        // Quoted user names keep their case in Redshift; other names are folded.
        if objectType == "USER" {
            try nameListNode(context, isUser: true)
        } else {
            try qualifiedNameListNode(context)
        }
        if objectType == "SCHEMA" {
            // Redshift: `DROP EXTERNAL DATABASE` drops an external schema's catalog database too.
            accept(sequence: .drop, .external, .database)
        }
        _ = accept(.cascade) ?? accept(.restrict)
        if objectType == "ROLE" {
            // Redshift: drop the role even when it is granted to users or other roles.
            accept(.force)
        }
        try expectEnd("after the name list")
        close()
        return try lowered()
    }

    /// CREATE, ALTER or DROP of an object outside the privilege model (functions, procedures, datashares,
    /// policies, identity providers, external schemas and tables, libraries, models, and PostgreSQL's other
    /// objects): the object type is read as a `.statementWords` node, the object's name recorded, the rest checked
    /// for balance. Returns the object type's words, upper-cased.
    private mutating func otherObject(verb: String) throws(SyntaxError) -> String {
        guard let first = current, let keyword = Keyword(first) else {
            if let first = current {
                throw SyntaxError(
                    NotAStatementMessage(written: first.text, verb: verb, dialect: dialect.displayName),
                    at: first.range)
            }
            throw failure(expected: "an object type after \(verb)")
        }
        let typeStart = index
        index += 1
        var words = [keyword.spelling]
        var externalKind: Token?
        switch keyword {
        case .external:
            guard
                let kind = accept(.schema) ?? accept(.table) ?? accept(.function) ?? accept(.view)
                    ?? accept(.model)
            else { throw failure(expected: "SCHEMA, TABLE, FUNCTION or VIEW after EXTERNAL") }
            words.append(kind.text.asciiUppercased)
            externalKind = kind
        case .masking, .rls:
            try expect(.policy, "after \(keyword.spelling)")
            words.append("POLICY")
        case .identity:
            try expect(.provider, "after IDENTITY")
            words.append("PROVIDER")
        case .datashare, .function, .procedure, .view, .materialized, .user, .role, .group, .schema, .database:
            if keyword == .materialized {
                try expect(.view, "after MATERIALIZED")
                words.append("VIEW")
            }
        case .table:
            break
        case .library where dialect.syntax.contains(.redshiftObjects),
            .model where dialect.syntax.contains(.redshiftObjects):
            // Read by the object grammar (Parser+Objects.swift), not kept as a balanced rest.
            break
        case .system where verb == "ALTER" && dialect == .postgres:
            // PostgreSQL's ALTER SYSTEM SET | RESET (server configuration, outside the privilege model).
            markStatementWords(typeStart..<index)
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
            markStatementWords(typeStart..<index)
            try skipRest()
            return words.joined(separator: " ")
        }
        markStatementWords(typeStart..<index)
        if verb == "ALTER", keyword == .materialized, dialect.syntax.contains(.redshiftTables) {
            _ = try objectName("a materialized view name after ALTER MATERIALIZED VIEW")
            try alterMaterializedView()
            return words.joined(separator: " ")
        }
        if let verbKeyword = Keyword(word: verb),
            let family = objectFamily(verb: verbKeyword, type: keyword, kind: externalKind)
        {
            try parseObject(family, verb: verbKeyword)
            return words.joined(separator: " ")
        }
        accept(sequence: .if, .not, .exists)
        accept(sequence: .if, .exists)
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
        accept(.with)
        while let first = current {
            open(.databaseOption)
            defer { close() }
            if accept(.owner) != nil {
                acceptPunctuation("=")
                try nameNode("a user name after OWNER", isUser: true)
            } else if accept(sequence: .connection, .limit) != nil {
                try connectionLimit()
            } else if dialect.syntax.contains(.redshiftObjects),
                accept(sequence: .from, .datashare) != nil
                    || accept(sequence: .permissions, .from, .datashare) != nil
            {
                // `FROM DATASHARE s OF [ACCOUNT 'id'] NAMESPACE 'guid'`: a consumer's database, not modelled.
                _ = try identifier("a datashare name after FROM DATASHARE", record: false)
                try expect(.of, "after the datashare's name")
                try datashareProducer()
            } else if first.isKeyword(.from) || first.isKeyword(.permissions) || first.isKeyword(.with) {
                // Glue ARN and zero-ETL integration forms: kept, not modelled.
                try skipRest()
            } else if dialect.syntax.contains(.redshiftObjects), first.kind == .word,
                !first.isKeyword(oneOf: [.collate, .isolation, .iamRole])
            {
                // Redshift's options are a closed list (https://docs.aws.amazon.com/redshift/latest/dg/r_CREATE_DATABASE.html).
                throw misplacedWord(
                    expected: "OWNER, CONNECTION LIMIT, COLLATE, ISOLATION LEVEL, IAM_ROLE or FROM",
                    among: [Keyword.owner, .connection, .collate, .isolation, .iamRole, .from])
            } else if first.kind == .word {
                index += 1
                var keyword = first.text.asciiUppercased
                if keyword == "ISOLATION" {
                    try expect(.level, "after ISOLATION")
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
        accept(sequence: .if, .not, .exists)
        if accept(.authorization) != nil {
            try nameNode("a user name after AUTHORIZATION", isUser: true)
        } else {
            try qualifiedNameNode("a schema name after CREATE SCHEMA")
            if accept(.authorization) != nil {
                try nameNode("a user name after AUTHORIZATION", isUser: true)
            }
        }
        if isKeyword(.quota) {
            open(.schemaQuota)
            index += 1
            try schemaQuota()
            close()
        }
        if isKeyword(.create) || isKeyword(.grant) {
            // Schema elements: statements that run inside the new schema.
            try skipRest()
        }
        try expectEnd("after CREATE SCHEMA (AUTHORIZATION, QUOTA or schema elements)")
        close()
    }

    /// `n [MB | GB | TB] | UNLIMITED`, after QUOTA.
    private mutating func schemaQuota() throws(SyntaxError) {
        if accept(.unlimited) != nil { return }
        guard let amount = current, amount.kind == .number else {
            throw failure(expected: "a number or UNLIMITED after QUOTA")
        }
        index += 1
        _ = accept(.mb) ?? accept(.gb) ?? accept(.tb)
    }

    private mutating func parseAlterObject(_ context: String, _ kind: SyntaxKind) throws(SyntaxError) {
        open(kind)
        defer { close() }
        try qualifiedNameNode(context)
        open(.alterAction)
        defer { close() }
        if accept(sequence: .rename, .to) != nil {
            try nameNode("a new name after RENAME TO")
            try expectEnd("after RENAME TO")
        } else if accept(sequence: .owner, .to) != nil {
            try nameNode("a user name after OWNER TO", isUser: true)
            try expectEnd("after OWNER TO")
        } else if dialect.syntax.contains(.redshiftObjects) {
            try redshiftAlterAction(of: kind)
        } else {
            guard let word = current, word.kind == .word else {
                throw failure(expected: "RENAME TO, OWNER TO or another ALTER action")
            }
            try skipRest()
        }
    }

    /// Redshift's closed lists of the other actions: ALTER SCHEMA's `QUOTA` and ALTER DATABASE's `CONNECTION
    /// LIMIT`, `COLLATE`, `ISOLATION LEVEL` and `INTEGRATION …` (the last kept balanced)
    /// (https://docs.aws.amazon.com/redshift/latest/dg/r_ALTER_SCHEMA.html,
    /// https://docs.aws.amazon.com/redshift/latest/dg/r_ALTER_DATABASE.html). Another word is a mistake at it.
    private mutating func redshiftAlterAction(of kind: SyntaxKind) throws(SyntaxError) {
        if kind == .alterSchema {
            guard accept(.quota) != nil else {
                throw misplacedWord(expected: "RENAME TO, OWNER TO or QUOTA", among: [Keyword.rename, .owner, .quota])
            }
            try schemaQuota()
        } else if accept(sequence: .connection, .limit) != nil {
            try connectionLimit()
        } else if accept(.collate) != nil {
            try redshiftDatabaseValue(of: "COLLATE")
        } else if accept(.isolation) != nil {
            try expect(.level, "after ISOLATION")
            try redshiftDatabaseValue(of: "ISOLATION LEVEL")
        } else if accept(.integration) != nil {
            guard !atEnd else { throw failure(expected: "REFRESH or SET after INTEGRATION") }
            try skipRest()
        } else {
            throw misplacedWord(
                expected: "RENAME TO, OWNER TO, CONNECTION LIMIT, COLLATE, ISOLATION LEVEL or INTEGRATION",
                among: [Keyword.rename, .owner, .connection, .collate, .isolation, .integration])
        }
        try expectEnd("after the ALTER action")
    }

    /// The values of Redshift's COLLATE and ISOLATION LEVEL, as CREATE and ALTER DATABASE take them.
    private static let redshiftDatabaseValues: [String: [String]] = [
        "COLLATE": ["CASE_SENSITIVE", "CASE_INSENSITIVE"], "ISOLATION LEVEL": ["SNAPSHOT", "SERIALIZABLE"],
    ]

    private mutating func redshiftDatabaseValue(of option: String) throws(SyntaxError) {
        let values = Self.redshiftDatabaseValues[option] ?? []
        guard let value = current, value.kind == .word, values.contains(value.text.asciiUppercased) else {
            throw misplacedWord(expected: "\(values.joined(separator: " or ")) after \(option)", among: values)
        }
        index += 1
    }

    // MARK: Users, roles, groups

    private mutating func parseCreateUser(isUser: Bool) throws(SyntaxError) {
        let what = isUser ? "user" : "role"
        open(isUser ? .createUser : .createRole)
        try nameNode("a \(what) name after CREATE \(what.asciiUppercased)", isUser: isUser)
        accept(.with)
        try userOptions()
        close()
    }

    private mutating func parseAlterUser(isUser: Bool) throws(SyntaxError) {
        let what = isUser ? "user" : "role"
        open(isUser ? .alterUser : .alterRole)
        defer { close() }
        try nameNode("a \(what) name after ALTER \(what.asciiUppercased)", isUser: isUser)
        // Redshift's ALTER ROLE writes WITH before RENAME TO and OWNER TO as well.
        if isKeyword(.with), isKeyword(.rename, at: 1) || isKeyword(.owner, at: 1) { index += 1 }
        if isKeyword(.owner, at: 0) && isKeyword(.to, at: 1) || isKeyword(.rename) && isKeyword(.to, at: 1)
            || isKeyword(.set) || isKeyword(.reset)
        {
            open(.alterAction)
            defer { close() }
            if accept(sequence: .owner, .to) != nil {
                try nameNode("a user name after OWNER TO", isUser: true)
                try expectEnd("after OWNER TO")
            } else if accept(sequence: .rename, .to) != nil {
                try nameNode("a new name after RENAME TO", isUser: isUser)
                try expectEnd("after RENAME TO")
            } else if accept(.set) != nil {
                try qualifiedNameNode("a parameter name after SET", record: false)
                try skipRest()
            } else {
                index += 1
                let parameter = try qualifiedNameNode("a parameter name after RESET", record: false).dotted
                if parameter == "session" { accept(.timeout) }
                try expectEnd("after RESET")
            }
            return
        }
        accept(.with)
        if try userOptions() == 0 { throw failure(expected: "a user option, RENAME TO, SET or RESET") }
    }

    /// PostgreSQL role attributes, kept as `.other`.
    private static let roleAttributes: Set<Keyword> = [
        .superuser, .nosuperuser, .createrole, .nocreaterole, .inherit, .noinherit, .login, .nologin, .replication,
        .noreplication, .bypassrls, .nobypassrls,
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
                try expect(.password, "after \(word)")
                try passwordValue()
            case "CREATEDB", "NOCREATEDB", "CREATEUSER", "NOCREATEUSER":
                index += 1
            case "SYSLOG":
                index += 1
                try expect(.access, "after SYSLOG")
                guard (accept(.restricted) ?? accept(.unrestricted)) != nil else {
                    throw failure(expected: "RESTRICTED or UNRESTRICTED after SYSLOG ACCESS")
                }
            case "IN" where isKeyword(.group, at: 1):
                index += 2
                try nameListNode("a group name")
            case "IN" where isKeyword(.role, at: 1):
                index += 2
                try nameListNode("a role name")
            case "ROLE", "ADMIN", "USER":
                index += 1
                try nameListNode("a role name", isUser: true)
            case "VALID":
                index += 1
                try expect(.until, "after VALID")
                guard let value = current, value.kind == .string else {
                    throw failure(expected: "a timestamp string after VALID UNTIL")
                }
                index += 1
            case "CONNECTION":
                index += 1
                try expect(.limit, "after CONNECTION")
                try connectionLimit()
            case "SESSION":
                index += 1
                try expect(.timeout, "after SESSION")
                guard let value = current, value.kind == .number, Int(value.text) != nil else {
                    throw failure(expected: "a number of seconds after SESSION TIMEOUT")
                }
                index += 1
            case "EXTERNALID":
                index += 1
                // `ALTER ROLE r EXTERNALID TO "id"`.
                accept(.to)
                guard let value = current, value.kind != .punctuation else {
                    throw failure(expected: "an external id after EXTERNALID")
                }
                index += 1
            case "SYSID":
                index += 1
                guard current?.kind == .number else { throw failure(expected: "a number after SYSID") }
                index += 1
            case _ where first.isKeyword(oneOf: Self.roleAttributes):
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
                || value.isKeyword(.disable) || value.isKeyword(.null)
        else { throw failure(expected: "a password string, DISABLE or NULL after PASSWORD") }
        index += 1
    }

    private mutating func connectionLimit() throws(SyntaxError) {
        if accept(.unlimited) != nil { return }
        acceptPunctuation("-")
        guard let value = current, value.kind == .number, Int(value.text) != nil else {
            throw failure(expected: "a number or UNLIMITED after CONNECTION LIMIT")
        }
        index += 1
    }

    private mutating func parseCreateGroup() throws(SyntaxError) {
        open(.createGroup)
        try nameNode("a group name after CREATE GROUP")
        accept(.with)
        if accept(.user) != nil { try nameListNode("a user name", isUser: true) }
        try expectEnd("after CREATE GROUP")
        close()
    }

    private mutating func parseAlterGroup() throws(SyntaxError) {
        open(.alterGroup)
        try nameNode("a group name after ALTER GROUP")
        open(.alterAction)
        if accept(sequence: .add, .user) != nil || accept(sequence: .drop, .user) != nil {
            try nameListNode("a user name", isUser: true)
        } else if accept(sequence: .rename, .to) != nil {
            try nameNode("a new group name")
        } else {
            throw failure(expected: "ADD USER, DROP USER or RENAME TO after the group name")
        }
        try expectEnd("after ALTER GROUP")
        close()
        close()
    }

    // MARK: Views

    /// After CREATE [OR REPLACE] [MATERIALIZED] VIEW, inside the `.createView` node: the name a `.qualifiedName`,
    /// the columns a `.columnList`, the query a `.query`.
    mutating func parseCreateView(materialized: Bool = false) throws(SyntaxError) {
        accept(sequence: .if, .not, .exists)
        try qualifiedNameNode("a view name")
        if isPunctuation("(") { try columnListNode() }
        if materialized, dialect.syntax.contains(.redshiftTables) {
            try materializedViewAttributes()
        }
        // Materialized view attributes (BACKUP, DISTSTYLE, AUTO REFRESH …) come before AS.
        while let token = current, !token.isKeyword(.as) {
            if token.isPunctuation("(") { try skipParenthesised() } else { index += 1 }
        }
        try expect(.as, "before the view's query")
        try query()
        if accept(sequence: .with, .no, .schema, .binding) == nil, accept(.with) != nil {
            _ = accept(.cascaded) ?? accept(.local)
            try expect(.check, "after WITH")
            try expect(.option, "after WITH CHECK")
        }
        try expectEnd("after the view's query")
    }
}
