import RunbookDiagnostics
import Testing

import struct RunbookDiagnostics.SourceLocation

@Suite("Severity policy and summary")
struct PolicyTests {
    let at = SourceRange(SourceLocation(line: 1, column: 1))

    var mixed: [Diagnostic] {
        [
            Diagnostic(TestRules.syntax, "bad", at: at),
            Diagnostic(TestRules.literalPassword, "password", at: at),
            Diagnostic(TestRules.notChecked, "skipped", at: at),
        ]
    }

    @Test func defaultPolicyChangesNothing() {
        #expect(DiagnosticPolicy().apply(mixed) == mixed)
    }

    @Test func warningsAsErrorsRaisesWarningsButNeverNotes() {
        let applied = DiagnosticPolicy(warningsAsErrors: true).apply(mixed)
        #expect(applied.map(\.severity) == [.error, .error, .note])
    }

    @Test func disabledRulesAreDropped() {
        let applied = DiagnosticPolicy(disabledRules: [TestRules.literalPassword.id]).apply(mixed)
        #expect(applied.map(\.rule) == [TestRules.syntax.id, TestRules.notChecked.id])
    }

    @Test func overridesApplyBeforeWarningsAsErrors() {
        let lowered = DiagnosticPolicy(
            warningsAsErrors: true,
            severityOverrides: [TestRules.syntax.id: .warning, TestRules.literalPassword.id: .note]
        )
        // The syntax error, lowered to a warning, is raised again; the password warning, lowered to a note, stays.
        #expect(lowered.apply(mixed).map(\.severity) == [.error, .note, .note])

        let raised = DiagnosticPolicy(severityOverrides: [TestRules.notChecked.id: .warning])
        #expect(raised.apply(mixed).map(\.severity) == [.error, .warning, .warning])
    }

    @Test func disablingWinsOverAnOverride() {
        let policy = DiagnosticPolicy(
            disabledRules: [TestRules.syntax.id],
            severityOverrides: [TestRules.syntax.id: .error]
        )
        #expect(!policy.apply(mixed).contains { $0.rule == TestRules.syntax.id })
    }

    @Test func policyAppliesPerFileAndKeepsOrder() {
        let files = DiagnosticPolicy(warningsAsErrors: true).apply(Sample.files)
        #expect(files.map(\.path) == ["docs/guide.md", "docs/clean.md"])
        #expect(files[0].diagnostics.map(\.severity) == [.error, .error, .note])
        #expect(files[0].lines == Sample.files[0].lines)
    }

    @Test func summaryCountsAndExitStatus() {
        let summary = DiagnosticSummary(Sample.files)
        #expect(summary == DiagnosticSummary(files: 2, errors: 1, warnings: 1, notes: 1))
        #expect(summary.exitStatus == 1)

        let onlyWarnings = DiagnosticSummary(
            DiagnosticPolicy(disabledRules: [TestRules.unknownRole.id]).apply(Sample.files)
        )
        #expect(onlyWarnings.exitStatus == 0)
        #expect(DiagnosticSummary([]).exitStatus == 0)
    }

    @Test(arguments: [
        (DiagnosticSummary(files: 4, errors: 2, warnings: 1, notes: 3), "2 errors, 1 warning, 3 notes in 4 files"),
        (DiagnosticSummary(files: 1, errors: 1, warnings: 2, notes: 1), "1 error, 2 warnings, 1 note in 1 file"),
        (DiagnosticSummary(files: 2, errors: 0, warnings: 0, notes: 2), "2 notes in 2 files"),
        (DiagnosticSummary(files: 4, errors: 0, warnings: 0, notes: 0), "no problems in 4 files"),
        (DiagnosticSummary(files: 1, errors: 0, warnings: 0, notes: 0), "no problems in 1 file"),
        (DiagnosticSummary(files: 0, errors: 0, warnings: 0, notes: 0), "no problems in 0 files"),
    ])
    func summaryLine(summary: DiagnosticSummary, expected: String) {
        #expect(summary.description == expected)
    }

    @Test func fileDiagnosticsSortsAndSplitsCRLF() {
        let file = FileDiagnostics(path: "a.md", source: "one\r\ntwo\n", diagnostics: Sample.diagnostics)
        #expect(file.lines == ["one", "two", ""])
        #expect(
            file.diagnostics.map(\.rule) == [
                TestRules.unknownRole.id, TestRules.literalPassword.id, TestRules.notChecked.id,
            ])
    }

    @Test func textInRange() {
        let file = Sample.files[0]
        #expect(file.text(in: Sample.guide.range(1, 2)) == "segment_rol")
        #expect(file.text(in: Sample.guide.range(2, 4)) == ";\nCREATE ROLE segment_role")
        #expect(file.text(in: SourceRange(start: .init(line: 9, column: 1), end: .init(line: 9, column: 2))) == nil)
    }
}
