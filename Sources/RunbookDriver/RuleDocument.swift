import Foundation
package import RunbookDiagnostics

/// docs/rules.md: every rule of the catalog, generated so that the list can never drift from the code
/// (a test compares the file with this text); `runbook rules ID` prints one rule's page from the same parts.
package enum RuleDocument {
    package static func markdown() -> String {
        var lines = [
            "# Rules",
            "",
            "Every diagnostic carries a stable rule id. Ids never change once published; a rule that goes away",
            "keeps its id reserved. Turn a rule off with `--disable ID` or `rules.disable` in `runbook.yml`,",
            "change its severity with `rules.severity` (docs/ci.md), or silence one finding where it occurs with",
            "`-- runbook: disable=ID` on a SQL line, `<!-- runbook: disable=ID -->` before a block, or",
            "`runbook: {disable: [ID]}` in the front matter. Details and examples: `docs/sql.md` (sql.*),",
            "`docs/privileges.md` (privileges.*), `docs/runbook-format.md` (model.*, markdown.*),",
            "`docs/verify.md` (verify.*). `runbook rules` lists the rules and `runbook rules ID` prints one page.",
            "",
            "This file is generated from the rule catalog (`RuleDocument.markdown()`); a test fails when it is",
            "out of date (`RECORD_SNAPSHOTS=1 swift test --filter RuleDocumentTests` rewrites it).",
            "",
            "| id | default severity | what it finds |",
            "|---|---|---|",
        ]
        for rule in Rule.catalog {
            let summary = rule.summary.replacingOccurrences(of: "|", with: "\\|")
            lines.append(
                "| [`\(rule.id.rawValue)`](#\(anchor(rule.id))) | \(rule.defaultSeverity.rawValue) | \(summary) |")
        }
        for rule in Rule.catalog {
            lines.append("")
            lines.append("<a id=\"\(anchor(rule.id))\"></a>")
            lines.append("")
            lines.append("## `\(rule.id.rawValue)` (\(rule.defaultSeverity.rawValue))")
            lines.append("")
            lines.append(contentsOf: sections(rule, markdown: true))
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// The anchor of a rule's section in docs/rules.md: the id itself, which is already URL-safe.
    package static func anchor(_ id: RuleID) -> String { id.rawValue }

    /// One rule's page as `runbook rules ID` prints it.
    package static func page(_ rule: Rule) -> String {
        var lines = ["\(rule.id.rawValue) (\(rule.defaultSeverity.rawValue))", ""]
        lines.append(contentsOf: sections(rule, markdown: false))
        return lines.joined(separator: "\n") + "\n"
    }

    /// Every rule's page for SARIF; `baseURL` is where docs/rules.md is published, if known.
    package static func descriptions(baseURL: String?) -> [RuleID: RuleDescription] {
        var result: [RuleID: RuleDescription] = [:]
        for rule in Rule.catalog {
            guard let help = RuleHelp.pages[rule.id] else { continue }
            result[rule.id] = RuleDescription(
                fullDescription: rule.summary + " " + help.why,
                helpText: sections(rule, markdown: false).joined(separator: "\n"),
                helpMarkdown: sections(rule, markdown: true).joined(separator: "\n"),
                helpURI: baseURL.map { "\($0)#\(anchor(rule.id))" })
        }
        return result
    }

    /// What, why, example, fix.
    private static func sections(_ rule: Rule, markdown: Bool) -> [String] {
        guard let help = RuleHelp.pages[rule.id] else { return [rule.summary] }
        var lines = [rule.summary, "", markdown ? "**Why.** \(help.why)" : "Why: \(help.why)", ""]
        lines.append(markdown ? "**Example.**" : "Example:")
        lines.append("")
        if markdown {
            // A fence longer than any backtick run in the example, so examples holding fences stay intact.
            let fence = String(repeating: "`", count: max(3, longestBacktickRun(help.example) + 1))
            lines.append(fence)
            lines.append(
                contentsOf: help.example.split(separator: "\n", omittingEmptySubsequences: false).map(String.init))
            lines.append(fence)
        } else {
            lines.append(
                contentsOf: help.example.split(separator: "\n", omittingEmptySubsequences: false).map { "    " + $0 })
        }
        lines.append("")
        lines.append(markdown ? "**Fix.** \(help.fix)" : "Fix: \(help.fix)")
        return lines
    }

    private static func longestBacktickRun(_ text: String) -> Int {
        var longest = 0
        var run = 0
        for character in text {
            run = character == "`" ? run + 1 : 0
            longest = max(longest, run)
        }
        return longest
    }
}
