import Foundation
package import RunbookCompile

/// `runbook variants`: every consistent combination of alternatives, with its slug.
package enum VariantsEmitter {
    package static func text(_ compiled: CompiledRunbook) -> String {
        var lines: [String] = []
        for variant in compiled.variants {
            lines.append(variant.slug)
            for label in variant.labels { lines.append("  \(label)") }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    struct VariantJSON: Encodable {
        var slug: String
        var selections: [String: String]
        var labels: [String]
        var script: String
        var checklist: String
    }

    package static func json(_ compiled: CompiledRunbook) -> String {
        let values = compiled.variants.map {
            VariantJSON(
                slug: $0.slug, selections: $0.selections, labels: $0.labels,
                script: "\(compiled.name)/\($0.slug).sql", checklist: "\(compiled.name)/\($0.slug).checklist.md")
        }
        return JSONOutput.encode(values)
    }
}

/// Stable JSON: sorted keys, two-space indentation, slashes unescaped, a final newline.
package enum JSONOutput {
    package static func encode(_ value: some Encodable) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
        guard let data = try? encoder.encode(value) else { return "null\n" }
        return String(decoding: data, as: UTF8.self) + "\n"
    }
}
