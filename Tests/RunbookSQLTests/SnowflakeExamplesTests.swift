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

    /// Every statement of every file parses with the Snowflake dialect: no diagnostic, no invalid statement.
    /// Each failure names its file and line.
    @Test func everyStatementParses() throws {
        var statements = 0
        var failures: [String] = []
        for file in SnowflakeExamples.files {
            let text = try String(contentsOf: SnowflakeExamples.root.appendingPathComponent(file), encoding: .utf8)
            let parsed = SQLParser.parse(text, dialect: .snowflake)
            statements += parsed.statements.count
            for statement in parsed.statements {
                if case .invalid(let keyword) = statement.kind {
                    failures.append("\(file):\(statement.range.start.line): \(keyword) is not parsed")
                }
            }
            for diagnostic in parsed.diagnostics {
                failures.append(
                    "\(file):\(diagnostic.range.start.line):\(diagnostic.range.start.column): "
                        + "\(diagnostic.rule.rawValue): \(diagnostic.message)")
            }
        }
        for failure in failures { Issue.record(Comment(rawValue: failure)) }
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
            "expected segment-docs' three Snowflake pages at \(SnowflakeGuides.root.path) (set RUNBOOK_SNOWFLAKE_GUIDES)")
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
        #expect(blocks == 15)
    }
}
