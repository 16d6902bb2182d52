import Foundation
import RunbookDiagnostics
import RunbookSQL
import RunbookTestSupport
import Testing

import struct RunbookDiagnostics.SourceLocation

/// The SQL of the seed guide (shared/seed/redshift-data-graph-user-access.txt), every block in order.
private let seedBlocks = [
    "--Create new Segment database\nCREATE DATABASE segment_workspace;",
    "--create new Profiles Sync role\nCREATE ROLE segment_profiles_sync_role;",
    "--create new Profiles Sync schema\nCREATE SCHEMA \"profiles_sync\";",
    "--grant Profiles Sync role write access to Profiles Sync schema\n"
        + "GRANT ALL ON SCHEMA profiles_sync TO ROLE segment_profiles_sync_role; ",
    "--create new Linked/Data Graph role\nCREATE ROLE segment_linked_role;",
    "--grant Linked role write access to segment_workspace DATABASE to create __segment_reverse_etl SCHEMA\n"
        + "GRANT CREATE ON DATABASE segment_workspace TO ROLE segment_linked_role;",
    """
    --grant Linked role read access to Profiles Sync SCHEMA
    GRANT USAGE ON SCHEMA "profiles_sync" TO ROLE segment_linked_role;

    -- Grant read access to existing Profiles Sync tables
    GRANT SELECT ON ALL TABLES IN SCHEMA profiles_sync TO ROLE segment_linked_role;

    -- Ensure future Profiles Sync tables also allow read access
    ALTER DEFAULT PRIVILEGES IN SCHEMA profiles_sync
    GRANT SELECT ON TABLES TO ROLE segment_linked_role;
    """,
    "--grant Linked role read access to user entity tables in DATABASE user_database\n"
        + "GRANT USAGE ON SCHEMA devices TO ROLE segment_linked_role;",
    """
    --for access to the full devices SCHEMA
    GRANT SELECT ON ALL TABLES IN SCHEMA devices TO ROLE segment_linked_role; 

    --ensure future user tables also allow read access
    ALTER DEFAULT PRIVILEGES IN SCHEMA devices
    GRANT SELECT ON TABLES TO ROLE segment_linked_role;
    """,
    """
    --for access to select tables in the devices SCHEMA
    GRANT SELECT ON devices.user_devices TO ROLE segment_linked_role;
    GRANT SELECT ON devices.device_locations TO ROLE segment_linked_role; 
    """,
    "--create new USER\nCREATE USER segment_user PASSWORD 'Abc123';",
    """
    --assign both roles to USER
    GRANT ROLE segment_profiles_sync_role TO segment_user; --Assign Profiles Sync Role to user
    GRANT ROLE segment_linked_role TO segment_user; --Assign Linked/Data Graph Role to user
    """,
]

@Suite("Seed guide")
struct SeedGuideTests {
    @Test(arguments: seedBlocks)
    func everyBlockParses(block: String) {
        let statements = parseClean(block)
        #expect(!statements.isEmpty)
        #expect(
            statements.allSatisfy {
                if case .invalid = $0.kind { return false }
                if case .opaque = $0.kind { return false }
                return true
            })
        #expect(
            SQLBlockClassifier.classify(text: block, fenceLanguage: "sql", defaultDialect: .redshift)
                == .sql(.redshift))
    }

    @Test func shortPasswordIsRejectedAndHardCoded() throws {
        let marked = "--create new USER\nCREATE USER segment_user PASSWORD 1️⃣'Abc123';"
        let text = MarkedText(marked)
        expectDiagnostics(
            marked, rules: Set(Rule.sqlRules.map(\.id)),
            expected: [("1️⃣", Rule.sqlPasswordRejected.id), ("1️⃣", Rule.sqlPasswordLiteral.id)])
        let parsed = SQLParser.parse(text.text, dialect: .redshift)
        let rejected = try #require(
            SQLChecks.run(parsed.statements, context: SQLCheckContext(dialect: .redshift))
                .first { $0.rule == Rule.sqlPasswordRejected.id })
        #expect(rejected.message == "Redshift rejects this password: it has 6 characters, and 8 to 64 are required")
    }

    @Test func trailingCommentsStayWithTheirStatement() throws {
        let statements = parseClean(seedBlocks[11])
        #expect(
            statements.map(\.trailingComment) == [
                "--Assign Profiles Sync Role to user", "--Assign Linked/Data Graph Role to user",
            ])
        #expect(statements.first?.leadingComments == ["--assign both roles to USER"])
    }
}

/// A fenced block of a Markdown file, found by a simple line scanner (the real front end is RunbookMarkdown).
struct FencedBlock {
    var file: String
    var line: Int
    var language: String
    var text: String
}

enum Corpus {
    /// The corpus folder: `$RUNBOOK_CORPUS`, else `../shared/corpus` beside the package root.
    static var root: URL {
        if let path = ProcessInfo.processInfo.environment["RUNBOOK_CORPUS"], !path.isEmpty {
            return URL(fileURLWithPath: path)
        }
        let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        return packageRoot.deletingLastPathComponent().appendingPathComponent("shared/corpus")
    }

    static func blocks() throws -> [FencedBlock]? {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: root.path, isDirectory: &isDirectory), isDirectory.boolValue else {
            return nil
        }
        var blocks: [FencedBlock] = []
        let enumerator = FileManager.default.enumerator(at: root, includingPropertiesForKeys: nil)
        while let url = enumerator?.nextObject() as? URL {
            guard url.pathExtension == "md", url.lastPathComponent != "README.md" else { continue }
            let relative = String(url.path.dropFirst(root.path.count + 1))
            blocks += fences(in: try String(contentsOf: url, encoding: .utf8), file: relative)
        }
        return blocks
    }

    static func fences(in markdown: String, file: String) -> [FencedBlock] {
        var blocks: [FencedBlock] = []
        var open: (line: Int, indent: Int, marker: String, language: String)?
        var content: [Substring] = []
        for (index, line) in markdown.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let indent = line.prefix(while: { $0 == " " }).count
            let trimmed = line.dropFirst(indent)
            if let current = open {
                if trimmed.hasPrefix(current.marker),
                    trimmed.drop(while: { $0 == current.marker.first })
                        .allSatisfy(\.isWhitespace)
                {
                    blocks.append(
                        FencedBlock(
                            file: file, line: current.line, language: current.language,
                            text: content.joined(separator: "\n")))
                    open = nil
                } else {
                    let strip = min(current.indent, line.prefix(while: { $0 == " " }).count)
                    content.append(line.dropFirst(strip))
                }
            } else if trimmed.hasPrefix("```") || trimmed.hasPrefix("~~~") {
                let marker = String(trimmed.prefix(3))
                let language = trimmed.dropFirst(3).trimmingCharacters(in: .whitespaces)
                open = (index + 1, indent, marker, language)
                content = []
            }
        }
        return blocks
    }
}

@Suite("Corpus")
struct CorpusTests {
    /// Expected classification per (file suffix, fence line).
    private static let expected: [String: String] = [
        "reverse-etl-source-setup-guides/postgres-setup.md:28": "template",
        "reverse-etl-source-setup-guides/redshift-setup.md:18": "template",
        "reverse-etl-source-setup-guides/redshift-setup.md:44": "notSQL",
        "catalog/redshift/index.md:50": "template",
        "catalog/postgres/index.md:148": "template",
        "catalog/postgres/index.md:156": "notSQL",
        "databricks-setup.md:49": "Databricks", "databricks-setup.md:61": "Databricks",
        "databricks-setup.md:68": "Databricks", "databricks-setup.md:77": "Databricks",
        "databricks-setup.md:92": "Databricks", "databricks-setup.md:118": "Databricks",
        "snowflake-setup.md:29": "Snowflake", "snowflake-setup.md:85": "Snowflake",
        "snowflake-setup.md:110": "Snowflake", "snowflake-setup.md:134": "Snowflake",
        "snowflake-setup.md:166": "Snowflake",
        "data-graph/setup-guides/redshift-setup.md:37": "template",
        "data-graph/setup-guides/redshift-setup.md:53": "redshift",
        "data-graph/setup-guides/redshift-setup.md:68": "redshift",
        "data-graph/setup-guides/redshift-setup.md:79": "redshift",
        "data-graph/setup-guides/redshift-setup.md:86": "template",
        "data-graph/setup-guides/redshift-setup.md:94": "redshift",
        "data-graph/setup-guides/redshift-setup.md:115": "redshift",
    ]

    private func tag(_ classification: BlockClassification) -> String {
        switch classification {
        case .sql(let dialect): dialect.rawValue
        case .template: "template"
        case .otherDialect(let name, _, _): name
        case .notSQL: "notSQL"
        }
    }

    @Test func everyBlockIsClassifiedAndParsesWithoutFalseErrors() throws {
        guard let blocks = try Corpus.blocks() else {
            if ProcessInfo.processInfo.environment["RUNBOOK_REQUIRE_CORPUS"] == "1" {
                Issue.record("RUNBOOK_REQUIRE_CORPUS=1 but there is no corpus at \(Corpus.root.path)")
            } else {
                print("Corpus tests skipped: no corpus at \(Corpus.root.path) (set RUNBOOK_CORPUS)")
            }
            return
        }
        #expect(blocks.count >= Self.expected.count)
        var findings: [String: [Diagnostic]] = [:]
        for block in blocks {
            let dialect: SQLDialect = block.file.contains("postgres") ? .postgres : .redshift
            let classification = SQLBlockClassifier.classify(
                text: block.text, fenceLanguage: block.language,
                defaultDialect: dialect)
            let key = Self.expected.keys.first {
                block.file.hasSuffix($0.split(separator: ":")[0])
                    && $0.hasSuffix(":\(block.line)")
            }
            if let key {
                #expect(tag(classification) == Self.expected[key], "\(block.file):\(block.line)")
            } else {
                Issue.record("unexpected block \(block.file):\(block.line)")
            }
            // Every block, whatever its class, parses in both dialects without a crash.
            for other in SQLDialect.allCases { _ = SQLParser.parse(block.text, dialect: other) }
            switch classification {
            case .sql, .template:
                let parsed = SQLParser.parse(block.text, dialect: dialect)
                for diagnostic in parsed.diagnostics {
                    Issue.record(
                        "\(block.file):\(block.line): false \(diagnostic.rule.rawValue): \(diagnostic.message)")
                }
                findings[block.file, default: []] += SQLChecks.run(
                    parsed.statements,
                    context: SQLCheckContext(dialect: dialect))
            default:
                continue
            }
        }
        let dataGraph = try #require(
            findings.first { $0.key.hasSuffix("unify/data-graph/setup-guides/redshift-setup.md") })
        let rules = dataGraph.value.map(\.rule.rawValue)
        #expect(rules.contains("sql.password-double-quoted"))
        #expect(rules.contains("sql.quoted-dotted-identifier"))
        let dotted = try #require(dataGraph.value.first { $0.rule == Rule.sqlQuotedDottedIdentifier.id })
        #expect(dotted.message.hasPrefix("\"THE_READ_ONLY_DB.A_SCHEMA.SOME_TABLE\""))
        #expect(dotted.fixIts.first?.replacement == "\"THE_READ_ONLY_DB\".\"A_SCHEMA\".\"SOME_TABLE\"")
        // Nothing else is reported on the corpus: placeholders are neither weak nor hard-coded passwords.
        for (file, diagnostics) in findings {
            for diagnostic in diagnostics
            where !["sql.password-double-quoted", "sql.quoted-dotted-identifier"]
                .contains(diagnostic.rule.rawValue)
            {
                Issue.record("\(file): unexpected \(diagnostic.rule.rawValue): \(diagnostic.message)")
            }
        }
    }
}
