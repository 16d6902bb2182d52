/// Quoting for values that land in generated scripts, so that a parameter can never add a statement.
package enum SQLQuoting {
    /// A bare identifier when the value is one (lower-case letters, digits, underscores, not a keyword
    /// that could change meaning); otherwise a double-quoted identifier with quotes doubled.
    package static func identifier(_ value: String) -> String {
        if isBareIdentifier(value) { return value }
        return "\"" + value.replacingAll("\"", with: "\"\"") + "\""
    }

    /// A single-quoted string literal with quotes doubled (standard-conforming strings).
    package static func literal(_ value: String) -> String {
        "'" + value.replacingAll("'", with: "''") + "'"
    }

    /// An argument of a psql meta-command such as `\connect`: psql reads double-quoted text verbatim,
    /// with `""` for a quote. Values with line breaks are refused by the caller before they get here.
    package static func psqlArgument(_ value: String) -> String {
        if isBareIdentifier(value) { return value }
        return "\"" + value.replacingAll("\"", with: "\"\"") + "\""
    }

    /// `value` as a name in `dialect`: bare when the dialect reads the bare word back as exactly `value`
    /// (Snowflake folds a bare name upper-case, so `SEGMENT_ROLE` stays bare and `segment_role` is quoted),
    /// otherwise double-quoted with quotes doubled.
    package static func identifier(_ value: String, in dialect: SQLDialect) -> String {
        switch dialect.profile.caseFolding {
        case .lower: identifier(value)
        case .upper:
            isBareUpperCaseIdentifier(value) ? value : "\"" + value.replacingAll("\"", with: "\"\"") + "\""
        }
    }

    /// `value` as a string literal in `dialect`: quotes doubled, and in Snowflake, which reads a backslash in
    /// any string as an escape, backslashes doubled too.
    package static func literal(_ value: String, in dialect: SQLDialect) -> String {
        guard dialect == .snowflake else { return literal(value) }
        return "'" + value.replacingAll("\\", with: "\\\\").replacingAll("'", with: "''") + "'"
    }

    /// Upper-case letters, digits, `_` and `$`, starting with a letter or `_`, and not a Snowflake reserved word.
    static func isBareUpperCaseIdentifier(_ value: String) -> Bool {
        guard let first = value.unicodeScalars.first, first == "_" || ("A"..."Z").contains(first) else { return false }
        let valid = value.unicodeScalars.allSatisfy {
            $0 == "_" || $0 == "$" || ("A"..."Z").contains($0) || ("0"..."9").contains($0)
        }
        return valid && !snowflakeReservedWords.contains(value)
    }

    /// Snowflake's reserved and limited keywords (https://docs.snowflake.com/en/sql-reference/reserved-keywords):
    /// quoted when they are a name. Quoting one more word than needed changes nothing.
    static let snowflakeReservedWords: Set<String> = [
        "ACCOUNT", "ALL", "ALTER", "AND", "ANY", "AS", "BETWEEN", "BY", "CASE", "CAST", "CHECK", "COLUMN", "CONNECT",
        "CONNECTION", "CONSTRAINT", "CREATE", "CROSS", "CURRENT", "CURRENT_DATE", "CURRENT_TIME", "CURRENT_TIMESTAMP",
        "CURRENT_USER", "DATABASE", "DELETE", "DISTINCT", "DROP", "ELSE", "EXISTS", "FALSE", "FOLLOWING", "FOR", "FROM",
        "FULL", "GRANT", "GROUP", "GSCLUSTER", "HAVING", "ILIKE", "IN", "INCREMENT", "INNER", "INSERT", "INTERSECT",
        "INTO", "IS", "ISSUE", "JOIN", "LATERAL", "LEFT", "LIKE", "LOCALTIME", "LOCALTIMESTAMP", "MINUS", "NATURAL",
        "NOT", "NULL", "OF", "ON", "OR", "ORDER", "ORGANIZATION", "QUALIFY", "REGEXP", "REVOKE", "RIGHT", "RLIKE",
        "ROW", "ROWS", "SAMPLE", "SCHEMA", "SELECT", "SET", "SOME", "START", "TABLE", "TABLESAMPLE", "THEN", "TO",
        "TRIGGER", "TRUE", "TRY_CAST", "UNION", "UNIQUE", "UPDATE", "USING", "VALUES", "VIEW", "WHEN", "WHENEVER",
        "WHERE", "WINDOW", "WITH",
    ]

    package static func isBareIdentifier(_ value: String) -> Bool {
        guard let first = value.unicodeScalars.first, first == "_" || ("a"..."z").contains(first) else { return false }
        let valid = value.unicodeScalars.allSatisfy {
            $0 == "_" || ("a"..."z").contains($0) || ("0"..."9").contains($0)
        }
        return valid && !reservedWords.contains(value)
    }

    /// Words that cannot stand unquoted as a name (PostgreSQL's reserved key words and Redshift's).
    static let reservedWords: Set<String> = [
        "all", "analyse", "analyze", "and", "any", "array", "as", "asc", "asymmetric", "authorization", "between",
        "binary", "both", "case", "cast", "check", "collate", "column", "constraint", "create", "cross",
        "current_date", "current_role", "current_time", "current_timestamp", "current_user", "default",
        "deferrable", "desc", "distinct", "do", "else", "end", "except", "false", "fetch", "for", "foreign",
        "freeze", "from", "full", "grant", "group", "having", "ilike", "in", "initially", "inner", "intersect",
        "into", "is", "isnull", "join", "lateral", "leading", "left", "like", "limit", "localtime",
        "localtimestamp", "natural", "not", "notnull", "null", "offset", "on", "only", "or", "order", "outer",
        "overlaps", "placing", "primary", "references", "returning", "right", "select", "session_user", "similar",
        "some", "symmetric", "table", "tablesample", "then", "to", "trailing", "true", "union", "unique", "user",
        "using", "variadic", "verbose", "when", "where", "window", "with",
    ]
}

extension String {
    fileprivate func replacingAll(_ target: Character, with replacement: String) -> String {
        var result = ""
        for character in self {
            if character == target { result += replacement } else { result.append(character) }
        }
        return result
    }
}
