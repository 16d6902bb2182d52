/// What every diagnostics renderer offers: the whole report for the given files, as one string.
package protocol DiagnosticRenderer: Sendable {
    /// `rules` is the full rule catalog (SARIF describes every rule; the other formats may ignore it).
    func render(_ files: [FileDiagnostics], rules: [Rule]) -> String
}

extension TextRenderer: DiagnosticRenderer {}
extension JSONRenderer: DiagnosticRenderer {}
extension SARIFRenderer: DiagnosticRenderer {}
extension GitHubActionsRenderer: DiagnosticRenderer {}

/// The values of `--format` for diagnostics (DESIGN.md §5).
public enum DiagnosticFormat: String, CaseIterable, Sendable {
    case text
    case json
    case sarif
    case github
}

// MARK: - Choosing a renderer

extension DiagnosticFormat {
    /// The renderer for this format. `colors` matters to text only (decide it with
    /// `TextRenderer.shouldUseColors`), `toolVersion` to SARIF only.
    package func renderer(
        colors: Bool, toolVersion: String, ruleDescriptions: [RuleID: RuleDescription] = [:]
    ) -> any DiagnosticRenderer {
        switch self {
        case .text: TextRenderer(colors: colors)
        case .json: JSONRenderer()
        case .sarif: SARIFRenderer(toolVersion: toolVersion, descriptions: ruleDescriptions)
        case .github: GitHubActionsRenderer()
        }
    }
}
