import Foundation
import RunbookDiagnostics

/// docs/rules.md: every rule of the catalog, generated so that the list can never drift from the code
/// (a test compares the file with this text).
public enum RuleDocument {
    public static func markdown() -> String {
        var lines = [
            "# Rules",
            "",
            "Every diagnostic carries a stable rule id. Ids never change once published; a rule that goes away",
            "keeps its id reserved. Turn a rule off with `--disable ID` or `rules.disable` in `runbook.yml`,",
            "change its severity with `rules.severity` (docs/ci.md). Details and examples: `docs/sql.md` (sql.*),",
            "`docs/privileges.md` (privileges.*), `docs/runbook-format.md` (model.*, markdown.*),",
            "`docs/verify.md` (verify.*).",
            "",
            "This file is generated from the rule catalog (`RuleDocument.markdown()`); a test fails when it is",
            "out of date (`RECORD_SNAPSHOTS=1 swift test --filter RuleDocumentTests` rewrites it).",
            "",
            "| id | default severity | what it finds |",
            "|---|---|---|",
        ]
        for rule in Rule.catalog {
            let summary = rule.summary.replacingOccurrences(of: "|", with: "\\|")
            lines.append("| `\(rule.id.rawValue)` | \(rule.defaultSeverity.rawValue) | \(summary) |")
        }
        return lines.joined(separator: "\n") + "\n"
    }
}
