package import RunbookDiagnostics
import RunbookModel

/// Each claim of the prose ("Read access to the Profiles Sync schema") must hold for its role at the end of the
/// variant's plan. A claim with alternatives ("the schema, or specific tables") holds when any does.
package struct ClaimCheck: PrivilegeCheck {
    package static let rule = Rule.privilegesClaimUnsatisfied

    package init() {}

    package func check(_ simulation: Simulation) -> [Diagnostic] {
        let catalog = simulation.catalog
        return simulation.runbook.claims.compactMap { claim -> Diagnostic? in
            guard claim.condition.holds(in: simulation.variant.selections) else { return nil }
            guard let principal = catalog.principal(named: claim.role) else {
                return Diagnostic(ClaimUnsatisfiedMessage(role: claim.role), at: claim.range)
            }
            let lacking = claim.requirements.map { ClaimVocabulary.missing($0, for: principal, in: catalog) }
            guard !lacking.contains(where: \.isEmpty), !lacking.isEmpty else { return nil }
            // Each clause once: the tables of one schema all need USAGE on it, which is one thing to add.
            var alternatives: [String] = []
            for clauses in lacking {
                var seen = Set<String>()
                let text = clauses.filter { seen.insert($0).inserted }.joined(separator: ", ")
                if !alternatives.contains(text) { alternatives.append(text) }
            }
            let missing = alternatives.joined(separator: "; or else ")
            return Diagnostic(ClaimUnsatisfiedMessage(role: claim.role, missing: missing), at: claim.range)
        }
    }
}
