public import RunbookDiagnostics

/// A grant to (or of) a user, role or group that does not exist when the statement runs: Redshift rejects it.
public struct UnknownPrincipalCheck: PrivilegeCheck {
    public static let rule = Rule.privilegesUnknownPrincipal

    public init() {}

    public func check(_ simulation: Simulation) -> [Diagnostic] {
        simulation.events.compactMap { event in
            if case .missingPrincipal(let missing) = event { missing.diagnostic(Self.rule) } else { nil }
        }
    }
}
