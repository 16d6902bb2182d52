import Foundation
import RunbookDiagnostics
import RunbookSQL
import Testing

/// The example statements of the Amazon Redshift Database Developer Guide, one page per SQL command
/// (`../shared/aws-redshift-examples`): the reference for the Redshift grammar, so every one must parse.
enum AWSExamples {
    /// `$RUNBOOK_AWS_EXAMPLES`, else `../shared/aws-redshift-examples` beside the package root.
    static var root: URL {
        if let path = ProcessInfo.processInfo.environment["RUNBOOK_AWS_EXAMPLES"], !path.isEmpty {
            return URL(fileURLWithPath: path)
        }
        let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        return packageRoot.deletingLastPathComponent().appendingPathComponent("shared/aws-redshift-examples")
    }

    static var isRequired: Bool { ProcessInfo.processInfo.environment["RUNBOOK_REQUIRE_CORPUS"] == "1" }

    /// The page names (`grant.md`), sorted; empty when the folder is missing.
    static let pages: [String] = {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: root.path)) ?? []
        return names.filter { $0.hasSuffix(".md") && $0 != "README.md" }.sorted()
    }()

    /// The `sql` blocks of a page, and the statement count its header states (`statements=N`).
    static func blocks(of page: String) throws -> (blocks: [FencedBlock], statements: Int?) {
        let markdown = try String(contentsOf: root.appendingPathComponent(page), encoding: .utf8)
        let blocks = Corpus.fences(in: markdown, file: page).filter { $0.language == "sql" }
        let count = markdown.firstRange(of: "statements=").flatMap { range in
            Int(markdown[range.upperBound...].prefix(while: \.isNumber))
        }
        return (blocks, count)
    }
}

@Suite("AWS Redshift examples")
struct AWSExamplesTests {
    @Test func theFolderIsThere() {
        if AWSExamples.pages.isEmpty {
            if AWSExamples.isRequired {
                Issue.record("RUNBOOK_REQUIRE_CORPUS=1 but there are no pages at \(AWSExamples.root.path)")
            } else {
                print("AWS example tests skipped: no pages at \(AWSExamples.root.path) (set RUNBOOK_AWS_EXAMPLES)")
            }
            return
        }
        // One page per command of the SQL reference that has examples.
        #expect(AWSExamples.pages.count >= 70)
    }

    /// Every statement of the page parses in Redshift: no syntax, unterminated or unknown-statement finding.
    @Test(arguments: AWSExamples.pages)
    func everyStatementParses(page: String) throws {
        let (blocks, stated) = try AWSExamples.blocks(of: page)
        #expect(!blocks.isEmpty, "\(page) has no sql block")
        var statements = 0
        for block in blocks {
            let parsed = SQLParser.parse(block.text, dialect: .redshift)
            statements += parsed.statements.count
            for statement in parsed.statements {
                if case .invalid(let keyword) = statement.kind {
                    Issue.record("\(page):\(block.line + statement.range.start.line): \(keyword) is not parsed")
                }
            }
            for diagnostic in parsed.diagnostics {
                // The block's first line is the line after the fence.
                let line = block.line + diagnostic.range.start.line
                Issue.record("\(page):\(line): \(diagnostic.rule.rawValue): \(diagnostic.message)")
            }
        }
        // Every statement the page holds is one statement here: none swallowed by a split gone wrong.
        #expect(statements == stated, "\(page): \(statements) statements, the page states \(stated ?? -1)")
    }
}
