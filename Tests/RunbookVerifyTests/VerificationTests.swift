import RunbookDiagnostics
import RunbookVerify
import Testing

import struct RunbookDiagnostics.SourceLocation

/// The comparison of a promise with a snapshot, without a server.
@Suite struct VerificationTests {
    static func at(_ line: Int) -> SourceRange { SourceRange(SourceLocation(line: line, column: 1)) }

    let table = PrivilegeTarget(database: "db", schema: "s", table: "t")
    let other = PrivilegeTarget(database: "db", schema: "s", table: "other")
    let owned = PrivilegeTarget(database: "db", schema: "etl")

    var promise: Promise {
        Promise(
            principals: ["reader": Self.at(3), "app": Self.at(4)], databases: ["db"],
            objects: [PrivilegeTarget(database: "db", schema: "s"): Self.at(5), table: Self.at(5)],
            privileges: [
                ExpectedPrivilege(
                    privilege: HeldPrivilege(principal: "reader", privilege: "SELECT", target: table),
                    because: "reader ← GRANT SELECT ON s.t, line 9", range: Self.at(9)),
                ExpectedPrivilege(
                    privilege: HeldPrivilege(
                        principal: "reader", privilege: "temporary", target: PrivilegeTarget(database: "db")),
                    because: "reader ← PUBLIC ← PostgreSQL default for PUBLIC", range: nil),
            ])
    }

    var matching: LiveSnapshot {
        LiveSnapshot(
            existingPrincipals: ["reader", "app"], existingDatabases: ["db"],
            objects: [
                PrivilegeTarget(database: "db", schema: "s"): "admin", table: "admin", other: "admin", owned: "app",
            ],
            privileges: [
                HeldPrivilege(principal: "reader", privilege: "SELECT", target: table),
                HeldPrivilege(principal: "reader", privilege: "TEMP", target: PrivilegeTarget(database: "db")),
                HeldPrivilege(principal: "app", privilege: "CREATE", target: owned),
            ])
    }

    @Test func aMatchingDatabaseHasNoFindings() {
        let outcome = Verification.compare(promise, with: matching, variant: "v", fallback: Self.at(1))
        #expect(outcome.matches)
        #expect(outcome.matched == 2 && outcome.expected == 2)
        #expect(outcome.ownedSkipped == 1)
    }

    @Test func missingAndExtraPrivilegesPointAtTheirStatements() {
        var live = matching
        live.privileges.remove(HeldPrivilege(principal: "reader", privilege: "SELECT", target: table))
        live.privileges.insert(HeldPrivilege(principal: "reader", privilege: "INSERT", target: other))
        let outcome = Verification.compare(promise, with: live, variant: "v", fallback: Self.at(1))
        #expect(outcome.diagnostics.map(\.rule) == ["verify.extra-privilege", "verify.missing-privilege"])
        #expect(outcome.diagnostics.map(\.range.start.line) == [3, 9])
        #expect(outcome.diagnostics[1].message.contains("reader lacks SELECT on table db.s.t"))
        #expect(outcome.diagnostics[0].message.contains("reader holds INSERT on table db.s.other"))
    }

    @Test func aMissingPrincipalOrObjectIsOneFinding() {
        var live = matching
        live.existingPrincipals.remove("reader")
        live.privileges = live.privileges.filter { $0.principal != "reader" }
        live.objects[table] = nil
        let outcome = Verification.compare(promise, with: live, variant: "v", fallback: Self.at(1))
        #expect(outcome.diagnostics.map(\.rule) == ["verify.missing-principal", "verify.missing-object"])
        #expect(outcome.diagnostics.allSatisfy { $0.variants == ["v"] })
    }

    /// A privilege on an object the promise does not list (only a grant names it) that the server lacks: the
    /// difference is reported as a finding of its own, never a silent "does not match".
    @Test func aPrivilegeOnAnObjectNoStatementCreatesIsStillReported() {
        let unlisted = PrivilegeTarget(database: "db", schema: "s", table: "only_granted")
        var promise = promise
        promise.privileges.append(
            ExpectedPrivilege(
                privilege: HeldPrivilege(principal: "reader", privilege: "SELECT", target: unlisted),
                because: "reader ← GRANT SELECT ON s.only_granted, line 12", range: Self.at(12)))
        let outcome = Verification.compare(promise, with: matching, variant: "v", fallback: Self.at(1))
        #expect(!outcome.matches)
        #expect(outcome.diagnostics.map(\.rule) == ["verify.missing-privilege"])
        #expect(outcome.diagnostics.first?.range.start.line == 12)
        #expect(
            outcome.diagnostics.first?.message.hasSuffix("table db.s.only_granted does not exist on the server")
                == true,
            "\(outcome.diagnostics)")
    }
}
