import RunbookCompile
import RunbookDiagnostics
import RunbookDriver
import RunbookEmitters
import RunbookVerify
import Testing

import struct RunbookDiagnostics.SourceLocation

/// What verify expects of a runbook that works in the database its script is started in (no CREATE DATABASE,
/// no \connect: the Grafana page). It used to expect nothing there and still call the server "does not match"
/// with no finding, exit 0; now that database is the one verify connects to, and its system schemas, which the
/// server is not read for, are expected nothing.
@Suite struct PromiseStartTests {
    static let page = """
        ---
        dialect: postgres
        ---

        # Reader

        ### Step 1: Create the reader

        ```sql
        CREATE USER reader PASSWORD 'reader-secret';
        GRANT USAGE ON SCHEMA reporting TO reader;
        GRANT SELECT ON reporting.daily TO reader;
        GRANT SELECT ON pg_stat_database TO reader;
        ```

        """

    static func compiled(_ text: String = page) -> CompiledRunbook {
        RunbookCompiler().compile(path: "reader.md", bytes: Array(text.utf8))
    }

    @Test func theStartingDatabaseIsTheConnectedOne() throws {
        let compiled = Self.compiled()
        let variant = try #require(compiled.variants.first)
        #expect(Promise.initialDatabase(compiled, variants: [variant], connected: "analytics") == "analytics")
        let promise = Promise.simulated(compiled, variant: variant, initialDatabase: "analytics")
        #expect(promise.databases == ["analytics"])
        let daily = PrivilegeTarget(database: "analytics", schema: "reporting", table: "daily")
        #expect(
            promise.privileges.contains {
                $0.privilege == HeldPrivilege(principal: "reader", privilege: "SELECT", target: daily)
            })
        #expect(!promise.privileges.contains { $0.privilege.target.schema == "pg_catalog" })
        #expect(!promise.objects.keys.contains { $0.schema == "pg_catalog" || $0.schema == "information_schema" })

        // The server as the script leaves it: what PUBLIC gives on the database is expected, not extra.
        let schema = PrivilegeTarget(database: "analytics", schema: "reporting")
        let live = LiveSnapshot(
            existingPrincipals: ["reader"], existingDatabases: ["analytics"],
            objects: [
                schema: "postgres", daily: "postgres",
                PrivilegeTarget(database: "analytics", schema: "public"): "pg_database_owner",
            ],
            privileges: [
                HeldPrivilege(principal: "reader", privilege: "USAGE", target: schema),
                HeldPrivilege(principal: "reader", privilege: "SELECT", target: daily),
                HeldPrivilege(
                    principal: "reader", privilege: "CONNECT", target: PrivilegeTarget(database: "analytics")),
                HeldPrivilege(principal: "reader", privilege: "TEMP", target: PrivilegeTarget(database: "analytics")),
                HeldPrivilege(
                    principal: "reader", privilege: "USAGE",
                    target: PrivilegeTarget(database: "analytics", schema: "public")),
            ])
        let first = SourceRange(SourceLocation(line: 1, column: 1))
        let outcome = Verification.compare(promise, with: live, variant: variant.slug, fallback: first)
        #expect(outcome.matches, "\(outcome.differences)")

        // Without the grant on the table: one finding, and the verdict agrees with it.
        var drifted = live
        drifted.privileges.remove(HeldPrivilege(principal: "reader", privilege: "SELECT", target: daily))
        let drift = Verification.compare(promise, with: drifted, variant: variant.slug, fallback: first)
        #expect(drift.differences.count == 1)
        #expect(drift.diagnostics.map(\.rule) == ["verify.missing-privilege"])
    }

    /// A runbook that creates the database verify connects to was started elsewhere: the engine's default.
    @Test func aDatabaseTheRunbookCreatesIsNotTheStart() throws {
        let compiled = Self.compiled(
            Self.page.replacing("CREATE USER reader", with: "CREATE DATABASE analytics;\nCREATE USER reader"))
        let variant = try #require(compiled.variants.first)
        #expect(Promise.initialDatabase(compiled, variants: [variant], connected: "analytics") == nil)
        #expect(Promise.initialDatabase(compiled, variants: [variant], connected: "other") == "other")
    }
}
