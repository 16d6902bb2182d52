import RunbookCompile
import RunbookDiagnostics
import RunbookModel
import RunbookSQL

/// Fenced blocks as the page shows them. Checkable SQL is shown as the scripts run it, from the plan's
/// statements (`ScriptEmitter.statementsText`: parameters substituted, passwords as psql variables), never as
/// the raw block; anything else is shown from the file's masked lines. Highlighting comes from the project's lexer.
struct HTMLCodeRenderer {
    let page: RunbookPlan
    var compiled: CompiledRunbook { page.compiled }
    var dialect: SQLDialect { page.dialect }
    /// Per block index: the databases it runs in, over the variants that run it (from their plans).
    var connections: [Int: [String]] = [:]

    /// Words the highlighter shows as keywords (the lexer leaves keywords to the parser).
    static let keywords: Set<String> = [
        "ADD", "ALL", "ALTER", "AND", "AS", "BEGIN", "BY", "CASCADE", "COMMIT", "CREATE", "CREATEDB", "CREATEUSER",
        "DATABASE", "DEFAULT", "DELETE", "DROP", "EXECUTE", "EXISTS", "FOR", "FROM", "FUNCTION", "FUNCTIONS", "GRANT",
        "GROUP", "IF", "IN", "INSERT", "INTO", "IS", "JOIN", "LIMIT", "NOT", "NULL", "ON", "OPTION", "OR", "ORDER",
        "OWNER", "PASSWORD", "PRIVILEGES", "PROCEDURE", "PROCEDURES", "PUBLIC", "REFERENCES", "RESET", "REVOKE",
        "ROLE", "ROLLBACK", "SCHEMA", "SELECT", "SET", "SHOW", "TABLE", "TABLES", "TEMP", "TEMPORARY", "TO",
        "TRUNCATE", "UPDATE", "USAGE", "USER", "VALID", "VALUES", "VIEW", "WHERE", "WITH",
    ]

    /// `blocks`: the fence's block, or its parts in order when comment lines (`-- OR --`) divide it into ways
    /// (each variant runs one): the page shows every part's statements.
    func render(info: String, literal: String, blocks: [Block]) -> String {
        let language = info.split(separator: " ", maxSplits: 1).first.map(String.init) ?? ""
        let block = blocks.first
        let plannedParts = blocks.compactMap { page.planned($0) }
        let compiledParts = plannedParts.map(\.compiled)
        let compiledBlock = compiledParts.first
        let checkable = compiledParts.count == blocks.count && compiledParts.allSatisfy(\.isCheckableSQL)
        var tags: [String] = []
        var notes: [String] = []
        let body: String
        var preClass = "plain"
        var dataRole = ""
        if let block, checkable {
            preClass = "sql"
            let script = ScriptEmitter(dialect: dialect)
            let statements = plannedParts.flatMap { script.statementsText($0, compiled: compiled) }
            body = statementsHTML(statements)
            if blocks.count > 1 {
                notes.append(
                    "Comment lines divide this block into ways to do one thing: each variant runs one of them.")
            }
            var databases: [String] = []
            for database in blocks.flatMap({ connections[$0.index] ?? [] }) where !databases.contains(database) {
                databases.append(database)
            }
            if !databases.isEmpty {
                tags.append("in database " + databases.joined(separator: " or "))
            }
            switch block.role {
            case .executable: dataRole = " data-role=\"executable\""
            case .example:
                tags.append("example, not in the scripts")
                dataRole = " data-role=\"example\""
            case .skip:
                tags.append("skipped")
                dataRole = " data-role=\"skip\""
            }
            let left = compiledParts.map(\.statements.count).reduce(0, +) - statements.count
            if left > 0 {
                notes.append(
                    "\(left) statement\(left == 1 ? "" : "s") of this block (psql meta-commands, or without a \(dialect.rawValue) translation) are not shown and not in the scripts."
                )
            }
            let variables = compiled.secrets.map(\.variable).filter { variable in
                statements.contains { $0.text.contains(":'\(variable)'") }
            }
            if !variables.isEmpty {
                notes.append(
                    "Passwords are never shown: psql reads :'\(variables.joined(separator: "', :'"))' from -v \(variables.map { "\($0)=…" }.joined(separator: " -v ")); in a query editor, type the password in its place."
                )
            }
        } else {
            let text = maskedLiteral(literal, block: block)
            let sqlLike = ["sql", "redshift", "postgres", "postgresql", "psql", "pgsql", "plpgsql"].contains(
                language.lowercased())
            if let compiledBlock, let reason = Self.reason(compiledBlock.classification) {
                tags.append("not checked: \(reason)")
            }
            if sqlLike || compiledBlock.map({ if case .notSQL = $0.classification { false } else { true } }) == true {
                preClass = "sql"
                body = highlight(text, dialect: compiledBlock?.dialect ?? dialect, maskPasswords: true)
            } else {
                body = HTMLEscaping.escape(text)
            }
        }
        var html =
            "<figure class=\"code\"\(block.map { " data-block=\"\($0.index)\"" } ?? "")>\n<div class=\"code-head\">"
        if !language.isEmpty { html += "<span class=\"code-lang\">\(HTMLEscaping.escape(language))</span>" }
        for tag in tags { html += "<span class=\"code-tag\">\(HTMLEscaping.escape(tag))</span>" }
        html += "<button type=\"button\" class=\"button copy\" hidden>Copy</button></div>\n"
        html += "<pre class=\"\(preClass)\"\(dataRole)><code>\(body)</code></pre>\n"
        for note in notes { html += "<p class=\"code-note\">\(HTMLEscaping.escape(note))</p>\n" }
        return html + "</figure>\n"
    }

    /// Statements with their comments; each statement's own text in a `span.stmt`.
    func statementsHTML(_ statements: [(statement: Statement, text: String)]) -> String {
        var lines: [String] = []
        for (index, (statement, text)) in statements.enumerated() {
            if index > 0, !statement.leadingComments.isEmpty { lines.append("") }
            for comment in statement.leadingComments {
                lines.append(highlight(comment, dialect: dialect, maskPasswords: true))
            }
            var line = "<span class=\"stmt\">\(highlight(text, dialect: dialect, maskPasswords: true))</span>"
            if let trailing = statement.trailingComment {
                line += " " + highlight(trailing, dialect: dialect, maskPasswords: true)
            }
            lines.append(line)
        }
        return lines.joined(separator: "\n")
    }

    /// SQL text as spans, one class per token kind (`t-word`, `t-string`, …; known keywords `t-keyword`).
    /// With `maskPasswords`, a string literal after PASSWORD is shown as stars.
    func highlight(_ text: String, dialect: SQLDialect, maskPasswords: Bool) -> String {
        var html = ""
        var afterPassword = false
        for token in SQLLexer.tokenize(text, dialect: dialect) {
            let escaped = HTMLEscaping.escape(token.text)
            switch token.kind {
            case .whitespace:
                html += escaped
                continue
            case .word where Self.keywords.contains(token.text.uppercased()):
                html += "<span class=\"t-keyword\">\(escaped)</span>"
            case .string, .quotedIdentifier, .dollarString:
                html +=
                    maskPasswords && afterPassword
                    ? "<span class=\"t-secret\">'********'</span>"
                    : "<span class=\"t-\(token.kind.rawValue)\">\(escaped)</span>"
            default:
                html += "<span class=\"t-\(token.kind.rawValue)\">\(escaped)</span>"
            }
            afterPassword = token.isKeyword("PASSWORD")
        }
        return html
    }

    /// The block's lines as the file's masked display lines have them (passwords starred), falling back to
    /// the literal where a line was rewritten by cmark (tabs).
    private func maskedLiteral(_ literal: String, block: Block?) -> String {
        guard let block else { return literal }
        var lines = literal.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        if lines.last == "" { lines.removeLast() }
        for index in lines.indices {
            let fileIndex = block.positions.fenceLine + index
            guard fileIndex < compiled.displayLines.count, index < block.positions.lineOffsets.count else { continue }
            let shown = compiled.displayLines[fileIndex]
            let offset = block.positions.lineOffsets[index]
            let bytes = Array(shown.utf8)
            guard offset <= bytes.count, bytes.count - offset == lines[index].utf8.count else { continue }
            lines[index] = String(decoding: bytes[offset...], as: UTF8.self)
        }
        return lines.joined(separator: "\n")
    }

    static func reason(_ classification: BlockClassification) -> String? {
        switch classification {
        case .sql: nil
        case .template(let reason, _): "a template (\(reason))"
        case .otherDialect(let name, let reason, _): "\(name) SQL (\(reason))"
        case .notSQL(let reason): "not SQL (\(reason))"
        }
    }
}
