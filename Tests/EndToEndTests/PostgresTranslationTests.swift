import Foundation
import Testing

/// `build --dialect postgres` on Redshift SQL that PostgreSQL only partly has: what cannot be translated is a
/// `sql.no-translation` diagnostic and a comment in the script, what is left out of a statement is a comment in
/// it, and the script runs on the real server.
@Suite(PostgresServer.trait) struct PostgresTranslationTests {
    static let document = """
        # Translation check

        ### Step 1: Create the database

        ```sql
        CREATE DATABASE trx_db CONNECTION LIMIT UNLIMITED;
        ```

        ### Step 2: Users and grants

        1. Switch to the trx_db database.

           ```sql
           CREATE USER trx_user PASSWORD DISABLE SYSLOG ACCESS UNRESTRICTED CONNECTION LIMIT UNLIMITED;
           CREATE ROLE trx_role;
           CREATE GROUP trx_group;
           CREATE SCHEMA trx_schema QUOTA 10 GB;
           CREATE TABLE trx_schema.t1 (id int);
           GRANT ROLE trx_role TO trx_user;
           GRANT SELECT, ALTER, DROP ON trx_schema.t1 TO ROLE trx_role;
           GRANT DROP ON TABLE trx_schema.t1 TO trx_user;
           GRANT USAGE, ALTER ON SCHEMA trx_schema TO GROUP trx_group;
           GRANT USAGE, TEMP ON DATABASE trx_db TO ROLE trx_role;
           GRANT CREATE USER TO ROLE trx_role;
           GRANT SELECT FOR TABLES IN SCHEMA trx_schema DATABASE trx_db TO ROLE trx_role;
           ALTER DEFAULT PRIVILEGES FOR USER trx_user IN SCHEMA trx_schema GRANT EXECUTE ON PROCEDURES TO ROLE trx_role;
           ALTER DEFAULT PRIVILEGES FOR USER trx_user IN SCHEMA trx_schema GRANT SELECT, DROP ON TABLES TO ROLE trx_role;
           CREATE USER trx_super PASSWORD DISABLE CREATEUSER;
           ```
        """

    @Test func untranslatableStatementsAreReportedAndTheRestRuns() throws {
        let server = try PostgresServer.require()
        let folder = try RunbookProcess.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let source = folder.appendingPathComponent("trx.md")
        try Data(Self.document.utf8).write(to: source)
        let build = try RunbookProcess.run([
            "build", source.path, "--out", folder.appendingPathComponent("out").path, "--dialect", "postgres",
        ])
        #expect(build.status == 0, "\(build.stderr)")
        // Statements with no equivalent: a warning each, at the statement's line in the Markdown file.
        for line in [21, 24, 25] {
            #expect(
                build.stderr.contains("trx.md:\(line):4: warning: not in the postgres script:"),
                "line \(line): \(build.stderr)")
        }
        // Statements kept without a clause or privilege PostgreSQL lacks: a warning each too.
        for (line, what) in [
            (14, "SYSLOG ACCESS UNRESTRICTED"), (17, "QUOTA"), (20, "ALTER, DROP"), (22, "ALTER"), (23, "USAGE"),
            (27, "DROP"),
        ] {
            #expect(
                build.stderr.contains("trx.md:\(line):4: warning: not in the postgres script: \(what) dropped: "),
                "line \(line): \(build.stderr)")
        }
        #expect(build.stderr.components(separatedBy: "[sql.no-translation]").count - 1 == 9, "\(build.stderr)")
        let script = try String(contentsOf: folder.appendingPathComponent("out/trx/default.sql"), encoding: .utf8)
        #expect(script.components(separatedBy: "-- runbook: left out:").count - 1 == 3)
        // Partly translated statements say what they lost.
        #expect(
            script.contains(
                "GRANT /* runbook: ALTER, DROP dropped: PostgreSQL has no such privilege on this object */ SELECT ON trx_schema.t1 TO trx_role;"
            ), "\(script)")
        #expect(
            script.contains("CREATE /* runbook: QUOTA dropped: PostgreSQL has no schema quotas */ SCHEMA trx_schema;"))
        #expect(
            script.contains(
                "CREATE /* runbook: SYSLOG ACCESS UNRESTRICTED dropped: PostgreSQL has no such option */ USER trx_user PASSWORD NULL CONNECTION LIMIT -1;"
            ))
        #expect(script.contains("CREATE USER trx_super PASSWORD NULL SUPERUSER;"))
        #expect(
            script.contains(
                "ALTER DEFAULT PRIVILEGES FOR ROLE trx_user IN SCHEMA trx_schema GRANT EXECUTE ON ROUTINES TO trx_role;"
            ))

        let cleanup = """
            DROP DATABASE IF EXISTS trx_db WITH (FORCE);
            DROP ROLE IF EXISTS trx_user;
            DROP ROLE IF EXISTS trx_role;
            DROP ROLE IF EXISTS trx_group;
            DROP ROLE IF EXISTS trx_super;
            """
        try server.query(cleanup)
        defer { _ = try? server.query(cleanup) }
        let run = try server.psql(file: folder.appendingPathComponent("out/trx/default.sql").path)
        #expect(run.status == 0, "\(run.stderr)")
        #expect(
            try server.query(
                """
                SELECT has_table_privilege('trx_user', 'trx_schema.t1', 'SELECT'), has_schema_privilege('trx_group', 'trx_schema', 'USAGE'),
                       has_database_privilege('trx_role', 'trx_db', 'TEMP'), (SELECT rolsuper FROM pg_roles WHERE rolname = 'trx_super'),
                       (SELECT rolcanlogin FROM pg_roles WHERE rolname = 'trx_role')
                """, database: "trx_db") == [["t", "t", "t", "t", "f"]])
    }
}
