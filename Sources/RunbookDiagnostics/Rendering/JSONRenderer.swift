/// Machine-readable diagnostics: exactly one JSON object, keys sorted, positions 1-based in the
/// Markdown file with columns in UTF-8 bytes (the same numbers as the text output), and the 0-based byte
/// offsets in the file (`offset`, `endOffset`, end exclusive) where the finding is about the file's text.
///
/// ```
/// {"diagnostics": [{"file", "line", "column", "endLine", "endColumn", "offset"?, "endOffset"?, "severity", "id",
///   "message", "notes": [{"message", "file"?, "line"?, "column"?}],
///   "fixIts": [{"message", "line", "column", "endLine", "endColumn", "offset"?, "endOffset"?, "replacement",
///     "applicability"}],
///   "variants": [String]}],
///  "summary": {"files", "errors", "warnings", "notes"}}
/// ```
package struct JSONRenderer: Sendable {
    /// Indented two spaces per level when true, one line when false.
    package var prettyPrinted: Bool

    package init(prettyPrinted: Bool = true) {
        self.prettyPrinted = prettyPrinted
    }
}

// MARK: - Rendering

extension JSONRenderer {
    /// `rules` is unused: ids are self-describing and documented; it is taken so renderers are called alike.
    package func render(_ files: [FileDiagnostics], rules: [Rule] = []) -> String {
        let diagnostics = files.flatMap { file in
            file.diagnostics.map { JSONRenderer.object(for: $0, in: file) }
        }
        let summary = DiagnosticSummary(files)
        let document = JSONValue.object([
            "diagnostics": .array(diagnostics),
            "summary": .object([
                "files": .int(summary.files),
                "errors": .int(summary.errors),
                "warnings": .int(summary.warnings),
                "notes": .int(summary.notes),
            ]),
        ])
        return document.serialized(indent: prettyPrinted ? 2 : nil) + "\n"
    }

    static func object(for diagnostic: Diagnostic, in file: FileDiagnostics) -> JSONValue {
        let range = diagnostic.range
        let notes = diagnostic.notes.map { note -> JSONValue in
            var members: [String: JSONValue] = ["message": .string(note.message)]
            if let start = note.range?.start {
                members["file"] = .string(file.path)
                members["line"] = .int(start.line)
                members["column"] = .int(start.column)
            }
            return .object(members)
        }
        let fixIts = diagnostic.fixIts.map { fixIt -> JSONValue in
            var members: [String: JSONValue] = [
                "message": .string(fixIt.message),
                "line": .int(fixIt.range.start.line),
                "column": .int(fixIt.range.start.column),
                "endLine": .int(fixIt.range.end.line),
                "endColumn": .int(fixIt.range.end.column),
                "replacement": .string(fixIt.replacement),
                "applicability": .string(fixIt.applicability.rawValue),
            ]
            addOffsets(fixIt.offsets, to: &members)
            return .object(members)
        }
        var members: [String: JSONValue] = [
            "file": .string(file.path),
            "line": .int(range.start.line),
            "column": .int(range.start.column),
            "endLine": .int(range.end.line),
            "endColumn": .int(range.end.column),
            "severity": .string(diagnostic.severity.rawValue),
            "id": .string(diagnostic.rule.rawValue),
            "message": .string(diagnostic.message),
            "notes": .array(notes),
            "fixIts": .array(fixIts),
            "variants": .array(diagnostic.variants.map { .string($0) }),
        ]
        addOffsets(diagnostic.offsets, to: &members)
        return .object(members)
    }

    /// `offset` and `endOffset`: the 0-based byte offsets in the file, end exclusive, when known.
    private static func addOffsets(_ offsets: Range<Int>?, to members: inout [String: JSONValue]) {
        guard let offsets else { return }
        members["offset"] = .int(offsets.lowerBound)
        members["endOffset"] = .int(offsets.upperBound)
    }
}
