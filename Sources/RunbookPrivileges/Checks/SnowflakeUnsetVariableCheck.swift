package import RunbookDiagnostics

/// A session variable used in a session that never set it fails with "Session variable '$X' does not exist"
/// (https://docs.snowflake.com/en/sql-reference/session-variables): variables live as long as their session,
/// and each step starts a new one unless an annotation says otherwise.
package struct SnowflakeUnsetVariableCheck: PrivilegeCheck {
    package static let rule = Rule.snowflakeUnsetVariable

    package init() {}

    package func check(_ simulation: Simulation) -> [Diagnostic] {
        simulation.events.compactMap { event in
            guard case .snowflake(.unsetVariable(let name, let range, let setIn, let setLater, let otherUses)) = event
            else { return nil }
            var setting = SnowflakeUnsetVariableMessage.Setting.never
            var notes: [DiagnosticNote] = []
            if let setIn {
                if setLater {
                    setting = .later
                    notes.append(
                        DiagnosticNote(
                            "it is set later, by \(setIn.summary) (\(setIn.location)); move that before this",
                            at: setIn.range))
                } else {
                    setting = .otherSession(setIn.step.isEmpty ? "another session" : "Step \(setIn.step)")
                    notes.append(
                        DiagnosticNote(
                            "set in \(setIn.summary) (\(setIn.location)); repeat that SET in this step, or mark the block session=same",
                            at: setIn.range))
                }
            }
            if otherUses > 0 {
                notes.append(
                    DiagnosticNote("\(otherUses) more statement\(otherUses == 1 ? "" : "s") of this session use it"))
            }
            return Diagnostic(SnowflakeUnsetVariableMessage(name: name, setting: setting), at: range, notes: notes)
        }
    }
}
