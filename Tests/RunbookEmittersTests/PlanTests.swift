import Foundation
import RunbookCompile
import RunbookDriver
import RunbookModel
import RunbookSQL
import Testing

@testable import RunbookEmitters

/// The page's plan (`RunbookPlan`): every statement is translated once, there, and every output of a build
/// shows the statements the plan has, in the plan's order.
@Suite struct PlanTests {
    static func guide() throws -> CompiledRunbook {
        let path = "runbooks/redshift-data-graph.md"
        let bytes = try [UInt8](Data(contentsOf: packageRoot.appendingPathComponent(path)))
        return RunbookCompiler(options: CompileOptions(renderHTML: true)).compile(path: path, bytes: bytes)
    }

    @Test func aPostgreSQLPlanTranslatesEachStatementOnceAndARedshiftPlanNone() throws {
        let compiled = try Self.guide()
        let statements = compiled.blocks.map(\.statements.count).reduce(0, +)
        #expect(statements >= 20)
        var translated: [String] = []
        let page = RunbookPlan(compiled, dialect: .postgres) { statement in
            translated.append(statement.text)
            return PostgresTranslator.translate(statement)
        }
        #expect(translated.count == statements)
        #expect(Set(translated).count == Set(compiled.blocks.flatMap(\.statements).map(\.text)).count)
        #expect(page.blocks.flatMap(\.statements).allSatisfy { $0.translation != nil })
        // Each variant's plan holds the page's blocks: nothing in it is translated again.
        #expect(page.variants.count == compiled.variants.count)
        var calls = 0
        let redshift = RunbookPlan(compiled, dialect: .redshift) { statement in
            calls += 1
            return PostgresTranslator.translate(statement)
        }
        #expect(calls == 0)
        #expect(redshift.blocks.flatMap(\.statements).allSatisfy { $0.translation == nil })
    }

    /// The translator is called by the plan alone: no emitter, and nothing else in `Sources/`, names it.
    @Test func onlyThePlanCallsTheTranslator() throws {
        let sources = packageRoot.appendingPathComponent("Sources")
        let files = try #require(FileManager.default.enumerator(atPath: sources.path)).compactMap { $0 as? String }
        let callers = try files.filter { $0.hasSuffix(".swift") }.filter { file in
            try String(contentsOf: sources.appendingPathComponent(file), encoding: .utf8).contains("PostgresTranslator")
        }
        #expect(callers.sorted() == ["RunbookCompile/RunbookPlan.swift", "RunbookSQL/PostgresTranslator.swift"])
    }

    /// Per variant and dialect: the statements of the variant's plan, as a person copies them, are those of
    /// its script, of its checklist and of the page, in the same order.
    @Test(arguments: [SQLDialect.redshift, .postgres])
    func theScriptsTheChecklistsAndThePageShowThePlansStatements(dialect: SQLDialect) throws {
        let compiled = try Self.guide()
        let page = RunbookPlan(compiled, dialect: dialect)
        let (files, _) = Builder.outputs(
            compiled, variants: compiled.variants, dialect: dialect, html: try HTMLTemplates.builtin,
            drawGraphs: false)
        let html = try #require(files.last { $0.path.hasSuffix("index.html") })
        let pageText = Self.text(ofHTML: html.contents)
        let script = ScriptEmitter(dialect: dialect)
        for plan in page.variants {
            let statements = plan.entries.flatMap { entry -> [String] in
                guard case .block(let block, _) = entry else { return [] }
                return script.statementsText(block, compiled: compiled).map(\.text)
            }
            #expect(statements.count > 10)
            for suffix in [".sql", ".checklist.md"] {
                let file = try #require(files.first { $0.path.hasSuffix("/\(plan.variant.slug)\(suffix)") })
                #expect(
                    Self.inOrder(statements, in: file.contents), "\(plan.variant.slug)\(suffix) differs from the plan")
            }
            #expect(statements.allSatisfy { Self.normalised(pageText).contains(Self.normalised($0)) })
        }
    }

    /// Whether every needle occurs in the text after the previous one, lines compared without their indentation.
    static func inOrder(_ needles: [String], in text: String) -> Bool {
        var rest = Substring(normalised(text))
        for needle in needles {
            guard let range = rest.range(of: normalised(needle)) else { return false }
            rest = rest[range.upperBound...]
        }
        return true
    }

    static func normalised(_ text: String) -> String {
        text.split(separator: "\n", omittingEmptySubsequences: false).map { $0.drop { $0 == " " } }
            .joined(separator: "\n")
    }

    /// The page's text: tags removed, the escapes the page writes undone.
    static func text(ofHTML html: String) -> String {
        html.replacing(/<[^<>]*>/, with: "").replacing("&lt;", with: "<").replacing("&gt;", with: ">")
            .replacing("&quot;", with: "\"").replacing("&#39;", with: "'").replacing("&amp;", with: "&")
    }
}
