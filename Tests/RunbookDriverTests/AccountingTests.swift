import Foundation
import RunbookCompile
import RunbookDiagnostics
import RunbookDriver
import RunbookEmitters
import RunbookModel
import RunbookSQL
import Testing

/// The shared folders of real pages, found through an environment variable with a default beside the package.
enum SharedPages {
    static let packageRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    static func folder(_ variable: String, default name: String) -> URL {
        if let path = ProcessInfo.processInfo.environment[variable], !path.isEmpty { return URL(fileURLWithPath: path) }
        return packageRoot.deletingLastPathComponent().appendingPathComponent("shared/\(name)")
    }

    static var corpus: URL { folder("RUNBOOK_CORPUS", default: "corpus") }
    static var externalGuides: URL { folder("RUNBOOK_EXTERNAL_GUIDES", default: "external-guides") }

    /// Markdown files under `root`, sorted; nil when the folder is missing (a failure under RUNBOOK_REQUIRE_CORPUS=1).
    static func markdownFiles(under root: URL) -> [URL]? {
        guard let enumerator = FileManager.default.enumerator(at: root, includingPropertiesForKeys: nil) else {
            if ProcessInfo.processInfo.environment["RUNBOOK_REQUIRE_CORPUS"] == "1" {
                Issue.record("RUNBOOK_REQUIRE_CORPUS=1 but there is no folder at \(root.path)")
            } else {
                print("skipped: no folder at \(root.path)")
            }
            return nil
        }
        return enumerator.compactMap { $0 as? URL }.filter {
            $0.pathExtension == "md" && $0.lastPathComponent != "README.md"
        }
        .sorted { $0.path < $1.path }
    }

    /// The external guides' dialect per page, from their runbook.yml (`"name.md": postgres` lines).
    static func dialect(of page: URL) -> SQLDialect {
        let config =
            (try? String(
                contentsOf: page.deletingLastPathComponent().appendingPathComponent("runbook.yml"), encoding: .utf8))
            ?? ""
        let line = config.split(separator: "\n").first { $0.contains("\"\(page.lastPathComponent)\":") }
        return line.map { $0.hasSuffix("postgres") ? SQLDialect.postgres : .redshift } ?? .redshift
    }

    static func compile(_ file: URL, dialect: SQLDialect? = nil) throws -> CompiledRunbook {
        let bytes = Array(try Data(contentsOf: file))
        return RunbookCompiler(options: CompileOptions(dialect: dialect)).compile(path: file.path, bytes: bytes)
    }
}

/// Every SQL block of every runbook (the project's own, the test inputs, the corpus, the external guides) is
/// in some variant's plan, or in a section the format defines as not a step, or annotated, or reported.
@Suite struct BlockAccountingTests {
    /// The blocks nobody accounts for, as `file:line` strings.
    static func unaccounted(_ compiled: CompiledRunbook) -> [String] {
        let runbook = compiled.runbook
        let planned = Set(compiled.variants.flatMap { runbook.plan(for: $0).blocks.map(\.block.index) })
        let reportedAt = Set(
            compiled.diagnostics.flatMap { diagnostic in
                [diagnostic.range.start] + diagnostic.notes.compactMap { $0.range?.start }
            })
        let fileWide = compiled.diagnostics.contains { $0.rule == Rule.modelTooManyVariants.id }
        let branchErrors = compiled.diagnostics.filter { $0.rule == Rule.modelUnknownAlternative.id }.map(\.range)
        var missing: [String] = []
        for compiledBlock in compiled.blocks {
            let block = compiledBlock.block
            if case .notSQL = compiledBlock.classification { continue }
            let accounted =
                planned.contains(block.index) || reportedAt.contains(block.range.start) || fileWide
                || block.attributes["role"] != nil
                || (block.role == .example && Runbook.isReferenceSection(block.section))
                || branchErrors.contains { $0.start <= block.range.start && block.range.start <= $0.end }
            if !accounted { missing.append("\(compiled.path):\(block.range.start.line)") }
        }
        return missing
    }

    static func check(_ files: [URL], dialect: (URL) -> SQLDialect?) throws {
        var missing: [String] = []
        for file in files { missing += unaccounted(try SharedPages.compile(file, dialect: dialect(file))) }
        #expect(missing.isEmpty, "blocks neither in a plan nor reported:\n\(missing.joined(separator: "\n"))")
    }

    @Test func projectRunbooksAndTestInputs() throws {
        let roots = ["runbooks", "Tests/Fuzz/regressions"].map { SharedPages.packageRoot.appendingPathComponent($0) }
        let files = roots.flatMap { SharedPages.markdownFiles(under: $0) ?? [] }
        #expect(files.count >= 5)
        try Self.check(files) { _ in nil }
    }

    @Test func corpus() throws {
        guard let files = SharedPages.markdownFiles(under: SharedPages.corpus) else { return }
        #expect(!files.isEmpty)
        try Self.check(files) { _ in nil }
    }

    @Test func externalGuides() throws {
        guard let files = SharedPages.markdownFiles(under: SharedPages.externalGuides) else { return }
        #expect(files.count == 18)
        try Self.check(files, dialect: SharedPages.dialect)
    }

    @Test func aBlockUnderAMisspeltStepIsReportedNotLost() throws {
        let text = "## Step 1: Go\n\n```sql\nCREATE ROLE r;\n```\n\n## Setp 2: Grant\n\n```sql\nGRANT r TO u;\n```\n"
        let compiled = RunbookCompiler().compile(path: "t.md", bytes: Array(text.utf8))
        #expect(Self.unaccounted(compiled).isEmpty)
        #expect(compiled.diagnostics.contains { $0.rule == Rule.modelBlockOutsideStep.id && $0.severity == .warning })
        // Without the diagnostic, the walk would find the block unaccounted for.
        var silenced = compiled
        silenced.diagnostics.removeAll { $0.rule == Rule.modelBlockOutsideStep.id }
        #expect(Self.unaccounted(silenced) == ["t.md:9"])
    }
}

/// The quick pre-scan skips pages that cannot hold SQL without building their model; it must not skip a page
/// whose only SQL is indented code (a plain indented block, or a fence written too little indented in a list).
@Suite struct QuickScanTests {
    static let indentedOnly = """
        # Set up the reader

        1. Create the user:

                CREATE USER reader PASSWORD 'Reader-Secret-2024';

        2. Done.
        """

    @Test func aPageWhoseOnlySQLIsIndentedCodeIsChecked() {
        let bytes = Array(Self.indentedOnly.utf8)
        #expect(RunbookCompiler.mayContainRunbook(bytes))
        let checked = Commands.checkDocument(path: "guide.md", bytes: bytes, config: nil)
        #expect(checked.diagnostics.contains { $0.rule == "sql.password-literal" && $0.range.start.line == 5 })
    }

    @Test func indentedStatementsInQuotesAndPromptsCount() {
        #expect(RunbookCompiler.mayContainRunbook(Array("Text.\n\n>     grant select on t to u;\n".utf8)))
        #expect(RunbookCompiler.mayContainRunbook(Array("Text.\n\n    postgres=> SELECT 1;\n".utf8)))
        #expect(RunbookCompiler.mayContainRunbook(Array("Text.\n\n\tALTER USER u SET x = 1;\n".utf8)))
    }

    @Test func proseAndIndentedShellAreStillSkipped() {
        #expect(!RunbookCompiler.mayContainRunbook(Array("# Guide\n\nSelect the role you created.\n".utf8)))
        #expect(!RunbookCompiler.mayContainRunbook(Array("# Guide\n\n    pip install runbook\n".utf8)))
        // Indented three columns is a paragraph, not code.
        #expect(!RunbookCompiler.mayContainRunbook(Array("# Guide\n\n   Create the user first.\n".utf8)))
        // "Selection" is a word, not SELECT.
        #expect(!RunbookCompiler.mayContainRunbook(Array("1. Pick\n\n    Selection of tables\n".utf8)))
    }
}

/// `explain` lists every block with where it went, and the reading it took where a page is ambiguous.
@Suite struct ExplainPlacementTests {
    static let text = """
        ## Grant

        For local database:

        ```sql
        GRANT r TO local_user;
        ```

        For remote database:

        ```sql
        GRANT r TO remote_user;
        ```

        ## Verify

        ```sql
        SELECT 1;
        ```

        <!-- runbook: role=executable -->
        ```sql
        GRANT r TO checker;
        ```
        """

    @Test func textAndJSONListEveryBlock() throws {
        let compiled = RunbookCompiler().compile(path: "t.md", bytes: Array(Self.text.utf8))
        let text = ExplainEmitter.text(compiled, variants: compiled.variants)
        #expect(
            text.contains(
                """
                Blocks:
                  line 5: runs when grant=local-database
                  line 11: runs when grant=remote-database
                  line 17: example under 'Verify', not run
                  line 22: runs
                """))
        #expect(
            text.contains(
                "reading: lead-ins 'local database:', 'remote database:' read as alternatives of one choice 'grant'"))
        let json = try #require(
            try JSONSerialization.jsonObject(
                with: Data(ExplainEmitter.json(compiled, variants: compiled.variants).utf8))
                as? [String: Any])
        let blocks = try #require(json["blocks"] as? [[String: Any]])
        #expect(blocks.map { $0["line"] as? Int } == [5, 11, 17, 22])
        #expect(blocks.map { $0["role"] as? String } == ["executable", "executable", "example", "executable"])
        // The annotation decides: the block under "Verify" that it marks executable runs in both variants.
        for variant in compiled.variants {
            #expect(compiled.runbook.plan(for: variant).blocks.map(\.block.range.start.line).last == 22)
        }
    }

    /// A block divided by `-- OR --` is listed once per part, each with the way it runs in; a switch that
    /// names a user says so in the plan, in text and in JSON.
    @Test func waysAndUsersAreListed() throws {
        let text = """
            ## Step 1: Go

            As `user1` on `db1`, set the path:

            ```sql
            ALTER ROLE user1 SET search_path TO s1;
            -- OR --
            ALTER DATABASE db1 SET search_path TO s1;
            ```
            """
        let compiled = RunbookCompiler().compile(path: "t.md", bytes: Array(text.utf8))
        let explained = ExplainEmitter.text(compiled, variants: compiled.variants)
        #expect(
            explained.contains(
                """
                Blocks:
                  line 5: runs in step 1 when step-1-or=way-1
                  line 5: runs in step 1 when step-1-or=way-2
                """), "\(explained)")
        #expect(explained.contains("\\connect db1 user1  (As `user1` on `db1`)"), "\(explained)")
        #expect(explained.contains("connection: 'As `user1` on `db1`' → db1 as user1"), "\(explained)")
        let json = try #require(
            try JSONSerialization.jsonObject(
                with: Data(ExplainEmitter.json(compiled, variants: compiled.variants).utf8))
                as? [String: Any])
        let variants = try #require(json["variants"] as? [[String: Any]])
        #expect(variants.count == 2)
        let plan = try #require(variants.first?["plan"] as? [[String: Any]])
        let connect = try #require(plan.first { $0["kind"] as? String == "connect" })
        #expect(connect["connection"] as? String == "db1")
        #expect(connect["user"] as? String == "user1")
    }
}

/// Every finding about a real page carries its bytes in the file, and they are the bytes its lines and columns
/// point at.
@Suite struct DiagnosticOffsetTests {
    @Test func offsetsPointAtTheTextTheRangeCovers() throws {
        var checked = 0
        for root in [SharedPages.corpus, SharedPages.externalGuides] {
            guard let files = SharedPages.markdownFiles(under: root) else { continue }
            for file in files {
                let bytes = Array(try Data(contentsOf: file))
                let compiled = try SharedPages.compile(file, dialect: SharedPages.dialect(of: file))
                let report = FileDiagnostics(
                    path: file.path, source: String(decoding: bytes, as: UTF8.self), diagnostics: [])
                for diagnostic in compiled.diagnostics {
                    let offsets = try #require(diagnostic.offsets, "\(file.lastPathComponent): \(diagnostic.message)")
                    let text = String(decoding: bytes[offsets], as: UTF8.self)
                    // The report joins lines with `\n`; the file may end them with `\r\n`.
                    #expect(text.replacing("\r\n", with: "\n") == report.text(in: diagnostic.range))
                    for fixIt in diagnostic.fixIts {
                        let edit = try #require(fixIt.offsets)
                        #expect(String(decoding: bytes[edit], as: UTF8.self) == report.text(in: fixIt.range))
                    }
                    checked += 1
                }
            }
        }
        if ProcessInfo.processInfo.environment["RUNBOOK_REQUIRE_CORPUS"] == "1" { #expect(checked > 100) }
    }
}
