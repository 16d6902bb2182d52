/// The words a typo is measured against: the commands a statement may start with, the privileges GRANT and
/// REVOKE name, and the keywords a writer runs together with the next word.
enum SQLVocabulary {
    /// First words of the commands of the Redshift SQL reference
    /// (https://docs.aws.amazon.com/redshift/latest/dg/c_SQL_commands.html) and of PostgreSQL
    /// (https://www.postgresql.org/docs/current/sql-commands.html).
    static let statementWords: Set<String> = [
        "ABORT", "ALTER", "ANALYZE", "ANALYSE", "ATTACH", "BEGIN", "CALL", "CANCEL", "CHECKPOINT", "CLOSE", "CLUSTER",
        "COMMENT", "COMMIT", "COPY", "CREATE", "DEALLOCATE", "DECLARE", "DELETE", "DESC", "DETACH", "DISCARD", "DO",
        "DROP", "END", "EXECUTE", "EXPLAIN", "FETCH", "GRANT", "IMPORT", "INSERT", "LISTEN", "LOAD", "LOCK", "MERGE",
        "MOVE", "NOTIFY", "PREPARE", "REASSIGN", "REFRESH", "REINDEX", "RELEASE", "RESET", "REVOKE", "ROLLBACK",
        "SAVEPOINT", "SECURITY", "SELECT", "SET", "SHOW", "START", "TABLE", "TRUNCATE", "UNLISTEN", "UNLOAD", "UPDATE",
        "USE", "VACUUM", "VALUES", "WITH",
    ]

    /// First words of Snowflake's commands (https://docs.snowflake.com/en/sql-reference-commands), and the
    /// transaction words it shares.
    static let snowflakeStatementWords: Set<String> = [
        "ALTER", "BEGIN", "CALL", "COMMENT", "COMMIT", "COPY", "CREATE", "DELETE", "DESC", "DESCRIBE", "DROP",
        "EXECUTE", "EXPLAIN", "GET", "GRANT", "INSERT", "LIST", "LS", "MERGE", "PUT", "REMOVE", "REVOKE", "RM",
        "ROLLBACK", "SELECT", "SET", "SHOW", "START", "TRUNCATE", "UNDROP", "UNSET", "UPDATE", "USE", "VALUES", "WITH",
    ]

    /// Single-word privileges of Snowflake's GRANT and REVOKE
    /// (https://docs.snowflake.com/en/user-guide/security-access-control-privileges); the multi-word ones
    /// (`CREATE SCHEMA`, `MANAGE GRANTS`) are not measured for typos.
    static let snowflakeObjectPrivileges: Set<String> = [
        "APPLYBUDGET", "AUDIT", "DELETE", "IMPERSONATE", "INSERT", "MODIFY", "MONITOR", "OPERATE", "OWNERSHIP", "READ",
        "REBUILD", "REFERENCES", "REFERENCE_USAGE", "SELECT", "TRUNCATE", "UPDATE", "USAGE", "USE_ANY_ROLE", "WRITE",
    ]

    /// The statement words of `dialect`.
    static func statementWords(for dialect: SQLDialect) -> Set<String> {
        dialect.syntax.contains(.snowflakeObjects) ? snowflakeStatementWords : statementWords
    }

    /// The single-word object privileges of `dialect`.
    static func objectPrivileges(for dialect: SQLDialect) -> Set<String> {
        dialect.syntax.contains(.snowflakeObjects) ? snowflakeObjectPrivileges : objectPrivileges
    }

    /// Commands of other engines that reach a Redshift or PostgreSQL block when its dialect was not recognised:
    /// not typos, so never "unknown" (the dialect decision, not this check, speaks about them).
    static let otherEngineStatementWords: Set<String> = [
        "BACKUP", "BULK", "DBCC", "DELIMITER", "DENY", "DESCRIBE", "EXEC", "FLUSH", "GET", "GO", "IF", "KILL", "LIST",
        "MSCK", "OPTIMIZE", "PRINT", "PURGE", "PUT", "REMOVE", "RENAME", "REPAIR", "REPLACE", "RESTORE", "SOURCE",
        "UNDROP", "UPSERT",
    ]

    /// Object privileges of GRANT and REVOKE in Redshift
    /// (https://docs.aws.amazon.com/redshift/latest/dg/r_GRANT.html) and PostgreSQL
    /// (https://www.postgresql.org/docs/current/sql-grant.html).
    static let objectPrivileges: Set<String> = [
        "ALTER", "CONNECT", "CREATE", "DELETE", "DROP", "EXECUTE", "INSERT", "MAINTAIN", "REFERENCES", "RULE",
        "SELECT", "SHARE", "TEMP", "TEMPORARY", "TRIGGER", "TRUNCATE", "UPDATE", "USAGE",
    ]

    /// Keywords written run together with what follows (`SELECTname`, `ONusers.id`, `GROUPBY1`), longest first
    /// so that `ORDERBY` splits as ORDER BY, not OR DERBY.
    static let runTogetherPrefixes: [String] = [
        "PARTITION", "DISTINCT", "HAVING", "SELECT", "INSERT", "UPDATE", "DELETE", "CREATE", "REVOKE", "VALUES",
        "WHERE", "GROUP", "ORDER", "INNER", "OUTER", "RIGHT", "CROSS", "UNION", "LIMIT", "GRANT", "ALTER", "FROM",
        "JOIN", "LEFT", "FULL", "DROP", "WITH", "INTO", "DESC", "AND", "ASC", "ALL", "ON", "BY", "AS", "TO",
    ]

    /// Pairs that read as one word when the space is dropped, which the parser takes for an alias or a name
    /// where a clause belongs: `FROM t leftjoin u`, `FROM t GROUPBY1`.
    static let joinedPairs: [String] = [
        "LEFTOUTERJOIN", "RIGHTOUTERJOIN", "FULLOUTERJOIN", "PARTITIONBY", "INNERJOIN", "CROSSJOIN", "RIGHTJOIN",
        "LEFTJOIN", "FULLJOIN", "UNIONALL", "GROUPBY", "ORDERBY",
    ]

    /// Keywords after which an operand comes, so a joined-looking word there is a name (`SELECT groupby`).
    static let operandKeywords: Set<String> = [
        "SELECT", "DISTINCT", "ALL", "BY", "ON", "AND", "OR", "NOT", "WHERE", "HAVING", "FROM", "JOIN", "AS", "SET",
        "INTO", "TABLE", "WHEN", "THEN", "ELSE", "CASE", "IN", "IS", "LIKE", "ILIKE", "BETWEEN", "USING", "RETURNING",
        "VALUES", "UPDATE", "VIEW", "COLUMN", "SCHEMA", "TO", "FOR", "WITH", "ROLE", "USER", "GROUP", "ORDER",
        "PARTITION", "LIMIT", "OFFSET", "QUALIFY", "OVER", "CAST", "EXISTS", "ANY", "SOME",
    ]

    /// Keywords inside a statement that a misspelling is measured against where the grammar fails: clauses,
    /// joins, operators, ordering, window frames, the values NULL, DEFAULT, TRUE and FALSE (where INSERT's VALUES
    /// takes no name) and the words of GRANT and REVOKE. Type names and object kinds
    /// are not here: a word near them is as likely a name.
    static let clauseKeywords: [String] = [
        "ALL", "AND", "ASC", "BETWEEN", "CROSS", "CURRENT", "DEFAULT", "DESC", "DISTINCT", "ELSE", "END", "EXCEPT",
        "EXISTS", "FALSE", "FIRST", "FOLLOWING", "FROM", "FULL", "GROUP", "HAVING", "ILIKE", "INNER", "INTERSECT",
        "INTO", "JOIN", "LAST", "LEFT", "LIKE", "LIMIT", "NATURAL", "NOT", "NULL", "NULLS", "OFFSET", "OPTION",
        "ORDER", "OUTER", "OVER", "PARTITION", "PRECEDING", "QUALIFY", "RETURNING", "RIGHT", "SELECT", "THEN",
        "TRUE", "UNBOUNDED", "UNION", "USING", "VALUES", "WHEN", "WHERE", "WINDOW", "WITH",
    ]

    /// The option keywords of Redshift's object statements (external schemas, tables and functions, datashares,
    /// identity providers, functions and procedures: Parser+Objects.swift), measured like the clause keywords.
    static let objectOptionKeywords: [String] = [
        "APPLICATION_ARN", "AUTHENTICATION", "AUTO_CREATE_ROLES", "CATALOG", "CATALOG_ID", "CATALOG_ROLE",
        "CLUSTER_ARN", "DATABASE", "DEFINER", "DELIMITED", "FIELDS", "FORMAT", "IAM_ROLE", "IMMUTABLE",
        "INCLUDENEW", "INPUTFORMAT", "INVOKER", "LAMBDA", "LANGUAGE", "LINES", "LOCATION", "MANAGEDBY",
        "MAX_BATCH_ROWS", "MAX_BATCH_SIZE", "METASTORE", "NAMESPACE", "NONATOMIC", "OUTPUTFORMAT", "PARAMETERS",
        "PARTITIONED", "PORT", "PROPERTIES", "PUBLICACCESSIBLE", "REGION", "RETRY_TIMEOUT", "RETURNS", "SAGEMAKER",
        "SECRET_ARN", "SECURITY", "SERDE", "SERDEPROPERTIES", "STABLE", "STORED", "TERMINATED", "URI", "VOLATILE",
    ]

    /// The types a Redshift routine or external table names beyond the column types
    /// (`StatementParser.redshiftTypes`): those of Python UDFs and stored procedures (`ANYELEMENT`, `REFCURSOR`,
    /// `RECORD`: https://docs.aws.amazon.com/redshift/latest/dg/udf-data-types.html) and the Hive types of external
    /// tables (https://docs.aws.amazon.com/redshift/latest/dg/r_CREATE_EXTERNAL_TABLE.html).
    static let routineAndExternalTypes: Set<String> = [
        "ANYELEMENT", "ARRAY", "MAP", "RECORD", "REFCURSOR", "STRING", "STRUCT", "TINYINT",
    ]

    /// Every type name the object grammar accepts, and measures a misspelt one against.
    static let objectDataTypes: Set<String> = routineAndExternalTypes.union(
        StatementParser.redshiftTypes.map(\.spelling))

    /// What a misspelt keyword inside a statement is measured against: the clause keywords and the object options.
    static let measuredKeywords: [String] = clauseKeywords + objectOptionKeywords

    /// Inside COPY and UNLOAD, also their parameters and the words of their arguments (Parser+Copy.swift):
    /// `DELIMITR` is one edit from DELIMITER there, and nowhere else a parameter.
    static let copyKeywords: [String] =
        clauseKeywords + StatementParser.copyVocabulary.map(\.spelling).filter { !clauseKeywords.contains($0) }.sorted()

    /// The keywords a misspelling inside the statement that starts with `first` is measured against.
    static func keywords(inStatementStartingWith first: Token?) -> [String] {
        first?.isKeyword(oneOf: [.copy, .unload]) == true ? copyKeywords : measuredKeywords
    }
}
