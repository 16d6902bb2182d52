package import RunbookDiagnostics
import Yams

/// Jekyll-style YAML front matter: a `---` line first in the file, the YAML, then a `---` (or `...`) line.
package struct FrontMatter: Hashable, Sendable {
    /// The YAML text between the delimiters.
    package var yaml: String
    /// Lines of the file the front matter covers, delimiters included (1-based, inclusive).
    package var lines: ClosedRange<Int>
    /// Top-level keys with scalar values (strings, numbers, booleans) as text; nested values are
    /// under their dotted path (`runbook.dialect`), list elements under an index (`runbook.claims.0`).
    package var values: [String: String]

    package init(yaml: String, lines: ClosedRange<Int>, values: [String: String]) {
        self.yaml = yaml
        self.lines = lines
        self.values = values
    }
}

// MARK: - Splitting

extension FrontMatter {
    /// Splits front matter off a document. Returns the front matter (if any) and the body with the front
    /// matter's lines blanked, so that line numbers in the body are line numbers in the file.
    package static func split(
        _ text: String, diagnostics: inout DiagnosticBag
    ) -> (frontMatter: FrontMatter?, body: String) {
        guard text.utf8.starts(with: "---".utf8) else { return (nil, text) }
        // Read lines only up to the closing delimiter: most of a page is body, left as it is.
        var lines: [Substring] = []
        var lineStart = text.startIndex
        var closing: Int?
        while lineStart < text.endIndex {
            let lineEnd = text.utf8[lineStart...].firstIndex(of: UInt8(ascii: "\n")) ?? text.endIndex
            let line = text[lineStart..<lineEnd].trimmingTrailingSpace
            if lines.isEmpty, line != "---" { return (nil, text) }
            if !lines.isEmpty, line == "---" || line == "..." {
                closing = lines.count
                lines.append(line)
                lineStart = lineEnd < text.endIndex ? text.utf8.index(after: lineEnd) : text.endIndex
                break
            }
            lines.append(line)
            lineStart = lineEnd < text.endIndex ? text.utf8.index(after: lineEnd) : text.endIndex
        }
        guard let closing else { return (nil, text) }

        let yaml = lines[1..<closing].joined(separator: "\n")
        var values: [String: String] = [:]
        do {
            // The basic resolver keeps every scalar a string: no regular expressions per value, and only
            // strings are read from front matter anyway. An explicit encoding spares a read of the whole
            // environment per call (Parser.Encoding.default).
            if let node = try Yams.compose(yaml: yaml, .basic, .default, .utf8) {
                var budget = maximumNodes
                if !flatten(node, path: "", into: &values, budget: &budget) {
                    values = [:]
                    diagnostics.emit(
                        FrontMatterInvalidMessage(problem: .tooManyNodes(maximumNodes)),
                        at: SourceRange(SourceLocation(line: 1, column: 1)))
                }
            }
        } catch {
            // Yams marks are 1-based within the YAML, which starts on the file's second line.
            let (problem, mark) = (error as? YamlError)?.problemAndMark ?? (String(describing: error).firstLine, nil)
            diagnostics.emit(
                FrontMatterInvalidMessage(problem: .yaml(problem)),
                at: SourceRange(SourceLocation(line: 1 + (mark?.line ?? 1), column: max(1, mark?.column ?? 1))))
        }
        let frontMatter = FrontMatter(yaml: yaml, lines: 1...(closing + 1), values: values)
        return (frontMatter, String(repeating: "\n", count: closing + 1) + text[lineStart...])
    }

    /// Aliases let a few lines of YAML stand for billions of nodes ("billion laughs"); a 731-byte file hung
    /// `runbook check` walking them. No runbook's front matter comes near this many.
    static let maximumNodes = 10_000

    /// Flattens `node` into dotted paths, visiting at most `budget` nodes; false when the budget ran out.
    private static func flatten(
        _ node: Yams.Node, path: String, into values: inout [String: String], budget: inout Int
    ) -> Bool {
        budget -= 1
        guard budget >= 0 else { return false }
        switch node {
        case .scalar(let scalar):
            if !path.isEmpty { values[path] = scalar.string }
        case .mapping(let mapping):
            for (key, value) in mapping {
                guard let name = key.string else { continue }
                guard flatten(value, path: path.isEmpty ? name : "\(path).\(name)", into: &values, budget: &budget)
                else { return false }
            }
        case .sequence(let sequence):
            for (index, element) in sequence.enumerated() {
                let elementPath = path.isEmpty ? "\(index)" : "\(path).\(index)"
                guard flatten(element, path: elementPath, into: &values, budget: &budget) else { return false }
            }
        case .alias:
            break
        }
        return true
    }
}

extension YamlError {
    fileprivate var problemAndMark: (String, Mark?) {
        switch self {
        case .scanner(let context, let problem, let mark, _), .parser(let context, let problem, let mark, _),
            .composer(let context, let problem, let mark, _):
            (context.map { "\(problem) (\($0.text))" } ?? problem, mark)
        default:
            (String(describing: self).firstLine, nil)
        }
    }
}

extension Substring {
    fileprivate var trimmingTrailingSpace: Substring {
        var result = self
        while let last = result.last, last == " " || last == "\t" || last == "\r" { result = result.dropLast() }
        return result
    }
}

extension String {
    fileprivate var firstLine: String {
        String(split(separator: "\n", maxSplits: 1).first ?? "")
    }
}
