import Foundation
import RunbookEmitters
import RunbookSQL
import RunbookVerify
import Testing

@testable import RunbookDriver

/// `runbook build` for Snowflake pages: SnowSQL scripts, `--verification`, and what is refused.
@Suite struct SnowflakeBuildTests {
    static let snowflakePage = """
        ---
        title: Snowflake setup
        dialect: snowflake
        ---

        ## Step 1: Create the role

        ```sql
        CREATE ROLE IF NOT EXISTS segment_role;
        ```
        """

    /// With a finding (a hard-coded password), so that the build's report has diagnostics besides its own lines.
    static let redshiftPage = """
        ---
        title: Redshift setup
        ---

        ## Step 1: Create the role

        ```sql
        CREATE ROLE segment_role;
        CREATE USER segment_user PASSWORD 'Literal-Pass-1';
        ```
        """

    /// A folder with the given pages, removed after `body`.
    static func withPages(_ pages: [String: String], _ body: (URL) throws -> Void) throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent(
            "snowflake-build-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        for (name, text) in pages {
            try text.write(to: directory.appendingPathComponent(name), atomically: true, encoding: .utf8)
        }
        try body(directory)
    }

    static func options(
        _ out: URL, verification: Bool = false, dialect: SQLDialect? = nil
    ) -> Commands.BuildCommandOptions {
        var options = Commands.BuildCommandOptions(outputDirectory: out.path, dialect: dialect)
        options.verification = verification
        return options
    }

    @Test func verificationIsWrittenBesideEachSnowflakeScript() throws {
        try Self.withPages(["sf.md": Self.snowflakePage]) { directory in
            let out = directory.appendingPathComponent("out")
            let result = Commands.build(
                [directory.appendingPathComponent("sf.md").path], options: Self.options(out, verification: true))
            #expect(result.exitStatus == ExitStatus.success, "\(result.stderr)")
            let verification = try String(
                contentsOf: out.appendingPathComponent("sf/default.verify.sql"), encoding: .utf8)
            #expect(verification.contains("-- Run: snowsql -f default.verify.sql"))
            #expect(GeneratedFile.state(of: verification) == .generated)
            #expect(result.stdout.contains("sf/default.verify.sql"))
        }
    }

    @Test func withoutTheFlagNoVerificationIsWritten() throws {
        try Self.withPages(["sf.md": Self.snowflakePage]) { directory in
            let out = directory.appendingPathComponent("out")
            _ = Commands.build([directory.appendingPathComponent("sf.md").path], options: Self.options(out))
            #expect(!FileManager.default.fileExists(atPath: out.appendingPathComponent("sf/default.verify.sql").path))
        }
    }

    @Test func verificationOfOnlyRedshiftPagesIsRefused() throws {
        try Self.withPages(["rs.md": Self.redshiftPage]) { directory in
            let out = directory.appendingPathComponent("out")
            let result = Commands.build(
                [directory.appendingPathComponent("rs.md").path], options: Self.options(out, verification: true))
            #expect(result.exitStatus == ExitStatus.usage)
            #expect(
                result.stderr.contains(
                    "--verification writes SHOW GRANTS scripts for Snowflake pages, and these pages are Redshift"))
            #expect(result.stderr.contains("runbook verify FILE"))
            #expect(!FileManager.default.fileExists(atPath: out.path), "nothing is written")
        }
    }

    @Test func aMixedTreeGetsVerificationForItsSnowflakePagesAndALineForTheOthers() throws {
        try Self.withPages(["sf.md": Self.snowflakePage, "rs.md": Self.redshiftPage]) { directory in
            let out = directory.appendingPathComponent("out")
            let result = Commands.build([directory.path], options: Self.options(out, verification: true))
            #expect(result.exitStatus == ExitStatus.success, "\(result.stderr)")
            #expect(result.stderr.contains("[sql.password-literal]"), "the findings are reported too")
            #expect(FileManager.default.fileExists(atPath: out.appendingPathComponent("sf/default.verify.sql").path))
            #expect(!FileManager.default.fileExists(atPath: out.appendingPathComponent("rs/default.verify.sql").path))
            #expect(result.stderr.contains("rs.md: no verification script: the page is Redshift"))
        }
    }

    @Test func snowflakeIsNeitherATranslationTargetNorASource() throws {
        try Self.withPages(["sf.md": Self.snowflakePage, "rs.md": Self.redshiftPage]) { directory in
            let out = directory.appendingPathComponent("out")
            let toSnowflake = Commands.build(
                [directory.appendingPathComponent("rs.md").path], options: Self.options(out, dialect: .snowflake))
            #expect(toSnowflake.exitStatus == ExitStatus.usage)
            #expect(toSnowflake.stderr.contains("does not translate between Redshift and Snowflake"))
        }
    }

    /// `runbook verify` reads a PostgreSQL server: a Snowflake page is refused before any connection, with the way
    /// to check a Snowflake account instead.
    @Test func verifyRefusesASnowflakePage() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent(
            "snowflake-verify-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let page = directory.appendingPathComponent("sf.md")
        try Self.snowflakePage.write(to: page, atomically: true, encoding: .utf8)
        let result = await Commands.verify(
            page.path, options: .init(connection: "postgres://nobody@localhost/none"),
            reader: { _, _, _, _ throws(ConnectionFailure) in throw ConnectionFailure(message: "no connection is made")
            })
        #expect(result.exitStatus == ExitStatus.usage)
        #expect(result.stderr.contains("is a Snowflake page"))
        #expect(result.stderr.contains("--verification"))
        #expect(!result.stderr.contains("no connection is made"))
    }
}
