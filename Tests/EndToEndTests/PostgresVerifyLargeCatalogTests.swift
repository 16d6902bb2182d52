import Foundation
import Testing

/// `runbook verify` on a big catalog (scripts/bench/verify-large-catalog.sh builds it): many tables in the
/// runbook's schema and 10,000 roles, all members of the runbook's role. The full size (100,000 tables) takes
/// about 25 s to create here, so `make test` uses `tables`; the benchmark (docs/performance.md) runs the full
/// size and measures time and peak memory. No timing is asserted here.
@Suite(.serialized, PostgresServer.trait) struct PostgresVerifyLargeCatalogTests {
    static let tables = 20_000
    static let roles = 10_000
    static let guide = "scripts/bench/big-catalog.md"

    static func catalog(_ action: String, _ arguments: [String] = []) throws {
        let server = try PostgresServer.require()
        let process = Process()
        process.executableURL = RunbookProcess.packageRoot.appendingPathComponent(
            "scripts/bench/verify-large-catalog.sh")
        process.arguments = [action] + arguments
        var environment = ProcessInfo.processInfo.environment
        environment["PGHOST"] = server.host
        environment["PGPORT"] = server.port
        environment["PGUSER"] = server.user
        process.environment = environment
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        try #require(process.terminationStatus == 0, "verify-large-catalog.sh \(action) failed")
    }

    @Test func aBigCatalogIsReadWithProgressOnlyOnATerminalAndADroppedConnectionIsStatus2() throws {
        let server = try PostgresServer.require()
        try Self.catalog("setup", ["\(Self.tables)", "\(Self.roles)"])
        defer { try? Self.catalog("teardown") }
        let url = server.url(database: "big_catalog")

        // Read to the end: a match, and no progress text when stderr is not a terminal.
        let plain = try RunbookProcess.run(["verify", Self.guide, "--database-url", url], timeout: 300)
        #expect(plain.status == 0, "\(plain.stdout)\n\(plain.stderr)")
        #expect(
            plain.stdout.contains("matches; \(2 * Self.tables + 8) of \(2 * Self.tables + 8) expected"),
            "\(plain.stdout)")
        #expect(plain.stderr.isEmpty, "\(plain.stderr)")

        // On a terminal (script(1) gives it one), a progress line, rewritten in place and cleared.
        let command = ([RunbookProcess.executable.path, "verify", Self.guide, "--database-url", url])
            .map { "'\($0)'" }.joined(separator: " ")
        let terminal = try Self.runInTerminal(command)
        #expect(
            terminal.contains("\rverify: reading big_catalog: ")
                || terminal.contains("\r\u{1B}[Kverify: reading big_catalog: "), "\(terminal.suffix(400))")
        #expect(terminal.contains("schemas and tables"))
        #expect(terminal.contains("variant default: matches"))

        // A connection that the server ends in the middle of the read: one line, status 2. A watcher on the
        // server (one DO block, polling every 10 ms) ends the backend of verify's own user (big_verifier) as
        // soon as it has started on the catalog, past `SELECT version()`.
        let name = "big_verifier"
        let watcher = Process()
        watcher.executableURL = URL(fileURLWithPath: server.bin + "/psql")
        watcher.arguments = [
            "-X", "-q", "-v", "ON_ERROR_STOP=1", "-h", server.host, "-p", server.port, "-U", server.user, "-d",
            "postgres", "-c",
            """
            DO $$ DECLARE ended int := 0; BEGIN
                FOR i IN 1..12000 LOOP
                    PERFORM pg_stat_clear_snapshot();
                    SELECT count(*) FILTER (WHERE pg_terminate_backend(pid)) INTO ended FROM (
                        SELECT pid FROM pg_stat_activity
                        WHERE usename = '\(name)' AND query <> '' AND query NOT ILIKE '%version()%' OFFSET 0) s;
                    EXIT WHEN ended > 0;
                    PERFORM pg_sleep(0.01);
                END LOOP;
                IF ended = 0 THEN RAISE EXCEPTION 'no verify connection to end'; END IF;
            END $$
            """,
        ]
        var environment = ProcessInfo.processInfo.environment
        environment["PGAPPNAME"] = "big_catalog_watcher"
        watcher.environment = environment
        watcher.standardOutput = FileHandle.nullDevice
        watcher.standardError = FileHandle.nullDevice
        try watcher.run()
        // verify starts only once the watcher is polling: on a loaded machine psql can take longer to start
        // than verify takes to read the whole catalog, and then there is nothing left to end.
        let polling =
            "SELECT count(*) FROM pg_stat_activity WHERE application_name = 'big_catalog_watcher' AND state = 'active'"
        var waited = 0
        while try server.psql(sql: polling, tuplesOnly: true).stdout.trimmingCharacters(in: .whitespacesAndNewlines)
            != "1", waited < 600, watcher.isRunning
        {
            Thread.sleep(forTimeInterval: 0.1)
            waited += 1
        }
        let dropped = try RunbookProcess.run(
            ["verify", Self.guide, "--database-url", server.url(database: "big_catalog", user: name)], timeout: 300)
        watcher.waitUntilExit()
        #expect(watcher.terminationStatus == 0, "the watcher did not see verify's connection")
        #expect(dropped.status == 2, "\(dropped.stdout)\n\(dropped.stderr)")
        #expect(dropped.stderr.hasPrefix("runbook: error: cannot read the catalog"), "\(dropped.stderr)")
        #expect(dropped.stderr.split(separator: "\n").count == 1, "\(dropped.stderr)")
        #expect(dropped.stdout.isEmpty)
    }

    /// Runs a shell command under script(1), which gives it a pseudo-terminal; returns what it wrote there.
    static func runInTerminal(_ command: String) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/script")
        process.arguments = ["-q", "-e", "-c", command, "/dev/null"]
        process.currentDirectoryURL = RunbookProcess.packageRoot
        let output = Pipe()
        process.standardOutput = output
        process.standardInput = FileHandle.nullDevice
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return String(decoding: data, as: UTF8.self)
    }
}
