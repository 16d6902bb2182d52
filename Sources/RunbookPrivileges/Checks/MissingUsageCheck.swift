package import RunbookDiagnostics

/// Reading a Snowflake table needs USAGE on a warehouse, on the database and on the schema, and SELECT on the
/// table (https://docs.snowflake.com/en/user-guide/security-access-control-configure, "Creating a read-only
/// role"): a query that lacks one fails; a grant of SELECT that lacks one gives nothing.
package struct MissingUsageCheck: PrivilegeCheck {
    package static let rule = Rule.privilegesMissingUsage

    package init() {}

    package func check(_ simulation: Simulation) -> [Diagnostic] {
        simulation.events.compactMap { event in
            guard
                case .snowflake(
                    .missingUsage(let principal, let object, let missing, let range, let atRunTime, let noWarehouse)) =
                    event
            else { return nil }
            let list = missing.joined(separator: ", ")
            if noWarehouse {
                // A worksheet's warehouse picker can supply one; the SQL as written cannot run anywhere else.
                return Diagnostic(
                    MissingUsageMessage(principal: principal, missing: list, consequence: .needsWarehouse), at: range,
                    severity: .warning,
                    notes: [
                        DiagnosticNote("add USE WAREHOUSE <warehouse> before it, or set the user's DEFAULT_WAREHOUSE")
                    ])
            }
            if atRunTime {
                return Diagnostic(
                    MissingUsageMessage(principal: principal, missing: list, consequence: .fails), at: range,
                    notes: [
                        DiagnosticNote(
                            "reading \(object) needs USAGE on a warehouse, the database and the schema, and SELECT")
                    ])
            }
            return Diagnostic(
                MissingUsageMessage(principal: principal, missing: list, consequence: .readsNothing(in: object)),
                at: range,
                severity: .warning,
                notes: [DiagnosticNote("grant \(missing.first ?? "it") to \(principal) as well")])
        }
    }
}
