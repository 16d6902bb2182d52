import Foundation
import Testing

/// Parameters and documents cannot add statements or psql commands to a script: run such scripts on the
/// real server and check that nothing else happened.
@Suite(.serialized, PostgresServer.trait) struct InjectionTests {
    static let runbook = """
        ## Step 1: Create the app objects (for example, app_schema)

        ```sql
        CREATE SCHEMA app_schema;
        CREATE TABLE app_schema.accounts (id int);
        ```

        ## Step 2: More

        ```sql
        \\! touch MARKER_META
        /* \\! touch MARKER_COMMENT */
        -- \\! touch MARKER_LINE
        CREATE ROLE app_reader;
        GRANT USAGE ON SCHEMA app_schema TO app_reader;
        ```

        ## Step 3: Last

        ```sql
        SELECT 'a\\' \\! touch MARKER_STRING
        ;
        ```
        """

    /// A script's own `\echo '…'`: one single-quoted argument, every quote inside doubled, so nothing can end it.
    func isProgressLine(_ line: Substring) -> Bool {
        guard line.hasPrefix("\\echo '"), line.hasSuffix("'"), line.count >= 8 else { return false }
        let inner = line.dropFirst(7).dropLast()
        return inner.replacingOccurrences(of: "''", with: "").contains("'") == false
    }

    @Test func hostileParametersAndBlocksAreInert() throws {
        let server = try PostgresServer.require()
        let work = try RunbookProcess.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: work) }
        let markers = ["MARKER_STRING", "MARKER_META", "MARKER_COMMENT", "MARKER_LINE", "MARKER_PARAM"]
            .map { work.appendingPathComponent($0).path }
        var text = Self.runbook
        for (name, path) in zip(["MARKER_STRING", "MARKER_META", "MARKER_COMMENT", "MARKER_LINE"], markers) {
            text = text.replacingOccurrences(of: name, with: path)
        }
        let source = work.appendingPathComponent("app.md")
        try Data(text.utf8).write(to: source)

        // A value meant to end the identifier and add a statement and a shell command.
        let hostile = "x\"; DROP TABLE canary.keep; \\! touch \(markers[4]) ; --"
        let database = "injection_\(UInt32.random(in: 0..<UInt32.max))"
        try server.query("CREATE DATABASE \(database)")
        defer { _ = try? server.query("DROP DATABASE IF EXISTS \(database) WITH (FORCE)") }
        try server.query(
            "CREATE SCHEMA canary; CREATE TABLE canary.keep (id int); INSERT INTO canary.keep VALUES (42)",
            database: database)

        let out = work.appendingPathComponent("out")
        let build = try RunbookProcess.run([
            "build", source.path, "--out", out.path, "--dialect", "postgres", "--set", "app_schema=\(hostile)",
        ])
        // Status 1: the grant to app_reader without ROLE is an error in Redshift, the page's dialect; written anyway.
        #expect(build.status == 1, "\(build.stderr)")
        #expect(build.stderr.contains("[script.not-copied]"))
        let script = out.appendingPathComponent("app/default.sql")
        let scriptText = try String(contentsOf: script, encoding: .utf8)
        for line in scriptText.split(separator: "\n") where line.hasPrefix("\\") {
            #expect(
                line.hasPrefix("\\set ") || line.hasPrefix("\\if") || line.hasPrefix("\\else")
                    || line.hasPrefix("\\endif") || line.hasPrefix("\\warn") || line.hasPrefix("\\connect")
                    || isProgressLine(line), "unexpected meta-command: \(line)")
        }

        // Roles are cluster-wide: make this run's role name unique, then run the script for real.
        let reader = "app_reader_\(database)"
        let unique = scriptText.replacingOccurrences(of: "app_reader", with: reader)
        let runScript = work.appendingPathComponent("run.sql")
        try Data(unique.utf8).write(to: runScript)
        defer {
            // Only when the run got as far as creating it.
            if (try? server.query("SELECT 1 FROM pg_roles WHERE rolname = '\(reader)'")) == [["1"]] {
                _ = try? server.query("DROP OWNED BY \(reader) CASCADE; DROP ROLE \(reader)", database: database)
            }
        }
        let result = try server.psql(database: database, file: runScript.path)
        // Read as Redshift reads it, Step 3's `'a\' \! touch …` is a string that never ends: the statement
        // does not parse, so the script stops there, with the position, and never sends it. Steps 1 and 2 ran.
        #expect(result.status == 3, "\(result.stderr)")
        #expect(result.stderr.contains("runbook: stopped at Step 3"), "\(result.stderr)")
        #expect(result.stderr.contains("does not parse (sql.unterminated)"), "\(result.stderr)")
        #expect(try server.query("SELECT count(*) FROM pg_roles WHERE rolname = '\(reader)'") == [["1"]])

        // Nothing else happened: the canary is intact, the schema has exactly the hostile name, no file appeared.
        #expect(try server.query("SELECT id FROM canary.keep", database: database) == [["42"]])
        let schemas = try server.query(
            "SELECT nspname FROM pg_namespace WHERE nspname LIKE 'x%' ORDER BY 1", database: database)
        // PostgreSQL keeps the first 63 bytes of a name (NAMEDATALEN): the whole value became one name.
        #expect(schemas == [[String(decoding: hostile.utf8.prefix(63), as: UTF8.self)]])
        let tables = try server.query(
            "SELECT count(*) FROM pg_tables WHERE schemaname NOT IN ('pg_catalog', 'information_schema')",
            database: database)
        #expect(tables == [["2"]])
        for marker in markers {
            #expect(!FileManager.default.fileExists(atPath: marker), "\(marker) was created: a command ran")
        }
    }

    @Test func controlCharactersInParametersAreRefused() throws {
        let result = try RunbookProcess.run([
            "build", "runbooks/redshift-data-graph.md", "--out", "/tmp/never", "--set", "devices=a\n\\! touch /tmp/x",
        ])
        #expect(result.status == 2)
        #expect(result.stderr.contains("control character"))
    }
}
