import RunbookDiagnostics
import RunbookTestSupport
import Testing

import struct RunbookDiagnostics.SourceLocation

@Suite("Text renderer")
struct TextRendererTests {
    @Test func compilerStyleWithoutColour() {
        let output = TextRenderer(colors: false).render(Sample.files, rules: TestRules.all)
        // Line 2 starts with a tab and has "café" (5 bytes, 1 column) before the range: the caret line
        // keeps the tab and puts one blank per character.
        let caretUnderRole = "\t" + String(repeating: " ", count: 30) + "^" + String(repeating: "~", count: 10)
        let expected = """
            docs/guide.md:2:33: error: role 'segment_rol' is never created [privileges.unknown-role]
            \tGRANT SELECT ON café.users TO segment_rol;
            \(caretUnderRole)
            note: did you mean 'segment_role'?
            docs/guide.md:3:13: note: 'segment_role' is created here
            fix-it: replace 'segment_rol' with 'segment_role'
              in variants: permissions-1, permissions-2
            docs/guide.md:4:24: warning: literal password in the script [secrets.literal-password]
            CREATE USER u PASSWORD 'Secret|1';
                                   ^~~~~~~~~~
            fix-it: replace ''Secret|1'' with ':'password'' (use a psql variable)
            docs/guide.md:5:1: note: block is in another dialect (BigQuery); not checked [blocks.not-checked]
            SELECT * FROM `t`;
            ^
            1 error, 1 warning, 1 note in 2 files

            """
        #expect(output == expected)
    }

    @Test func longVariantListsAreCountedNotListed() {
        let source = MarkedText("x 1️⃣y2️⃣")
        func rendered(variants: Int) -> String {
            let slugs = (1...variants).map { "option-\($0)" }
            let finding = Diagnostic(TestRules.literalPassword, "m", at: source.range(1, 2), variants: slugs)
            let file = FileDiagnostics(path: "a.md", source: source.text, diagnostics: [finding])
            return TextRenderer(colors: false).render([file], rules: TestRules.all)
        }
        let counted =
            "  in variants: option-1, option-2, option-3, option-4 and 2 more (--format json lists them all)\n"
        #expect(rendered(variants: 6).contains(counted))
        #expect(rendered(variants: 4).contains("  in variants: option-1, option-2, option-3, option-4\n"))
    }

    @Test func colourWrapsLocationSeverityMessageAndCaret() {
        let source = MarkedText("x 1️⃣y2️⃣")
        let file = FileDiagnostics(
            path: "a.md", source: source.text,
            diagnostics: [
                Diagnostic(
                    TestRules.literalPassword, "m", at: source.range(1, 2),
                    notes: [DiagnosticNote("n", at: source.range(1, 2))]
                )
            ]
        )
        let output = TextRenderer(colors: true).render([file], rules: TestRules.all)
        let bold = "\u{1B}[1m"
        let yellow = "\u{1B}[1;33m"
        let cyan = "\u{1B}[1;36m"
        let reset = "\u{1B}[0m"
        let expected =
            "\(bold)a.md:1:3: \(reset)\(yellow)warning:\(reset)\(bold) m [secrets.literal-password]\(reset)\n"
            + "x y\n"
            + "  \(yellow)^\(reset)\n"
            + "\(bold)a.md:1:3: \(reset)\(cyan)note:\(reset) n\n"
            + "1 warning in 1 file\n"
        #expect(output == expected)
    }

    @Test func positionOutsideTheFileHasNoSourceLine() {
        let file = FileDiagnostics(
            path: "a.md", source: "one line",
            diagnostics: [
                Diagnostic(TestRules.syntax, "unterminated block", at: SourceRange(SourceLocation(line: 3, column: 1)))
            ]
        )
        #expect(
            TextRenderer().render([file])
                == "a.md:3:1: error: unterminated block [sql.syntax]\n1 error in 1 file\n"
        )
    }

    @Test func controlCharactersFromTheDocumentAreNotSentToTheTerminal() {
        let source = MarkedText("\u{1B}[2J 1️⃣x2️⃣")
        let file = FileDiagnostics(
            path: "a.md", source: source.text,
            diagnostics: [Diagnostic(TestRules.syntax, "bad \u{1B}[31m", at: source.range(1, 2))]
        )
        let expected = """
            a.md:1:6: error: bad \u{FFFD}[31m [sql.syntax]
            \u{FFFD}[2J x
                 ^
            1 error in 1 file

            """
        #expect(TextRenderer().render([file]) == expected)
    }

    @Test func noDiagnostics() {
        let file = FileDiagnostics(path: "a.md", source: "text", diagnostics: [])
        #expect(TextRenderer().render([file, file], rules: []) == "no problems in 2 files\n")
    }

    @Test(arguments: [
        // A wide character before the range takes two blanks.
        ("表 1️⃣ab2️⃣", "   ^~"),
        // A range running onto the next line is underlined to the end of its first line.
        ("a 1️⃣bc\nd2️⃣", "  ^~"),
        // An empty range still gets a caret.
        ("ab1️⃣2️⃣c", "  ^"),
        // A range just past the end of the line (a missing `;`) gets a caret after the last character.
        ("abc1️⃣2️⃣", "   ^"),
        // Tabs before the range stay tabs, also after other text.
        ("a\tb\t1️⃣c2️⃣", " \t \t^"),
    ])
    func caretLine(marked: String, expected: String) throws {
        let source = MarkedText(marked)
        let line = try #require(FileDiagnostics.lines(of: source.text).first)
        #expect(TextRenderer.caretLine(under: line, range: source.range(1, 2)) == expected)
    }

    /// ASCII lines take a byte path: it must underline as the walk over Characters does, which a line with one
    /// character beyond ASCII after the range still takes.
    @Test(arguments: [
        ("GRANT 1️⃣SELCT2️⃣ ON t TO u;", "      ^~~~~"),
        ("\t\tGRANT 1️⃣ALL2️⃣", "\t\t      ^~~"),
        ("abc 1️⃣2️⃣", "    ^"),
        ("a 1️⃣bc\nd2️⃣", "  ^~"),
        ("1️⃣x2️⃣", "^"),
    ])
    func asciiCaretLineMatchesTheCharacterWalk(marked: String, expected: String) throws {
        let source = MarkedText(marked)
        let line = try #require(FileDiagnostics.lines(of: source.text).first)
        let range = source.range(1, 2)
        #expect(TextRenderer.caretLine(under: line, range: range) == expected)
        let widened = line + "é"
        let walked = TextRenderer.caretLine(under: widened[...], range: range)
        // A range running to the end of its line underlines the added character too.
        let runsOn = range.end.line != range.start.line
        #expect((runsOn ? String(walked.dropLast()) : walked) == expected)
    }

    @Test func fixItWording() {
        let source = MarkedText("GRANT 1️⃣ALL2️⃣ ON 3️⃣4️⃣t")
        let file = FileDiagnostics(path: "a.md", source: source.text, diagnostics: [])
        #expect(
            TextRenderer.describe(FixIt("", range: source.range(1, 2), replacement: "", applicability: .safe), in: file)
                == "remove 'ALL'")
        #expect(
            TextRenderer.describe(
                FixIt("schema", range: source.range(3, 4), replacement: "s.", applicability: .safe), in: file)
                == "insert 's.' (schema)"
        )
        let outside = SourceRange(start: SourceLocation(line: 7, column: 2), end: SourceLocation(line: 7, column: 4))
        #expect(
            TextRenderer.describe(FixIt("", range: outside, replacement: "x", applicability: .safe), in: file)
                == "replace 7:2-7:4 with 'x'")
    }

    @Test(arguments: [
        (true, [String: String](), true),
        (false, [:], false),
        (true, ["NO_COLOR": "1"], false),
        (true, ["NO_COLOR": ""], false),
        (true, ["TERM": "dumb"], false),
        (true, ["TERM": "xterm-256color"], true),
        (false, ["TERM": "xterm-256color"], false),
    ])
    func colourDecision(isTerminal: Bool, environment: [String: String], expected: Bool) {
        #expect(TextRenderer.shouldUseColors(isTerminal: isTerminal, environment: environment) == expected)
    }
}
