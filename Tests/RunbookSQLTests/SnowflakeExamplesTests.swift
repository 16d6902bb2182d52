import Foundation
import RunbookDiagnostics
import RunbookSQL
import Testing

/// sqlfluff's Snowflake test inputs for access control and the syntax setup guides use
/// (`../shared/snowflake-sql-examples`, one statement form per line or block, `;`-separated): the syntax
/// reference for the Snowflake grammar, so every statement must parse.
enum SnowflakeExamples {
    /// `$RUNBOOK_SNOWFLAKE_EXAMPLES`, else `../shared/snowflake-sql-examples` beside the package root.
    static var root: URL {
        if let path = ProcessInfo.processInfo.environment["RUNBOOK_SNOWFLAKE_EXAMPLES"], !path.isEmpty {
            return URL(fileURLWithPath: path)
        }
        return SnowflakeFolders.besidePackage("shared/snowflake-sql-examples")
    }

    /// The `.sql` file names, sorted; empty when the folder is missing.
    static let files: [String] = {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: root.path)) ?? []
        return names.filter { $0.hasSuffix(".sql") }.sorted()
    }()
}

/// segment-docs' Snowflake setup pages (`../shared/snowflake-guides`).
enum SnowflakeGuides {
    /// `$RUNBOOK_SNOWFLAKE_GUIDES`, else `../shared/snowflake-guides` beside the package root.
    static var root: URL {
        if let path = ProcessInfo.processInfo.environment["RUNBOOK_SNOWFLAKE_GUIDES"], !path.isEmpty {
            return URL(fileURLWithPath: path)
        }
        return SnowflakeFolders.besidePackage("shared/snowflake-guides")
    }

    /// The Markdown pages under the root (README aside), as paths relative to it, sorted.
    static let pages: [String] = {
        guard let walker = FileManager.default.enumerator(atPath: root.path) else { return [] }
        return walker.compactMap { $0 as? String }.filter { $0.hasSuffix(".md") && $0 != "README.md" }.sorted()
    }()
}

enum SnowflakeFolders {
    /// `relative` resolved against the folder that holds the package root.
    static func besidePackage(_ relative: String) -> URL {
        let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        return packageRoot.deletingLastPathComponent().appendingPathComponent(relative)
    }
}

@Suite("Snowflake examples")
struct SnowflakeExamplesTests {
    /// The folder must be there: a missing folder fails instead of passing with nothing checked.
    @Test func theFolderIsThere() {
        #expect(
            SnowflakeExamples.files.count >= 30,
            "expected sqlfluff's Snowflake examples at \(SnowflakeExamples.root.path) (set RUNBOOK_SNOWFLAKE_EXAMPLES)")
    }

    /// Statements sqlfluff's permissive grammar accepts and Snowflake rejects: `CREATE OR REPLACE … IF NOT
    /// EXISTS` ("options IF NOT EXISTS and OR REPLACE are incompatible"). Each must get exactly that error.
    static let rejected: [String: Set<Int>] = [
        "create_database.sql": [6], "create_role.sql": [3], "create_table.sql": [196, 200],
    ]

    /// A typo in the examples themselves, which sqlfluff's permissive grammar lets through: the comma missing
    /// between DATEADD's second and third arguments (`PARSE_JSON($1):EVENT_TIME '1970-01-01'`; the next line
    /// writes it). By file: the statement's first line, the finding's line and its message.
    static let typos: [String: (statement: Int, line: Int, message: String)] = [
        "semi_structured_4.sql": (1, 5, "expected ',' or ')' in the arguments, found ''1970-01-01''")
    ]

    /// Every statement of every file parses with the Snowflake dialect: no diagnostic, no invalid statement,
    /// except the ones Snowflake rejects, which get their error, and the examples' own typo, which gets its
    /// finding. Each failure names its file and line.
    @Test func everyStatementParses() throws {
        var statements = 0
        var failures: [String] = []
        var rejectedFound: [String: Set<Int>] = [:]
        var typosFound: Set<String> = []
        for file in SnowflakeExamples.files {
            let text = try String(contentsOf: SnowflakeExamples.root.appendingPathComponent(file), encoding: .utf8)
            let parsed = SQLParser.parse(text, dialect: .snowflake)
            statements += parsed.statements.count
            let rejected = Self.rejected[file] ?? []
            let typo = Self.typos[file]
            for statement in parsed.statements
            where !rejected.contains(statement.range.start.line) && typo?.statement != statement.range.start.line {
                if case .invalid(let keyword) = statement.kind {
                    failures.append("\(file):\(statement.range.start.line): \(keyword) is not parsed")
                }
            }
            for diagnostic in parsed.diagnostics {
                if rejected.contains(diagnostic.range.start.line), diagnostic.rule == Rule.sqlSyntax.id,
                    diagnostic.message.hasPrefix("Snowflake rejects OR REPLACE together with IF NOT EXISTS")
                {
                    rejectedFound[file, default: []].insert(diagnostic.range.start.line)
                    continue
                }
                if let typo, typo.line == diagnostic.range.start.line, diagnostic.message == typo.message {
                    typosFound.insert(file)
                    continue
                }
                failures.append(
                    "\(file):\(diagnostic.range.start.line):\(diagnostic.range.start.column): "
                        + "\(diagnostic.rule.rawValue): \(diagnostic.message)")
            }
        }
        for failure in failures { Issue.record(Comment(rawValue: failure)) }
        #expect(rejectedFound == Self.rejected)
        #expect(typosFound == Set(Self.typos.keys))
        print("Snowflake examples: \(statements - failures.count) of \(statements) statements parse")
        // The files hold 389 statements (one per `;`, and the files without one): none lost to a split gone wrong.
        #expect(statements == 389)
    }
}

@Suite("Snowflake guides")
struct SnowflakeGuideBlockTests {
    @Test func theFolderIsThere() {
        #expect(
            SnowflakeGuides.pages.count == 3,
            "expected segment-docs' three Snowflake pages at \(SnowflakeGuides.root.path) (set RUNBOOK_SNOWFLAKE_GUIDES)"
        )
    }

    /// In a Snowflake page, a Snowflake block is SQL to check, not another engine's: every `sql` block of the
    /// three pages is classified as Snowflake SQL.
    @Test func everySQLBlockIsSnowflakeSQL() throws {
        for page in SnowflakeGuides.pages {
            let markdown = try String(contentsOf: SnowflakeGuides.root.appendingPathComponent(page), encoding: .utf8)
            for block in Corpus.fences(in: markdown, file: page) where block.language == "sql" {
                let classification = SQLBlockClassifier.classify(
                    text: block.text, fenceLanguage: block.language, defaultDialect: .snowflake)
                #expect(classification == .sql(.snowflake), "\(page):\(block.line): \(classification)")
            }
        }
    }

    /// Every `sql` block of the three pages parses with the Snowflake dialect, with no diagnostic.
    @Test func everySQLBlockParses() throws {
        var blocks = 0
        var statements = 0
        for page in SnowflakeGuides.pages {
            let markdown = try String(contentsOf: SnowflakeGuides.root.appendingPathComponent(page), encoding: .utf8)
            for block in Corpus.fences(in: markdown, file: page) where block.language == "sql" {
                blocks += 1
                let parsed = SQLParser.parse(block.text, dialect: .snowflake)
                statements += parsed.statements.count
                for statement in parsed.statements {
                    if case .invalid(let keyword) = statement.kind {
                        Issue.record("\(page):\(block.line + statement.range.start.line): \(keyword) is not parsed")
                    }
                }
                for diagnostic in parsed.diagnostics {
                    let line = block.line + diagnostic.range.start.line
                    Issue.record("\(page):\(line): \(diagnostic.rule.rawValue): \(diagnostic.message)")
                }
            }
        }
        print("Snowflake guides: \(blocks) sql blocks, \(statements) statements")
        #expect(statements == 67)
        #expect(blocks == 15)
    }
}

@Suite("Snowflake guides: trees")
struct SnowflakeGuideTreeTests {
    /// One line per statement: its kind and, for grants, what and to whom.
    static func summary(_ kind: StatementKind) -> String {
        func name(_ identifier: Identifier?) -> String {
            guard let identifier else { return "-" }
            return identifier.variable.map { "$" + $0 } ?? identifier.value
        }
        func object(_ object: ObjectName) -> String { object.parts.map { name($0) }.joined(separator: ".") }
        switch kind {
        case .setVariables(let list): return "SET " + list.map(\.name.value).joined(separator: ",")
        case .use(let use): return "USE \(use.kind.rawValue) \(use.name.map(object) ?? "-")"
        case .createRole(let role): return "CREATE ROLE \(name(role.name))"
        case .createUser(let user): return "CREATE USER \(name(user.name))"
        case .createDatabase(let database): return "CREATE DATABASE \(name(database.name))"
        case .createWarehouse(let warehouse): return "CREATE WAREHOUSE \(name(warehouse.name))"
        case .grant(let grant):
            let target: String
            switch grant.target {
            case .objects(let kind, let names, _):
                target = "\(kind.rawValue) " + names.map(object).joined(separator: ",")
            case .allInSchema(let kind, let schemas): target = "all \(kind.rawValue) in schema \(object(schemas[0]))"
            case .allInDatabase(let kind, let database): target = "all \(kind.rawValue) in database \(object(database))"
            case .future(let kind, let schema, let database, _):
                target =
                    "future \(kind.rawValue) in " + (schema.map { "schema " + object($0) } ?? "")
                    + (database.map { "database " + object($0) } ?? "")
            case .roles(let roles): target = "role " + roles.map { name($0.name) }.joined(separator: ",")
            default: target = "\(grant.target)"
            }
            let privileges: String
            switch grant.privileges {
            case .all: privileges = "ALL"
            case .list(let list): privileges = list.map(\.name).joined(separator: ",")
            }
            let grantees = grant.grantees.map { "\($0.kind.rawValue) \(name($0.name))" }.joined(separator: ",")
            return "GRANT \(privileges) ON \(target) TO \(grantees)"
        case .show(let subject): return "SHOW \(subject)"
        case .select(let query): return "SELECT from " + query.reads.map(object).joined(separator: ",")
        default: return "\(kind)"
        }
    }

    /// The Data Graph page, statement by statement, as the model will read it.
    @Test func dataGraphGuide() throws {
        let page = "segment-docs/src/unify/data-graph/setup-guides/snowflake-setup.md"
        let markdown = try String(contentsOf: SnowflakeGuides.root.appendingPathComponent(page), encoding: .utf8)
        let blocks = Corpus.fences(in: markdown, file: page).filter { $0.language == "sql" }
        let lines = blocks.flatMap { block in
            SQLParser.parse(block.text, dialect: .snowflake).statements.map { Self.summary($0.kind) }
        }
        let role = "role $SEGMENT_CONNECTION_ROLE"
        #expect(
            Array(lines.prefix(16)) == [
                "SET SEGMENT_CONNECTION_USERNAME", "SET SEGMENT_CONNECTION_PASSWORD",
                "SET SEGMENT_CONNECTION_WAREHOUSE",
                "SET SEGMENT_CONNECTION_ROLE", "SET SEGMENT_CONNECTION_DB", "USE role ACCOUNTADMIN",
                "CREATE ROLE $SEGMENT_CONNECTION_ROLE", "CREATE USER $SEGMENT_CONNECTION_USERNAME",
                "GRANT USAGE ON warehouse $SEGMENT_CONNECTION_WAREHOUSE TO \(role)",
                "GRANT  ON role $SEGMENT_CONNECTION_ROLE TO user $SEGMENT_CONNECTION_USERNAME",
                "CREATE DATABASE $SEGMENT_CONNECTION_DB",
                "GRANT USAGE ON database $SEGMENT_CONNECTION_DB TO \(role)",
                "GRANT USAGE ON all schema in database $SEGMENT_CONNECTION_DB TO \(role)",
                "GRANT CREATE SCHEMA ON database $SEGMENT_CONNECTION_DB TO \(role)",
                "SET SEGMENT_CONNECTION_ROLE", "SET LINKED_READ_ONLY_DATABASE",
            ])
        #expect(
            lines.contains("GRANT SELECT ON future external table in database $LINKED_READ_ONLY_DATABASE TO \(role)"))
        #expect(lines.contains("GRANT SELECT ON all materialized view in schema $LINKED_READ_ONLY_DATABASE TO \(role)"))
        #expect(lines.contains("USE database $LINKED_READ_ONLY_DATABASE"))
        #expect(lines.contains("SELECT from $TABLE_NAME"))
        #expect(lines.contains("SET RETL_SCHEMA"))
        #expect(lines.contains("GRANT SELECT,INSERT,UPDATE,DELETE ON all table in schema $RETL_SCHEMA TO \(role)"))
        // 14 + 12 + 13 + 7 + 4 statements in the five blocks.
        #expect(lines.count == 50)
    }
}
