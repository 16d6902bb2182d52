import RunbookDiagnostics
import RunbookModel
import RunbookSQL

/// The blocks of a page that are another engine's SQL: reported once per page and engine (not once per
/// block), and scanned for what they create, so that checked blocks using it are not blamed.
struct SkippedBlocks {
    struct Group {
        var engine: Engine
        var reason: String
        /// The page's section rather than the whole page.
        var isSection: Bool
        var blocks: [Block]
    }

    private(set) var groups: [Group] = []
    /// In file positions.
    private(set) var creations: [SkippedCreation] = []

    /// A block skipped because its page or section is about another engine.
    mutating func add(_ block: Block, engine: Engine, reason: String, isSection: Bool, lexed: LexedBlock? = nil) {
        if let index = groups.firstIndex(where: { $0.engine == engine && $0.reason == reason }) {
            groups[index].blocks.append(block)
        } else {
            groups.append(Group(engine: engine, reason: reason, isSection: isSection, blocks: [block]))
        }
        record(block, lexed: lexed)
    }

    /// Records what a skipped block creates; `lexed` is the block as lexed before, when it was.
    mutating func record(_ block: Block, lexed: LexedBlock? = nil) {
        let tokens = (lexed?.lexed(in: .redshift) ?? LexedBlock(block.text, dialect: .redshift)).tokens
            .filter { !$0.isTrivia }
        for var creation in SkippedCreation.scan(tokens) {
            creation.range = block.positions.range(creation.range)
            creations.append(creation)
        }
    }

    /// One `block.not-checked` note per group, at its first block, listing every block it covers.
    func report(into bag: inout DiagnosticBag) {
        for group in groups {
            guard let first = group.blocks.first else { continue }
            let count = group.blocks.count
            var notes = group.blocks.map {
                DiagnosticNote("\(group.engine.displayName) SQL, not checked", at: SourceRange($0.range.start))
            }
            let created = creations.filter { creation in
                group.blocks.contains { $0.range.start <= creation.range.start && creation.range.start <= $0.range.end }
            }
            if !created.isEmpty {
                let names = created.map { "\($0.kind.rawValue) \($0.name)" }.joined(separator: ", ")
                notes.append(DiagnosticNote("what they create is known to the checked blocks: \(names)"))
            }
            bag.emit(
                BlockNotCheckedMessage(
                    reason: .otherEngine(
                        engine: group.engine.displayName, isSection: group.isSection, reason: group.reason,
                        blocks: count)),
                at: SourceRange(first.range.start), notes: notes)
        }
    }
}
