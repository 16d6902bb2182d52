package import RunbookCompile
package import RunbookDiagnostics
package import RunbookModel
package import RunbookSQL

/// `DIR/index.html` of a build that writes several runbooks: each with its title, source, finding counts and
/// variants, linking to its page (at that variant) and its scripts. Inert like the pages: a style, no script.
package struct IndexEmitter: Sendable {
    package var templates: HTMLTemplates

    package init(templates: HTMLTemplates) {
        self.templates = templates
    }

    /// One runbook of the build.
    package struct Entry: Sendable {
        package var compiled: CompiledRunbook
        /// The variants the build wrote (all, or those `--variant` chose).
        package var variants: [Variant]
        /// The findings as the build reports them (policy applied, omissions included).
        package var diagnostics: [Diagnostic]
        package var dialect: SQLDialect

        package init(compiled: CompiledRunbook, variants: [Variant], diagnostics: [Diagnostic], dialect: SQLDialect) {
            self.compiled = compiled
            self.variants = variants
            self.diagnostics = diagnostics
            self.dialect = dialect
        }
    }

    /// The page, entries in the order given; links are relative to the output directory.
    package func render(_ entries: [Entry]) -> String {
        let runbooks: [[String: Any]] = entries.map { entry in
            let count = { (severity: Severity) in entry.diagnostics.filter { $0.severity == severity }.count }
            let (errors, warnings, notes) = (count(.error), count(.warning), count(.note))
            let page = "\(entry.compiled.name)/index.html"
            var item: [String: Any] = [
                "name": entry.compiled.name,
                "title": entry.compiled.runbook.title,
                "href": page,
                "sourcePath": entry.compiled.path,
                "dialect": entry.dialect.displayName,
                "hasDiagnostics": errors + warnings + notes > 0,
                "variants": entry.variants.map { variant -> [String: Any] in
                    [
                        "label": variant.labels.isEmpty ? "the runbook" : variant.labels.joined(separator: " · "),
                        "href": entry.compiled.variants.count > 1 ? "\(page)#variant=\(variant.slug)" : page,
                        "scriptHref": "\(entry.compiled.name)/\(variant.slug).sql",
                        "scriptName": "\(variant.slug).sql",
                    ]
                },
            ]
            // Zero counts are left out: a mustache section treats a missing key as false.
            for (key, value) in [("errors", errors), ("warnings", warnings), ("notes", notes)] where value > 0 {
                item[key] = value
                item[key + "Plural"] = value == 1 ? "" : "s"
            }
            return item
        }
        let context: [String: Any] = [
            "generator": GeneratorVersion.current,
            "count": entries.count,
            "csp": HTMLEmitter.contentSecurityPolicy(script: nil, style: templates.style),
            "style": templates.style,
            "runbooks": runbooks,
        ]
        return templates.index.render(context)
    }
}
