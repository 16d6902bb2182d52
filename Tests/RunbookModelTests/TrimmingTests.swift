import Testing

@testable import RunbookModel

/// `trimmingCharacters(_:)` finds the ends of ASCII text from its bytes; it must trim exactly the Characters a
/// walk over Characters trims.
@Suite struct TrimmingTests {
    /// The walk over Characters, as the function did it before.
    static func byCharacters(_ text: Substring, _ set: String) -> String {
        var slice = text
        while let first = slice.first, set.contains(first) { slice = slice.dropFirst() }
        while let last = slice.last, set.contains(last) { slice = slice.dropLast() }
        return String(slice)
    }

    @Test(arguments: [
        "", " ", "   ", "a", "  a  ", "\t-- a comment\t ", " \n\tGRANT x;\n\n", "x\r", "\ra\r", "a\r\n", "\r\n a \r\n",
        " \r\n", "é ", " é", " a\u{301} ", "\u{301} x", " \u{00A0}x\u{00A0} ", "**bold**_", "{{% tab %}}", "::",
        "-\t- x -",
    ])
    func trimsWhatAWalkOverCharactersTrims(_ text: String) {
        for set in [" \t\r", " \n\t", " \n\t\r", " \t\r\n", " *_", "- \t", "{}", ":", ""] {
            #expect(text.trimmingCharacters(set) == Self.byCharacters(Substring(text), set), "\(set.debugDescription)")
            let inner = Substring("<" + text + ">").dropFirst().dropLast()
            #expect(inner.trimmingCharacters(set) == Self.byCharacters(inner, set), "\(set.debugDescription)")
        }
    }

    @Test func aCarriageReturnLineFeedIsOneCharacter() {
        // " \t\r" holds a carriage return but not the Character "\r\n".
        #expect("a\r\n".trimmingCharacters(" \t\r") == "a\r\n")
        #expect("a\r".trimmingCharacters(" \t\r") == "a")
        // " \t\r\n" holds "\r\n" but no lone line feed.
        #expect("a\r\n".trimmingCharacters(" \t\r\n") == "a")
        #expect("a\n".trimmingCharacters(" \t\r\n") == "a\n")
    }
}
