import Foundation
import RunbookDiagnostics
import RunbookDriver
import RunbookEmitters
import RunbookSQL
import Testing

/// segment-docs' Snowflake pages (../shared/snowflake-guides, or RUNBOOK_SNOWFLAKE_GUIDES): checked as Snowflake
/// with every SQL block read by the Snowflake grammar, and exactly the findings judged real, each with why (the
/// list is docs/privileges.md's). A finding not listed fails the test, and so does a listed one that is gone.
@Suite struct SnowflakeGuideTests {
    static let folder: URL = {
        let environment = ProcessInfo.processInfo.environment
        if let path = environment["RUNBOOK_SNOWFLAKE_GUIDES"], !path.isEmpty { return URL(fileURLWithPath: path) }
        return URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("shared/snowflake-guides")
    }()

    /// A finding as `line rule`, warnings and errors only.
    struct Finding: Hashable, CustomStringConvertible, Sendable {
        var line: Int
        var rule: String
        var description: String { "\(line) \(rule)" }
    }

    struct Page: Sendable, CustomStringConvertible {
        var path: String
        var blocks: Int
        var findings: [Finding]
        var description: String { path }
    }

    static func findings(_ pairs: [(Int, String)]) -> [Finding] { pairs.map { Finding(line: $0.0, rule: $0.1) } }

    static let pages: [Page] = [
        Page(
            path: "segment-docs/src/unify/data-graph/setup-guides/snowflake-setup.md", blocks: 5,
            findings: findings(
                [
                    // The user gets a password, while Step 5 says Snowflake only supports key-pair sign-in.
                    (63, "snowflake.password-despite-key-pair"),
                    // USAGE ON ALL SCHEMAS without ON FUTURE SCHEMAS: the future-table grants of Step 2 give
                    // nothing in a schema created later, which the role cannot use.
                    (94, "snowflake.on-all-without-future"),
                    // Step 3 uses $linked_read_only_database, set only in Step 2: unset in Step 3's worksheet, and
                    // in the same session a database name where IN SCHEMA expects a schema (reported once, at the
                    // first of the six statements that use it).
                    (121, "snowflake.database-schema-mismatch"), (121, "snowflake.unset-variable"),
                    // Step 4's SELECT runs with no warehouse: the user has no DEFAULT_WAREHOUSE and the step runs
                    // no USE WAREHOUSE.
                    (142, "privileges.missing-usage"),
                    // The Reverse ETL block is under a heading that is not a step: no script runs it.
                    (166, "model.block-outside-step"),
                ])),
        Page(
            path: "segment-docs/src/connections/reverse-etl/reverse-etl-source-setup-guides/snowflake-setup.md",
            blocks: 4,
            findings: findings([
                // GRANT CREATE TABLE ON SCHEMA __segment_reverse_etl in Step 5: unqualified, and Step 5's session
                // has no current database (CREATE DATABASE made it current in Step 3's session only).
                (56, "snowflake.no-current-database")
            ])),
        Page(path: "segment-docs/src/connections/storage/catalog/snowflake/index.md", blocks: 6, findings: []),
    ]

    @Test func theFolderIsThere() {
        #expect(
            FileManager.default.fileExists(atPath: Self.folder.path),
            "no Snowflake guides at \(Self.folder.path): set RUNBOOK_SNOWFLAKE_GUIDES")
    }

    @Test(arguments: pages)
    func checkedAsSnowflakeWithOnlyRealFindings(page: Page) throws {
        let url = Self.folder.appendingPathComponent(page.path)
        let bytes = try [UInt8](Data(contentsOf: url))
        let compiled = RunbookCompiler().compile(path: page.path, bytes: bytes)
        #expect(compiled.page?.dialect == .snowflake)
        #expect(compiled.page?.isSkipped == false)
        // Every SQL block is read by the Snowflake grammar: none is skipped, none has a syntax error.
        // (An untagged block that is not SQL, the warehouse page's snowsql command line, is not counted.)
        let sqlBlocks = compiled.blocks.filter {
            !$0.block.language.isEmpty && SQLBlockClassifier.isSQLFence($0.block.language)
        }
        #expect(sqlBlocks.count == page.blocks)
        for block in sqlBlocks {
            #expect(
                block.classification == .sql(.snowflake),
                "line \(block.block.range.start.line): \(block.classification)")
            #expect(!block.statements.isEmpty)
            #expect(!block.statements.contains { if case .invalid = $0.kind { true } else { false } })
        }
        #expect(!compiled.diagnostics.contains { $0.rule == Rule.blockNotChecked.id || $0.rule == Rule.sqlSyntax.id })
        let found = compiled.diagnostics.filter { $0.severity != .note }.map {
            Finding(line: $0.range.start.line, rule: $0.rule.rawValue)
        }
        #expect(
            found.sorted { ($0.line, $0.rule) < ($1.line, $1.rule) }
                == page.findings.sorted { ($0.line, $0.rule) < ($1.line, $1.rule) })
    }

    /// Each page builds SnowSQL scripts and verification scripts that never carry a password of the page.
    @Test(arguments: pages)
    func buildsForSnowSQL(page: Page) throws {
        let bytes = try [UInt8](Data(contentsOf: Self.folder.appendingPathComponent(page.path)))
        let compiled = RunbookCompiler().compile(path: page.path, bytes: bytes)
        let files = Builder.outputs(
            compiled, variants: compiled.variants, dialect: compiled.scriptDialect, verification: true
        ).files
        #expect(files.filter { $0.path.hasSuffix(".verify.sql") }.count == compiled.variants.count)
        for file in files where file.path.hasSuffix(".sql") && !file.path.hasSuffix(".verify.sql") {
            #expect(file.contents.contains("!set variable_substitution=true"))
            #expect(!file.contents.contains("my-safe-password"))
        }
    }
}
