public import RunbookDiagnostics
import RunbookSQL

/// Table privileges (and default privileges on future tables) granted to a principal that, at the end of the
/// runbook, cannot use the schema: without USAGE on a local schema they give nothing (reference §2, §8.7).
public struct MissingSchemaUsageCheck: PrivilegeCheck {
    public static let rule = Rule.privilegesMissingSchemaUsage

    public init() {}

    public func check(_ simulation: Simulation) -> [Diagnostic] {
        let catalog = simulation.catalog
        var diagnostics: [Diagnostic] = []
        for executed in simulation.executed {
            guard let grant = executed.statement.grantOrRevoke, grant.action == .grant, grantsOnTables(grant.target)
            else { continue }
            for schema in Set(executed.schemas).sorted() {
                for grantee in executed.grantees where !catalog.isSuperuser(grantee) {
                    guard catalog.exists(grantee), catalog.contains(.schema(schema)),
                        !catalog.effectivePrivileges(of: grantee, on: [.schema(schema)]).contains(where: {
                            $0.privilege == "USAGE"
                        })
                    else { continue }
                    let keyword = grantee.kind == .role ? "ROLE " : grantee.kind == .group ? "GROUP " : ""
                    diagnostics.append(
                        Diagnostic(
                            Self.rule,
                            "\(grantee.name) has no USAGE on schema \(schema.schema), so these table privileges give it nothing",
                            at: executed.origin.range,
                            notes: [
                                DiagnosticNote(
                                    "add GRANT USAGE ON SCHEMA \(schema.schema) TO \(grantee.kind == .public ? "PUBLIC" : keyword + grantee.name)"
                                )
                            ]))
                }
            }
        }
        return diagnostics
    }

    private func grantsOnTables(_ target: GrantTarget) -> Bool {
        switch target {
        case .objects(.table, _, _), .allInSchema(.table, _), .scoped(.table, _, _, _), .defaultObjects(.table, _): true
        default: false
        }
    }
}
