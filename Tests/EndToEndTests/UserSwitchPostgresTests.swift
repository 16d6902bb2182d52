import Foundation
import Testing

/// Connection switches that name a user, and ways inside one block, on the real server: the script logs in as
/// the user the guide names (`\connect db user`), goes back to whoever started it, runs one way per variant,
/// and can be run again.
@Suite(.serialized, PostgresServer.trait) struct UserSwitchPostgresTests {
    static let guide = """
        ---
        dialect: postgres
        ---

        # Switch users

        ## Step 1: Create the database and the user

        ```sql
        CREATE DATABASE s5b_switch_db;
        CREATE USER s5b_switch_user PASSWORD :'s5b_switch_user_password';
        ```

        ## Step 2: Let the user create tables

        Connect to `s5b_switch_db`:

        ```sql
        CREATE SCHEMA app;
        GRANT USAGE, CREATE ON SCHEMA app TO s5b_switch_user;
        ```

        ## Step 3: Create tables

        As `s5b_switch_user` on `s5b_switch_db`, create the user's table:

        ```sql
        CREATE TABLE app.own (a int);
        ```

        Run the following as the superuser on s5b_switch_db:

        ```sql
        CREATE TABLE app.shared (a int);
        GRANT pg_read_all_data TO s5b_switch_user;
        -- or, on PostgreSQL 13 and earlier:
        GRANT SELECT ON ALL TABLES IN SCHEMA app TO s5b_switch_user;
        ```

        """

    static let reset = """
        DROP DATABASE IF EXISTS s5b_switch_db WITH (FORCE);
        DROP ROLE IF EXISTS s5b_switch_user;
        """
    static let slugs = ["step-3-or-way-1", "step-3-or-way-2"]
    static let variables = ["s5b_switch_user_password": "Switch-Test-42"]

    static let built: Result<URL, PostgresGuideTests.BuildFailed> = {
        do {
            let folder = try RunbookProcess.temporaryDirectory()
            let file = folder.appendingPathComponent("switch-users.md")
            try Data(guide.utf8).write(to: file)
            let out = folder.appendingPathComponent("out")
            let result = try RunbookProcess.run(["build", file.path, "--out", out.path])
            guard result.status == 0 else { return .failure(.init(message: result.stdout + result.stderr)) }
            return .success(out.appendingPathComponent("switch-users"))
        } catch {
            return .failure(.init(message: "\(error)"))
        }
    }()

    @Test func oneScriptPerWay() throws {
        let folder = try Self.built.get()
        let scripts = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".sql") }
        #expect(scripts.sorted() == Self.slugs.map { "\($0).sql" })
    }

    @Test(arguments: slugs)
    func theUserOwnsWhatItCreatesAndASecondRunChangesNothing(slug: String) throws {
        let server = try PostgresServer.require()
        try server.query(Self.reset)
        defer { _ = try? server.query(Self.reset) }
        let script = try Self.built.get().appendingPathComponent("\(slug).sql").path
        let first = try server.psql(file: script, variables: Self.variables)
        try #require(first.status == 0, "\(first.stderr)")
        let owners = try server.query(
            "SELECT c.relname || ' ' || pg_get_userbyid(c.relowner) FROM pg_class c JOIN pg_namespace n "
                + "ON n.oid = c.relnamespace WHERE n.nspname = 'app' AND c.relkind = 'r' ORDER BY 1",
            database: "s5b_switch_db"
        ).map { $0[0] }
        let administrator = try server.query("SELECT current_user").first?.first ?? ""
        #expect(owners == ["own s5b_switch_user", "shared \(administrator)"])
        // Each way gives the user read access its own way.
        let member = try server.query(
            "SELECT pg_has_role('s5b_switch_user', 'pg_read_all_data', 'MEMBER')::text"
        ).first?.first
        let granted = try server.query(
            "SELECT has_table_privilege('s5b_switch_user', 'app.shared', 'SELECT')::text", database: "s5b_switch_db"
        ).first?.first
        #expect(member == (slug == Self.slugs[0] ? "true" : "false"))
        #expect(granted == "true")

        let second = try server.psql(file: script, variables: Self.variables)
        #expect(second.status == 0, "\(second.stderr)")
        #expect(second.stdout.contains("table app.own already exists, skipped"), "\(second.stdout)")
    }
}
