package import RunbookDiagnostics

/// Syntax in a block that only another engine accepts: `USE WAREHOUSE w` is Snowflake, `EXEC sp_addrolemember`
/// T-SQL. Each finding names the engine, says why, and points at the token.
package struct EngineEvidence: Sendable, Hashable {
    /// Nil when the syntax belongs to several other engines alike (`USE db`).
    package var engine: Engine?
    package var reason: String
    /// Block-relative.
    package var range: SourceRange
    /// Shared by several engines (`USE db`, backticks): enough to skip the block, not to decide a page.
    package var isWeak: Bool

    package init(engine: Engine?, reason: String, range: SourceRange, isWeak: Bool = false) {
        self.engine = engine
        self.reason = reason
        self.range = range
        self.isWeak = isWeak
    }

    /// How messages name the engine.
    package var engineName: String { engine?.displayName ?? "another dialect" }
}

// MARK: - Decisive syntax

extension EngineEvidence {
    /// Words that open an optional clause in a synopsis (`[IN GROUP …]`), so `[word]` is not T-SQL.
    private static let synopsisWords: Set<Keyword> = [
        .select, .with, .create, .alter, .drop, .grant, .revoke, .insert, .update, .delete, .set, .reset,
        .show, .begin, .commit, .end, .rollback, .copy, .unload, .call, .do, .vacuum, .analyze, .explain,
        .truncate, .start, .abort, .values, .comment, .in, .for, .on, .to, .as,
    ]
    /// Object kinds that follow `ON` only in Snowflake's GRANT.
    private static let snowflakeGrantObjects: Set<Keyword> = [
        .warehouse, .integration, .future, .stage, .pipe, .stream, .task,
    ]
    /// Objects whose creation Snowflake grants as a privilege: `GRANT CREATE SCHEMA ON DATABASE d`.
    private static let snowflakeCreatePrivileges: Set<Keyword> = [
        .schema, .table, .view, .stage, .warehouse, .database, .role, .user, .integration,
    ]
    /// Snowflake object properties written `NAME = value`.
    private static let snowflakeProperties: Set<Keyword> = [
        .defaultRole, .defaultWarehouse, .defaultNamespace, .mustChangePassword, .rsaPublicKey,
        .warehouseSize, .autoSuspend, .autoResume, .defaultSecondaryRoles,
    ]
    /// The words before a T-SQL system procedure's name.
    private static let executeWords: Set<Keyword> = [.exec, .execute]

    /// Db2 authorities granted like privileges.
    private static let db2Authorities: Set<Keyword> = [.dbadm, .secadm, .dataaccess, .accessctrl, .sqladm]

    /// The first decisive finding in a block's tokens (trivia removed), or nil when nothing in it belongs to
    /// another engine. Strong markers win over weak ones (`USE db`, backticks), which several engines share.
    package static func first(in tokens: [Token]) -> EngineEvidence? {
        var backtick: Token?
        var useStatement: Token?
        for index in tokens.indices {
            let token = tokens[index]
            switch token.kind {
            case .word:
                if index > 0, tokens[index - 1].isKeyword(oneOf: Self.executeWords),
                    token.text.asciiLowercased.hasPrefix("sp_")
                {
                    return found(.tsql, "sp_ system procedures are T-SQL", token)
                }
                // One lookup per word, then only the tests of the keyword it is: each test below names the
                // word itself, so two of them never hold for the same word. Its neighbours are copied only then.
                guard let keyword = Keyword(token) else { continue }
                let previous = index > 0 ? tokens[index - 1] : nil
                let next = index + 1 < tokens.count ? tokens[index + 1] : nil
                let afterNext = index + 2 < tokens.count ? tokens[index + 2] : nil
                let startsStatement = previous == nil || previous?.isPunctuation(";") == true
                if let evidence = wordEvidence(
                    keyword, token, at: index, in: tokens, previous: previous, next: next, afterNext: afterNext)
                {
                    return evidence
                }
                if keyword == .use, startsStatement {
                    if next?.isKeyword(.role) == true || next?.isKeyword(.secondary) == true {
                        return found(.snowflake, "USE ROLE is Snowflake syntax", token)
                    }
                    if useStatement == nil { useStatement = token }
                }
            case .placeholder:
                // `[name]` is a hole to fill in where Redshift and PostgreSQL read it (SQLLexer), but `[dbo]` is
                // T-SQL's default schema.
                if token.text.asciiLowercased == "[dbo]" {
                    return found(.tsql, "[dbo] is T-SQL's default schema, in T-SQL's bracket quoting", token)
                }
                if token.text.hasPrefix("${") {
                    return found(.databricks, "${variable} substitution is Databricks (or shell) syntax", token)
                }
                if token.text.hasPrefix("$"), token.text.dropFirst().first.map({ !$0.isNumber }) == true {
                    return found(.snowflake, "$variable session variables are Snowflake syntax", token)
                }
            case .punctuation:
                let next = index + 1 < tokens.count ? tokens[index + 1] : nil
                let afterNext = index + 2 < tokens.count ? tokens[index + 2] : nil
                if token.text == "`", backtick == nil { backtick = token }
                if token.text == "[", !isSubscript(tokens, index), let name = next, name.kind == .word,
                    afterNext?.isPunctuation("]") == true, !name.isKeyword(oneOf: synopsisWords),
                    !name.text.utf8.allSatisfy({ $0 >= UInt8(ascii: "A") && $0 <= UInt8(ascii: "Z") })
                {
                    // `[CASCADE]`, a word in capitals, is a synopsis' optional part.
                    return found(.tsql, "[name] brackets quote identifiers in T-SQL", token)
                }
                if token.text == "@", next?.kind == .string {
                    return found(.mysql, "'user'@'host' accounts are MySQL syntax", token)
                }
            default:
                break
            }
        }
        if let useStatement {
            return EngineEvidence(
                engine: nil,
                reason:
                    "USE switches databases in Snowflake, Databricks, MySQL and T-SQL, not in Redshift or PostgreSQL",
                range: useStatement.range, isWeak: true)
        }
        if let backtick {
            return EngineEvidence(
                engine: .bigQuery, reason: "backtick-quoted names are BigQuery (or MySQL/Databricks) syntax",
                range: backtick.range, isWeak: true)
        }
        return nil
    }

    /// The evidence a word that is `keyword` gives where it stands, if any (`USE` aside, which `first` handles).
    private static func wordEvidence(
        _ keyword: Keyword, _ token: Token, at index: Int, in tokens: [Token], previous: Token?, next: Token?,
        afterNext: Token?
    ) -> EngineEvidence? {
        switch keyword {
        case .identifier where next?.isPunctuation("(") == true && afterNext?.kind == .placeholder:
            return found(.snowflake, "identifier($variable) is Snowflake syntax", token)
        case .warehouse where previous?.isKeyword(oneOf: [.use, .create, .on, .alter, .drop]) == true:
            return found(.snowflake, "warehouses are a Snowflake concept", token)
        case .on:
            // `ON WAREHOUSE w`, `ON FUTURE TABLES`: a name follows the kind (a table called `task` is `ON task TO`).
            if let object = next, object.isKeyword(oneOf: snowflakeGrantObjects), let name = afterNext,
                name.kind == .word || name.kind == .quotedIdentifier, !name.isKeyword(oneOf: [.to, .from])
            {
                return found(.snowflake, "GRANT … ON \(object.text.uppercased()) is Snowflake syntax", object)
            }
        case .create:
            if previous?.isKeyword(oneOf: [.grant, .revoke]) == true || previous?.isPunctuation(",") == true,
                let object = next, object.isKeyword(oneOf: snowflakeCreatePrivileges),
                afterNext?.isKeyword(.on) == true
            {
                return found(
                    .snowflake,
                    "CREATE \(object.text.uppercased()) as a privilege ('GRANT CREATE \(object.text.uppercased()) ON …') is Snowflake syntax",
                    token)
            }
        case .imported where next?.isKeyword(.privileges) == true:
            return found(.snowflake, "IMPORTED PRIVILEGES is Snowflake syntax", token)
        case .catalog where previous?.isKeyword(oneOf: [.use, .create, .on]) == true:
            return found(.databricks, "catalogs are a Databricks (Unity Catalog) concept", token)
        case .go:
            if let previous, previous.range.end.line < token.range.start.line,
                next.map({ $0.range.start.line > token.range.start.line }) ?? true
            {
                return found(.tsql, "a GO line separates T-SQL batches", token)
            }
        case .for where next?.isKeyword(.login) == true:
            return found(.tsql, "CREATE USER … FOR LOGIN is T-SQL", token)
        case .login
        where previous?.isKeyword(oneOf: [.create, .alter]) == true && startsStatementAt(tokens, index - 1):
            return found(.tsql, "logins are a SQL Server concept", token)
        case .control where previous?.isKeyword(.grant) == true:
            return found(.tsql, "the CONTROL permission is T-SQL", token)
        case .external where previous?.isKeyword(.from) == true && next?.isKeyword(.provider) == true:
            return found(.tsql, "FROM EXTERNAL PROVIDER is T-SQL (Microsoft Entra ID)", token)
        case .add where next?.isKeyword(.member) == true:
            return found(.tsql, "ALTER ROLE … ADD MEMBER is T-SQL", token)
        case .schema, .object, .database:
            if previous?.isKeyword(.on) == true, let next, next.isPunctuation("::"),
                next.offsets.lowerBound == token.offsets.upperBound
            {
                return found(.tsql, "ON \(token.text.uppercased())::name is T-SQL's securable syntax", token)
            }
        case .syscat, .sysibm:
            if next?.isPunctuation(".") == true {
                return found(.db2, "\(token.text.uppercased()) is a Db2 catalog", token)
            }
        case .identified where next?.isKeyword(.by) == true:
            return found(.mysql, "IDENTIFIED BY is MySQL syntax", token)
        case .engine where next?.isPunctuation("=") == true:
            return found(.mysql, "ENGINE= table options are MySQL syntax", token)
        case .autoIncrement:
            return found(.mysql, "AUTO_INCREMENT is MySQL syntax", token)
        case .flush where next?.isKeyword(.privileges) == true:
            return found(.mysql, "FLUSH PRIVILEGES is MySQL syntax", token)
        case .session where previous?.isKeyword(.create) == true && index >= 2 && tokens[index - 2].isKeyword(.grant):
            return found(.oracle, "the CREATE SESSION privilege is Oracle", token)
        default:
            break
        }
        if snowflakeProperties.contains(keyword), next?.isPunctuation("=") == true {
            return found(.snowflake, "\(token.text.uppercased()) = … is a Snowflake property", token)
        }
        if db2Authorities.contains(keyword), previous?.isKeyword(.grant) == true || previous?.isPunctuation(",") == true
        {
            return found(.db2, "\(token.text.uppercased()) is a Db2 authority", token)
        }
        return nil
    }

    /// A strong finding of `engine` at `token`.
    private static func found(_ engine: Engine, _ reason: String, _ token: Token) -> EngineEvidence {
        EngineEvidence(engine: engine, reason: reason, range: token.range)
    }

    private static func startsStatementAt(_ tokens: [Token], _ index: Int) -> Bool {
        index == 0 || (index > 0 && tokens[index - 1].isPunctuation(";"))
    }

    /// `a[1]`, `f(x)[i]`: a `[` right after a name or `)` is an array subscript, not a T-SQL bracket.
    static func isSubscript(_ tokens: [Token], _ index: Int) -> Bool {
        guard index > 0 else { return false }
        let previous = tokens[index - 1]
        return previous.offsets.upperBound == tokens[index].offsets.lowerBound
            && (previous.kind == .word || previous.kind == .quotedIdentifier || previous.isPunctuation(")"))
    }
}
