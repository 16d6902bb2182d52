package import RunbookDiagnostics

/// `GRANT ROLE a TO ROLE b` when `a` already holds `b`: a role would be a member of itself (§0).
package struct RoleCycleCheck: PrivilegeCheck {
    package static let rule = Rule.privilegesRoleCycle

    package init() {}

    package func check(_ simulation: Simulation) -> [Diagnostic] {
        simulation.events.compactMap { event in
            guard case .roleCycle(let role, let member, let range) = event else { return nil }
            return Diagnostic(RoleCycleMessage(role: role, member: member), at: range)
        }
    }
}
