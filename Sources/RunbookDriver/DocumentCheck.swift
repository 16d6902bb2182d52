import RunbookDiagnostics
import RunbookEmitters

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
    /// `policy` (what a command line would add); mirrors `checkFile`.
    package static func checkDocument(
        path: String, bytes: [UInt8], config: RunbookConfig?, policy: DiagnosticPolicy = DiagnosticPolicy()
    ) -> DocumentCheck {
        let compiler = RunbookCompiler(
            options: CompileOptions(dialect: config?.dialect(for: path), parameters: config?.parameters ?? [:]))
        let effectivePolicy = config.map { policy.merged(with: $0.policy) } ?? policy
        let compiled = compiler.compile(path: path, bytes: bytes)
        let found =
            RunbookCompiler.mayContainRunbook(bytes)
            ? compiled.diagnostics : compiler.quickDiagnostics(bytes: bytes).diagnostics
        return DocumentCheck(
            diagnostics: effectivePolicy.apply(found), compiled: compiled,
            redaction: SecretRedaction(blocks: compiled.blocks))
    }
}
