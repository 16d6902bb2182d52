package import RunbookModel
package import RunbookSQL

/// A dialect's privilege model: the account or cluster it starts from, how it runs a variant's plan, what it
/// leaves for the rest of the tool, and which checks read it. `PrivilegeModels.model(for:)` is the one place
/// a dialect chooses its model.
package protocol PrivilegeModel: Sendable {
    /// The state before the runbook's first statement.
    func initialCatalog(dialect: SQLDialect) -> Catalog
    /// Runs one variant's plan from `catalog`.
    func simulate(runbook: Runbook, statements: ParsedBlocks, variant: Variant, catalog: Catalog) -> Simulation
    /// What the variant leaves: effective privileges and, where the engine lists them so, grant rows.
    func result(of simulation: Simulation) -> VariantResult
    /// The checks that apply to this model, in rule order.
    var checks: [any PrivilegeCheck] { get }
}

/// The models, keyed by dialect.
package enum PrivilegeModels {
    package static func model(for dialect: SQLDialect) -> any PrivilegeModel {
        switch dialect {
        case .redshift, .postgres: ClusterModel()
        case .snowflake: SnowflakeModel()
        }
    }
}

/// Redshift and PostgreSQL: a cluster run by a superuser, simulated by `Simulator`.
package struct ClusterModel: PrivilegeModel {
    package init() {}

    package func initialCatalog(dialect: SQLDialect) -> Catalog { Catalog(dialect: dialect) }

    package func simulate(runbook: Runbook, statements: ParsedBlocks, variant: Variant, catalog: Catalog) -> Simulation
    {
        Simulator.run(
            runbook: runbook, statements: statements, variant: variant, dialect: catalog.dialect, catalog: catalog)
    }

    package func result(of simulation: Simulation) -> VariantResult {
        VariantResult(
            variant: simulation.variant, catalog: simulation.catalog,
            effective: PrivilegeAnalysis.effectivePrivileges(in: simulation.catalog))
    }

    package var checks: [any PrivilegeCheck] { PrivilegeChecks.all }
}
