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

    private static let allInSchemaKinds: [String: ObjectKind] = [
        "TABLES": .table, "FUNCTIONS": .function, "PROCEDURES": .procedure, "SEQUENCES": .sequence,
        "ROUTINES": .routine,
    ]
    private static let scopedKinds: [String: ObjectKind] = [
        "SCHEMAS": .schema, "TABLES": .table, "FUNCTIONS": .function, "PROCEDURES": .procedure, "LANGUAGES": .language,
    ]
    private static let defaultObjectKinds: [String: ObjectKind] = [
        "TABLES": .table, "FUNCTIONS": .function, "PROCEDURES": .procedure, "SEQUENCES": .sequence,
        "ROUTINES": .routine, "TYPES": .type, "SCHEMAS": .schema,
    ]
    private static let granteeKeywords: [String: Grantee.Kind] = ["ROLE": .role, "GROUP": .group, "USER": .user]
    private static let routineKeywords: [(String, ObjectKind)] = [
        ("FUNCTION", .function), ("PROCEDURE", .procedure), ("ROUTINE", .routine),
    ]

    /// Words that end a privilege's words.
    private static let privilegeTerminators: Set<String> = ["ON", "TO", "FROM", "FOR"]

    /// GRANT … / REVOKE …; `defaults` reads the form nested in ALTER DEFAULT PRIVILEGES (`ON TABLES`).
    mutating func parsePrivilegeStatement(defaults: Bool) throws(SyntaxError) -> PrivilegeStatement {
        guard let verb = advance() else { throw failure(expected: "GRANT or REVOKE") }
        let action: PrivilegeStatement.Action = verb.isKeyword("GRANT") ? .grant : .revoke
        let toWord = action == .grant ? "TO" : "FROM"
        var grantOptionRange: SourceRange?
        var adminOptionRange: SourceRange?
        if action == .revoke {
            grantOptionRange = accept(sequence: "GRANT", "OPTION", "FOR")
            adminOptionRange = accept(sequence: "ADMIN", "OPTION", "FOR")
        }

        var privileges = PrivilegeSet.list([])
        let target: GrantTarget
        if !defaults, isKeyword("ROLE"), !isKeyword("TO", at: 1), !isKeyword("FROM", at: 1) {
            target = .roles(try roleReferences())
            try expect(toWord, "after the role list")
        } else {
            let start = index
            let identifierCount = identifiers.count
            privileges = try privilegeSet()
            if accept("ON") != nil {
                target = defaults ? try defaultObjectClass() : try grantObjects()
                try expect(toWord, "after the object list")
            } else if !defaults, let forToken = accept("FOR") {
                target = try scopedTarget(from: forToken)
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
            if action == .grant, let range = accept(sequence: "WITH", "GRANT", "OPTION") {
                grantOptionRange = range
            } else if action == .grant, let range = accept(sequence: "WITH", "ADMIN", "OPTION") {
                adminOptionRange = range
            } else if accept(sequence: "GRANTED", "BY") != nil {
                _ = try identifier("a role after GRANTED BY", isUser: true)
            } else if action == .revoke, let token = accept("CASCADE") ?? accept("RESTRICT") {
                behavior = token.text.asciiUppercased
            } else {
                break
            }
        }
        return PrivilegeStatement(
            action: action, privileges: privileges, target: target, grantees: grantees,
            grantOptionRange: grantOptionRange, adminOptionRange: adminOptionRange,
            behavior: behavior)
    }

    /// `ROLE a, ROLE b` (Redshift) or `a, b` (PostgreSQL).
    private mutating func roleReferences() throws(SyntaxError) -> [RoleReference] {
        var references: [RoleReference] = []
        repeat {
            let keyword = accept("ROLE")
            let name = try identifier("a role name")
            references.append(RoleReference(name: name, keywordRange: keyword?.range, keywordOffsets: keyword?.offsets))
        } while acceptPunctuation(",") != nil
        return references
    }

    /// `ALL [PRIVILEGES] [(cols)]` or a comma list of privileges, each one or more words with optional columns.
    private mutating func privilegeSet() throws(SyntaxError) -> PrivilegeSet {
        if let all = accept("ALL") {
            accept("PRIVILEGES")
            let columns = isPunctuation("(") ? try columnList() : []
            return .all(columns: columns, range: range(from: all))
        }
        var privileges: [Privilege] = []
        repeat {
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
            let columns = isPunctuation("(") ? try columnList() : []
            privileges.append(
                Privilege(
                    name: words.joined(separator: " "), columns: columns, range: range(from: first),
                    offsets: offsets(from: first)))
        } while acceptPunctuation(",") != nil
        return .list(privileges)
    }

    /// What follows ON in GRANT/REVOKE.
    private mutating func grantObjects() throws(SyntaxError) -> GrantTarget {
        // `ON schema.table`: a word followed by '.' starts a qualified table name, even when it spells an
        // object kind (PostgreSQL reads `schema` as a name there).
        if isPunctuation(".", at: 1) {
            return .objects(kind: .table, names: try objectNameList("a table name after ON"), explicitKeyword: false)
        }
        if accept("DATABASE") != nil {
            return .objects(kind: .database, names: try objectNameList("a database name"), explicitKeyword: true)
        }
        if accept("SCHEMA") != nil {
            return .objects(kind: .schema, names: try objectNameList("a schema name"), explicitKeyword: true)
        }
        if accept("TABLE") != nil {
            return .objects(kind: .table, names: try objectNameList("a table name"), explicitKeyword: true)
        }
        if accept("SEQUENCE") != nil {
            return .objects(kind: .sequence, names: try objectNameList("a sequence name"), explicitKeyword: true)
        }
        if accept("LANGUAGE") != nil {
            return .objects(kind: .language, names: try objectNameList("a language name"), explicitKeyword: true)
        }
        if accept(sequence: "COPY", "JOB") != nil {
            return .objects(kind: .copyJob, names: try objectNameList("a copy job name"), explicitKeyword: true)
        }
        for (keyword, kind) in Self.routineKeywords where accept(keyword) != nil {
            var signatures: [RoutineSignature] = []
            repeat {
                let name = try objectName("a \(kind.rawValue) name")
                var arguments = ""
                if isPunctuation("(") {
                    let start = index + 1
                    try skipParenthesised()
                    arguments = sourceText(start..<(index - 1))
                }
                signatures.append(RoutineSignature(name: name, arguments: arguments))
            } while acceptPunctuation(",") != nil
            return .routines(kind: kind, signatures: signatures)
        }
        if isKeyword("ALL"), let classWord = token(at: 1), isKeyword("IN", at: 2) {
            guard let kind = Self.allInSchemaKinds[classWord.text.asciiUppercased] else {
                index += 1
                throw failure(expected: "TABLES, FUNCTIONS, PROCEDURES or SEQUENCES after ALL")
            }
            index += 3
            try expect("SCHEMA", "after ALL \(classWord.text.asciiUppercased) IN")
            return .allInSchema(kind: kind, schemas: try objectNameList("a schema name"))
        }
        return .objects(kind: .table, names: try objectNameList("a table name after ON"), explicitKeyword: false)
    }

    /// Redshift scoped permissions: `FOR TABLES IN SCHEMA s [DATABASE d]`, `FOR SCHEMAS IN DATABASE d`, ….
    private mutating func scopedTarget(from forToken: Token) throws(SyntaxError) -> GrantTarget {
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
            schema = try objectName("a schema name")
            if accept("DATABASE") != nil { database = try identifier("a database name") }
        } else if accept("DATABASE") != nil {
            database = try identifier("a database name")
        } else {
            throw failure(expected: "SCHEMA or DATABASE after IN")
        }
        return .scoped(kind: kind, schema: schema, database: database, range: range(from: forToken))
    }

    /// The object class of ALTER DEFAULT PRIVILEGES.
    private mutating func defaultObjectClass() throws(SyntaxError) -> GrantTarget {
        guard let token = current, token.kind == .word, let kind = Self.defaultObjectKinds[token.text.asciiUppercased]
        else {
            throw failure(expected: "TABLES, FUNCTIONS or PROCEDURES after ON")
        }
        index += 1
        return .defaultObjects(kind: kind, range: token.range)
    }

    /// `PUBLIC | ROLE r | GROUP g | USER u | name`, comma-separated; the keyword belongs to each element.
    private mutating func granteeList() throws(SyntaxError) -> [Grantee] {
        var grantees: [Grantee] = []
        repeat {
            guard let first = current else { throw failure(expected: "a grantee") }
            if first.isKeyword("PUBLIC") {
                index += 1
                grantees.append(Grantee(kind: .public, name: nil, range: first.range))
                continue
            }
            if first.kind == .word, let kind = Self.granteeKeywords[first.text.asciiUppercased] {
                // ROLE, GROUP and USER always introduce a name here: `TO ROLE` alone is an error, not a user "role".
                index += 1
                let name = try identifier(
                    "a \(kind.rawValue) name after \(first.text.asciiUppercased)", isUser: kind == .user)
                grantees.append(
                    Grantee(
                        kind: kind, name: name, keywordRange: first.range,
                        keywordOffsets: first.offsets, range: range(from: first)))
            } else {
                let name = try identifier("a grantee (a user, ROLE r, GROUP g or PUBLIC)", isUser: true)
                grantees.append(Grantee(kind: .unqualified, name: name, range: name.range))
            }
        } while acceptPunctuation(",") != nil
        return grantees
    }

    /// `ALTER DEFAULT PRIVILEGES [FOR USER|ROLE u, …] [IN SCHEMA s, …] GRANT|REVOKE …` (after DEFAULT PRIVILEGES).
    mutating func parseDefaultPrivileges() throws(SyntaxError) -> StatementKind {
        var targetKind: DefaultPrivileges.TargetKind?
        var targets: [Identifier] = []
        var keywordRange: SourceRange?
        var keywordOffsets: Range<Int>?
        var schemas: [ObjectName] = []
        while !isKeyword("GRANT"), !isKeyword("REVOKE") {
            if let forToken = accept("FOR") {
                guard let kindToken = accept("USER") ?? accept("ROLE") else {
                    throw failure(expected: "USER or ROLE after FOR")
                }
                targetKind = kindToken.isKeyword("USER") ? .user : .role
                keywordRange = SourceRange(start: forToken.range.start, end: kindToken.range.end)
                keywordOffsets = forToken.offsets.lowerBound..<kindToken.offsets.upperBound
                targets = try identifierList("a user name", isUser: true)
            } else if accept(sequence: "IN", "SCHEMA") != nil {
                schemas = try objectNameList("a schema name")
            } else {
                throw failure(expected: "FOR USER, IN SCHEMA, GRANT or REVOKE")
            }
        }
        let action = try parsePrivilegeStatement(defaults: true)
        try expectEnd("after the grantee list")
        return .alterDefaultPrivileges(
            DefaultPrivileges(
                targetKind: targetKind, targets: targets, targetKeywordRange: keywordRange,
                targetKeywordOffsets: keywordOffsets, schemas: schemas, action: action))
    }
}
