import RunbookDiagnostics
import Testing

import struct RunbookDiagnostics.SourceLocation

@testable import RunbookVerify

/// What the repair grants and revokes for a comparison, without a server.
@Suite struct RepairPlanTests {
    static func at(_ line: Int) -> SourceRange { SourceRange(SourceLocation(line: line, column: 1)) }

    let schema = PrivilegeTarget(database: "db", schema: "s")
    let table = PrivilegeTarget(database: "db", schema: "s", table: "t")
    let other = PrivilegeTarget(database: "db", schema: "s", table: "other")

    /// `reader` (a user) is a member of `linked` (a role), which has USAGE on s and SELECT on s.t.
    var promise: Promise {
        func expected(
            _ principal: String, _ privilege: String, _ target: PrivilegeTarget, grantee: String
        )
            -> ExpectedPrivilege
        {
            ExpectedPrivilege(
                privilege: HeldPrivilege(principal: principal, privilege: privilege, target: target),
                because: "\(principal) ← GRANT \(privilege), line 9", range: Self.at(9), grantee: grantee)
        }
        return Promise(
            principals: ["reader": Self.at(3), "linked": Self.at(4)], users: ["reader"], databases: ["db"],
            objects: [schema: Self.at(5), table: Self.at(5)], createdObjects: [schema: "admin"],
            privileges: [
                expected("linked", "USAGE", schema, grantee: "linked"),
                expected("linked", "SELECT", table, grantee: "linked"),
                expected("reader", "USAGE", schema, grantee: "linked"),
                expected("reader", "SELECT", table, grantee: "linked"),
            ],
            memberships: [
                ExpectedMembership(membership: RoleMembership(member: "reader", role: "linked"), range: Self.at(7))
            ],
            defaultPrivileges: [
                ExpectedDefaultPrivilege(
                    privilege: DefaultTablePrivilege(
                        database: "db", creator: "", schema: "s", privilege: "SELECT", grantee: "linked"),
                    because: "ALTER DEFAULT PRIVILEGES IN SCHEMA s, line 8", range: Self.at(8))
            ])
    }

    func plan(_ live: LiveSnapshot) -> RepairPlan {
        let outcome = Verification.compare(promise, with: live, variant: "v", fallback: Self.at(1))
        var plan = RepairPlan(promise: promise, live: live)
        plan.collect(outcome.differences)
        return plan
    }

    @Test func aDroppedRoleComesBackBeforeItsMembershipAndGrants() {
        // `linked` is gone: so are its grants, the membership and the default privilege.
        let live = LiveSnapshot(
            existingPrincipals: ["reader"], existingDatabases: ["db"], objects: [schema: "admin", table: "admin"])
        let plan = plan(live)
        #expect(plan.principals == ["linked"])
        #expect(plan.memberships.map(\.membership) == [RoleMembership(member: "reader", role: "linked")])
        #expect(
            plan.grants(in: "db").map(\.statement) == [
                "GRANT USAGE ON SCHEMA s TO linked;", "GRANT SELECT ON TABLE s.t TO linked;",
            ])
        #expect(plan.defaults["db"]?.map(\.privilege.grantee) == ["linked"])
    }

    @Test func aRoleThatHoldsItIsNotGrantedAgainAndExtrasAreRevokedWhereTheyComeFrom() {
        let live = LiveSnapshot(
            existingPrincipals: ["reader", "linked"], existingDatabases: ["db"],
            objects: [schema: "admin", table: "admin", other: "admin"],
            privileges: [
                HeldPrivilege(principal: "linked", privilege: "USAGE", target: schema),
                HeldPrivilege(principal: "linked", privilege: "SELECT", target: table),
                HeldPrivilege(principal: "linked", privilege: "INSERT", target: other),
                HeldPrivilege(principal: "reader", privilege: "INSERT", target: other),
                HeldPrivilege(principal: "reader", privilege: "DELETE", target: other),
            ],
            memberships: [RoleMembership(member: "reader", role: "linked")],
            defaultPrivileges: [
                DefaultTablePrivilege(
                    database: "db", creator: "admin", schema: "s", privilege: "SELECT", grantee: "linked"),
                DefaultTablePrivilege(
                    database: "db", creator: "admin", schema: "s", privilege: "UPDATE", grantee: "linked"),
            ])
        let plan = plan(live)
        // Everything promised is there (the reader's through the role): nothing to grant.
        #expect(plan.grants(in: "db").isEmpty)
        #expect(plan.principals.isEmpty && plan.memberships.isEmpty)
        #expect(
            plan.revokes(in: "db") == [
                "REVOKE INSERT ON TABLE s.other FROM linked;", "REVOKE DELETE ON TABLE s.other FROM reader;",
                "ALTER DEFAULT PRIVILEGES FOR ROLE admin IN SCHEMA s REVOKE UPDATE ON TABLES FROM linked;",
            ])
    }

    @Test func aMissingSchemaTheRunbookCreatesIsCreatedAndUsageComesFirst() {
        let live = LiveSnapshot(
            existingPrincipals: ["reader", "linked"], existingDatabases: ["db"], objects: [:],
            memberships: [RoleMembership(member: "reader", role: "linked")])
        let plan = plan(live)
        #expect(plan.schemas["db"]?.map(\.0) == ["s"])
        // The table is not the runbook's to create: its grant is left out, with a note.
        #expect(plan.grants(in: "db").map(\.statement) == ["GRANT USAGE ON SCHEMA s TO linked;"])
        #expect(plan.notes["db"]?.contains { $0.contains("table db.s.t is not on the server") } == true)
    }
}
