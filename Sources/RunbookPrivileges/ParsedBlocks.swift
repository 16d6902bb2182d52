package import RunbookModel
package import RunbookSQL

/// The parsed statements of a runbook's blocks, each kept with the block it was parsed from: the privilege
/// stage asks for the statements of a block it meets in a plan and gets that block's own, never what happens to
/// sit at the same position of a parallel array. (Public because the public `PrivilegeModel` takes it.)
package struct ParsedBlocks: Sendable {
    /// Keyed by `Block.index`; the block is kept to check that a lookup is for this very block.
    private var parsed: [Int: (block: Block, statements: [Statement])] = [:]

    package init() {}

    /// Each block with the statements parsed from its text.
    package init(_ blocks: some Sequence<(block: Block, statements: [Statement])>) {
        for (block, statements) in blocks { add(statements, of: block) }
    }

    /// Records the statements parsed from `block` (replacing any recorded before for it).
    package mutating func add(_ statements: [Statement], of block: Block) {
        parsed[block.index] = (block, statements)
    }

    /// The statements parsed from `block`; none for a block that was not parsed (not SQL) or is another runbook's.
    package func statements(of block: Block) -> [Statement] {
        guard let entry = parsed[block.index], entry.block.range == block.range else { return [] }
        return entry.statements
    }

    /// Every block's statements, in the blocks' order.
    package var all: [Statement] {
        parsed.keys.sorted().flatMap { parsed[$0]?.statements ?? [] }
    }
}
