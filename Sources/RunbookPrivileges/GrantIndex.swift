/// The grants on one object, indexed by grantee: effective privileges look up a principal's few holders
/// instead of scanning every grant, so large runbooks stay linear.
package struct GrantList: Hashable, Sendable {
    private var byGrantee: [Principal: [ObjectGrant]] = [:]

    package init(_ grants: [ObjectGrant] = []) {
        for grant in grants { append(grant) }
    }
}

// MARK: - Reading and changing

extension GrantList {
    /// Every grant, by grantee, each grantee's in the order granted.
    package var all: [ObjectGrant] { byGrantee.keys.sorted().flatMap { byGrantee[$0] ?? [] } }

    package func grants(to grantee: Principal) -> [ObjectGrant] { byGrantee[grantee] ?? [] }

    package var isEmpty: Bool { byGrantee.isEmpty }

    mutating func append(_ grant: ObjectGrant) {
        byGrantee[grant.grantee, default: []].append(grant)
    }

    /// Removes `privileges` from `grantee`, whatever statement granted them.
    mutating func remove(_ privileges: [String], from grantee: Principal) {
        byGrantee[grantee]?.removeAll { privileges.contains($0.privilege) }
        if byGrantee[grantee]?.isEmpty == true { byGrantee[grantee] = nil }
    }
}

/// Memberships indexed by member, for walking from a principal to the roles and groups it belongs to.
package struct MembershipList: Hashable, Sendable {
    private var byMember: [Principal: [Membership]] = [:]

    package init() {}
}

// MARK: - Reading and changing

extension MembershipList {
    /// Every membership, sorted by member, then container.
    package var all: [Membership] {
        byMember.keys.sorted().flatMap { (byMember[$0] ?? []).sorted { $0.container < $1.container } }
    }

    /// The roles and groups `member` belongs to directly, sorted.
    package func containers(of member: Principal) -> [Membership] {
        (byMember[member] ?? []).sorted { $0.container < $1.container }
    }

    /// Adds a membership unless the member already belongs to that container.
    mutating func insert(_ membership: Membership) {
        guard !(byMember[membership.member] ?? []).contains(where: { $0.container == membership.container }) else {
            return
        }
        byMember[membership.member, default: []].append(membership)
    }

    mutating func remove(container: Principal, member: Principal) {
        byMember[member]?.removeAll { $0.container == container }
    }

    /// Forgets a principal as member and as container.
    mutating func remove(_ principal: Principal) {
        byMember[principal] = nil
        for member in byMember.keys { byMember[member]?.removeAll { $0.container == principal } }
    }
}
