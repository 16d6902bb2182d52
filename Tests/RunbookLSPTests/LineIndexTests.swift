import Foundation
import Testing

import struct RunbookDiagnostics.SourceLocation
import struct RunbookDiagnostics.SourceRange

@testable import RunbookLSP

@Suite struct LineIndexTests {
    /// Text before `x` on its line, in every width UTF-8 and UTF-16 disagree on.
    static let prefixes = ["", "é", "𝄞", "😀", "数据", "é𝄞😀数", "👩‍💻 ", "a\u{301}"]

    @Test(arguments: prefixes)
    func aColumnAfterNonASCIIText(_ prefix: String) {
        let text = "first line\n\(prefix)x = 1\nlast"
        let index = LineIndex(Array(text.utf8))
        let byteColumn = prefix.utf8.count + 1
        let expected = LSP.Position(line: 1, character: prefix.utf16.count)
        #expect(index.position(SourceLocation(line: 2, column: byteColumn)) == expected)
        #expect(index.location(expected) == SourceLocation(line: 2, column: byteColumn))
        // The protocol position lands on the same character as Swift's own UTF-16 view.
        let line = text.split(separator: "\n", omittingEmptySubsequences: false)[1]
        let utf16 = Array(line.utf16)
        #expect(String(decoding: utf16[expected.character...], as: UTF16.self).hasPrefix("x = 1"))
    }

    @Test func carriageReturnsAreNotPartOfTheLine() {
        let index = LineIndex(Array("ab\r\ncd\r\n".utf8))
        #expect(index.position(SourceLocation(line: 1, column: 10)) == LSP.Position(line: 0, character: 2))
        #expect(index.offset(LSP.Position(line: 1, character: 99)) == 6)
        #expect(index.lineCount == 3)
    }

    @Test func positionsPastTheEndAreClamped() {
        let index = LineIndex(Array("é\nz".utf8))
        #expect(index.position(SourceLocation(line: 9, column: 1)) == LSP.Position(line: 1, character: 1))
        #expect(index.position(SourceLocation(line: 0, column: 5)) == LSP.Position(line: 0, character: 0))
        #expect(index.offset(LSP.Position(line: 5, character: 0)) == 4)
        #expect(index.offset(LSP.Position(line: -1, character: 3)) == 0)
    }

    @Test func theMiddleOfASurrogatePairIsThePairsStart() {
        let index = LineIndex(Array("𝄞x".utf8))
        #expect(index.offset(LSP.Position(line: 0, character: 1)) == 0)
        #expect(index.offset(LSP.Position(line: 0, character: 2)) == 4)
        #expect(index.offset(LSP.Position(line: 0, character: 3)) == 5)
    }

    @Test func rangesAndByteOffsets() {
        let index = LineIndex(Array("-- 数\nGRANT 😀 TO r;\n".utf8))
        let range = SourceRange(start: SourceLocation(line: 2, column: 7), end: SourceLocation(line: 2, column: 11))
        #expect(
            index.range(range)
                == LSP.Range(start: LSP.Position(line: 1, character: 6), end: LSP.Position(line: 1, character: 8)))
        #expect(index.byteOffset(SourceLocation(line: 2, column: 7)) == 13)
    }
}
