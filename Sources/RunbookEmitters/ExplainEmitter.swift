import Foundation
package import RunbookCompile
package import RunbookModel
import RunbookPrivileges

/// `runbook explain`: everything the compiler recognised, with source lines, and each variant's plan.
package enum ExplainEmitter {
    package static func text(_ compiled: CompiledRunbook, variants: [Variant]) -> String {
        let page = RunbookPlan(compiled, dialect: compiled.scriptDialect)
        let client = compiled.scriptDialect.scriptClient
        let runbook = compiled.runbook
        var lines = ["\(compiled.path): \(runbook.title)", ""]
        lines.append("Choices:")
        if runbook.choiceGroups.isEmpty { lines.append("  (none)") }
        for group in runbook.choiceGroups {
            let scope =
                group.appliesUnder.contains(where: \.isAlways)
                ? "" : " — when " + group.appliesUnder.map(describe).joined(separator: " or ")
            lines.append("  \(group.id) (\(group.label))\(scope)")
            for alternative in group.alternatives {
                lines.append("    \(alternative.id): \(alternative.label)  [line \(alternative.range.start.line)]")
            }
        }
        lines.append("")
        lines.append("Parameters:")
        if runbook.parameters.isEmpty { lines.append("  (none)") }
        for parameter in runbook.parameters {
            let value = compiled.parameterValues[parameter.name] ?? parameter.defaultValue
            let changed = value == parameter.defaultValue ? "" : " (set to \(value))"
            lines.append(
                "  \(parameter.name) = \(parameter.defaultValue)\(changed)  [line \(parameter.range.start.line): \(parameter.origin)]"
            )
        }
        for secret in compiled.secrets {
            lines.append(
                "  \(secret.variable): password of \(secret.user), a \(client.name) variable  [line \(secret.range.start.line)]"
            )
        }
        lines.append("")
        lines.append("Claims:")
        if runbook.claims.isEmpty { lines.append("  (none)") }
        for claim in runbook.claims {
            let scope = claim.condition.isAlways ? "" : " — when \(describe(claim.condition))"
            lines.append("  \(claim.role): \(claim.text)  [line \(claim.range.start.line)]\(scope)")
            for requirement in claim.requirements {
                lines.append("    means: \(describe(requirement))")
            }
        }
        lines.append("")
        lines.append("Inferences:")
        for inference in runbook.inferences.sorted(by: {
            ($0.range.start, $0.kind.rawValue) < ($1.range.start, $1.kind.rawValue)
        }) {
            lines.append("  line \(inference.range.start.line): \(inference.kind.rawValue): \(inference.description)")
        }
        lines.append("")
        lines.append("Blocks:")
        if compiled.blocks.isEmpty { lines.append("  (none)") }
        for block in compiled.blocks {
            lines.append("  line \(block.block.range.start.line): \(runbook.placement(of: block.block))")
        }
        for variant in variants {
            lines.append("")
            lines.append("Variant \(variant.slug):")
            for label in variant.labels { lines.append("  \(label)") }
            lines.append("  Plan:")
            for entry in page.plan(for: variant).entries {
                switch entry {
                case .instruction(let instruction):
                    lines.append(
                        "    [line \(instruction.range.start.line)] \(instruction.step.isEmpty ? "" : "\(instruction.step) ")\(instruction.text)"
                    )
                case .connect(let database, let because):
                    let command = client.connect(to: compiled.database(database), as: because.user)
                    lines.append("    [line \(because.range.start.line)] \(command)  (\(because.phrase))")
                case .stay(let database, let because):
                    lines.append(
                        "    [line \(because.range.start.line)] stay on \(database.map(compiled.database) ?? "the starting database")  (\(because.phrase))"
                    )
                case .block(let block, let connection):
                    for (line, text) in displayedStatements(page, block: block) {
                        lines.append(
                            "    [line \(line)] \(connection.map { compiled.database($0) + "> " } ?? "> ")\(text.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }.joined(separator: " "))"
                        )
                    }
                }
            }
            lines.append("  Effective privileges (who can do what, and why):")
            let effective = compiled.privileges.results[variant.slug]?.effective ?? []
            if effective.isEmpty { lines.append("    (none)") }
            for privilege in effective {
                let usable = privilege.isUsable ? "" : " (granted, but unusable: no USAGE on the schema)"
                lines.append("    \(privilege.principal.name): \(privilege.privilege) on \(privilege.object)\(usable)")
                lines.append("      \(RunbookPrivileges.describe(privilege))")
            }
            lines += tablesNotNamed(compiled, variant: variant)
            let rows = compiled.privileges.results[variant.slug]?.grantRows ?? []
            if !rows.isEmpty {
                lines.append("  Grants, as SHOW GRANTS lists them (what `runbook build --verification` checks):")
                for row in rows.sorted() { lines.append("    \(describe(row))") }
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// What schema-wide grants (every table that exists when they run) and default privileges (tables created
    /// later, by whom) give each principal: tables the runbook never names, so the listing above cannot show them.
    static func tablesNotNamed(_ compiled: CompiledRunbook, variant: Variant) -> [String] {
        var lines: [String] = []
        for (principal, holding) in holdingsOnTablesNotNamed(compiled, variant: variant) {
            let usable = holding.usable ? "" : " (granted, but unusable: no USAGE on the schema)"
            lines.append("    \(principal.name): \(holding.privilege) on \(holding.object)\(usable)")
            lines.append("      \(holding.chain)")
        }
        guard !lines.isEmpty else { return [] }
        return [
            "  Tables the runbook does not name (ON ALL TABLES: those that exist; default privileges: those created later):"
        ]
            + lines
    }

    /// Each principal's holdings on the tables the runbook does not name, in the order the principals first
    /// appear among the variant's effective privileges.
    static func holdingsOnTablesNotNamed(
        _ compiled: CompiledRunbook, variant: Variant
    ) -> [(principal: Principal, holding: PrivilegeAnswer.Holding)] {
        guard let result = compiled.privileges.results[variant.slug] else { return [] }
        return PrivilegeQuestions.holdingsByPrincipal(result).filter(\.holding.isOnTablesNotNamed)
    }

    /// Statements as a script would run them: parameters substituted, passwords never shown.
    static func displayedStatements(_ page: RunbookPlan, block: PlannedBlock) -> [(line: Int, text: String)] {
        ScriptEmitter(dialect: page.dialect).statementsText(block, compiled: page.compiled).map { statement, text in
            (block.block.positions.location(statement.range.start).line, text)
        }
    }

    /// `ROLE SEGMENT_LINKED_ROLE: USAGE on WAREHOUSE SEGMENT_LINKED_WH`, `… (future, in DATABASE D)`.
    static func describe(_ row: GrantRow) -> String {
        let option = row.grantOption ? ", with grant option" : ""
        if row.isFuture {
            return
                "\(row.grantedTo) \(row.granteeName): \(row.privilege) on future \(row.grantedOn) in \(row.name)\(option)"
        }
        return "\(row.grantedTo) \(row.granteeName): \(row.privilege) on \(row.grantedOn) \(row.name)\(option)"
    }

    static func describe(_ condition: Condition) -> String {
        condition.sortedSelections.map { "\($0.group)=\($0.alternative)" }.joined(separator: ", ")
    }

    static func describe(_ requirement: Claim.Requirement) -> String {
        let access = requirement.access.map(\.rawValue).joined(separator: "+")
        switch requirement.target {
        case .database(let name): return "\(access) on database \(name)"
        case .schema(let name): return "\(access) on schema \(name)"
        case .tables(let names): return "\(access) on tables \(names.joined(separator: ", "))"
        }
    }

    // MARK: - JSON

    struct ModelJSON: Encodable {
        struct Group: Encodable {
            var id: String
            var label: String
            var line: Int
            var alternatives: [Alternative]
            var appliesUnder: [[String: String]]
        }
        struct Alternative: Encodable {
            var id: String
            var label: String
            var line: Int
        }
        struct Parameter: Encodable {
            var name: String
            var defaultValue: String
            var value: String
            var line: Int
            var origin: String
        }
        struct Secret: Encodable {
            var variable: String
            var user: String
            var line: Int
        }
        struct Claim: Encodable {
            var role: String
            var text: String
            var line: Int
            var when: [String: String]
            var requirements: [String]
        }
        struct Inference: Encodable {
            var kind: String
            var description: String
            var line: Int
            var column: Int
        }
        struct PlanEntry: Encodable {
            var kind: String
            var line: Int
            var step: String?
            var text: String
            var connection: String?
            /// The user a connection switch logs in as (`administrator`: whoever runs the script).
            var user: String? = nil
        }
        struct Privilege: Encodable {
            var principal: String
            var principalKind: String
            var privilege: String
            var object: String
            var usable: Bool
            var provenance: String
        }
        struct BlockPlacement: Encodable {
            var line: Int
            var language: String
            var role: String
            var step: String?
            var when: [String: String]
            var placement: String
        }
        struct VariantPlan: Encodable {
            var slug: String
            var selections: [String: String]
            var labels: [String]
            var plan: [PlanEntry]
            var effectivePrivileges: [Privilege]
            /// What ON ALL TABLES (every table that exists) and default privileges (tables created later, by
            /// whom) give, on tables the runbook does not name.
            var tablesNotNamed: [Privilege]
            /// Snowflake: the grants as SHOW GRANTS lists them; absent for the other dialects.
            var grants: [Grant]?
        }
        struct Grant: Encodable {
            var privilege: String
            var grantedOn: String
            var name: String
            var grantedTo: String
            var granteeName: String
            var grantOption: Bool
            var future: Bool
        }
        var file: String
        var title: String
        var sourceSHA256: String
        var choices: [Group]
        var parameters: [Parameter]
        var secrets: [Secret]
        var claims: [Claim]
        var inferences: [Inference]
        var blocks: [BlockPlacement]
        var variants: [VariantPlan]
    }

    package static func json(_ compiled: CompiledRunbook, variants: [Variant]) -> String {
        let page = RunbookPlan(compiled, dialect: compiled.scriptDialect)
        let runbook = compiled.runbook
        let model = ModelJSON(
            file: compiled.path, title: runbook.title, sourceSHA256: compiled.sourceHash,
            choices: runbook.choiceGroups.map { group in
                .init(
                    id: group.id, label: group.label, line: group.range.start.line,
                    alternatives: group.alternatives.map {
                        .init(id: $0.id, label: $0.label, line: $0.range.start.line)
                    },
                    appliesUnder: group.appliesUnder.map(\.selections))
            },
            parameters: runbook.parameters.map {
                .init(
                    name: $0.name, defaultValue: $0.defaultValue,
                    value: compiled.parameterValues[$0.name] ?? $0.defaultValue,
                    line: $0.range.start.line, origin: $0.origin)
            },
            secrets: compiled.secrets.map { .init(variable: $0.variable, user: $0.user, line: $0.range.start.line) },
            claims: runbook.claims.map {
                .init(
                    role: $0.role, text: $0.text, line: $0.range.start.line, when: $0.condition.selections,
                    requirements: $0.requirements.map(describe))
            },
            inferences: runbook.inferences.map {
                .init(
                    kind: $0.kind.rawValue, description: $0.description, line: $0.range.start.line,
                    column: $0.range.start.column)
            },
            blocks: compiled.blocks.map(\.block).map {
                .init(
                    line: $0.range.start.line, language: $0.language, role: $0.role.rawValue,
                    step: $0.step.isEmpty ? nil : $0.step.description, when: $0.condition.selections,
                    placement: runbook.placement(of: $0))
            },
            variants: variants.map { variant in
                .init(
                    slug: variant.slug, selections: variant.selections, labels: variant.labels,
                    plan: page.plan(for: variant).entries.flatMap { entry -> [ModelJSON.PlanEntry] in
                        switch entry {
                        case .instruction(let instruction):
                            return [
                                .init(
                                    kind: "instruction", line: instruction.range.start.line,
                                    step: instruction.step.isEmpty ? nil : instruction.step.description,
                                    text: instruction.text)
                            ]
                        case .connect(let database, let because):
                            return [
                                .init(
                                    kind: "connect", line: because.range.start.line, step: because.step.description,
                                    text: because.phrase, connection: compiled.database(database),
                                    user: because.user.map { $0.name ?? "administrator" })
                            ]
                        case .stay(let database, let because):
                            return [
                                .init(
                                    kind: "stay", line: because.range.start.line, step: because.step.description,
                                    text: because.phrase, connection: database.map(compiled.database))
                            ]
                        case .block(let planned, let connection):
                            let block = planned.block
                            return displayedStatements(page, block: planned).map { line, text in
                                .init(
                                    kind: "statement", line: line,
                                    step: block.step.isEmpty ? nil : block.step.description, text: text,
                                    connection: connection.map(compiled.database))
                            }
                        }
                    },
                    effectivePrivileges: (compiled.privileges.results[variant.slug]?.effective ?? []).map {
                        .init(
                            principal: $0.principal.name, principalKind: $0.principal.kind.rawValue,
                            privilege: $0.privilege,
                            object: $0.object.description, usable: $0.isUsable,
                            provenance: RunbookPrivileges.describe($0))
                    },
                    tablesNotNamed: holdingsOnTablesNotNamed(compiled, variant: variant).map { principal, holding in
                        .init(
                            principal: principal.name, principalKind: principal.kind.rawValue,
                            privilege: holding.privilege, object: holding.object, usable: holding.usable,
                            provenance: holding.chain)
                    },
                    grants: grantsJSON(compiled.privileges.results[variant.slug]?.grantRows ?? []))
            })
        return JSONOutput.encode(model)
    }

    private static func grantsJSON(_ rows: [GrantRow]) -> [ModelJSON.Grant]? {
        guard !rows.isEmpty else { return nil }
        return rows.sorted().map {
            .init(
                privilege: $0.privilege, grantedOn: $0.grantedOn, name: $0.name, grantedTo: $0.grantedTo,
                granteeName: $0.granteeName, grantOption: $0.grantOption, future: $0.isFuture)
        }
    }
}
