import Foundation
import RunbookDiagnostics
import Testing

import struct RunbookDiagnostics.SourceLocation

@Suite("JSON renderer")
struct JSONRendererTests {
    private func parse(_ text: String) throws -> [String: Any] {
        let object = try JSONSerialization.jsonObject(with: Data(text.utf8))
        return try #require(object as? [String: Any])
    }

    @Test func everyField() throws {
        let document = try parse(JSONRenderer().render(Sample.files, rules: TestRules.all))
        #expect(Set(document.keys) == ["diagnostics", "summary"])

        let summary = try #require(document["summary"] as? [String: Int])
        #expect(summary == ["files": 2, "errors": 1, "warnings": 1, "notes": 1])

        let diagnostics = try #require(document["diagnostics"] as? [[String: Any]])
        try #require(diagnostics.count == 3)

        let role = diagnostics[0]
        #expect(
            Set(role.keys) == [
                "file", "line", "column", "endLine", "endColumn", "severity", "id", "message", "notes", "fixIts",
                "variants",
            ]
        )
        #expect(role["file"] as? String == "docs/guide.md")
        #expect(role["line"] as? Int == 2)
        #expect(role["column"] as? Int == 33)
        #expect(role["endLine"] as? Int == 2)
        #expect(role["endColumn"] as? Int == 44)
        #expect(role["severity"] as? String == "error")
        #expect(role["id"] as? String == "privileges.unknown-role")
        #expect(role["message"] as? String == "role 'segment_rol' is never created")
        #expect(role["variants"] as? [String] == ["permissions-1", "permissions-2"])

        let notes = try #require(role["notes"] as? [[String: Any]])
        try #require(notes.count == 2)
        #expect(Set(notes[0].keys) == ["message"])
        #expect(notes[0]["message"] as? String == "did you mean 'segment_role'?")
        #expect(Set(notes[1].keys) == ["message", "file", "line", "column"])
        #expect(notes[1]["message"] as? String == "'segment_role' is created here")
        #expect(notes[1]["file"] as? String == "docs/guide.md")
        #expect(notes[1]["line"] as? Int == 3)
        #expect(notes[1]["column"] as? Int == 13)

        let fixIts = try #require(role["fixIts"] as? [[String: Any]])
        try #require(fixIts.count == 1)
        #expect(fixIts[0]["message"] as? String == "")
        #expect(fixIts[0]["line"] as? Int == 2)
        #expect(fixIts[0]["column"] as? Int == 33)
        #expect(fixIts[0]["endLine"] as? Int == 2)
        #expect(fixIts[0]["endColumn"] as? Int == 44)
        #expect(fixIts[0]["replacement"] as? String == "segment_role")

        let password = diagnostics[1]
        #expect(password["severity"] as? String == "warning")
        #expect(password["line"] as? Int == 4)
        #expect(password["column"] as? Int == 24)
        #expect(password["endColumn"] as? Int == 34)
        #expect((password["notes"] as? [Any])?.isEmpty == true)
        #expect((password["variants"] as? [Any])?.isEmpty == true)
        let passwordFix = try #require((password["fixIts"] as? [[String: Any]])?.first)
        #expect(passwordFix["message"] as? String == "use a psql variable")
        #expect(passwordFix["replacement"] as? String == ":'password'")

        let skipped = diagnostics[2]
        #expect(skipped["severity"] as? String == "note")
        #expect(skipped["id"] as? String == "blocks.not-checked")
        #expect(skipped["line"] as? Int == 5)
        #expect(skipped["column"] as? Int == 1)
        #expect(skipped["endColumn"] as? Int == 2)
    }

    @Test func stableSortedCompactOutput() {
        let file = FileDiagnostics(
            path: "a/b.md", source: "x",
            diagnostics: [Diagnostic(TestRules.syntax, "m", at: SourceRange(SourceLocation(line: 1, column: 1)))]
        )
        let expected = """
            {"diagnostics":[{"column":1,"endColumn":2,"endLine":1,"file":"a/b.md","fixIts":[],"id":"sql.syntax",\
            "line":1,"message":"m","notes":[],"severity":"error","variants":[]}],\
            "summary":{"errors":1,"files":1,"notes":0,"warnings":0}}

            """
        #expect(JSONRenderer(prettyPrinted: false).render([file], rules: []) == expected)
    }

    @Test func prettyOutputForNoDiagnostics() {
        let file = FileDiagnostics(path: "a.md", source: "", diagnostics: [])
        let expected = """
            {
              "diagnostics": [],
              "summary": {
                "errors": 0,
                "files": 1,
                "notes": 0,
                "warnings": 0
              }
            }

            """
        #expect(JSONRenderer().render([file], rules: []) == expected)
    }

    @Test func stringsAreEscapedAndRoundTrip() throws {
        let message = "quote \" backslash \\ tab \t newline \n bell \u{07} del \u{7F} café 表 🔑 \u{2028}"
        let file = FileDiagnostics(
            path: "dir/naïve.md", source: "x",
            diagnostics: [Diagnostic(TestRules.syntax, message, at: SourceRange(SourceLocation(line: 1, column: 1)))]
        )
        let output = JSONRenderer(prettyPrinted: false).render([file], rules: [])
        #expect(output.contains(#""quote \" backslash \\ tab \t newline \n bell \u0007 del \u007f café 表 🔑 \u2028""#))
        #expect(!output.contains("\u{07}"))
        let document = try parse(output)
        let diagnostic = try #require((document["diagnostics"] as? [[String: Any]])?.first)
        #expect(diagnostic["message"] as? String == message)
        #expect(diagnostic["file"] as? String == "dir/naïve.md")
    }
}
