// The library's API (the `RunbookDriver` product): the severity choices a command line makes.

/// The one severity policy that `check`, `build`, `explain` and `verify` apply: the command line's choices over
/// the page's front matter over the governing `runbook.yml`. Each command resolves it per file here, so no two
/// commands can disagree about a rule's severity.
public struct PolicyArguments: Sendable, Equatable {
    /// `--warnings-as-errors`.
    public var warningsAsErrors: Bool
    /// `--disable ID`, as given.
    public var disabledRules: [String]

    public init(warningsAsErrors: Bool = false, disabledRules: [String] = []) {
        self.warningsAsErrors = warningsAsErrors
        self.disabledRules = disabledRules
    }
}
