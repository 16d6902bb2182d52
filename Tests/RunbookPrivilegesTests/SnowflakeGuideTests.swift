import Foundation
import RunbookDiagnostics
import RunbookModel
import RunbookPrivileges
import RunbookSQL
import Testing

/// segment-docs' Snowflake pages (`RUNBOOK_SNOWFLAKE_GUIDES`, default `../shared/snowflake-guides`), run through
/// the Snowflake model: every finding read by hand and listed here, none of them false
/// (docs/privileges.md, "Defects in the Snowflake pages").
@Suite struct SnowflakeGuideTests {
    static let root: URL = {
        let environment = ProcessInfo.processInfo.environment["RUNBOOK_SNOWFLAKE_GUIDES"]
        return environment.map(URL.init(fileURLWithPath:))
            ?? GuideTests.packageRoot.deletingLastPathComponent().appendingPathComponent("shared/snowflake-guides")
    }()

    static let dataGraph = "segment-docs/src/unify/data-graph/setup-guides/snowflake-setup.md"
    static let reverseETL =
        "segment-docs/src/connections/reverse-etl/reverse-etl-source-setup-guides/snowflake-setup.md"
    static let destination = "segment-docs/src/connections/storage/catalog/snowflake/index.md"

    /// The page compiled with every SQL block parsed as Snowflake, or nil when the pages are not there.
    static func compiled(_ page: String) throws -> Compiled? {
        let url = root.appendingPathComponent(page)
        guard FileManager.default.fileExists(atPath: url.path) else {
            if ProcessInfo.processInfo.environment["RUNBOOK_REQUIRE_CORPUS"] == "1" {
                Issue.record("RUNBOOK_REQUIRE_CORPUS=1 but \(url.path) is missing")
            }
            return nil
        }
        return Compiled(try String(contentsOf: url, encoding: .utf8), path: page, dialect: .snowflake)
    }

    /// `line:column severity [rule] message`, every finding but the assumed-object notes.
    static func findings(_ page: String) throws -> [String]? {
        guard let compiled = try compiled(page) else { return nil }
        return compiled.analyze(.snowflake).diagnostics.filter { $0.rule != Rule.privilegesAssumedObject.id }.map {
            "\($0.range.start) \($0.severity.rawValue) [\($0.rule.rawValue)] \($0.message)"
        }
    }

    /// The Data Graph guide: the password user the page itself rules out, schemas created later that the future
    /// table grants cannot reach, Step 3's use of Step 2's variable (a database name where a schema belongs), and
    /// Step 4's query without a warehouse.
    @Test func dataGraphFindings() throws {
        guard let found = try Self.findings(Self.dataGraph) else { return }
        #expect(
            found == [
                "63:1 warning [snowflake.password-despite-key-pair] SEGMENT_LINKED_USER is created with a password, but the page says only key-pair sign-in is supported",
                "94:1 warning [snowflake.on-all-without-future] ON ALL SCHEMAS IN MARKETING_DB covers only what exists now, and SEGMENT_LINKED_ROLE gets no ON FUTURE SCHEMAS there, although it grants SELECT ON FUTURE TABLES in MARKETING_DB (Step 2, line 96)",
                "121:37 error [snowflake.database-schema-mismatch] $LINKED_READ_ONLY_DATABASE holds 'MARKETING_DB', a database, where a schema is expected",
                "121:37 error [snowflake.unset-variable] $LINKED_READ_ONLY_DATABASE is not set in this session: it is set in Step 2, a session of its own",
                "142:1 warning [privileges.missing-usage] this query needs a warehouse: SEGMENT_LINKED_ROLE lacks a current warehouse (SEGMENT_LINKED_USER has no DEFAULT_WAREHOUSE and the step runs no USE WAREHOUSE)",
            ])
        let report = try #require(try Self.compiled(Self.dataGraph)).analyze(.snowflake)
        let unset = try #require(report.diagnostics.first { $0.rule == Rule.snowflakeUnsetVariable.id })
        #expect(unset.notes.map(\.message).contains("5 more statements of this session use it"))
        // What the role can do at the end: the warehouse, the bookkeeping database, the read-only database.
        let rows = try #require(report.results["default"]?.grantRows)
        #expect(
            rows.contains(
                GrantRow(
                    privilege: "USAGE", grantedOn: "WAREHOUSE", name: "SEGMENT_LINKED_WH", grantedTo: "ROLE",
                    granteeName: "SEGMENT_LINKED_ROLE")))
        #expect(
            rows.contains(
                GrantRow(
                    privilege: "USAGE", grantedOn: "ROLE", name: "SEGMENT_LINKED_ROLE", grantedTo: "USER",
                    granteeName: "SEGMENT_LINKED_USER")))
        #expect(
            rows.contains(
                GrantRow(
                    privilege: "SELECT", grantedOn: "TABLE", name: "MARKETING_DB", grantedTo: "ROLE",
                    granteeName: "SEGMENT_LINKED_ROLE", isFuture: true)))
        #expect(
            rows.contains(
                GrantRow(
                    privilege: "CREATE SCHEMA", grantedOn: "DATABASE", name: "SEGMENT_LINKED_PROFILES_DB",
                    grantedTo: "ROLE", granteeName: "SEGMENT_LINKED_ROLE")))
    }

    /// Reverse ETL: Step 5 grants CREATE TABLE on a schema by a bare name in a new session, and the schema does not
    /// exist anyway (Segment creates it on its first sync, owning it through CREATE SCHEMA).
    @Test func reverseETLFindings() throws {
        guard let found = try Self.findings(Self.reverseETL) else { return }
        #expect(
            found == [
                "56:33 error [snowflake.no-current-database] '__SEGMENT_REVERSE_ETL' needs a current database, and this session has none"
            ])
        let report = try #require(try Self.compiled(Self.reverseETL)).analyze(.snowflake)
        let note = report.diagnostics.first?.notes.first?.message
        #expect(note?.contains("__SEGMENT_REVERSE_ETL does not exist in SEGMENT_REVERSE_ETL at this point") == true)
    }

    @Test func destinationHasNoFindings() throws {
        guard let found = try Self.findings(Self.destination) else { return }
        #expect(found == [])
    }

    /// Every SQL block of the three pages parses and is simulated: no block is left unchecked.
    @Test func everyBlockIsSimulated() throws {
        for page in [Self.dataGraph, Self.reverseETL, Self.destination] {
            guard let compiled = try Self.compiled(page) else { continue }
            for case .block(let block) in compiled.runbook.items where block.language == "sql" {
                let statements = compiled.statements.statements(of: block)
                #expect(!statements.isEmpty, "\(page): block \(block.index) has no statements")
                for statement in statements {
                    if case .invalid(let keyword) = statement.kind {
                        Issue.record("\(page): block \(block.index) has an invalid \(keyword) statement")
                    }
                }
            }
        }
    }

    /// The cost of simulating a Snowflake page against a Redshift page (the transcribed source guide), printed
    /// for docs/performance.md; the bound is loose, the benchmark holds the real one.
    @Test func costAgainstARedshiftPage() throws {
        guard let snowflake = try Self.compiled(Self.dataGraph) else { return }
        let redshift = try GuideTests.guide()
        let rounds = 20
        let clock = ContinuousClock()
        let snowflakeTime = clock.measure { for _ in 0..<rounds { _ = snowflake.analyze(.snowflake) } }
        let redshiftTime = clock.measure { for _ in 0..<rounds { _ = redshift.analyze(.redshift) } }
        let perVariant = redshiftTime / (rounds * max(1, redshift.runbook.variants.count))
        print(
            "privilege analysis per page: Snowflake Data Graph \(snowflakeTime / rounds), Redshift Data Graph \(redshiftTime / rounds) (\(redshift.runbook.variants.count) variants, \(perVariant) per variant)"
        )
        #expect(snowflakeTime < redshiftTime * 3)
    }
}
