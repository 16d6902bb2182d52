package import RunbookDiagnostics

// The SQL stage's rules, alphabetised by id.
extension Rule {
    package static let sqlAliasLikeKeyword = Rule(
        "sql.alias-like-keyword", .warning,
        "A name one edit from a keyword where the keyword fits (`FROM t lfet JOIN u`, `SELECT distint a`), or FROM run "
            + "together with a table (`SELECT a FROMusers`): it parses, as an alias, and the statement does something "
            + "else.")
    package static let sqlCreateDatabaseInTransaction = Rule(
        "sql.create-database-in-transaction", .error,
        "CREATE DATABASE runs inside BEGIN…COMMIT, where both Redshift and PostgreSQL refuse it.")
    package static let sqlDialectMismatch = Rule(
        "sql.dialect-mismatch", .error, "A statement or clause that the block's SQL dialect does not accept.")
    package static let sqlGranteeMissingKeyword = Rule(
        "sql.grantee-missing-keyword", .error,
        "A grantee named without ROLE or GROUP is a known role or group, but Redshift reads a bare name as a user.")
    package static let sqlGroupByPosition = Rule(
        "sql.group-by-position", .error,
        "`GROUP BY n` names a select item that does not exist, or one that is an aggregate or window function.")
    package static let sqlInvalidCharacter = Rule(
        "sql.invalid-character", .error,
        "A NUL byte, another control character or U+FFFD inside SQL: no server accepts it.")
    package static let sqlLookalikeCharacter = Rule(
        "sql.lookalike-character", .error,
        "A no-break space, en or em dash, or curly quote where SQL needs a space, '--' or a straight quote.")
    package static let sqlMisspeltKeyword = Rule(
        "sql.misspelt-keyword", .error,
        "A word one edit away from the keyword the statement needs there (`odrer BY`, `bteween`), often a misspelling.")
    package static let sqlNestingTooDeep = Rule(
        "sql.nesting-too-deep", .error, "Parentheses or subqueries nest deeper than the parser follows.")
    package static let sqlPasswordDoubleQuoted = Rule(
        "sql.password-double-quoted", .error,
        "A password in double quotes is an identifier, not a string literal.")
    package static let sqlPasswordLiteral = Rule(
        "sql.password-literal", .warning, "A password is hard-coded in the SQL instead of passed as a parameter.")
    package static let sqlPasswordRejected = Rule(
        "sql.password-rejected", .error, "Redshift rejects the password: it breaks the length or character rules.")
    package static let sqlPlaceholderStatement = Rule(
        "sql.placeholder-statement", .warning,
        "A statement is nothing but a placeholder (`<statement>`, `{{ sql }}`): there is no SQL to check or run.")
    package static let sqlQuotedDottedIdentifier = Rule(
        "sql.quoted-dotted-identifier", .error,
        "A quoted identifier contains dots, so it names one object whose name contains dots.")
    package static let sqlRunTogetherKeywords = Rule(
        "sql.run-together-keywords", .error,
        "Two keywords, or a keyword and a name, written without the space between them (`GROUPBY`, `SELECTname`).")
    package static let sqlSyntax = Rule("sql.syntax", .error, "The statement does not parse.")
    package static let sqlUnknownPrivilege = Rule(
        "sql.unknown-privilege", .error,
        "A GRANT or REVOKE names a privilege that does not exist, often a misspelling.")
    package static let sqlUnknownQualifier = Rule(
        "sql.unknown-qualifier", .error,
        "A column is qualified by a name (`usr.id`) that is no table, alias or CTE of its statement.")
    package static let sqlUnknownStatement = Rule(
        "sql.unknown-statement", .error, "A statement starts with a word that is no SQL command, often a misspelling.")
    package static let sqlUnterminated = Rule(
        "sql.unterminated", .error, "A string, quoted identifier, comment or dollar quote is never closed.")

    package static let sqlRules: [Rule] = [
        sqlAliasLikeKeyword, sqlCreateDatabaseInTransaction, sqlDialectMismatch, sqlGranteeMissingKeyword,
        sqlGroupByPosition,
        sqlInvalidCharacter, sqlLookalikeCharacter, sqlMisspeltKeyword, sqlNestingTooDeep, sqlPasswordDoubleQuoted,
        sqlPasswordLiteral,
        sqlPasswordRejected, sqlPlaceholderStatement, sqlQuotedDottedIdentifier, sqlRunTogetherKeywords, sqlSyntax,
        sqlUnknownPrivilege, sqlUnknownQualifier, sqlUnknownStatement, sqlUnterminated,
    ]
}
