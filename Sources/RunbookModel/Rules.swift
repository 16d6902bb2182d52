package import RunbookDiagnostics

// The model stage's rules, alphabetised.
extension Rule {
    package static let modelAnnotationUnknownKey = Rule(
        "model.annotation-unknown-key", .warning, "An annotation uses a key runbook does not know.")
    package static let modelAnnotationInvalidValue = Rule(
        "model.annotation-invalid-value", .error, "An annotation gives a value its key does not accept.")
    package static let modelBlockOutsideStep = Rule(
        "model.block-outside-step", .warning,
        "SQL outside every step is an example that no script runs (a note when it only reads); a heading close to 'Step N' gets a did-you-mean."
    )
    package static let modelSingleAlternative = Rule(
        "model.single-alternative", .warning,
        "A choice has one alternative only, usually a misspelt option heading that split one choice in two.")
    package static let modelStepNumber = Rule(
        "model.step-number", .warning, "A step heading has no number, or its number repeats or goes backwards.")
    package static let modelUnknownAlternative = Rule(
        "model.unknown-alternative", .error,
        "A branch names an alternative (or a choice) that the runbook does not define, so what it holds runs in no variant."
    )
    package static let modelUnknownFenceLanguage = Rule(
        "model.unknown-fence-language", .note,
        "A fence's language is not one runbook knows, but its content is SQL: it is read and checked as SQL.")
    package static let modelTooManyVariants = Rule(
        "model.too-many-variants", .warning,
        "The choices make more variants than runbook enumerates; only the first ones are listed, checked and built.")
    package static let modelUnresolvedConnection = Rule(
        "model.unresolved-connection", .warning, "A connection switch names a database the runbook cannot identify.")
    package static let modelRules: [Rule] = [
        modelAnnotationInvalidValue, modelAnnotationUnknownKey, modelBlockOutsideStep, modelSingleAlternative,
        modelStepNumber, modelTooManyVariants, modelUnknownAlternative, modelUnknownFenceLanguage,
        modelUnresolvedConnection,
    ]
}
