public import RunbookDiagnostics
import Yams

/// Jekyll-style YAML front matter: a `---` line first in the file, the YAML, then a `---` (or `...`) line.
public struct FrontMatter: Hashable, Sendable {
    /// The YAML text between the delimiters.
    public var yaml: String
    /// Lines of the file the front matter covers, delimiters included (1-based, inclusive).
    public var lines: ClosedRange<Int>
    /// Top-level keys with scalar values (strings, numbers, booleans) as text; nested values are
    /// under their dotted path (`runbook.dialect`), list elements under an index (`runbook.claims.0`).
    public var values: [String: String]

    public init(yaml: String, lines: ClosedRange<Int>, values: [String: String]) {
        self.yaml = yaml
        self.lines = lines
        self.values = values
    }
}

// MARK: - Splitting

extension FrontMatter {
    /// Splits front matter off a document. Returns the front matter (if any) and the body with the front
    /// matter's lines blanked, so that line numbers in the body are line numbers in the file.
    public static func split(
        _ text: String, diagnostics: inout DiagnosticBag
    ) -> (frontMatter: FrontMatter?, body: String) {
        let lines = FileDiagnostics.lines(of: text)
        guard let first = lines.first, first.trimmingTrailingSpace == "---" else { return (nil, text) }
        guard let closing = lines.indices.dropFirst().first(where: {
            let line = lines[$0].trimmingTrailingSpace
            return line == "---" || line == "..."
        }) else { return (nil, text) }

        let yaml = lines[1..<closing].joined(separator: "\n")
        var values: [String: String] = [:]
        do {
            if let node = try Yams.compose(yaml: yaml) {
                var budget = maximumNodes
                if !flatten(node, path: "", into: &values, budget: &budget) {
                    values = [:]
                    diagnostics.emit(
                        .frontMatterInvalid,
                        "front matter expands to more than \(maximumNodes) YAML nodes (through aliases?); it is not read",
                        at: SourceRange(SourceLocation(line: 1, column: 1)))
                }
            }
        } catch {
            let line = (error as? YamlError).flatMap(\.markLine) ?? 0
            diagnostics.emit(
                .frontMatterInvalid,
                "front matter is not valid YAML: \(String(describing: error).firstLine)",
                at: SourceRange(SourceLocation(line: 2 + line, column: 1)))
        }
        let blanked = Array(repeating: Substring(""), count: closing + 1) + lines[(closing + 1)...]
        let frontMatter = FrontMatter(yaml: yaml, lines: 1...(closing + 1), values: values)
        return (frontMatter, blanked.joined(separator: "\n"))
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
    fileprivate var markLine: Int? {
        switch self {
        case .scanner(_, _, let mark, _), .parser(_, _, let mark, _), .composer(_, _, let mark, _):
            mark.line - 1
        default:
            nil
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
