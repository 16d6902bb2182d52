package import RunbookDiagnostics
import RunbookMarkdown
import RunbookModel
import RunbookPrivileges
import RunbookSQL
import RunbookVerify

// The driver's rules, alphabetised.
extension Rule {
    package static let blockNotChecked = Rule(
        "block.not-checked", .note, "A fenced block is not checked: it is a template, another dialect or not SQL.")
    package static let configUnknownRuleID = Rule(
        "config.unknown-rule", .error,
        "A page's front matter turns off or re-rates a rule id that does not exist, or names an unknown severity.")
    package static let configUnknownDialect = Rule(
        "config.unknown-dialect", .error,
        "A page's front matter names a dialect runbook does not know: the page would be read as another engine's.")
    package static let fileNotText = Rule(
        "file.not-text", .error,
        "The file is not text (NUL bytes, mostly unprintable): an executable or archive named like Markdown. Nothing is built from it."
    )
    package static let scriptNotCopied = Rule(
        "script.not-copied", .warning,
        "A psql meta-command or a statement with a backslash is never copied into a script, so a document cannot make psql run a command."
    )
    package static let suppressionUnknownID = Rule(
        "suppression.unknown-rule", .warning, "A suppression comment names a rule id that does not exist.")
    package static let suppressionUnused = Rule(
        "suppression.unused", .warning,
        "A suppression comment silences nothing where it stands (reported with --report-unused-suppressions).")
    package static let translationUnavailable = Rule(
        "sql.no-translation", .warning,
        "A statement has no equivalent in the target dialect and is left out of the script.")

    package static let driverRules: [Rule] = [
        blockNotChecked, configUnknownDialect, configUnknownRuleID, fileNotText, scriptNotCopied, suppressionUnknownID,
        suppressionUnused,
        translationUnavailable,
    ]
}

extension Rule {
    /// Every rule of every stage, sorted by id: the catalog docs/rules.md and SARIF describe. Built once: every page
    /// checked asks for its ids.
    package static let catalog: [Rule] =
        (markdownRules + modelRules + sqlRules + privilegeRules + verifyRules + driverRules).sorted { $0.id < $1.id }

    /// The catalog's ids, for telling a suppression's id from a typo.
    package static let catalogIDs: Set<RuleID> = Set(catalog.map(\.id))
}
