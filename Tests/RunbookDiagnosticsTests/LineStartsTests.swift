import Foundation
import RunbookDiagnostics
import Testing

import struct RunbookDiagnostics.SourceLocation

/// Byte offsets from lines and byte columns: CRLF line ends, multi-byte characters, positions just past a line.
@Suite struct LineStartsTests {
    static let text = "ab\r\ncé\nx"

    @Test func offsetsCountBytes() {
        let starts = LineStarts(Array(Self.text.utf8))
        #expect(starts.starts == [0, 4, 8])
        #expect(starts.offset(of: SourceLocation(line: 1, column: 1)) == 0)
        // Just past "ab" is the `\r`, then the `\n`; a column beyond the line is no position of the file.
        #expect(starts.offset(of: SourceLocation(line: 1, column: 3)) == 2)
        #expect(starts.offset(of: SourceLocation(line: 1, column: 4)) == 3)
        #expect(starts.offset(of: SourceLocation(line: 1, column: 40)) == nil)
        // é is two bytes, and columns count bytes.
        #expect(starts.offset(of: SourceLocation(line: 2, column: 4)) == 7)
        #expect(starts.offset(of: SourceLocation(line: 3, column: 2)) == 9)
        #expect(starts.offset(of: SourceLocation(line: 4, column: 1)) == nil)
        #expect(starts.offset(of: SourceLocation(line: 0, column: 1)) == nil)
    }

    @Test func diagnosticsAndTheirFixItsAreLocated() {
        let bytes = Array(Self.text.utf8)
        let range = SourceRange(start: SourceLocation(line: 2, column: 1), end: SourceLocation(line: 2, column: 4))
        let finding = Diagnostic(
            Rule("test.rule", .error, "a rule"), "cé", at: range,
            fixIts: [FixIt("replace", range: range, replacement: "ce", applicability: .safe)])
        let located = LineStarts(bytes).locating([finding])
        #expect(located.first?.offsets == 4..<7)
        #expect(located.first?.fixIts.first?.offsets == 4..<7)
        #expect(String(decoding: bytes[4..<7], as: UTF8.self) == "cé")
        // A range that leaves the file has none.
        let outside = Diagnostic(
            Rule("test.rule", .error, "a rule"), "x", at: SourceRange(SourceLocation(line: 9, column: 1)))
        #expect(LineStarts(bytes).locating([outside]).first?.offsets == nil)
    }

    /// The JSON output gives `offset` and `endOffset` where known; SARIF gives `byteOffset` and `byteLength`.
    @Test func renderersWriteThem() throws {
        let bytes = Array(Sample.guide.text.utf8)
        let files = [
            FileDiagnostics(
                path: "docs/guide.md", source: Sample.guide.text,
                diagnostics: LineStarts(bytes).locating(Sample.diagnostics))
        ]
        let json = try #require(
            try JSONSerialization.jsonObject(with: Data(JSONRenderer().render(files).utf8)) as? [String: Any])
        let diagnostics = try #require(json["diagnostics"] as? [[String: Any]])
        let role = try #require(diagnostics.first { $0["id"] as? String == "privileges.unknown-role" })
        let offset = try #require(role["offset"] as? Int)
        let end = try #require(role["endOffset"] as? Int)
        #expect(String(decoding: bytes[offset..<end], as: UTF8.self) == "segment_rol")
        let fixIt = try #require((role["fixIts"] as? [[String: Any]])?.first)
        #expect(fixIt["offset"] as? Int == offset)
        #expect(fixIt["endOffset"] as? Int == end)

        let sarif = SARIFRenderer(toolVersion: "0.1.0").render(files, rules: TestRules.all)
        #expect(sarif.contains("\"byteOffset\": \(offset)"))
        #expect(sarif.contains("\"byteLength\": \(end - offset)"))
        // Without offsets, neither output has the keys.
        #expect(!JSONRenderer().render(Sample.files).contains("\"offset\""))
        #expect(!SARIFRenderer(toolVersion: "0.1.0").render(Sample.files, rules: TestRules.all).contains("byteOffset"))
    }
}
