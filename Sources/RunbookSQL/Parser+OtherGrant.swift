import RunbookDiagnostics

// Redshift's GRANT and REVOKE families outside the privilege model, read by a grammar of their own instead of
// being skipped: ASSUMEROLE, Lake Formation's EXTERNAL TABLE and EXTERNAL SCHEMA to IAM roles, datashares and
// their consumers (NAMESPACE, ACCOUNT … VIA DATA CATALOG), models, and lookup tables and functions granted to
// RLS and masking policies (https://docs.aws.amazon.com/redshift/latest/dg/r_GRANT.html,
// https://docs.aws.amazon.com/redshift/latest/dg/r_REVOKE.html). The statement stays an `.otherGrant` node,
// lowered to `.opaque` from its tokens; only its words are checked, so `GRANT USAGE ON DTAASHARE s TO NAMESPACE`
// and `TO RLOE r` are mistakes at their word.
extension StatementParser {
    /// The privileges these families grant; a word one edit from one gets "did you mean".
    private static let otherGrantPrivileges: [String] = [
        "ALTER", "CREATE", "DELETE", "DROP", "EXECUTE", "INSERT", "REFERENCES", "SELECT", "SHARE", "TEMP",
        "TEMPORARY", "TRUNCATE", "UPDATE", "USAGE",
    ]

    /// What ASSUMEROLE is granted for.
    private static let assumeRoleCommands: [Keyword] = [.all, .copy, .unload, .external, .create]

    /// The object kinds after ON, besides a bare name (a table, or a datashare in `ON salesshare TO ACCOUNT`).
    private static let otherGrantObjectWords: [Keyword] = [
        .external, .datashare, .model, .table, .function, .database, .schema,
    ]

    /// Whether this family has a grammar here: Redshift's, and not templates, workgroups or policies as objects,
    /// whose reference forms are read as before (the rest kept balanced).
    func readsOtherGrant() -> Bool {
        guard dialect.syntax.contains(.redshiftObjects) else { return false }
        for position in startIndex..<endIndex where tokens[position].isKeyword(.on) && position + 1 < endIndex {
            let object = tokens[position + 1]
            if object.isKeyword(oneOf: [.template, .workgroup, .policy, .rls, .masking]) { return false }
            // `ON 'arn'` belongs to ASSUMEROLE only.
            return object.kind != .string || isAssumeRole
        }
        return true
    }

    private var isAssumeRole: Bool {
        var position = startIndex + 1
        while position < endIndex, tokens[position].isKeyword(oneOf: [.grant, .option, .for]) { position += 1 }
        return position < endIndex && tokens[position].isKeyword(.assumerole)
    }

    /// The statement from its GRANT or REVOKE to its end.
    mutating func parseOtherGrant() throws(SyntaxError) {
        guard let verb = advance() else { throw failure(expected: "GRANT or REVOKE") }
        let isGrant = verb.isKeyword(.grant)
        let toWord: Keyword = isGrant ? .to : .from
        if !isGrant { accept(sequence: .grant, .option, .for) }
        if accept(.assumerole) != nil {
            try expect(.on, "after ASSUMEROLE")
            if accept(.default) == nil, accept(.all) == nil {
                repeat {
                    try stringValue("(IAM role ARNs), DEFAULT or ALL after ASSUMEROLE ON")
                } while acceptPunctuation(",") != nil
            }
            try expect(toWord, "after the roles")
            try otherGrantees(toWord)
            try expect(.for, "after the grantee list")
            try assumeRoleCommandList()
        } else {
            try otherPrivileges()
            try expect(.on, "after the privilege list")
            try otherGrantObjects()
            try expect(toWord, "after the object list")
            try otherGrantees(toWord)
        }
        if isGrant {
            accept(sequence: .with, .grant, .option)
        } else {
            _ = accept(.cascade) ?? accept(.restrict)
        }
        try expectEnd("after the grantee list")
    }

    /// `ALL [PRIVILEGES] [(columns)]` or privileges, each with its columns.
    private mutating func otherPrivileges() throws(SyntaxError) {
        if accept(.all) != nil {
            accept(.privileges)
            if isPunctuation("(") { _ = try columnList() }
            return
        }
        repeat {
            guard let word = current, word.kind == .word,
                Self.otherGrantPrivileges.contains(word.text.asciiUppercased)
            else {
                throw misplacedWord(
                    expected: "a privilege (SELECT, USAGE, ALTER, SHARE, EXECUTE …)", among: Self.otherGrantPrivileges)
            }
            index += 1
            if isPunctuation("(") { _ = try columnList() }
        } while acceptPunctuation(",") != nil
    }

    /// `FOR ALL | COPY | UNLOAD | EXTERNAL FUNCTION | CREATE MODEL, …`.
    private mutating func assumeRoleCommandList() throws(SyntaxError) {
        repeat {
            if accept(.external) != nil {
                try expect(.function, "after EXTERNAL")
            } else if accept(.create) != nil {
                try expect(.model, "after CREATE")
            } else if accept(.all) ?? accept(.copy) ?? accept(.unload) == nil {
                throw misplacedWord(
                    expected: "ALL, COPY, UNLOAD, EXTERNAL FUNCTION or CREATE MODEL after FOR",
                    among: Self.assumeRoleCommands)
            }
        } while acceptPunctuation(",") != nil
    }

    /// After ON: `EXTERNAL TABLE | EXTERNAL SCHEMA | DATASHARE | MODEL | TABLE | DATABASE | SCHEMA names`,
    /// `FUNCTION f(types), …`, or names.
    private mutating func otherGrantObjects() throws(SyntaxError) {
        if accept(.external) != nil {
            guard accept(.table) ?? accept(.schema) != nil else {
                throw misplacedWord(expected: "TABLE or SCHEMA after EXTERNAL", among: [Keyword.table, .schema])
            }
        } else if accept(.function) != nil {
            repeat {
                _ = try objectName("a function name after FUNCTION")
                try signature()
            } while acceptPunctuation(",") != nil
            return
        } else if let word = current, word.kind == .word, !isPunctuation(".", at: 1),
            let kind = Self.otherGrantObjectWords.first(where: { word.isKeyword($0) }), kind != .external
        {
            index += 1
        } else if let word = current, word.kind == .word, isKeyword(.to, at: 1) || isKeyword(.from, at: 1) {
            // `ON salesshare TO ACCOUNT …`: the name alone.
        } else if let word = current, word.kind == .word, !isPunctuation(".", at: 1), token(at: 1)?.kind == .word {
            // Two words where an object kind and its name belong: the first a misspelt kind (`ON DTAASHARE s`).
            throw misplacedWord(
                expected: "DATASHARE, MODEL, TABLE, EXTERNAL TABLE, EXTERNAL SCHEMA, FUNCTION or a name after ON",
                among: Self.otherGrantObjectWords)
        }
        _ = try objectNameList("a name after ON")
    }

    /// `NAMESPACE 'guid' | ACCOUNT 'id' [VIA DATA CATALOG] | IAM_ROLE 'arn' | RLS POLICY p | MASKING POLICY p |
    /// PUBLIC | ROLE r | GROUP g | USER u | name`, comma-separated.
    private mutating func otherGrantees(_ toWord: Keyword) throws(SyntaxError) {
        let context = "after \(toWord.spelling)"
        repeat {
            if accept(.namespace) != nil {
                try stringValue("(a namespace GUID) after NAMESPACE")
            } else if accept(.account) != nil {
                try stringValue("(an account number) after ACCOUNT")
                if accept(.via) != nil {
                    try expect(.data, "after VIA")
                    try expect(.catalog, "after VIA DATA")
                }
            } else if accept(.iamRole) != nil {
                if accept(.default) == nil { try stringValue("(an IAM role ARN) or DEFAULT after IAM_ROLE") }
            } else if accept(.rls) ?? accept(.masking) != nil {
                try expect(.policy, "after \(tokens[index - 1].text.asciiUppercased)")
                _ = try objectName("a policy name")
            } else if accept(.public) != nil {
                continue
            } else if accept(.role) ?? accept(.group) ?? accept(.user) != nil {
                _ = try identifier("a name after \(tokens[index - 1].text.asciiUppercased)", isUser: true)
            } else if let word = current, word.kind == .word, let next = token(at: 1),
                next.kind == .string || next.kind == .word && Keyword(next) == nil
            {
                // A word before the grantee's name is a kind: `TO RLOE analyst`, `TO NMAESPACE '…'`.
                throw misplacedWord(
                    expected: "a grantee (a user, ROLE r, GROUP g, PUBLIC, NAMESPACE, ACCOUNT, IAM_ROLE) \(context)",
                    among: [Keyword.role, .group, .user, .public, .namespace, .account, .iamRole])
            } else {
                _ = try identifier("a grantee \(context)", isUser: true)
            }
        } while acceptPunctuation(",") != nil
    }
}
