import RunbookDiagnostics
import RunbookVerify
import Testing

import struct RunbookDiagnostics.SourceLocation

/// The drift report drawn as a graph: what is as promised plainly, what is missing dashed red, what is extra
/// bold orange, on a promise and snapshots made by hand.
@Suite struct DriftGraphTests {
    static func at(_ line: Int) -> SourceRange { SourceRange(SourceLocation(line: line, column: 1)) }

    static let schema = PrivilegeTarget(database: "db", schema: "s")
    static let table = PrivilegeTarget(database: "db", schema: "s", table: "t")
    static let other = PrivilegeTarget(database: "db", schema: "s", table: "other")

    /// A user `app` that reads `s.t` through the role `reader`, which also gets SELECT on tables created later.
    static let promise = Promise(
        principals: ["reader": at(3), "app": at(4)], users: ["app"], databases: ["db"],
        objects: [schema: at(5), table: at(5)],
        privileges: [
            ExpectedPrivilege(
                privilege: HeldPrivilege(principal: "reader", privilege: "USAGE", target: schema),
                because: "reader ← GRANT USAGE ON SCHEMA s, line 7", range: at(7), grantee: "reader", step: "2"),
            ExpectedPrivilege(
                privilege: HeldPrivilege(principal: "reader", privilege: "SELECT", target: table),
                because: "reader ← GRANT SELECT ON s.t, line 9", range: at(9), grantee: "reader", step: "2"),
            ExpectedPrivilege(
                privilege: HeldPrivilege(principal: "app", privilege: "USAGE", target: schema),
                because: "app ← reader ← GRANT USAGE ON SCHEMA s, line 7", range: at(7), grantee: "reader", step: "2"),
            ExpectedPrivilege(
                privilege: HeldPrivilege(principal: "app", privilege: "SELECT", target: table),
                because: "app ← reader ← GRANT SELECT ON s.t, line 9", range: at(9), grantee: "reader", step: "2"),
        ],
        memberships: [
            ExpectedMembership(membership: RoleMembership(member: "app", role: "reader"), range: at(11), step: "3")
        ],
        defaultPrivileges: [
            ExpectedDefaultPrivilege(
                privilege: DefaultTablePrivilege(
                    database: "db", creator: "", schema: "s", privilege: "SELECT", grantee: "reader"),
                because: "ALTER DEFAULT PRIVILEGES, line 13", range: at(13), step: "2")
        ])

    static let matching = LiveSnapshot(
        existingPrincipals: ["reader", "app"], existingDatabases: ["db"],
        objects: [schema: "admin", table: "admin", other: "admin"],
        privileges: [
            HeldPrivilege(principal: "reader", privilege: "USAGE", target: schema),
            HeldPrivilege(principal: "reader", privilege: "SELECT", target: table),
            HeldPrivilege(principal: "app", privilege: "USAGE", target: schema),
            HeldPrivilege(principal: "app", privilege: "SELECT", target: table),
        ],
        memberships: [RoleMembership(member: "app", role: "reader")],
        defaultPrivileges: [
            DefaultTablePrivilege(database: "db", creator: "admin", schema: "s", privilege: "SELECT", grantee: "reader")
        ])

    static func graph(_ live: LiveSnapshot) -> String {
        let outcome = Verification.compare(promise, with: live, variant: "v", fallback: at(1))
        return DriftGraph.dot(title: "Guide", variant: "v", promise: promise, live: live, outcome: outcome)
    }

    @Test func aMatchingDatabaseIsDrawnPlainly() {
        let dot = Self.graph(Self.matching)
        #expect(dot.contains("verify against v, matches"))
        #expect(!dot.contains("#c62828") && !dot.contains("#e07b00"), "\(dot)")
        // A privilege held through a role is drawn at the role, once.
        #expect(dot.contains("\"principal:reader\" -> \"table db.s.t\" [label=\"SELECT\\nStep 2\"];"), "\(dot)")
        #expect(!dot.contains("\"principal:app\" -> \"table db.s.t\""), "\(dot)")
        #expect(
            dot.contains("\"principal:app\" -> \"principal:reader\" [label=\"member\\nStep 3\", color=\"#2f5bd3\"];"))
    }

    /// The whole graph of a database with a revoked grant, an extra grant, a revoked membership and a missing
    /// default privilege, as a person reviewed it.
    @Test func driftIsDrawnMissingDashedRedAndExtraBoldOrange() {
        var live = Self.matching
        live.privileges.remove(HeldPrivilege(principal: "reader", privilege: "SELECT", target: Self.table))
        live.privileges.remove(HeldPrivilege(principal: "app", privilege: "SELECT", target: Self.table))
        live.privileges.insert(HeldPrivilege(principal: "app", privilege: "INSERT", target: Self.other))
        live.memberships = []
        live.defaultPrivileges = []
        let expected = """
            digraph "v" {
              graph [rankdir=LR, fontname="Helvetica", fontsize=11, label="Guide: verify against v, 5 differences\\nplain: as promised · dashed red: missing · bold orange: extra", labelloc=t];
              node [fontname="Helvetica", fontsize=10];
              edge [fontname="Helvetica", fontsize=9];
              "principal:app" [label="user app", shape=box];
              "principal:reader" [label="role reader", shape=ellipse];
              "schema db.s" [label="schema db.s", shape=folder];
              "table db.s.other" [label="table db.s.other", shape=note];
              "table db.s.t" [label="table db.s.t", shape=note];
              "principal:app" -> "principal:reader" [label="missing: member\\nStep 3", color="#c62828", fontcolor="#c62828", style=dashed];
              "principal:app" -> "table db.s.other" [label="extra: INSERT", color="#e07b00", fontcolor="#b35c00", style=bold];
              "principal:reader" -> "schema db.s" [label="USAGE\\nStep 2"];
              "principal:reader" -> "schema db.s" [label="missing: SELECT on tables created later by the runbook's user\\nStep 2", color="#c62828", fontcolor="#c62828", style=dashed];
              "principal:reader" -> "table db.s.t" [label="missing: SELECT\\nStep 2", color="#c62828", fontcolor="#c62828", style=dashed];
            }

            """
        #expect(Self.graph(live) == expected)
    }

    @Test func aMissingRoleAndTableHaveDashedRedOutlines() {
        var live = Self.matching
        live.existingPrincipals = ["app"]
        live.objects[Self.table] = nil
        live.privileges = [HeldPrivilege(principal: "app", privilege: "USAGE", target: Self.schema)]
        let dot = Self.graph(live)
        #expect(
            dot.contains(
                "\"principal:reader\" [label=\"role reader\", shape=ellipse, color=\"#c62828\", style=dashed, "
                    + "fontcolor=\"#c62828\"];"), "\(dot)")
        #expect(dot.contains("\"table db.s.t\" [label=\"table db.s.t\", shape=note, color=\"#c62828\""), "\(dot)")
        #expect(!dot.contains("\"principal:app\" [label=\"user app\", shape=box, color"), "\(dot)")
    }

    /// Sets iterate in an order that depends on their history: two snapshots that hold the same facts, built
    /// differently, give the same file.
    @Test func theSameFactsGiveTheSameGraph() {
        let extra = [
            HeldPrivilege(principal: "app", privilege: "INSERT", target: Self.other),
            HeldPrivilege(principal: "reader", privilege: "DELETE", target: Self.table),
            HeldPrivilege(principal: "reader", privilege: "UPDATE", target: Self.other),
        ]
        var one = Self.matching
        one.privileges.formUnion(extra)
        var two = Self.matching
        var privileges = Set<HeldPrivilege>(minimumCapacity: 256)
        for privilege in (Array(Self.matching.privileges) + extra).reversed() { privileges.insert(privilege) }
        two.privileges = privileges
        #expect(Self.graph(one) == Self.graph(two))
        #expect(Self.graph(one).contains("extra: DELETE"))
    }
}
