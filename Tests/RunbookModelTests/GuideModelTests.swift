import Foundation
import RunbookDiagnostics
import RunbookMarkdown
@testable import RunbookModel
import Testing

/// The transcribed source guide, read into the model.
@Suite struct GuideModelTests {
    static let guidePath = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("runbooks/redshift-data-graph.md").path

    static func guide() throws -> Runbook {
        let text = try String(contentsOfFile: guidePath, encoding: .utf8)
        var diagnostics = DiagnosticBag()
        let document = MarkdownParser().parse(text, diagnostics: &diagnostics)
        return RunbookBuilder.build(document, path: "runbooks/redshift-data-graph.md")
    }

    @Test func debugDump() throws {
        let runbook = try Self.guide()
        for inference in runbook.inferences { print(inference.range.start, inference.kind, inference.description) }
        for variant in runbook.variants {
            print(variant.slug, variant.labels)
            for entry in runbook.plan(for: variant).entries {
                switch entry {
                case .instruction(let i): print("  I", i.step, i.text)
                case .connect(let d, _): print("  C", d)
                case .stay(let d, _): print("  S", d ?? "-")
                case .block(let b, let c): print("  B", b.range.start, c ?? "-", b.text.prefix(40).replacingOccurrences(of: "\n", with: " "))
                }
            }
        }
        for d in runbook.diagnostics { print(d) }
    }
}
