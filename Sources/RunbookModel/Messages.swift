import RunbookDiagnostics

// The model stage's messages, alphabetised: fixed ones as `StaticMessage` values, ones with parameters as small
// structs (RunbookDiagnostics' DiagnosticMessage.swift says why).

// MARK: - Messages with parameters

/// An annotation value that is not one of its key's values, or missing.
struct AnnotationInvalidValueMessage: DiagnosticMessage {
    var key: String
    /// What was written; nil when the value is empty.
    var value: String?
    /// The values the key takes, or a description of them ("group=alternative pairs").
    var allowed: String?

    var rule: Rule { .modelAnnotationInvalidValue }
    var message: String {
        guard let value, !value.isEmpty else { return "annotation '\(key)' needs a value (\(key)=…)" }
        return "annotation '\(key)' takes \(allowed ?? "another value"), not '\(value)'"
    }
}

/// An annotation key runbook does not know, with the closest known one.
struct AnnotationUnknownKeyMessage: DiagnosticMessage {
    var key: String
    var suggestion: String?

    var rule: Rule { .modelAnnotationUnknownKey }
    var message: String {
        "unknown annotation key '\(key)'" + (suggestion.map { "; did you mean '\($0)'?" } ?? "")
    }
}

/// SQL blocks no step holds, so no script runs them.
struct BlockOutsideStepMessage: DiagnosticMessage {
    var count: Int
    /// The section's heading; empty before the first heading.
    var section: String
    /// The corrected heading, when the section's heading is a misspelt step heading.
    var correctedHeading: String?
    /// Whether the prose offers every block as another way.
    var offeredAsAnotherWay: Bool

    var rule: Rule { .modelBlockOutsideStep }
    var message: String {
        let place = section.isEmpty ? "before the first heading" : "under '\(section)', which is not a step"
        let blocks = count == 1 ? "this block is" : "these \(count) blocks are"
        var text = "\(blocks) \(place): an example, and no script runs it"
        if let correctedHeading {
            text += "; did you mean '\(correctedHeading)'?"
        } else if offeredAsAnotherWay {
            text += " (the prose before it offers it as another way, by example)"
        }
        return text
    }
}

/// A heading that reads like a step but has no number.
struct HeadingWithoutStepNumberMessage: DiagnosticMessage {
    var heading: String

    var rule: Rule { .modelStepNumber }
    var message: String { "heading '\(heading)' has no step number, so it is not read as a step" }
}

/// A choice group with one alternative, with the closest other group's label when the heading strayed.
struct SingleAlternativeMessage: DiagnosticMessage {
    var alternative: String
    var group: String
    var suggestion: String?

    var rule: Rule { .modelSingleAlternative }
    var message: String {
        "'\(alternative)' is the only alternative of '\(group)', so it is always picked"
            + (suggestion.map { "; did you mean '\($0)'?" } ?? "")
    }
}

/// A step number that repeats or goes backwards under one heading.
struct StepNumberOrderMessage: DiagnosticMessage {
    var number: Int
    var previous: Int

    var rule: Rule { .modelStepNumber }
    var message: String {
        let how = number == previous ? "repeats" : "goes backwards"
        return "step number \(number) \(how): 'Step \(previous)' comes before it under the same heading"
    }
}

/// More variants than are listed, checked and built.
struct TooManyVariantsMessage: DiagnosticMessage {
    var groups: Int
    var limit: Int

    var rule: Rule { .modelTooManyVariants }
    var message: String {
        "\(groups) choice groups make more than \(limit) variants; only the first \(limit) are listed, checked and built"
    }
}

/// "For Access Option 3:" where no such choice or option exists.
struct UnknownAlternativeMessage: DiagnosticMessage {
    /// The lead-in as written.
    var branch: String
    /// A choice no heading defines (its label and the closest label), or an option its group lacks.
    enum Missing: Sendable {
        case choice(label: String, suggestion: String?)
        case option(number: Int, group: String)
    }
    var missing: Missing

    var rule: Rule { .modelUnknownAlternative }
    var message: String {
        switch missing {
        case .choice(let label, let suggestion):
            "'\(branch)' names a choice '\(label)' that no heading defines, so what it holds runs in no variant"
                + (suggestion.map { "; did you mean '\($0)'?" } ?? "")
        case .option(let number, let group):
            "'\(branch)' names option \(number) of '\(group)', which does not exist, so what it holds runs in no variant"
        }
    }
}

/// A fence language runbook does not know, on a block whose content is SQL.
struct UnknownFenceLanguageMessage: DiagnosticMessage {
    var language: String

    var rule: Rule { .modelUnknownFenceLanguage }
    var message: String {
        "the fence is labelled '\(language)', which runbook does not know; its content is SQL, so it is read and "
            + "checked as SQL"
    }
}

/// A connection switch whose database cannot be told.
struct UnresolvedConnectionMessage: DiagnosticMessage {
    var phrase: String

    var rule: Rule { .modelUnresolvedConnection }
    var message: String { "cannot tell which database '\(phrase)' means" }
}
