import RunbookDiagnostics
import RunbookSQL
import RunbookTestSupport
import Testing

import struct RunbookDiagnostics.SourceLocation

/// Parses `sql` and returns its statements, recording an issue for any diagnostic.
func parseClean(
    _ sql: String, dialect: SQLDialect = .redshift, sourceLocation: Testing.SourceLocation = #_sourceLocation
)
    -> [Statement]
{
    let parsed = SQLParser.parse(sql, dialect: dialect)
    for diagnostic in parsed.diagnostics {
        Issue.record(
            "unexpected \(diagnostic.rule.rawValue) at \(diagnostic.range.start): \(diagnostic.message)",
            sourceLocation: sourceLocation)
    }
    return parsed.statements
}

/// The kind of the single statement in `sql`.
func kind(
    _ sql: String, dialect: SQLDialect = .redshift, sourceLocation: Testing.SourceLocation = #_sourceLocation
)
    -> StatementKind?
{
    let statements = parseClean(sql, dialect: dialect, sourceLocation: sourceLocation)
    #expect(statements.count == 1, "expected one statement", sourceLocation: sourceLocation)
    return statements.first?.kind
}

/// Runs the parser and every check on marked SQL and compares the findings of `rules` with the markers:
/// each expected (marker, rule) must be found at the marker, and nothing else may be found.
func expectDiagnostics(
    _ marked: String, rules: Set<RuleID>, expected: [(String, RuleID)], dialect: SQLDialect = .redshift,
    context: SQLCheckContext? = nil, sourceLocation: Testing.SourceLocation = #_sourceLocation
) {
    let text = MarkedText(marked)
    let parsed = SQLParser.parse(text.text, dialect: dialect)
    let checks = SQLChecks.run(parsed.statements, context: context ?? SQLCheckContext(dialect: dialect))
    var found = (parsed.diagnostics + checks).filter { rules.contains($0.rule) }
    for (marker, rule) in expected {
        guard let location = text[marker] else {
            Issue.record("marker \(marker) is not in the text", sourceLocation: sourceLocation)
            continue
        }
        if let index = found.firstIndex(where: { $0.rule == rule && $0.range.start == location }) {
            found.remove(at: index)
        } else {
            let near = found.map { "\($0.rule.rawValue)@\($0.range.start)" }.joined(separator: ", ")
            Issue.record(
                "missing \(rule.rawValue) at \(marker) (\(location)); found: [\(near)]",
                sourceLocation: sourceLocation)
        }
    }
    for diagnostic in found {
        Issue.record(
            "unexpected \(diagnostic.rule.rawValue) at \(diagnostic.range.start): \(diagnostic.message)",
            sourceLocation: sourceLocation)
    }
}
