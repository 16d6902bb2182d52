import Foundation
import RunbookCompile
import RunbookDriver
import RunbookModel
import RunbookTestSupport
import Testing

@testable import RunbookEmitters

/// The HTML page's structure and its safety, without a browser (the browser tests are in EndToEndTests).
@Suite struct HTMLEmitterTests {
    static func compile(_ text: String, path: String = "doc.md", unsafeHTML: Bool = false) -> CompiledRunbook {
        RunbookCompiler(options: CompileOptions(renderHTML: true, unsafeHTML: unsafeHTML))
            .compile(path: path, bytes: Array(text.utf8))
    }

    static func page(_ compiled: CompiledRunbook) throws -> String {
        HTMLEmitter(dialect: .redshift, templates: try HTMLTemplates.builtin).render(
            RunbookPlan(compiled, dialect: .redshift))
    }

    static func guide() throws -> CompiledRunbook {
        let path = "runbooks/redshift-data-graph.md"
        let bytes = try [UInt8](Data(contentsOf: packageRoot.appendingPathComponent(path)))
        return RunbookCompiler(options: CompileOptions(renderHTML: true)).compile(path: path, bytes: bytes)
    }

    /// Every start tag of the page (escaped text cannot contain `<`, so these are real elements).
    static func tags(_ html: String) -> [String] {
        html.matches(of: /<[A-Za-z][^<>]*>/).map { String($0.output) }
    }

    // MARK: - The guide

    @Test func guidePageMatchesItsGoldenFile() throws {
        let compiled = try Self.guide()
        let variants = compiled.variants
        // The graphs are Graphviz's drawing (its version's): their DOT has golden files of its own.
        let (files, _) = Builder.outputs(
            compiled, variants: variants, dialect: .redshift, html: try HTMLTemplates.builtin, drawGraphs: false)
        let page = try #require(files.last)
        #expect(page.path == "redshift-data-graph/index.html")
        #expect(files.count == 2 * variants.count + 1)
        Snapshot.assertMatches(page.contents, named: page.path)
    }

    /// Beside each variant's picture, the same as a list: for readers who cannot see the picture, and for a page
    /// built without Graphviz. Tables reached through ON ALL TABLES and default privileges are in it, with the
    /// statement that gives them; the list is escaped text.
    @Test func theGraphIsAlsoAList() throws {
        let compiled = try Self.guide()
        let graphs = Dictionary(
            uniqueKeysWithValues: compiled.variants.map {
                ($0.slug, PrivilegeGraphEmitter.Picture.unavailable("no dot here"))
            })
        let emitter = HTMLEmitter(dialect: .redshift, templates: try HTMLTemplates.builtin)
        let page = emitter.render(RunbookPlan(compiled, dialect: .redshift), graphs: graphs)
        #expect(page.components(separatedBy: "<details class=\"graph-list\">").count == compiled.variants.count + 1)
        let slug = try #require(compiled.variants.first?.slug)
        let figure = try #require(
            page.components(separatedBy: "<figure class=\"graph\" data-variant=\"\(slug)\">").dropFirst().first?
                .components(separatedBy: "</figure>").first)
        #expect(figure.contains("<li><b>segment_user</b>: SELECT on every table that exists in schema "), "\(figure)")
        #expect(figure.contains("tables that"), "\(figure)")
        #expect(figure.contains("segment_user ← member of segment_linked_role ← GRANT"), "\(figure)")
        #expect(figure.contains("no dot here"))
        // Without graphs (drawing turned off) there is no list either.
        #expect(!(try Self.page(compiled)).contains("graph-list\">"))
    }

    @Test func guidePageNeverShowsThePassword() throws {
        let page = try Self.page(Self.guide())
        #expect(!page.contains("Abc123"))
        #expect(page.contains(":&#39;segment_user_password&#39;"))
    }

    @Test func guidePageIsByteIdenticalAcrossRuns() throws {
        let first = try Self.page(Self.guide())
        let second = try Self.page(Self.guide())
        #expect(first == second)
    }

    @Test func guideBranchesCarryTheirConditionAndALabel() throws {
        let page = try Self.page(Self.guide())
        for (when, label) in [
            ("permissions=option-1", "Only for Permissions Option 1"),
            ("permissions=option-2", "Only for Permissions Option 2"),
            ("permissions=option-1 step-3-4-2=option-2", "Only for Permissions Option 1 · Option 2"),
            ("permissions=option-2 step-3-4-2=option-1", "Only for Permissions Option 2 · Option 1"),
        ] {
            #expect(
                page.contains("data-when=\"\(when)\">\n<p class=\"only-for\">\(label)</p>")
                    || page.contains("data-when=\"\(when)\"><p class=\"only-for\">\(label)</p>"), "\(when)")
        }
        // Every statement of every executable block is on the page, once.
        #expect(page.matches(of: /<span class="stmt">/).count == 22)
        // Step headings can be renumbered per variant.
        #expect(page.contains("data-numbers=\"{&quot;permissions-option-1_step-3-4-2-option-1&quot;:1,"))
    }

    /// The page shows each element under the condition the model read it under, so a lead-in ("If using …:")
    /// and what follows it up to the next lead-in sit in that alternative's branch, as in the scripts.
    @Test func leadInsAndWhatFollowsThemShareTheirAlternativesBranch() throws {
        let compiled = Self.compile(
            """
            # Setup

            ## Step 1: Grant access

            If using PostgreSQL 15 or later:

            ```sql
            GRANT pg_read_all_data TO reader;
            ```

            The role reads every table.

            If using an earlier version:

            ```sql
            GRANT SELECT ON ALL TABLES IN SCHEMA public TO reader;
            ```
            """)
        let page = try Self.page(compiled)
        // Each branch up to its closing tag, alone on its line (a code block's head closes on its own line).
        let branches = page.split(separator: "<div class=\"branch\"").dropFirst().map { branch in
            String(branch[..<(branch.firstRange(of: "\n</div>\n")?.lowerBound ?? branch.endIndex)])
        }
        #expect(branches.count == 2, "\(branches)")
        #expect(branches.first?.contains("<p>If using PostgreSQL 15 or later:</p>") == true)
        #expect(branches.first?.contains("The role reads every table.") == true)
        #expect(branches.first?.contains("earlier version") == false)
        #expect(branches.last?.contains("<p>If using an earlier version:</p>") == true)
        // The scripts agree: each variant runs its alternative's grant only.
        let statements = compiled.variants.map { variant in
            compiled.runbook.plan(for: variant).blocks.map(\.block.text).joined()
        }
        #expect(statements.count == 2)
        #expect(statements.filter { $0.contains("pg_read_all_data") }.count == 1)
    }

    @Test func contentSecurityPolicyHashesTheInlineScriptAndStyle() throws {
        let page = try Self.page(Self.guide())
        let script = try #require(page.firstMatch(of: /<script>([\s\S]*?)<\/script>/)).output.1
        let style = try #require(page.firstMatch(of: /<style>([\s\S]*?)<\/style>/)).output.1
        let policy = HTMLEmitter.contentSecurityPolicy(script: String(script), style: String(style))
        let escaped = policy.replacingOccurrences(of: "'", with: "&#39;")
        #expect(page.contains("<meta http-equiv=\"Content-Security-Policy\" content=\"\(escaped)\">"))
        #expect(policy.hasPrefix("default-src 'none'; script-src 'sha256-"))
        #expect(policy.contains("img-src data:"))
        #expect(!policy.contains("unsafe"))
        #expect(HTMLEmitter.sha256("") == "sha256-47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=")
        #expect(page.matches(of: /<script/).count == 1)
        #expect(page.matches(of: /<style/).count == 1)
    }

    // MARK: - Numbering

    @Test func stepsAndSubStepsAreNumberedPerVariant() throws {
        let compiled = Self.compile(Fixtures.numbering)
        #expect(compiled.variants.map(\.slug) == ["extra-option-1", "extra-option-2"])
        let page = try Self.page(compiled)
        #expect(page.contains("data-numbers=\"{&quot;extra-option-1&quot;:3,&quot;extra-option-2&quot;:2}\""))
        #expect(page.contains("data-numbers=\"{&quot;extra-option-1&quot;:2}\""))
        let checklists = page.components(separatedBy: "<section class=\"checklist\"").dropFirst()
        let tasks = checklists.map { section in
            section.matches(of: /<span class="task-text">(?:<b>([0-9.]+)<\/b> )?(Step [0-9]+)?/).map {
                String($0.output.1 ?? $0.output.2 ?? "")
            }
        }
        #expect(tasks == [["Step 1", "Step 2", "Step 3", "3.1", "3.3"], ["Step 1", "Step 2", "2.1", "2.2"]])
        #expect(!page.contains("Secret-Value-99"))
    }

    // MARK: - Hostile documents

    static let hostile = #"""
        ---
        title: "<script>document.title='PWNED'</script>\"><img src=x onerror=alert(1)>"
        ---
        # Heading <script>alert(1)</script>

        Text with [a link](javascript:alert(1)), [another](JAVASCRIPT:alert(2)), [data](data:text/html,<script>alert(1)</script>), <img src=x onerror="alert(1)"> and ![tracker](https://evil.example/t.png) <b onclick="alert(1)">bold</b>.

        <div onmouseover="alert(1)">raw block</div>

        <script>document.title = 'PWNED'</script>

        ## Colour Option 1

        Pick `"><img src=x onerror=alert(1)>`.

        ## Colour Option 2

        Nothing.

        ### Step 1: <img src=x onerror=alert(1)> `</h3><script>alert(1)</script>`

        1. Select 1 of the options below:

           a. (Option 1): `"><img src=x onerror=alert(1)>` <script>alert(1)</script>

           ```sql" onmouseover="alert(1)" x='<script>'
           SELECT '<script>alert(1)</script>' AS "\"><img src=x onerror=alert(1)>";
           ```

           b. (Option 2): plain

           ```"><script>alert(3)</script>
           plain </code></pre><script>alert(4)</script>
           ```
        """#

    @Test func hostileTextIsEscapedWhereverItLands() throws {
        let page = try Self.page(Self.compile(Self.hostile))
        #expect(page.matches(of: /<script/).count == 1, "only the page's own script element")
        for tag in Self.tags(page) {
            #expect(tag.firstMatch(of: /\s[oO][nN][a-zA-Z]+\s*=/) == nil, "event handler attribute in \(tag)")
            #expect(
                tag.lowercased().firstMatch(of: /(href|src)\s*=\s*"\s*(javascript|vbscript|data:text)/) == nil, "\(tag)"
            )
            if let source = tag.firstMatch(of: /\ssrc="([^"]*)"/) {
                #expect(source.output.1.hasPrefix("data:image/"), "a resource loaded from \(source.output.1)")
            }
            #expect(!tag.hasPrefix("<img src=\"https"), "\(tag)")
        }
        #expect(
            page.contains(
                "<title>&lt;script&gt;document.title=&#39;PWNED&#39;&lt;/script&gt;&quot;&gt;&lt;img src=x onerror=alert(1)&gt;</title>"
            ))
        #expect(page.contains("data-src-blocked=\"https://evil.example/t.png\""))
        #expect(page.contains("<span class=\"code-lang\">sql&quot;</span>"))
        #expect(page.contains("&quot;&gt;&lt;img src=x onerror=alert(1)&gt;"))
    }

    /// Document text is a value to the template, never template text: mustache tags in it stay text.
    @Test func mustacheTagsInTheDocumentStayText() throws {
        let page = try Self.page(
            Self.compile(
                "---\ntitle: \"{{{script}}}\"\n---\n# {{#variants}}x{{/variants}}\n\nSee {{{style}}} and `{{csp}}`.\n"))
        #expect(page.contains("<title>{{{script}}}</title>"))
        #expect(page.contains("{{#variants}}x{{/variants}}"))
        #expect(page.contains("See {{{style}}} and <code>{{csp}}</code>."))
    }

    @Test func rawHTMLIsOmittedUnlessAskedFor() throws {
        let safe = try Self.page(Self.compile(Self.hostile))
        #expect(!safe.contains("raw block"))
        let unsafe = try Self.page(Self.compile(Self.hostile, unsafeHTML: true))
        #expect(unsafe.contains("<div onmouseover=\"alert(1)\">raw block</div>"))
        // Even then the policy allows no script but the page's own.
        #expect(unsafe.contains("script-src 'sha256-") || unsafe.contains("script-src &#39;sha256-"))
    }

    @Test func hostileAlternativesAreLabelledEscaped() throws {
        let compiled = Self.compile(Self.hostile)
        #expect(compiled.runbook.choiceGroups.map(\.id).contains("colour"))
        let page = try Self.page(compiled)
        #expect(page.contains("data-when=\"colour=option-1\""))
        #expect(page.contains("Only for Colour Option 1"))
    }

    // MARK: - Pieces

    @Test(arguments: [
        ("<script>", "&lt;script&gt;"),
        ("\"><img src=x onerror=alert(1)>", "&quot;&gt;&lt;img src=x onerror=alert(1)&gt;"),
        ("a'b&c", "a&#39;b&amp;c"),
    ])
    func escaping(input: String, expected: String) {
        #expect(HTMLEscaping.escape(input) == expected)
    }

    @Test func jsonInAttributesCannotCloseAnything() {
        #expect(HTMLEscaping.jsonObject([("</script>\"", 1)]) == #"{"\u003c/script\u003e\"":1}"#)
    }

    @Test func base64() {
        #expect(HTMLEscaping.base64("") == "")
        #expect(HTMLEscaping.base64("f") == "Zg==")
        #expect(HTMLEscaping.base64("fo") == "Zm8=")
        #expect(HTMLEscaping.base64("foobar") == "Zm9vYmFy")
    }

    @Test func highlightingCoversEveryByteAndMasksPasswords() throws {
        let compiled = try Self.guide()
        let code = HTMLCodeRenderer(page: RunbookPlan(compiled, dialect: .redshift))
        let html = code.highlight("CREATE USER u PASSWORD 'Secret99'; -- <b>", dialect: .redshift, maskPasswords: true)
        #expect(html.contains("<span class=\"t-keyword\">CREATE</span>"))
        #expect(html.contains("<span class=\"t-secret\">'********'</span>"))
        #expect(!html.contains("Secret99"))
        #expect(html.contains("<span class=\"t-lineComment\">-- &lt;b&gt;</span>"))
    }

    // MARK: - Templates

    /// The templates compiled into the binary are exactly those in templates/ (run
    /// scripts/embed-templates.py after editing one).
    @Test func builtinTemplatesMatchTheTemplatesFolder() throws {
        let folder = packageRoot.appendingPathComponent("templates")
        let names = try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted()
        #expect(BuiltinTemplates.files.map(\.name) == names, "run scripts/embed-templates.py")
        for (name, contents) in BuiltinTemplates.files {
            let onDisk = try String(contentsOf: folder.appendingPathComponent(name), encoding: .utf8)
            #expect(
                onDisk == contents,
                "templates/\(name) differs from BuiltinTemplates.swift: run scripts/embed-templates.py")
        }
    }

    @Test func templatesMustKeepScriptAndStyleWhereTheHashesExpectThem() {
        #expect(throws: HTMLTemplateError.self) {
            try HTMLTemplates(files: ["page.html.mustache": "<style>{{{style}}}</style><script>{{{ script }}}</script>"]
            )
        }
        #expect(throws: HTMLTemplateError.self) { try HTMLTemplates(files: ["script.js": "x</script>"]) }
        #expect(throws: HTMLTemplateError.self) {
            try HTMLTemplates(files: [
                "page.html.mustache": "{{#a}}<style>{{{style}}}</style><script>{{{script}}}</script>"
            ])
        }
    }

    @Test func aUsersTemplateFolderReplacesTheFilesItHas() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent(
            "runbook-templates-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        try Data("body { color: teal; }".utf8).write(to: folder.appendingPathComponent("style.css"))
        let templates = try HTMLTemplates(directory: folder.path)
        let page = HTMLEmitter(dialect: .redshift, templates: templates).render(
            RunbookPlan(try Self.guide(), dialect: .redshift))
        #expect(page.contains("<style>body { color: teal; }</style>"))
        #expect(page.contains(HTMLEmitter.sha256("body { color: teal; }")))
        #expect(throws: HTMLTemplateError.self) {
            try HTMLTemplates(directory: folder.appendingPathComponent("nope").path)
        }
    }
}
