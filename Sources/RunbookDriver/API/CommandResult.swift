// The library's API (the `RunbookDriver` product): what a command returns, and its output formats.

/// What a command printed and how it ended; the executable writes it out and exits with the status.
public struct CommandResult: Sendable, Equatable {
    public var stdout: String
    public var stderr: String
    public var exitStatus: Int32
    /// Markdown for `$GITHUB_STEP_SUMMARY`, when the format asks for one.
    public var stepSummary: String?

    public init(
        stdout: String = "", stderr: String = "", exitStatus: Int32 = ExitStatus.success, stepSummary: String? = nil
    ) {
        self.stdout = stdout
        self.stderr = stderr
        self.exitStatus = exitStatus
        self.stepSummary = stepSummary
    }

    static func usage(_ error: UsageError) -> CommandResult {
        CommandResult(stderr: "runbook: error: \(error.message)\n", exitStatus: ExitStatus.usage)
    }
}

public enum OutputFormat: String, CaseIterable, Sendable {
    case text, json
}

/// `explain`'s formats: the listing as text or JSON, or the privilege graph in Graphviz's language.
public enum ExplainFormat: String, CaseIterable, Sendable {
    case text, json, dot
}
