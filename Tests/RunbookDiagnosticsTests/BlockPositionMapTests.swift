import RunbookDiagnostics
import Testing

import struct RunbookDiagnostics.SourceLocation

@Suite struct BlockPositionMapTests {
    @Test func topLevelFence() {
        let file: [Substring] = ["text", "```sql", "SELECT 1;", "```"]
        let map = BlockPositionMap(fenceLine: 2, fenceColumn: 1, literal: "SELECT 1;", fileLines: file)
        #expect(map.location(line: 1, column: 8) == SourceLocation(line: 3, column: 8))
    }

    @Test func fenceInsideAListItemMapsEachLine() {
        let file: [Substring] = ["1. item", "", "   ```sql", "   GRANT a", "     TO b;", "   ```"]
        let map = BlockPositionMap(fenceLine: 3, fenceColumn: 4, literal: "GRANT a\n  TO b;", fileLines: file)
        #expect(map.location(line: 1, column: 1) == SourceLocation(line: 4, column: 4))
        #expect(map.location(line: 2, column: 3) == SourceLocation(line: 5, column: 6))
    }

    @Test func blockQuoteContainer() {
        let file: [Substring] = ["> ```sql", "> SELECT 1;", "> ```"]
        let map = BlockPositionMap(fenceLine: 1, fenceColumn: 3, literal: "SELECT 1;", fileLines: file)
        #expect(map.location(line: 1, column: 1) == SourceLocation(line: 2, column: 3))
    }

    @Test func unmatchedLineFallsBackToTheFenceColumn() {
        let file: [Substring] = ["  ```", "\tx", "  ```"]
        let map = BlockPositionMap(fenceLine: 1, fenceColumn: 3, literal: "  y", fileLines: file)
        #expect(map.location(line: 1, column: 1) == SourceLocation(line: 2, column: 3))
        #expect(map.location(line: 9, column: 1) == SourceLocation(line: 10, column: 3))
    }
}

@Suite struct SuggestionTests {
    @Test func closestName() {
        #expect(Suggestion.closest(to: "conection", in: ["connection", "dialect", "role"]) == "connection")
        #expect(
            Suggestion.closest(to: "segment_linked_rol", in: ["segment_linked_role", "other"]) == "segment_linked_role")
        #expect(Suggestion.closest(to: "zzz", in: ["connection"]) == nil)
        #expect(Suggestion.closest(to: "role", in: ["role"]) == nil)
    }
}
