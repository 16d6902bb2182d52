package import RunbookDiagnostics

/// Says once, as a note, which objects the runbook takes for granted: what it uses but never creates.
package struct AssumedObjectCheck: PrivilegeCheck {
    package static let rule = Rule.privilegesAssumedObject

    package init() {}

    package func check(_ simulation: Simulation) -> [Diagnostic] {
        simulation.events.compactMap { event in
            guard case .assumed(let what, let name, let range) = event else { return nil }
            return Diagnostic(AssumedObjectMessage(what: what, name: name), at: range)
        }
    }
}
