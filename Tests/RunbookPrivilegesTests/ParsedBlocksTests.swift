import RunbookMarkdown
import RunbookModel
import RunbookSQL
import Testing

@testable import RunbookPrivileges

/// A block's statements are found from the block itself, not from a position in a parallel array.
@Suite struct ParsedBlocksTests {
    static let guide = """
        # Guide

        ```sql
        CREATE ROLE a;
        ```

        Some prose.

        ```sql
        CREATE ROLE b;
        GRANT ROLE a TO ROLE b;
        ```
        """

    @Test func eachBlockGetsItsOwnStatementsAndABlockOfAnotherRunbookNone() throws {
        let compiled = Compiled(Self.guide)
        let blocks = compiled.runbook.items.compactMap { item -> Block? in
            if case .block(let block) = item { block } else { nil }
        }
        try #require(blocks.count == 2)
        #expect(compiled.statements.statements(of: blocks[0]).map(\.text) == ["CREATE ROLE a"])
        #expect(
            compiled.statements.statements(of: blocks[1]).map(\.text) == ["CREATE ROLE b", "GRANT ROLE a TO ROLE b"])
        #expect(compiled.statements.all.map(\.text) == ["CREATE ROLE a", "CREATE ROLE b", "GRANT ROLE a TO ROLE b"])
        // The first block of another page has the same index but is not this block: it has no statements here.
        let other = Compiled("Intro.\n\nMore intro.\n\n" + Self.guide)
        let otherFirst = try #require(
            other.runbook.items.lazy.compactMap { item -> Block? in
                if case .block(let block) = item { block } else { nil }
            }.first)
        #expect(otherFirst.index == blocks[0].index)
        #expect(compiled.statements.statements(of: otherFirst).isEmpty)
    }
}
