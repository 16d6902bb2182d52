/// What a dialect's lexer and grammar accept beyond the common core, as flags: the lexer and the parser ask
/// `dialect.syntax.contains(.x)` instead of naming dialects. The one table of them is `SQLDialect.syntax`.
package struct SQLSyntaxFeatures: OptionSet, Sendable, Hashable {
    package let rawValue: UInt32

    package init(rawValue: UInt32) { self.rawValue = rawValue }

    /// A backslash escapes the next character in every single-quoted string (`'it\'s'`): Redshift, Snowflake.
    package static let backslashEscapes = SQLSyntaxFeatures(rawValue: 1 << 0)
    /// `E'…'` strings with backslash escapes: PostgreSQL.
    package static let escapeStrings = SQLSyntaxFeatures(rawValue: 1 << 1)
    /// `/* /* */ */` nests: PostgreSQL.
    package static let nestedBlockComments = SQLSyntaxFeatures(rawValue: 1 << 2)
    /// `#name` temporary tables: Redshift.
    package static let hashTemporaryTables = SQLSyntaxFeatures(rawValue: 1 << 3)
    /// `namespace:name` users and roles (`sys:dba`): Redshift.
    package static let namespacedNames = SQLSyntaxFeatures(rawValue: 1 << 4)
    /// `$tag$…$tag$` dollar quotes with a tag; without this only `$$…$$` quotes: Redshift, PostgreSQL.
    package static let taggedDollarQuotes = SQLSyntaxFeatures(rawValue: 1 << 5)
    /// `$name` session variables, `IDENTIFIER($v)` and `IDENTIFIER('name')` where a name stands, `SET v = e`,
    /// `UNSET v`: Snowflake (https://docs.snowflake.com/en/sql-reference/session-variables,
    /// https://docs.snowflake.com/en/sql-reference/identifier-literal).
    package static let sessionVariables = SQLSyntaxFeatures(rawValue: 1 << 6)
    /// `//` starts a comment to the end of the line, as `--` does: Snowflake.
    package static let slashSlashComments = SQLSyntaxFeatures(rawValue: 1 << 7)
    /// `col:field.sub[0]` semi-structured path access after an operand, and `@stage/path` stage references:
    /// Snowflake (https://docs.snowflake.com/en/user-guide/querying-semistructured).
    package static let semiStructuredPaths = SQLSyntaxFeatures(rawValue: 1 << 8)
    /// Snowflake's object grammar: warehouses, database roles, `NAME = value` properties, `GRANT … ON ACCOUNT`,
    /// `ON FUTURE`, `SHOW GRANTS`, `USE ROLE`, time travel (`FROM t AT(…)`), its command words.
    package static let snowflakeObjects = SQLSyntaxFeatures(rawValue: 1 << 9)
    /// SnowSQL's client commands, `!set variable_substitution=true` at the start of a line (read like psql's
    /// meta-commands), and its client variables `&name`, `&{name}` (placeholders the client fills in):
    /// https://docs.snowflake.com/en/user-guide/snowsql-use.
    package static let snowSQLCommands = SQLSyntaxFeatures(rawValue: 1 << 11)
    /// `[user_name]` where a name stands is a hole to fill in, as `<user_name>` is: Redshift and PostgreSQL,
    /// whose only brackets are array subscripts and `ARRAY[…]` (T-SQL's bracket quoting is told apart by the
    /// page's other evidence, Dialects/EngineEvidence.swift).
    package static let bracketPlaceholders = SQLSyntaxFeatures(rawValue: 1 << 12)
    /// `DELETE t WHERE …` without FROM, and then without an alias: Redshift
    /// (https://docs.aws.amazon.com/redshift/latest/dg/r_DELETE.html); PostgreSQL and Snowflake require FROM.
    package static let deleteWithoutFrom = SQLSyntaxFeatures(rawValue: 1 << 13)
    /// `t1 JOIN t2` without ON or USING, a cross join: Snowflake
    /// (https://docs.snowflake.com/en/sql-reference/constructs/join); Redshift and PostgreSQL require the condition.
    package static let joinWithoutCondition = SQLSyntaxFeatures(rawValue: 1 << 14)
    /// A comma after the last select item, before FROM: Snowflake accepts it.
    package static let trailingSelectComma = SQLSyntaxFeatures(rawValue: 1 << 10)
    /// COPY's and UNLOAD's closed parameter lists of Redshift, `COPY t FROM 's3://…' IAM_ROLE '…' CSV …`
    /// (https://docs.aws.amazon.com/redshift/latest/dg/r_COPY.html,
    /// https://docs.aws.amazon.com/redshift/latest/dg/r_UNLOAD.html): Parser+Copy.swift.
    package static let redshiftCopyParameters = SQLSyntaxFeatures(rawValue: 1 << 15)
    /// PostgreSQL's COPY, `FROM 'file' | PROGRAM 'cmd' | STDIN`, `TO … | STDOUT`, `COPY (query) TO`, `WITH (option …)`
    /// and the options before 9.0 (https://www.postgresql.org/docs/15/sql-copy.html): Parser+Copy.swift.
    package static let postgresCopyOptions = SQLSyntaxFeatures(rawValue: 1 << 16)
    /// Redshift's grammar for its objects outside the privilege model (external schemas, tables and functions,
    /// masking and RLS policies, datashares, identity providers, functions and procedures), read option by option
    /// (Parser+Objects.swift); PostgreSQL's much larger CREATE FUNCTION stays read as its name and a balanced rest.
    package static let redshiftObjects = SQLSyntaxFeatures(rawValue: 1 << 17)
    /// Redshift's table grammar: ENCODE, DISTKEY, SORTKEY, IDENTITY (seed, step) and COLLATE CASE_SENSITIVE on a
    /// column; BACKUP, DISTSTYLE, DISTKEY (…), SORTKEY (…) and ENCODE AUTO on the table; ALTER DISTKEY, DISTSTYLE,
    /// SORTKEY and ENCODE, APPEND FROM, ROW LEVEL SECURITY and the external-table forms of ALTER TABLE
    /// (https://docs.aws.amazon.com/redshift/latest/dg/r_CREATE_TABLE_NEW.html,
    /// https://docs.aws.amazon.com/redshift/latest/dg/r_ALTER_TABLE.html).
    package static let redshiftTables = SQLSyntaxFeatures(rawValue: 1 << 18)
    /// PostgreSQL's table grammar: CHECK, GENERATED ALWAYS AS (…) STORED, COLLATE "name", REFERENCES … ON DELETE,
    /// DEFERRABLE on a column; INHERITS, PARTITION BY, USING, WITH (…), ON COMMIT, TABLESPACE on the table; its
    /// other ALTER TABLE actions (https://www.postgresql.org/docs/current/sql-createtable.html,
    /// https://www.postgresql.org/docs/current/sql-altertable.html). A dialect with neither table grammar reads a
    /// table's names and skips the rest balanced (Snowflake, until its own grammar).
    package static let postgresTables = SQLSyntaxFeatures(rawValue: 1 << 19)
    /// A closed list of data types, without user-defined ones: a type name that is none of them is a mistake
    /// (Redshift, https://docs.aws.amazon.com/redshift/latest/dg/c_Supported_data_types.html). PostgreSQL has
    /// CREATE TYPE, domains and arrays; Snowflake its own types.
    package static let closedDataTypes = SQLSyntaxFeatures(rawValue: 1 << 20)
}

extension SQLDialect {
    /// The syntax this dialect accepts beyond the common core. Asked at every name the parser reads: each set is
    /// built once.
    package var syntax: SQLSyntaxFeatures {
        switch self {
        case .redshift: Self.redshiftSyntax
        case .postgres: Self.postgresSyntax
        case .snowflake: Self.snowflakeSyntax
        }
    }

    private static let redshiftSyntax: SQLSyntaxFeatures = [
        .backslashEscapes, .hashTemporaryTables, .namespacedNames, .taggedDollarQuotes, .bracketPlaceholders,
        .deleteWithoutFrom, .redshiftCopyParameters, .redshiftObjects, .redshiftTables, .closedDataTypes,
    ]
    private static let postgresSyntax: SQLSyntaxFeatures = [
        .escapeStrings, .nestedBlockComments, .taggedDollarQuotes, .bracketPlaceholders, .postgresCopyOptions,
        .postgresTables,
    ]
    private static let snowflakeSyntax: SQLSyntaxFeatures = [
        .backslashEscapes, .sessionVariables, .slashSlashComments, .semiStructuredPaths, .snowflakeObjects,
        .trailingSelectComma, .snowSQLCommands, .joinWithoutCondition,
    ]
}
