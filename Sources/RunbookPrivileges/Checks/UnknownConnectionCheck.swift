package import RunbookDiagnostics

/// A switch to a database that does not exist at that point: created later, or a misspelt name of one the
/// runbook creates. A database the runbook never creates (the end user's) is assumed instead.
package struct UnknownConnectionCheck: PrivilegeCheck {
    package static let rule = Rule.privilegesUnknownConnection

    package init() {}

    package func check(_ simulation: Simulation) -> [Diagnostic] {
        simulation.events.compactMap { event in
            guard case .missingConnectionTarget(let missing) = event else { return nil }
            return missing.diagnostic(Self.rule, purpose: .connecting)
        }
    }
}
