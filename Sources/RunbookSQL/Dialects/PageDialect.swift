package import RunbookDiagnostics

/// What a page is written for, decided once per page before any block is classified (DESIGN.md §3): what
/// the page says (front matter, runbook.yml for its path), then what it shows (its title, its headings, the
/// decisive syntax of any of its blocks), then the defaults. A block overrides it only where the block itself
/// says so (its fence, an annotation, syntax of its own).
package struct PageDialect: Sendable, Hashable {
    package enum Source: Sendable, Hashable {
        case commandLine
        case frontMatter
        case configuration
        case title
        case headings
        case syntax
        /// runbook.yml's `dialect:` for the whole tree, or Redshift.
        case `default`
    }

    /// The engine the page is for. When it is not checked, none of the page's blocks is, unless a block
    /// names a checked dialect itself.
    package var engine: Engine
    /// The dialect of the page's blocks that name none: the engine's, or (on another engine's page) the
    /// default, for blocks that name a checked dialect in their fence.
    package var dialect: SQLDialect
    package var source: Source
    /// Why, for messages: "the title names Snowflake", "front matter says `dialect: postgres`".
    package var reason: String
    /// Where the deciding evidence is, when it is in the file (a block's syntax, a heading).
    package var evidenceRange: SourceRange?
    /// Per block (in the order given to `decide`), the engine of the innermost section heading that names
    /// exactly one engine: a page with one section per engine ("MySQL/MariaDB", then "PostgreSQL").
    package var sectionEngines: [Engine?]

    package var isSkipped: Bool { !engine.isChecked }
    /// Whether the page states its dialect (front matter, runbook.yml for its path, the command line).
    package var isDeclared: Bool { source == .frontMatter || source == .configuration || source == .commandLine }
}

// MARK: - Inputs

extension PageDialect {
    /// A heading of the page: its level, its text, and where it is.
    package struct Heading: Sendable, Hashable {
        package var level: Int
        package var text: String
        package var range: SourceRange

        package init(level: Int, text: String, range: SourceRange) {
            self.level = level
            self.text = text
            self.range = range
        }
    }

    /// A fenced block that may hold SQL: its fence language (empty for an untagged fence) and its tokens.
    package struct BlockSample: Sendable {
        package var language: String
        package var tokens: [Token]
        /// Where the block is in the file: sections are found by position, and evidence is reported there.
        package var range: SourceRange
        /// Maps the tokens' block-relative ranges to the file.
        package var positions: BlockPositionMap

        package init(language: String, tokens: [Token], range: SourceRange, positions: BlockPositionMap) {
            self.language = language
            self.tokens = tokens
            self.range = range
            self.positions = positions
        }
    }

    /// What the user and the configuration say, strongest first.
    package struct Declarations: Sendable, Hashable {
        /// `--dialect`: chooses between the checked dialects; it never makes another engine's page checked.
        package var commandLine: SQLDialect?
        /// The front matter's `dialect:` (or `runbook.dialect:`) as written.
        package var frontMatter: String?
        /// runbook.yml's `dialects:` entry matching the page's path.
        package var configurationForPath: SQLDialect?
        /// runbook.yml's `dialect:` for the whole tree.
        package var configurationDefault: SQLDialect?

        package init(
            commandLine: SQLDialect? = nil, frontMatter: String? = nil, configurationForPath: SQLDialect? = nil,
            configurationDefault: SQLDialect? = nil
        ) {
            self.commandLine = commandLine
            self.frontMatter = frontMatter
            self.configurationForPath = configurationForPath
            self.configurationDefault = configurationDefault
        }
    }
}

// MARK: - The decision

extension PageDialect {
    /// Decides a page's dialect. `blocks` are the page's fences that may hold SQL, untagged ones included.
    package static func decide(
        _ declarations: Declarations, title: String, headings: [Heading], blocks: [BlockSample]
    ) -> PageDialect {
        var page = decidePage(declarations, title: title, headings: headings, blocks: blocks)
        page.sectionEngines = sections(headings, blocks)
        return page
    }

    private static func decidePage(
        _ declarations: Declarations, title: String, headings: [Heading], blocks: [BlockSample]
    ) -> PageDialect {
        let noSections = [Engine?](repeating: nil, count: blocks.count)
        let fallback = declarations.commandLine ?? declarations.configurationDefault ?? .redshift

        func checked(
            _ dialect: SQLDialect, _ source: Source, _ reason: String, at range: SourceRange? = nil
        )
            -> PageDialect
        {
            // The command line chooses between the dialects a page can be read in, whatever else the page shows
            // (Redshift and PostgreSQL; a Snowflake page stays Snowflake's).
            if let override = declarations.commandLine, override != dialect, override.isInterchangeable(with: dialect) {
                return PageDialect(
                    engine: override.engine, dialect: override, source: .commandLine,
                    reason: "--dialect \(override.rawValue)", evidenceRange: nil, sectionEngines: noSections)
            }
            return PageDialect(
                engine: dialect.engine, dialect: dialect, source: source, reason: reason, evidenceRange: range,
                sectionEngines: noSections)
        }
        func decided(_ engine: Engine, _ source: Source, _ reason: String, at range: SourceRange? = nil) -> PageDialect
        {
            if let dialect = engine.checkedDialect { return checked(dialect, source, reason, at: range) }
            return PageDialect(
                engine: engine, dialect: fallback, source: source, reason: reason, evidenceRange: range,
                sectionEngines: noSections)
        }

        // What the page says.
        if let written = declarations.frontMatter, let engine = Engine.named(written) {
            return decided(engine, .frontMatter, "its front matter says 'dialect: \(written)'")
        }
        if let configured = declarations.configurationForPath {
            return checked(configured, .configuration, "runbook.yml gives its path the \(configured.rawValue) dialect")
        }
        // What the page shows.
        let titleEngines = Engine.namedIn(prose: title)
        if titleEngines.count == 1, let engine = titleEngines.first {
            return decided(engine, .title, "its title names \(engine.displayName)")
        }
        // Headings come before syntax: they are prose, and a page with one section per engine shows the syntax
        // of only some of them.
        let headingEngines = Set(headings.flatMap { Engine.namedIn(prose: $0.text) }.map(\.id))
        if titleEngines.isEmpty, headingEngines.count == 1,
            let heading = headings.first(where: { !Engine.namedIn(prose: $0.text).isEmpty }),
            let engine = Engine.namedIn(prose: heading.text).first
        {
            return decided(engine, .headings, "its headings name \(engine.displayName)", at: heading.range)
        }
        if headingEngines.count < 2, let (engine, evidence, count) = syntaxEngine(blocks, fallback: fallback) {
            let more = count > 1 ? " (and \(count - 1) more block\(count > 2 ? "s" : ""))" : ""
            return decided(engine, .syntax, "\(evidence.reason)\(more)", at: evidence.range)
        }
        // Nothing decides: the defaults.
        return checked(
            fallback, .default, declarations.configurationDefault != nil ? "runbook.yml's dialect" : "the default")
    }

    /// The one other engine that the blocks' decisive syntax names, with its first finding (file positions)
    /// and the number of blocks showing it; nil when none does, or when the blocks disagree.
    private static func syntaxEngine(_ blocks: [BlockSample], fallback: SQLDialect) -> (Engine, EngineEvidence, Int)? {
        var first: [String: EngineEvidence] = [:]
        var counts: [String: Int] = [:]
        var order: [String] = []
        for block in blocks where Engine.forFence(block.language)?.isChecked != true {
            guard var evidence = EngineEvidence.first(in: block.tokens.filter { !$0.isTrivia }), !evidence.isWeak,
                let engine = evidence.engine, engine.checkedDialect != fallback
            else { continue }
            if first[engine.id] == nil {
                evidence.range = block.positions.range(evidence.range)
                first[engine.id] = evidence
                order.append(engine.id)
            }
            counts[engine.id, default: 0] += 1
        }
        guard order.count == 1, let id = order.first, let evidence = first[id], let engine = evidence.engine else {
            return nil
        }
        return (engine, evidence, counts[id] ?? 1)
    }

    /// For each block, the innermost enclosing heading that names exactly one engine.
    private static func sections(_ headings: [Heading], _ blocks: [BlockSample]) -> [Engine?] {
        // One pass over headings and blocks in document order (a page has thousands of both): each heading's
        // engine is read once, and the stack of open sections is carried from block to block.
        let sorted = headings.sorted { $0.range.start < $1.range.start }
        let order = blocks.indices.sorted { blocks[$0].range.start < blocks[$1].range.start }
        var result = [Engine?](repeating: nil, count: blocks.count)
        var stack: [(level: Int, engine: Engine?)] = []
        var next = 0
        for index in order {
            while next < sorted.count, sorted[next].range.start < blocks[index].range.start {
                let heading = sorted[next]
                while let last = stack.last, last.level >= heading.level { stack.removeLast() }
                let named = Engine.namedIn(prose: heading.text)
                stack.append((heading.level, named.count == 1 ? named.first : nil))
                next += 1
            }
            result[index] = stack.reversed().lazy.compactMap(\.engine).first
        }
        return result
    }
}
