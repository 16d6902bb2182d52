import Foundation
import Testing

/// `runbook verify` against the throwaway server, in the state the variant's script leaves and after drift.
/// Part of `PostgresGuideTests`, so that it is serialized with the other tests that use the guide's roles.
extension PostgresGuideTests {
    @Test func verifyMatchesAfterTheScriptAndNamesARevokedGrant() throws {
        let server = try PostgresServer.require()
        let slug = Self.specificTables
        try #require(try Self.setUp(slug, server: server).status == 0)
        let url = server.url(database: "segment_workspace")

        let clean = try RunbookProcess.run(["verify", Self.guide, "--database-url", url, "--variant", slug])
        #expect(clean.status == 0, "\(clean.stdout)\n\(clean.stderr)")
        #expect(clean.stdout.contains("variant \(slug): matches;"), "\(clean.stdout)")

        try server.query("REVOKE SELECT ON devices.user_devices FROM segment_linked_role", database: "user_database")
        let drift = try RunbookProcess.run(["verify", Self.guide, "--database-url", url, "--variant", slug])
        #expect(drift.status == 1, "\(drift.stdout)\n\(drift.stderr)")
        let grantLine = try #require(Self.markdownLine(containing: "GRANT SELECT ON devices.user_devices"))
        let expectedMessage = "error: segment_linked_role lacks SELECT on table user_database.devices.user_devices"
        #expect(drift.stdout.contains("\(Self.guide):\(grantLine):"), "\(drift.stdout)")
        #expect(drift.stdout.contains(expectedMessage), "\(drift.stdout)")
        // Through the role, the user lost it too, and is named with the same statement.
        #expect(drift.stdout.contains("segment_user lacks SELECT on table user_database.devices.user_devices"))
        #expect(drift.stdout.contains("[verify.missing-privilege]"))
        #expect(!drift.stdout.contains("extra-privilege"))

        // Something beyond the runbook, as JSON.
        try server.query("GRANT INSERT ON devices.other_table TO segment_user", database: "user_database")
        let json = try RunbookProcess.run([
            "verify", Self.guide, "--database-url", url, "--variant", slug, "--format", "json",
        ])
        #expect(json.status == 1)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        let diagnostics = try #require(object["diagnostics"] as? [[String: Any]])
        let ids = diagnostics.compactMap { $0["id"] as? String }
        #expect(ids.filter { $0 == "verify.missing-privilege" }.count == 2, "\(ids)")
        #expect(ids.filter { $0 == "verify.extra-privilege" }.count == 1, "\(ids)")
        #expect(
            diagnostics.contains {
                ($0["message"] as? String)?.contains("INSERT on table user_database.devices.other_table") == true
            })
    }

    @Test func verifyFullSchemaVariantMatchesAndSeesAMissingUser() throws {
        let server = try PostgresServer.require()
        let slug = Self.fullSchema
        try #require(try Self.setUp(slug, server: server).status == 0)
        let url = server.url(database: "user_database")
        let clean = try RunbookProcess.run([
            "verify", Self.guide, "--database-url", url, "--variant", slug, "--format", "json",
        ])
        #expect(clean.status == 0, "\(clean.stdout)\n\(clean.stderr)")
        // Checking against the wrong variant is drift: the full-schema grants are extra.
        let wrong = try RunbookProcess.run([
            "verify", Self.guide, "--database-url", url, "--variant", Self.specificTables,
        ])
        #expect(wrong.status == 1)
        #expect(wrong.stdout.contains("segment_linked_role holds SELECT on table user_database.devices.other_table"))

        try server.query("DROP OWNED BY segment_user; DROP ROLE segment_user", database: "segment_workspace")
        let missing = try RunbookProcess.run(["verify", Self.guide, "--database-url", url, "--variant", slug])
        #expect(missing.status == 1)
        #expect(missing.stdout.contains("'segment_user' does not exist on the server"), "\(missing.stdout)")
    }

    @Test func verifyCannotConnectIsStatus2WithoutThePassword() throws {
        let server = try PostgresServer.require()
        let secret = "Sup3r-s3cret-pw"
        for url in [
            "postgres://nobody:\(secret)@/segment_workspace?host=/nonexistent-runbook-socket&port=5999",
            "postgres://nobody:\(secret)@127.0.0.1:1/postgres",
            "postgres://\(server.user):\(secret)@/no_such_database?host=\(server.host)&port=\(server.port)",
        ] {
            let result = try RunbookProcess.run([
                "verify", Self.guide, "--database-url", url, "--variant", Self.fullSchema,
            ])
            #expect(result.status == 2, "\(url): \(result.stderr)")
            #expect(result.stderr.split(separator: "\n").count == 1, "\(result.stderr)")
            #expect(result.stderr.hasPrefix("runbook: error: cannot connect"), "\(result.stderr)")
            #expect(!result.stderr.contains(secret) && !result.stdout.contains(secret))
        }
        let fromEnvironment = try RunbookProcess.run(
            ["verify", Self.guide, "--database-url", "postgres://nobody@127.0.0.1:1/x", "--variant", Self.fullSchema],
            environment: ["PGPASSWORD": secret])
        #expect(fromEnvironment.status == 2 && !fromEnvironment.stderr.contains(secret))
        let unknownKey = try RunbookProcess.run([
            "verify", Self.guide, "--database-url", "host=\(server.host) port=\(server.port) pasword=\(secret)",
        ])
        #expect(unknownKey.status == 2, "\(unknownKey.stderr)")
        #expect(unknownKey.stderr.contains("unknown connection parameter 'pasword' (did you mean 'password'?)"))
        #expect(!unknownKey.stderr.contains(secret) && unknownKey.stdout.isEmpty)
    }

    /// The 1-based line of the guide's first line containing `text`.
    static func markdownLine(containing text: String) -> Int? {
        let path = RunbookProcess.packageRoot.appendingPathComponent(guide).path
        guard let source = try? String(contentsOfFile: path, encoding: .utf8) else { return nil }
        return source.split(separator: "\n", omittingEmptySubsequences: false).firstIndex { $0.contains(text) }.map {
            $0 + 1
        }
    }
}
