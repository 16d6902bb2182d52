package import RunbookCompile
import RunbookDiagnostics
package import RunbookEmitters
package import RunbookModel
package import RunbookSQL

/// What `runbook build` writes for one compiled runbook.
package struct BuildOptions: Sendable {
    package var dialect: SQLDialect
    /// Only these variants (slugs); all when empty.
    package var variants: [String]

    package init(dialect: SQLDialect = .redshift, variants: [String] = []) {
        self.dialect = dialect
        self.variants = variants
    }
}

package enum Builder {
    /// The variants a build selects, or a usage error naming an unknown slug.
    package static func selectedVariants(_ compiled: CompiledRunbook, slugs: [String]) throws(UsageError) -> [Variant] {
        guard !slugs.isEmpty else { return compiled.variants }
        var result: [Variant] = []
        for slug in slugs {
            guard let variant = compiled.variants.first(where: { $0.slug == slug }) else {
                var message =
                    "--variant \(slug): \(compiled.path) has no such variant (see `runbook variants \(compiled.path)`)"
                if let suggestion = Suggestion.closest(to: slug, in: compiled.variants.map(\.slug)) {
                    message += "; did you mean '\(suggestion)'?"
                }
                throw UsageError(message)
            }
            result.append(variant)
        }
        return result
    }

    /// Every output file of one runbook, in a stable order; with `html`, `NAME/index.html` last, with each
    /// variant's privilege graph drawn by Graphviz unless `drawGraphs` is false (the section is then left out).
    /// With `verification` (Snowflake only), each variant's `VARIANT.verify.sql` follows its checklist.
    /// Every output formats one plan of the page (`RunbookPlan`), so each statement is translated once.
    package static func outputs(
        _ compiled: CompiledRunbook, variants: [Variant], dialect: SQLDialect, html: HTMLTemplates? = nil,
        plain: Bool = false, verification: Bool = false, drawGraphs: Bool = true
    ) -> (files: [OutputFile], omissions: [ScriptEmitter.Omission]) {
        var files: [OutputFile] = []
        var omissions: [ScriptEmitter.Omission] = []
        let scripts = ScriptEmitter(dialect: dialect, plain: plain)
        let checklists = ChecklistEmitter(dialect: dialect)
        let page = RunbookPlan(compiled, dialect: dialect)
        for variant in variants {
            let variantPlan = page.plan(for: variant)
            let plan = variantPlan.plan
            let script = scripts.render(page, plan: variantPlan)
            omissions.append(contentsOf: script.omissions.filter { !omissions.contains($0) })
            files.append(OutputFile(path: "\(compiled.name)/\(variant.slug).sql", contents: script.text))
            files.append(
                OutputFile(
                    path: "\(compiled.name)/\(variant.slug).checklist.md",
                    contents: checklists.render(page, plan: variantPlan)))
            if verification, dialect == .snowflake {
                let rows = compiled.privileges.results[variant.slug]?.grantRows ?? []
                files.append(
                    OutputFile(
                        path: "\(compiled.name)/\(VerificationEmitter.fileName(variant: variant.slug))",
                        contents: VerificationEmitter().render(compiled, plan: plan, rows: rows)))
            }
        }
        if let html {
            files.append(
                OutputFile(
                    path: "\(compiled.name)/index.html",
                    contents: HTMLEmitter(dialect: dialect, templates: html)
                        .render(
                            page,
                            graphs: drawGraphs ? GraphDrawing.pictures(compiled, variants: compiled.variants) : nil)))
        }
        let stampedFiles = files.map {
            OutputFile(path: $0.path, contents: GeneratedFile.stamped($0.contents, path: $0.path))
        }
        return (stampedFiles, omissions)
    }

    /// `index.html` of the output directory, when a build writes several runbooks: each one's page, variants,
    /// scripts and finding counts.
    package static func index(_ entries: [IndexEmitter.Entry], html: HTMLTemplates) -> OutputFile {
        let path = "index.html"
        return OutputFile(
            path: path, contents: GeneratedFile.stamped(IndexEmitter(templates: html).render(entries), path: path))
    }
}
