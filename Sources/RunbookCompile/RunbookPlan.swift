package import RunbookModel
package import RunbookSQL

/// A statement as the client of the page's scripts receives it: as the document writes it (Redshift,
/// Snowflake), or translated for PostgreSQL. Worked out once per page, so the script, the checklist, explain
/// and the page all show the same statement.
package struct ClientStatement: Sendable {
    /// The statement as the document writes it: its position, its comments, what it does.
    package var statement: Statement
    /// The PostgreSQL translation the client runs instead; nil when the statement runs as written.
    package var translation: Translation?

    package init(statement: Statement, translation: Translation?) {
        self.statement = statement
        self.translation = translation
    }

    /// What the translation left out of a statement it otherwise kept (`ALTER, DROP dropped: …`).
    package var dropped: [String] { translation?.dropped ?? [] }
}

/// One fenced block with its statements for the page's client.
package struct PlannedBlock: Sendable {
    package var compiled: CompiledBlock
    /// The block's statements in order, each with what the client runs; empty unless the block is checkable SQL.
    package var statements: [ClientStatement]

    package var block: Block { compiled.block }
}

/// What a person following one variant does, in order, with every block's statements for the client: the
/// model's plan (`Runbook.plan(for:)`) joined to the page's planned blocks.
package struct VariantPlan: Sendable {
    package typealias Entry = PlanEntry<PlannedBlock>

    /// The model's plan, which the inputs digest of a script hashes.
    package var plan: Plan
    package var entries: [Entry]

    package var variant: Variant { plan.variant }
}

/// Every block of a compiled runbook with its statements for one client, and each variant's plan over them:
/// what the emitters format. Statements are translated here, once per page, and nowhere else: an emitter
/// reads `ClientStatement.translation` and never calls the translator.
package struct RunbookPlan: Sendable {
    package var compiled: CompiledRunbook
    /// The dialect of the scripts: the client they are written for, and whether statements are translated.
    package var dialect: SQLDialect
    /// Indexed by `Block.index`, like `CompiledRunbook.blocks`.
    package var blocks: [PlannedBlock]
    /// One per variant of the compiled runbook, in its order.
    package private(set) var variants: [VariantPlan]
    /// Where each variant's plan is in `variants`, by slug.
    private var variantIndex: [String: Int] = [:]

    /// `translate` is PostgreSQL's translator; a test passes one that counts its calls.
    package init(
        _ compiled: CompiledRunbook, dialect: SQLDialect,
        translate: (Statement) -> Translation = PostgresTranslator.translate
    ) {
        self.compiled = compiled
        self.dialect = dialect
        let translates = dialect == .postgres
        blocks = compiled.blocks.map { block in
            PlannedBlock(
                compiled: block,
                statements: block.statements.map {
                    ClientStatement(statement: $0, translation: translates ? translate($0) : nil)
                })
        }
        variants = []
        variants = compiled.variants.map { plan(for: compiled.runbook.plan(for: $0)) }
        for (index, plan) in variants.enumerated() { variantIndex[plan.variant.slug] = index }
    }

    /// The plan of `variant`, which need not be one of the compiled runbook's (a test's own selection).
    package func plan(for variant: Variant) -> VariantPlan {
        if let index = variantIndex[variant.slug], variants[index].variant == variant { return variants[index] }
        return plan(for: compiled.runbook.plan(for: variant))
    }

    /// The model's plan joined to the planned blocks.
    package func plan(for plan: Plan) -> VariantPlan {
        VariantPlan(plan: plan, entries: plan.entries.compactMap { $0.mapBlock(planned) })
    }

    /// The planned block of a block of the runbook.
    package func planned(_ block: Block) -> PlannedBlock? {
        blocks.indices.contains(block.index) ? blocks[block.index] : nil
    }
}
