import Foundation
import RunbookDiagnostics
import Testing

@testable import RunbookSQL

@Suite("Lowering")
struct LoweringTests {
    /// Every GRANT, REVOKE and ALTER DEFAULT PRIVILEGES of every shared folder and of the project's runbooks, in
    /// Redshift and PostgreSQL: lowering the statement's tree gives the kind the parser functions returned.
    @Test func loweredPrivilegeKindsEqualTheParsersKinds() throws {
        var folders = RoundTripFolders.shared.map { RoundTripFolders.url($0.variable, $0.folder) }
        folders.append(RoundTripFolders.packageRoot.appendingPathComponent("runbooks"))
        let required = ProcessInfo.processInfo.environment["RUNBOOK_REQUIRE_CORPUS"] == "1"
        var compared = 0
        for folder in folders {
            let texts = try RoundTripFolders.texts(under: folder)
            if texts.isEmpty, required { Issue.record("RUNBOOK_REQUIRE_CORPUS=1 but \(folder.path) holds no SQL") }
            for (name, text) in texts {
                for dialect in [SQLDialect.redshift, .postgres] {
                    for statement in SQLParser.parse(text, dialect: dialect).statements {
                        switch statement.kind {
                        case .grant, .revoke, .alterDefaultPrivileges, .createUser, .createRole, .alterUser, .alterRole,
                            .createGroup, .alterGroup, .createSchema, .alterSchema, .createDatabase, .alterDatabase,
                            .drop:
                            break
                        default: continue
                        }
                        compared += 1
                        let lowered = Lowering(dialect: dialect).kind(of: statement.syntax)
                        if lowered != statement.kind {
                            let place = "\(folder.lastPathComponent)\(name) (\(dialect))"
                            Issue.record(
                                "\(place): '\(statement.text)' lowers to \(String(describing: lowered)), the parser gave \(statement.kind)"
                            )
                        }
                    }
                }
            }
        }
        #expect(compared > (required ? 400 : 10))
    }
}
