import Foundation
import RunbookCompile
import RunbookDriver
import RunbookEmitters
import RunbookModel
import RunbookSQL
import Testing

/// Golden files of everything `runbook build --verification` writes for runbooks/snowflake-data-graph.md, and
/// the facts a reader relies on: the scripts parse back with the project's own Snowflake grammar, and the
/// guide's password never reaches an output.
@Suite struct SnowflakeGuideOutputTests {
    static let guidePath = "runbooks/snowflake-data-graph.md"
    static let password = "my-safe-password"

    static func compiled() throws -> CompiledRunbook {
        let bytes = try [UInt8](Data(contentsOf: packageRoot.appendingPathComponent(guidePath)))
        return RunbookCompiler(options: CompileOptions(renderHTML: true)).compile(path: guidePath, bytes: bytes)
    }

    static func outputs(plain: Bool = false) throws -> [OutputFile] {
        let compiled = try compiled()
        return Builder.outputs(
            compiled, variants: compiled.variants, dialect: compiled.scriptDialect, html: try HTMLTemplates.builtin,
            // The graphs are Graphviz's drawing: the DOT has golden files, the page's golden file leaves them out.
            plain: plain, verification: true, drawGraphs: false
        ).files
    }

    @Test func theGuideIsASnowflakePageWithOneVariant() throws {
        let compiled = try Self.compiled()
        #expect(compiled.page?.dialect == .snowflake)
        #expect(compiled.scriptDialect == .snowflake)
        #expect(compiled.variants.map(\.slug) == ["default"])
        #expect(compiled.secrets.map(\.variable) == ["segment_connection_password"])
    }

    @Test func scriptsChecklistsVerificationAndPageMatchTheirGoldenFiles() throws {
        let files = try Self.outputs()
        #expect(
            files.map(\.path) == [
                "snowflake-data-graph/default.sql", "snowflake-data-graph/default.checklist.md",
                "snowflake-data-graph/default.verify.sql", "snowflake-data-graph/index.html",
            ])
        for file in files {
            Snapshot.assertMatches(file.contents, named: file.path)
            #expect(!file.contents.contains(Self.password), "the guide's password reached \(file.path)")
        }
        let plain = try Self.outputs(plain: true)[0]
        Snapshot.assertMatches(plain.contents, named: "snowflake-data-graph-plain/default.sql")
        let compiled = try Self.compiled()
        let graph = PrivilegeGraphEmitter.dot(compiled, variants: compiled.variants)
        Snapshot.assertMatches(graph, named: "snowflake-data-graph-graph/default.dot")
        #expect(graph.contains("\"user:SEGMENT_LINKED_USER\" -> \"role:SEGMENT_LINKED_ROLE\""), "\(graph)")
        // The warehouse the role uses, and the page's gap: schemas that exist get USAGE, schemas created later none.
        let warehouse = "\"role:SEGMENT_LINKED_ROLE\" -> \"warehouse SEGMENT_LINKED_WH\" [label=\"USAGE\\nStep 1\"]"
        #expect(graph.contains(warehouse))
        #expect(graph.contains("USAGE on all schemas (existing)\\nStep 2\", style=dashed"))
        #expect(!graph.contains("USAGE on future schemas"))
    }

    @Test func explainMatchesItsGoldenFile() throws {
        let compiled = try Self.compiled()
        let text = ExplainEmitter.text(compiled, variants: compiled.variants)
        Snapshot.assertMatches(text, named: "snowflake-data-graph-explain/default.txt")
        #expect(!text.contains(Self.password))
        #expect(
            text.contains("segment_connection_password: password of segment_connection_password, a SnowSQL variable"))
        #expect(text.contains("Grants, as SHOW GRANTS lists them"))
    }

    /// Without SnowSQL's own commands (`!set`, `!print`), each script is Snowflake SQL the project's grammar reads
    /// with no syntax error, statement for statement: re-run clauses and secrets included.
    @Test(arguments: [false, true])
    func scriptsParseBackWithTheSnowflakeGrammar(plain: Bool) throws {
        // The verification scripts too (`FROM TABLE(RESULT_SCAN(LAST_QUERY_ID()))` after each SHOW GRANTS).
        let scripts = try Self.outputs(plain: plain).filter { $0.path.hasSuffix(".sql") }
        #expect(scripts.contains { $0.path.hasSuffix(".verify.sql") && $0.contents.contains("RESULT_SCAN") })
        for file in scripts {
            let sql = file.contents.split(separator: "\n", omittingEmptySubsequences: false)
                .map { $0.hasPrefix("!") ? "" : String($0) }.joined(separator: "\n")
            let parsed = SQLParser.parse(sql, dialect: .snowflake)
            #expect(parsed.diagnostics.isEmpty, "\(file.path): \(parsed.diagnostics.map(\.message))")
            let invalid = parsed.statements.filter { if case .invalid = $0.kind { true } else { false } }
            #expect(invalid.isEmpty, "\(file.path): \(invalid.map(\.text))")
            if file.path.hasSuffix("default.sql") {
                // Every statement of the guide's steps is in the script, and nothing else.
                let compiled = try Self.compiled()
                let plan = compiled.runbook.plan(for: compiled.variants[0])
                let expected = plan.blocks.reduce(0) { $0 + compiled.blocks[$1.block.index].statements.count }
                #expect(parsed.statements.count == expected)
            }
        }
    }

    @Test func theSetThatHoldsThePasswordReadsTheClientVariable() throws {
        let script = try Self.outputs()[0].contents
        #expect(script.contains("SET segment_connection_password = '&segment_connection_password';"))
        #expect(
            script.contains("-- Run: snowsql -f default.sql -o exit_on_error=true -D segment_connection_password=..."))
        #expect(script.contains("!print (Optional) Step 3: Restrict read-only access to schemas"))
    }

    /// `explain --who`: who can do what through which grant and role chain, names folded as Snowflake folds them.
    @Test func aQuestionIsAnsweredWithTheRoleChain() throws {
        let compiled = try Self.compiled()
        let question = PrivilegeQuestion(
            who: "segment_linked_user", on: "segment_linked_profiles_db", can: "create schema")
        let answers = PrivilegeQuestions.answer(compiled, variants: compiled.variants, question: question)
        #expect(answers.map(\.yes) == [true])
        let text = PrivilegeQuestions.text(answers, question: question)
        #expect(text.contains("SEGMENT_LINKED_USER ← member of SEGMENT_LINKED_ROLE ← GRANT CREATE SCHEMA ON DATABASE"))
        #expect(text.contains("Step 1, line 77"))
    }

    @Test func outputsAreIdenticalAcrossRuns() throws {
        #expect(try Self.outputs() == Self.outputs())
    }
}
