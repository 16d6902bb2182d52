import Foundation
import RunbookDiagnostics
import RunbookSQL
import Testing

/// The folders whose every statement the round-trip test reads: the reference examples, the corpora and the
/// project's own runbooks.
enum RoundTripFolders {
    /// (environment variable, folder beside the package root) of the shared folders.
    static let shared: [(variable: String, folder: String)] = [
        ("RUNBOOK_AWS_EXAMPLES", "aws-redshift-examples"), ("RUNBOOK_SNOWFLAKE_EXAMPLES", "snowflake-sql-examples"),
        ("RUNBOOK_CORPUS", "corpus"), ("RUNBOOK_EXTERNAL_GUIDES", "external-guides"),
        ("RUNBOOK_SNOWFLAKE_GUIDES", "snowflake-guides"),
    ]

    static var packageRoot: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
    }

    static func url(_ variable: String, _ folder: String) -> URL {
        if let path = ProcessInfo.processInfo.environment[variable], !path.isEmpty {
            return URL(fileURLWithPath: path)
        }
        return packageRoot.deletingLastPathComponent().appendingPathComponent("shared/\(folder)")
    }

    /// Whether the shared folders must be there (`RUNBOOK_REQUIRE_CORPUS=1`).
    static var isRequired: Bool { ProcessInfo.processInfo.environment["RUNBOOK_REQUIRE_CORPUS"] == "1" }

    /// The SQL texts of every shared folder and of the project's runbooks, with their folder's name; a folder
    /// without SQL is an issue when the folders are required.
    static func everyText() throws -> [(folder: String, name: String, text: String)] {
        var folders = shared.map { url($0.variable, $0.folder) }
        folders.append(packageRoot.appendingPathComponent("runbooks"))
        var result: [(folder: String, name: String, text: String)] = []
        for folder in folders {
            let texts = try texts(under: folder)
            if texts.isEmpty, isRequired { Issue.record("RUNBOOK_REQUIRE_CORPUS=1 but \(folder.path) holds no SQL") }
            result += texts.map { (folder.lastPathComponent, $0.name, $0.text) }
        }
        return result
    }

    /// The SQL texts under `root`: every fenced block of its Markdown pages and every `.sql` file whole.
    static func texts(under root: URL) throws -> [(name: String, text: String)] {
        guard let walker = FileManager.default.enumerator(at: root, includingPropertiesForKeys: nil) else { return [] }
        var texts: [(String, String)] = []
        while let url = walker.nextObject() as? URL {
            let relative = String(url.path.dropFirst(root.path.count))
            switch url.pathExtension {
            case "md":
                let markdown = try String(contentsOf: url, encoding: .utf8)
                for block in Corpus.fences(in: markdown, file: relative) {
                    texts.append(("\(relative):\(block.line)", block.text))
                }
            case "sql":
                texts.append((relative, try String(contentsOf: url, encoding: .utf8)))
            default:
                continue
            }
        }
        return texts
    }
}

@Suite("Syntax tree")
struct SyntaxTreeTests {
    /// Whether `statement`'s tree gives back its text and its tokens, and its missing tokens are zero width.
    private static func isLossless(_ statement: Statement) -> Bool {
        let leaves = statement.syntax.leaves
        let present = leaves.filter { !$0.isMissing }.map(\.token)
        let missingAreEmpty = leaves.filter(\.isMissing).allSatisfy { $0.token.offsets.isEmpty }
        return present == statement.tokens && statement.syntax.text == statement.text && missingAreEmpty
    }

    /// Every statement of every folder, broken ones included, in each dialect: the tree's present tokens are the
    /// statement's source text byte for byte.
    @Test func everyTreeGivesBackItsStatementsText() throws {
        let required = RoundTripFolders.isRequired
        var statements = 0
        var broken = 0
        for (folder, name, text) in try RoundTripFolders.everyText() {
            for dialect in [SQLDialect.redshift, .snowflake] {
                for statement in SQLParser.parse(text, dialect: dialect).statements {
                    statements += 1
                    if statement.syntax.hasIssues { broken += 1 }
                    if !Self.isLossless(statement) {
                        Issue.record("\(folder)\(name): the tree of '\(statement.text)' loses text")
                    }
                }
            }
        }
        // The project's own runbooks are always there; the shared folders add thousands more.
        #expect(statements > (required ? 3_000 : 20))
        if required { #expect(broken > 0, "the folders hold broken statements; none was read as broken") }
    }

    /// Every AWS example block with one of its tokens taken out or doubled, six ways per block: whatever the
    /// recovery does with it, the trees stay lossless and each finding lies inside the block.
    @Test func brokenExamplesKeepLosslessTrees() throws {
        let root = RoundTripFolders.url("RUNBOOK_AWS_EXAMPLES", "aws-redshift-examples")
        let texts = try RoundTripFolders.texts(under: root)
        if texts.isEmpty, ProcessInfo.processInfo.environment["RUNBOOK_REQUIRE_CORPUS"] == "1" {
            Issue.record("no AWS examples at \(root.path)")
        }
        var broken = 0
        var mutations = 0
        for (number, (name, text)) in texts.enumerated() {
            let tokens = SQLLexer.tokenize(text, dialect: .redshift)
            let significant = tokens.indices.filter { !tokens[$0].isTrivia }
            guard !significant.isEmpty else { continue }
            for way in 0..<6 {
                mutations += 1
                let chosen = significant[(number * 7 + way * 13) % significant.count]
                let mutated = tokens.enumerated().map { position, token in
                    position != chosen ? token.text : (way.isMultiple(of: 2) ? "" : token.text + " " + token.text)
                }.joined()
                let parsed = SQLParser.parse(mutated, dialect: .redshift)
                broken += parsed.diagnostics.isEmpty ? 0 : 1
                for statement in parsed.statements where !Self.isLossless(statement) {
                    Issue.record("\(name): the tree of '\(statement.text)' loses text")
                }
                let lines = mutated.split(separator: "\n", omittingEmptySubsequences: false).count
                for diagnostic in parsed.diagnostics where diagnostic.range.start.line > lines {
                    Issue.record("\(name): \(diagnostic.message) at \(diagnostic.range.start), past the block's end")
                }
            }
        }
        if !texts.isEmpty { #expect(broken > mutations / 4) }
    }

    @Test func aQueryIsATreeOfClauses() {
        let statements = parseClean("SELECT a, b AS c FROM t JOIN u ON t.id = u.id WHERE a > 1 ORDER BY b")
        guard let tree = statements.first?.syntax else { return }
        let kinds = tree.descendants.map(\.kind)
        #expect(kinds.filter { $0 == .selectItem }.count == 2)
        #expect(kinds.contains(.fromClause) && kinds.contains(.join) && kinds.contains(.tableReference))
        #expect(kinds.filter { $0 == .clause }.count == 2)
        #expect(!tree.hasIssues)
    }

    /// A statement that stops parsing keeps the rest as unexpected tokens after a missing token: the tree is
    /// whole, and the error is reported once.
    @Test func aBrokenStatementKeepsItsTokens() {
        let text = "GRANT SELECT ON TABLE t TO ROLE r extra words"
        let parsed = SQLParser.parse(text, dialect: .redshift)
        #expect(parsed.diagnostics.count == 1)
        guard let statement = parsed.statements.first else { return }
        #expect(statement.syntax.text == text)
        #expect(statement.syntax.leaves.contains { $0.isMissing })
        let unexpected = statement.syntax.descendants.filter { $0.kind == .unexpected }
        #expect(unexpected.map { $0.text } == ["extra words"])
    }

    /// Meta-commands and statements with a lexer error are not parsed; their tree holds their tokens flat.
    @Test func anUnparsedStatementIsAFlatTree() {
        let parsed = SQLParser.parse("\\connect dev\nSELECT 'open", dialect: .redshift)
        #expect(parsed.statements.count == 2)
        for statement in parsed.statements {
            #expect(statement.syntax.kind == .unparsedStatement)
            #expect(statement.syntax.text == statement.text)
        }
    }
}
