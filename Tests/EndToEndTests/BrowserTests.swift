import Foundation
import RunbookEmitters
import RunbookTestSupport
import Testing

/// `index.html` in a real headless Chromium: the picker shows exactly one variant's steps and SQL, a deep
/// link reproduces a selection, the page reads with JavaScript off, and a hostile document stays inert.
@Suite(
    .serialized,
    .enabled(if: Chromium.path != nil || Chromium.required, "\(Chromium.missingMessage); browser tests skipped"))
struct BrowserTests {
    static let guide = "runbooks/redshift-data-graph.md"
    static let slugs = [
        "permissions-option-1_step-3-4-2-option-1",
        "permissions-option-1_step-3-4-2-option-2",
        "permissions-option-2_step-3-4-2-option-1",
        "permissions-option-2_step-3-4-2-option-2",
    ]

    /// Builds `document` (a path in the package, or a file) into a fresh folder; returns the folder of its outputs.
    static func build(_ document: String, arguments: [String] = []) throws -> (folder: URL, output: URL) {
        #expect(Chromium.path != nil, "\(Chromium.missingMessage); RUNBOOK_REQUIRE_SERVICES=1 needs it")
        let out = try RunbookProcess.temporaryDirectory()
        let result = try RunbookProcess.run(["build", document, "--out", out.path] + arguments)
        #expect(result.status == 0 || result.status == 1, "\(result.stderr)")
        let name = URL(fileURLWithPath: document).deletingPathExtension().lastPathComponent
        return (out.appendingPathComponent(name), out)
    }

    /// A copy of the folder's `index.html` named `name` with `script` run after the page's own, allowed by its
    /// hash as the page's policy would allow nothing else.
    static func withHarness(_ script: String, in folder: URL, as name: String) throws -> URL {
        let source = try String(contentsOf: folder.appendingPathComponent("index.html"), encoding: .utf8)
        let policy = HTMLEmitter.contentSecurityPolicy(script: script, style: "")
        let hash = try #require(policy.firstMatch(of: /script-src '(sha256-[^']+)'/)).output.1
        let page = source.replacing("script-src &#39;sha256-", with: "script-src &#39;\(hash)&#39; &#39;sha256-")
            .replacing("</script>\n</body>", with: "</script>\n<script>\(script)</script>\n</body>")
        let copy = folder.appendingPathComponent(name)
        try Data(page.utf8).write(to: copy)
        return copy
    }

    static func page(_ folder: URL, file: String = "index.html", fragment: String? = nil) -> URL {
        var components = URLComponents(url: folder.appendingPathComponent(file), resolvingAgainstBaseURL: false)!
        components.fragment = fragment
        return components.url!
    }

    /// The statements of a script, in order: the lines after each `-- Step N, line L` comment, without the
    /// document's comments.
    static func scriptStatements(_ script: String) -> [String] {
        var script = Substring(script)
        while script.hasSuffix("\n") { script = script.dropLast() }
        return script.components(separatedBy: "\n\n").compactMap { chunk -> String? in
            let lines = chunk.split(separator: "\n", omittingEmptySubsequences: false)
            guard let first = lines.first,
                first.firstMatch(of: /^-- (Step [0-9.]+|Before the steps), line [0-9]+$/) != nil
            else { return nil }
            // The statement without its comments and its re-run guard (psql meta-commands, the catalog query).
            return lines.dropFirst().filter { !$0.hasPrefix("--") && !$0.hasPrefix("\\") && !$0.hasSuffix("\\gset") }
                .joined(separator: "\n")
        }
    }

    /// Executable statements on the page that are not inside a hidden element.
    static func statements(in dom: DOMElement, visibleOnly: Bool) -> [String] {
        guard let main = dom.first(id: "runbook") else { return [] }
        return main.descendants.filter { element in
            element.name == "span" && element.hasClass("stmt") && (!visibleOnly || !element.isHidden)
                && element.ancestors.contains { $0.name == "pre" && $0.attributes["data-role"] == "executable" }
        }.map(\.textContent)
    }

    static func selections(of slug: String) -> [String: String] {
        var result: [String: String] = [:]
        for pick in slug.split(separator: "_") {
            guard let range = pick.ranges(of: "-option-").last else { continue }
            result[String(pick[..<range.lowerBound])] = "option-" + pick[range.upperBound...]
        }
        return result
    }

    @Test(arguments: slugs)
    func deepLinkShowsExactlyThatVariant(slug: String) throws {
        let (folder, out) = try Self.build(Self.guide)
        defer { try? FileManager.default.removeItem(at: out) }
        let script = try String(contentsOf: folder.appendingPathComponent("\(slug).sql"), encoding: .utf8)
        let (html, console) = try Chromium.open(Self.page(folder, fragment: "variant=\(slug)"))
        let dom = DOMElement.parse(html)
        #expect(!html.contains("Abc123"))
        // No script error and no policy violation: the hashes fit the page's own script and style.
        #expect(console.isEmpty, "\(console.joined(separator: "\n"))")
        // The page refers to nothing outside itself.
        for element in dom.descendants {
            if let src = element.attributes["src"] { #expect(src.hasPrefix("data:"), "\(element.name) src=\(src)") }
            if let href = element.attributes["href"] {
                #expect(href.hasPrefix("#") || href.hasPrefix("data:application/sql"), "\(element.name) href=\(href)")
            }
        }

        // The visible SQL is the variant's script, statement by statement, in order.
        let expected = Self.scriptStatements(script)
        let shown = Self.statements(in: dom, visibleOnly: true)
        #expect(expected.count >= 10)
        #expect(shown.count == expected.count, "shown \(shown.count), script has \(expected.count)")
        for (page, line) in zip(shown, expected) {
            #expect(line == page || line.hasPrefix(page + " --"), "page shows \(page), script runs \(line)")
        }

        // The picker reproduces the link's selection, and the script ran under the CSP.
        let html0 = try #require(dom.descendants.first { $0.name == "html" })
        #expect(html0.hasClass("js"), "the page's own script did not run")
        let body = try #require(dom.descendants.first { $0.name == "body" })
        #expect(body.attributes["data-selected-variant"] == slug)
        let checked = dom.descendants.filter {
            $0.name == "input" && $0.attributes["type"] == "radio" && $0.attributes["checked"] != nil && !$0.isHidden
        }
        #expect(
            Dictionary(
                uniqueKeysWithValues: checked.map { ($0.attributes["name"] ?? "", $0.attributes["value"] ?? "") })
                == Self.selections(of: slug))

        // Exactly one checklist and one download are visible: this variant's; the download is its script.
        let checklists = dom.descendants.filter { $0.hasClass("checklist") && !$0.isHidden }
        #expect(checklists.map { $0.attributes["data-variant"] } == [slug])
        let downloads = dom.descendants.filter { $0.name == "a" && $0.attributes["download"] != nil && !$0.isHidden }
        #expect(downloads.map { $0.attributes["download"] } == ["\(slug).sql"])
        let href = try #require(downloads.first?.attributes["href"])
        let prefix = "data:application/sql;charset=utf-8;base64,"
        #expect(href.hasPrefix(prefix))
        let decoded = Data(base64Encoded: String(href.dropFirst(prefix.count))).map {
            String(decoding: $0, as: UTF8.self)
        }
        // The file also carries the drift gate's checksum line, which a download needs not.
        let scriptWithoutStamp = script.split(separator: "\n", omittingEmptySubsequences: false)
            .filter { !$0.hasPrefix("-- runbook-checksum: ") }.joined(separator: "\n")
        #expect(decoded == scriptWithoutStamp)

        // Steps are numbered as the person does them.
        let steps = dom.descendants.filter { $0.hasClass("step-heading") && !$0.isHidden }
        #expect(
            steps.compactMap { $0.descendants.first { $0.hasClass("n") }?.textContent } == ["1", "2", "3", "4", "5"])
    }

    /// Clicks need a script of their own: the test adds one after the page's and allows it by its hash,
    /// as the page's policy would allow nothing else. It picks Permissions Option 2 and ticks the first
    /// item of the checklist; a second visit with the same profile finds the tick kept.
    @Test func clicksChangeTheVariantAndTicksAreKept() throws {
        let (folder, out) = try Self.build(Self.guide)
        defer { try? FileManager.default.removeItem(at: out) }
        let harness = """
            (function () {
              document.querySelector('#picker input[name="permissions"][value="option-2"]').click();
              var box = document.querySelector('.checklist:not([hidden]) input[data-task]');
              box.click();
              document.body.setAttribute('data-harness', JSON.stringify({ hash: location.hash, ticked: box.getAttribute('data-task') }));
            }());
            """
        _ = try Self.withHarness(harness, in: folder, as: "harness.html")

        let profile = try RunbookProcess.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: profile) }
        let start = "permissions-option-1_step-3-4-2-option-1"
        let picked = "permissions-option-2_step-3-4-2-option-1"
        let (html, console) = try Chromium.open(
            Self.page(folder, file: "harness.html", fragment: "variant=\(start)"), profile: profile)
        #expect(console.isEmpty, "\(console.joined(separator: "\n"))")
        let dom = DOMElement.parse(html)
        let body = try #require(dom.descendants.first { $0.name == "body" })
        let report = try #require(body.attributes["data-harness"], "the harness did not run")
        let result = try #require(try JSONSerialization.jsonObject(with: Data(report.utf8)) as? [String: String])
        #expect(result["hash"] == "#variant=\(picked)")
        #expect(body.attributes["data-selected-variant"] == picked)
        let script = try String(contentsOf: folder.appendingPathComponent("\(picked).sql"), encoding: .utf8)
        #expect(Self.statements(in: dom, visibleOnly: true).count == Self.scriptStatements(script).count)
        let ticked = try #require(result["ticked"])

        // The original page, same profile, the variant that was ticked: the tick is back.
        let again = DOMElement.parse(
            try Chromium.open(Self.page(folder, fragment: "variant=\(picked)"), profile: profile).dom)
        let checklist = try #require(again.descendants.first { $0.hasClass("checklist") && !$0.isHidden })
        let boxes = checklist.descendants.filter { $0.name == "input" && $0.attributes["data-task"] != nil }
        #expect(boxes.filter { $0.attributes["checked"] != nil }.map { $0.attributes["data-task"] } == [ticked])
        #expect(
            checklist.descendants.first { $0.attributes["data-role"] == "progress" }?.textContent.hasPrefix("1 of ")
                == true)
    }

    @Test func withoutJavaScriptEveryBranchIsShownAndLabelled() throws {
        let (folder, out) = try Self.build(Self.guide)
        defer { try? FileManager.default.removeItem(at: out) }
        // Chromium cannot --dump-dom with scripts disabled (the dump itself needs script), so the DOM is read
        // from a copy whose policy forbids the page's script: the page as a browser without JavaScript builds it.
        let source = try String(contentsOf: folder.appendingPathComponent("index.html"), encoding: .utf8)
        let blocked = source.replacing(
            /script-src &#39;sha256-[A-Za-z0-9+\/=]+&#39;/, with: "script-src &#39;none&#39;")
        #expect(blocked != source)
        let copy = folder.appendingPathComponent("no-script.html")
        try Data(blocked.utf8).write(to: copy)
        let html = try Chromium.dumpDOM(copy)
        let dom = DOMElement.parse(html)
        #expect(dom.descendants.first { $0.name == "html" }?.hasClass("js") == false, "the script ran")
        #expect(source.contains("<noscript><p class=\"noscript\">JavaScript is off"))
        let main = try #require(dom.first(id: "runbook"))
        // Nothing in the runbook is hidden but the copy buttons, which need the script.
        let hidden = main.descendants.filter { $0.attributes["hidden"] != nil }
        #expect(hidden.allSatisfy { $0.name == "button" && $0.hasClass("copy") }, "\(hidden.map(\.name))")
        let shown = Self.statements(in: dom, visibleOnly: true)
        #expect(shown.count == 22)
        for slug in Self.slugs {
            let script = try String(contentsOf: folder.appendingPathComponent("\(slug).sql"), encoding: .utf8)
            for statement in Self.scriptStatements(script) {
                #expect(shown.contains { statement == $0 || statement.hasPrefix($0 + " --") }, "\(slug): \(statement)")
            }
        }
        let branches = main.descendants.filter { $0.attributes["data-when"] != nil }
        #expect(branches.count == 8)
        for branch in branches {
            let badge = branch.elements.first { $0.hasClass("only-for") }
            #expect(
                badge?.textContent.hasPrefix("Only for Permissions Option") == true,
                "\(branch.attributes["data-when"] ?? "")")
        }
        #expect(
            dom.descendants.contains {
                $0.hasClass("only-for") && $0.textContent == "Only for Permissions Option 2 · Option 1"
            })
        // Every variant's checklist and download are there, each labelled.
        #expect(dom.descendants.filter { $0.hasClass("checklist") && !$0.isHidden }.count == 4)
        #expect(
            dom.descendants.filter { $0.name == "a" && $0.attributes["download"] != nil && !$0.isHidden }.count == 4)
        #expect(dom.first(id: "picker")?.attributes["hidden"] != nil)
    }

    @Test(arguments: [
        ("extra-option-1", ["1", "2", "3"], ["3.1", "3.3"]), ("extra-option-2", ["1", "2"], ["2.1", "2.2"]),
    ])
    func stepsAreNumberedAsTheVariantCountsThem(slug: String, steps: [String], subSteps: [String]) throws {
        let folder = try RunbookProcess.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let document = folder.appendingPathComponent("numbering.md")
        try Data(Fixtures.numbering.utf8).write(to: document)
        let (pageFolder, _) = try Self.build(document.path)
        let dom = DOMElement.parse(try Chromium.dumpDOM(Self.page(pageFolder, fragment: "variant=\(slug)")))
        let shownSteps = dom.descendants.filter { $0.hasClass("step-heading") && !$0.isHidden }
        #expect(shownSteps.compactMap { $0.descendants.first { $0.hasClass("n") }?.textContent } == steps)
        let checklist = try #require(dom.descendants.first { $0.hasClass("checklist") && !$0.isHidden })
        #expect(checklist.descendants.filter { $0.name == "b" }.map(\.textContent) == subSteps)
        let script = try String(contentsOf: pageFolder.appendingPathComponent("\(slug).sql"), encoding: .utf8)
        #expect(Self.statements(in: dom, visibleOnly: true) == Self.scriptStatements(script))
    }

    static let hostile = #"""
        ---
        title: "<script>document.title='PWNED'</script>\"><img src=x onerror=alert(1)>"
        ---
        # Hostile <script>document.title = 'PWNED'</script>

        [click](javascript:document.title='PWNED') [data](data:text/html,<script>alert(1)</script>) ![pixel](https://evil.example/pixel.png)
        <img src=x onerror="document.body.appendChild(document.createElement('div')).id='pwned'">

        <script>document.title = 'PWNED'; document.body.appendChild(document.createElement('div')).id = 'pwned';</script>

        <svg onload="document.body.appendChild(document.createElement('div')).id='pwned'"></svg>
        <iframe src="https://evil.example/"></iframe>
        <link rel="stylesheet" href="https://evil.example/x.css">

        ### Step 1: `</h3><script>document.title='PWNED'</script>`

        ```sql" onmouseover="document.title='PWNED'" x='<script>'
        SELECT '</code></pre><script>document.title=''PWNED''</script>' AS "\"><img src=x onerror=alert(1)>";
        ```
        """#

    @Test(arguments: [false, true])
    func hostileDocumentStaysInert(unsafeHTML: Bool) throws {
        let folder = try RunbookProcess.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let document = folder.appendingPathComponent("hostile.md")
        try Data(Self.hostile.utf8).write(to: document)
        let (pageFolder, _) = try Self.build(document.path, arguments: unsafeHTML ? ["--unsafe-html"] : [])
        let source = try String(contentsOf: pageFolder.appendingPathComponent("index.html"), encoding: .utf8)
        #expect(
            source.contains(
                "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src &#39;none&#39;; script-src &#39;sha256-"
            ))
        #expect(source.contains(unsafeHTML ? "<div>" : "raw HTML omitted") || unsafeHTML)

        let (html, console) = try Chromium.open(Self.page(pageFolder))
        let dom = DOMElement.parse(html)
        // With raw HTML let through, the policy is what stops it: Chromium reports each blocked script,
        // handler and image. In safe mode nothing even tries.
        let violations = console.filter { $0.contains("Content Security Policy") }
        if unsafeHTML {
            #expect(violations.contains { $0.contains("Executing inline script violates") })
            #expect(violations.contains { $0.contains("Executing inline event handler violates") })
            #expect(violations.contains { $0.contains("Loading the image") })
        } else {
            #expect(console.isEmpty, "\(console.joined(separator: "\n"))")
        }
        let title = try #require(dom.descendants.first { $0.name == "title" })
        #expect(title.textContent == "<script>document.title='PWNED'</script>\"><img src=x onerror=alert(1)>")
        #expect(dom.first(id: "pwned") == nil, "a script from the document ran")
        #expect(!html.contains("PWNED</title>"))
        #expect(
            dom.descendants.first { $0.name == "html" }?.hasClass("js") == true, "the page's own script must still run")

        guard !unsafeHTML else { return }
        // Nothing can load: every src is a data: URL, every href a fragment, a data: download or empty;
        // no element that fetches, and no event handler anywhere.
        for element in dom.descendants {
            if let src = element.attributes["src"] { #expect(src.hasPrefix("data:"), "\(element.name) src=\(src)") }
            if let href = element.attributes["href"] {
                #expect(
                    href.isEmpty || href.hasPrefix("#") || href.hasPrefix("data:application/sql"),
                    "\(element.name) href=\(href)")
            }
            #expect(!["iframe", "link", "object", "embed", "base", "svg"].contains(element.name), "\(element.name)")
            #expect(!element.attributes.keys.contains { $0.hasPrefix("on") }, "\(element.name) \(element.attributes)")
        }
        #expect(dom.descendants.filter { $0.name == "script" }.count == 1)
    }
}
