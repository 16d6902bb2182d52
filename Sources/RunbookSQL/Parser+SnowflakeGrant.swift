import RunbookDiagnostics

// Snowflake's GRANT and REVOKE in every form (https://docs.snowflake.com/en/sql-reference/sql/grant-privilege,
// …/grant-ownership, …/grant-role, …/grant-database-role, …/grant-privilege-share, …/revoke-privilege,
// …/revoke-role): privileges ON ACCOUNT, ON <type> <name>, ON ALL | FUTURE <types> IN SCHEMA | DATABASE; ROLE
// and DATABASE ROLE grants; one grantee, `[ROLE] r | USER u | DATABASE ROLE d.r | SHARE s | APPLICATION a`.
extension StatementParser {
    /// GRANT or REVOKE, at its verb: builds the `.privilegeStatement` node its kind is lowered from.
    mutating func parseSnowflakePrivilegeStatement() throws(SyntaxError) -> StatementKind {
        open(.privilegeStatement)
        guard let verb = advance() else { throw failure(expected: "GRANT or REVOKE") }
        let isGrant = verb.isKeyword(.grant)
        let toWord: Keyword = isGrant ? .to : .from
        if !isGrant { _ = node(.optionFor) { $0.accept(sequence: .grant, .option, .for) } }

        if accept(sequence: .application, .role) != nil {
            // An application's role: outside the model, read for its names.
            _ = try objectName("an application role name")
            try expect(toWord, "after the application role")
            open(.granteeList)
            try snowflakeGrantee()
            close()
            try expectEnd("after the grantee")
            return .opaque(keyword: verb.text.asciiUppercased + " APPLICATION ROLE")
        } else if isKeyword(.role) || (isKeyword(.database) && isKeyword(.role, at: 1)) {
            try snowflakeRoleReferences()
            try expect(toWord, "after the role")
        } else {
            try snowflakePrivilegeSet()
            try expect(.on, "after the privilege list")
            try snowflakeGrantTarget()
            try expect(toWord, "after the object")
        }
        open(.granteeList)
        try snowflakeGrantee()
        close()
        if isPunctuation(",") {
            throw SyntaxError(OneGranteeMessage(verb: verb.text.asciiUppercased), at: current?.range ?? end)
        }
        while !atEnd {
            if isGrant, node(.grantOption, { $0.accept(sequence: .with, .grant, .option) }) != nil {
                continue
            } else if isGrant,
                node(
                    .currentGrants,
                    {
                        $0.accept(sequence: .copy, .current, .grants)
                            ?? $0.accept(sequence: .revoke, .current, .grants)
                    }) != nil
            {
                continue
            } else if !isGrant, node(.dropBehavior, { $0.accept(.cascade) ?? $0.accept(.restrict) }) != nil {
                continue
            } else {
                break
            }
        }
        try expectEnd("after the grantee")
        close()
        return try lowered()
    }

    /// `ROLE r` or `DATABASE ROLE [d.]r`, comma-separated.
    private mutating func snowflakeRoleReferences() throws(SyntaxError) {
        open(.roleList)
        defer { close() }
        repeat {
            open(.roleReference)
            defer { close() }
            if accept(sequence: .database, .role) != nil {
                let name = try qualifiedNameNode("a database role name")
                guard name.parts.count <= 2 else { throw failure(expected: "a database role name, database.role") }
            } else if accept(.role) != nil {
                try nameNode("a role name after ROLE")
            } else {
                throw failure(expected: "ROLE or DATABASE ROLE")
            }
        } while acceptPunctuation(",") != nil
    }

    /// `ALL [PRIVILEGES]`, or privileges of one or more words (`USAGE`, `CREATE SCHEMA`, `IMPORTED PRIVILEGES`,
    /// `APPLY MASKING POLICY`), comma-separated.
    private mutating func snowflakePrivilegeSet() throws(SyntaxError) {
        if isKeyword(.all) {
            open(.allPrivileges)
            index += 1
            accept(.privileges)
            close()
            return
        }
        open(.privilegeList)
        defer { close() }
        repeat {
            open(.privilege)
            defer { close() }
            guard let first = current, first.kind == .word, !first.isKeyword(.on) else {
                throw failure(expected: "a privilege")
            }
            while let word = current, word.kind == .word, !word.isKeyword(.on), !word.isKeyword(.to),
                !word.isKeyword(.from)
            {
                index += 1
            }
        } while acceptPunctuation(",") != nil
    }

    /// What follows ON.
    private mutating func snowflakeGrantTarget() throws(SyntaxError) {
        // The target's node starts at ON, read by the caller.
        let on = index - 1
        if isKeyword(.account) {
            open(.accountTarget, at: on)
            index += 1
            close()
            return
        }
        if let word = current, word.isKeyword(.all) || word.isKeyword(.future) {
            open(.bulkTarget, at: on)
            defer { close() }
            index += 1
            var words: [String] = []
            while let token = current, token.kind == .word, !token.isKeyword(.in) {
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
            try expect(.in, "after \(word.text.asciiUppercased) \(plural)")
            if accept(.schema) != nil {
                try qualifiedNameNode("a schema name after IN SCHEMA")
            } else if accept(.database) != nil {
                try qualifiedNameNode("a database name after IN DATABASE")
            } else {
                throw failure(expected: "SCHEMA or DATABASE after IN")
            }
            return
        }
        if let (_, kind) = snowflakeObjectType() {
            let isRoutine = kind == .function || kind == .procedure
            open(isRoutine ? .routineTarget : .objectTarget, at: on)
            defer { close() }
            guard isRoutine else {
                try qualifiedNameListNode("a name")
                return
            }
            repeat {
                open(.routineSignature)
                defer { close() }
                try qualifiedNameNode("a \(kind.rawValue) name")
                if isPunctuation("(") { try skipParenthesised() }
            } while acceptPunctuation(",") != nil
            return
        }
        open(.objectTarget, at: on)
        defer { close() }
        // An object type this grammar has no entry for (a newer Snowflake object): its words come before the
        // name, which is the last word before TO or FROM.
        var typeWords = 0
        while let word = current, word.kind == .word, !atIdentifierFunction, let next = token(at: 1),
            next.kind == .word, !next.isKeyword(.to), !next.isKeyword(.from)
        {
            typeWords += 1
            index += 1
        }
        if typeWords > 0 {
            let phrase = sourceText((index - typeWords)..<index).asciiUppercased
            try rejectMisspeltType(phrase, words: (index - typeWords)..<index, among: SnowflakeObjectTypes.singular)
        }
        try qualifiedNameListNode("a name after ON")
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
    private mutating func snowflakeGrantee() throws(SyntaxError) {
        guard let keyword = current else {
            throw failure(expected: "a grantee (ROLE r, USER u, DATABASE ROLE d.r, SHARE s)")
        }
        open(.grantee)
        defer { close() }
        if accept(sequence: .database, .role) != nil || accept(sequence: .application, .role) != nil {
            let isDatabaseRole = keyword.isKeyword(.database)
            let name = try qualifiedNameNode(isDatabaseRole ? "a database role name" : "an application role name")
            guard name.parts.count <= 2 else { throw failure(expected: "a role name, database.role") }
            return
        }
        let kinds: [(Keyword, Grantee.Kind)] = [
            (.role, .role), (.user, .user), (.share, .share), (.application, .application),
        ]
        for (word, kind) in kinds where isKeyword(word) {
            index += 1
            if kind == .share {
                // A share of another account: `account.share`.
                try qualifiedNameNode("a share name after SHARE")
            } else {
                try nameNode("a \(kind.rawValue) name after \(word.spelling)", isUser: kind == .user)
            }
            return
        }
        // `TO r`: ROLE is optional in Snowflake.
        try nameNode("a grantee (ROLE r, USER u, DATABASE ROLE d.r, SHARE s)")
    }
}
