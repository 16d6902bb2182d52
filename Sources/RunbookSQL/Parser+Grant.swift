import RunbookDiagnostics

// GRANT, REVOKE and ALTER DEFAULT PRIVILEGES (reference §1, §3).
extension StatementParser {
    /// Object privileges that never name a role or a system permission: seeing one before TO means ON is missing.
    static let objectPrivileges: Set<String> = [
        "SELECT", "INSERT", "UPDATE", "DELETE", "REFERENCES", "TRUNCATE", "TRIGGER", "USAGE", "TEMPORARY", "TEMP",
        "EXECUTE", "CONNECT", "RULE", "MAINTAIN",
    ]

    /// Redshift system permissions (reference §1.4), granted only TO ROLE.
    static let systemPermissions: Set<String> = [
        "CREATE USER", "DROP USER", "ALTER USER", "CREATE SCHEMA", "DROP SCHEMA", "ALTER DEFAULT PRIVILEGES",
        "ACCESS CATALOG", "ACCESS SYSTEM TABLE", "CREATE TABLE", "DROP TABLE", "ALTER TABLE",
        "CREATE OR REPLACE FUNCTION", "CREATE OR REPLACE EXTERNAL FUNCTION", "DROP FUNCTION",
        "CREATE OR REPLACE PROCEDURE", "DROP PROCEDURE", "CREATE OR REPLACE VIEW", "DROP VIEW", "CREATE MODEL",
        "DROP MODEL", "CREATE DATASHARE", "ALTER DATASHARE", "DROP DATASHARE", "CREATE LIBRARY", "DROP LIBRARY",
        "CREATE ROLE", "DROP ROLE", "TRUNCATE TABLE", "VACUUM", "ANALYZE", "CANCEL", "IGNORE RLS", "EXPLAIN RLS",
        "EXPLAIN MASKING",
    ]

    static let allInSchemaKinds: [String: ObjectKind] = [
        "TABLES": .table, "FUNCTIONS": .function, "PROCEDURES": .procedure, "SEQUENCES": .sequence,
        "ROUTINES": .routine,
    ]
    static let scopedKinds: [String: ObjectKind] = [
        "SCHEMAS": .schema, "TABLES": .table, "FUNCTIONS": .function, "PROCEDURES": .procedure, "LANGUAGES": .language,
    ]
    static let defaultObjectKinds: [String: ObjectKind] = [
        "TABLES": .table, "FUNCTIONS": .function, "PROCEDURES": .procedure, "SEQUENCES": .sequence,
        "ROUTINES": .routine, "TYPES": .type, "SCHEMAS": .schema,
    ]
    private static let granteeKeywords: [String: Grantee.Kind] = ["ROLE": .role, "GROUP": .group, "USER": .user]

    /// Words that end a privilege's words.
    private static let privilegeTerminators: Set<Keyword> = [.on, .to, .from, .for]

    /// GRANT … / REVOKE …; `defaults` reads the form nested in ALTER DEFAULT PRIVILEGES (`ON TABLES`). Builds the
    /// `.privilegeStatement` node that `Lowering.privilegeStatement` reads.
    mutating func parsePrivilegeStatement(defaults: Bool) throws(SyntaxError) {
        open(.privilegeStatement)
        guard let verb = advance() else { throw failure(expected: "GRANT or REVOKE") }
        let isGrant = verb.isKeyword(.grant)
        let toWord: Keyword = isGrant ? .to : .from
        if !isGrant {
            _ = node(.optionFor) { $0.accept(sequence: .grant, .option, .for) }
            _ = node(.optionFor) { $0.accept(sequence: .admin, .option, .for) }
        }

        if !defaults, isKeyword(.role), !isKeyword(.to, at: 1), !isKeyword(.from, at: 1) {
            try roleReferences()
            try expect(toWord, "after the role list")
        } else {
            let start = index
            let identifierCount = identifiers.count
            let eventCount = events.count
            let privileges = try privilegeSet()
            if isKeyword(.on) {
                if defaults { try defaultObjectClass() } else { try grantObjects() }
                try expect(toWord, "after the object list")
            } else if !defaults, isKeyword(.for) {
                try scopedTarget()
                try expect(toWord, "after the scope")
            } else if !defaults, isKeyword(toWord), privileges == nil {
                // `GRANT ALL TO ROLE r`: every system permission.
                try expect(toWord, "after ALL")
            } else if !defaults, isKeyword(toWord), let list = privileges, !list.isEmpty {
                if list.allSatisfy({ Self.systemPermissions.contains($0.name) }) {
                    // System permissions: the privilege list without an object clause.
                } else if list.allSatisfy({
                    !Self.objectPrivileges.contains($0.name) && !$0.name.contains(" ") && !$0.hasColumns
                }) {
                    // PostgreSQL's role grant: `GRANT a, b TO c`. Re-read the list as role names.
                    index = start
                    identifiers.removeSubrange(identifierCount...)
                    events.removeSubrange(eventCount...)
                    try roleReferences()
                } else {
                    throw failure(expected: "ON after the privilege list")
                }
                try expect(toWord, "after the role list")
            } else {
                let forClause = defaults ? "" : ", FOR"
                throw failure(expected: "ON\(forClause) or \(toWord.spelling) after privilege list")
            }
        }

        try granteeList()
        while !atEnd {
            if isGrant, node(.grantOption, { $0.accept(sequence: .with, .grant, .option) }) != nil {
                continue
            } else if isGrant, node(.adminOption, { $0.accept(sequence: .with, .admin, .option) }) != nil {
                continue
            } else if isKeyword(.granted), isKeyword(.by, at: 1) {
                open(.grantedBy)
                index += 2
                try nameNode("a role after GRANTED BY", isUser: true)
                close()
            } else if !isGrant, node(.dropBehavior, { $0.accept(.cascade) ?? $0.accept(.restrict) }) != nil {
                continue
            } else {
                break
            }
        }
        try expectEnd("after the grantee list")
        close()
    }

    /// `ROLE a, ROLE b` (Redshift) or `a, b` (PostgreSQL).
    private mutating func roleReferences() throws(SyntaxError) {
        open(.roleList)
        repeat {
            open(.roleReference)
            accept(.role)
            try nameNode("a role name")
            close()
        } while acceptPunctuation(",") != nil
        close()
    }

    /// `ALL [PRIVILEGES] [(cols)]` (nil) or a comma list of privileges, each one or more words with optional
    /// columns: the privileges' names, for the grammar to tell system permissions and role names from privileges.
    private mutating func privilegeSet() throws(SyntaxError) -> [(name: String, hasColumns: Bool)]? {
        if isKeyword(.all) {
            open(.allPrivileges)
            index += 1
            accept(.privileges)
            if isPunctuation("(") { try columnListNode() }
            close()
            return nil
        }
        open(.privilegeList)
        var privileges: [(name: String, hasColumns: Bool)] = []
        repeat {
            open(.privilege)
            guard let first = current,
                first.kind == .word || first.kind == .quotedIdentifier
                    || first.kind == .placeholder
            else { throw failure(expected: "a privilege") }
            var words: [String] = []
            if first.kind != .word {
                // A quoted name or placeholder here can only be a role (PostgreSQL role grant).
                index += 1
                words.append(first.text)
            } else {
                while let word = current, word.kind == .word, !word.isKeyword(oneOf: Self.privilegeTerminators) {
                    words.append(word.text.asciiUppercased)
                    index += 1
                }
            }
            if words.isEmpty { throw failure(expected: "a privilege") }
            let hasColumns = isPunctuation("(")
            if hasColumns { try columnListNode() }
            close()
            privileges.append((words.joined(separator: " "), hasColumns))
        } while acceptPunctuation(",") != nil
        close()
        return privileges
    }

    /// Object kinds named after ON, with the words that name them; no word is a table.
    static let objectKeywords: [(words: [Keyword], kind: ObjectKind)] = [
        ([.database], .database), ([.schema], .schema), ([.table], .table), ([.sequence], .sequence),
        ([.language], .language), ([.copy, .job], .copyJob),
    ]
    static let routineKeywords: [Keyword: ObjectKind] = [
        .function: .function, .procedure: .procedure, .routine: .routine,
    ]

    /// `ON …` in GRANT/REVOKE, at ON.
    private mutating func grantObjects() throws(SyntaxError) {
        // `ON schema.table`: a word followed by '.' starts a qualified table name, even when it spells an
        // object kind (PostgreSQL reads `schema` as a name there).
        if isPunctuation(".", at: 2) {
            try objectTarget(kind: .table, explicitKeyword: false, keywords: 0)
            return
        }
        for (words, kind) in Self.objectKeywords
        where words.enumerated().allSatisfy({ isKeyword($0.element, at: 1 + $0.offset) }) {
            try objectTarget(kind: kind, explicitKeyword: true, keywords: words.count)
            return
        }
        if let word = token(at: 1), word.kind == .word, let kind = Keyword(word).flatMap({ Self.routineKeywords[$0] }) {
            open(.routineTarget)
            index += 2
            repeat {
                open(.routineSignature)
                try qualifiedNameNode("a \(kind.rawValue) name")
                if isPunctuation("(") { try skipParenthesised() }
                close()
            } while acceptPunctuation(",") != nil
            close()
            return
        }
        if isKeyword(.all, at: 1), let classWord = token(at: 2), isKeyword(.in, at: 3) {
            open(.allInSchemaTarget)
            guard Self.allInSchemaKinds[classWord.text.asciiUppercased] != nil else {
                index += 2
                throw failure(expected: "TABLES, FUNCTIONS, PROCEDURES or SEQUENCES after ALL")
            }
            index += 4
            try expect(.schema, "after ALL \(classWord.text.asciiUppercased) IN")
            try qualifiedNameListNode("a schema name")
            close()
            return
        }
        try objectTarget(kind: .table, explicitKeyword: false, keywords: 0)
    }

    /// `ON [kind words] name, …`: ON and `keywords` words, then the names.
    private mutating func objectTarget(
        kind: ObjectKind, explicitKeyword: Bool, keywords: Int
    ) throws(SyntaxError) {
        open(.objectTarget)
        index += 1 + keywords
        try qualifiedNameListNode(explicitKeyword ? "a \(kind.rawValue) name" : "a table name after ON")
        close()
    }

    /// Redshift scoped permissions, at FOR: `FOR TABLES IN SCHEMA s [DATABASE d]`, `FOR SCHEMAS IN DATABASE d`, ….
    private mutating func scopedTarget() throws(SyntaxError) {
        open(.scopedTarget)
        index += 1
        guard let first = current else { throw failure(expected: "SCHEMAS, TABLES, FUNCTIONS or PROCEDURES after FOR") }
        if Self.scopedKinds[first.text.asciiUppercased] != nil, first.kind == .word {
            index += 1
        } else if accept(sequence: .copy, .jobs) == nil {
            throw failure(expected: "SCHEMAS, TABLES, FUNCTIONS, PROCEDURES, LANGUAGES or COPY JOBS after FOR")
        }
        try expect(.in, "after FOR \(first.text.asciiUppercased)")
        if accept(.schema) != nil {
            try qualifiedNameNode("a schema name")
            if accept(.database) != nil { try nameNode("a database name") }
        } else if accept(.database) != nil {
            try nameNode("a database name")
        } else {
            throw failure(expected: "SCHEMA or DATABASE after IN")
        }
        close()
    }

    /// The object class of ALTER DEFAULT PRIVILEGES, at ON.
    private mutating func defaultObjectClass() throws(SyntaxError) {
        open(.defaultObjectsTarget)
        index += 1
        guard let token = current, token.kind == .word, Self.defaultObjectKinds[token.text.asciiUppercased] != nil
        else {
            throw failure(expected: "TABLES, FUNCTIONS or PROCEDURES after ON")
        }
        index += 1
        close()
    }

    /// `PUBLIC | ROLE r | GROUP g | USER u | name`, comma-separated; the keyword belongs to each element.
    private mutating func granteeList() throws(SyntaxError) {
        open(.granteeList)
        repeat {
            guard let first = current else { throw failure(expected: "a grantee") }
            open(.grantee)
            if first.isKeyword(.public) {
                index += 1
                close()
                continue
            }
            if first.kind == .word, let kind = Self.granteeKeywords[first.text.asciiUppercased] {
                // ROLE, GROUP and USER always introduce a name here: `TO ROLE` alone is an error, not a user "role".
                index += 1
                try nameNode("a \(kind.rawValue) name after \(first.text.asciiUppercased)", isUser: kind == .user)
                close()
            } else {
                try nameNode("a grantee (a user, ROLE r, GROUP g or PUBLIC)", isUser: true)
                close()
            }
        } while acceptPunctuation(",") != nil
        close()
    }

    /// `ALTER DEFAULT PRIVILEGES [FOR USER|ROLE u, …] [IN SCHEMA s, …] GRANT|REVOKE …` (after DEFAULT PRIVILEGES).
    mutating func parseDefaultPrivileges() throws(SyntaxError) -> StatementKind {
        open(.defaultPrivileges)
        while !isKeyword(.grant), !isKeyword(.revoke) {
            if isKeyword(.for) {
                open(.defaultPrivilegesOwners)
                index += 1
                guard (accept(.user) ?? accept(.role)) != nil else {
                    throw failure(expected: "USER or ROLE after FOR")
                }
                try nameListNode("a user name", isUser: true)
                close()
            } else if isKeyword(.in), isKeyword(.schema, at: 1) {
                open(.defaultPrivilegesSchemas)
                index += 2
                try qualifiedNameListNode("a schema name")
                close()
            } else {
                throw failure(expected: "FOR USER, IN SCHEMA, GRANT or REVOKE")
            }
        }
        try parsePrivilegeStatement(defaults: true)
        close()
        return try lowered()
    }
}
