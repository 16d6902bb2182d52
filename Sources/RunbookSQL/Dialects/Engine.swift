/// A database engine the tool recognises on a page: the checked dialects, and the engines whose SQL is
/// recognised and skipped until they get a grammar. Making an engine checked is giving it a `checkedDialect`.
package struct Engine: Sendable, Hashable {
    /// Stable id, also the value `dialect:` accepts in front matter: `redshift`, `snowflake`, `tsql`.
    package var id: String
    /// The product name used in messages: `Snowflake`, `T-SQL`.
    package var displayName: String
    /// Nil while the engine is only recognised, not checked.
    package var checkedDialect: SQLDialect?
    /// Fence info strings (lower-case first word) that name the engine.
    package var fenceNames: Set<String>
    /// Words or phrases (lower-case, matched as whole words) that name the engine in a title or heading.
    package var proseNames: [String]
    /// Other spellings of `id` accepted in front matter and runbook.yml.
    package var aliases: Set<String>

    package var isChecked: Bool { checkedDialect != nil }
}

// MARK: - The registry

extension Engine {
    package static let redshift = Engine(
        id: "redshift", displayName: "Redshift", checkedDialect: .redshift, fenceNames: ["redshift"],
        proseNames: ["redshift"], aliases: ["amazon-redshift"])
    package static let postgres = Engine(
        id: "postgres", displayName: "PostgreSQL", checkedDialect: .postgres,
        fenceNames: ["postgresql", "postgres", "psql", "pgsql", "plpgsql"], proseNames: ["postgresql", "postgres"],
        aliases: ["postgresql", "pg"])
    package static let snowflake = Engine(
        id: "snowflake", displayName: "Snowflake", checkedDialect: .snowflake, fenceNames: ["snowflake"],
        proseNames: ["snowflake"], aliases: [])
    package static let bigQuery = Engine(
        id: "bigquery", displayName: "BigQuery", checkedDialect: nil, fenceNames: ["bigquery"],
        proseNames: ["bigquery"], aliases: [])
    package static let databricks = Engine(
        id: "databricks", displayName: "Databricks", checkedDialect: nil,
        fenceNames: ["databricks", "sparksql", "spark-sql"], proseNames: ["databricks", "spark sql"],
        aliases: ["spark"])
    package static let tsql = Engine(
        id: "tsql", displayName: "T-SQL", checkedDialect: nil, fenceNames: ["tsql", "t-sql", "mssql", "sqlserver"],
        proseNames: ["azure synapse", "synapse", "sql server", "t-sql", "azure sql"],
        aliases: ["t-sql", "mssql", "sqlserver", "synapse"])
    package static let db2 = Engine(
        id: "db2", displayName: "Db2", checkedDialect: nil, fenceNames: ["db2"], proseNames: ["db2"], aliases: [])
    package static let mysql = Engine(
        id: "mysql", displayName: "MySQL", checkedDialect: nil, fenceNames: ["mysql", "mariadb"],
        proseNames: ["mysql", "mariadb"], aliases: ["mariadb"])
    package static let oracle = Engine(
        id: "oracle", displayName: "Oracle", checkedDialect: nil, fenceNames: ["plsql", "oracle"],
        proseNames: ["oracle"], aliases: ["plsql"])

    /// Every engine the tool knows, checked ones first.
    package static let all: [Engine] = [redshift, postgres, snowflake, bigQuery, databricks, tsql, db2, mysql, oracle]

    /// The engine a front matter or runbook.yml value names (`snowflake`, `PostgreSQL`), or nil.
    package static func named(_ name: String) -> Engine? {
        let key = name.trimmingSpaces.asciiLowercased
        return all.first { $0.id == key || $0.aliases.contains(key) }
    }

    /// The engine a fence's first word names, or nil for `sql`, an empty fence or any other language.
    package static func forFence(_ language: String) -> Engine? {
        let key = language.asciiLowercased
        guard !key.isEmpty else { return nil }
        return byFenceName[key]
    }

    /// Fence name → the first engine of `all` that has it: one lookup per block instead of a walk that copies
    /// every engine (3 % of checking the AWS example pages).
    private static let byFenceName: [String: Engine] = Dictionary(
        all.flatMap { engine in engine.fenceNames.map { ($0, engine) } }, uniquingKeysWith: { first, _ in first })

    /// The engines a title or heading names, each once, in registry order.
    package static func namedIn(prose text: String) -> [Engine] {
        let words = ProseWords(text)
        return all.filter { engine in engine.proseNames.contains { words.contains(phrase: $0) } }
    }
}

extension SQLDialect {
    /// Whether a page of one dialect may be read and built as the other (`--dialect`): Redshift and PostgreSQL
    /// (translated), not Snowflake, whose SQL is its own.
    package func isInterchangeable(with other: SQLDialect) -> Bool {
        self == other || (engine.id != Engine.snowflake.id && other.engine.id != Engine.snowflake.id)
    }
}

/// A title or heading as lower-case words, for whole-word phrase matching ("Azure Synapse", "T-SQL"; not "postgresql_fdw").
struct ProseWords {
    private let words: [Substring]

    init(_ text: String) {
        words = Self.split(text)
    }

    private static func split(_ text: String) -> [Substring] {
        // ASCII text from its bytes: there, letters and digits are the only letters and numbers, and lower-casing
        // is ASCII's (walking Characters cost 170 k instructions a heading).
        if text.utf8.allSatisfy({ $0 < 0x80 }) {
            return Substring(text.asciiLowercased).utf8.split { byte in
                !((byte >= 0x61 && byte <= 0x7A) || (byte >= 0x30 && byte <= 0x39) || byte == 0x5F)
            }.map { Substring($0) }
        }
        return Substring(text.lowercased()).split { !($0.isLetter || $0.isNumber || $0 == "_") }
    }

    func contains(phrase: String) -> Bool {
        let parts = Self.split(phrase)
        guard !parts.isEmpty, parts.count <= words.count else { return false }
        for start in 0...(words.count - parts.count)
        where zip(words[start..<(start + parts.count)], parts).allSatisfy({ $0 == $1 }) {
            return true
        }
        return false
    }
}

extension String {
    fileprivate var trimmingSpaces: Substring {
        let start = firstIndex { $0 != " " && $0 != "\t" } ?? endIndex
        let end = lastIndex { $0 != " " && $0 != "\t" }.map { index(after: $0) } ?? start
        return self[start..<max(start, end)]
    }
}
