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

    /// What `runbook check` and `runbook build` do with one file: compile, render the diagnostics, and
    /// emit every variant's script and checklist.
    public static func check(_ bytes: [UInt8]) {
        let compiled = RunbookCompiler().compile(path: "fuzz.md", bytes: bytes)
        let report = FileDiagnostics(path: "fuzz.md", lines: compiled.displayLines, diagnostics: compiled.diagnostics)
        _ = DiagnosticFormat.text.renderer(colors: false, toolVersion: "fuzz").render([report], rules: Rule.catalog)
        for dialect in SQLDialect.allCases {
            _ = Builder.outputs(compiled, variants: compiled.variants, dialect: dialect)
        }
    }
}
