// The code paths the fuzz targets drive, shared by Fuzz/ (through a symlink in Fuzz/Sources/FuzzHarness)
// and the regression suite, so that a committed input replays exactly what found it.
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

    /// Emitting costs (variants × document size), which is output volume, not a bug: up to
    /// `Runbook.maximumVariants` variants of a 64 KB file take minutes under AddressSanitizer. The check
    /// target emits the first few variants only, which reaches every emitter path.
    public static let emittedVariants = 8

    /// What `runbook check` and `runbook build` do with one file: compile, render the diagnostics, and
    /// emit the first `emittedVariants` variants' scripts and checklists in both dialects.
    public static func check(_ bytes: [UInt8]) {
        let compiled = RunbookCompiler().compile(path: "fuzz.md", bytes: bytes)
        let report = FileDiagnostics(path: "fuzz.md", lines: compiled.displayLines, diagnostics: compiled.diagnostics)
        _ = DiagnosticFormat.text.renderer(colors: false, toolVersion: "fuzz").render([report], rules: Rule.catalog)
        for dialect in SQLDialect.allCases {
            _ = Builder.outputs(compiled, variants: Array(compiled.variants.prefix(emittedVariants)), dialect: dialect)
        }
    }
}
