import RunbookDiagnostics

// The SQL stage's messages, alphabetised: fixed ones as `StaticMessage` values, ones with parameters as small
// structs (DiagnosticMessage.swift says why). Checks and the typo review name these; none spells its prose.

// MARK: - Fixed messages

extension StaticMessage {
    static let concatenationOperand = StaticMessage(.sqlSyntax, "expected a value on each side of '||'")
    static let createDatabaseInTransaction = StaticMessage(
        .sqlCreateDatabaseInTransaction,
        "CREATE DATABASE cannot run inside a transaction block; run it before BEGIN or after COMMIT")
    static let orReplaceWithIfNotExists = StaticMessage(
        .sqlSyntax,
        "Snowflake rejects OR REPLACE together with IF NOT EXISTS: keep one (OR REPLACE drops and recreates the "
            + "object, IF NOT EXISTS leaves an existing one as it is)")
    static let passwordDoubleQuoted = StaticMessage(
        .sqlPasswordDoubleQuoted,
        "the password is in double quotes, which make an identifier, not a string; PASSWORD takes a single-quoted string"
    )
    static let postgresDefaultsOnProcedures = StaticMessage(
        .sqlDialectMismatch, "PostgreSQL has no default privileges ON PROCEDURES; use ON ROUTINES")
    static let postgresGrantRoleKeyword = StaticMessage(
        .sqlDialectMismatch, "'GRANT ROLE r' is Redshift syntax; PostgreSQL grants a role as 'GRANT r TO …'")
    static let postgresGranteeRoleKeyword = StaticMessage(
        .sqlDialectMismatch, "'ROLE' before a grantee is Redshift syntax; PostgreSQL names the role alone")
    static let postgresGranteeUserKeyword = StaticMessage(
        .sqlDialectMismatch, "'USER' before a grantee is not PostgreSQL syntax; name the role alone")
    static let postgresPasswordDisable = StaticMessage(
        .sqlDialectMismatch, "PASSWORD DISABLE is Redshift syntax; PostgreSQL writes PASSWORD NULL")
    static let postgresSchemaQuota = StaticMessage(.sqlDialectMismatch, "schema QUOTA exists only in Redshift")
    static let postgresScopedPermissions = StaticMessage(
        .sqlDialectMismatch, "scoped permissions ('FOR … IN …') exist only in Redshift")
    static let postgresUnlimitedConnections = StaticMessage(
        .sqlDialectMismatch, "CONNECTION LIMIT UNLIMITED is Redshift syntax; PostgreSQL writes CONNECTION LIMIT -1")
    static let postgresUserOption = StaticMessage(.sqlDialectMismatch, "this user option exists only in Redshift")
    static let redshiftAdminOptionForUsers = StaticMessage(
        .sqlDialectMismatch, "Redshift allows WITH ADMIN OPTION only for users, not roles, groups or PUBLIC")
    static let redshiftCreateUserNeedsPassword = StaticMessage(
        .sqlDialectMismatch,
        "Redshift's CREATE USER requires a PASSWORD clause; write PASSWORD DISABLE for a user that signs in without one"
    )
    static let redshiftDefaultsForRole = StaticMessage(
        .sqlDialectMismatch, "Redshift default privileges take FOR USER, not FOR ROLE")
    static let redshiftDefaultsObjectKinds = StaticMessage(
        .sqlDialectMismatch, "Redshift default privileges cover only TABLES, FUNCTIONS and PROCEDURES")
    static let redshiftSetRole = StaticMessage(.sqlDialectMismatch, "Redshift does not support SET ROLE")
}

// MARK: - Messages with parameters

/// `SELECT distint name`: a name one edit from DISTINCT reads as a column with an alias.
struct AliasLikeDistinctMessage: DiagnosticMessage {
    var written: String
    var alias: String
    var suggestion: String

    var rule: Rule { .sqlAliasLikeKeyword }
    var message: String {
        "'\(SQLText.excerpt(written))' reads as a column named '\(SQLText.excerpt(alias))', and duplicate rows are "
            + "kept; did you mean \(suggestion)?"
    }
}

/// `SELECT name, state FROMusers`: FROM run together with the table's name reads as the last item's alias, in a
/// query that then has no FROM.
struct AliasLikeFromMessage: DiagnosticMessage {
    var written: String
    var table: String

    var rule: Rule { .sqlAliasLikeKeyword }
    var message: String {
        "'\(SQLText.excerpt(written))' reads as an alias and the query has no FROM; did you mean FROM "
            + "\(SQLText.excerpt(table))?"
    }
}

/// `FROM sales lfet JOIN users`: a name one edit from a join word reads as the relation's alias.
struct AliasLikeJoinMessage: DiagnosticMessage {
    var written: String
    var relation: String
    var suggestion: String

    var rule: Rule { .sqlAliasLikeKeyword }
    var message: String {
        "'\(SQLText.excerpt(written))' reads as an alias of '\(SQLText.excerpt(relation))', which makes this an "
            + "inner join; did you mean \(suggestion) JOIN?"
    }
}

/// A bare name among INSERT's VALUES, where no column is in scope: a misspelt value or a value left unquoted.
struct ColumnInValuesMessage: DiagnosticMessage {
    var name: String

    var rule: Rule { .sqlSyntax }
    var message: String {
        "'\(SQLText.excerpt(name))' is a column name in VALUES, where no column is in scope: write a value (a string "
            + "in single quotes, a number, NULL or DEFAULT)"
    }
}

/// "expected X, found Y": the grammar's one message for a token or construct that is not there. `expected`
/// names what the grammar wanted where it stopped ("a name after '.'", "TO or '=' after the parameter name").
struct ExpectedMessage: DiagnosticMessage {
    var expected: String
    /// What is there instead, quoted, or "end of statement".
    var found: String

    var rule: Rule { .sqlSyntax }
    var message: String { "expected \(expected), found \(found)" }
}

/// A bare grantee that the runbook creates as a role or group, which Redshift reads as a user.
struct GranteeMissingKeywordMessage: DiagnosticMessage {
    var name: Identifier
    /// `ROLE` or `GROUP`.
    var keyword: String

    var rule: Rule { .sqlGranteeMissingKeyword }
    var message: String {
        let what = keyword == "ROLE" ? "role" : "group"
        return "'\(name.value)' is a \(what), but Redshift reads a grantee without a keyword as a user; "
            + "write \(keyword) \(name.raw)"
    }
}

/// `GROUP BY n` where the select list's item n is an aggregate or window function.
struct GroupByAggregateMessage: DiagnosticMessage {
    var position: Int
    var item: String
    var function: String

    var rule: Rule { .sqlGroupByPosition }
    var message: String {
        "GROUP BY \(position) names the select list's item \(position), '\(SQLText.excerpt(item))', which calls "
            + "\(function): a query cannot group by an aggregate or window function"
    }
}

/// `GROUP BY n` past the end of the select list.
struct GroupByOutOfRangeMessage: DiagnosticMessage {
    var position: Int
    var count: Int

    var rule: Rule { .sqlGroupByPosition }
    var message: String {
        "GROUP BY \(position) names the select list's item \(position), but the list has \(count) "
            + (count == 1 ? "item" : "items")
    }
}

/// A finding inside UNLOAD's quoted query, in its own words.
struct InUnloadQueryMessage: DiagnosticMessage {
    var rule: Rule
    var finding: String

    var message: String { "in UNLOAD's query: " + finding }
}

/// A character no server accepts (NUL, another control character, U+FFFD).
struct InvalidCharacterMessage: DiagnosticMessage {
    /// How the character is named: "a NUL byte".
    var character: String

    var rule: Rule { .sqlInvalidCharacter }
    var message: String { "\(character) inside SQL: no server accepts it, so the statement is not run" }
}

/// A look-alike character where SQL needs a space, `--` or a straight quote.
struct LookalikeMessage: DiagnosticMessage {
    enum Lookalike: Sendable {
        /// A no-break or other space; `several` for a run of them.
        case space(name: String, several: Bool)
        /// An en or em dash where a comment starts.
        case commentDash(name: String)
        /// A curly quote with no closing one on its line.
        case loneQuote(name: String, straight: String)
        /// Curly quotes around a string or a name.
        case curlyQuotes(aroundString: Bool, straight: String)
    }

    var lookalike: Lookalike

    var rule: Rule { .sqlLookalikeCharacter }
    var message: String {
        switch lookalike {
        case .space(let name, let several):
            "\(several ? "\(name) characters" : "a \(name)") in SQL, where only an ASCII space separates words; a "
                + "server reads it as part of a name"
        case .commentDash(let name): "\(name) where a comment starts: SQL comments start with '--'"
        case .loneQuote(let name, let straight): "a \(name) in SQL, where only \(straight) quotes"
        case .curlyQuotes(let aroundString, let quote):
            "curly quotes around \(aroundString ? "a string" : "a name"): SQL needs straight quotes, \(quote)…\(quote)"
        }
    }
}

/// A select item run into the next, the ',' between them missing.
struct MissingCommaMessage: DiagnosticMessage {
    var next: String

    var rule: Rule { .sqlSyntax }
    var message: String { "missing ',' between select items: '\(SQLText.excerpt(next))' starts another item" }
}

/// Two statements run together, the ';' between them missing.
struct MissingSemicolonMessage: DiagnosticMessage {
    var next: String

    var rule: Rule { .sqlSyntax }
    var message: String { "missing ';' after the statement: '\(SQLText.excerpt(next))' starts the next one" }
}

/// `ALTER COLUMN c varchar(10)`: TYPE missing before the new type.
struct MissingTypeMessage: DiagnosticMessage {
    var columnType: String

    var rule: Rule { .sqlSyntax }
    var message: String { "expected TYPE before the new column type '\(SQLText.excerpt(columnType))'" }
}

/// Parentheses or subqueries nested deeper than the parser follows.
struct NestingTooDeepMessage: DiagnosticMessage {
    var limit: Int

    var rule: Rule { .sqlNestingTooDeep }
    var message: String { "nesting deeper than \(limit) levels; the statement is not checked" }
}

/// A first word (or `CREATE`/`ALTER`/`DROP` and the word after it) that starts no statement of the dialect.
struct NotAStatementMessage: DiagnosticMessage {
    var written: String
    /// `CREATE`, `ALTER` or `DROP` when the object type is what is wrong.
    var verb: String? = nil
    var dialect: String

    var rule: Rule { .sqlSyntax }
    var message: String {
        guard let verb else { return "'\(SQLText.excerpt(written))' does not start a \(dialect) statement" }
        return "'\(verb) \(SQLText.excerpt(written))' is not a \(dialect) statement"
    }
}

/// Snowflake's GRANT and REVOKE take one grantee.
struct OneGranteeMessage: DiagnosticMessage {
    var verb: String

    var rule: Rule { .sqlSyntax }
    var message: String { "Snowflake's \(verb) names one grantee: write one statement per grantee" }
}

/// A hard-coded password, with the parameter that should carry it.
struct PasswordLiteralMessage: DiagnosticMessage {
    /// The user, as the message names it (`$var` for a user named by a variable).
    var owner: String
    /// How the script would pass it: "a parameter (for example :'u_password')".
    var example: String

    var rule: Rule { .sqlPasswordLiteral }
    var message: String { "the password of '\(owner)' is hard-coded; pass it as \(example)" }
}

/// A password Redshift refuses, with every rule it breaks.
struct PasswordRejectedMessage: DiagnosticMessage {
    var problems: [String]

    var rule: Rule { .sqlPasswordRejected }
    var message: String { "Redshift rejects this password: " + problems.joined(separator: "; ") }
}

/// A statement made of placeholders only.
struct PlaceholderStatementMessage: DiagnosticMessage {
    var text: String

    var rule: Rule { .sqlPlaceholderStatement }
    var message: String {
        "the statement is only a placeholder, '\(SQLText.excerpt(text))': there is no SQL to check until it is filled in"
    }
}

/// `CREATEUSER` / `NOCREATEUSER` in a PostgreSQL block.
struct PostgresCreateUserOptionMessage: DiagnosticMessage {
    var isOn: Bool

    var rule: Rule { .sqlDialectMismatch }
    var message: String {
        "\(isOn ? "CREATEUSER" : "NOCREATEUSER") was removed in PostgreSQL 9.6; write \(isOn ? "SUPERUSER" : "NOSUPERUSER")"
    }
}

/// Redshift's system permissions (`CREATE USER`, `ACCESS SYSTEM TABLE`) in a PostgreSQL block.
struct PostgresSystemPermissionMessage: DiagnosticMessage {
    var permission: String

    var rule: Rule { .sqlDialectMismatch }
    var message: String { "system permissions such as \(permission) exist only in Redshift" }
}

/// `"db.schema.table"`: one quoted name holding dots.
struct QuotedDottedIdentifierMessage: DiagnosticMessage {
    /// The name as written, quotes included.
    var raw: String
    var parts: [Substring]

    var rule: Rule { .sqlQuotedDottedIdentifier }
    var message: String {
        "\(raw) names one object whose name contains dots; to name "
            + parts.map { "'\($0)'" }.joined(separator: ", then ") + ", quote each part separately"
    }
}

/// The grant option for grantees Redshift does not allow it for.
struct RedshiftGrantOptionMessage: DiagnosticMessage {
    /// "roles, groups or PUBLIC" for GRANT, "groups or PUBLIC" for REVOKE.
    var whom: String

    var rule: Rule { .sqlDialectMismatch }
    var message: String { "Redshift does not allow the grant option for \(whom)" }
}

/// System or scoped permissions given to grantees Redshift does not give them to.
struct RedshiftPermissionGranteeMessage: DiagnosticMessage {
    /// "system permissions" or "scoped permissions".
    var what: String
    var rolesOnly: Bool

    var rule: Rule { .sqlDialectMismatch }
    var message: String {
        "Redshift \(what) can be given only to " + (rolesOnly ? "roles (TO ROLE r)" : "users and roles")
    }
}

/// A PostgreSQL role option (`LOGIN`, `SUPERUSER`) in a Redshift block.
struct RedshiftPostgresRoleOptionMessage: DiagnosticMessage {
    var option: String

    var rule: Rule { .sqlDialectMismatch }
    var message: String { "\(option) is a PostgreSQL role option; Redshift does not accept it" }
}

/// `GRANT r TO u` in Redshift, which reads `r` as a privilege.
struct RedshiftRoleWithoutKeywordMessage: DiagnosticMessage {
    var role: String

    var rule: Rule { .sqlDialectMismatch }
    var message: String {
        "Redshift grants a role as 'GRANT ROLE \(role) TO …'; without ROLE the name is read as a privilege"
    }
}

/// `GROUP BY 1 odrer BY 1`: a word where the grammar needs a keyword it is one edit from.
struct MisspeltKeywordMessage: DiagnosticMessage {
    var written: String
    var suggestion: String

    var rule: Rule { .sqlMisspeltKeyword }
    var message: String { "misspelt keyword '\(SQLText.excerpt(written))'; did you mean \(suggestion)?" }
}

/// `GROUPBY1`, `SELECTname`: keywords written without the space between them.
struct RunTogetherKeywordsMessage: DiagnosticMessage {
    var written: String
    var spaced: String

    var rule: Rule { .sqlRunTogetherKeywords }
    var message: String {
        "'\(SQLText.excerpt(written))' runs keywords together; did you mean '\(SQLText.excerpt(spaced))'?"
    }
}

/// Snowflake's `SET (a, b) = (1)`: as many values as variables.
struct SetCountMismatchMessage: DiagnosticMessage {
    var variables: Int
    var values: Int

    var rule: Rule { .sqlSyntax }
    var message: String {
        "SET names \(variables) variables but gives \(values) values: each variable needs one value"
    }
}

/// A ',' after the last select item, where the dialect expects another.
struct TrailingCommaMessage: DiagnosticMessage {
    var before: String
    var dialect: String

    var rule: Rule { .sqlSyntax }
    var message: String { "trailing ',' before \(before): \(dialect) expects another select item" }
}

/// A bracket the statement never closes.
struct UnclosedMessage: DiagnosticMessage {
    var open: String
    var close: String
    var at: SourceLocation

    var rule: Rule { .sqlSyntax }
    var message: String { "expected '\(close)' to close the '\(open)' at \(at), found end of statement" }
}

/// Tokens the grammar could not place, kept in the tree as an unexpected node.
struct UnexpectedMessage: DiagnosticMessage {
    /// The tokens' text; nil for an unexpected end.
    var text: String?

    var rule: Rule { .sqlSyntax }
    var message: String { text.map { "unexpected '\(SQLText.excerpt($0))'" } ?? "unexpected end of statement" }
}

/// A privilege no GRANT knows, with the closest one when there is one.
struct UnknownPrivilegeMessage: DiagnosticMessage {
    var written: String
    var suggestion: String? = nil

    var rule: Rule { .sqlUnknownPrivilege }
    var message: String {
        guard let suggestion else {
            return "unknown privilege '\(SQLText.excerpt(written))': GRANT and REVOKE name privileges such as "
                + "SELECT, INSERT, USAGE or CREATE"
        }
        return "unknown privilege '\(written)'; did you mean \(suggestion)?"
    }
}

/// `usr.id` where no table, alias or CTE of the statement is `usr`.
struct UnknownQualifierMessage: DiagnosticMessage {
    var written: String
    var suggestion: String?

    var rule: Rule { .sqlUnknownQualifier }
    var message: String {
        let base = "'\(SQLText.excerpt(written))' is no table, alias or CTE of this statement"
        guard let suggestion else { return base }
        return base + "; did you mean '\(suggestion)'?"
    }
}

/// A first word that starts no command of the dialect, with the closest command word when there is one.
struct UnknownStatementMessage: DiagnosticMessage {
    var written: String
    var suggestion: String? = nil
    /// Whose commands: "Redshift or PostgreSQL", "Snowflake".
    var family: String

    var rule: Rule { .sqlUnknownStatement }
    var message: String {
        guard let suggestion else {
            return "unknown statement '\(SQLText.excerpt(written))': no \(family) command starts with it"
        }
        return "unknown statement '\(written)'; did you mean \(suggestion)?"
    }
}

/// A Snowflake property or object type that does not exist, with the closest one.
struct UnknownWordMessage: DiagnosticMessage {
    /// "property", "object type".
    var what: String
    var written: String
    var suggestion: String

    var rule: Rule { .sqlSyntax }
    var message: String { "unknown \(what) '\(written)'; did you mean \(suggestion)?" }
}

/// A string, quoted name, comment or dollar quote never closed.
struct UnterminatedMessage: DiagnosticMessage {
    var what: String
    var closer: String

    var rule: Rule { .sqlUnterminated }
    var message: String { "unterminated \(what): no closing \(closer) before the end of the block" }
}
