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
    private static let otherDialectFences: [String: String] = [
        "snowflake": "Snowflake", "bigquery": "BigQuery", "tsql": "T-SQL", "t-sql": "T-SQL", "mssql": "T-SQL",
        "sqlserver": "T-SQL", "mysql": "MySQL", "mariadb": "MySQL", "databricks": "Databricks",
        "sparksql": "Databricks", "spark-sql": "Databricks", "plsql": "Oracle", "oracle": "Oracle",
    ]
    /// Statement keywords that make an unlabelled block SQL.
    private static let statementWords: Set<String> = [
        "SELECT", "WITH", "CREATE", "ALTER", "DROP", "GRANT", "REVOKE", "INSERT", "UPDATE", "DELETE", "SET", "RESET",
        "SHOW", "BEGIN", "COMMIT", "END", "ROLLBACK", "COPY", "UNLOAD", "CALL", "DO", "VACUUM", "ANALYZE", "EXPLAIN",
        "TRUNCATE", "START", "ABORT", "VALUES", "COMMENT",
    ]

    /// Words that open an optional clause in a synopsis (`[IN GROUP …]`), so `[word]` is not T-SQL.
    private static let synopsisWords: Set<String> = statementWords.union(["IN", "WITH", "FOR", "ON", "TO", "AS"])

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
    public static func isSQLFence(_ fenceLanguage: String) -> Bool {
        let language = fenceLanguage.lowercased()
        return sqlFences.contains(language) || postgresFences.contains(language) || language == "redshift"
            || otherDialectFences[language] != nil
    }

    /// Whether a fence language names a language that is not SQL (`yaml`, `bash`, `text`).
    public static func isOtherLanguageFence(_ fenceLanguage: String) -> Bool {
        otherLanguageFences.contains(fenceLanguage.lowercased())
    }

    /// Whether a block with this fence language can be SQL: a SQL tag, no tag, or a tag runbook does not know.
    public static func mayBeSQL(fenceLanguage: String) -> Bool {
        !isOtherLanguageFence(fenceLanguage)
    }

    /// Classifies a block. `fenceLanguage` is the info string's first word (or nil); `defaultDialect` applies
    /// to SQL fences that name no dialect.
    public static func classify(
        text: String, fenceLanguage: String?, defaultDialect: SQLDialect
    )
        -> BlockClassification
    {
        let language = (fenceLanguage ?? "").split(separator: " ").first.map { $0.asciiLowercased } ?? ""
        if let name = otherDialectFences[language] {
            return .otherDialect(name: name, reason: "the fence is labelled '\(language)'", range: firstLineRange(text))
        }
        let dialect: SQLDialect
        if postgresFences.contains(language) {
            dialect = .postgres
        } else if language == "redshift" {
            dialect = .redshift
        } else if sqlFences.contains(language) || !otherLanguageFences.contains(language) {
            // No tag, `sql`, or a tag runbook does not know (`roomsql`): SQL when it starts like SQL.
            dialect = defaultDialect
        } else {
            return .notSQL(reason: "the fence is labelled '\(language)', not SQL")
        }

        let tokens = SQLLexer.tokenize(text, dialect: dialect).filter { !$0.isTrivia }
        guard let first = tokens.first else { return .notSQL(reason: "the block is empty") }
        if !sqlFences.contains(language) || language.isEmpty,
            !(first.isKeyword(oneOf: statementWords) || first.kind == .metaCommand)
        {
            let label = language.isEmpty ? "has no fence language" : "is labelled '\(language)'"
            return .notSQL(reason: "the block \(label) and does not start with a SQL statement")
        }
        if let other = otherDialect(tokens) { return other }
        if let output = psqlOutput(text) { return .notSQL(reason: output) }
        if let template = template(tokens) { return template }
        return .sql(dialect)
    }

    // MARK: Other dialects

    private static func otherDialect(_ tokens: [Token]) -> BlockClassification? {
        func other(_ name: String, _ reason: String, _ token: Token) -> BlockClassification {
            .otherDialect(name: name, reason: reason, range: token.range)
        }
        var backtick: Token?
        var useStatement: Token?
        for (index, token) in tokens.enumerated() {
            let next = index + 1 < tokens.count ? tokens[index + 1] : nil
            let afterNext = index + 2 < tokens.count ? tokens[index + 2] : nil
            switch token.kind {
            case .word:
                if token.isKeyword("IDENTIFIER"), next?.isPunctuation("(") == true, afterNext?.kind == .placeholder {
                    return other("Snowflake", "identifier($variable) is Snowflake syntax", token)
                }
                if token.isKeyword("WAREHOUSE"), index > 0,
                    tokens[index - 1].isKeyword(oneOf: ["USE", "CREATE", "ON", "ALTER", "DROP"])
                {
                    return other("Snowflake", "warehouses are a Snowflake concept", token)
                }
                if token.isKeyword("CATALOG"), index > 0, tokens[index - 1].isKeyword(oneOf: ["USE", "CREATE", "ON"]) {
                    return other("Databricks", "catalogs are a Databricks (Unity Catalog) concept", token)
                }
                if token.isKeyword("USE"), index == 0 || tokens[index - 1].isPunctuation(";") {
                    if next?.isKeyword("ROLE") == true {
                        return other("Snowflake", "USE ROLE is Snowflake syntax", token)
                    }
                    if useStatement == nil { useStatement = token }
                }
                if token.isKeyword("GO"), index > 0, tokens[index - 1].range.end.line < token.range.start.line,
                    next.map({ $0.range.start.line > token.range.start.line }) ?? true
                {
                    return other("T-SQL", "a GO line separates T-SQL batches", token)
                }
                if token.text.asciiLowercased.hasPrefix("sp_"), index > 0,
                    tokens[index - 1].isKeyword(oneOf: ["EXEC", "EXECUTE"])
                {
                    return other("T-SQL", "sp_ system procedures are T-SQL", token)
                }
                if token.isKeyword("IDENTIFIED"), next?.isKeyword("BY") == true {
                    return other("MySQL", "IDENTIFIED BY is MySQL syntax", token)
                }
                if token.isKeyword("ENGINE"), next?.isPunctuation("=") == true {
                    return other("MySQL", "ENGINE= table options are MySQL syntax", token)
                }
                if token.isKeyword("AUTO_INCREMENT") {
                    return other("MySQL", "AUTO_INCREMENT is MySQL syntax", token)
                }
            case .placeholder:
                if token.text.hasPrefix("${") {
                    return other("Databricks", "${variable} substitution is Databricks (or shell) syntax", token)
                }
                if token.text.hasPrefix("$"), token.text.dropFirst().first.map({ !$0.isNumber }) == true {
                    return other("Snowflake", "$variable session variables are Snowflake syntax", token)
                }
            case .punctuation:
                if token.text == "`", backtick == nil { backtick = token }
                if token.text == "[", !isSubscript(tokens, index), let name = next, name.kind == .word,
                    afterNext?.isPunctuation("]") == true,
                    !name.isKeyword(oneOf: synopsisWords)
                {
                    return other("T-SQL", "[name] brackets quote identifiers in T-SQL", token)
                }
                if token.text == "@", next?.kind == .string {
                    return other("MySQL", "'user'@'host' accounts are MySQL syntax", token)
                }
            default:
                break
            }
        }
        if let useStatement {
            return other(
                "another dialect",
                "USE switches databases in Snowflake, Databricks, MySQL and T-SQL, "
                    + "not in Redshift or PostgreSQL", useStatement)
        }
        if let backtick {
            return other("BigQuery", "backtick-quoted names are BigQuery (or MySQL/Databricks) syntax", backtick)
        }
        return nil
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
        guard index > 0 else { return false }
        let previous = tokens[index - 1]
        return previous.offsets.upperBound == tokens[index].offsets.lowerBound
            && (previous.kind == .word || previous.kind == .quotedIdentifier || previous.isPunctuation(")"))
    }

    private static func firstLineRange(_ text: String) -> SourceRange {
        let length = text.utf8.prefix(while: { $0 != UInt8(ascii: "\n") }).count
        return SourceRange(
            start: SourceLocation(line: 1, column: 1),
            end: SourceLocation(line: 1, column: 1 + max(length, 0)))
    }
}
