package import RunbookCompile
package import RunbookDiagnostics
import RunbookEmitters
package import RunbookSQL

/// One document checked as `runbook check` checks it, from bytes held in memory (an editor's buffer):
/// the same compile options and policy from the governing `runbook.yml`, the same quick path for pages
/// without SQL, and the compiled runbook kept for what an editor asks beyond diagnostics.
package struct DocumentCheck: Sendable {
    /// What `check` reports for the file, the configuration's policy applied.
    package var diagnostics: [Diagnostic]
    /// The whole pipeline's result (model, blocks, simulated privileges), also for pages `check` only scans.
    package var compiled: CompiledRunbook
    /// Masks the passwords the document sets, for any text an editor shows from the compiled runbook.
    package var redaction: SecretRedaction
}

extension Commands {
    /// Checks `bytes` as the file at `path`, governed by `config` (the nearest `runbook.yml`, or nil) and
    /// `policy` (what a command line would add): `checkFile`'s compiler, quick path and policy, with the
    /// compiled runbook kept even for pages `check` only scans.
    package static func checkDocument(
        path: String, bytes: [UInt8], config: RunbookConfig?, policy: DiagnosticPolicy = DiagnosticPolicy(),
        dialect: SQLDialect? = nil, reportUnusedSuppressions: Bool = false
    ) -> DocumentCheck {
        let file = WorkspaceFile(path: path, config: config)
        let compiler = checkCompiler(
            path: path, config: config, dialect: dialect, reportUnusedSuppressions: reportUnusedSuppressions)
        let compiled = compiler.compile(path: path, bytes: bytes)
        let diagnostics =
            if TextDetection.isNotText(bytes) {
                notTextReport(file, policy: policy).diagnostics
            } else if RunbookCompiler.mayContainRunbook(bytes) {
                applyPolicy(policy, to: compiled, config: config)
            } else {
                quickReport(file, bytes: bytes, compiler: compiler, policy: policy).diagnostics
            }
        return DocumentCheck(
            diagnostics: diagnostics, compiled: compiled, redaction: SecretRedaction(blocks: compiled.blocks))
    }
}
