import RunbookDiagnostics
import RunbookMarkdown
import Testing

import struct RunbookDiagnostics.SourceLocation

@Suite struct MarkdownParserTests {
    func parse(_ text: String, options: MarkdownParser.Options = .init()) -> (MarkdownDocument, [Diagnostic]) {
        var diagnostics = DiagnosticBag()
        let document = MarkdownParser(options: options).parse(text, diagnostics: &diagnostics)
        return (document, diagnostics.diagnostics)
    }

    func codeBlocks(_ document: MarkdownDocument) -> [MarkdownNode] {
        document.root.preOrder.filter { if case .codeBlock = $0.kind { true } else { false } }
    }

    @Test func frontMatterIsSplitAndLinesKeepTheirNumbers() throws {
        let (document, diagnostics) = parse(
            """
            ---
            title: Hello
            runbook:
              dialect: postgres
            ---
            # Heading

            ```sql
            SELECT 1;
            ```
            """)
        #expect(diagnostics.isEmpty)
        let frontMatter = try #require(document.frontMatter)
        #expect(frontMatter.values["title"] == "Hello")
        #expect(frontMatter.values["runbook.dialect"] == "postgres")
        #expect(frontMatter.lines == 1...5)
        let heading = try #require(document.root.children.first)
        #expect(heading.kind == .heading(level: 1))
        #expect(heading.range.start == SourceLocation(line: 6, column: 1))
        #expect(codeBlocks(document).first?.range.start == SourceLocation(line: 8, column: 1))
    }

    @Test func invalidFrontMatterIsADiagnosticNotACrash() {
        let (document, diagnostics) = parse("---\ntitle: [unclosed\n---\nText\n")
        #expect(diagnostics.map(\.rule) == [Rule.frontMatterInvalid.id])
        #expect(document.root.children.count == 1)
    }

    @Test func frontMatterAliasBombIsRefusedNotWalked() {
        // Ten aliases of ten aliases, twelve levels deep: 10^12 nodes from a few hundred bytes. Walking them
        // hung `runbook check` (Tests/Fuzz/regressions/markdown/front-matter-alias-bomb.md).
        var yaml = ["---", "a0: &a0 [x, x, x, x, x, x, x, x, x, x]"]
        for level in 1..<12 {
            let aliases = Array(repeating: "*a\(level - 1)", count: 10).joined(separator: ", ")
            yaml.append("a\(level): &a\(level) [\(aliases)]")
        }
        let (document, diagnostics) = parse((yaml + ["title: T", "---", "# Body"]).joined(separator: "\n"))
        #expect(diagnostics.map(\.rule) == [Rule.frontMatterInvalid.id])
        #expect(document.frontMatter?.values.isEmpty == true)
    }

    @Test func loneCarriageReturnsEndLinesForEveryone() throws {
        // cmark ends lines at a lone CR; the file's lines did not, so positions pointed past the end of a
        // line and masking a password crashed (Tests/Fuzz/regressions/check/crash-13419b8c…).
        let (document, _) = parse("Intro\r\r```sql\rCREATE USER u PASSWORD 'x';\r```\r")
        let block = try #require(codeBlocks(document).first)
        #expect(block.range.start.line == 3)
        #expect(document.lines.count == 6)
        #expect(document.lines[3] == "CREATE USER u PASSWORD 'x';")
    }

    @Test func fencesInsideListItemsKeepPositions() throws {
        let (document, _) = parse(
            """
            1. Item

               - Nested

                 ```sql
                 GRANT x;
                 ```
            """)
        let block = try #require(codeBlocks(document).first)
        #expect(block.range.start == SourceLocation(line: 5, column: 6))
        guard case .codeBlock(let info, let literal, let fenced) = block.kind else { return }
        #expect(info == "sql")
        #expect(literal == "GRANT x;\n")
        #expect(fenced)
        let map = BlockPositionMap(
            fenceLine: block.range.start.line, fenceColumn: block.range.start.column, literal: "GRANT x;",
            fileLines: document.lines)
        #expect(map.location(line: 1, column: 7) == SourceLocation(line: 6, column: 12))
    }

    @Test func gfmExtensionsAreOn() {
        let (document, _) = parse(
            """
            | a | b |
            |---|---|
            | 1 | 2 |

            - [x] done
            - [ ] todo

            ~~gone~~ and https://example.com
            """)
        let kinds = document.root.preOrder.map(\.kind)
        #expect(kinds.contains(.table))
        #expect(kinds.contains(.item(taskChecked: true)))
        #expect(kinds.contains(.item(taskChecked: false)))
        #expect(kinds.contains(.strikethrough))
        #expect(kinds.contains(.link(url: "https://example.com", title: "")))
    }

    @Test func htmlIsRenderedSafelyOnRequest() {
        let (document, _) = parse(
            "Hi <script>alert(1)</script> [x](javascript:alert(1))\n",
            options: .init(renderHTML: true))
        let html = document.root.children.first?.html ?? ""
        #expect(html.contains("<p>Hi"))
        #expect(!html.contains("<script>"))
        #expect(!html.contains("javascript:"))
    }

    @Test func badBytesAreRepairedWithADiagnostic() {
        var diagnostics = DiagnosticBag()
        let bytes: [UInt8] = Array("# Title\n".utf8) + [0xFF, 0xFE, 0x00, 0x41, 0x0A]
        let document = MarkdownParser().parse(bytes: bytes, diagnostics: &diagnostics)
        #expect(diagnostics.diagnostics.map(\.rule) == [Rule.markdownInvalidUTF8.id])
        #expect(document.source.contains("\u{FFFD}"))
        #expect(!document.source.contains("\0"))
    }

    @Test func deepNestingIsBoundedNotACrash() {
        let text = String(repeating: "> ", count: 3_000) + "deep\n"
        let (document, diagnostics) = parse(text, options: .init(maximumDepth: 100))
        #expect(diagnostics.map(\.rule) == [Rule.markdownNestingTooDeep.id])
        #expect(document.root.children.count == 1)
    }

    @Test func emptyInput() {
        let (document, diagnostics) = parse("")
        #expect(document.root.children.isEmpty)
        #expect(diagnostics.isEmpty)
    }

    @Test func unterminatedFenceIsReported() {
        let (_, diagnostics) = parse("# T\n\n```sql\nSELECT 1;\n")
        #expect(diagnostics.map(\.rule) == [Rule.markdownUnterminatedFence.id])
        #expect(diagnostics.first?.range.start == SourceLocation(line: 3, column: 1))
    }

    @Test func closedFencesInListsAndQuotesAreNotReported() {
        let (_, diagnostics) = parse(
            """
            1. Item

               ````sql
               SELECT 1;
               `````

            > ```
            > x
            > ```

            ~~~
            y
            ~~~
            """)
        #expect(diagnostics.isEmpty)
    }
}
