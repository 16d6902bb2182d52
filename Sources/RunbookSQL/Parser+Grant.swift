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
    private static let privilegeTerminators: Set<String> = ["ON", "TO", "FROM", "FOR"]

    /// GRANT … / REVOKE …; `defaults` reads the form nested in ALTER DEFAULT PRIVILEGES (`ON TABLES`).
    mutating func parsePrivilegeStatement(defaults: Bool) throws(SyntaxError) -> PrivilegeStatement {
        open(.privilegeStatement)
        guard let verb = advance() else { throw failure(expected: "GRANT or REVOKE") }
        let action: PrivilegeStatement.Action = verb.isKeyword("GRANT") ? .grant : .revoke
        let toWord = action == .grant ? "TO" : "FROM"
        var grantOptionRange: SourceRange?
        var adminOptionRange: SourceRange?
        if action == .revoke {
            grantOptionRange = node(.optionFor) { $0.accept(sequence: "GRANT", "OPTION", "FOR") }
            adminOptionRange = node(.optionFor) { $0.accept(sequence: "ADMIN", "OPTION", "FOR") }
        }

        var privileges = PrivilegeSet.list([])
        let target: GrantTarget
        if !defaults, isKeyword("ROLE"), !isKeyword("TO", at: 1), !isKeyword("FROM", at: 1) {
            target = .roles(try roleReferences())
            try expect(toWord, "after the role list")
        } else {
            let start = index
            let identifierCount = identifiers.count
            let eventCount = events.count
            privileges = try privilegeSet()
            if isKeyword("ON") {
                target = defaults ? try defaultObjectClass() : try grantObjects()
                try expect(toWord, "after the object list")
            } else if !defaults, isKeyword("FOR") {
                target = try scopedTarget()
                try expect(toWord, "after the scope")
            } else if !defaults, isKeyword(toWord), case .all = privileges {
                // `GRANT ALL TO ROLE r`: every system permission.
                target = .systemPermissions
                try expect(toWord, "after ALL")
            } else if !defaults, isKeyword(toWord), case .list(let list) = privileges, !list.isEmpty {
                if list.allSatisfy({ Self.systemPermissions.contains($0.name) }) {
                    target = .systemPermissions
                } else if list.allSatisfy({
                    !Self.objectPrivileges.contains($0.name) && !$0.name.contains(" ")
                        && $0.columns.isEmpty
                }) {
                    // PostgreSQL's role grant: `GRANT a, b TO c`. Re-read the list as role names.
                    index = start
                    identifiers.removeSubrange(identifierCount...)
                    events.removeSubrange(eventCount...)
                    privileges = .list([])
                    target = .roles(try roleReferences())
                } else {
                    throw failure(expected: "ON after the privilege list")
                }
                try expect(toWord, "after the role list")
            } else {
                let forClause = defaults ? "" : ", FOR"
                throw failure(expected: "ON\(forClause) or \(toWord) after privilege list")
            }
        }

        let grantees = try granteeList()
        var behavior: String?
        while !atEnd {
            if action == .grant, let range = node(.grantOption, { $0.accept(sequence: "WITH", "GRANT", "OPTION") }) {
                grantOptionRange = range
            } else if action == .grant,
                let range = node(.adminOption, { $0.accept(sequence: "WITH", "ADMIN", "OPTION") })
            {
                adminOptionRange = range
            } else if isKeyword("GRANTED"), isKeyword("BY", at: 1) {
                open(.grantedBy)
                index += 2
                _ = try nameNode("a role after GRANTED BY", isUser: true)
                close()
            } else if action == .revoke,
                let token = node(.dropBehavior, { $0.accept("CASCADE") ?? $0.accept("RESTRICT") })
            {
                behavior = token.text.asciiUppercased
            } else {
                break
            }
        }
        close()
        return PrivilegeStatement(
            action: action, privileges: privileges, target: target, grantees: grantees,
            grantOptionRange: grantOptionRange, adminOptionRange: adminOptionRange,
            behavior: behavior)
    }

    /// `ROLE a, ROLE b` (Redshift) or `a, b` (PostgreSQL).
    private mutating func roleReferences() throws(SyntaxError) -> [RoleReference] {
        open(.roleList)
        var references: [RoleReference] = []
        repeat {
            open(.roleReference)
            let keyword = accept("ROLE")
            let name = try nameNode("a role name")
            close()
            references.append(RoleReference(name: name, keywordRange: keyword?.range, keywordOffsets: keyword?.offsets))
        } while acceptPunctuation(",") != nil
        close()
        return references
    }

    /// `ALL [PRIVILEGES] [(cols)]` or a comma list of privileges, each one or more words with optional columns.
    private mutating func privilegeSet() throws(SyntaxError) -> PrivilegeSet {
        if isKeyword("ALL") {
            open(.allPrivileges)
            let all = tokens[index]
            index += 1
            accept("PRIVILEGES")
            let columns = isPunctuation("(") ? try columnListNode() : []
            close()
            return .all(columns: columns, range: range(from: all))
        }
        open(.privilegeList)
        var privileges: [Privilege] = []
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
            let columns = isPunctuation("(") ? try columnListNode() : []
            close()
            privileges.append(
                Privilege(
                    name: words.joined(separator: " "), columns: columns, range: range(from: first),
                    offsets: offsets(from: first)))
        } while acceptPunctuation(",") != nil
        close()
        return .list(privileges)
    }

    /// Object kinds named after ON, with the words that name them; no word is a table.
    static let objectKeywords: [(words: [String], kind: ObjectKind)] = [
        (["DATABASE"], .database), (["SCHEMA"], .schema), (["TABLE"], .table), (["SEQUENCE"], .sequence),
        (["LANGUAGE"], .language), (["COPY", "JOB"], .copyJob),
    ]
    static let routineKeywords: [String: ObjectKind] = [
        "FUNCTION": .function, "PROCEDURE": .procedure, "ROUTINE": .routine,
    ]

    /// `ON …` in GRANT/REVOKE, at ON.
    private mutating func grantObjects() throws(SyntaxError) -> GrantTarget {
        // `ON schema.table`: a word followed by '.' starts a qualified table name, even when it spells an
        // object kind (PostgreSQL reads `schema` as a name there).
        if isPunctuation(".", at: 2) {
            return try objectTarget(kind: .table, explicitKeyword: false, keywords: 0)
        }
        for (words, kind) in Self.objectKeywords
        where words.enumerated().allSatisfy({ isKeyword($0.element, at: 1 + $0.offset) }) {
            return try objectTarget(kind: kind, explicitKeyword: true, keywords: words.count)
        }
        if let word = token(at: 1), word.kind == .word, let kind = Self.routineKeywords[word.text.asciiUppercased] {
            open(.routineTarget)
            index += 2
            var signatures: [RoutineSignature] = []
            repeat {
                open(.routineSignature)
                let name = try qualifiedNameNode("a \(kind.rawValue) name")
                var arguments = ""
                if isPunctuation("(") {
                    let start = index + 1
                    try skipParenthesised()
                    arguments = sourceText(start..<(index - 1))
                }
                close()
                signatures.append(RoutineSignature(name: name, arguments: arguments))
            } while acceptPunctuation(",") != nil
            close()
            return .routines(kind: kind, signatures: signatures)
        }
        if isKeyword("ALL", at: 1), let classWord = token(at: 2), isKeyword("IN", at: 3) {
            open(.allInSchemaTarget)
            guard let kind = Self.allInSchemaKinds[classWord.text.asciiUppercased] else {
                index += 2
                throw failure(expected: "TABLES, FUNCTIONS, PROCEDURES or SEQUENCES after ALL")
            }
            index += 4
            try expect("SCHEMA", "after ALL \(classWord.text.asciiUppercased) IN")
            let schemas = try qualifiedNameListNode("a schema name")
            close()
            return .allInSchema(kind: kind, schemas: schemas)
        }
        return try objectTarget(kind: .table, explicitKeyword: false, keywords: 0)
    }

    /// `ON [kind words] name, …`: ON and `keywords` words, then the names.
    private mutating func objectTarget(
        kind: ObjectKind, explicitKeyword: Bool, keywords: Int
    ) throws(SyntaxError) -> GrantTarget {
        open(.objectTarget)
        index += 1 + keywords
        let context = explicitKeyword ? "a \(kind.rawValue) name" : "a table name after ON"
        let names = try qualifiedNameListNode(context)
        close()
        return .objects(kind: kind, names: names, explicitKeyword: explicitKeyword)
    }

    /// Redshift scoped permissions, at FOR: `FOR TABLES IN SCHEMA s [DATABASE d]`, `FOR SCHEMAS IN DATABASE d`, ….
    private mutating func scopedTarget() throws(SyntaxError) -> GrantTarget {
        open(.scopedTarget)
        let forToken = tokens[index]
        index += 1
        guard let first = current else { throw failure(expected: "SCHEMAS, TABLES, FUNCTIONS or PROCEDURES after FOR") }
        let kind: ObjectKind
        if let known = Self.scopedKinds[first.text.asciiUppercased], first.kind == .word {
            index += 1
            kind = known
        } else if accept(sequence: "COPY", "JOBS") != nil {
            kind = .copyJob
        } else {
            throw failure(expected: "SCHEMAS, TABLES, FUNCTIONS, PROCEDURES, LANGUAGES or COPY JOBS after FOR")
        }
        try expect("IN", "after FOR \(first.text.asciiUppercased)")
        var schema: ObjectName?
        var database: Identifier?
        if accept("SCHEMA") != nil {
            schema = try qualifiedNameNode("a schema name")
            if accept("DATABASE") != nil { database = try nameNode("a database name") }
        } else if accept("DATABASE") != nil {
            database = try nameNode("a database name")
        } else {
            throw failure(expected: "SCHEMA or DATABASE after IN")
        }
        close()
        return .scoped(kind: kind, schema: schema, database: database, range: range(from: forToken))
    }

    /// The object class of ALTER DEFAULT PRIVILEGES, at ON.
    private mutating func defaultObjectClass() throws(SyntaxError) -> GrantTarget {
        open(.defaultObjectsTarget)
        index += 1
        guard let token = current, token.kind == .word, let kind = Self.defaultObjectKinds[token.text.asciiUppercased]
        else {
            throw failure(expected: "TABLES, FUNCTIONS or PROCEDURES after ON")
        }
        index += 1
        close()
        return .defaultObjects(kind: kind, range: token.range)
    }

    /// `PUBLIC | ROLE r | GROUP g | USER u | name`, comma-separated; the keyword belongs to each element.
    private mutating func granteeList() throws(SyntaxError) -> [Grantee] {
        open(.granteeList)
        var grantees: [Grantee] = []
        repeat {
            guard let first = current else { throw failure(expected: "a grantee") }
            open(.grantee)
            if first.isKeyword("PUBLIC") {
                index += 1
                close()
                grantees.append(Grantee(kind: .public, name: nil, range: first.range))
                continue
            }
            if first.kind == .word, let kind = Self.granteeKeywords[first.text.asciiUppercased] {
                // ROLE, GROUP and USER always introduce a name here: `TO ROLE` alone is an error, not a user "role".
                index += 1
                let name = try nameNode(
                    "a \(kind.rawValue) name after \(first.text.asciiUppercased)", isUser: kind == .user)
                close()
                grantees.append(
                    Grantee(
                        kind: kind, name: name, keywordRange: first.range,
                        keywordOffsets: first.offsets, range: range(from: first)))
            } else {
                let name = try nameNode("a grantee (a user, ROLE r, GROUP g or PUBLIC)", isUser: true)
                close()
                grantees.append(Grantee(kind: .unqualified, name: name, range: name.range))
            }
        } while acceptPunctuation(",") != nil
        close()
        return grantees
    }

    /// `ALTER DEFAULT PRIVILEGES [FOR USER|ROLE u, …] [IN SCHEMA s, …] GRANT|REVOKE …` (after DEFAULT PRIVILEGES).
    mutating func parseDefaultPrivileges() throws(SyntaxError) -> StatementKind {
        open(.defaultPrivileges)
        var targetKind: DefaultPrivileges.TargetKind?
        var targets: [Identifier] = []
        var keywordRange: SourceRange?
        var keywordOffsets: Range<Int>?
        var schemas: [ObjectName] = []
        while !isKeyword("GRANT"), !isKeyword("REVOKE") {
            if let forToken = current, forToken.isKeyword("FOR") {
                open(.defaultPrivilegesOwners)
                index += 1
                guard let kindToken = accept("USER") ?? accept("ROLE") else {
                    throw failure(expected: "USER or ROLE after FOR")
                }
                targetKind = kindToken.isKeyword("USER") ? .user : .role
                keywordRange = SourceRange(start: forToken.range.start, end: kindToken.range.end)
                keywordOffsets = forToken.offsets.lowerBound..<kindToken.offsets.upperBound
                targets = try nameListNode("a user name", isUser: true)
                close()
            } else if isKeyword("IN"), isKeyword("SCHEMA", at: 1) {
                open(.defaultPrivilegesSchemas)
                index += 2
                schemas = try qualifiedNameListNode("a schema name")
                close()
            } else {
                throw failure(expected: "FOR USER, IN SCHEMA, GRANT or REVOKE")
            }
        }
        let action = try parsePrivilegeStatement(defaults: true)
        try expectEnd("after the grantee list")
        close()
        return .alterDefaultPrivileges(
            DefaultPrivileges(
                targetKind: targetKind, targets: targets, targetKeywordRange: keywordRange,
                targetKeywordOffsets: keywordOffsets, schemas: schemas, action: action))
    }
}
