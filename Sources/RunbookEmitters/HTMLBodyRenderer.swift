import RunbookCompile
import RunbookDiagnostics
import RunbookMarkdown
import RunbookModel
import RunbookSQL

/// Renders the document's body: a walker over `MarkdownNode` that emits the structure (sections, lists,
/// items, quotes, code) itself, so that every element can carry the condition it belongs to, and takes
/// leaf blocks (paragraphs, headings, tables) from cmark-gfm's own HTML renderer.
///
/// An element that applies only under some selections carries `data-when="group=alternative …"` and a
/// visible badge naming them; the page's script hides it (`hidden`) when the chosen variant does not
/// satisfy it, and without script everything stays visible and labelled.
struct HTMLBodyRenderer {
    let compiled: CompiledRunbook
    let code: HTMLCodeRenderer
    /// The choices the page offers: a selection of any other (a branch naming an option no heading or marker
    /// offers) selects nothing, so it is not shown as a condition.
    private let offered: Set<Selection>
    /// A fence's blocks: one, or its parts when comment lines (`-- OR --`) divide it into ways.
    private var blocksByStart: [SourceLocation: [Block]] = [:]
    private var placedDiagnostics = Set<Int>()
    private var stepsByStart: [SourceLocation: Step] = [:]
    /// Per variant: how many step headings it has shown so far.
    private var stepCounters: [Int]
    /// Per variant: the step number where the walk is, as that variant numbers it (nil: not in a step, or
    /// in one the variant does not show); and the level of the step heading in force.
    private var displayStep: [[Int]?]
    private var stepLevel: Int?
    /// Per instruction (by its start): each variant's number for it ("3", "3.4.1"), renumbered as the
    /// person following that variant counts.
    private(set) var displayNumbers: [SourceLocation: [String: String]] = [:]
    /// Heading ids given so far, and the page's own: a heading's id is unique on the page.
    private var usedIDs: Set<String> = ["diagnostics", "picker", "variants", "runbook", "checklists"]

    init(compiled: CompiledRunbook, code: HTMLCodeRenderer) {
        self.compiled = compiled
        self.code = code
        self.stepCounters = Array(repeating: 0, count: compiled.variants.count)
        self.displayStep = Array(repeating: nil, count: compiled.variants.count)
        for step in compiled.runbook.steps { stepsByStart[step.range.start] = step }
        self.offered = Set(
            compiled.runbook.choiceGroups.flatMap { group in
                group.alternatives.map { Selection(group: group.id, alternative: $0.id) }
            })
        for item in compiled.runbook.items {
            if case .block(let block) = item { blocksByStart[block.range.start, default: []].append(block) }
        }
    }

    // MARK: - Document

    mutating func render() -> String {
        var parts: [(Condition, String)] = []
        for node in compiled.document.root.children {
            let nodeCondition = ownCondition(of: node, in: shownUnder(node, inside: .always))
            var html = renderNode(node, condition: nodeCondition)
            if case .heading(let level) = node.kind {
                if let current = stepLevel, level <= current {
                    stepLevel = nil
                    displayStep = displayStep.map { _ in nil }
                }
                if stepsByStart[node.range.start] != nil {
                    stepLevel = level
                    html = numberedStep(html, numbers: enterStep(at: node.range.start, condition: nodeCondition))
                }
                html = anchored(html, text: node.plainText)
            }
            parts.append((nodeCondition, html))
        }
        return grouped(parts, parent: .always)
    }

    /// Diagnostics that no leaf block contains (front matter, whole-file findings): their indices.
    var unplacedDiagnostics: [Int] {
        compiled.diagnostics.indices.filter { !placedDiagnostics.contains($0) }
    }

    // MARK: - Containers

    /// Siblings inside a list item or quote, each under the condition the model read it under.
    private mutating func renderContainer(_ nodes: [MarkdownNode], condition: Condition) -> String {
        var parts: [(Condition, String)] = []
        for node in nodes {
            let nodeCondition = ownCondition(of: node, in: shownUnder(node, inside: condition))
            var html = renderNode(node, condition: nodeCondition)
            if case .heading = node.kind { html = anchored(html, text: node.plainText) }
            parts.append((nodeCondition, html))
        }
        return grouped(parts, parent: condition)
    }

    /// The condition the model read `node` under (RunbookBuilder's walk decides it once, for the scripts and the
    /// page alike), keeping only the selections the page offers; a node the model did not read is shown under
    /// its container's.
    private func shownUnder(_ node: MarkdownNode, inside container: Condition) -> Condition {
        let recorded =
            if case .item = node.kind {
                compiled.runbook.itemsShownUnder[node.range.start]
            } else {
                compiled.runbook.shownUnder[node.range.start]
            }
        guard let condition = recorded else { return container }
        return Condition(
            condition.selections.filter { offered.contains(Selection(group: $0.key, alternative: $0.value)) })
    }

    /// A code block's own condition may add selections (`when=` annotations).
    private func ownCondition(of node: MarkdownNode, in condition: Condition) -> Condition {
        guard case .codeBlock = node.kind, let blocks = blocksByStart[node.range.start], let first = blocks.first
        else { return condition }
        // A fence divided into ways is shown whole: only what all its parts share applies to it.
        let shared = first.condition.selections.filter { selection in
            blocks.allSatisfy { $0.condition.selections[selection.key] == selection.value }
        }
        var result = condition
        result.selections.merge(shared) { current, _ in current }
        return result
    }

    /// Consecutive siblings with the same condition share one labelled wrapper.
    private func grouped(_ parts: [(Condition, String)], parent: Condition) -> String {
        var html = ""
        var index = 0
        while index < parts.count {
            let condition = parts[index].0
            var end = index
            var inner = ""
            while end < parts.count, parts[end].0 == condition {
                inner += parts[end].1
                end += 1
            }
            if condition == parent {
                html += inner
            } else {
                html += "<div class=\"branch\"\(whenAttribute(condition))>\n\(badge(condition))\(inner)</div>\n"
            }
            index = end
        }
        return html
    }

    private func whenAttribute(_ condition: Condition) -> String {
        let pairs = condition.sortedSelections.map { "\($0.group)=\($0.alternative)" }.joined(separator: " ")
        return " data-when=\"\(HTMLEscaping.escape(pairs))\""
    }

    /// "Only for Permissions Option 2 · Option 1", groups in document order.
    func label(_ condition: Condition) -> String {
        compiled.runbook.choiceGroups.compactMap { group -> String? in
            guard let chosen = condition.selections[group.id],
                let alternative = group.alternatives.first(where: { $0.id == chosen })
            else { return nil }
            return Self.shortLabel(alternative.label)
        }.joined(separator: " · ")
    }

    /// "Option 1: Assign the …" → "Option 1".
    static func shortLabel(_ label: String) -> String {
        label.split(separator: ":", maxSplits: 1).first.map { String($0).trimmingSpaces } ?? label
    }

    private func badge(_ condition: Condition) -> String {
        "<p class=\"only-for\">Only for \(HTMLEscaping.escape(label(condition)))</p>\n"
    }

    // MARK: - Nodes

    private mutating func renderNode(_ node: MarkdownNode, condition: Condition) -> String {
        switch node.kind {
        case .paragraph, .heading, .table, .thematicBreak, .htmlBlock:
            return leafHTML(node) + diagnostics(in: node.range)
        case .codeBlock(let info, let literal, _):
            let blocks = blocksByStart[node.range.start] ?? []
            return code.render(info: info, literal: literal, blocks: blocks) + diagnostics(in: node.range)
        case .blockQuote:
            return "<blockquote>\n\(renderContainer(node.children, condition: condition))</blockquote>\n"
        case .list(let info):
            return renderList(node, info: info, condition: condition)
        case .item:
            return renderItem(node, condition: condition)
        default:
            if node.isBlock || !node.children.isEmpty {
                return renderContainer(node.children, condition: condition)
            }
            return "<p>\(HTMLEscaping.escape(node.plainText))</p>\n"
        }
    }

    private mutating func renderList(_ node: MarkdownNode, info: MarkdownNode.ListInfo, condition: Condition) -> String
    {
        let open = info.type == .ordered ? (info.start == 1 ? "<ol>" : "<ol start=\"\(info.start)\">") : "<ul>"
        var html = open + "\n"
        var counters = Array(repeating: 0, count: compiled.variants.count)
        let outer = displayStep
        for item in node.children {
            // An ordered item in a step is a sub-step; each variant counts only the items it shows.
            if info.type == .ordered, outer.contains(where: { $0 != nil }) {
                let shownUnder = shownUnder(item, inside: condition)
                var numbers: [String: String] = [:]
                for (index, variant) in compiled.variants.enumerated() {
                    guard let base = outer[index], shownUnder.holds(in: variant.selections) else {
                        displayStep[index] = nil
                        continue
                    }
                    counters[index] += 1
                    displayStep[index] = base + [info.start - 1 + counters[index]]
                    numbers[variant.slug] = displayStep[index]?.map(String.init).joined(separator: ".")
                }
                if let first = item.children.first { displayNumbers[first.range.start] = numbers }
            }
            html += renderItem(item, condition: condition)
            displayStep = outer
        }
        return html + (info.type == .ordered ? "</ol>\n" : "</ul>\n")
    }

    private mutating func renderItem(_ item: MarkdownNode, condition: Condition) -> String {
        let itemCondition = shownUnder(item, inside: condition)
        var html =
            itemCondition == condition
            ? "<li>" : "<li class=\"branch\"\(whenAttribute(itemCondition))>\(badge(itemCondition))"
        if case .item(let checked?) = item.kind {
            html += checked ? "<input type=\"checkbox\" disabled checked> " : "<input type=\"checkbox\" disabled> "
        }
        html += renderContainer(item.children, condition: itemCondition)
        return html + "</li>\n"
    }

    /// cmark-gfm's HTML for a leaf block, with images that would load from a URL neutralised.
    private func leafHTML(_ node: MarkdownNode) -> String {
        guard let html = node.html else {
            // Parsed without renderHTML: fall back to the text, escaped.
            switch node.kind {
            case .heading(let level): return "<h\(level)>\(HTMLEscaping.escape(node.plainText))</h\(level)>\n"
            case .thematicBreak: return "<hr>\n"
            case .htmlBlock: return ""
            default: return "<p>\(HTMLEscaping.escape(node.plainText))</p>\n"
            }
        }
        return Self.withoutRemoteImages(html)
    }

    /// `<img src="https://…">` becomes `<img data-src-blocked="…">`: the page loads nothing from anywhere.
    static func withoutRemoteImages(_ html: String) -> String {
        guard html.contains("<img src=\"") else { return html }
        var result = ""
        var rest = Substring(html)
        while let range = rest.firstRange(of: "<img src=\"") {
            result += rest[..<range.lowerBound]
            rest = rest[range.upperBound...]
            result += rest.hasPrefix("data:image/") ? "<img src=\"" : "<img data-src-blocked=\""
        }
        return result + rest
    }

    /// A step heading: each variant that shows it gives it the next number.
    private mutating func enterStep(at start: SourceLocation, condition: Condition) -> [(String, Int)] {
        var pairs: [(String, Int)] = []
        for (index, variant) in compiled.variants.enumerated() {
            guard condition.holds(in: variant.selections) else {
                displayStep[index] = nil
                continue
            }
            stepCounters[index] += 1
            displayStep[index] = [stepCounters[index]]
            pairs.append((variant.slug, stepCounters[index]))
        }
        displayNumbers[start] = Dictionary(pairs.map { ($0.0, String($0.1)) }) { first, _ in first }
        return pairs
    }

    /// A `Step N:` heading: the number in a span the script renumbers per variant (`data-numbers`).
    private func numberedStep(_ html: String, numbers pairs: [(String, Int)]) -> String {
        guard html.count > 4, html.hasPrefix("<h"), let close = html.firstIndex(of: ">") else { return html }
        let afterTag = html[html.index(after: close)...]
        guard afterTag.hasPrefix("Step ") else { return html }
        let digits = afterTag.dropFirst(5).prefix { $0.isASCII && $0.isNumber }
        guard !digits.isEmpty else { return html }
        let tag = html[html.index(after: html.startIndex)..<close]
        let numbers = HTMLEscaping.escape(HTMLEscaping.jsonObject(pairs))
        let rest = afterTag.dropFirst(5 + digits.count)
        return
            "<\(tag) class=\"step-heading\" data-numbers=\"\(numbers)\"><span class=\"step-no\">Step <span class=\"n\">\(digits)</span></span>"
            + "<span class=\"step-title\">\(rest.drop { $0 == ":" || $0 == " " })"
            .replacingFirst("</\(tag)>", with: "</span></\(tag)>")
    }

    // MARK: - Heading anchors

    /// A heading with a stable id made from its text (`Step 3: Create the role` → `step-3-create-the-role`,
    /// `-2` for a repeat) and a link to itself that the page's script turns into "copy a link to this step in
    /// this variant". The id depends only on the source text, so links survive rebuilds.
    private mutating func anchored(_ html: String, text: String) -> String {
        guard html.hasPrefix("<h"), let close = html.firstIndex(of: ">") else { return html }
        let tagEnd = html.dropFirst().firstIndex { !($0.isLetter || $0.isNumber) } ?? close
        let tag = html[html.index(after: html.startIndex)..<tagEnd]
        guard let closing = html.range(of: "</\(tag)>", options: .backwards) else { return html }
        let id = uniqueID(Self.slug(text))
        let link =
            "<a class=\"heading-link\" href=\"#\(id)\" data-role=\"copy-link\" title=\"Link to this section\" "
            + "aria-label=\"Link to this section\">#</a>"
        var result = html
        result.replaceSubrange(closing, with: link + "</\(tag)>")
        result.insert(contentsOf: " id=\"\(id)\"", at: tagEnd)
        return result
    }

    private mutating func uniqueID(_ base: String) -> String {
        var candidate = base
        var counter = 1
        while usedIDs.contains(candidate) || candidate.hasPrefix("diag-") {
            counter += 1
            candidate = "\(base)-\(counter)"
        }
        usedIDs.insert(candidate)
        return candidate
    }

    /// Lower-case ASCII letters and digits, every other run of characters one `-`: an id that is safe in a
    /// URL fragment and in the page's `#variant=…&step=…` links.
    static func slug(_ text: String) -> String {
        var slug = ""
        var pendingDash = false
        for scalar in text.lowercased().unicodeScalars {
            if scalar.isASCII, scalar.properties.isAlphabetic || ("0"..."9").contains(scalar) {
                if pendingDash, !slug.isEmpty { slug += "-" }
                pendingDash = false
                slug.unicodeScalars.append(scalar)
            } else {
                pendingDash = true
            }
        }
        return slug.isEmpty ? "section" : String(slug.prefix(80))
    }

    // MARK: - Diagnostics beside their block

    private mutating func diagnostics(in range: SourceRange) -> String {
        var html = ""
        for (index, diagnostic) in compiled.diagnostics.enumerated() where !placedDiagnostics.contains(index) {
            let line = diagnostic.range.start.line
            guard line >= range.start.line, line <= range.end.line else { continue }
            placedDiagnostics.insert(index)
            html += Self.diagnosticHTML(diagnostic, index: index)
        }
        return html
    }

    static func diagnosticHTML(_ diagnostic: Diagnostic, index: Int) -> String {
        let severity = diagnostic.severity.rawValue
        var html = "<aside class=\"diagnostic \(severity)\" id=\"diag-\(index + 1)\" role=\"note\">"
        html +=
            "<span class=\"sev\">\(severity)</span> <span class=\"message\">\(HTMLEscaping.escape(diagnostic.message))</span>"
        html += " <code class=\"rule\">\(HTMLEscaping.escape(diagnostic.rule.rawValue))</code>"
        html +=
            " <span class=\"where\">line \(diagnostic.range.start.line), column \(diagnostic.range.start.column)</span>"
        if !diagnostic.variants.isEmpty {
            let variants = HTMLEscaping.escape(diagnostic.variants.joined(separator: ", "))
            html += " <span class=\"where\">in \(variants)</span>"
        }
        let notes = diagnostic.notes.map(\.message) + diagnostic.fixIts.map { "Fix: \($0.message)" }
        if !notes.isEmpty {
            html += "<ul>" + notes.map { "<li>\(HTMLEscaping.escape($0))</li>" }.joined() + "</ul>"
        }
        return html + "</aside>\n"
    }
}

extension String {
    fileprivate var trimmingSpaces: String {
        String(drop { $0 == " " }.reversed().drop { $0 == " " }.reversed())
    }

    fileprivate func replacingFirst(_ target: String, with replacement: String) -> String {
        guard let range = firstRange(of: target) else { return self }
        return String(self[..<range.lowerBound]) + replacement + self[range.upperBound...]
    }
}

/// One alternative of one choice.
private struct Selection: Hashable {
    var group: String
    var alternative: String
}
