import RunbookDiagnostics

// The driver's messages, alphabetised: fixed ones as `StaticMessage` values, ones with parameters as small
// structs (RunbookDiagnostics' DiagnosticMessage.swift says why).

// MARK: - Fixed messages

extension StaticMessage {
    static let fileNotText = StaticMessage(
        .fileNotText,
        "the file is not text (it holds NUL bytes and is mostly unprintable): not read as Markdown, and nothing is "
            + "built from it")
}

// MARK: - Messages with parameters

/// A block that is not checked or not run, and why.
struct BlockNotCheckedMessage: DiagnosticMessage {
    enum Reason: Sendable {
        /// Not checked: another dialect, not SQL, ….
        case notChecked(String)
        /// Checked but never run: a template.
        case notRun(String)
        /// The page (or a section) is another engine's: its blocks are skipped.
        case otherEngine(engine: String, isSection: Bool, reason: String, blocks: Int)
    }

    var reason: Reason

    var rule: Rule { .blockNotChecked }
    var message: String {
        switch reason {
        case .notChecked(let why): return "block not checked: \(why)"
        case .notRun(let why): return "block not run: \(why)"
        case .otherEngine(let engine, let isSection, let why, let count):
            let blocks = count == 1 ? "its SQL block is" : "its \(count) SQL blocks are"
            return "not checked: \(isSection ? "a section" : "the page") is for \(engine), which runbook "
                + "recognises but does not check yet (\(why)); \(blocks) skipped"
        }
    }
}

/// Another engine's grammar in an unlabelled block of a page that is Redshift or PostgreSQL.
struct OtherEngineOnStatedPageMessage: DiagnosticMessage {
    var engine: String
    var evidence: String
    var page: String
    var pageReason: String

    var rule: Rule { .sqlDialectMismatch }
    var message: String {
        "this is \(engine) grammar (\(evidence)), but the page is \(page) (\(pageReason)), which rejects it; the "
            + "block is not checked"
    }
}

/// A statement the script leaves out: untranslatable to the script's dialect, or unsafe to copy.
struct ScriptOmissionMessage: DiagnosticMessage {
    /// The dialect whose script lacks it when it cannot be translated; nil when it is not copied at all.
    var untranslatableTo: String? = nil
    var reason: String

    var rule: Rule { untranslatableTo == nil ? .scriptNotCopied : .translationUnavailable }
    var message: String {
        guard let dialect = untranslatableTo else { return "not in the script: \(reason)" }
        return "not in the \(dialect) script: \(reason)"
    }
}

/// A suppression naming no rule, or silencing nothing.
struct SuppressionMessage: DiagnosticMessage {
    var ruleID: String
    /// Whether the id is no rule's; otherwise the suppression silences nothing.
    var isUnknown: Bool
    /// For an unknown id, the closest known one.
    var suggestion: String? = nil

    var rule: Rule { isUnknown ? .suppressionUnknownID : .suppressionUnused }
    var message: String {
        guard isUnknown else { return "suppression of '\(ruleID)' silences nothing here" }
        return "unknown rule '\(ruleID)' in a suppression" + (suggestion.map { "; did you mean '\($0)'?" } ?? "")
    }
}

/// Front matter naming a rule or severity that does not exist.
struct UnknownRuleInFrontMatterMessage: DiagnosticMessage {
    /// `runbook.rules.disable`, `runbook.rules.severity`, or `runbook.rules.severity.<id>`.
    var key: String
    /// What is wrong: Rule.unknownRuleProblem's text, or an unknown severity.
    var problem: String

    var rule: Rule { .configUnknownRuleID }
    var message: String { "front matter: \(key): \(problem)" }
}

/// `dialect:` in front matter that names no engine.
struct UnknownDialectMessage: DiagnosticMessage {
    var written: String
    var suggestion: String?
    var known: [String]

    var rule: Rule { .configUnknownDialect }
    var message: String {
        "front matter: dialect '\(written)' is not one runbook knows"
            + (suggestion.map { "; did you mean '\($0)'?" } ?? "") + " (known: " + known.joined(separator: ", ") + ")"
    }
}
