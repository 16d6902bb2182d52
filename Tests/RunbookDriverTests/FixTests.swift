import Foundation
import RunbookDiagnostics
import RunbookDriver
import Testing

/// `runbook fix`: every fix-it of every rule applied to a page that triggers it, and what fix must not do.
@Suite struct FixTests {
    /// A page that triggers `rule` with one fix-it; `site` is the source file that writes that fix-it.
    struct Fixture: CustomTestStringConvertible, Sendable {
        var rule: String
        var site: String
        var applicability: FixIt.Applicability
        var page: String
        /// A text the fixed page must contain.
        var fixed: String

        var testDescription: String { "\(rule) (\(site))" }
    }

    private static func page(_ sql: String) -> String {
        "# Guide\n\n## Step 1: Go\n\n```sql\n\(sql)\n```\n"
    }

    static let fixtures: [Fixture] = [
        Fixture(
            rule: "sql.password-double-quoted", site: "PasswordDoubleQuotedCheck.swift", applicability: .safe,
            page: page("CREATE USER u PASSWORD \"Abcdefg1x\";"), fixed: "PASSWORD 'Abcdefg1x';"),
        Fixture(
            rule: "sql.syntax", site: "SQLParser.swift", applicability: .safe,
            page: page("CREATE ROLE r\nGRANT USAGE ON SCHEMA public TO ROLE r;"), fixed: "CREATE ROLE r;\n"),
        Fixture(
            rule: "sql.syntax", site: "Parser+Table.swift", applicability: .safe,
            page: page("ALTER TABLE t ALTER COLUMN c VARCHAR(10);"), fixed: "ALTER COLUMN c TYPE VARCHAR(10);"),
        Fixture(
            rule: "sql.misspelt-keyword", site: "Parser+Table.swift", applicability: .safe,
            page: page("CREATE TABLE t (a int ENCODE zstdd) DISTSTYLE EVEN;"),
            fixed: "CREATE TABLE t (a int ENCODE zstd) DISTSTYLE EVEN;"),
        Fixture(
            rule: "sql.syntax", site: "Parser+Query.swift", applicability: .safe,
            page: page("SELECT a, FROM t;"), fixed: "SELECT a FROM t;"),
        Fixture(
            rule: "sql.syntax", site: "Parser+Query.swift", applicability: .safe,
            page: page("SELECT a b c FROM t;"), fixed: "SELECT a b, c FROM t;"),
        Fixture(
            rule: "sql.lookalike-character", site: "SQLLexer.swift", applicability: .safe,
            page: page("SELECT\u{00A0}1;"), fixed: "SELECT 1;"),
        Fixture(
            rule: "sql.misspelt-keyword", site: "Parser+Table.swift", applicability: .safe,
            page: page("CREATE MASKING POLICY m WITH (c vrachar(10)) USING (c);"), fixed: "WITH (c varchar(10))"),
        Fixture(
            rule: "sql.unknown-statement", site: "TypoReview.swift", applicability: .safe,
            page: page("SELCT 1;"), fixed: "SELECT 1;"),
        Fixture(
            rule: "sql.unknown-privilege", site: "TypoReview.swift", applicability: .safe,
            page: page("CREATE USER u PASSWORD DISABLE;\nGRANT SELCT ON TABLE t TO u;"), fixed: "GRANT SELECT ON"),
        Fixture(
            rule: "sql.run-together-keywords", site: "TypoReview.swift", applicability: .safe,
            page: page("SELECTsegment_id FROM t;"), fixed: "SELECT segment_id FROM t;"),
        Fixture(
            rule: "sql.quoted-dotted-identifier", site: "QuotedDottedIdentifierCheck.swift", applicability: .safe,
            page: page("CREATE USER u PASSWORD DISABLE;\nGRANT SELECT ON \"s.t\" TO u;"), fixed: "ON \"s\".\"t\" TO"),
        Fixture(
            rule: "sql.grantee-missing-keyword", site: "GranteeMissingKeywordCheck.swift", applicability: .safe,
            page: page("CREATE ROLE r;\nGRANT USAGE ON SCHEMA public TO r;"), fixed: "TO ROLE r;"),
        Fixture(
            rule: "sql.dialect-mismatch", site: "DialectMismatchCheck.swift", applicability: .safe,
            page: page("CREATE ROLE r;\nCREATE USER u PASSWORD DISABLE;\nGRANT r TO u;"), fixed: "GRANT ROLE r TO u;"),
        Fixture(
            rule: "privileges.option-not-allowed", site: "OptionNotAllowedCheck.swift", applicability: .safe,
            page: page("CREATE ROLE r;\nCREATE USER u PASSWORD DISABLE;\nGRANT ROLE r TO u WITH GRANT OPTION;"),
            fixed: "WITH ADMIN OPTION;"),
        Fixture(
            rule: "privileges.option-not-allowed", site: "OptionNotAllowedCheck.swift", applicability: .safe,
            page: page("CREATE ROLE r;\nGRANT USAGE ON SCHEMA public TO ROLE r WITH ADMIN OPTION;"),
            fixed: "WITH GRANT OPTION;"),
        Fixture(
            rule: "sql.alias-like-keyword", site: "AliasLikeKeywordCheck.swift", applicability: .unsafe,
            page: page("SELECT users.id FROM users lfet JOIN orders ON orders.user_id = users.id;"),
            fixed: "FROM users left JOIN orders"),
        Fixture(
            rule: "sql.unknown-qualifier", site: "UnknownQualifierCheck.swift", applicability: .unsafe,
            page: page("SELECT usr.id FROM users usrs;"), fixed: "SELECT usrs.id FROM users usrs;"),
        Fixture(
            rule: "privileges.unknown-principal", site: "PrivilegeCheck.swift", applicability: .unsafe,
            page: page("CREATE ROLE reader;\nGRANT USAGE ON SCHEMA public TO ROLE raeder;"), fixed: "TO ROLE reader;"),
        Fixture(
            rule: "privileges.beyond-claim", site: "BeyondClaimCheck.swift", applicability: .unsafe,
            page: """
                # Test

                ## Roles

                ### Reader role (reader_role)

                - Read and write access to the sales schema (for example, sales)

                ## Setup

                ### Step 1: Grant

                ```sql
                CREATE SCHEMA sales;
                CREATE ROLE reader_role;
                GRANT ALL ON SCHEMA sales TO ROLE reader_role;
                ```

                """, fixed: "GRANT CREATE, USAGE ON SCHEMA sales"),
        Fixture(
            rule: "sql.syntax", site: "Parser+SnowflakeDDL.swift", applicability: .safe,
            page: "---\ndialect: snowflake\n---\n" + page("CREATE ROLE r;\nCREATE USER u DEFAULT_RLE = r;"),
            fixed: "CREATE USER u DEFAULT_ROLE = r;"),
        Fixture(
            rule: "sql.syntax", site: "Parser+SnowflakeGrant.swift", applicability: .safe,
            page: "---\ndialect: snowflake\n---\n" + page("CREATE ROLE r;\nGRANT USAGE ON WAREHOSUE wh TO ROLE r;"),
            fixed: "GRANT USAGE ON WAREHOUSE wh TO ROLE r;"),
        Fixture(
            rule: "config.unknown-dialect", site: "RunbookCompiler.swift", applicability: .safe,
            page: "---\ntitle: Guide\ndialect: postgrse # the engine\n---\n" + page("CREATE ROLE r;"),
            fixed: "dialect: postgres # the engine\n"),
        Fixture(
            rule: "model.annotation-unknown-key", site: "Annotations.swift", applicability: .safe,
            page: "# Guide\n\n## Step 1: Go\n\n<!-- runbook: rle=example -->\n\n```sql\nSELECT 1;\n```\n",
            fixed: "<!-- runbook: role=example -->"),
        Fixture(
            rule: "model.block-outside-step", site: "RunbookBuilder.swift", applicability: .safe,
            page: "# Guide\n\n## Step 1: Go\n\n```sql\nSELECT 1;\n```\n\n## Setp 2: Read\n\n```sql\nSELECT 2;\n```\n",
            fixed: "## Step 2: Read"),
        Fixture(
            rule: "model.single-alternative", site: "RunbookBuilder.swift", applicability: .unsafe,
            page: """
                # Guide

                ## Access Option 1

                Read.

                ## Acess Option 2

                Write.

                ## Step 1: Go

                ```sql
                CREATE ROLE r;
                ```

                """, fixed: "## Access Option 2"),
    ]

    /// A temporary folder with `page` as `guide.md`.
    private func withPage<T>(_ page: String, _ body: (String) throws -> T) throws -> T {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("runbook-fix-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("guide.md").path
        try Data(page.utf8).write(to: URL(fileURLWithPath: path))
        return try body(path)
    }

    private func diagnostics(_ text: String) -> [Diagnostic] {
        RunbookCompiler().compile(path: "guide.md", bytes: Array(text.utf8)).diagnostics
    }

    private func read(_ path: String) throws -> String {
        try String(contentsOfFile: path, encoding: .utf8)
    }

    @Test(arguments: fixtures)
    func everyFixItIsAppliedAndSettlesItsFinding(_ fixture: Fixture) throws {
        let rule = RuleID(rawValue: fixture.rule)
        let before = diagnostics(fixture.page).filter { $0.rule == rule }
        // The fixture triggers its rule with one fix-it of the stated kind.
        let finding = try #require(before.first { $0.fixIts.count == 1 })
        #expect(finding.fixIts[0].applicability == fixture.applicability)
        try withPage(fixture.page) { path in
            let options = Commands.FixOptions(rules: [fixture.rule], unsafe: fixture.applicability == .unsafe)
            let result = Commands.fix([path], options: options)
            #expect(result.stderr.contains("fixed 1 finding"), "\(result.stderr)")
            let fixed = try read(path)
            #expect(fixed.contains(fixture.fixed), "\(fixed)")
            let after = diagnostics(fixed)
            #expect(!after.contains { $0.rule == rule && $0.message == finding.message }, "\(after.map(\.message))")
            #expect(!after.contains { $0.rule.rawValue == "sql.syntax" && fixture.rule != "sql.syntax" })
            #expect(
                after.filter { $0.rule.rawValue == "sql.syntax" }.count
                    <= before.filter { $0.rule.rawValue == "sql.syntax" }.count)
        }
    }

    /// Every source file that writes a fix-it has a fixture here: a new fix-it without one fails.
    @Test func everyFixItSiteHasAFixture() throws {
        let sources = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("Sources")
        let enumerator = try #require(FileManager.default.enumerator(atPath: sources.path))
        var sites = Set<String>()
        for case let relative as String in enumerator where relative.hasSuffix(".swift") {
            let text = try String(contentsOfFile: sources.appendingPathComponent(relative).path, encoding: .utf8)
            // The type's own file and the redaction that copies fix-its do not write new ones.
            let name = (relative as NSString).lastPathComponent
            guard text.contains("FixIt("), !["Diagnostic.swift", "SecretRedaction.swift"].contains(name) else {
                continue
            }
            sites.insert(name)
        }
        #expect(sites == Set(Self.fixtures.map(\.site)))
    }

    @Test func unsafeFixItsWaitForUnsafe() throws {
        let fixture = try #require(Self.fixtures.first { $0.rule == "privileges.unknown-principal" })
        try withPage(fixture.page) { path in
            let result = Commands.fix([path], options: Commands.FixOptions())
            let unchanged = try read(path)
            #expect(unchanged == fixture.page)
            #expect(result.stderr.contains("1 with an unsafe fix (--unsafe applies it)"), "\(result.stderr)")
            #expect(result.exitStatus == ExitStatus.failure)
        }
    }

    @Test func diffWritesNothingAndShowsTheChange() throws {
        let page = Self.page("CREATE ROLE r\nGRANT USAGE ON SCHEMA public TO ROLE r;")
        try withPage(page) { path in
            let result = Commands.fix([path], options: Commands.FixOptions(diff: true))
            let unchanged = try read(path)
            #expect(unchanged == page)
            #expect(result.stdout.contains("-CREATE ROLE r\n+CREATE ROLE r;\n"), "\(result.stdout)")
            #expect(result.exitStatus == ExitStatus.failure)
            #expect(result.stderr.contains("would fix 1 finding in 1 file"))
        }
    }

    @Test func fixesUncoveredByAFixAreAppliedInALaterRound() throws {
        // The missing ';' hides nothing here, but the second statement's typo is only read once the first ends.
        let page = Self.page("CREATE ROLE r\nGRANT USAGE ON SCHEMA public TO r;\nSELCT 1;")
        try withPage(page) { path in
            let result = Commands.fix([path], options: Commands.FixOptions())
            let fixed = try read(path)
            #expect(fixed.contains("CREATE ROLE r;\nGRANT USAGE ON SCHEMA public TO ROLE r;\nSELECT 1;"), "\(fixed)")
            #expect(result.exitStatus == ExitStatus.success, "\(result.stderr)")
        }
    }

    @Test func passwordsAreRestoredInTheFileAndMaskedInTheReport() throws {
        let page = Self.page("CREATE USER u PASSWORD \"Abcdefg1x\";")
        try withPage(page) { path in
            let diff = Commands.fix([path], options: Commands.FixOptions(diff: true))
            #expect(!diff.stdout.contains("Abcdefg1x") && !diff.stderr.contains("Abcdefg1x"))
            #expect(diff.stdout.contains("+CREATE USER u PASSWORD '***';"))
            let result = Commands.fix([path], options: Commands.FixOptions())
            let written = try read(path)
            #expect(written.contains("PASSWORD 'Abcdefg1x';"))
            #expect(!result.stdout.contains("Abcdefg1x") && !result.stderr.contains("Abcdefg1x"))
        }
    }

    @Test func proseIsNotRewrittenBySQLRules() throws {
        // A SQL-looking typo in a paragraph is not in a code block: nothing there is the SQL rules' to edit.
        let page = "# Guide\n\nRun SELCT 1; first.\n\n## Step 1: Go\n\n```sql\nSELCT 1;\n```\n"
        try withPage(page) { path in
            _ = Commands.fix([path], options: Commands.FixOptions())
            let fixed = try read(path)
            #expect(fixed.contains("Run SELCT 1; first."))
            #expect(fixed.contains("```sql\nSELECT 1;\n```"))
        }
    }

    @Test func unknownRuleIsAUsageError() {
        let result = Commands.fix(["missing.md"], options: Commands.FixOptions(rules: ["sql.unknown-statment"]))
        #expect(result.exitStatus == ExitStatus.usage)
        #expect(result.stderr.contains("did you mean 'sql.unknown-statement'?"), "\(result.stderr)")
    }

    @Test func permissionsAreKeptAndNoTemporaryFileIsLeft() throws {
        let page = Self.page("SELCT 1;")
        try withPage(page) { path in
            try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: path)
            _ = Commands.fix([path], options: Commands.FixOptions())
            let attributes = try FileManager.default.attributesOfItem(atPath: path)
            #expect((attributes[.posixPermissions] as? NSNumber)?.intValue == 0o600)
            let folder = (path as NSString).deletingLastPathComponent
            let left = try FileManager.default.contentsOfDirectory(atPath: folder)
            #expect(left == ["guide.md"])
        }
    }

    @Test func aFileThatChangesMeanwhileIsNotWritten() throws {
        let page = Self.page("SELCT 1;")
        try withPage(page) { path in
            let plan = try Commands.planFixes([path], options: Commands.FixOptions()).get()
            let edited = page + "\nA line the writer added.\n"
            try Data(edited.utf8).write(to: URL(fileURLWithPath: path))
            let result = Commands.writeFixes(plan)
            #expect(result.exitStatus == ExitStatus.usage)
            #expect(result.stderr.contains("changed while runbook fix ran; nothing was written"), "\(result.stderr)")
            let now = try read(path)
            #expect(now == edited)
        }
    }
}
