package import RunbookDiagnostics
package import RunbookMarkdown
package import RunbookModel
package import RunbookPrivileges
package import RunbookSQL

/// The version written into every generated file; part of the drift hash.
package enum GeneratorVersion {
    package static let current = "0.1.0"
}

/// One fenced block after the SQL stage.
package struct CompiledBlock: Sendable {
    package var block: Block
    package var classification: BlockClassification
    /// The dialect the block was read in (fence, annotation, front matter, or the default).
    package var dialect: SQLDialect
    /// Parsed statements; empty unless the block is checkable SQL.
    package var statements: [Statement]

    package init(block: Block, classification: BlockClassification, dialect: SQLDialect, statements: [Statement]) {
        self.block = block
        self.classification = classification
        self.dialect = dialect
        self.statements = statements
    }

    package var isCheckableSQL: Bool {
        if case .sql = classification { true } else { false }
    }
}

extension [CompiledBlock] {
    /// Each block with its parsed statements, as the privilege stage finds them: by block.
    package var parsed: ParsedBlocks {
        ParsedBlocks(lazy.map { ($0.block, $0.statements) })
    }
}

/// A password the runbook sets, replaced in every output by a psql variable.
package struct Secret: Hashable, Sendable {
    /// The psql variable: `segment_user_password`.
    package var variable: String
    package var user: String
    package var range: SourceRange

    package init(variable: String, user: String, range: SourceRange) {
        self.variable = variable
        self.user = user
        self.range = range
    }
}

/// Everything the emitters need, computed once by the driver. Emitters are pure functions of it.
package struct CompiledRunbook: Sendable {
    /// The path as the user gave it (relative), used in headers and diagnostics.
    package var path: String
    /// The file's bytes, as read.
    package var sourceBytes: [UInt8]
    /// Hex SHA-256 of the file's bytes: computed when an output needs it (`check` never does).
    package var sourceHash: String { sourceBytes.sha256Hex }
    package var document: MarkdownDocument
    package var runbook: Runbook
    /// Indexed by `Block.index`.
    package var blocks: [CompiledBlock]
    /// Parameter values in force: defaults, then `--set`.
    package var parameterValues: [String: String]
    package var secrets: [Secret]
    package var variants: [Variant]
    /// Diagnostics with every password scrubbed from their texts.
    package var diagnostics: [Diagnostic]
    /// The file's lines with passwords masked: what a diagnostic may quote.
    package var displayLines: [Substring]
    /// The simulated privileges of every variant (empty results for a file that was only checked quickly).
    package var privileges: PrivilegeReport
    /// What the page is written for, decided once per page; nil for a file that was only checked quickly.
    package var page: PageDialect?

    package init(
        path: String, sourceBytes: [UInt8], document: MarkdownDocument, runbook: Runbook, blocks: [CompiledBlock],
        parameterValues: [String: String], secrets: [Secret], variants: [Variant], diagnostics: [Diagnostic],
        displayLines: [Substring], privileges: PrivilegeReport = PrivilegeReport(diagnostics: [], results: [:])
    ) {
        self.path = path
        self.sourceBytes = sourceBytes
        self.document = document
        self.runbook = runbook
        self.blocks = blocks
        self.parameterValues = parameterValues
        self.secrets = secrets
        self.variants = variants
        self.diagnostics = diagnostics
        self.displayLines = displayLines
        self.privileges = privileges
    }

    /// The dialect of the page's scripts: its engine's, also while the engine is recognised and not yet checked
    /// (a Snowflake page gets SnowSQL scripts whose unchecked blocks are left out), else the page's dialect.
    package var scriptDialect: SQLDialect {
        page.map { SQLDialect(rawValue: $0.engine.id) ?? $0.dialect } ?? .redshift
    }

    /// The runbook's name: the file's base name without its extension.
    package var name: String {
        get { outputName ?? Self.baseName(of: path) }
        set { outputName = newValue }
    }

    /// Set by a build of several files whose base names collide (`a/index.md`, `b/index.md`).
    private var outputName: String?

    /// A path's last component without its extension.
    package static func baseName(of path: String) -> String {
        let base = path.split(separator: "/").last.map(String.init) ?? path
        guard let dot = base.lastIndex(of: "."), dot != base.startIndex else { return base }
        return String(base[..<dot])
    }

    /// Parameters whose value differs from the default, as the identifiers to substitute.
    package var substitutions: [String: String] {
        var result: [String: String] = [:]
        for parameter in runbook.parameters where !parameter.isSecret {
            if let value = parameterValues[parameter.name], value != parameter.defaultValue {
                result[parameter.defaultValue.lowercased()] = SQLQuoting.identifier(value)
            }
        }
        return result
    }

    /// The name an object of the document has in the database: its folded name, or the value of the
    /// parameter whose default it is (`--set`), as `substitutions` writes it.
    package func databaseName(of identifier: Identifier) -> String {
        let named = runbook.parameters.filter { !$0.isSecret && $0.defaultValue.lowercased() == identifier.value }
        for parameter in named {
            if let value = parameterValues[parameter.name], value != parameter.defaultValue { return value }
        }
        return identifier.value
    }

    /// The psql variable holding a user's password.
    package func passwordVariable(forUser user: String?) -> String {
        secrets.first { $0.user == user }?.variable ?? "\(user ?? "user")_password"
    }

    package func database(_ name: String) -> String {
        parameterValues[name] ?? name
    }
}

/// The errors of a compiled runbook (after suppressions), ordered by where they start: which statement a
/// finding makes unfit to run, found by binary search, so a block of many broken statements stays linear.
package struct ErrorPositions {
    private let errors: [Diagnostic]

    package init(_ diagnostics: [Diagnostic]) {
        errors = diagnostics.filter { $0.severity == .error }.sorted { $0.range.start < $1.range.start }
    }

    /// The first error that starts inside `range` of the Markdown file.
    package func first(in range: SourceRange) -> Diagnostic? {
        var low = 0
        var high = errors.count
        while low < high {
            let middle = (low + high) / 2
            if errors[middle].range.start < range.start { low = middle + 1 } else { high = middle }
        }
        guard low < errors.count, errors[low].range.start <= range.end else { return nil }
        return errors[low]
    }
}
