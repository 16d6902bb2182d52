import Foundation
import RunbookDiagnostics
import RunbookMarkdown
import RunbookModel
import RunbookPrivileges
import RunbookSQL
import RunbookTestSupport
import Testing

import struct RunbookDiagnostics.SourceLocation

/// A runbook read from Markdown, with its blocks parsed.
struct Compiled {
    let runbook: Runbook
    let statements: ParsedBlocks

    /// `classify`: parse only the blocks the SQL classifier calls SQL, as the driver does for real documents.
    init(_ markdown: String, path: String = "test.md", dialect: SQLDialect = .redshift, classify: Bool = false) {
        var diagnostics = DiagnosticBag()
        let document = MarkdownParser().parse(markdown, diagnostics: &diagnostics)
        runbook = RunbookBuilder.build(document, path: path)
        var statements = ParsedBlocks()
        for item in runbook.items {
            guard case .block(let block) = item else { continue }
            if classify {
                switch SQLBlockClassifier.classify(
                    text: block.text, fenceLanguage: block.language, defaultDialect: dialect)
                {
                case .sql(let blockDialect):
                    statements.add(SQLParser.parse(block.text, dialect: blockDialect).statements, of: block)
                case .template:
                    statements.add(SQLParser.parse(block.text, dialect: dialect).statements, of: block)
                case .otherDialect, .notSQL:
                    break
                }
            } else if block.language == "sql" {
                statements.add(SQLParser.parse(block.text, dialect: dialect).statements, of: block)
            }
        }
        self.statements = statements
    }

    func analyze(_ dialect: SQLDialect = .redshift) -> PrivilegeReport {
        PrivilegeAnalysis.analyze(runbook: runbook, statements: statements, dialect: dialect)
    }
}

/// An expected diagnostic: its rule, the marker where it starts, and words its message must contain.
struct Expected {
    var rule: Rule
    var marker: String
    var contains: [String]
    var variants: [String]?

    init(_ rule: Rule, at marker: String, _ contains: String..., variants: [String]? = nil) {
        self.rule = rule
        self.marker = marker
        self.contains = contains
        self.variants = variants
    }
}

/// Fails on every expected diagnostic that is missing and on every diagnostic that was not expected.
/// Diagnostics of rules outside `rules` are ignored (for example the assumed-object notes).
func expectDiagnostics(
    _ diagnostics: [Diagnostic], _ expected: [Expected], in marked: MarkedText,
    rules: Set<RuleID>? = nil, sourceLocation: Testing.SourceLocation = #_sourceLocation
) {
    var remaining = diagnostics.filter { rules?.contains($0.rule) ?? true }
    for expectation in expected {
        guard let start = marked[expectation.marker] else {
            Issue.record("the text has no marker \(expectation.marker)", sourceLocation: sourceLocation)
            continue
        }
        if let index = remaining.firstIndex(where: { diagnostic in
            diagnostic.rule == expectation.rule.id && diagnostic.range.start == start
                && expectation.contains.allSatisfy { diagnostic.message.contains($0) }
                && (expectation.variants.map { Set($0) == Set(diagnostic.variants) } ?? true)
        }) {
            remaining.remove(at: index)
        } else {
            let got = diagnostics.map { "\($0.rule.rawValue)@\($0.range.start) \($0.message) \($0.variants)" }
            Issue.record(
                Comment(
                    rawValue:
                        "missing \(expectation.rule.id.rawValue) at \(start) containing \(expectation.contains); got: \(got)"
                ),
                sourceLocation: sourceLocation)
        }
    }
    for diagnostic in remaining {
        Issue.record(
            Comment(
                rawValue: "unexpected \(diagnostic.rule.rawValue) at \(diagnostic.range.start): \(diagnostic.message)"),
            sourceLocation: sourceLocation)
    }
}

/// A runbook of one step whose only block holds `sql`.
func oneStep(_ sql: String) -> String {
    """
    # Test

    ### Step 1: Do it

    ```sql
    \(sql)
    ```

    """
}
