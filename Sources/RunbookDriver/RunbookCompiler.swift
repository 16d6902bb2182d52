import Crypto
import RunbookDiagnostics
public import RunbookEmitters
import RunbookMarkdown
import RunbookModel
public import RunbookSQL

/// How to compile: what the command line (or a config file) decides.
public struct CompileOptions: Sendable {
    /// Dialect for blocks that do not say theirs (fence, annotation, front matter).
    public var dialect: SQLDialect?
    /// `--set NAME=VALUE`, already validated.
    public var parameters: [String: String]
    public var renderHTML: Bool
    public var unsafeHTML: Bool

    public init(
        dialect: SQLDialect? = nil, parameters: [String: String] = [:], renderHTML: Bool = false,
        unsafeHTML: Bool = false
    ) {
        self.dialect = dialect
        self.parameters = parameters
        self.renderHTML = renderHTML
        self.unsafeHTML = unsafeHTML
    }
}

/// The pipeline of DESIGN.md §1 for one file: Markdown → model → SQL → checks. Never throws for
/// problems in the document; they are diagnostics.
public struct RunbookCompiler: Sendable {
    public var options: CompileOptions

    public init(options: CompileOptions = CompileOptions()) {
        self.options = options
    }

    /// Whether a file can hold anything beyond plain prose: a fence or an annotation. Files that cannot
    /// are checked without building the model (docs trees are mostly such pages).
    public static func mayContainRunbook(_ bytes: [UInt8]) -> Bool {
        let backtick = UInt8(ascii: "`")
        let tilde = UInt8(ascii: "~")
        var run = 0
        var runByte: UInt8 = 0
        for byte in bytes {
            if byte == backtick || byte == tilde {
                run = byte == runByte ? run + 1 : 1
                runByte = byte
                if run == 3 { return true }
            } else {
                run = 0
                runByte = 0
            }
        }
        return bytes.firstRange(of: Array("runbook:".utf8)) != nil
    }

    /// The checks a file without fences or annotations can fail: its encoding and its front matter.
    public func quickDiagnostics(bytes: [UInt8]) -> (diagnostics: [Diagnostic], lines: [Substring]) {
        var bag = DiagnosticBag()
        let text = String(decoding: bytes, as: UTF8.self)
        if !bytes.elementsEqual(text.utf8) {
            bag.emit(
                .markdownInvalidUTF8, "the file is not valid UTF-8; invalid bytes were replaced with U+FFFD",
                at: SourceRange(SourceLocation(line: 1, column: 1)))
        }
        if text.hasPrefix("---") { _ = FrontMatter.split(text, diagnostics: &bag) }
        let lines = bag.diagnostics.isEmpty ? [] : FileDiagnostics.lines(of: text)
        return (bag.diagnostics, lines)
    }

    public func compile(path: String, bytes: [UInt8]) -> CompiledRunbook {
        var bag = DiagnosticBag()
        let parser = MarkdownParser(options: .init(renderHTML: options.renderHTML, unsafeHTML: options.unsafeHTML))
        let document = parser.parse(bytes: bytes, diagnostics: &bag)
        let runbook = RunbookBuilder.build(document, path: path)
        bag.append(contentsOf: runbook.diagnostics)

        let defaultDialect = options.dialect
            ?? runbook.dialect.flatMap { SQLDialect(rawValue: $0.lowercased()) } ?? .redshift
        var blocks: [CompiledBlock] = []
        for item in runbook.items {
            guard case .block(let block) = item else { continue }
            blocks.append(compileBlock(block, defaultDialect: defaultDialect, diagnostics: &bag))
        }
        runChecks(blocks, diagnostics: &bag)

        let secrets = Self.secrets(in: blocks)
        var values: [String: String] = [:]
        for parameter in runbook.parameters { values[parameter.name] = parameter.defaultValue }
        values.merge(options.parameters) { $1 }

        var compiled = CompiledRunbook(
            path: path, sourceHash: SHA256.hash(data: bytes).hexString, document: document, runbook: runbook,
            blocks: blocks, parameterValues: values, secrets: secrets, variants: runbook.variants,
            diagnostics: [], displayLines: [])
        let redaction = SecretRedaction(blocks: blocks)
        compiled.diagnostics = bag.diagnostics.map(redaction.scrub).sorted(by: Diagnostic.presentationOrder)
        compiled.displayLines = redaction.mask(document.lines)
        return compiled
    }

    private func compileBlock(_ block: Block, defaultDialect: SQLDialect, diagnostics: inout DiagnosticBag)
        -> CompiledBlock
    {
        let annotated = block.attributes["dialect"].flatMap { SQLDialect(rawValue: $0) }
        let fenceDialect: SQLDialect? =
            switch block.language {
            case "postgres", "postgresql", "psql", "pgsql": .postgres
            case "redshift": .redshift
            default: nil
            }
        let dialect = annotated ?? fenceDialect ?? defaultDialect
        let classification = SQLBlockClassifier.classify(
            text: block.text, fenceLanguage: block.language, defaultDialect: dialect)
        switch classification {
        case .sql(let classifiedDialect) where block.role != .skip:
            let parsed = SQLParser.parse(block.text, dialect: classifiedDialect)
            for diagnostic in parsed.diagnostics { diagnostics.emit(diagnostic.mapped(through: block.positions)) }
            return CompiledBlock(
                block: block, classification: classification, dialect: classifiedDialect, statements: parsed.statements)
        case .template where block.role != .skip:
            // A template is never run, but what it does say can still be wrong (a password in double quotes
            // stays wrong when the placeholder is filled in): its statements are checked, its syntax is not.
            diagnostics.emit(.blockNotChecked, "block not run: \(classification.uncheckedReason ?? "a template")", at: SourceRange(block.range.start))
            let parsed = SQLParser.parse(block.text, dialect: dialect)
            let statements = parsed.statements.filter { if case .invalid = $0.kind { false } else { true } }
            var template = block
            template.role = .example
            return CompiledBlock(block: template, classification: classification, dialect: dialect, statements: statements)
        default:
            if let reason = classification.uncheckedReason, block.language != "" || block.role == .executable {
                diagnostics.emit(.blockNotChecked, "block not checked: \(reason)", at: SourceRange(block.range.start))
            }
            return CompiledBlock(block: block, classification: classification, dialect: dialect, statements: [])
        }
    }

    /// The SQL checks that need no privilege model, with the names the whole runbook creates as context.
    private func runChecks(_ blocks: [CompiledBlock], diagnostics: inout DiagnosticBag) {
        var roles = Set<String>()
        var groups = Set<String>()
        var users = Set<String>()
        for block in blocks {
            for statement in block.statements {
                switch statement.kind {
                case .createRole(let role): roles.insert(role.name.value)
                case .createGroup(let group): groups.insert(group.name.value)
                case .createUser(let user): users.insert(user.name.value)
                default: break
                }
            }
        }
        for block in blocks where !block.statements.isEmpty {
            let context = SQLCheckContext(dialect: block.dialect, roleNames: roles, groupNames: groups, userNames: users)
            for check in SQLChecks.all {
                for diagnostic in check.check(block.statements, context: context) {
                    diagnostics.emit(diagnostic.mapped(through: block.block.positions))
                }
            }
        }
    }

    /// Every password a block sets, to be replaced by a psql variable named after its user.
    static func secrets(in blocks: [CompiledBlock]) -> [Secret] {
        var secrets: [Secret] = []
        for block in blocks {
            for statement in block.statements {
                let user: CreateUser? =
                    switch statement.kind {
                    case .createUser(let user), .createRole(let user): user
                    default: nil
                    }
                guard let user, user.options.contains(where: { $0.setsPassword }) else { continue }
                let variable = "\(user.name.value)_password"
                guard !secrets.contains(where: { $0.variable == variable }) else { continue }
                secrets.append(Secret(
                    variable: variable, user: user.name.value,
                    range: block.block.positions.range(statement.range)))
            }
        }
        return secrets
    }
}

extension UserOption {
    fileprivate var setsPassword: Bool {
        if case .password(.literal, _, _) = kind { return true }
        if case .password(.quotedIdentifier, _, _) = kind { return true }
        return false
    }
}

extension BlockClassification {
    /// Why a block is not checked, or nil for checkable SQL.
    var uncheckedReason: String? {
        switch self {
        case .sql: nil
        case .template(let reason, _): "a template (\(reason))"
        case .otherDialect(let name, let reason, _): "\(name) SQL (\(reason))"
        case .notSQL(let reason): "not SQL (\(reason))"
        }
    }
}

extension Diagnostic {
    /// The diagnostic with its block-relative positions moved to the Markdown file.
    func mapped(through positions: BlockPositionMap) -> Diagnostic {
        var copy = self
        copy.range = positions.range(range)
        copy.notes = notes.map { note in
            var mappedNote = note
            mappedNote.range = note.range.map(positions.range)
            return mappedNote
        }
        copy.fixIts = fixIts.map { fixIt in
            var mappedFixIt = fixIt
            mappedFixIt.range = positions.range(fixIt.range)
            return mappedFixIt
        }
        return copy
    }
}

extension Sequence where Element == UInt8 {
    var hexString: String {
        let digits = Array("0123456789abcdef".utf8)
        var bytes: [UInt8] = []
        for byte in self {
            bytes.append(digits[Int(byte >> 4)])
            bytes.append(digits[Int(byte & 0x0F)])
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}
