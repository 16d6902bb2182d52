public import RunbookDiagnostics

/// What a fenced block is, decided before anything checks it.
public enum BlockClassification: Sendable, Hashable {
    /// SQL to parse and check in this dialect.
    case sql(SQLDialect)
    /// A synopsis or template with text to fill in; `range` points at the first placeholder.
    /// The parser reads placeholders as names, so a template can still be parsed for real defects.
    case template(reason: String, range: SourceRange)
    /// SQL for another database (Snowflake, BigQuery, T-SQL, Databricks, MySQL): not checked.
    case otherDialect(name: String, reason: String, range: SourceRange)
    case notSQL(reason: String)
}

/// Decides a block's classification from its fence language and its tokens.
public enum SQLBlockClassifier {
    private static let sqlFences: Set<String> = ["sql", "pgsql", "plpgsql", ""]
    private static let postgresFences: Set<String> = ["postgresql", "postgres", "psql", "pgsql", "plpgsql"]
    /// Statement keywords that make an unlabelled block SQL.
    private static let statementWords: Set<String> = [
        "SELECT", "WITH", "CREATE", "ALTER", "DROP", "GRANT", "REVOKE", "INSERT", "UPDATE", "DELETE", "SET", "RESET",
        "SHOW", "BEGIN", "COMMIT", "END", "ROLLBACK", "COPY", "UNLOAD", "CALL", "DO", "VACUUM", "ANALYZE", "EXPLAIN",
        "TRUNCATE", "START", "ABORT", "VALUES", "COMMENT",
    ]

    /// Whether a fence language is empty or names SQL of some dialect: only such blocks can be SQL.
    public static func mayBeSQL(fenceLanguage: String) -> Bool {
        let language = fenceLanguage.lowercased()
        return sqlFences.contains(language) || postgresFences.contains(language) || language == "redshift"
            || Engine.forFence(language) != nil
    }

    /// Classifies a block. `fenceLanguage` is the info string's first word (or nil); `defaultDialect` applies
    /// to SQL fences that name no dialect.
    public static func classify(
        text: String, fenceLanguage: String?, defaultDialect: SQLDialect
    )
        -> BlockClassification
    {
        let language = (fenceLanguage ?? "").split(separator: " ").first.map { $0.asciiLowercased } ?? ""
        if let engine = Engine.forFence(language), !engine.isChecked {
            return .otherDialect(
                name: engine.displayName, reason: "the fence is labelled '\(language)'", range: firstLineRange(text))
        }
        let dialect: SQLDialect
        if postgresFences.contains(language) {
            dialect = .postgres
        } else if language == "redshift" {
            dialect = .redshift
        } else if sqlFences.contains(language) {
            dialect = defaultDialect
        } else {
            return .notSQL(reason: "the fence is labelled '\(language)', not SQL")
        }

        let tokens = SQLLexer.tokenize(text, dialect: dialect).filter { !$0.isTrivia }
        guard let first = tokens.first else { return .notSQL(reason: "the block is empty") }
        if language.isEmpty, !(first.isKeyword(oneOf: statementWords) || first.kind == .metaCommand) {
            return .notSQL(reason: "the block has no fence language and does not start with a SQL statement")
        }
        if let other = otherDialect(tokens) { return other }
        if let output = psqlOutput(text) { return .notSQL(reason: output) }
        if let template = template(tokens) { return template }
        return .sql(dialect)
    }

    // MARK: Other dialects

    /// A block with syntax that only another engine accepts (Dialects/EngineEvidence.swift).
    private static func otherDialect(_ tokens: [Token]) -> BlockClassification? {
        EngineEvidence.first(in: tokens).map { .otherDialect(name: $0.engineName, reason: $0.reason, range: $0.range) }
    }

    // MARK: Templates and transcripts

    /// A psql session transcript: server output lines such as `ERROR:  relation … does not exist`.
    private static func psqlOutput(_ text: String) -> String? {
        for line in text.split(separator: "\n") {
            let trimmed = line.drop(while: { $0 == " " || $0 == "\t" })
            for prefix in ["ERROR:", "NOTICE:", "WARNING:", "HINT:", "DETAIL:", "FATAL:"]
            where trimmed.hasPrefix(prefix) {
                return "the block shows a psql session with server output ('\(prefix)')"
            }
        }
        return nil
    }

    private static func template(_ tokens: [Token]) -> BlockClassification? {
        for (index, token) in tokens.enumerated() {
            let next = index + 1 < tokens.count ? tokens[index + 1] : nil
            let afterNext = index + 2 < tokens.count ? tokens[index + 2] : nil
            switch token.kind {
            case .placeholder where token.text.hasPrefix("<"):
                return .template(reason: "\(token.text) is a placeholder to fill in", range: token.range)
            case .string, .quotedIdentifier:
                let content = String(token.text.dropFirst().dropLast())
                if Placeholders.looksLikePlaceholder(content) {
                    return .template(reason: "\(token.text) is a placeholder to fill in", range: token.range)
                }
            case .punctuation where token.text == "[" && !isSubscript(tokens, index):
                // Synopsis brackets: `[IN GROUP <group>]`, `[ WITH GRANT OPTION ]`.
                if let word = next, word.kind == .word {
                    return .template(
                        reason: "'[\(word.text) …]' marks an optional clause of a synopsis",
                        range: token.range)
                }
            case .punctuation
            where token.text == "." && next?.isPunctuation(".") == true
                && afterNext?.isPunctuation(".") == true:
                return .template(reason: "'...' stands for text left out", range: token.range)
            case .punctuation where token.text == "{":
                return .template(reason: "'{ … | … }' lists alternatives of a synopsis", range: token.range)
            default:
                break
            }
        }
        return nil
    }

    /// `a[1]`, `f(x)[i]`: a `[` right after a name or `)` is an array subscript, not a synopsis or T-SQL bracket.
    private static func isSubscript(_ tokens: [Token], _ index: Int) -> Bool {
        EngineEvidence.isSubscript(tokens, index)
    }

    private static func firstLineRange(_ text: String) -> SourceRange {
        let length = text.utf8.prefix(while: { $0 != UInt8(ascii: "\n") }).count
        return SourceRange(
            start: SourceLocation(line: 1, column: 1),
            end: SourceLocation(line: 1, column: 1 + max(length, 0)))
    }
}
