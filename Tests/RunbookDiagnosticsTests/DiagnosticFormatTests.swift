import RunbookDiagnostics
import Testing

@Suite("Diagnostic formats")
struct DiagnosticFormatTests {
    @Test func formatNamesMatchTheCommandLine() {
        #expect(DiagnosticFormat.allCases.map(\.rawValue) == ["text", "json", "sarif", "github"])
    }

    @Test(arguments: DiagnosticFormat.allCases)
    func eachFormatRendersLikeItsRenderer(format: DiagnosticFormat) {
        let output = format.renderer(colors: false, toolVersion: "9.9").render(Sample.files, rules: TestRules.all)
        let direct: String
        switch format {
        case .text: direct = TextRenderer(colors: false).render(Sample.files, rules: TestRules.all)
        case .json: direct = JSONRenderer().render(Sample.files, rules: TestRules.all)
        case .sarif: direct = SARIFRenderer(toolVersion: "9.9").render(Sample.files, rules: TestRules.all)
        case .github: direct = GitHubActionsRenderer().render(Sample.files, rules: TestRules.all)
        }
        #expect(output == direct)
        #expect(!output.isEmpty)
    }
}
