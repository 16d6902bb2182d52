package import RunbookDiagnostics

/// A switch that logs in as a user who does not exist at that point ("As user2 on db2" before user2 is
/// created, or a user the page never creates nor uses before): the connection would fail. The user is then
/// assumed, so what the user runs is still simulated.
package struct UnknownConnectionUserCheck: PrivilegeCheck {
    package static let rule = Rule.privilegesUnknownConnectionUser

    package init() {}

    package func check(_ simulation: Simulation) -> [Diagnostic] {
        simulation.events.compactMap { event in
            guard case .missingConnectionUser(let missing) = event else { return nil }
            var diagnostic = missing.diagnostic(Self.rule, purpose: .connectingAs(missing.name))
            if missing.createdLater == nil, missing.suggestion == nil {
                let note =
                    "create the user in an earlier step; if it exists before the guide starts, turn this rule off for the page"
                diagnostic.notes.append(DiagnosticNote(note))
            }
            return diagnostic
        }
    }
}
