package import RunbookDiagnostics
import RunbookSQL

/// ALTER DEFAULT PRIVILEGES covers only tables created by its target users (FOR USER, or the user running it).
/// When other users can create tables in the schema, their tables get nothing (reference §3, §8.5). Each such
/// creator is tested with a simulated future table, so scoped grants or other defaults that cover it count.
package struct DefaultPrivilegesGapCheck: PrivilegeCheck {
    package static let rule = Rule.privilegesDefaultPrivilegesGap

    package init() {}

    package func check(_ simulation: Simulation) -> [Diagnostic] {
        let catalog = simulation.catalog
        var diagnostics: [Diagnostic] = []
        for executed in simulation.executed {
            guard case .alterDefaultPrivileges(let defaults) = executed.statement.kind,
                defaults.action.action == .grant,
                case .defaultObjects(.table, _) = defaults.action.target
            else { continue }
            let creators = defaults.targets.isEmpty ? [catalog.admin] : defaults.targets.map(\.value)
            let privileges = PrivilegeVocabulary.expand(
                defaults.action.privileges, on: .table, dialect: simulation.dialect)
            let schemas =
                executed.schemas.isEmpty
                ? catalog.objects.compactMap {
                    if case .schema(let name) = $0, name.database == executed.database { name } else { nil }
                }
                : executed.schemas
            for schema in Set(schemas).sorted() {
                let uncovered = otherCreators(of: schema, excluding: creators, in: catalog).filter { creator in
                    let (future, table) = catalog.simulateTableCreation(by: creator.user.name, in: schema)
                    return executed.grantees.contains { grantee in
                        let held = Set(future.effectivePrivileges(of: grantee, on: [.table(table)]).map(\.privilege))
                        return !privileges.allSatisfy(held.contains)
                    }
                }
                guard !uncovered.isEmpty else { continue }
                diagnostics.append(
                    gap(
                        executed, schema: schema, creators: creators, uncovered: uncovered, privileges: privileges,
                        dialect: simulation.dialect))
            }
        }
        return diagnostics
    }

    /// Users other than `creators` who can create tables in `schema`, with the role that lets them, if any.
    private func otherCreators(
        of schema: SchemaName, excluding creators: [String], in catalog: Catalog
    ) -> [(user: Principal, through: String?)] {
        catalog.principals(of: .user).compactMap { user in
            guard !creators.contains(user.name), !catalog.isSuperuser(user),
                let create = catalog.effectivePrivileges(of: user, on: [.schema(schema)]).first(where: {
                    $0.privilege == "CREATE"
                }), !create.provenance.contains(.everyone)
            else { return nil }
            let through = create.provenance.lazy.compactMap { step -> String? in
                if case .memberOf(let container, _) = step { container.name } else { nil }
            }.first
            return (user, through)
        }
    }

    private func gap(
        _ executed: ExecutedStatement, schema: SchemaName, creators: [String],
        uncovered: [(user: Principal, through: String?)], privileges: [String], dialect: SQLDialect
    ) -> Diagnostic {
        let whose =
            creators.count == 1
            ? "tables that \(creators[0]) creates" : "tables that \(creators.joined(separator: ", ")) create"
        let others = uncovered.map { creator in
            creator.through.map { "\(creator.user.name) (through \($0))" } ?? creator.user.name
        }
        let grantees = executed.grantees.map(\.name).joined(separator: ", ")
        let privilegeList = privileges.joined(separator: ", ")
        let forWord = dialect == .redshift ? "FOR USER" : "FOR ROLE"
        // FOR USER replaces the implicit current user, so the suggestion lists the covered creators too.
        let targets = (creators + uncovered.map(\.user.name)).joined(separator: ", ")
        var notes = [DiagnosticNote("write \(forWord) \(targets) to cover the tables each of them creates")]
        if dialect == .redshift {
            let grantee = executed.grantees.first?.description ?? "…"
            notes.append(
                DiagnosticNote(
                    "or use a scoped grant, which covers every creator: GRANT \(privilegeList) FOR TABLES IN SCHEMA "
                        + "\(schema.schema) TO \(grantee)"))
        }
        return Diagnostic(
            DefaultPrivilegesGapMessage(
                whose: whose, schema: schema.schema, others: others, grantees: grantees, privileges: privilegeList),
            at: executed.origin.range, notes: notes)
    }
}
