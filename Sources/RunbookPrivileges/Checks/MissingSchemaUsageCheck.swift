package import RunbookDiagnostics
import RunbookSQL

/// Table privileges (and default privileges on future tables) granted to a principal that, at the end of the
/// runbook, cannot use the schema: without USAGE on a local schema they give nothing (reference §2, §8.7).
package struct MissingSchemaUsageCheck: PrivilegeCheck {
    package static let rule = Rule.privilegesMissingSchemaUsage

    package init() {}

    /// Statements after the first that a finding lists by position; the rest are counted.
    static let listedRepeats = 5

    /// One finding per grantee, schema and block, at the first statement of the block that grants the grantee
    /// table privileges there; the block's later ones are notes (a block of 300 grants into a schema without
    /// USAGE is one problem, not 300). Per block, not per runbook: a block is in a variant whole, so the notes
    /// are the same in every variant the finding is reported for, and findings merge across variants.
    package func check(_ simulation: Simulation) -> [Diagnostic] {
        let catalog = simulation.catalog
        struct Pair: Hashable {
            var grantee: Principal
            var schema: SchemaName
        }
        struct Key: Hashable {
            var pair: Pair
            var block: Int
        }
        struct Finding {
            var grantee: Principal
            var schema: String
            var first: SourceRange
            var repeats: [SourceRange] = []
        }
        var findings: [Finding] = []
        var index: [Key: Int] = [:]
        // The answer is about the end of the plan, so it is the same for every statement: ask once per pair.
        var lacksUsage: [Pair: Bool] = [:]
        for executed in simulation.executed {
            guard let grant = executed.statement.grantOrRevoke, grant.action == .grant, grantsOnTables(grant.target)
            else { continue }
            for schema in Set(executed.schemas).sorted() {
                for grantee in executed.grantees where !catalog.isSuperuser(grantee) {
                    let pair = Pair(grantee: grantee, schema: schema)
                    let lacking =
                        lacksUsage[pair]
                        ?? (catalog.exists(grantee) && catalog.contains(.schema(schema))
                            && !catalog.effectivePrivileges(of: grantee, on: [.schema(schema)]).contains {
                                $0.privilege == "USAGE"
                            })
                    lacksUsage[pair] = lacking
                    guard lacking else { continue }
                    let key = Key(pair: pair, block: executed.origin.blockIndex)
                    if let existing = index[key] {
                        findings[existing].repeats.append(executed.origin.range)
                    } else {
                        index[key] = findings.count
                        findings.append(Finding(grantee: grantee, schema: schema.schema, first: executed.origin.range))
                    }
                }
            }
        }
        return findings.map { finding in
            let grantee = finding.grantee
            // The fix-it in the dialect's grammar: Redshift names roles and groups with a keyword (`TO ROLE r`);
            // PostgreSQL has no keyword before a role, and its groups are roles.
            let keyword: String =
                switch (simulation.dialect, grantee.kind) {
                case (.redshift, .role): "ROLE "
                case (.redshift, .group): "GROUP "
                default: ""
                }
            var notes = finding.repeats.prefix(Self.listedRepeats).map {
                DiagnosticNote("also granted table privileges in \(finding.schema) here", at: $0)
            }
            if finding.repeats.count > Self.listedRepeats {
                notes.append(
                    DiagnosticNote(
                        "and \(finding.repeats.count - Self.listedRepeats) more statements in this block that grant table privileges in \(finding.schema)"
                    ))
            }
            notes.append(
                DiagnosticNote(
                    "add GRANT USAGE ON SCHEMA \(finding.schema) TO \(grantee.kind == .public ? "PUBLIC" : keyword + grantee.name)"
                ))
            return Diagnostic(
                MissingSchemaUsageMessage(grantee: grantee.name, schema: finding.schema),
                at: finding.first, notes: notes)
        }
    }

    private func grantsOnTables(_ target: GrantTarget) -> Bool {
        switch target {
        case .objects(.table, _, _), .allInSchema(.table, _), .scoped(.table, _, _, _), .defaultObjects(.table, _): true
        default: false
        }
    }
}
