package import RunbookDiagnostics

/// A grant to (or of) a user, role or group that does not exist when the statement runs: Redshift rejects it.
package struct UnknownPrincipalCheck: PrivilegeCheck {
    package static let rule = Rule.privilegesUnknownPrincipal

    package init() {}

    package func check(_ simulation: Simulation) -> [Diagnostic] {
        simulation.events.compactMap { event in
            if case .missingPrincipal(let missing) = event { missing.diagnostic(Self.rule) } else { nil }
        }
    }
}
