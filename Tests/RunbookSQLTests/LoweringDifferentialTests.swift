import Foundation
import Testing

@testable import RunbookSQL

/// TEMPORARY (deleted once the old direct path is gone): every statement of the shared folders and runbooks/, in
/// each dialect, with its kind and the names it read. `RUNBOOK_KINDS_RECORD=path` writes them (run on the tree
/// before the grammar change); `RUNBOOK_KINDS_BASELINE=path` compares the current parser's with them.
@Suite("Lowering differential")
struct LoweringDifferentialTests {
    @Test func kindsEqualTheOldParsers() throws {
        let environment = ProcessInfo.processInfo.environment
        var lines: [String] = []
        var families: [String: Int] = [:]
        for (folder, name, text) in try RoundTripFolders.everyText() {
            for dialect in [SQLDialect.redshift, .postgres, .snowflake] {
                for (position, statement) in SQLParser.parse(text, dialect: dialect).statements.enumerated() {
                    let kind = String(reflecting: statement.kind).replacing("\n", with: "\\n")
                    let names = String(reflecting: statement.identifiers).replacing("\n", with: "\\n")
                    lines.append("\(folder)\(name)\t\(dialect)\t\(position)\t\(kind)\t\(names)")
                    let family = "\(dialect) " + String(kind.prefix { $0 != "(" })
                    families[family, default: 0] += 1
                }
            }
        }
        if let path = environment["RUNBOOK_KINDS_RECORD"] {
            try lines.joined(separator: "\n").write(toFile: path, atomically: true, encoding: .utf8)
            return
        }
        let path = try #require(environment["RUNBOOK_KINDS_BASELINE"])
        let baseline = try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n").map(String.init)
        #expect(baseline.count == lines.count)
        var differences = 0
        for (old, new) in zip(baseline, lines) where old != new {
            differences += 1
            if differences <= 30 { Issue.record("old: \(old)\nnew: \(new)") }
        }
        #expect(differences == 0)
        print("compared \(lines.count) statements, \(differences) differ")
        for (family, count) in families.sorted(by: { $0.key < $1.key }) { print("  \(family): \(count)") }
    }
}
