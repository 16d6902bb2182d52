import Foundation
import RunbookEmitters
import Testing

/// The page at phone and desktop widths in Chromium, measured by a script of the test's own (element boxes),
/// with screenshots kept in `.build/test-artifacts/browser-layout/`. Headless Chromium keeps windows at least
/// 500 px wide, so the page runs in an iframe of the width under test, which is its viewport: the toolbar stays on the screen, the
/// checklist is one tap away, a heading link opens the right variant at that step, and a build of several
/// runbooks lists them on one index page.
@Suite(
    .serialized,
    .enabled(if: Chromium.path != nil || Chromium.required, "\(Chromium.missingMessage); browser tests skipped"))
struct BrowserLayoutTests {
    static let phone = (390, 844)
    static let desktop = (1280, 800)
    static let variant = "permissions-option-2_step-3-4-2-option-1"
    static let step = "step-4-create-a-new-segment-user"

    /// Measures the page and clicks the link of `step`'s heading; the result lands in `data-harness` on body.
    static let harness = """
        (function () {
          var width = window.innerWidth;
          var visible = function (element) { var box = element.getBoundingClientRect(); return box.width > 0 && box.height > 0; };
          var actions = Array.prototype.slice.call(document.querySelectorAll('#variants a')).filter(visible);
          var rights = actions.map(function (a) { return Math.round(a.getBoundingClientRect().right); });
          var jump = document.querySelector('[data-role=jump-checklist]');
          var target = document.getElementById('\(step)');
          var ids = Array.prototype.slice.call(document.querySelectorAll('h1[id], h2[id], h3[id], h4[id], h5[id], h6[id]')).map(function (h) { return h.id; });
          var result = {
            width: width,
            overflow: document.documentElement.scrollWidth - width,
            actionsRight: rights.length ? Math.max.apply(null, rights) : -1,
            actions: rights.length,
            jumpVisible: visible(jump),
            jumpRight: Math.round(jump.getBoundingClientRect().right),
            scrollY: Math.round(window.scrollY),
            stepTop: target ? Math.round(target.getBoundingClientRect().top) : null,
            headings: ids.length,
            uniqueHeadings: ids.filter(function (id, index) { return ids.indexOf(id) === index; }).length,
            hashBefore: location.hash,
            selected: document.body.getAttribute('data-selected-variant')
          };
          var link = target && target.querySelector('a[data-role=copy-link]');
          if (link) { link.click(); }
          result.hashAfter = location.hash;
          document.body.setAttribute('data-harness', JSON.stringify(result));
          if (window.parent !== window) { window.parent.postMessage(JSON.stringify(result), '*'); }
        }());
        """

    private static func withHarness(_ folder: URL) throws -> URL {
        try BrowserTests.withHarness(harness, in: folder, as: "layout-harness.html")
    }

    /// A page that shows `page#fragment` in an iframe `size` wide and high, and puts what the harness inside
    /// reports on its own body.
    private static func framed(_ page: URL, fragment: String?, size: (Int, Int)) throws -> URL {
        let source = page.lastPathComponent + (fragment.map { "#" + $0 } ?? "")
        let frame = page.deletingLastPathComponent().appendingPathComponent("frame-\(size.0)x\(size.1).html")
        try Data(
            """
            <!DOCTYPE html>
            <html><body style="margin:0">
            <iframe src="\(source)" style="border:0;display:block;width:\(size.0)px;height:\(size.1)px"></iframe>
            <script>window.addEventListener('message', function (event) { document.body.setAttribute('data-harness', event.data); });</script>
            </body></html>
            """.utf8
        ).write(to: frame)
        return frame
    }

    private static func measure(_ page: URL, fragment: String?, size: (Int, Int)) throws -> [String: Any] {
        let frame = try framed(page, fragment: fragment, size: size)
        let (html, console) = try Chromium.open(frame, windowSize: (max(size.0, 500), size.1))
        #expect(console.isEmpty, "\(console.joined(separator: "\n"))")
        let body = try #require(DOMElement.parse(html).descendants.first { $0.name == "body" })
        let report = try #require(body.attributes["data-harness"], "the harness did not run")
        return try #require(try JSONSerialization.jsonObject(with: Data(report.utf8)) as? [String: Any])
    }

    private static var artifacts: URL {
        RunbookProcess.packageRoot.appendingPathComponent(".build/test-artifacts/browser-layout")
    }

    @Test(arguments: [("phone", phone), ("desktop", desktop)])
    func toolbarFitsAndTheChecklistIsReachable(name: String, size: (Int, Int)) throws {
        let (folder, out) = try BrowserTests.build(BrowserTests.guide)
        defer { try? FileManager.default.removeItem(at: out) }
        let result = try Self.measure(try Self.withHarness(folder), fragment: "variant=\(Self.variant)", size: size)
        #expect(result["width"] as? Int == size.0)
        // Nothing runs off the screen: no sideways scrolling, every visible toolbar link inside the viewport.
        #expect((result["overflow"] as? Int ?? 1) <= 0, "\(result)")
        #expect((result["actions"] as? Int ?? 0) >= 1, "\(result)")
        #expect((result["actionsRight"] as? Int ?? .max) <= size.0, "\(result)")
        // On a phone the checklist sits below the steps: a jump link leads there; beside the steps it needs none.
        #expect(result["jumpVisible"] as? Bool == (size.0 < 980), "\(result)")
        if size.0 < 980 { #expect((result["jumpRight"] as? Int ?? .max) <= size.0) }
        #expect((result["headings"] as? Int ?? 0) > 10)
        #expect(result["headings"] as? Int == result["uniqueHeadings"] as? Int)
        try FileManager.default.createDirectory(at: Self.artifacts, withIntermediateDirectories: true)
        let shot = Self.artifacts.appendingPathComponent("\(name)-\(size.0)x\(size.1).png")
        try? FileManager.default.removeItem(at: shot)
        let frame = try Self.framed(
            folder.appendingPathComponent("index.html"), fragment: "variant=\(Self.variant)", size: size)
        try Chromium.screenshot(frame, to: shot, width: max(size.0, 500), height: size.1)
        #expect(FileManager.default.fileExists(atPath: shot.path), "no screenshot at \(shot.path)")
    }

    @Test func aStepLinkOpensThatVariantAtThatStepAndCopyingMakesOne() throws {
        let (folder, out) = try BrowserTests.build(BrowserTests.guide)
        defer { try? FileManager.default.removeItem(at: out) }
        let fragment = "variant=\(Self.variant)&step=\(Self.step)"
        let result = try Self.measure(try Self.withHarness(folder), fragment: fragment, size: Self.phone)
        #expect(result["selected"] as? String == Self.variant)
        #expect(result["hashBefore"] as? String == "#" + fragment, "\(result)")
        #expect((result["scrollY"] as? Int ?? 0) > 0, "\(result)")
        let top = result["stepTop"] as? Int ?? -1000
        #expect(top >= -2 && top < 120, "\(result)")
        // The heading's link gives the same kind of link, for this variant.
        #expect(result["hashAfter"] as? String == "#" + fragment, "\(result)")
    }

    @Test func aBuildOfSeveralRunbooksWritesAnIndex() throws {
        let sources = try RunbookProcess.temporaryDirectory()
        let out = try RunbookProcess.temporaryDirectory()
        defer {
            try? FileManager.default.removeItem(at: sources)
            try? FileManager.default.removeItem(at: out)
        }
        try FileManager.default.copyItem(
            at: RunbookProcess.packageRoot.appendingPathComponent(BrowserTests.guide),
            to: sources.appendingPathComponent("redshift-data-graph.md"))
        try Data(
            "# Small guide\n\n## Step 1: Go\n\n```sql\nCREATE ROLE r\nGRANT USAGE ON SCHEMA public TO ROLE r;\n```\n"
                .utf8
        )
        .write(to: sources.appendingPathComponent("small.md"))
        let built = try RunbookProcess.run(["build", sources.path, "--out", out.path])
        #expect(built.status == 1, "\(built.stderr)")
        let (html, console) = try Chromium.open(out.appendingPathComponent("index.html"))
        #expect(console.isEmpty, "\(console.joined(separator: "\n"))")
        let dom = DOMElement.parse(html)
        let entries = dom.descendants.filter { $0.hasClass("index-entry") }
        #expect(entries.map { $0.attributes["data-runbook"] } == ["redshift-data-graph", "small"])
        let links = entries.first?.descendants.filter { $0.name == "a" }.compactMap { $0.attributes["href"] } ?? []
        #expect(links.contains("redshift-data-graph/index.html"))
        #expect(links.contains("redshift-data-graph/index.html#variant=\(Self.variant)"))
        #expect(links.contains("redshift-data-graph/\(Self.variant).sql"))
        // Every link leads to a file the build wrote.
        for link in entries.flatMap({ $0.descendants.filter { $0.name == "a" } }).compactMap({ $0.attributes["href"] })
        {
            let file = String(link.split(separator: "#").first ?? "")
            #expect(FileManager.default.fileExists(atPath: out.appendingPathComponent(file).path), "\(link)")
        }
        let small = try #require(entries.last)
        #expect(small.descendants.contains { $0.hasClass("count-error") && $0.textContent == "1 error" })
        try FileManager.default.createDirectory(at: Self.artifacts, withIntermediateDirectories: true)
        let shot = Self.artifacts.appendingPathComponent("index-1280x800.png")
        try? FileManager.default.removeItem(at: shot)
        try Chromium.screenshot(out.appendingPathComponent("index.html"), to: shot, width: 1280, height: 800)
    }
}

/// The privilege graph on the page: Graphviz's SVG inline, one per variant, the chosen one shown, inert, and
/// the page's Content-Security-Policy what it is without it.
@Suite(
    .serialized,
    .enabled(if: Chromium.path != nil || Chromium.required, "\(Chromium.missingMessage); browser tests skipped"))
struct BrowserGraphTests {
    @Test func theChosenVariantsGraphIsShownInline() throws {
        let (folder, out) = try BrowserTests.build(BrowserTests.guide)
        defer { try? FileManager.default.removeItem(at: out) }
        let slug = BrowserLayoutTests.variant
        let source = try String(contentsOf: folder.appendingPathComponent("index.html"), encoding: .utf8)
        let templates = try HTMLTemplates.builtin
        let policy = HTMLEmitter.contentSecurityPolicy(script: templates.script, style: templates.style)
        #expect(source.contains("content=\"\(policy.replacingOccurrences(of: "'", with: "&#39;"))\""))
        let (html, console) = try Chromium.open(BrowserTests.page(folder, fragment: "variant=\(slug)"))
        #expect(console.isEmpty, "\(console.joined(separator: "\n"))")
        let dom = DOMElement.parse(html)
        let figures = dom.descendants.filter { $0.hasClass("graph") && $0.name == "figure" }
        #expect(figures.count == BrowserTests.slugs.count)
        let shown = figures.filter { !$0.isHidden }
        #expect(shown.map { $0.attributes["data-variant"] } == [slug])
        let svg = try #require(
            shown.first?.descendants.first { $0.name == "svg" }, "no inline SVG: is graphviz installed?")
        #expect(svg.attributes["role"] == "img")
        #expect(svg.descendants.contains { $0.name == "g" && $0.hasClass("edge") })
        #expect(svg.textContent.contains("segment_linked_role") && svg.textContent.contains("Step 3.4.2"))
        #expect(!svg.descendants.contains { ["script", "foreignobject", "a", "image"].contains($0.name.lowercased()) })
    }
}
