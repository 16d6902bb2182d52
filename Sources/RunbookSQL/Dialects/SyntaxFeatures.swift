/// What a dialect's lexer and grammar accept beyond the common core, as flags: the lexer and the parser ask
/// `dialect.syntax.contains(.x)` instead of naming dialects. The one table of them is `SQLDialect.syntax`.
public struct SQLSyntaxFeatures: OptionSet, Sendable, Hashable {
    public let rawValue: UInt32

    public init(rawValue: UInt32) { self.rawValue = rawValue }

    /// A backslash escapes the next character in every single-quoted string (`'it\'s'`): Redshift, Snowflake.
    public static let backslashEscapes = SQLSyntaxFeatures(rawValue: 1 << 0)
    /// `E'…'` strings with backslash escapes: PostgreSQL.
    public static let escapeStrings = SQLSyntaxFeatures(rawValue: 1 << 1)
    /// `/* /* */ */` nests: PostgreSQL.
    public static let nestedBlockComments = SQLSyntaxFeatures(rawValue: 1 << 2)
    /// `#name` temporary tables: Redshift.
    public static let hashTemporaryTables = SQLSyntaxFeatures(rawValue: 1 << 3)
    /// `namespace:name` users and roles (`sys:dba`): Redshift.
    public static let namespacedNames = SQLSyntaxFeatures(rawValue: 1 << 4)
    /// `$tag$…$tag$` dollar quotes with a tag; without this only `$$…$$` quotes: Redshift, PostgreSQL.
    public static let taggedDollarQuotes = SQLSyntaxFeatures(rawValue: 1 << 5)
    /// `$name` session variables, `IDENTIFIER($v)` and `IDENTIFIER('name')` where a name stands, `SET v = e`,
    /// `UNSET v`: Snowflake (https://docs.snowflake.com/en/sql-reference/session-variables,
    /// https://docs.snowflake.com/en/sql-reference/identifier-literal).
    public static let sessionVariables = SQLSyntaxFeatures(rawValue: 1 << 6)
    /// `//` starts a comment to the end of the line, as `--` does: Snowflake.
    public static let slashSlashComments = SQLSyntaxFeatures(rawValue: 1 << 7)
    /// `col:field.sub[0]` semi-structured path access after an operand, and `@stage/path` stage references:
    /// Snowflake (https://docs.snowflake.com/en/user-guide/querying-semistructured).
    public static let semiStructuredPaths = SQLSyntaxFeatures(rawValue: 1 << 8)
    /// Snowflake's object grammar: warehouses, database roles, `NAME = value` properties, `GRANT … ON ACCOUNT`,
    /// `ON FUTURE`, `SHOW GRANTS`, `USE ROLE`, time travel (`FROM t AT(…)`), its command words.
    public static let snowflakeObjects = SQLSyntaxFeatures(rawValue: 1 << 9)
    /// SnowSQL's client commands, `!set variable_substitution=true` at the start of a line (read like psql's
    /// meta-commands), and its client variables `&name`, `&{name}` (placeholders the client fills in):
    /// https://docs.snowflake.com/en/user-guide/snowsql-use.
    public static let snowSQLCommands = SQLSyntaxFeatures(rawValue: 1 << 11)
    /// `[user_name]` where a name stands is a hole to fill in, as `<user_name>` is: Redshift and PostgreSQL,
    /// whose only brackets are array subscripts and `ARRAY[…]` (T-SQL's bracket quoting is told apart by the
    /// page's other evidence, Dialects/EngineEvidence.swift).
    public static let bracketPlaceholders = SQLSyntaxFeatures(rawValue: 1 << 12)
    /// A comma after the last select item, before FROM: Snowflake accepts it.
    public static let trailingSelectComma = SQLSyntaxFeatures(rawValue: 1 << 10)
}

extension SQLDialect {
    /// The syntax this dialect accepts beyond the common core.
    public var syntax: SQLSyntaxFeatures {
        switch self {
        case .redshift:
            [.backslashEscapes, .hashTemporaryTables, .namespacedNames, .taggedDollarQuotes, .bracketPlaceholders]
        case .postgres: [.escapeStrings, .nestedBlockComments, .taggedDollarQuotes, .bracketPlaceholders]
        case .snowflake:
            [
                .backslashEscapes, .sessionVariables, .slashSlashComments, .semiStructuredPaths, .snowflakeObjects,
                .trailingSelectComma, .snowSQLCommands,
            ]
        }
    }
}
