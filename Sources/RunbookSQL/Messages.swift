import RunbookDiagnostics

// The SQL stage's messages, alphabetised: fixed ones as `StaticMessage` values, ones with parameters as small
// structs (DiagnosticMessage.swift says why). Checks and the typo review name these; none spells its prose.

// MARK: - Fixed messages

extension StaticMessage {
    static let createDatabaseInTransaction = StaticMessage(
        .sqlCreateDatabaseInTransaction,
        "CREATE DATABASE cannot run inside a transaction block; run it before BEGIN or after COMMIT")
    static let passwordDoubleQuoted = StaticMessage(
        .sqlPasswordDoubleQuoted,
        "the password is in double quotes, which make an identifier, not a string; PASSWORD takes a single-quoted string"
    )
    static let postgresDefaultsOnProcedures = StaticMessage(
        .sqlDialectMismatch, "PostgreSQL has no default privileges ON PROCEDURES; use ON ROUTINES")
    static let postgresGranteeRoleKeyword = StaticMessage(
        .sqlDialectMismatch, "'ROLE' before a grantee is Redshift syntax; PostgreSQL names the role alone")
    static let postgresGranteeUserKeyword = StaticMessage(
        .sqlDialectMismatch, "'USER' before a grantee is not PostgreSQL syntax; name the role alone")
    static let postgresGrantRoleKeyword = StaticMessage(
        .sqlDialectMismatch, "'GRANT ROLE r' is Redshift syntax; PostgreSQL grants a role as 'GRANT r TO …'")
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

/// `GROUPBY1`, `SELECTname`: keywords written without the space between them.
struct RunTogetherKeywordsMessage: DiagnosticMessage {
    var written: String
    var spaced: String

    var rule: Rule { .sqlRunTogetherKeywords }
    var message: String {
        "'\(SQLText.excerpt(written))' runs keywords together; did you mean '\(SQLText.excerpt(spaced))'?"
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
