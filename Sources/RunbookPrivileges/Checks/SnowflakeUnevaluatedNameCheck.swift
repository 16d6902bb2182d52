package import RunbookDiagnostics

/// A name from a variable whose value is an expression the tool cannot evaluate without the engine (a function
/// call, a subquery): the statement is not simulated, and the note says so.
package struct SnowflakeUnevaluatedNameCheck: PrivilegeCheck {
    package static let rule = Rule.snowflakeUnevaluatedName

    package init() {}

    package func check(_ simulation: Simulation) -> [Diagnostic] {
        simulation.events.compactMap { event in
            guard case .snowflake(.unevaluated(let variable, let expression, let range)) = event else { return nil }
            let shown = expression.count > 60 ? String(expression.prefix(60)) + "…" : expression
            return Diagnostic(
                SnowflakeUnevaluatedNameMessage(variable: variable, shown: shown), at: range)
        }
    }
}
