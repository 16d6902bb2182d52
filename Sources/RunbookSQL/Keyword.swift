/// The words that open a statement, and the object types that follow CREATE, ALTER and DROP: what the
/// grammar dispatches on. A word here that the grammar does not read further is still a statement it knows,
/// so it is kept (`.opaque`) rather than reported as unknown. Words inside statements are compared where the
/// parser reads them.
/// The raw value is the word in lower case; `spelling` gives it as written in messages.
enum Keyword: String, CaseIterable, Sendable {
    // Statements.
    case abort, alter, analyse, analyze, attach
    case begin, call, cancel, checkpoint, close
    case cluster, comment, commit, copy, create
    case deallocate, declare, delete, desc, describe
    case detach, discard, `do`, drop, end, execute
    case explain, fetch, grant, `import`, insert
    case listen, load, lock, merge, move, notify
    case prepare, reassign, refresh, reindex
    case release, reset, revoke, rollback, savepoint
    case security, select, set, show, start, table
    case truncate, unlisten, unload, update, use
    case vacuum, values, with
    // Snowflake's statement words the others lack (https://docs.snowflake.com/en/sql-reference-commands).
    case unset, undrop, put, get, list, ls, remove, rm

    // Object types after CREATE, ALTER or DROP (and their modifiers) that no other statement word spells.
    case access, aggregate, cast, collation
    case conversion, database, datashare, domain
    case event, `extension`, external, foreign
    case function, group, identity, index, language
    case library, masking, materialized, model
    case `operator`, owned, policy, procedure, provider
    case publication, rls, role, routine, rule
    case schema, sequence, server, statistics
    case subscription, system, tablespace, template, text
    case transform, trigger, type, unique, user
    case view
}

// MARK: - Lookup

extension Keyword {
    /// The keyword a word token spells, if any.
    init?(_ token: Token) {
        // Keywords are short: a long word is a name and needs no upper-cased copy.
        guard token.kind == .word, token.text.utf8.count <= 16,
            let keyword = Self.byWord[token.text.asciiLowercased]
        else { return nil }
        self = keyword
    }

    /// The word upper-cased: `CREATE`.
    var spelling: String { Self.spellings[self] ?? rawValue.asciiUppercased }

    /// Lookups by hash: the synthesised `init(rawValue:)` compares the word with every case in turn.
    private static let byWord: [String: Keyword] = Dictionary(uniqueKeysWithValues: allCases.map { ($0.rawValue, $0) })
    private static let spellings: [Keyword: String] = Dictionary(
        uniqueKeysWithValues: allCases.map { ($0, $0.rawValue.asciiUppercased) })

    /// Object types that CREATE, ALTER and DROP accept and the grammar keeps without modelling: PostgreSQL's
    /// and Redshift's other objects (`CREATE EXTENSION`, `DROP LIBRARY`, `ALTER SEQUENCE`, …).
    static let keptObjectTypes: Set<Keyword> = [
        .access, .aggregate, .cast, .collation, .conversion, .domain, .event, .extension, .foreign, .index,
        .language, .library, .model, .operator, .owned, .policy, .publication, .routine, .rule, .sequence, .server,
        .statistics, .subscription, .tablespace, .template, .text, .transform, .trigger, .type, .unique,
    ]

    /// Snowflake statements read only far enough to know them (stage file commands, UNDROP).
    static let snowflakeStatements: Set<Keyword> = [.put, .get, .list, .ls, .remove, .rm, .undrop]

    /// Statements read only far enough to know them: their words are kept, parentheses must balance.
    static let keptStatements: Set<Keyword> = [
        .cancel, .checkpoint, .close, .cluster, .comment, .deallocate, .declare, .discard, .do, .execute, .fetch,
        .import, .listen, .load, .lock, .move, .notify, .prepare, .reassign, .reindex, .release, .savepoint,
        .security, .unlisten,
    ]
}

extension StatementParser {
    func isKeyword(_ keyword: Keyword, at offset: Int = 0) -> Bool {
        token(at: offset)?.isKeyword(keyword.spelling) == true
    }

    /// Consumes the keyword if it is next.
    @discardableResult
    mutating func accept(_ keyword: Keyword) -> Token? {
        guard isKeyword(keyword) else { return nil }
        return advance()
    }
}
