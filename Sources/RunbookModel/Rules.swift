public import RunbookDiagnostics

// The model stage's rules, alphabetised.
extension Rule {
    public static let modelAnnotationUnknownKey = Rule(
        "model.annotation-unknown-key", .warning, "An annotation uses a key runbook does not know.")
    public static let modelAnnotationInvalidValue = Rule(
        "model.annotation-invalid-value", .error, "An annotation gives a value its key does not accept.")
    public static let modelBlockOutsideStep = Rule(
        "model.block-outside-step", .note, "A block outside every step is treated as an example, not as part of the procedure.")
    public static let modelTooManyVariants = Rule(
        "model.too-many-variants", .warning,
        "The choices make more variants than runbook enumerates; only the first ones are listed, checked and built.")
    public static let modelUnresolvedConnection = Rule(
        "model.unresolved-connection", .warning, "A connection switch names a database the runbook cannot identify.")
    public static let modelRules: [Rule] = [
        modelAnnotationInvalidValue, modelAnnotationUnknownKey, modelBlockOutsideStep, modelTooManyVariants,
        modelUnresolvedConnection,
    ]
}
