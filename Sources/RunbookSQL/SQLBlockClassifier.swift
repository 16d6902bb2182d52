package import RunbookDiagnostics

/// What a fenced block is, decided before anything checks it.
package enum BlockClassification: Sendable, Hashable {
    /// SQL to parse and check in this dialect.
    case sql(SQLDialect)
    /// A synopsis, or SQL with holes to fill in; `range` points at the first placeholder. Never run as written.
    /// The parser reads placeholders as names, so a template can still be parsed for real defects; SQL with
    /// holes (`TemplateReason.isSynopsis` false) is checked as SQL around them, syntax included.
    case template(reason: TemplateReason, range: SourceRange)
    /// SQL for another database (Snowflake, BigQuery, T-SQL, Databricks, MySQL): not checked.
    case otherDialect(name: String, reason: String, range: SourceRange)
    case notSQL(reason: String)
}

/// Why a block is a template: a synopsis (`[ … ]` options, `{ a | b }`, `...`), which is not SQL as written, or
/// placeholders (`<name>`, `{{name}}`, `your_schema`, `"your_source"`), holes in SQL that is otherwise whole.
package struct TemplateReason: Sendable, Hashable, CustomStringConvertible {
    package var isSynopsis: Bool
    /// `<name> is a placeholder to fill in`.
    package var text: String

    package init(isSynopsis: Bool, text: String) {
        self.isSynopsis = isSynopsis
        self.text = text
    }

    package var description: String { text }
}

/// What a fence's language says about its content, before the content is read.
package enum FenceLanguageKind: Sendable {
    /// Empty or a SQL tag (`sql`, `postgresql`, `redshift`, `snowflake` …).
    case sql
    /// A tag that is neither SQL nor a known other language (`roomsql`, `text`): SQL if its content is.
    case unknown
    /// A known other language (`yaml`, `bash`, `json` …).
    case notSQL
}

/// Decides a block's classification from its fence language and its tokens.
package enum SQLBlockClassifier {
    private static let sqlFences: Set<String> = ["sql", "pgsql", "plpgsql", ""]
    private static let postgresFences: Set<String> = ["postgresql", "postgres", "psql", "pgsql", "plpgsql"]
    /// Statement keywords that make an unlabelled block SQL.
    private static let statementWords: Set<Keyword> = [
        .select, .with, .create, .alter, .drop, .grant, .revoke, .insert, .update, .delete, .set, .reset,
        .show, .begin, .commit, .end, .rollback, .copy, .unload, .call, .do, .vacuum, .analyze, .explain,
        .truncate, .start, .abort, .values, .comment,
    ]

    /// Whether `word` (any case, compared as ASCII) opens a statement: what makes an unlabelled block, or
    /// indented code, SQL.
    package static func isStatementWord(_ word: some StringProtocol) -> Bool {
        Keyword(word: String(word)).map(statementWords.contains) ?? false
    }

    /// Tags of languages that are not SQL: a block so labelled is never read as SQL. A tag in neither list
    /// (`roomsql`, `text`) is read as SQL when its content starts like SQL, with a note.
    private static let otherLanguageFences: Set<String> = [
        "bash", "sh", "shell", "zsh", "console", "terminal", "shell-session", "shellsession", "powershell", "ps1",
        "cmd", "bat", "yaml", "yml", "json", "jsonc", "json5", "ini", "conf", "cfg", "toml", "properties", "env",
        "dotenv", "xml", "html", "css", "js", "javascript", "jsx", "ts", "typescript", "tsx", "python", "py",
        "java", "go", "golang", "ruby", "rb", "rust", "rs", "swift", "c", "cpp", "c++", "csharp", "cs", "php",
        "scala", "kotlin", "kt", "r", "hcl", "terraform", "tf", "dockerfile", "docker", "diff", "patch",
        "markdown", "md", "mdx", "graphql", "gql", "proto", "protobuf", "nginx", "apache", "log", "http", "output",
        "csv", "tsv", "mermaid", "groovy", "lua",
        "perl", "elixir", "erlang", "haskell", "clojure", "dart", "objc", "objective-c", "vim", "makefile", "make",
        "cmake", "jinja", "jinja2", "liquid", "handlebars", "mustache", "twig", "erb", "svg", "tex", "latex",
        "asciidoc", "rst", "url", "uri", "regex", "pem", "ssh", "ssh-config", "sshconfig", "hosts", "systemd",
        "crontab", "cron", "gradle", "maven", "pom", "sbt", "pip", "npm", "yarn", "docker-compose", "helm",
    ]

    /// Whether a fence language names SQL (any dialect, this tool's or another's), or is empty.
    package static func isSQLFence(_ fenceLanguage: String) -> Bool {
        let language = fenceLanguage.lowercased()
        return sqlFences.contains(language) || postgresFences.contains(language) || language == "redshift"
            || Engine.forFence(language) != nil
    }

    /// Whether a fence language names a language that is not SQL (`yaml`, `bash`, `text`).
    package static func isOtherLanguageFence(_ fenceLanguage: String) -> Bool {
        otherLanguageFences.contains(fenceLanguage.lowercased())
    }

    /// What a fence language says about the block: a SQL tag (or none), another language's, or a tag of neither.
    package static func fenceKind(_ fenceLanguage: String) -> FenceLanguageKind {
        isSQLFence(fenceLanguage) ? .sql : isOtherLanguageFence(fenceLanguage) ? .notSQL : .unknown
    }

    /// Whether a block with this fence language can be SQL: a SQL tag, no tag, or a tag runbook does not know.
    package static func mayBeSQL(fenceLanguage: String) -> Bool {
        !isOtherLanguageFence(fenceLanguage)
    }

    /// Classifies a block. `fenceLanguage` is the info string's first word (or nil); `defaultDialect` applies
    /// to SQL fences that name no dialect.
    package static func classify(
        text: String, fenceLanguage: String?, defaultDialect: SQLDialect
    )
        -> BlockClassification
    {
        var lexed: LexedBlock?
        return classify(text: text, fenceLanguage: fenceLanguage, defaultDialect: defaultDialect, lexed: &lexed)
    }

    /// The same, reusing `lexed` (the block as an earlier stage lexed it, or nil) when the block's dialect lexes
    /// alike; on return `lexed` is the block as the classifier lexed it, for the parser.
    package static func classify(
        text: String, fenceLanguage: String?, defaultDialect: SQLDialect, lexed: inout LexedBlock?
    )
        -> BlockClassification
    {
        let language = (fenceLanguage ?? "").split(separator: " ").first.map { $0.asciiLowercased } ?? ""
        let fenceEngine = Engine.forFence(language)
        if let engine = fenceEngine, !engine.isChecked {
            return .otherDialect(
                name: engine.displayName, reason: "the fence is labelled '\(language)'", range: firstLineRange(text))
        }
        let dialect: SQLDialect
        if postgresFences.contains(language) {
            dialect = .postgres
        } else if language == "redshift" {
            dialect = .redshift
        } else if let fenceDialect = fenceEngine?.checkedDialect {
            // Another checked engine's fence (`snowflake`): its dialect.
            dialect = fenceDialect
        } else if sqlFences.contains(language) || !otherLanguageFences.contains(language) {
            // No tag, `sql`, or a tag runbook does not know (`roomsql`): SQL when it starts like SQL.
            dialect = defaultDialect
        } else {
            return .notSQL(reason: "the fence is labelled '\(language)', not SQL")
        }

        let block = lexed?.lexed(in: dialect) ?? LexedBlock(text, dialect: dialect)
        lexed = block
        let tokens = block.tokens.filter { !$0.isTrivia }
        guard let first = tokens.first else { return .notSQL(reason: "the block is empty") }
        if !sqlFences.contains(language) || language.isEmpty,
            !(first.isKeyword(oneOf: statementWords) || first.kind == .metaCommand)
        {
            let label = language.isEmpty ? "has no fence language" : "is labelled '\(language)'"
            return .notSQL(reason: "the block \(label) and does not start with a SQL statement")
        }
        if let other = otherDialect(tokens, in: dialect) { return other }
        if let output = psqlOutput(text) { return .notSQL(reason: output) }
        if let template = template(tokens) { return template }
        return .sql(dialect)
    }

    // MARK: Other dialects

    /// A block with syntax that only another engine accepts (Dialects/EngineEvidence.swift). The evidence of the
    /// block's own dialect is none: Snowflake's `USE ROLE` or `ON WAREHOUSE` in a Snowflake block.
    private static func otherDialect(_ tokens: [Token], in dialect: SQLDialect) -> BlockClassification? {
        guard let evidence = EngineEvidence.first(in: tokens) else { return nil }
        if evidence.engine?.id == dialect.rawValue { return nil }
        // `USE db`, shared by several engines, is Snowflake's own statement.
        if evidence.engine == nil, dialect.syntax.contains(.snowflakeObjects) { return nil }
        return .otherDialect(name: evidence.engineName, reason: evidence.reason, range: evidence.range)
    }

    // MARK: Templates and transcripts

    private static let serverOutputWords = ["ERROR:", "NOTICE:", "WARNING:", "HINT:", "DETAIL:", "FATAL:"]

    /// A psql session transcript: server output lines such as `ERROR:  relation … does not exist`.
    private static func psqlOutput(_ text: String) -> String? {
        // Most blocks hold no server output: a byte search for the colon-ended words rules them out.
        guard serverOutputWords.contains(where: text.containsBytes) else { return nil }
        for line in text.splitLines() {
            let trimmed = line.drop(while: { $0 == " " || $0 == "\t" })
            // The bytes first: `hasPrefix` compares Characters, and almost no line starts with these bytes.
            for prefix in serverOutputWords
            where trimmed.utf8.starts(with: prefix.utf8) && trimmed.hasPrefix(prefix) {
                return "the block shows a psql session with server output ('\(prefix)')"
            }
        }
        return nil
    }

    /// A synopsis marker anywhere makes the block a synopsis; otherwise the first placeholder makes it SQL with
    /// holes. A string literal never makes a template, whatever it holds (JSON, `'XXXXX'`, `'<password>'`):
    /// a password placeholder becomes a psql variable in the scripts like any other password.
    private static func template(_ tokens: [Token]) -> BlockClassification? {
        var hole: (reason: String, range: SourceRange)?
        for (index, token) in tokens.enumerated() {
            let next = index + 1 < tokens.count ? tokens[index + 1] : nil
            let afterNext = index + 2 < tokens.count ? tokens[index + 2] : nil
            func synopsis(_ reason: String) -> BlockClassification {
                .template(reason: TemplateReason(isSynopsis: true, text: reason), range: token.range)
            }
            switch token.kind {
            case .placeholder where hole == nil && Placeholders.isHole(token.text):
                hole = ("\(token.text) is a placeholder to fill in", token.range)
            case .quotedIdentifier where hole == nil:
                let content = String(token.text.dropFirst().dropLast())
                if Placeholders.looksLikePlaceholder(content) {
                    hole = ("\(token.text) is a placeholder to fill in", token.range)
                }
            case .punctuation where token.text == "[" && !isSubscript(tokens, index):
                // Synopsis brackets: `[IN GROUP <group>]`, `[ WITH GRANT OPTION ]`.
                if let word = next, word.kind == .word {
                    return synopsis("'[\(word.text) …]' marks an optional clause of a synopsis")
                }
            case .punctuation
            where token.text == "." && next?.isPunctuation(".") == true
                && afterNext?.isPunctuation(".") == true:
                return synopsis("'...' stands for text left out")
            case .punctuation where token.text == "{":
                return synopsis("'{ … | … }' lists alternatives of a synopsis")
            default:
                break
            }
        }
        return hole.map { .template(reason: TemplateReason(isSynopsis: false, text: $0.reason), range: $0.range) }
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
