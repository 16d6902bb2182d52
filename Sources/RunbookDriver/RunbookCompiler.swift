import Foundation
package import RunbookCompile
package import RunbookDiagnostics
import RunbookMarkdown
import RunbookModel
import RunbookPrivileges
package import RunbookSQL

/// How to compile: what the command line (or a config file) decides.
package struct CompileOptions: Sendable {
    /// `--dialect`: the checked dialect of every page that is not another engine's (PageDialect.swift).
    package var dialect: SQLDialect?
    /// runbook.yml's `dialects:` entry for the file's path: as strong as the page's front matter.
    package var pathDialect: SQLDialect?
    /// runbook.yml's `dialect:`: a default that the page's own evidence overrides.
    package var treeDialect: SQLDialect?
    /// `--set NAME=VALUE`, already validated.
    package var parameters: [String: String]
    package var renderHTML: Bool
    package var unsafeHTML: Bool
    /// Report suppression comments that silence nothing (`--report-unused-suppressions`).
    package var reportUnusedSuppressions: Bool

    package init(
        dialect: SQLDialect? = nil, pathDialect: SQLDialect? = nil, treeDialect: SQLDialect? = nil,
        parameters: [String: String] = [:], renderHTML: Bool = false, unsafeHTML: Bool = false,
        reportUnusedSuppressions: Bool = false
    ) {
        self.dialect = dialect
        self.pathDialect = pathDialect
        self.treeDialect = treeDialect
        self.parameters = parameters
        self.renderHTML = renderHTML
        self.unsafeHTML = unsafeHTML
        self.reportUnusedSuppressions = reportUnusedSuppressions
    }
}

/// The pipeline of DESIGN.md §1 for one file: Markdown → model → SQL → checks. Never throws for
/// problems in the document; they are diagnostics.
package struct RunbookCompiler: Sendable {
    package var options: CompileOptions

    package init(options: CompileOptions = CompileOptions()) {
        self.options = options
    }

    /// Whether a file can hold anything beyond plain prose: a fence that may hold SQL (no language, or a
    /// SQL dialect's) or an annotation. Files that cannot are checked without building the model: docs
    /// trees are mostly such pages. The scan errs towards yes: it only has to be right about "no".
    package static func mayContainRunbook(_ bytes: [UInt8]) -> Bool {
        if contains(bytes, "runbook:") { return true }
        var openFence: (character: UInt8, length: Int)?
        var lineStart = 0
        while lineStart < bytes.count {
            var lineEnd = lineStart
            while lineEnd < bytes.count, bytes[lineEnd] != UInt8(ascii: "\n") { lineEnd += 1 }
            defer { lineStart = lineEnd + 1 }
            // Indented code outside a fence (the model reads SQL in it, and fences written too little indented
            // inside list items are indented code too): a line indented four columns that opens a statement.
            if openFence == nil, indentedStatement(bytes[lineStart..<lineEnd]) { return true }
            // Skip container prefixes: indentation, block quote markers, list markers.
            var index = lineStart
            while index < lineEnd {
                let byte = bytes[index]
                if byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t") || byte == UInt8(ascii: ">") {
                    index += 1
                } else if byte == UInt8(ascii: "-") || byte == UInt8(ascii: "*") || byte == UInt8(ascii: "+"),
                    index + 1 < lineEnd, bytes[index + 1] == UInt8(ascii: " ")
                {
                    index += 2
                } else if (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) {
                    var digitsEnd = index
                    while digitsEnd < lineEnd, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(bytes[digitsEnd]) {
                        digitsEnd += 1
                    }
                    guard digitsEnd < lineEnd,
                        bytes[digitsEnd] == UInt8(ascii: ".") || bytes[digitsEnd] == UInt8(ascii: ")")
                    else { break }
                    index = digitsEnd + 1
                } else {
                    break
                }
            }
            guard index < lineEnd, bytes[index] == UInt8(ascii: "`") || bytes[index] == UInt8(ascii: "~") else {
                continue
            }
            let character = bytes[index]
            var runEnd = index
            while runEnd < lineEnd, bytes[runEnd] == character { runEnd += 1 }
            let length = runEnd - index
            guard length >= 3 else { continue }
            var infoStart = runEnd
            while infoStart < lineEnd, bytes[infoStart] == UInt8(ascii: " ") || bytes[infoStart] == UInt8(ascii: "\t") {
                infoStart += 1
            }
            var infoEnd = infoStart
            while infoEnd < lineEnd,
                ![UInt8(ascii: " "), UInt8(ascii: "\t"), UInt8(ascii: "\r"), UInt8(ascii: "{")].contains(bytes[infoEnd])
            { infoEnd += 1 }
            if let fence = openFence {
                if character == fence.character, length >= fence.length,
                    infoStart >= lineEnd || bytes[infoStart] == UInt8(ascii: "\r")
                {
                    openFence = nil
                }
                continue
            }
            let language = String(decoding: bytes[infoStart..<infoEnd], as: UTF8.self)
            if SQLBlockClassifier.mayBeSQL(fenceLanguage: language) { return true }
            openFence = (character, length)
        }
        // A fence left open is worth a warning, which the full path gives.
        return openFence != nil
    }

    /// Whether a line, after block quote markers, is indented by four columns or more and its first word opens
    /// a SQL statement (`    GRANT SELECT …`) or a psql prompt (`    postgres=> …`). Errs towards yes: a list
    /// item's indented prose that starts with "Select" makes the file fully checked, which is only slower.
    static func indentedStatement(_ line: ArraySlice<UInt8>) -> Bool {
        var index = line.startIndex
        while index < line.endIndex, line[index] == UInt8(ascii: ">") {
            index += 1
            if index < line.endIndex, line[index] == UInt8(ascii: " ") { index += 1 }
        }
        var columns = 0
        while index < line.endIndex, line[index] == UInt8(ascii: " ") || line[index] == UInt8(ascii: "\t") {
            columns = line[index] == UInt8(ascii: "\t") ? (columns / 4 + 1) * 4 : columns + 1
            index += 1
        }
        guard columns >= 4 else { return false }
        let wordStart = index
        while index < line.endIndex,
            (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(line[index] | 0x20) || line[index] == UInt8(ascii: "_")
                || (index > wordStart && (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(line[index]))
        {
            index += 1
        }
        guard index > wordStart, index - wordStart <= 12 else { return false }
        let word = String(decoding: line[wordStart..<index], as: UTF8.self)
        // `postgres=> ` or `db=# `: a psql session pasted as indented code.
        if index + 1 < line.endIndex, line[index] == UInt8(ascii: "=") || line[index] == UInt8(ascii: "-"),
            line[index + 1] == UInt8(ascii: ">") || line[index + 1] == UInt8(ascii: "#")
        {
            return true
        }
        let separators = [UInt8(ascii: " "), UInt8(ascii: "\t"), UInt8(ascii: ";"), UInt8(ascii: "\r")]
        let followedBySpace = index == line.endIndex || separators.contains(line[index])
        return followedBySpace && SQLBlockClassifier.isStatementWord(word)
    }

    /// Byte search: memchr for the first byte, then a comparison (Foundation's generic search is far
    /// slower, and this runs over every page of a docs tree).
    static func contains(_ bytes: [UInt8], _ needle: StaticString) -> Bool {
        let length = needle.utf8CodeUnitCount
        guard length > 0, bytes.count >= length else { return false }
        return bytes.withUnsafeBufferPointer { buffer -> Bool in
            guard let base = buffer.baseAddress else { return false }
            let first = Int32(needle.utf8Start.pointee)
            var offset = 0
            while offset + length <= buffer.count {
                guard let found = memchr(base + offset, first, buffer.count - length + 1 - offset) else { return false }
                let position = UnsafePointer(found.assumingMemoryBound(to: UInt8.self)) - base
                if memcmp(base + position, needle.utf8Start, length) == 0 { return true }
                offset = position + 1
            }
            return false
        }
    }

    /// The checks a file without fences or annotations can fail: its encoding and its front matter.
    package func quickDiagnostics(bytes: [UInt8]) -> (diagnostics: [Diagnostic], lines: [Substring]) {
        var bag = DiagnosticBag()
        let valid = String(validating: bytes, as: UTF8.self)
        let text = valid ?? String(decoding: bytes, as: UTF8.self)
        if valid == nil {
            bag.emit(StaticMessage.invalidUTF8, at: SourceRange(SourceLocation(line: 1, column: 1)))
        }
        if text.hasPrefix("---") { _ = FrontMatter.split(text, diagnostics: &bag) }
        let lines = bag.diagnostics.isEmpty ? [] : FileDiagnostics.lines(of: text)
        return (bag.diagnostics.isEmpty ? [] : LineStarts(bytes).locating(bag.diagnostics), lines)
    }

    package func compile(path: String, bytes: [UInt8]) -> CompiledRunbook {
        var bag = DiagnosticBag()
        let parser = MarkdownParser(options: .init(renderHTML: options.renderHTML, unsafeHTML: options.unsafeHTML))
        let document = parser.parse(bytes: bytes, diagnostics: &bag)
        let runbook = RunbookBuilder.build(document, path: path)
        // Each block that may be SQL is lexed once here (as Redshift, as the page's dialect decision reads it);
        // the classifier and the parser take the tokens over when they read the block in the same dialect.
        var lexed = Self.lexBlocks(runbook)
        let page = Self.pageDialect(runbook, document: document, options: options, lexed: lexed)
        if let finding = Self.unknownDialect(runbook.dialect, document: document) { bag.emit(finding) }
        // On another engine's page no block is scripted at all (the page gets one note), so "this block is in no
        // script" would only repeat that note.
        bag.append(
            contentsOf: page.isSkipped
                ? runbook.diagnostics.filter { $0.rule != Rule.modelBlockOutsideStep.id } : runbook.diagnostics)
        var blocks: [CompiledBlock] = []
        var skipped = SkippedBlocks()
        for item in runbook.items {
            guard case .block(let block) = item else { continue }
            let section = page.sectionEngines.indices.contains(block.index) ? page.sectionEngines[block.index] : nil
            var blockLexed = lexed.indices.contains(block.index) ? lexed[block.index] : nil
            if lexed.indices.contains(block.index) { lexed[block.index] = nil }
            blocks.append(
                compileBlock(
                    block, page: page, section: section, lexed: &blockLexed, skipped: &skipped, diagnostics: &bag))
        }
        skipped.report(into: &bag)
        runChecks(blocks, skipped: skipped.creations, diagnostics: &bag)

        let secrets = Self.secrets(in: blocks)
        var values: [String: String] = [:]
        for parameter in runbook.parameters { values[parameter.name] = parameter.defaultValue }
        values.merge(options.parameters) { $1 }

        var compiled = CompiledRunbook(
            path: path, sourceBytes: bytes, document: document, runbook: runbook,
            blocks: blocks, parameterValues: values, secrets: secrets, variants: runbook.variants,
            diagnostics: [], displayLines: [])
        compiled.page = page
        compiled.privileges = PrivilegeAnalysis.analyze(
            runbook: runbook, statements: blocks.parsed, dialect: page.dialect,
            createdOutsideChecks: skipped.creations)
        bag.append(contentsOf: compiled.privileges.diagnostics)
        let redaction = SecretRedaction(blocks: blocks)
        let suppressed = Suppression.apply(
            Suppression.collect(in: compiled), to: bag.diagnostics, knownRules: Rule.catalogIDs,
            reportUnused: options.reportUnusedSuppressions)
        let scrubbed = suppressed.map(redaction.scrub).sorted(by: Diagnostic.presentationOrder)
        compiled.diagnostics = scrubbed.isEmpty ? [] : LineStarts(bytes).locating(scrubbed)
        compiled.displayLines = redaction.mask(document.lines)
        return compiled
    }

    /// `dialect: snowflak` in the front matter: an error with a suggestion, at the line that says it.
    static func unknownDialect(_ written: String?, document: MarkdownDocument) -> Diagnostic? {
        guard let written, Engine.named(written) == nil, let frontMatter = document.frontMatter else { return nil }
        let names = Engine.all.flatMap { [$0.id] + $0.aliases.sorted() }
        let suggestion = Suggestion.closest(to: written, in: names)
        var line = frontMatter.lines.lowerBound
        var fixIts: [FixIt] = []
        for number in frontMatter.lines where number >= 1 && number <= document.lines.count {
            let text = document.lines[number - 1]
            guard text.drop(while: { $0 == " " }).hasPrefix("dialect:") else { continue }
            line = number
            // The value as written on that line: replaced by the suggestion, the rest of the line kept.
            if let closest = Suggestion.closest(to: written, in: names),
                let found = text.utf8.firstRange(of: Array(written.utf8))
            {
                let column = text.utf8.distance(from: text.utf8.startIndex, to: found.lowerBound) + 1
                let range = SourceRange(
                    start: SourceLocation(line: number, column: column),
                    end: SourceLocation(line: number, column: column + written.utf8.count))
                fixIts.append(FixIt("use '\(closest)'", range: range, replacement: closest, applicability: .safe))
            }
            break
        }
        return Diagnostic(
            UnknownDialectMessage(written: written, suggestion: suggestion, known: Engine.all.map(\.id)),
            at: SourceRange(SourceLocation(line: line, column: 1)), fixIts: fixIts)
    }

    /// The page's dialect from the options, the front matter and what the page shows. Every block is sampled
    /// (the SQL-ish and untagged ones, by `Block.index`) so that evidence in any of them counts.
    static func pageDialect(_ runbook: Runbook, document: MarkdownDocument, options: CompileOptions) -> PageDialect {
        pageDialect(runbook, document: document, options: options, lexed: lexBlocks(runbook))
    }

    /// Every block that may be SQL lexed as Redshift, by `Block.index` (nil for the others): what the page's
    /// dialect decision samples, handed on to the classifier and the parser.
    static func lexBlocks(_ runbook: Runbook) -> [LexedBlock?] {
        var lexed: [LexedBlock?] = []
        for item in runbook.items {
            guard case .block(let block) = item else { continue }
            while lexed.count <= block.index { lexed.append(nil) }
            if SQLBlockClassifier.mayBeSQL(fenceLanguage: block.language) {
                lexed[block.index] = LexedBlock(block.text, dialect: .redshift)
            }
        }
        return lexed
    }

    static func pageDialect(
        _ runbook: Runbook, document: MarkdownDocument, options: CompileOptions, lexed: [LexedBlock?]
    ) -> PageDialect {
        var samples: [PageDialect.BlockSample] = []
        for item in runbook.items {
            guard case .block(let block) = item else { continue }
            let mayBeSQL = SQLBlockClassifier.mayBeSQL(fenceLanguage: block.language)
            let tokens = mayBeSQL ? (lexed[block.index] ?? LexedBlock(block.text, dialect: .redshift)).tokens : []
            while samples.count < block.index {
                samples.append(
                    PageDialect.BlockSample(language: "", tokens: [], range: block.range, positions: block.positions))
            }
            samples.append(
                PageDialect.BlockSample(
                    language: mayBeSQL ? block.language : "-", tokens: tokens, range: block.range,
                    positions: block.positions))
        }
        let headings = document.root.preOrder.compactMap { node -> PageDialect.Heading? in
            guard case .heading(let level) = node.kind else { return nil }
            return PageDialect.Heading(level: level, text: node.plainText, range: node.range)
        }
        let declarations = PageDialect.Declarations(
            commandLine: options.dialect, frontMatter: runbook.dialect, configurationForPath: options.pathDialect,
            configurationDefault: options.treeDialect)
        return PageDialect.decide(declarations, title: runbook.title, headings: headings, blocks: samples)
    }

    private func compileBlock(
        _ block: Block, page: PageDialect, section: Engine?, lexed: inout LexedBlock?, skipped: inout SkippedBlocks,
        diagnostics: inout DiagnosticBag
    ) -> CompiledBlock {
        // A block's own word comes first: an annotation, then its fence; then its section, then the page.
        let annotated = block.attributes["dialect"].flatMap { SQLDialect(rawValue: $0) }
        let fenceEngine = Engine.forFence(block.language)
        let saysItsOwn = annotated != nil || fenceEngine != nil
        // A section naming the page's own engine changes nothing; one naming another engine is that engine's.
        let section = section == page.engine ? nil : section
        let engine = saysItsOwn ? nil : (section ?? page.engine)
        let dialect = annotated ?? fenceEngine?.checkedDialect ?? engine?.checkedDialect ?? page.dialect
        var classification = SQLBlockClassifier.classify(
            text: block.text, fenceLanguage: block.language, defaultDialect: dialect, lexed: &lexed)
        // A block of a checked engine whose SQL the page's model cannot run (a `snowflake` fence on a Redshift
        // page, a `redshift` fence on a Snowflake page): a note, and what it creates is known to later blocks.
        if case .sql(let blockDialect) = classification, !blockDialect.isInterchangeable(with: page.dialect),
            let fenceEngine, fenceEngine.checkedDialect == blockDialect
        {
            classification = .otherDialect(
                name: fenceEngine.displayName, reason: "the fence is labelled '\(block.language)'",
                range: SourceRange(SourceLocation(line: 1, column: 1)))
        }
        if let engine, !engine.isChecked, block.role != .skip {
            // Another engine's page or section: skipped whole, with one note for all of its blocks.
            if case .notSQL = classification,
                block.language.isEmpty || !SQLBlockClassifier.mayBeSQL(fenceLanguage: block.language)
            {
                return CompiledBlock(block: block, classification: classification, dialect: dialect, statements: [])
            }
            let reason = section == nil ? page.reason : "its heading names \(engine.displayName)"
            skipped.add(block, engine: engine, reason: reason, isSection: section != nil, lexed: lexed)
            let range = SourceRange(start: SourceLocation(line: 1, column: 1), end: SourceLocation(line: 1, column: 1))
            return CompiledBlock(
                block: block,
                classification: .otherDialect(
                    name: engine.displayName, reason: "the page is for \(engine.displayName): \(reason)", range: range),
                dialect: dialect, statements: [])
        }
        switch classification {
        case .sql(let classifiedDialect) where block.role != .skip:
            let parsed = SQLParser.parse(
                lexed?.lexed(in: classifiedDialect) ?? LexedBlock(block.text, dialect: classifiedDialect))
            for diagnostic in parsed.diagnostics { diagnostics.emit(diagnostic.mapped(through: block.positions)) }
            return CompiledBlock(
                block: block, classification: classification, dialect: classifiedDialect, statements: parsed.statements)
        case .template(let reason, _) where block.role != .skip:
            // A template is never run, but what it does say can still be wrong (a password in double quotes
            // stays wrong when the placeholder is filled in): its statements are checked; the syntax of SQL
            // with holes is too, that of a synopsis is not.
            diagnostics.emit(
                BlockNotCheckedMessage(reason: .notRun(classification.uncheckedReason ?? "a template")),
                at: SourceRange(block.range.start))
            let parsed = SQLParser.parse(lexed?.lexed(in: dialect) ?? LexedBlock(block.text, dialect: dialect))
            if !reason.isSynopsis {
                for diagnostic in parsed.diagnostics { diagnostics.emit(diagnostic.mapped(through: block.positions)) }
            }
            let statements = parsed.statements.filter { if case .invalid = $0.kind { false } else { true } }
            var template = block
            template.role = .example
            return CompiledBlock(
                block: template, classification: classification, dialect: dialect, statements: statements)
        default:
            // A note only where a reader could expect a check: SQL of another dialect, or a fence labelled
            // as SQL that is not. A JavaScript example needs no word.
            let labelledSQL = !block.language.isEmpty && SQLBlockClassifier.isSQLFence(block.language)
            let worthANote: Bool =
                switch classification {
                case .otherDialect, .template: true
                default: labelledSQL
                }
            if let mismatch = Self.otherEngineOnStatedPage(
                block, classification, page: page, section: section, lexed: lexed)
            {
                diagnostics.emit(mismatch)
            } else if let reason = classification.uncheckedReason, worthANote {
                diagnostics.emit(
                    BlockNotCheckedMessage(reason: .notChecked(reason)), at: SourceRange(block.range.start))
            }
            if case .otherDialect = classification, block.role != .skip { skipped.record(block, lexed: lexed) }
            return CompiledBlock(block: block, classification: classification, dialect: dialect, statements: [])
        }
    }

    /// Another engine's grammar in an unlabelled block of a page that says (or shows) it is Redshift or
    /// PostgreSQL: `GRANT CREATE SCHEMA ON DATABASE d` on a PostgreSQL page is a mistake the page's engine
    /// rejects, named for what it is rather than reported as a syntax error. Weak evidence (`USE db`,
    /// backticks) and fences that name the engine stay notes.
    static func otherEngineOnStatedPage(
        _ block: Block, _ classification: BlockClassification, page: PageDialect, section: Engine?,
        lexed: LexedBlock? = nil
    ) -> Diagnostic? {
        guard case .otherDialect = classification, block.role != .skip, section == nil,
            Engine.forFence(block.language) == nil,
            block.attributes["dialect"] == nil, !page.isSkipped,
            [.frontMatter, .configuration, .title, .headings].contains(page.source)
        else { return nil }
        let tokens = (lexed?.lexed(in: page.dialect) ?? LexedBlock(block.text, dialect: page.dialect)).tokens
            .filter { !$0.isTrivia }
        guard let evidence = EngineEvidence.first(in: tokens), !evidence.isWeak, let engine = evidence.engine else {
            return nil
        }
        return Diagnostic(
            OtherEngineOnStatedPageMessage(
                engine: engine.displayName, evidence: evidence.reason, page: page.dialect.displayName,
                pageReason: page.reason),
            at: block.positions.range(evidence.range),
            notes: [
                DiagnosticNote(
                    "if the block is meant for \(engine.displayName), label its fence '\(engine.fenceNames.sorted().first ?? engine.id)'"
                )
            ])
    }

    /// The SQL checks that need no privilege model, with the names the whole runbook creates as context.
    private func runChecks(_ blocks: [CompiledBlock], skipped: [SkippedCreation], diagnostics: inout DiagnosticBag) {
        var roles = Set(skipped.filter { $0.kind == .role }.map(\.name))
        var groups = Set(skipped.filter { $0.kind == .group }.map(\.name))
        var users = Set(skipped.filter { $0.kind == .user }.map(\.name))
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
            let context = SQLCheckContext(
                dialect: block.dialect, roleNames: roles, groupNames: groups, userNames: users)
            for check in SQLChecks.all {
                for diagnostic in check.check(block.statements, context: context) {
                    diagnostics.emit(diagnostic.mapped(through: block.block.positions))
                }
            }
        }
    }

    /// Every password a block sets, to be replaced by a client variable named after its user (psql's
    /// `:'segment_user_password'`, SnowSQL's `&segment_user_password`). A value given to a variable named like
    /// a secret (`SET segment_password = '…'`, then on Snowflake `PASSWORD = $segment_password`) is one too,
    /// named after the variable, on every page.
    static func secrets(in blocks: [CompiledBlock]) -> [Secret] {
        var secrets: [Secret] = []
        func add(_ variable: String, user: String, _ block: CompiledBlock, _ statement: Statement) {
            guard !secrets.contains(where: { $0.variable == variable }) else { return }
            secrets.append(Secret(variable: variable, user: user, range: block.block.positions.range(statement.range)))
        }
        for block in blocks {
            // The byte search once a block, then once a statement of a block that has a secret's word.
            let blockMayHoldSecret = SecretRedaction.mayHoldSecret(block.block.text)
            for statement in block.statements {
                // COPY's, UNLOAD's and CREATE LIBRARY's keys (`SECRET_ACCESS_KEY '…'`, `CREDENTIALS '…'` with a
                // secret key), named after their parameter, and Snowflake's stage and COPY credentials
                // (`AWS_SECRET_KEY = '…'`, `MASTER_KEY = '…'`), named after their option; a user's password is
                // named after the user below.
                let literals =
                    blockMayHoldSecret && SecretRedaction.mayHoldSecret(statement.text)
                    ? statement.secretLiterals.filter { !$0.isPlaceholder } : []
                for secret in literals {
                    guard let owner = secret.owner?.value,
                        SecretLiteral.credentialParameters.contains(owner)
                            || SecretLiteral.isSecretName(owner)
                                && !statement.passwords.contains(where: { $0.range == secret.range })
                    else { continue }
                    add(owner, user: owner, block, statement)
                }
                // On any page: a SET of a variable named like a secret (Snowflake's session variables, and the
                // same written on a Redshift or PostgreSQL page) is guarded like a password.
                if statement.leadingKeyword == "SET" {
                    for secret in literals {
                        guard let owner = secret.owner?.value else { continue }
                        add(owner, user: owner, block, statement)
                    }
                    continue
                }
                let user: CreateUser? =
                    switch statement.kind {
                    case .createUser(let user), .createRole(let user): user
                    default: nil
                    }
                guard let user, let option = user.options.first(where: { $0.setsPassword }) else { continue }
                // The document's own psql variable (`PASSWORD :'acme_user_password'`) keeps its name. Snowflake
                // folds names to upper case; its client variables are case-insensitive and read best in lower case.
                let base =
                    block.dialect == .snowflake
                    ? (user.name.variable ?? user.name.value).lowercased() : user.name.value
                add(option.psqlVariable ?? "\(base)_password", user: user.name.value, block, statement)
            }
        }
        return secrets
    }
}

extension UserOption {
    /// A password the script must take from a psql variable: a literal (replaced), a placeholder such as
    /// `<password>` (replaced), or the document's own psql variable (kept). The script refuses to run
    /// without it in every case.
    fileprivate var setsPassword: Bool {
        switch kind {
        case .password(.literal, _, _), .password(.quotedIdentifier, _, _): true
        case .password(.parameter(let text), _, _): text.hasPrefix("<") || psqlVariable != nil
        default: false
        }
    }

    /// `name` of `PASSWORD :'name'`, `:"name"` or `:name`.
    fileprivate var psqlVariable: String? {
        guard case .password(.parameter(let text), _, _) = kind, text.hasPrefix(":") else { return nil }
        var name = Substring(text.dropFirst())
        if let quote = name.first, quote == "'" || quote == "\"", name.count >= 2, name.last == quote {
            name = name.dropFirst().dropLast()
        }
        let valid =
            !name.isEmpty
            && name.unicodeScalars.allSatisfy { $0 == "_" || $0.properties.isAlphabetic || ("0"..."9").contains($0) }
        return valid ? String(name) : nil
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
