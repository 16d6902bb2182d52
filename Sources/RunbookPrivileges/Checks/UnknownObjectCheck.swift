package import RunbookDiagnostics

/// A database, schema or table that does not exist when the statement runs, and that cannot be assumed to
/// exist already because the runbook creates it later or the name is a near miss of one it knows.
package struct UnknownObjectCheck: PrivilegeCheck {
    package static let rule = Rule.privilegesUnknownObject

    package init() {}

    package func check(_ simulation: Simulation) -> [Diagnostic] {
        simulation.events.compactMap { event in
            if case .missingObject(let missing) = event { missing.diagnostic(Self.rule) } else { nil }
        }
    }
}
