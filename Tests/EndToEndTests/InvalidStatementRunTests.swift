import Foundation
import RunbookTestSupport
import Testing

/// A script built from a page with a statement that does not parse stops at that statement on the real server,
/// with the finding's position in its message: what ran before it ran, nothing after it did.
@Suite(PostgresServer.trait, .serialized) struct InvalidStatementRunTests {
    static let roles = ["runbook_e2e_invalid_before", "runbook_e2e_invalid_after"]

    static let page = MarkedText(
        """
        # Roles

        ### Step 1: Create the roles

        ```sql
        CREATE ROLE runbook_e2e_invalid_before;
        1️⃣GRNAT SELECT ON ALL TABLES IN SCHEMA public TO ROLE runbook_e2e_invalid_before;
        CREATE ROLE runbook_e2e_invalid_after;
        ```

        """)

    func existingRoles(_ server: PostgresServer) throws -> [String] {
        let names = Self.roles.map { "'\($0)'" }.joined(separator: ", ")
        return try server.query("SELECT rolname FROM pg_roles WHERE rolname IN (\(names)) ORDER BY rolname").map {
            $0[0]
        }
    }

    func dropRoles(_ server: PostgresServer) throws {
        try server.query(Self.roles.map { "DROP ROLE IF EXISTS \($0);" }.joined(separator: "\n"))
    }

    @Test(arguments: [false, true])
    func theScriptStopsAtTheStatementWithItsPosition(plain: Bool) throws {
        let server = try PostgresServer.require()
        let work = try RunbookProcess.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: work) }
        let page = work.appendingPathComponent("roles.md")
        try Data(Self.page.text.utf8).write(to: page)
        let out = work.appendingPathComponent("out")
        let build = try RunbookProcess.run(
            ["build", "roles.md", "--out", out.path, "--dialect", "postgres"] + (plain ? ["--plain"] : []), in: work)
        // The build reports the error and still writes the script, as for any other error.
        #expect(build.status == 1, "\(build.stderr)")
        #expect(build.stderr.contains("[sql.unknown-statement]"))
        let script = out.appendingPathComponent("roles/default.sql")
        #expect(
            try String(contentsOf: script, encoding: .utf8).contains("--   GRNAT SELECT ON ALL TABLES IN SCHEMA public")
        )

        try dropRoles(server)
        defer { try? dropRoles(server) }
        let run = try server.psql(file: script.path)
        let marker = Self.page.location(1)
        let message =
            "runbook: stopped at Step 1: the statement at roles.md:\(marker.line):\(marker.column) does not parse"
        #expect(run.status == 3, "psql stops on the error (ON_ERROR_STOP): \(run.stderr)")
        #expect(run.stderr.contains(message), "\(run.stderr)")
        #expect(run.stderr.contains("invalid input syntax for type integer: \"\(message)"), "\(run.stderr)")
        #expect(try existingRoles(server) == ["runbook_e2e_invalid_before"])
    }
}
