import RunbookDiagnostics

// Snowflake's GRANT and REVOKE in every form (https://docs.snowflake.com/en/sql-reference/sql/grant-privilege,
// …/grant-ownership, …/grant-role, …/grant-database-role, …/grant-privilege-share, …/revoke-privilege,
// …/revoke-role): privileges ON ACCOUNT, ON <type> <name>, ON ALL | FUTURE <types> IN SCHEMA | DATABASE; ROLE
// and DATABASE ROLE grants; one grantee, `[ROLE] r | USER u | DATABASE ROLE d.r | SHARE s | APPLICATION a`.
extension StatementParser {
    /// GRANT or REVOKE, at its verb.
    mutating func parseSnowflakePrivilegeStatement() throws(SyntaxError) -> StatementKind {
        open(.privilegeStatement)
        guard let verb = advance() else { throw failure(expected: "GRANT or REVOKE") }
        let action: PrivilegeStatement.Action = verb.isKeyword("GRANT") ? .grant : .revoke
        let toWord = action == .grant ? "TO" : "FROM"
        var grantOptionRange =
            action == .revoke ? node(.optionFor) { $0.accept(sequence: "GRANT", "OPTION", "FOR") } : nil

        var privileges = PrivilegeSet.list([])
        let target: GrantTarget
        if accept(sequence: "APPLICATION", "ROLE") != nil {
            // An application's role: outside the model, read for its names.
            _ = try objectName("an application role name")
            try expect(toWord, "after the application role")
            _ = try snowflakeGrantee()
            try expectEnd("after the grantee")
            return .opaque(keyword: verb.text.asciiUppercased + " APPLICATION ROLE")
        } else if isKeyword("ROLE") || (isKeyword("DATABASE") && isKeyword("ROLE", at: 1)) {
            target = .roles(try snowflakeRoleReferences())
            try expect(toWord, "after the role")
        } else {
            privileges = try snowflakePrivilegeSet()
            try expect("ON", "after the privilege list")
            target = try snowflakeGrantTarget()
            try expect(toWord, "after the object")
        }
        open(.granteeList)
        let grantee = try snowflakeGrantee()
        close()
        if isPunctuation(",") {
            throw SyntaxError(OneGranteeMessage(verb: verb.text.asciiUppercased), at: current?.range ?? end)
        }
        var behavior: String?
        var currentGrants: String?
        while !atEnd {
            if action == .grant, let range = node(.grantOption, { $0.accept(sequence: "WITH", "GRANT", "OPTION") }) {
                grantOptionRange = range
            } else if action == .grant,
                node(
                    .currentGrants,
                    {
                        $0.accept(sequence: "COPY", "CURRENT", "GRANTS")
                            ?? $0.accept(sequence: "REVOKE", "CURRENT", "GRANTS")
                    }) != nil
            {
                currentGrants = tokens[index - 3].text.asciiUppercased
            } else if action == .revoke,
                let token = node(.dropBehavior, { $0.accept("CASCADE") ?? $0.accept("RESTRICT") })
            {
                behavior = token.text.asciiUppercased
            } else {
                break
            }
        }
        try expectEnd("after the grantee")
        close()
        let statement = PrivilegeStatement(
            action: action, privileges: privileges, target: target, grantees: [grantee],
            grantOptionRange: grantOptionRange, behavior: behavior, currentGrants: currentGrants)
        return action == .grant ? .grant(statement) : .revoke(statement)
    }

    /// `ROLE r` or `DATABASE ROLE [d.]r`, comma-separated.
    private mutating func snowflakeRoleReferences() throws(SyntaxError) -> [RoleReference] {
        open(.roleList)
        defer { close() }
        var references: [RoleReference] = []
        repeat {
            guard let keyword = current else { throw failure(expected: "ROLE or DATABASE ROLE") }
            open(.roleReference)
            defer { close() }
            if accept(sequence: "DATABASE", "ROLE") != nil {
                let keywordEnd = tokens[index - 1]
                let name = try qualifiedNameNode("a database role name")
                guard let role = name.parts.last, name.parts.count <= 2 else {
                    throw failure(expected: "a database role name, database.role")
                }
                references.append(
                    RoleReference(
                        name: role, isDatabaseRole: true, database: name.parts.count == 2 ? name.parts.first : nil,
                        keywordRange: SourceRange(start: keyword.range.start, end: keywordEnd.range.end),
                        keywordOffsets: keyword.offsets.lowerBound..<keywordEnd.offsets.upperBound))
            } else if accept("ROLE") != nil {
                let name = try nameNode("a role name after ROLE")
                references.append(
                    RoleReference(name: name, keywordRange: keyword.range, keywordOffsets: keyword.offsets))
            } else {
                throw failure(expected: "ROLE or DATABASE ROLE")
            }
        } while acceptPunctuation(",") != nil
        return references
    }

    /// `ALL [PRIVILEGES]`, or privileges of one or more words (`USAGE`, `CREATE SCHEMA`, `IMPORTED PRIVILEGES`,
    /// `APPLY MASKING POLICY`), comma-separated.
    private mutating func snowflakePrivilegeSet() throws(SyntaxError) -> PrivilegeSet {
        if let all = current, all.isKeyword("ALL") {
            open(.allPrivileges)
            index += 1
            accept("PRIVILEGES")
            close()
            return .all(columns: [], range: range(from: all))
        }
        open(.privilegeList)
        defer { close() }
        var privileges: [Privilege] = []
        repeat {
            open(.privilege)
            defer { close() }
            guard let first = current, first.kind == .word, !first.isKeyword("ON") else {
                throw failure(expected: "a privilege")
            }
            var words: [String] = []
            while let word = current, word.kind == .word, !word.isKeyword("ON"), !word.isKeyword("TO"),
                !word.isKeyword("FROM")
            {
                words.append(word.text.asciiUppercased)
                index += 1
            }
            privileges.append(
                Privilege(
                    name: words.joined(separator: " "), range: range(from: first), offsets: offsets(from: first)))
        } while acceptPunctuation(",") != nil
        return .list(privileges)
    }

    /// What follows ON.
    private mutating func snowflakeGrantTarget() throws(SyntaxError) -> GrantTarget {
        // The target's node starts at ON, read by the caller.
        let on = index - 1
        if isKeyword("ACCOUNT") {
            open(.accountTarget, at: on)
            index += 1
            close()
            return .account
        }
        if let word = current, word.isKeyword("ALL") || word.isKeyword("FUTURE") {
            open(.bulkTarget, at: on)
            defer { close() }
            index += 1
            let isFuture = word.isKeyword("FUTURE")
            var words: [String] = []
            while let token = current, token.kind == .word, !token.isKeyword("IN") {
                words.append(token.text.asciiUppercased)
                index += 1
            }
            let plural = words.joined(separator: " ")
            guard !words.isEmpty else {
                throw failure(
                    expected: "the kind of objects after \(word.text.asciiUppercased) (TABLES, VIEWS, SCHEMAS …)")
            }
            if SnowflakeObjectTypes.plural[plural] == nil {
                try rejectMisspeltType(plural, words: (index - words.count)..<index, among: SnowflakeObjectTypes.plural)
            }
            let kind = SnowflakeObjectTypes.plural[plural] ?? .otherSnowflake
            try expect("IN", "after \(word.text.asciiUppercased) \(plural)")
            if accept("SCHEMA") != nil {
                let schema = try qualifiedNameNode("a schema name after IN SCHEMA")
                return isFuture
                    ? .future(kind: kind, schema: schema, database: nil, range: range(from: word))
                    : .allInSchema(kind: kind, schemas: [schema])
            }
            if accept("DATABASE") != nil {
                let database = try qualifiedNameNode("a database name after IN DATABASE")
                return isFuture
                    ? .future(kind: kind, schema: nil, database: database, range: range(from: word))
                    : .allInDatabase(kind: kind, database: database)
            }
            throw failure(expected: "SCHEMA or DATABASE after IN")
        }
        if let (_, kind) = snowflakeObjectType() {
            let isRoutine = kind == .function || kind == .procedure
            open(isRoutine ? .routineTarget : .objectTarget, at: on)
            defer { close() }
            if isRoutine {
                var signatures: [RoutineSignature] = []
                repeat {
                    open(.routineSignature)
                    defer { close() }
                    let name = try qualifiedNameNode("a \(kind.rawValue) name")
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
            return .objects(kind: kind, names: try qualifiedNameListNode("a name"), explicitKeyword: true)
        }
        open(.objectTarget, at: on)
        defer { close() }
        // An object type this grammar has no entry for (a newer Snowflake object): its words come before the
        // name, which is the last word before TO or FROM.
        var typeWords = 0
        while let word = current, word.kind == .word, !atIdentifierFunction, let next = token(at: 1),
            next.kind == .word, !next.isKeyword("TO"), !next.isKeyword("FROM")
        {
            typeWords += 1
            index += 1
        }
        if typeWords > 0 {
            let phrase = sourceText((index - typeWords)..<index).asciiUppercased
            try rejectMisspeltType(phrase, words: (index - typeWords)..<index, among: SnowflakeObjectTypes.singular)
        }
        let names = try qualifiedNameListNode("a name after ON")
        return .objects(kind: typeWords > 0 ? .otherSnowflake : .table, names: names, explicitKeyword: typeWords > 0)
    }

    /// An object type the grammar does not know, one or two letters from one it does (`WAREHOSUE`, `TABLS`), is a
    /// misspelling: reported with the repair rather than read as a type of its own.
    private func rejectMisspeltType(
        _ phrase: String, words: Range<Int>, among types: [String: ObjectKind]
    ) throws(SyntaxError) {
        guard let suggestion = Suggestion.closest(to: phrase, in: types.keys) else { return }
        let written = sourceText(words)
        let replacement = written == written.asciiLowercased ? suggestion.asciiLowercased : suggestion
        let range = SourceRange(
            start: tokens[words.lowerBound].range.start, end: tokens[words.upperBound - 1].range.end)
        throw SyntaxError(
            UnknownWordMessage(what: "object type", written: written, suggestion: suggestion), at: range,
            fixIts: [FixIt("replace with \(replacement)", range: range, replacement: replacement, applicability: .safe)]
        )
    }

    /// `[ROLE] r`, `USER u`, `DATABASE ROLE [d.]r`, `SHARE s`, `APPLICATION a`, `APPLICATION ROLE a.r`.
    private mutating func snowflakeGrantee() throws(SyntaxError) -> Grantee {
        guard let keyword = current else {
            throw failure(expected: "a grantee (ROLE r, USER u, DATABASE ROLE d.r, SHARE s)")
        }
        open(.grantee)
        defer { close() }
        if accept(sequence: "DATABASE", "ROLE") != nil || accept(sequence: "APPLICATION", "ROLE") != nil {
            let isDatabaseRole = keyword.isKeyword("DATABASE")
            let keywordEnd = tokens[index - 1]
            let keywordRange = SourceRange(start: keyword.range.start, end: keywordEnd.range.end)
            let name = try qualifiedNameNode(isDatabaseRole ? "a database role name" : "an application role name")
            guard let role = name.parts.last, name.parts.count <= 2 else {
                throw failure(expected: "a role name, database.role")
            }
            return Grantee(
                kind: isDatabaseRole ? .databaseRole : .application, name: role,
                database: name.parts.count == 2 ? name.parts.first : nil, keywordRange: keywordRange,
                keywordOffsets: keyword.offsets.lowerBound..<keywordEnd.offsets.upperBound,
                range: range(from: keyword))
        }
        let kinds: [(String, Grantee.Kind)] = [
            ("ROLE", .role), ("USER", .user), ("SHARE", .share), ("APPLICATION", .application),
        ]
        for (word, kind) in kinds where isKeyword(word) {
            index += 1
            let name: Identifier
            if kind == .share {
                // A share of another account: `account.share`.
                name = try qualifiedNameNode("a share name after SHARE").name ?? makeIdentifier(keyword, isUser: false)
            } else {
                name = try nameNode("a \(kind.rawValue) name after \(word)", isUser: kind == .user)
            }
            return Grantee(
                kind: kind, name: name, keywordRange: keyword.range, keywordOffsets: keyword.offsets,
                range: range(from: keyword))
        }
        // `TO r`: ROLE is optional in Snowflake.
        let name = try nameNode("a grantee (ROLE r, USER u, DATABASE ROLE d.r, SHARE s)")
        return Grantee(kind: .role, name: name, range: name.range)
    }
}
