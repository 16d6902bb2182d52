/// SARIF 2.1.0 (OASIS), one run, as GitHub code scanning and SARIF viewers read it.
///
/// Paths stay relative to `%SRCROOT%`, which the consumer binds to the checkout. Our columns count
/// UTF-8 bytes while the run declares `columnKind: utf16CodeUnits` (what GitHub and Visual Studio assume),
/// so every column is converted through the file's source line before it is written.
package struct SARIFRenderer: Sendable {
    /// The `tool.driver.version`, normally the runbook binary's version.
    package var toolVersion: String
    /// Indented two spaces per level when true, one line when false.
    package var prettyPrinted: Bool
    /// Each rule's page, for `fullDescription`, `help` and `helpUri`.
    package var descriptions: [RuleID: RuleDescription]

    package static let schemaURI = "https://json.schemastore.org/sarif-2.1.0.json"
    package static let uriBaseID = "%SRCROOT%"

    package init(toolVersion: String, prettyPrinted: Bool = true, descriptions: [RuleID: RuleDescription] = [:]) {
        self.toolVersion = toolVersion
        self.prettyPrinted = prettyPrinted
        self.descriptions = descriptions
    }
}

/// What SARIF viewers show about a rule beyond its one-line summary (code scanning's rule help panel).
package struct RuleDescription: Sendable, Hashable {
    package var fullDescription: String
    package var helpText: String
    package var helpMarkdown: String
    /// Absolute URL of the rule's documentation, when the caller knows where it is published.
    package var helpURI: String?

    package init(fullDescription: String, helpText: String, helpMarkdown: String, helpURI: String? = nil) {
        self.fullDescription = fullDescription
        self.helpText = helpText
        self.helpMarkdown = helpMarkdown
        self.helpURI = helpURI
    }
}

// MARK: - Rendering

extension SARIFRenderer {
    /// `rules` is the whole catalog: every rule is described in `tool.driver.rules`, used or not, and a
    /// diagnostic whose rule is missing from it gets a bare entry so its `ruleIndex` still resolves.
    package func render(_ files: [FileDiagnostics], rules: [Rule]) -> String {
        var descriptors: [JSONValue] = []
        var indexOfRule: [RuleID: Int] = [:]
        func describe(_ id: RuleID, summary: String?, level: Severity?) {
            guard indexOfRule[id] == nil else { return }
            indexOfRule[id] = descriptors.count
            var members: [String: JSONValue] = ["id": .string(id.rawValue)]
            if let summary, !summary.isEmpty { members["shortDescription"] = .object(["text": .string(summary)]) }
            if let level { members["defaultConfiguration"] = .object(["level": .string(level.rawValue)]) }
            if let description = descriptions[id] {
                members["fullDescription"] = .object(["text": .string(description.fullDescription)])
                members["help"] = .object([
                    "text": .string(description.helpText), "markdown": .string(description.helpMarkdown),
                ])
                if let uri = description.helpURI { members["helpUri"] = .string(uri) }
            }
            descriptors.append(.object(members))
        }
        for rule in rules {
            describe(rule.id, summary: rule.summary, level: rule.defaultSeverity)
        }
        for diagnostic in files.lazy.flatMap(\.diagnostics) {
            describe(diagnostic.rule, summary: nil, level: nil)
        }

        let results = files.flatMap { file in
            file.diagnostics.map { diagnostic in
                result(for: diagnostic, in: file, ruleIndex: indexOfRule[diagnostic.rule] ?? 0)
            }
        }
        let run = JSONValue.object([
            "tool": .object([
                "driver": .object([
                    "name": .string("runbook"),
                    "version": .string(toolVersion),
                    "rules": .array(descriptors),
                ])
            ]),
            "columnKind": .string("utf16CodeUnits"),
            "results": .array(results),
        ])
        let log = JSONValue.object([
            "$schema": .string(SARIFRenderer.schemaURI),
            "version": .string("2.1.0"),
            "runs": .array([run]),
        ])
        return log.serialized(indent: prettyPrinted ? 2 : nil) + "\n"
    }

    private func result(for diagnostic: Diagnostic, in file: FileDiagnostics, ruleIndex: Int) -> JSONValue {
        // Notes without a position have no place of their own in SARIF; they join the message text,
        // which every viewer shows.
        var text = diagnostic.message
        for note in diagnostic.notes where note.range == nil {
            text += "\nnote: " + note.message
        }
        var members: [String: JSONValue] = [
            "ruleId": .string(diagnostic.rule.rawValue),
            "ruleIndex": .int(ruleIndex),
            "level": .string(diagnostic.severity.rawValue),
            "message": .object(["text": .string(text)]),
            "locations": .array([
                .object(["physicalLocation": physicalLocation(diagnostic.range, offsets: diagnostic.offsets, in: file)])
            ]),
        ]
        let related = diagnostic.notes.compactMap { note in note.range.map { (note.message, $0) } }
        if !related.isEmpty {
            members["relatedLocations"] = .array(
                related.enumerated().map { index, note in
                    .object([
                        "id": .int(index),
                        "message": .object(["text": .string(note.0)]),
                        "physicalLocation": physicalLocation(note.1, in: file),
                    ])
                }
            )
        }
        if !diagnostic.fixIts.isEmpty {
            members["fixes"] = .array(diagnostic.fixIts.map { fix(for: $0, in: file) })
        }
        if !diagnostic.variants.isEmpty {
            members["properties"] = .object(["variants": .array(diagnostic.variants.map { .string($0) })])
        }
        return .object(members)
    }

    private func fix(for fixIt: FixIt, in file: FileDiagnostics) -> JSONValue {
        var members: [String: JSONValue] = [
            "artifactChanges": .array([
                .object([
                    "artifactLocation": artifactLocation(file),
                    "replacements": .array([
                        .object([
                            "deletedRegion": region(fixIt.range, offsets: fixIt.offsets, in: file),
                            "insertedContent": .object(["text": .string(fixIt.replacement)]),
                        ])
                    ]),
                ])
            ])
        ]
        if !fixIt.message.isEmpty {
            members["description"] = .object(["text": .string(fixIt.message)])
        }
        return .object(members)
    }

    private func physicalLocation(
        _ range: SourceRange, offsets: Range<Int>? = nil, in file: FileDiagnostics
    ) -> JSONValue {
        .object(["artifactLocation": artifactLocation(file), "region": region(range, offsets: offsets, in: file)])
    }

    private func artifactLocation(_ file: FileDiagnostics) -> JSONValue {
        .object(["uri": .string(SARIFRenderer.uri(forPath: file.path)), "uriBaseId": .string(SARIFRenderer.uriBaseID)])
    }

    /// Lines and UTF-16 columns, and SARIF's `byteOffset` and `byteLength` (§3.30.13) where the finding's bytes in
    /// the file are known.
    private func region(_ range: SourceRange, offsets: Range<Int>? = nil, in file: FileDiagnostics) -> JSONValue {
        var members: [String: JSONValue] = [
            "startLine": .int(range.start.line),
            "startColumn": .int(SARIFRenderer.utf16Column(range.start.column, on: file.line(range.start.line))),
            "endLine": .int(range.end.line),
            "endColumn": .int(SARIFRenderer.utf16Column(range.end.column, on: file.line(range.end.line))),
        ]
        if let offsets {
            members["byteOffset"] = .int(offsets.lowerBound)
            members["byteLength"] = .int(offsets.count)
        }
        return .object(members)
    }
}

// MARK: - Conversions

extension SARIFRenderer {
    /// The 1-based UTF-16 column of the 1-based UTF-8 byte `column` on `line`. Bytes past the line's end
    /// (a range just after the last character) count one unit each; without the line, the column is kept.
    package static func utf16Column(_ column: Int, on line: Substring?) -> Int {
        guard let line, column > 1 else { return column }
        let utf8 = line.utf8
        let prefixLength = column - 1
        let inLine = min(prefixLength, utf8.count)
        let prefix = String(decoding: utf8.prefix(inLine), as: UTF8.self)
        return prefix.utf16.count + (prefixLength - inLine) + 1
    }

    /// A relative URI reference for a path: `/` separators, `./` dropped, and characters that are not
    /// allowed unescaped in a URI percent-encoded (spaces, `%`, `#`, `?`, non-ASCII as UTF-8 bytes), and
    /// `:` too, which would otherwise make `c:notes.md` read as a URI scheme.
    package static func uri(forPath path: String) -> String {
        var trimmed = Substring(path.replacingAll("\\", with: "/"))
        while trimmed.hasPrefix("./") { trimmed = trimmed.dropFirst(2) }
        var uri = ""
        for byte in trimmed.utf8 {
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
                UInt8(ascii: "0")...UInt8(ascii: "9"):
                uri.unicodeScalars.append(Unicode.Scalar(byte))
            case _ where "-._~/!$&'()*+,;=@".utf8.contains(byte):
                uri.unicodeScalars.append(Unicode.Scalar(byte))
            default:
                let hex = String(byte, radix: 16, uppercase: true)
                uri += "%" + (hex.count == 1 ? "0" + hex : hex)
            }
        }
        return uri
    }
}
