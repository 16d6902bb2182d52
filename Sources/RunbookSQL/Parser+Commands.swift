import RunbookDiagnostics

// Statements outside the privilege model: COPY, UNLOAD, VACUUM, ANALYZE, EXPLAIN, TRUNCATE, CALL, USE,
// REFRESH MATERIALIZED VIEW, ATTACH/DETACH … POLICY, DESC DATASHARE and PostgreSQL's utility statements.
// Each is read far enough to record the names it touches and to find a malformed one, as an `.otherStatement`
// node named by its first word; it is lowered to `.opaque`.
extension StatementParser {
    mutating func parseCommand(_ keyword: Keyword) throws(SyntaxError) -> StatementKind {
        if keyword == .use, dialect.syntax.contains(.snowflakeObjects) {
            index += 1
            return try parseUse()
        }
        guard
            Self.commands.contains(keyword) || Keyword.keptStatements.contains(keyword)
                || (dialect.syntax.contains(.snowflakeObjects) && Keyword.snowflakeStatements.contains(keyword))
        else { throw unknownStatement(tokens[index]) }
        open(.otherStatement)
        markStatementWords(index..<(index + 1))
        index += 1
        try parseCommandBody(keyword)
        close()
        return try lowered()
    }

    private mutating func parseCommandBody(_ keyword: Keyword) throws(SyntaxError) {
        switch keyword {
        case .analyze, .analyse: try parseAnalyze()
        case .attach, .detach: try parseAttachPolicy(attach: keyword == .attach)
        case .call:
            _ = try objectName("a procedure name after CALL")
            guard isPunctuation("(") else { throw failure(expected: "'(' after the procedure name") }
            try skipParenthesised()
            try expectEnd("after CALL")
        case .copy: try parseCopy()
        case .unload: try parseUnload()
        case .desc where dialect.syntax.contains(.snowflakeObjects),
            .describe where dialect.syntax.contains(.snowflakeObjects):
            // `DESC[RIBE] <type> name`: kept, the name recorded.
            _ = snowflakeObjectType()
            _ = try objectName("a name after \(keyword.spelling)")
            try skipRest()
        case .desc, .describe:
            let isDatashare = isKeyword(.datashare)
            let subject = accept(.datashare)?.range ?? accept(sequence: .identity, .provider)
            guard subject != nil else {
                throw failure(expected: "DATASHARE or IDENTITY PROVIDER after \(keyword.spelling)")
            }
            _ = try identifier("a name after \(keyword.spelling)")
            // `DESC DATASHARE d [OF [ACCOUNT 'id'] NAMESPACE 'guid']`
            // (https://docs.aws.amazon.com/redshift/latest/dg/r_DESC_DATASHARE.html).
            if isDatashare, accept(.of) != nil { try datashareProducer() }
            try expectEnd("after the name")
        case .explain:
            // EXPLAIN [VERBOSE] statement: the statement is checked, but not run (`.opaque`).
            accept(.verbose)
            if isPunctuation("(") { try skipParenthesised() }
            if atEnd { throw failure(expected: "a statement after EXPLAIN") }
            try enterNesting()
            _ = try parseStatement()
            leaveNesting()
        case .refresh:
            try expect(.materialized, "after REFRESH")
            try expect(.view, "after REFRESH MATERIALIZED")
            accept(.concurrently)
            _ = try objectName("a materialized view name")
            try skipRest()
        case .truncate:
            accept(.table)
            if dialect.syntax.contains(.snowflakeObjects) { accept(sequence: .if, .exists) }
            accept(.only)
            _ = try objectNameList("a table name after TRUNCATE")
            try skipRest()
        case .use:
            _ = try identifier("a database name after USE")
            try expectEnd("after USE")
        case .vacuum: try parseVacuum()
        default:
            // A kept statement (parseCommand checked): its words are not read further.
            try skipRest()
        }
    }

    /// The statements `parseCommandBody` reads further than their parentheses.
    private static let commands: Set<Keyword> = [
        .analyse, .analyze, .attach, .call, .copy, .desc, .describe, .detach, .explain, .refresh, .truncate, .unload,
        .use, .vacuum,
    ]

    /// `ANALYZE [VERBOSE] [COMPRESSION] [table [(columns)]] [PREDICATE COLUMNS | ALL COLUMNS] [COMPROWS n]`.
    private mutating func parseAnalyze() throws(SyntaxError) {
        accept(.verbose)
        accept(.compression)
        if isPunctuation("(") { try skipParenthesised() }
        if atName, !isKeyword(.predicate), !isKeyword(.comprows) {
            _ = try objectName("a table name")
            if isPunctuation("(") { _ = try columnList(record: false) }
            while acceptPunctuation(",") != nil {
                _ = try objectName("a table name")
                if isPunctuation("(") { _ = try columnList(record: false) }
            }
        }
        if accept(.predicate) ?? accept(.all) != nil { try expect(.columns, "after PREDICATE or ALL") }
        if accept(.comprows) != nil {
            guard current?.kind == .number else { throw failure(expected: "a number of rows after COMPROWS") }
            index += 1
        }
        try expectEnd("after ANALYZE")
    }

    /// `VACUUM [FULL | SORT ONLY | DELETE ONLY | REINDEX | RECLUSTER] [table [TO n PERCENT]] [BOOST]`.
    private mutating func parseVacuum() throws(SyntaxError) {
        let options: Set<Keyword> = [.full, .sort, .delete, .only, .reindex, .recluster, .freeze, .verbose]
        while let word = current, word.isKeyword(oneOf: options) { index += 1 }
        if isPunctuation("(") { try skipParenthesised() }
        if atName, !isKeyword(.boost) {
            _ = try objectNameList("a table name after VACUUM")
            if isPunctuation("(") { _ = try columnList(record: false) }
        }
        if accept(.to) != nil {
            guard current?.kind == .number else { throw failure(expected: "a percentage after TO") }
            index += 1
            try expect(.percent, "after the threshold")
        }
        accept(.boost)
        try expectEnd("after VACUUM")
    }

    /// `COPY table [(columns)] FROM source options…`; PostgreSQL's `COPY (query) TO …` and `COPY t TO …`. What
    /// follows FROM or TO is the dialect's closed grammar (Parser+Copy.swift); Snowflake's `COPY INTO` is skipped.
    private mutating func parseCopy() throws(SyntaxError) {
        var isQuery = false
        var isSnowflakeInto = false
        if let open = acceptPunctuation("(") {
            isQuery = true
            try enterNesting()
            try query()
            leaveNesting()
            if acceptPunctuation(")") == nil {
                throw failure(expected: "')' to close the '(' at \(open.range.start)")
            }
        } else if dialect.syntax.contains(.snowflakeObjects), accept(.into) != nil {
            // Snowflake's `COPY INTO table|@stage FROM …`.
            isSnowflakeInto = true
            if let stage = current, stage.kind == .word, stage.text.hasPrefix("@") {
                index += 1
            } else {
                _ = try objectName("a table name after COPY INTO")
            }
            if isPunctuation("(") { _ = try columnList(record: false) }
        } else {
            _ = try objectName("a table name after COPY")
            if isPunctuation("(") { _ = try columnList(record: false) }
        }
        if !isSnowflakeInto, dialect.syntax.contains(.redshiftCopyParameters) {
            try expect(.from, "after the table")
            try redshiftCopySource()
            return
        }
        if !isSnowflakeInto, dialect.syntax.contains(.postgresCopyOptions) {
            guard let direction = accept(.from) ?? accept(.to) else {
                throw failure(expected: isQuery ? "TO after the query" : "FROM or TO after the table")
            }
            if isQuery, direction.isKeyword(.from) {
                throw SyntaxError(
                    ExpectedMessage(expected: "TO after the query", found: "'\(SQLText.excerpt(direction.text))'"),
                    at: direction.range)
            }
            try postgresCopyTarget(from: direction.isKeyword(.from))
            return
        }
        guard accept(.from) ?? accept(.to) != nil else { throw failure(expected: "FROM or TO after the table") }
        guard !atEnd else { throw failure(expected: "a source after FROM") }
        try skipRest()
    }

    /// `UNLOAD ('query') TO 's3://…' options…`.
    private mutating func parseUnload() throws(SyntaxError) {
        let open = try expectPunctuation("(", "after UNLOAD")
        guard let query = current, query.kind == .string || query.kind == .dollarString || query.kind == .placeholder
        else { throw failure(expected: "the query as a string literal") }
        if let error = unloadQueryError(query) { throw error }
        index += 1
        if acceptPunctuation(")") == nil { throw failure(expected: "')' to close the '(' at \(open.range.start)") }
        try expect(.to, "after the query")
        guard !atEnd else { throw failure(expected: "an Amazon S3 path after TO") }
        guard dialect.syntax.contains(.redshiftCopyParameters) else { return try skipRest() }
        try redshiftUnloadTarget()
    }

    /// `ATTACH MASKING POLICY p ON t(cols) [USING (cols)] TO …` and `ATTACH RLS POLICY p ON t, … TO …`,
    /// and DETACH … FROM ….
    private mutating func parseAttachPolicy(attach: Bool) throws(SyntaxError) {
        guard accept(.masking) ?? accept(.rls) != nil else { throw failure(expected: "MASKING or RLS") }
        try expect(.policy, "after MASKING or RLS")
        _ = try identifier("a policy name")
        try expect(.on, "after the policy name")
        accept(.table)
        _ = try objectNameList("a table name after ON")
        if isPunctuation("(") { try skipParenthesised() }
        if accept(.using) != nil { try skipParenthesised() }
        try expect(attach ? Keyword.to : .from, "after the table")
        guard !atEnd else { throw failure(expected: "a role, a user or PUBLIC") }
        // `{ user | ROLE r | PUBLIC } [, …]`, then ATTACH MASKING POLICY's `PRIORITY n`
        // (https://docs.aws.amazon.com/redshift/latest/dg/r_ATTACH_MASKING_POLICY.html).
        repeat {
            if accept(.public) != nil { continue }
            if accept(.role) != nil {
                _ = try identifier("a role name after ROLE")
            } else if let word = current, word.kind == .word, let next = token(at: 1), next.kind == .word,
                Keyword(next) == nil
            {
                // A word before the name is a misspelt ROLE (`TO RLOE analyst`).
                throw misplacedWord(expected: "a user, ROLE r or PUBLIC", among: [Keyword.role, .public])
            } else {
                _ = try identifier("a user, ROLE r or PUBLIC", isUser: true)
            }
        } while acceptPunctuation(",") != nil
        if attach, accept(.priority) != nil {
            guard let number = current, number.kind == .number else {
                throw failure(expected: "a number after PRIORITY")
            }
            index += 1
        }
        try expectEnd("after the grantee list")
    }
}
