package import RunbookDiagnostics
package import RunbookModel
package import RunbookSQL

/// What the simulation of one variant leaves behind.
package struct VariantResult: Sendable {
    package var variant: Variant
    package var catalog: Catalog
    /// The effective privileges of every user and role the runbook creates, on every object it creates or
    /// assumes, sorted by principal, object and privilege.
    package var effective: [EffectivePrivilege]
    /// Snowflake: the grants the account holds when the runbook has run, as `SHOW GRANTS` lists them (what the
    /// verification script expects). Empty for the other dialects.
    package var grantRows: [GrantRow]

    package init(variant: Variant, catalog: Catalog, effective: [EffectivePrivilege], grantRows: [GrantRow] = []) {
        self.variant = variant
        self.catalog = catalog
        self.effective = effective
        self.grantRows = grantRows
    }
}

/// One grant as Snowflake's SHOW GRANTS shows it (https://docs.snowflake.com/en/sql-reference/sql/show-grants):
/// a privilege on an object to a role, a role granted to a role or user (privilege `USAGE`, `grantedOn` `ROLE`),
/// or a future grant (`isFuture`; `name` is then the container and `grantedOn` the object type, `TABLE`).
package struct GrantRow: Hashable, Sendable, Comparable {
    /// `SELECT`, `USAGE`, `OWNERSHIP`, `CREATE SCHEMA`.
    package var privilege: String
    /// SHOW GRANTS' `granted_on`: `ACCOUNT`, `WAREHOUSE`, `DATABASE`, `SCHEMA`, `TABLE`, `VIEW`, `ROLE`, `DATABASE_ROLE`.
    package var grantedOn: String
    /// Fully qualified, as SHOW GRANTS prints it: `SEGMENT_DB`, `SEGMENT_DB.PUBLIC`, `SEGMENT_DB.PUBLIC.USERS`.
    package var name: String
    /// SHOW GRANTS' `granted_to`: `ROLE`, `USER`, `DATABASE_ROLE`.
    package var grantedTo: String
    package var granteeName: String
    package var grantOption: Bool
    /// `SHOW GRANTS` lists future grants only with `FUTURE IN SCHEMA|DATABASE`.
    package var isFuture: Bool

    package init(
        privilege: String, grantedOn: String, name: String, grantedTo: String, granteeName: String,
        grantOption: Bool = false, isFuture: Bool = false
    ) {
        self.privilege = privilege
        self.grantedOn = grantedOn
        self.name = name
        self.grantedTo = grantedTo
        self.granteeName = granteeName
        self.grantOption = grantOption
        self.isFuture = isFuture
    }

    package static func < (lhs: GrantRow, rhs: GrantRow) -> Bool {
        (lhs.granteeName, lhs.grantedTo, lhs.grantedOn, lhs.name, lhs.privilege, lhs.isFuture ? 1 : 0)
            < (rhs.granteeName, rhs.grantedTo, rhs.grantedOn, rhs.name, rhs.privilege, rhs.isFuture ? 1 : 0)
    }
}

/// The privilege analysis of a runbook: diagnostics merged across variants, and each variant's result.
package struct PrivilegeReport: Sendable {
    /// Deduplicated: a finding that occurs in several variants is reported once, with all their slugs.
    package var diagnostics: [Diagnostic]
    /// Keyed by variant slug.
    package var results: [String: VariantResult]

    package init(diagnostics: [Diagnostic], results: [String: VariantResult]) {
        self.diagnostics = diagnostics
        self.results = results
    }
}

package enum PrivilegeAnalysis {
    /// Simulates every variant of `runbook` with the dialect's model and runs the model's checks on each.
    /// `statements` holds each block's parsed statements. `createdOutsideChecks` are
    /// the users, roles, schemas and databases that blocks of another engine create: they exist for the
    /// simulation from the start, so a checked block that uses one is not told it does not.
    package static func analyze(
        runbook: Runbook, statements: ParsedBlocks, dialect: SQLDialect, createdOutsideChecks: [SkippedCreation] = []
    ) -> PrivilegeReport {
        var merged: [Diagnostic] = []
        var positions: [DiagnosticKey: Int] = [:]
        var results: [String: VariantResult] = [:]
        let model = PrivilegeModels.model(for: dialect)
        let checks = model.checks
        var initial = model.initialCatalog(dialect: dialect)
        initial.addCreatedOutsideChecks(createdOutsideChecks)
        // Whether a finding already lists a variant, without comparing slugs (a string comparison per variant
        // listed, and a slug grows with the choice groups: 586 groups make 7 kB slugs, and comparing them was 8 %
        // of checking that page). Variants come one after another, so a finding lists the current one exactly
        // when the last variant it was found in is this one; only a slug that an earlier variant also has (never
        // in practice) is looked for by value. One 32-bit number per finding, none when there is one variant.
        let variants = runbook.variants
        var firstPosition: [String: Int] = [:]
        for (position, variant) in variants.enumerated() where firstPosition[variant.slug] == nil {
            firstPosition[variant.slug] = position
        }
        var lastVariant: [Int32] = []
        for (position, variant) in variants.enumerated() {
            let slugIsRepeated = firstPosition[variant.slug] != position
            let simulation = model.simulate(
                runbook: runbook, statements: statements, variant: variant, catalog: initial)
            results[variant.slug] = model.result(of: simulation)
            for check in checks {
                for diagnostic in check.check(simulation) {
                    let key = DiagnosticKey(diagnostic)
                    if let index = positions[key] {
                        if variants.count > 1, lastVariant[index] != Int32(position) {
                            lastVariant[index] = Int32(position)
                            if !slugIsRepeated || !merged[index].variants.contains(variant.slug) {
                                merged[index].variants.append(variant.slug)
                            }
                        }
                        for note in diagnostic.notes where !merged[index].notes.contains(note) {
                            merged[index].notes.append(note)
                        }
                    } else {
                        var first = diagnostic
                        first.variants = [variant.slug]
                        positions[key] = merged.count
                        merged.append(first)
                        if variants.count > 1 { lastVariant.append(Int32(position)) }
                    }
                }
            }
        }
        // A runbook without choices has one variant, `default`: its findings do not depend on a variant.
        if results.count == 1 {
            for index in merged.indices { merged[index].variants = [] }
        }
        return PrivilegeReport(diagnostics: merged.sorted(by: Diagnostic.presentationOrder), results: results)
    }

    /// The privileges of the users and roles the runbook creates, on the objects it creates or assumes.
    static func effectivePrivileges(in catalog: Catalog) -> [EffectivePrivilege] {
        let principals = catalog.principals.values
            .filter { $0.origin.isCreatedByRunbook && ($0.principal.kind == .user || $0.principal.kind == .role) }
            .map(\.principal).sorted()
        let objects = catalog.objects.filter {
            guard let origin = catalog.origin(of: $0) else { return false }
            return origin.isCreatedByRunbook || origin.isAssumed
        }
        return principals.flatMap { catalog.effectivePrivileges(of: $0, on: objects) }
    }

    /// Findings are the same when rule, place and message agree; notes may differ by variant and are merged.
    private struct DiagnosticKey: Hashable {
        var rule: RuleID
        var range: SourceRange
        var message: String

        init(_ diagnostic: Diagnostic) {
            rule = diagnostic.rule
            range = diagnostic.range
            message = diagnostic.message
        }
    }
}
