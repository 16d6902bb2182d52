public import RunbookDiagnostics

/// A database, schema or table that does not exist when the statement runs, and that cannot be assumed to
/// exist already because the runbook creates it later or the name is a near miss of one it knows.
public struct UnknownObjectCheck: PrivilegeCheck {
    public static let rule = Rule.privilegesUnknownObject

    public init() {}

    public func check(_ simulation: Simulation) -> [Diagnostic] {
        simulation.events.compactMap { event in
            if case .missingObject(let missing) = event { missing.diagnostic(Self.rule) } else { nil }
        }
    }
}
