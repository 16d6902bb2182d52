import Foundation
import Testing

/// `verify` without `--variant`, connections as psql users have them, and the repair round trip, on the
/// throwaway server. Part of `PostgresGuideTests`: the guide's roles are cluster-wide.
extension PostgresGuideTests {
    static let allVariants = [fullSchema, specificTables] + singleDatabaseVariants

    /// The user data as Permissions Option 2 assumes it: in the Segment database, which the script itself
    /// creates. The script runs up to the first statement that needs the schema, the customer's tables appear,
    /// and the rest of the script runs, as a person following that option would have it.
    static let segmentDatabaseTables = """
        CREATE SCHEMA devices;
        CREATE TABLE devices.user_devices (id int);
        CREATE TABLE devices.device_locations (id int);
        CREATE TABLE devices.other_table (id int);
        """

    /// Any of the four variants, built as its reader would have it.
    static func build(_ slug: String, server: PostgresServer) throws {
        guard singleDatabaseVariants.contains(slug) else {
            let run = try setUp(slug, server: server)
            try #require(run.status == 0, "psql failed: \(run.stderr)")
            return
        }
        try server.query(fixture)
        let text = try String(contentsOf: try script(slug), encoding: .utf8)
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let grantLine = try #require(
            markdownLine(containing: "GRANT USAGE ON SCHEMA devices TO ROLE segment_linked_role;"))
        // Option 2's USAGE grant is the second one in the guide.
        let optionTwoLine = try #require(
            (try String(contentsOf: RunbookProcess.packageRoot.appendingPathComponent(guide), encoding: .utf8))
                .split(separator: "\n", omittingEmptySubsequences: false).enumerated()
                .filter { $0.element.contains("GRANT USAGE ON SCHEMA devices TO ROLE segment_linked_role;") }
                .map { $0.offset + 1 }.last)
        #expect(optionTwoLine > grantLine)
        let split = try #require(lines.firstIndex { $0.hasPrefix("-- Step") && $0.hasSuffix("line \(optionTwoLine)") })
        let rest = ["\\set ON_ERROR_STOP on", "\\connect segment_workspace"] + lines[split...]
        lines.removeSubrange(split...)
        let directory = try RunbookProcess.temporaryDirectory()
        let first = directory.appendingPathComponent("first.sql")
        let second = directory.appendingPathComponent("second.sql")
        try lines.joined(separator: "\n").write(to: first, atomically: true, encoding: .utf8)
        try rest.joined(separator: "\n").write(to: second, atomically: true, encoding: .utf8)
        let variables = ["segment_user_password": password]
        let one = try server.psql(file: first.path, variables: variables)
        try #require(one.status == 0, "first half: \(one.stderr)")
        try server.query(segmentDatabaseTables, database: "segment_workspace")
        let two = try server.psql(file: second.path, variables: variables)
        try #require(two.status == 0, "second half: \(two.stderr)")
    }

    @Test(arguments: allVariants)
    func eachVariantIsRecognisedWithoutBeingNamed(slug: String) throws {
        let server = try PostgresServer.require()
        try Self.build(slug, server: server)
        let result = try RunbookProcess.run([
            "verify", Self.guide, "--database-url", server.url(database: "segment_workspace"),
        ])
        #expect(result.status == 0, "\(result.stdout)\n\(result.stderr)")
        #expect(result.stdout.contains("best match: variant \(slug): matches;"), "\(result.stdout)")
        #expect(result.stdout.contains("  1. \(slug): 0 differences"), "\(result.stdout)")
        // Every other variant is further away, and named in the ranking.
        for other in Self.allVariants where other != slug {
            #expect(result.stdout.contains(". \(other): "), "\(result.stdout)")
            #expect(!result.stdout.contains(". \(other): 0 differences"), "\(result.stdout)")
        }
        let json = try RunbookProcess.run([
            "verify", Self.guide, "--database-url", server.url(database: "segment_workspace"), "--format", "json",
        ])
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        let verify = try #require(object["verify"] as? [String: Any])
        #expect(verify["variant"] as? String == slug && verify["matches"] as? Bool == true)
        #expect((verify["ranking"] as? [[String: Any]])?.count == 4)
    }

    @Test func theBestMatchNamesWhatIsMissingAndExitsOneOnDrift() throws {
        let server = try PostgresServer.require()
        try Self.build(Self.specificTables, server: server)
        try server.query(
            "REVOKE SELECT ON devices.device_locations FROM segment_linked_role", database: "user_database")
        let result = try RunbookProcess.run([
            "verify", Self.guide, "--database-url", server.url(database: "segment_workspace"),
        ])
        #expect(result.status == 1, "\(result.stdout)\n\(result.stderr)")
        #expect(
            result.stdout.contains("best match: variant \(Self.specificTables): does not match"), "\(result.stdout)")
        #expect(
            result.stdout.contains(
                "segment_linked_role lacks SELECT on table user_database.devices.device_locations, which the runbook "
                    + "gives through segment_linked_role ← GRANT SELECT ON devices.device_locations, Step 3.4.2"),
            "\(result.stdout)")
    }

    /// Breaks the database in several ways, writes the repair, runs it with psql: verify then matches.
    @Test(arguments: allVariants)
    func theRepairScriptClosesEveryGap(slug: String) throws {
        let server = try PostgresServer.require()
        try Self.build(slug, server: server)
        let userData = Self.singleDatabaseVariants.contains(slug) ? "segment_workspace" : "user_database"
        let url = server.url(database: "segment_workspace")
        let directory = try RunbookProcess.temporaryDirectory()
        let repair = directory.appendingPathComponent("repair.sql").path

        // A revoked grant, an extra grant, a missing default privilege.
        try server.query("REVOKE SELECT ON devices.user_devices FROM segment_linked_role", database: userData)
        try server.query("GRANT INSERT ON devices.other_table TO segment_user", database: userData)
        try server.query(
            "ALTER DEFAULT PRIVILEGES IN SCHEMA profiles_sync REVOKE SELECT ON TABLES FROM segment_linked_role",
            database: "segment_workspace")
        let graph = directory.appendingPathComponent("drift.dot").path
        let broken = try RunbookProcess.run([
            "verify", Self.guide, "--database-url", url, "--variant", slug, "--repair", repair, "--graph", graph,
        ])
        #expect(broken.status == 1, "\(broken.stdout)\n\(broken.stderr)")
        #expect(
            broken.stdout.contains("verify: wrote the drift graph \(graph) for variant \(slug)"), "\(broken.stdout)")
        // The drift drawn: the revoked grant dashed red at the role, the extra one bold orange, the default
        // privilege missing; what is as promised (the role's USAGE) plain.
        let drift = try String(contentsOfFile: graph, encoding: .utf8)
        let missing = try #require(
            drift.split(separator: "\n").first {
                $0.contains("\"principal:segment_linked_role\" -> \"table \(userData).devices.user_devices\"")
            }, "\(drift)")
        #expect(missing.contains("label=\"missing: SELECT") && missing.contains("style=dashed"), "\(missing)")
        let extra = try #require(
            drift.split(separator: "\n").first {
                $0.contains("\"principal:segment_user\" -> \"table \(userData).devices.other_table\"")
            }, "\(drift)")
        #expect(extra.contains("label=\"extra: INSERT\"") && extra.contains("style=bold"), "\(extra)")
        #expect(drift.contains("missing: SELECT on tables created later"), "\(drift)")
        #expect(
            drift.contains(
                "\"principal:segment_linked_role\" -> \"schema \(userData).devices\" [label=\"USAGE"), "\(drift)")
        #expect(!drift.contains(Self.password))
        // The same drift as SVG, drawn by Graphviz (the set-up installs it) and inert like the page's graphs.
        let svg = directory.appendingPathComponent("drift.svg").path
        let drawn = try RunbookProcess.run([
            "verify", Self.guide, "--database-url", url, "--variant", slug, "--graph", svg,
        ])
        #expect(drawn.status == 1, "\(drawn.stderr)")
        let picture = try String(contentsOfFile: svg, encoding: .utf8)
        #expect(picture.hasPrefix("<svg") && picture.contains("missing: SELECT") && !picture.contains("<script"))
        // Without dot, asking for an SVG is refused before anything is written: no repair script either.
        let refusedRepair = directory.appendingPathComponent("refused.sql").path
        let refusedGraph = directory.appendingPathComponent("refused.svg").path
        let refused = try RunbookProcess.run(
            [
                "verify", Self.guide, "--database-url", url, "--variant", slug, "--repair", refusedRepair,
                "--graph", refusedGraph,
            ], environment: ["RUNBOOK_DOT": "none"])
        #expect(refused.status == 2 && refused.stderr.contains("Graphviz's dot was not found"), "\(refused.stderr)")
        #expect(!FileManager.default.fileExists(atPath: refusedRepair))
        #expect(!FileManager.default.fileExists(atPath: refusedGraph))
        #expect(broken.stdout.contains("[verify.missing-default-privilege]"), "\(broken.stdout)")
        #expect(broken.stdout.contains("[verify.extra-privilege]"), "\(broken.stdout)")
        let script = try String(contentsOfFile: repair, encoding: .utf8)
        #expect(script.contains("GRANT SELECT ON TABLE devices.user_devices TO segment_linked_role;"), "\(script)")
        #expect(script.contains("\n-- REVOKE INSERT ON TABLE devices.other_table FROM segment_user;"), "\(script)")
        #expect(
            script.contains(
                "ALTER DEFAULT PRIVILEGES IN SCHEMA profiles_sync GRANT SELECT ON TABLES TO segment_linked_role;"))
        // Without --revoke-extra the extra grant stays, and verify still says so.
        let run = try server.psql(file: repair)
        #expect(run.status == 0, "\(run.stderr)")
        let stillExtra = try RunbookProcess.run(["verify", Self.guide, "--database-url", url, "--variant", slug])
        #expect(stillExtra.status == 1 && stillExtra.stdout.contains("holds INSERT on table"), "\(stillExtra.stdout)")
        #expect(!stillExtra.stdout.contains("lacks"), "\(stillExtra.stdout)")

        let revoke = try RunbookProcess.run([
            "verify", Self.guide, "--database-url", url, "--variant", slug, "--repair", repair, "--revoke-extra",
        ])
        #expect(revoke.status == 1)
        #expect(try server.psql(file: repair).status == 0)
        let repaired = try RunbookProcess.run(["verify", Self.guide, "--database-url", url, "--variant", slug])
        #expect(repaired.status == 0, "\(repaired.stdout)\n\(repaired.stderr)")

        // A dropped role: the role, its membership, its grants and its default privileges come back.
        for database in ["segment_workspace", "user_database"] {
            try server.query("DROP OWNED BY segment_linked_role", database: database)
        }
        try server.query("DROP ROLE segment_linked_role")
        let dropped = try RunbookProcess.run([
            "verify", Self.guide, "--database-url", url, "--variant", slug, "--repair", repair,
        ])
        #expect(dropped.status == 1)
        #expect(dropped.stdout.contains("'segment_linked_role' does not exist on the server"), "\(dropped.stdout)")
        let roleScript = try String(contentsOfFile: repair, encoding: .utf8)
        let create = try #require(roleScript.range(of: "CREATE ROLE segment_linked_role;"))
        let member = try #require(roleScript.range(of: "GRANT segment_linked_role TO segment_user;"))
        let usage = try #require(roleScript.range(of: "GRANT USAGE ON SCHEMA devices TO segment_linked_role;"))
        let select = try #require(roleScript.range(of: "ON TABLE devices.user_devices TO segment_linked_role;"))
        #expect(create.lowerBound < member.lowerBound && member.lowerBound < usage.lowerBound)
        #expect(usage.lowerBound < select.lowerBound, "USAGE before SELECT")
        #expect(try server.psql(file: repair).status == 0)
        // Run twice: the guards make the second run a no-op that succeeds.
        #expect(try server.psql(file: repair).status == 0)
        let back = try RunbookProcess.run(["verify", Self.guide, "--database-url", url, "--variant", slug])
        #expect(back.status == 0, "\(back.stdout)\n\(back.stderr)")
    }

    @Test func aDroppedUserComesBackWithThePasswordVariable() throws {
        let server = try PostgresServer.require()
        try Self.build(Self.fullSchema, server: server)
        try server.query("DROP OWNED BY segment_user; DROP ROLE segment_user", database: "segment_workspace")
        let repair = try RunbookProcess.temporaryDirectory().appendingPathComponent("user.sql").path
        let url = server.url(database: "segment_workspace")
        let drift = try RunbookProcess.run([
            "verify", Self.guide, "--database-url", url, "--variant", Self.fullSchema, "--repair", repair,
        ])
        #expect(drift.status == 1)
        let script = try String(contentsOfFile: repair, encoding: .utf8)
        #expect(script.contains("CREATE USER segment_user PASSWORD :'segment_user_password';"), "\(script)")
        #expect(!script.contains(Self.password) && !script.contains("Abc123"))
        // Without the password the script stops before changing anything.
        #expect(try server.psql(file: repair).status == 3)
        #expect(try server.query("SELECT count(*) FROM pg_roles WHERE rolname = 'segment_user'") == [["0"]])
        #expect(try server.psql(file: repair, variables: ["segment_user_password": Self.password]).status == 0)
        let back = try RunbookProcess.run(["verify", Self.guide, "--database-url", url, "--variant", Self.fullSchema])
        #expect(back.status == 0, "\(back.stdout)")
    }

    @Test func connectionsAsPsqlUsersHaveThem() throws {
        let server = try PostgresServer.require()
        try Self.build(Self.fullSchema, server: server)
        let base = ["verify", Self.guide, "--variant", Self.fullSchema]
        // Nothing on the command line: PGHOST (the socket's folder), PGPORT, PGUSER, PGDATABASE.
        let variables = try RunbookProcess.run(
            base,
            environment: [
                "PGHOST": server.host, "PGPORT": server.port, "PGUSER": server.user, "PGDATABASE": "user_database",
            ])
        #expect(variables.status == 0, "\(variables.stdout)\n\(variables.stderr)")
        #expect(variables.stdout.contains("postgres://\(server.user)@/user_database?host=\(server.host)"))
        // A libpq connection string wins over the variables.
        let conninfo = try RunbookProcess.run(
            base + [
                "--database-url",
                "host=\(server.host) port=\(server.port) user=\(server.user) dbname=segment_workspace",
            ],
            environment: ["PGHOST": "/nonexistent", "PGDATABASE": "nowhere"])
        #expect(conninfo.status == 0, "\(conninfo.stdout)\n\(conninfo.stderr)")
        #expect(conninfo.stdout.contains("@/segment_workspace?host=\(server.host)"))
        // A service file.
        let directory = try RunbookProcess.temporaryDirectory()
        let services = directory.appendingPathComponent("services.conf")
        try "[customer]\nhost=\(server.host)\nport=\(server.port)\nuser=\(server.user)\ndbname=user_database\n"
            .write(to: services, atomically: true, encoding: .utf8)
        let service = try RunbookProcess.run(
            base + ["--database-url", "service=customer"],
            environment: ["PGSERVICEFILE": services.path, "PGHOST": "/nonexistent", "PGPORT": "1"])
        #expect(service.status == 0, "\(service.stdout)\n\(service.stderr)")

        // Passwords from every source stay out of every output, even when the connection fails.
        let secret = "Pgpass-s3cret-value"
        let passfile = directory.appendingPathComponent("pgpass")
        try "*:*:*:*:\(secret)\n".write(to: passfile, atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: passfile.path)
        for (argument, environment) in [
            ("host=127.0.0.1 port=1 user=nobody password='\(secret)'", [String: String]()),
            ("host=127.0.0.1 port=1 user=nobody", ["PGPASSWORD": secret]),
            ("host=127.0.0.1 port=1 user=nobody", ["PGPASSFILE": passfile.path]),
            ("postgres://nobody:\(secret)@127.0.0.1:1/x", [:]),
        ] {
            let failed = try RunbookProcess.run(base + ["--database-url", argument], environment: environment)
            #expect(failed.status == 2, "\(argument): \(failed.stderr)")
            #expect(failed.stderr.contains("cannot connect"), "\(failed.stderr)")
            #expect(!failed.stderr.contains(secret) && !failed.stdout.contains(secret), "\(failed.stderr)")
        }
        // A password file others can read is ignored, with psql's warning.
        try FileManager.default.setAttributes([.posixPermissions: 0o644], ofItemAtPath: passfile.path)
        let shared = try RunbookProcess.run(
            base + ["--database-url", server.url(database: "user_database")],
            environment: ["PGPASSFILE": passfile.path])
        #expect(shared.status == 0)
        #expect(shared.stderr.contains("has group or world access"), "\(shared.stderr)")
        #expect(!shared.stderr.contains(secret))
    }

    @Test func aServerWithNothingInCommonIsStatus2AndWritesNothing() throws {
        let server = try PostgresServer.require()
        try server.query(Self.fixture)
        let repair = try RunbookProcess.temporaryDirectory().appendingPathComponent("repair.sql")
        let result = try RunbookProcess.run([
            "verify", Self.guide, "--database-url", server.url(database: "postgres"), "--repair", repair.path,
        ])
        #expect(result.status == 2, "\(result.stdout)\n\(result.stderr)")
        #expect(result.stderr.contains("has nothing in common with \(Self.guide)"), "\(result.stderr)")
        #expect(result.stdout.isEmpty)
        #expect(!FileManager.default.fileExists(atPath: repair.path))
        // A repair that cannot be written leaves nothing behind either, and says so.
        try Self.build(Self.fullSchema, server: server)
        let nowhere = try RunbookProcess.run([
            "verify", Self.guide, "--database-url", server.url(database: "postgres"), "--repair",
            "/nonexistent-folder/repair.sql",
        ])
        #expect(nowhere.status == 2 && nowhere.stderr.contains("cannot write the repair script"), "\(nowhere.stderr)")
    }
}
