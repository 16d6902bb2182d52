import RunbookDiagnostics

/// Explicit annotations, for what prose cannot say. Two forms, neither shown by a renderer:
/// attributes in a fence's info string (```` ```sql connection=analytics role=example ````) and an HTML
/// comment before a block or item (`<!-- runbook: when=permissions=option-1 -->`).
package enum Annotations {
    /// The keys runbook understands, with what each accepts (docs/runbook-format.md).
    package static let knownKeys: [String: String] = [
        "connection": "a database name: the connection in force for this block",
        "dialect": "redshift or postgres",
        "disable": "rule ids, comma-separated: findings of these rules in this block are not reported",
        "role": "executable, example or skip",
        "session": "new or same: whether this Snowflake block starts a new session (by default each step does)",
        "when": "group=alternative[,group=alternative]: the block applies only under these selections",
    ]

    /// Parses `key=value key2="quoted value"` pairs; words without `=` are returned under their own name with
    /// an empty value so that a misspelt flag is reported too.
    package static func parseAttributes(_ text: Substring) -> [(key: String, value: String, offset: Int)] {
        var result: [(String, String, Int)] = []
        let scalars = Array(text.unicodeScalars)
        var index = 0
        func skipSpace() { while index < scalars.count, scalars[index] == " " || scalars[index] == "\t" { index += 1 } }
        skipSpace()
        while index < scalars.count {
            let start = index
            var key = ""
            while index < scalars.count, scalars[index] != "=", scalars[index] != " ", scalars[index] != "\t" {
                key.unicodeScalars.append(scalars[index])
                index += 1
            }
            var value = ""
            if index < scalars.count, scalars[index] == "=" {
                index += 1
                if index < scalars.count, scalars[index] == "\"" {
                    index += 1
                    while index < scalars.count, scalars[index] != "\"" {
                        value.unicodeScalars.append(scalars[index])
                        index += 1
                    }
                    index += 1
                } else {
                    while index < scalars.count, scalars[index] != " ", scalars[index] != "\t" {
                        value.unicodeScalars.append(scalars[index])
                        index += 1
                    }
                }
            }
            let trimmedKey = key.trimmingCharacters("{}")
            if !trimmedKey.isEmpty { result.append((trimmedKey, value.trimmingCharacters("}"), start)) }
            skipSpace()
        }
        return result
    }

    /// The payload of `<!-- runbook: … -->`, or nil for any other HTML.
    package static func commentPayload(_ html: String) -> Substring? {
        let trimmed = html.trimmingCharacters(" \n\t\r")
        guard trimmed.hasPrefix("<!--"), trimmed.hasSuffix("-->") else { return nil }
        let inner = trimmed.dropFirst(4).dropLast(3).drop { $0 == " " || $0 == "\n" || $0 == "\t" }
        // Most comments are not annotations: an ASCII first byte other than r or R rules one out before the
        // whole comment is lower-cased.
        if let first = inner.utf8.first, first < 0x80, first | 0x20 != UInt8(ascii: "r") { return nil }
        guard inner.lowercased().hasPrefix("runbook:") else { return nil }
        return inner.dropFirst("runbook:".count)
    }

    /// Where `key` is written in an annotation comment that starts at `start`: the first whole-word
    /// occurrence after `runbook:`, when it is on the comment's first line (the columns of later lines depend
    /// on the container's indentation, so no position is claimed for them).
    static func keyRange(_ key: String, inComment html: String, startingAt start: SourceLocation) -> SourceRange? {
        let bytes = Array(html.utf8)
        let lineEnd = bytes.firstIndex(of: UInt8(ascii: "\n")) ?? bytes.count
        let firstLine = Array(bytes[..<lineEnd])
        let marker = Array("runbook:".utf8)
        guard let markerStart = firstLine.firstRange(of: marker)?.upperBound else { return nil }
        let target = Array(key.utf8)
        guard !target.isEmpty else { return nil }
        func isWordByte(_ byte: UInt8) -> Bool {
            byte != UInt8(ascii: " ") && byte != UInt8(ascii: "\t") && byte != UInt8(ascii: "=")
                && byte != UInt8(ascii: "{") && byte != UInt8(ascii: "}") && byte != UInt8(ascii: "\"")
        }
        var index = markerStart
        while index + target.count <= firstLine.count {
            if Array(firstLine[index..<(index + target.count)]) == target,
                index == markerStart || !isWordByte(firstLine[index - 1]),
                index + target.count == firstLine.count || !isWordByte(firstLine[index + target.count])
            {
                let begin = SourceLocation(line: start.line, column: start.column + index)
                return SourceRange(
                    start: begin, end: SourceLocation(line: start.line, column: begin.column + target.count))
            }
            index += 1
        }
        return nil
    }

    /// Validates attributes, reporting unknown keys (with a suggestion) and invalid values. `keyRange` gives
    /// where a key is written, when that is known exactly: only then does a suggestion come with a fix-it.
    static func validated(
        _ attributes: [(key: String, value: String, offset: Int)], at range: SourceRange,
        keyRange: (String) -> SourceRange? = { _ in nil }, diagnostics: inout [Diagnostic]
    ) -> [String: String] {
        var result: [String: String] = [:]
        for (key, value, _) in attributes {
            guard knownKeys[key] != nil else {
                var fixIts: [FixIt] = []
                let suggestion = Suggestion.closest(to: key, in: knownKeys.keys)
                if let suggestion {
                    if let written = keyRange(key) {
                        fixIts.append(
                            FixIt("use '\(suggestion)'", range: written, replacement: suggestion, applicability: .safe))
                    }
                }
                diagnostics.append(
                    Diagnostic(
                        AnnotationUnknownKeyMessage(key: key, suggestion: suggestion), at: range,
                        notes: [DiagnosticNote("known keys: \(knownKeys.keys.sorted().joined(separator: ", "))")],
                        fixIts: fixIts))
                continue
            }
            let allowed: [String]? =
                switch key {
                case "dialect": ["redshift", "postgres"]
                case "role": ["executable", "example", "skip"]
                case "session": ["new", "same"]
                default: nil
                }
            if let allowed, !allowed.contains(value.lowercased()) {
                diagnostics.append(
                    Diagnostic(
                        AnnotationInvalidValueMessage(key: key, value: value, allowed: allowed.joined(separator: ", ")),
                        at: range))
                continue
            }
            if value.isEmpty {
                diagnostics.append(
                    Diagnostic(AnnotationInvalidValueMessage(key: key), at: range))
                continue
            }
            result[key] = ["dialect", "role", "session"].contains(key) ? value.lowercased() : value
        }
        return result
    }

    /// `permissions=option-1,step-3-4-2=option-2` → a condition.
    static func condition(_ value: String) -> Condition? {
        var selections: [String: String] = [:]
        for pair in value.split(separator: ",") {
            let parts = pair.split(separator: "=", maxSplits: 1)
            guard parts.count == 2 else { return nil }
            selections[String(parts[0])] = String(parts[1])
        }
        return selections.isEmpty ? nil : Condition(selections)
    }
}
