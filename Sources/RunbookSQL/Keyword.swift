/// The words that open a statement, and the object types that follow CREATE, ALTER and DROP: what the
/// grammar dispatches on. A word here that the grammar does not read further is still a statement it knows,
/// so it is kept (`.opaque`) rather than reported as unknown. Words inside statements are compared where the
/// parser reads them.
enum Keyword: String, CaseIterable, Sendable {
    // Statements.
    case abort = "ABORT", alter = "ALTER", analyse = "ANALYSE", analyze = "ANALYZE", attach = "ATTACH"
    case begin = "BEGIN", call = "CALL", cancel = "CANCEL", checkpoint = "CHECKPOINT", close = "CLOSE"
    case cluster = "CLUSTER", comment = "COMMENT", commit = "COMMIT", copy = "COPY", create = "CREATE"
    case deallocate = "DEALLOCATE", declare = "DECLARE", delete = "DELETE", desc = "DESC", describe = "DESCRIBE"
    case detach = "DETACH", discard = "DISCARD", `do` = "DO", drop = "DROP", end = "END", execute = "EXECUTE"
    case explain = "EXPLAIN", fetch = "FETCH", grant = "GRANT", `import` = "IMPORT", insert = "INSERT"
    case listen = "LISTEN", load = "LOAD", lock = "LOCK", merge = "MERGE", move = "MOVE", notify = "NOTIFY"
    case prepare = "PREPARE", reassign = "REASSIGN", refresh = "REFRESH", reindex = "REINDEX"
    case release = "RELEASE", reset = "RESET", revoke = "REVOKE", rollback = "ROLLBACK", savepoint = "SAVEPOINT"
    case security = "SECURITY", select = "SELECT", set = "SET", show = "SHOW", start = "START", table = "TABLE"
    case truncate = "TRUNCATE", unlisten = "UNLISTEN", unload = "UNLOAD", update = "UPDATE", use = "USE"
    case vacuum = "VACUUM", values = "VALUES", with = "WITH"

    // Object types after CREATE, ALTER or DROP (and their modifiers) that no other statement word spells.
    case access = "ACCESS", aggregate = "AGGREGATE", cast = "CAST", collation = "COLLATION"
    case conversion = "CONVERSION", database = "DATABASE", datashare = "DATASHARE", domain = "DOMAIN"
    case event = "EVENT", `extension` = "EXTENSION", external = "EXTERNAL", foreign = "FOREIGN"
    case function = "FUNCTION", group = "GROUP", identity = "IDENTITY", index = "INDEX", language = "LANGUAGE"
    case library = "LIBRARY", masking = "MASKING", materialized = "MATERIALIZED", model = "MODEL"
    case `operator` = "OPERATOR", owned = "OWNED", policy = "POLICY", procedure = "PROCEDURE", provider = "PROVIDER"
    case publication = "PUBLICATION", rls = "RLS", role = "ROLE", routine = "ROUTINE", rule = "RULE"
    case schema = "SCHEMA", sequence = "SEQUENCE", server = "SERVER", statistics = "STATISTICS"
    case subscription = "SUBSCRIPTION", tablespace = "TABLESPACE", template = "TEMPLATE", text = "TEXT"
    case transform = "TRANSFORM", trigger = "TRIGGER", type = "TYPE", unique = "UNIQUE", user = "USER"
    case view = "VIEW"
}

// MARK: - Lookup

extension Keyword {
    /// The keyword a word token spells, if any.
    init?(_ token: Token) {
        // Keywords are short: a long word is a name and needs no upper-cased copy.
        guard token.kind == .word, token.text.utf8.count <= 16 else { return nil }
        self.init(rawValue: token.text.asciiUppercased)
    }

    /// Object types that CREATE, ALTER and DROP accept and the grammar keeps without modelling: PostgreSQL's
    /// and Redshift's other objects (`CREATE EXTENSION`, `DROP LIBRARY`, `ALTER SEQUENCE`, …).
    static let keptObjectTypes: Set<Keyword> = [
        .access, .aggregate, .cast, .collation, .conversion, .domain, .event, .extension, .foreign, .index,
        .language, .library, .model, .operator, .owned, .policy, .publication, .routine, .rule, .sequence, .server,
        .statistics, .subscription, .tablespace, .template, .text, .transform, .trigger, .type, .unique,
    ]

    /// Statements read only far enough to know them: their words are kept, parentheses must balance.
    static let keptStatements: Set<Keyword> = [
        .cancel, .checkpoint, .close, .cluster, .comment, .deallocate, .declare, .discard, .do, .execute, .fetch,
        .import, .listen, .load, .lock, .move, .notify, .prepare, .reassign, .reindex, .release, .savepoint,
        .security, .unlisten,
    ]
}

extension StatementParser {
    func isKeyword(_ keyword: Keyword, at offset: Int = 0) -> Bool {
        token(at: offset)?.isKeyword(keyword.rawValue) == true
    }

    /// Consumes the keyword if it is next.
    @discardableResult
    mutating func accept(_ keyword: Keyword) -> Token? {
        guard isKeyword(keyword) else { return nil }
        return advance()
    }
}
