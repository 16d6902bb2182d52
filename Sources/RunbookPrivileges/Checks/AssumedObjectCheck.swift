public import RunbookDiagnostics

/// Says once, as a note, which objects the runbook takes for granted: what it uses but never creates.
public struct AssumedObjectCheck: PrivilegeCheck {
    public static let rule = Rule.privilegesAssumedObject

    public init() {}

    public func check(_ simulation: Simulation) -> [Diagnostic] {
        simulation.events.compactMap { event in
            guard case .assumed(let what, let name, let range) = event else { return nil }
            return Diagnostic(AssumedObjectMessage(what: what, name: name), at: range)
        }
    }
}
