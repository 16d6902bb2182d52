// The code paths the fuzz targets drive, shared by Fuzz/ (the `RunbookFuzzHarness` product, the only way a
// package outside this one reaches the stages' `package` API) and the regression suite, so that a committed
// input replays exactly what found it.
import RunbookDiagnostics
import RunbookDriver
import RunbookMarkdown
import RunbookModel
import RunbookSQL

public enum FuzzHarness {
    /// The lexer, parser, block classifier and statement checks, in both dialects.
    public static func sql(_ bytes: [UInt8]) {
        let text = String(decoding: bytes, as: UTF8.self)
        for dialect in SQLDialect.allCases {
            _ = SQLLexer.lex(text, dialect: dialect)
            _ = SQLBlockClassifier.classify(text: text, fenceLanguage: "sql", defaultDialect: dialect)
            let parsed = SQLParser.parse(text, dialect: dialect)
            _ = SQLChecks.run(parsed.statements, context: SQLCheckContext(dialect: dialect))
            if dialect == .redshift {
                for statement in parsed.statements { _ = PostgresTranslator.translate(statement) }
            }
        }
    }

    /// Markdown to model: cmark-gfm, front matter, the runbook builder, every variant and its plan.
    public static func markdown(_ bytes: [UInt8]) {
        var bag = DiagnosticBag()
        let document = MarkdownParser().parse(bytes: bytes, diagnostics: &bag)
        let runbook = RunbookBuilder.build(document, path: "fuzz.md")
        for variant in runbook.variants {
            let plan = runbook.plan(for: variant)
            _ = plan.blocks
        }
    }

    /// Emitting costs variants × document size, which is output volume, not a bug: eight variants of a 64 KB
    /// file in both dialects took 14 s under AddressSanitizer (Tests/Fuzz/regressions/check/timeout-*). Every
    /// variant goes through the same emitter code, so the check target emits two: the first and the last,
    /// which pick different alternatives wherever there is a choice, in one dialect. The markdown target
    /// plans every variant.
    static func emitted(_ variants: [Variant]) -> [Variant] {
        guard let first = variants.first, let last = variants.last, variants.count > 1 else { return variants }
        return [first, last]
    }

    /// What `runbook check` and `runbook build` do with one file: compile, render the diagnostics, and
    /// emit the scripts and checklists of two variants (`emitted`).
    public static func check(_ bytes: [UInt8]) {
        let compiled = RunbookCompiler().compile(path: "fuzz.md", bytes: bytes)
        let report = FileDiagnostics(path: "fuzz.md", lines: compiled.displayLines, diagnostics: compiled.diagnostics)
        _ = DiagnosticFormat.text.renderer(colors: false, toolVersion: "fuzz").render([report], rules: Rule.catalog)
        // One dialect per input, chosen by its length so that a saved input replays the same way.
        let dialect: SQLDialect = bytes.count.isMultiple(of: 2) ? .redshift : .postgres
        _ = Builder.outputs(compiled, variants: emitted(compiled.variants), dialect: dialect)
    }
}
