import RunbookDiagnostics
import Testing

@Suite struct ByteSearchTests {
    @Test func asciiLowercasingKeepsTheByteLayout() {
        let text = "İSTANBUL Switch To the DATABASE — Ünïcode"
        let lower = text.asciiLowercased
        #expect(lower == "İstanbul switch to the database — Ünïcode")
        #expect(Array(lower.utf8).count == Array(text.utf8).count)
        // `lowercased()` turns "İ" into two scalars: indices found in it would not fit the original.
        #expect(text.lowercased().utf8.count != text.utf8.count)
    }

    @Test func anIndexFoundInTheLowerCaseCopyFitsTheOriginal() throws {
        let text = "Ünïcode first. Switch to the END USER database now."
        let lower = text.asciiLowercased
        let found = try #require(lower.firstByteRange(of: "switch to the "))
        let end = try #require(lower.firstByteRange(of: "database", from: found.upperBound))
        #expect(text[found.lowerBound..<end.upperBound] == "Switch to the END USER database")
    }

    @Test func firstAndLastOccurrences() throws {
        let text = "read or write or create access to x"
        let first = try #require(text.firstByteRange(of: " or "))
        #expect(text[..<first.lowerBound] == "read")
        let last = try #require(text.lastByteRange(of: " or ", in: text.startIndex..<text.endIndex))
        #expect(text[last.upperBound...] == "create access to x")
        // Only occurrences wholly inside the bounds count.
        let bounded = text.startIndex..<text.index(text.startIndex, offsetBy: 9)
        #expect(text.lastByteRange(of: " or ", in: bounded)?.lowerBound == first.lowerBound)
        #expect(text.lastByteRange(of: " or ", in: text.startIndex..<text.index(text.startIndex, offsetBy: 6)) == nil)
        #expect(text.firstByteRange(of: "absent") == nil)
        #expect(text.firstByteRange(of: "x", from: text.endIndex) == nil)
        #expect("".firstByteRange(of: "a") == nil)
        #expect("ab".firstByteRange(of: "abc") == nil)
    }

    @Test func searchesInsideASubstringAnswerInItsIndices() throws {
        let text = "(for example, a) and (e.g. b)"
        let second = text[try #require(text.lastByteRange(of: "(", in: text.startIndex..<text.endIndex)).lowerBound...]
        let close = try #require(second.firstByteRange(of: ")"))
        #expect(text[second.startIndex..<close.upperBound] == "(e.g. b)")
    }

    @Test func containsAndSplitting() {
        #expect("a\u{0}b".containsByte(0))
        #expect(!"abc".containsByte(0x0D))
        #expect("x\r\ny".containsByte(0x0D))
        #expect("Select one of the options".asciiLowercased.containsBytes("one of"))
        let pieces = Substring("a or b and c").splitting(onWords: [" or ", " and "])
        #expect(pieces == ["a", "b", "c"])
        #expect(Substring("plain").splitting(onWords: [" or "]) == ["plain"])
    }

    @Test(arguments: [
        "", "a", "\n", "\n\n", "a\nb", "a\n", "\na", "a\n\nb\n\n", "a\r\nb", "a\r\n\nb\r", "\r\n", "\r\r\n\n",
        "é\nü\n", "\n\u{301}x", "line — one\r\n\u{00A0}two\nthree", "🇸🇪\n🇫🇮",
    ])
    func splittingLinesByBytesGivesWhatSplittingCharactersGives(_ text: String) {
        for omitting in [true, false] {
            let expected = text.split(separator: "\n", omittingEmptySubsequences: omitting)
            #expect(text.splitLines(omittingEmptySubsequences: omitting) == expected)
            // The same inside a Substring that starts and ends within the text.
            let inner = Substring("x\n" + text + "\ny").dropFirst(2).dropLast(2)
            #expect(
                inner.splitLines(omittingEmptySubsequences: omitting)
                    == inner.split(separator: "\n", omittingEmptySubsequences: omitting))
        }
    }

    @Test func splitLinesAnswersInTheTextsOwnIndices() throws {
        let text = "SELECT 1;\r\nSELECT 2;\n\nGRANT x"
        let lines = text.splitLines()
        #expect(lines == ["SELECT 1;\r\nSELECT 2;", "GRANT x"])
        let last = try #require(lines.last)
        #expect(text[last.startIndex...] == "GRANT x")
        #expect(text.splitLines(omittingEmptySubsequences: false).count == 3)
    }

    @Test func linesSplitOnLineFeedAndDropTheCarriageReturnBeforeIt() {
        #expect(FileDiagnostics.lines(of: "") == [""])
        #expect(FileDiagnostics.lines(of: "a\nb") == ["a", "b"])
        #expect(FileDiagnostics.lines(of: "a\r\nb\r\n") == ["a", "b", ""])
        #expect(FileDiagnostics.lines(of: "\n\n") == ["", "", ""])
        #expect(FileDiagnostics.lines(of: "é\r\nü") == ["é", "ü"])
        // A CR that ends no line stays: only the Markdown front end turns lone CRs into line feeds.
        #expect(FileDiagnostics.lines(of: "a\rb\n") == ["a\rb", ""])
    }
}
