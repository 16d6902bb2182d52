import RunbookDiagnostics
package import RunbookMarkdown
import RunbookSQL

/// Reads a runbook's structure out of a Markdown document as a person would read the guide.
package struct RunbookBuilder {
    private var runbook: Runbook
    private let document: MarkdownDocument
    private var pendingAnnotation: [String: String] = [:]
    private var blockCount = 0
    private var hasStepHeadings = false
    /// Blocks outside every step, by the heading they sit under: reported once per heading.
    private typealias OutsideBlock = (range: SourceRange, changes: Bool, anotherWay: Bool)
    private var outsideStep: [(section: SectionInfo, blocks: [OutsideBlock])] = []
    /// Every "For … Option N:" branch, checked against the choices once the whole document is read.
    private var branches: [(group: String, label: String, number: Int, text: String, range: SourceRange)] = []
    /// Choices read from prose (tabs, "If using …:", one section per engine) rather than named options:
    /// one that holds no block changes no script, so it does not multiply variants.
    private var inferredGroups: Set<String> = []

    /// The heading a part of the document sits under.
    fileprivate struct SectionInfo {
        var title: String
        var range: SourceRange
        /// "Setp 2": the misspelt word and its correction; nil when the heading is not near "Step N".
        var nearStep: (word: String, suggestion: String)?
    }

    /// What is in force while walking: the step, the selections, the section.
    private struct Context {
        var step = StepPath([])
        var condition = Condition.always
        var inStep = false
        /// In a guide without step headings: ordered lists of a setup section number its steps.
        var procedure = false
        /// Under a section the format defines as not a step (verification, troubleshooting …).
        var reference = false
        /// Outside a step, right after prose that shows another way by example ("… instead …, for example:").
        var anotherWay = false
        var rolesSection = false
        var claimRole: String?
        var section = SectionInfo(title: "", range: SourceRange(SourceLocation(line: 1, column: 1)))
    }

    /// Builds the model; which fence tags hold SQL is the SQL stage's answer (`SQLBlockClassifier.fenceKind`).
    package static func build(_ document: MarkdownDocument, path: String) -> Runbook {
        var builder = RunbookBuilder(document: document, path: path)
        builder.walkDocument()
        builder.pruneInferredGroupsWithoutBlocks()
        builder.checkBranches()
        builder.checkSingleAlternatives()
        builder.reportBlocksOutsideSteps()
        builder.resolveConnections()
        if builder.runbook.hasTooManyVariants, let group = builder.runbook.choiceGroups.first {
            let limit = Runbook.maximumVariants
            let message = TooManyVariantsMessage(groups: builder.runbook.choiceGroups.count, limit: limit)
            builder.runbook.diagnostics.append(Diagnostic(message, at: group.range))
        }
        return builder.runbook
    }

    private init(document: MarkdownDocument, path: String) {
        self.document = document
        let title =
            document.frontMatter?.values["title"]
            ?? document.root.children.first(where: {
                if case .heading(1) = $0.kind { true } else { false }
            })?.plainText
            ?? path.split(separator: "/").last.map(String.init) ?? path
        runbook = Runbook(path: path, title: title)
        runbook.dialect = document.frontMatter?.values["runbook.dialect"] ?? document.frontMatter?.values["dialect"]
        hasStepHeadings = document.root.children.contains {
            if case .heading = $0.kind { ProsePatterns.stepHeading($0.plainText) != nil } else { false }
        }
    }

    // MARK: - Headings and sections

    private enum SectionKind {
        case step(Int)
        case option(group: String, alternative: String)
        case roles
        case role(String)
        case reference
        case other
    }

    /// Sibling headings that are alternatives without saying "Option N": one per database engine
    /// ("MySQL/MariaDB", "PostgreSQL"), or numbered scenarios under a "Sample scenarios" heading.
    private func headingAlternatives() -> [Int: (group: String, groupLabel: String, alternative: String)] {
        var headings: [(index: Int, level: Int, text: String, parent: Int)] = []
        var open: [(index: Int, level: Int)] = []
        for (index, node) in document.root.children.enumerated() {
            guard case .heading(let level) = node.kind else { continue }
            while let last = open.last, last.level >= level { open.removeLast() }
            headings.append((index, level, node.plainText, open.last?.index ?? -1))
            open.append((index, level))
        }
        var result: [Int: (group: String, groupLabel: String, alternative: String)] = [:]
        let created = objectsCreatedUnderEachHeading()
        let textByIndex = Dictionary(headings.map { ($0.index, $0.text) }, uniquingKeysWith: { first, _ in first })
        let siblingSets = Dictionary(grouping: headings, by: { "\($0.parent)/\($0.level)" })
        for siblings in siblingSets.values.sorted(by: { $0[0].index < $1[0].index }) {
            let engines = siblings.compactMap { heading in
                ProsePatterns.engine(ofHeading: heading.text).map { (heading, $0) }
            }
            if Set(engines.map(\.1)).count >= 2 {
                for (heading, engine) in engines { result[heading.index] = ("engine", "Database engine", engine) }
                continue
            }
            let parentText = siblings.first.flatMap { textByIndex[$0.parent] } ?? ""
            let lowerParent = parentText.asciiLowercased
            let numbered = siblings.compactMap {
                heading -> ((index: Int, level: Int, text: String, parent: Int), Int)? in
                let digits = heading.text.prefix { $0.isNumber }
                guard !digits.isEmpty, heading.text.dropFirst(digits.count).hasPrefix(". "), let number = Int(digits)
                else { return nil }
                return (heading, number)
            }
            if numbered.count >= 2,
                ["scenario", "option", "approach", "method"].contains(where: lowerParent.containsBytes)
            {
                for (heading, number) in numbered {
                    result[heading.index] = (ProsePatterns.slug(parentText), parentText, "option-\(number)")
                }
                continue
            }
            // "Using an Amazon S3 bucket" / "Using a Google Cloud Storage bucket": ways to do the parent's task.
            let ways = siblings.filter { heading in
                ["using ", "with ", "via "].contains { heading.text.asciiLowercased.hasPrefix($0) }
            }
            if ways.count >= 2 {
                let group =
                    ProsePatterns.stepHeading(parentText).map { "step-\($0.number)" }
                    ?? ProsePatterns.slug(parentText.isEmpty ? "way" : parentText)
                for heading in ways {
                    var label = heading.text.split(separator: " ", maxSplits: 1).last.map(String.init) ?? heading.text
                    for article in ["an ", "a ", "the "] where label.asciiLowercased.hasPrefix(article) {
                        label = String(label.dropFirst(article.count))
                    }
                    result[heading.index] = (group, parentText.isEmpty ? "Way" : parentText, ProsePatterns.slug(label))
                }
                continue
            }
            // Sections that create the same user or role cannot both be followed: each is a way to do it.
            let plain = siblings.filter {
                ProsePatterns.stepHeading($0.text) == nil && ProsePatterns.optionHeading($0.text) == nil
                    && !ProsePatterns.isReferenceSection($0.text) && !(created[$0.index] ?? []).isEmpty
            }
            // How many sibling sections create each object: one that two or more create is contested.
            var creators: [String: Int] = [:]
            for heading in plain {
                for object in created[heading.index] ?? [] { creators[object, default: 0] += 1 }
            }
            let alternatives = plain.map(\.index).filter { index in
                (created[index] ?? []).contains { (creators[$0] ?? 0) >= 2 }
            }
            if alternatives.count >= 2 {
                let group = ProsePatterns.slug(parentText.isEmpty ? "approach" : parentText)
                for index in alternatives {
                    let text = textByIndex[index] ?? ""
                    result[index] = (group, parentText.isEmpty ? "Approach" : parentText, ProsePatterns.slug(text))
                }
            }
        }
        return result
    }

    /// For each heading, what the blocks of its whole section (subsections included) create.
    private func objectsCreatedUnderEachHeading() -> [Int: Set<String>] {
        var result: [Int: Set<String>] = [:]
        var open: [(index: Int, level: Int)] = []
        for (index, node) in document.root.children.enumerated() {
            if case .heading(let level) = node.kind {
                while let last = open.last, last.level >= level { open.removeLast() }
                open.append((index, level))
                continue
            }
            for case .codeBlock(_, let literal, _) in node.preOrder.map(\.kind) {
                let objects = SQLOutline.createdObjects(in: literal)
                guard !objects.isEmpty else { continue }
                for heading in open { result[heading.index, default: []].formUnion(objects) }
            }
        }
        return result
    }

    private mutating func walkDocument() {
        var sections: [(level: Int, kind: SectionKind, info: SectionInfo)] = []
        var containerNodes: [MarkdownNode] = []
        let alternativeHeadings = headingAlternatives()
        /// The last step heading at each parent heading, to report numbers that repeat or go backwards.
        var lastStepUnder: [Int: (number: Int, range: SourceRange)] = [:]
        var parentIndex: [Int] = []

        func context(for sections: [(level: Int, kind: SectionKind, info: SectionInfo)]) -> Context {
            var context = Context()
            context.procedure = !hasStepHeadings
            for section in sections {
                switch section.kind {
                case .step(let number):
                    context.step = StepPath([number])
                    context.inStep = true
                case .option(let group, let alternative):
                    context.condition = context.condition.adding(group: group, alternative: alternative)
                case .roles:
                    context.rolesSection = true
                case .role(let name):
                    context.claimRole = name
                case .reference:
                    context.reference = true
                    context.procedure = false
                case .other:
                    break
                }
                context.section = section.info
            }
            return context
        }

        for (nodeIndex, node) in document.root.children.enumerated() {
            guard case .heading(let level) = node.kind else {
                containerNodes.append(node)
                continue
            }
            walkContainer(containerNodes, context: context(for: sections))
            containerNodes = []
            while let last = sections.last, last.level >= level {
                sections.removeLast()
                parentIndex.removeLast()
            }
            let outer = context(for: sections)
            let text = node.plainText
            var info = SectionInfo(title: text, range: node.range)
            collectParameters(from: text, range: node.range)
            let parent = parentIndex.last ?? -1
            if let (number, title) = ProsePatterns.stepHeading(text) {
                if let previous = lastStepUnder[parent], number <= previous.number {
                    runbook.diagnostics.append(
                        Diagnostic(
                            StepNumberOrderMessage(number: number, previous: previous.number),
                            at: node.range, notes: [DiagnosticNote("the earlier step", at: previous.range)]))
                }
                lastStepUnder[parent] = (number, node.range)
                sections.append((level, .step(number), info))
                let step = Step(path: StepPath([number]), title: title, range: node.range, condition: outer.condition)
                runbook.steps.append(step)
                runbook.items.append(
                    .instruction(
                        Instruction(
                            text: text, step: step.path, range: node.range, condition: outer.condition)))
                infer(.step, "Step \(number): \(title)", node.range)
            } else if let (groupLabel, number) = ProsePatterns.optionHeading(text) {
                let groupID = ProsePatterns.slug(groupLabel.isEmpty ? "option" : groupLabel)
                let alternativeID = "option-\(number)"
                registerAlternative(
                    group: groupID, groupLabel: groupLabel.isEmpty ? "Options" : groupLabel,
                    alternative: alternativeID, label: text, range: node.range, under: outer.condition)
                sections.append((level, .option(group: groupID, alternative: alternativeID), info))
            } else if let (group, groupLabel, alternative) = alternativeHeadings[nodeIndex] {
                inferredGroups.insert(group)
                registerAlternative(
                    group: group, groupLabel: groupLabel, alternative: alternative, label: text, range: node.range,
                    under: outer.condition)
                infer(
                    .reading, "'\(text)' is one alternative of '\(groupLabel)' (sibling sections name the others)",
                    node.range)
                sections.append((level, .option(group: group, alternative: alternative), info))
            } else if text.lowercased() == "roles" || text.lowercased().hasSuffix(" roles") {
                sections.append((level, .roles, info))
            } else if outer.rolesSection, let role = ProsePatterns.parenthesisedIdentifier(text) {
                sections.append((level, .role(role), info))
            } else if ProsePatterns.isReferenceSection(text) {
                sections.append((level, .reference, info))
            } else {
                if let near = ProsePatterns.nearStepHeading(text) {
                    if let word = near.word, let suggestion = near.suggestion {
                        info.nearStep = (word, suggestion)
                    } else {
                        runbook.diagnostics.append(
                            Diagnostic(
                                HeadingWithoutStepNumberMessage(heading: text), at: node.range,
                                notes: [DiagnosticNote("a step heading reads 'Step N: title' (docs/runbook-format.md)")]
                            ))
                    }
                }
                sections.append((level, .other, info))
            }
            parentIndex.append(nodeIndex)
            runbook.shownUnder[node.range.start] = context(for: sections).condition
        }
        walkContainer(containerNodes, context: context(for: sections))
    }

    // MARK: - Alternatives read from prose inside a container

    /// One choice found among a container's nodes: tab markup, or two or more "If using …:" lead-ins.
    private struct InlineChoice {
        var kind: String
        /// The marker nodes, with the label each gives its alternative.
        var labels: [(node: Int, label: String)] = []
        /// Node index → index into `labels`: the alternative a node belongs to.
        var members: [Int: Int] = [:]
    }

    private enum InlineMarker {
        case tabs([ProsePatterns.TabMarker])
        case condition(String)
    }

    private func inlineMarker(_ node: MarkdownNode) -> InlineMarker? {
        switch node.kind {
        case .paragraph:
            let text = node.plainText
            if let tabs = ProsePatterns.tabMarkers(text) { return .tabs(tabs) }
            if let label = ProsePatterns.conditionMarker(text) { return .condition(label) }
        case .htmlBlock(let html):
            if let tabs = ProsePatterns.tabMarkers(html) { return .tabs(tabs) }
        case .list:
            // "1. If using PostgreSQL v14 or later:" alone in its list, with the block after the list.
            if node.children.count == 1, let item = node.children.first, item.children.count == 1,
                let paragraph = item.children.first, paragraph.kind == .paragraph,
                let label = ProsePatterns.conditionMarker(paragraph.plainText)
            {
                return .condition(label)
            }
        default:
            break
        }
        return nil
    }

    private func inlineChoices(_ nodes: [MarkdownNode]) -> [InlineChoice] {
        var choices: [InlineChoice] = []
        var tabs: InlineChoice?
        var currentTab: Int?
        var conditions = InlineChoice(kind: "condition")
        var currentCondition: Int?
        func closeTabs() {
            if let group = tabs, group.labels.count >= 2 { choices.append(group) }
            tabs = nil
            currentTab = nil
        }
        for (index, node) in nodes.enumerated() {
            switch inlineMarker(node) {
            case .tabs(let markers):
                for marker in markers {
                    switch marker {
                    case .groupOpen:
                        closeTabs()
                        tabs = InlineChoice(kind: "tabs")
                    case .groupClose:
                        closeTabs()
                    case .tab(let label):
                        if tabs == nil {
                            tabs = InlineChoice(kind: node.plainText.hasPrefix("===") ? "mkdocs" : "tabs")
                        }
                        tabs?.labels.append((index, label))
                        currentTab = (tabs?.labels.count ?? 1) - 1
                        tabs?.members[index] = currentTab
                    case .tabClose:
                        currentTab = nil
                    }
                }
            case .condition(let label) where currentTab == nil:
                conditions.labels.append((index, label))
                currentCondition = conditions.labels.count - 1
                conditions.members[index] = currentCondition
            default:
                if let tab = currentTab, tabs != nil {
                    // A MkDocs tab's content is indented under its marker, which CommonMark reads as indented code.
                    if tabs?.kind == "mkdocs", case .codeBlock(_, _, false) = node.kind {
                        tabs?.members[index] = tab
                    } else if tabs?.kind == "mkdocs" {
                        closeTabs()
                        if let condition = currentCondition { conditions.members[index] = condition }
                    } else {
                        tabs?.members[index] = tab
                    }
                } else if let condition = currentCondition {
                    conditions.members[index] = condition
                }
            }
        }
        closeTabs()
        if conditions.labels.count >= 2 { choices.append(conditions) }
        return choices
    }

    /// Registers an inline choice's alternatives and answers with its group id. A choice whose alternatives
    /// are those of a choice read earlier (the same "For local database:" / "For remote database:" in two
    /// steps) is that choice.
    private mutating func registerInline(
        _ choice: InlineChoice, nodes: [MarkdownNode], context: Context
    ) -> (
        group: String, alternatives: [String]
    ) {
        var alternatives: [String] = []
        for (_, label) in choice.labels {
            var id = ProsePatterns.slug(label)
            var suffix = 2
            while alternatives.contains(id) {
                id = ProsePatterns.slug(label) + "-\(suffix)"
                suffix += 1
            }
            alternatives.append(id)
        }
        let existing = runbook.choiceGroups.first { group in
            inferredGroups.contains(group.id) && group.alternatives.map(\.id) == alternatives
        }
        var group =
            existing?.id
            ?? (context.inStep && !context.step.isEmpty
                ? "step-" + context.step.components.map(String.init).joined(separator: "-")
                : ProsePatterns.slug(context.section.title.isEmpty ? "choice" : context.section.title))
        if existing == nil {
            let base = group
            var suffix = 2
            while runbook.choiceGroups.contains(where: { $0.id == group }) {
                group = "\(base)-\(suffix)"
                suffix += 1
            }
        }
        inferredGroups.insert(group)
        // Lead-ins may recur in other sections ("For local database:"), so they name their own choice.
        let groupLabel =
            choice.kind == "condition"
            ? choice.labels.map(\.label).joined(separator: " or ")
            : context.section.title.isEmpty ? "Choice" : context.section.title
        for ((node, label), alternative) in zip(choice.labels, alternatives) {
            registerAlternative(
                group: group, groupLabel: groupLabel, alternative: alternative, label: label,
                range: nodes[node].range, under: context.condition)
        }
        let how =
            choice.kind == "condition"
            ? "lead-ins \(choice.labels.map { "'\($0.label):'" }.joined(separator: ", "))" : "tabs"
        infer(.reading, "\(how) read as alternatives of one choice '\(group)'", nodes[choice.labels[0].node].range)
        return (group, alternatives)
    }

    // MARK: - Blocks inside a section or list item

    /// Numbers across the numbered lists of one container. Real pages break a list with a fence at the
    /// margin, or indent sub-items too little, which CommonMark reads as new lists starting at 1: the
    /// column of an item's marker says whether it is a step or a sub-step, and numbers continue.
    private struct ListNumbering {
        var outerColumn: Int
        var outer = 0
        var inner = 0

        mutating func path(for item: MarkdownNode, written: Int, base: StepPath) -> StepPath {
            // Items at the left margin are steps; items further right are sub-steps of the last step.
            let column = item.range.start.column
            if column <= outerColumn {
                outerColumn = column
                outer = written > outer ? written : outer + 1
                inner = 0
                return StepPath(base.components + [outer])
            }
            // A sub-item's written number counts in the list it was parsed into, not under its step.
            inner += 1
            return StepPath(base.components + [max(outer, 1), inner])
        }
    }

    private mutating func walkContainer(_ nodes: [MarkdownNode], context: Context) {
        var local = context
        var numbering: ListNumbering?
        var openChoice: (group: String, base: Condition)?
        var memberships: [Int: (group: String, alternative: String)] = [:]
        for choice in inlineChoices(nodes) {
            let (group, alternatives) = registerInline(choice, nodes: nodes, context: context)
            for (node, labelIndex) in choice.members { memberships[node] = (group, alternatives[labelIndex]) }
        }
        for (index, node) in nodes.enumerated() {
            var here = local
            if let (group, alternative) = memberships[index] {
                here.condition = here.condition.adding(group: group, alternative: alternative)
            }
            runbook.shownUnder[node.range.start] = here.condition
            switch node.kind {
            case .paragraph:
                let text = node.plainText
                collectParameters(from: text, range: node.range)
                if let choice = openChoice, let (number, label) = ProsePatterns.alternativeMarker(text) {
                    let alternativeID = "option-\(number)"
                    registerAlternative(
                        group: choice.group, groupLabel: "Step \(context.step) options", alternative: alternativeID,
                        label: label.isEmpty ? "Option \(number)" : "Option \(number): \(label)", range: node.range,
                        under: choice.base)
                    local.condition = choice.base.adding(group: choice.group, alternative: alternativeID)
                    // The marker opens its alternative: the page shows it with what follows.
                    runbook.shownUnder[node.range.start] = local.condition
                    if local.inStep {
                        addInstruction(text, step: local.step, range: node.range, condition: local.condition)
                    }
                } else if local.inStep, ProsePatterns.isChoicePrompt(text) {
                    let group = "step-" + local.step.components.map(String.init).joined(separator: "-")
                    openChoice = (group, context.condition)
                    infer(.choice, "choice '\(group)' opened by \"\(text)\"", node.range)
                } else if let found = ProsePatterns.connectionSwitch(Self.textKeepingCode(node)) {
                    switch found.database {
                    case .described(let description) where local.inStep:
                        // "Switch to the end user database": which one is decided once the page is read.
                        addConnectionSwitch(
                            phrase: found.phrase, database: description, stays: found.stays, user: found.user,
                            step: local.step, range: node.range, condition: here.condition)
                    // Only where blocks run: "connect to `db2` as `reader`" in a verification section is
                    // about checking, not about where the procedure runs.
                    case .named(let database)
                    where !local.reference && (local.inStep || !hasStepHeadings)
                        && !nextBlockSaysItsConnection(nodes, after: index, found):
                        addNamedSwitch(
                            phrase: found.phrase, database: database, user: found.user, step: local.step,
                            range: node.range, condition: here.condition)
                    default:
                        break
                    }
                }
            case .codeBlock(let info, let literal, let fenced):
                if !here.inStep, index > 0, nodes[index - 1].kind == .paragraph,
                    ProsePatterns.introducesAnotherWay(nodes[index - 1].plainText)
                {
                    here.anotherWay = true
                    infer(
                        .reading, "the prose before it shows another way by example: the block is not run",
                        node.range)
                }
                addBlock(info: info, literal: literal, fenced: fenced, range: node.range, context: here)
            case .htmlBlock(let html):
                if let payload = Annotations.commentPayload(html) {
                    let attributes = Annotations.parseAttributes(payload)
                    let values = Annotations.validated(
                        attributes, at: node.range,
                        keyRange: { Annotations.keyRange($0, inComment: html, startingAt: node.range.start) },
                        diagnostics: &runbook.diagnostics)
                    pendingAnnotation.merge(values) { $1 }
                    infer(.annotation, "annotation \(payload.trimmingCharacters(" \n"))", node.range)
                }
            case .list(let info):
                var listContext = here
                listContext.step = context.step
                listContext.inStep = context.inStep
                if let last = walkList(node, info: info, context: listContext, numbering: &numbering) {
                    // A block right after a numbered list (a fence that broke out of its item) belongs to the
                    // last item's step.
                    local.step = last
                    local.inStep = true
                }
            case .blockQuote:
                walkContainer(node.children, context: here)
            case .table:
                collectParameters(from: node.plainText, range: node.range)
            default:
                break
            }
        }
    }

    /// A paragraph's text with its code spans in backticks, as written: a name in code is clearly a name.
    static func textKeepingCode(_ node: MarkdownNode) -> String {
        var result = ""
        func append(_ node: MarkdownNode) {
            switch node.kind {
            case .text(let text): result += text
            case .code(let text): result += "`\(text)`"
            case .softBreak, .lineBreak: result += " "
            default: node.children.forEach(append)
            }
        }
        append(node)
        return result
    }

    /// "As `user2` on `db2`, run:" before a block whose first comment says `--As user2 on db2`: one switch.
    private func nextBlockSaysItsConnection(
        _ nodes: [MarkdownNode], after index: Int, _ phrase: ProsePatterns.ConnectionPhrase
    ) -> Bool {
        guard index + 1 < nodes.count, case .codeBlock(_, let literal, _) = nodes[index + 1].kind,
            let comment = ProsePatterns.connectionComment(literal)
        else { return false }
        return comment.database == phrase.database && (phrase.user == nil || comment.user == phrase.user)
    }

    /// Walks a list; for a numbered list whose last item holds no block, answers with that item's step, which
    /// the blocks after the list continue.
    private mutating func walkList(
        _ list: MarkdownNode, info: MarkdownNode.ListInfo, context: Context, numbering: inout ListNumbering?
    ) -> StepPath? {
        let numbers = info.type == .ordered && (context.inStep || context.procedure)
        var lastStep: StepPath?
        for (index, item) in list.children.enumerated() {
            var itemContext = context
            defer { runbook.itemsShownUnder[item.range.start] = itemContext.condition }
            let firstText = item.children.first.flatMap { $0.kind == .paragraph ? $0.plainText : nil } ?? ""
            if context.rolesSection, let role = context.claimRole {
                addClaim(firstText, role: role, range: item.range, condition: context.condition)
            }
            if let (groupLabel, number) = ProsePatterns.branch(firstText) {
                let group = ProsePatterns.slug(groupLabel)
                itemContext.condition = context.condition.adding(group: group, alternative: "option-\(number)")
                runbook.regions.append(
                    AlternativeRegion(kind: .branch, group: group, alternative: "option-\(number)", range: item.range))
                infer(.branch, "branch for \(group)=option-\(number): \"\(firstText)\"", item.range)
                branches.append((group, groupLabel, number, firstText, item.range))
                walkContainer(Array(item.children.dropFirst()), context: itemContext)
                continue
            }
            if numbers {
                if numbering == nil { numbering = ListNumbering(outerColumn: item.range.start.column) }
                itemContext.step =
                    numbering?.path(for: item, written: info.start + index, base: context.step)
                    ?? StepPath(context.step.components + [info.start + index])
                itemContext.inStep = true
                if context.step.isEmpty, itemContext.step.components.count == 1, !firstText.isEmpty {
                    runbook.steps.append(
                        Step(
                            path: itemContext.step, title: firstText, range: item.range, condition: context.condition))
                    infer(
                        .step,
                        "Step \(itemContext.step): \(firstText) (a numbered list "
                            + (context.section.title.isEmpty
                                ? "before the first heading)" : "under '\(context.section.title)')"),
                        item.range)
                }
                lastStep = itemContext.step
            }
            if itemContext.inStep, !firstText.isEmpty, ProsePatterns.alternativeMarker(firstText) == nil {
                addInstruction(
                    firstText, step: itemContext.step, range: item.children[0].range, condition: itemContext.condition)
            }
            walkContainer(item.children, context: itemContext)
        }
        guard let lastStep, let last = list.children.last,
            !last.preOrder.contains(where: { if case .codeBlock = $0.kind { true } else { false } })
        else { return nil }
        return lastStep
    }

    // MARK: - Recording

    private mutating func addInstruction(_ text: String, step: StepPath, range: SourceRange, condition: Condition) {
        runbook.items.append(.instruction(Instruction(text: text, step: step, range: range, condition: condition)))
        if step.components.count > 1 { infer(.step, "Step \(step): \(text)", range) }
    }

    private mutating func addConnectionSwitch(
        phrase: String, database: String, stays: Bool, user: ConnectionUser?, step: StepPath, range: SourceRange,
        condition: Condition
    ) {
        let target: ConnectionSwitch.Target =
            if let named = pendingAnnotation.removeValue(forKey: "connection") { .named(named) } else {
                .described(database)
            }
        runbook.items.append(
            .connectionSwitch(
                ConnectionSwitch(
                    phrase: phrase, target: target, stays: stays, step: step, range: range, condition: condition,
                    user: user)))
    }

    private mutating func addNamedSwitch(
        phrase: String, database: String, user: ConnectionUser?, step: StepPath, range: SourceRange,
        condition: Condition
    ) {
        runbook.items.append(
            .connectionSwitch(
                ConnectionSwitch(
                    phrase: phrase, target: .named(database), stays: false, step: step, range: range,
                    condition: condition, user: user)))
        infer(.connectionSwitch, "'\(phrase)' → \(Self.describe(database: database, user: user))", range)
    }

    /// "db2 as user2", "db2 as the administrator", "db2": a switch's target in `explain`'s words.
    static func describe(database: String, user: ConnectionUser?) -> String {
        switch user {
        case .named(let name): "\(database) as \(name)"
        case .administrator: "\(database) as the administrator (whoever runs the script)"
        case nil: database
        }
    }

    private mutating func addBlock(info: String, literal: String, fenced: Bool, range: SourceRange, context: Context) {
        var info = info
        var literal = literal
        var fenceLine = range.start.line
        if !fenced {
            if let (embeddedInfo, content) = BlockText.embeddedFence(literal) {
                // The fence line is the indented block's first line, so the content starts on the next, as for a fence.
                info = embeddedInfo
                literal = content
                infer(.block, "indented code holding a fence (```\(embeddedInfo)) read as that fenced block", range)
            } else {
                fenceLine -= 1
                guard SQLOutline.startsLikeSQL(BlockText.strippingTranscript(literal).text) else { return }
                infer(.block, "indented code block read as SQL", range)
            }
        }
        let infoWords = info.split(separator: " ", maxSplits: 1)
        let language = infoWords.first.map { String($0).lowercased() } ?? ""
        let kind = SQLBlockClassifier.fenceKind(language)
        if kind == .notSQL, !fenced, pendingAnnotation.isEmpty, infoWords.count < 2 { return }
        var attributes = pendingAnnotation
        pendingAnnotation = [:]
        if infoWords.count > 1 {
            let parsed = Annotations.parseAttributes(infoWords[1])
            attributes.merge(Annotations.validated(parsed, at: range, diagnostics: &runbook.diagnostics)) { $1 }
        }
        var condition = context.condition
        if let when = attributes["when"] {
            if let extra = Annotations.condition(when) {
                condition.selections.merge(extra.selections) { $1 }
            } else {
                runbook.diagnostics.append(
                    Diagnostic(
                        AnnotationInvalidValueMessage(key: "when", value: when, allowed: "group=alternative pairs"),
                        at: range))
            }
        }
        // A transcript starts with a prompt, not a statement: take the prompts and answers out first.
        let (cleaned, removed) = kind == .notSQL ? (literal, []) : BlockText.strippingTranscript(literal)
        let looksLikeSQL =
            (kind == .sql && !language.isEmpty) || (kind != .notSQL && SQLOutline.startsLikeSQL(cleaned))
        if kind == .unknown, looksLikeSQL {
            runbook.diagnostics.append(
                Diagnostic(
                    UnknownFenceLanguageMessage(language: language),
                    at: SourceRange(range.start),
                    notes: [
                        DiagnosticNote("label the fence 'sql' (or the dialect: 'postgresql', 'redshift') to say so")
                    ]))
        }
        var text = literal
        if looksLikeSQL, !removed.isEmpty {
            text = cleaned
            infer(
                .block, "psql transcript: \(removed.joined(separator: ", ")) taken out; the statements are kept", range)
        }
        let role: Block.Role =
            switch attributes["role"] {
            case "example": .example
            case "skip": .skip
            case "executable": .executable
            default:
                !context.reference && !context.anotherWay && (context.inStep || !hasStepHeadings)
                    ? .executable : .example
            }
        if attributes["role"] == nil, role == .example, !context.reference, looksLikeSQL {
            let entry = (range: range, changes: SQLOutline(text).changesDatabase, anotherWay: context.anotherWay)
            if let index = outsideStep.firstIndex(where: { $0.section.range == context.section.range }) {
                outsideStep[index].blocks.append(entry)
            } else {
                outsideStep.append((context.section, [entry]))
            }
        }
        let positions = BlockPositionMap(
            fenceLine: fenceLine, fenceColumn: range.start.column, literal: text.droppingFinalNewline,
            fileLines: document.lines)
        let block = Block(
            index: blockCount, language: language, attributes: attributes, text: text, range: range,
            positions: positions, step: context.step, condition: condition, role: role, section: context.section.title)
        blockCount += 1
        // An example's comment (a verification query "--As reader on db2") says where to look, not where the
        // procedure runs.
        if attributes["connection"] == nil, looksLikeSQL, role == .executable,
            let switchTo = ProsePatterns.connectionComment(text),
            case .named(let database) = switchTo.database
        {
            let outline = SQLOutline(text)
            let createdObjects = outline.createdObjects
            if outline.createdDatabase == database {
                infer(
                    .connectionSwitch,
                    "'\(switchTo.phrase)' is not followed: the block creates \(database), so it cannot run connected to it",
                    range)
            } else if let user = switchTo.user?.name,
                createdObjects.contains("user \(user.asciiLowercased)")
                    || createdObjects.contains("role \(user.asciiLowercased)")
            {
                infer(
                    .connectionSwitch,
                    "'\(switchTo.phrase)' is followed for the database only: the block creates \(user), so it cannot run as \(user)",
                    range)
                addNamedSwitch(
                    phrase: switchTo.phrase, database: database, user: nil, step: context.step, range: range,
                    condition: condition)
            } else {
                addNamedSwitch(
                    phrase: switchTo.phrase, database: database, user: switchTo.user, step: context.step, range: range,
                    condition: condition)
            }
        }
        if role == .executable, looksLikeSQL, let parts = alternativeParts(of: block, context: context) {
            for part in parts { runbook.items.append(.block(part)) }
        } else {
            runbook.items.append(.block(block))
        }
        if let connection = attributes["connection"] {
            runbook.items.append(
                .connectionSwitch(
                    ConnectionSwitch(
                        phrase: "connection=\(connection)", target: .named(connection), stays: false,
                        step: context.step,
                        range: range, condition: condition)))
        }
    }

    /// A block whose statements a separator comment (`-- OR --`, `-- or, on PostgreSQL 13 and earlier:`)
    /// divides into ways to do one thing: a block per way, each an alternative of a choice of its own, and a
    /// block each for the lines before and after them, which every way runs. Nil when the block offers no
    /// alternatives, or when every way is a template (`<database_name>`), which no script runs anyway.
    private mutating func alternativeParts(of block: Block, context: Context) -> [Block]? {
        guard let split = BlockText.alternatives(block.text) else { return nil }
        let lines = block.text.splitLines(omittingEmptySubsequences: false).map(String.init)
        func text(_ range: Range<Int>) -> String {
            lines.indices.map { range.contains($0) ? lines[$0] : "" }.joined(separator: "\n")
        }
        let line = block.range.start.line
        let contentLine = { (offset: Int) in block.positions.fenceLine + 1 + offset }
        guard !split.alternatives.allSatisfy({ SQLOutline.hasAnglePlaceholder(text($0.lines)) }) else {
            infer(
                .reading,
                "the block at line \(line) offers \(split.alternatives.count) ways separated by comment lines, but each holds a placeholder, so no script runs any: kept as one block",
                block.range)
            return nil
        }
        let base =
            context.inStep && !context.step.isEmpty
            ? "step-" + context.step.components.map(String.init).joined(separator: "-")
            : ProsePatterns.slug(context.section.title.isEmpty ? "block" : context.section.title)
        var group = base + "-or"
        var suffix = 2
        while runbook.choiceGroups.contains(where: { $0.id == group }) {
            group = "\(base)-or-\(suffix)"
            suffix += 1
        }
        inferredGroups.insert(group)
        var parts: [Block] = []
        func add(_ range: Range<Int>, condition: Condition) {
            var part = block
            part.index = blockCount
            part.text = text(range)
            part.condition = condition
            part.positions = BlockPositionMap(
                fenceLine: block.positions.fenceLine, fenceColumn: block.range.start.column,
                literal: part.text.droppingFinalNewline, fileLines: document.lines)
            blockCount += 1
            parts.append(part)
        }
        // The block itself was counted already: its index goes to the first part.
        blockCount -= 1
        let hasCode = { (range: Range<Int>) in
            range.contains { line in
                let code = lines[line].drop { $0 == " " || $0 == "\t" }
                return !code.trimmingCharacters(" \t\r").isEmpty && !code.hasPrefix("--")
            }
        }
        if hasCode(split.before) { add(split.before, condition: block.condition) }
        for (number, alternative) in split.alternatives.enumerated() {
            let id = "way-\(number + 1)"
            let first = contentLine(alternative.lines.lowerBound)
            let label =
                alternative.label.isEmpty ? "the statements at line \(first)" : "\(alternative.label) (line \(first))"
            registerAlternative(
                group: group, groupLabel: "Ways in the block at line \(line)", alternative: id, label: label,
                range: SourceRange(SourceLocation(line: first, column: block.range.start.column)),
                under: block.condition)
            add(alternative.lines, condition: block.condition.adding(group: group, alternative: id))
        }
        if hasCode(split.after) { add(split.after, condition: block.condition) }
        infer(
            .reading,
            "the block at line \(line) offers \(split.alternatives.count) ways separated by comment lines ('-- OR --'): alternatives of one choice '\(group)', each variant runs one",
            block.range)
        return parts
    }

    private mutating func addClaim(_ text: String, role: String, range: SourceRange, condition: Condition) {
        let requirements = ProsePatterns.claimRequirements(text)
        guard !requirements.isEmpty else { return }
        runbook.claims.append(
            Claim(
                role: role, text: text, requirements: requirements, range: range, condition: condition))
        infer(.claim, "\(role): \(text)", range)
    }

    private mutating func registerAlternative(
        group: String, groupLabel: String, alternative: String, label: String, range: SourceRange, under: Condition
    ) {
        if let index = runbook.choiceGroups.firstIndex(where: { $0.id == group }) {
            if !runbook.choiceGroups[index].alternatives.contains(where: { $0.id == alternative }) {
                runbook.choiceGroups[index].alternatives.append(
                    Alternative(id: alternative, label: label, range: range))
            }
            if !runbook.choiceGroups[index].appliesUnder.contains(under) {
                runbook.choiceGroups[index].appliesUnder.append(under)
            }
        } else {
            runbook.choiceGroups.append(
                ChoiceGroup(
                    id: group, label: groupLabel,
                    alternatives: [Alternative(id: alternative, label: label, range: range)],
                    appliesUnder: [under], range: range))
        }
        runbook.regions.append(
            AlternativeRegion(kind: .alternative, group: group, alternative: alternative, range: range))
        let scope =
            under.isAlways
            ? "" : " (under \(under.sortedSelections.map { "\($0.group)=\($0.alternative)" }.joined(separator: ", ")))"
        infer(.alternative, "\(group)=\(alternative): \(label)\(scope)", range)
    }

    private mutating func collectParameters(from text: String, range: SourceRange) {
        for value in ProsePatterns.exampleValues(text) where !runbook.parameters.contains(where: { $0.name == value }) {
            runbook.parameters.append(
                Parameter(
                    name: value, defaultValue: value, isSecret: false, range: range, origin: "(for example, \(value))"))
            infer(.parameter, "\(value) (default \(value))", range)
        }
    }

    private mutating func infer(_ kind: Inference.Kind, _ description: String, _ range: SourceRange) {
        runbook.inferences.append(Inference(kind: kind, description: description, range: range))
    }

    // MARK: - Checks once the document is read

    /// A choice read from prose whose alternatives hold no block (tabs of shell commands, "For local
    /// database:" before an `ini` line) would only multiply identical scripts: it is kept as prose.
    private mutating func pruneInferredGroupsWithoutBlocks() {
        let used = Set(
            runbook.items.flatMap { item -> [String] in
                guard case .block(let block) = item, block.role != .skip, mayHoldSQL(block) else { return [] }
                return Array(block.condition.selections.keys)
            })
        let unused = runbook.choiceGroups.filter { inferredGroups.contains($0.id) && !used.contains($0.id) }
        guard !unused.isEmpty else { return }
        let ids = Set(unused.map(\.id))
        runbook.choiceGroups.removeAll { ids.contains($0.id) }
        runbook.regions.removeAll { ids.contains($0.group) }
        func strip(_ condition: Condition) -> Condition {
            Condition(condition.selections.filter { !ids.contains($0.key) })
        }
        runbook.items = runbook.items.map { item in
            switch item {
            case .instruction(var instruction):
                instruction.condition = strip(instruction.condition)
                return .instruction(instruction)
            case .connectionSwitch(var connectionSwitch):
                connectionSwitch.condition = strip(connectionSwitch.condition)
                return .connectionSwitch(connectionSwitch)
            case .block(var block):
                block.condition = strip(block.condition)
                return .block(block)
            }
        }
        for index in runbook.steps.indices { runbook.steps[index].condition = strip(runbook.steps[index].condition) }
        runbook.shownUnder = runbook.shownUnder.mapValues(strip)
        runbook.itemsShownUnder = runbook.itemsShownUnder.mapValues(strip)
        for index in runbook.claims.indices { runbook.claims[index].condition = strip(runbook.claims[index].condition) }
        for index in runbook.choiceGroups.indices {
            var seen: [Condition] = []
            for condition in runbook.choiceGroups[index].appliesUnder.map(strip) where !seen.contains(condition) {
                seen.append(condition)
            }
            runbook.choiceGroups[index].appliesUnder = seen
        }
        for group in unused {
            infer(
                .reading,
                "'\(group.label)' offers \(group.alternatives.count) alternatives but none holds SQL: read as prose, not as a choice",
                group.range)
        }
    }

    /// Whether a block can be SQL: a SQL tag, or no tag or an unknown one with content that starts like SQL.
    private func mayHoldSQL(_ block: Block) -> Bool {
        switch SQLBlockClassifier.fenceKind(block.language) {
        case .notSQL: false
        case .unknown: SQLOutline.startsLikeSQL(block.text)
        case .sql: !block.language.isEmpty || SQLOutline.startsLikeSQL(block.text)
        }
    }

    /// "For Access Option 3:" when the guide defines only options 1 and 2: its SQL would run in no variant.
    private mutating func checkBranches() {
        for branch in branches {
            guard let group = runbook.choiceGroups.first(where: { $0.id == ProsePatterns.slug(branch.group) }) else {
                let closest = Suggestion.closest(to: branch.label, in: runbook.choiceGroups.map(\.label))
                let message = UnknownAlternativeMessage(
                    branch: branch.text, missing: .choice(label: branch.label, suggestion: closest))
                var notes: [DiagnosticNote] = []
                if !runbook.choiceGroups.isEmpty {
                    notes.append(
                        DiagnosticNote(
                            "the choices are \(runbook.choiceGroups.map { "'\($0.label)'" }.joined(separator: ", "))"))
                }
                runbook.diagnostics.append(
                    Diagnostic(message, at: branch.range, notes: notes))
                continue
            }
            guard !group.alternatives.contains(where: { $0.id == "option-\(branch.number)" }) else { continue }
            let existing = group.alternatives.map { "'\($0.label)'" }.joined(separator: ", ")
            runbook.diagnostics.append(
                Diagnostic(
                    UnknownAlternativeMessage(
                        branch: branch.text, missing: .option(number: branch.number, group: group.label)),
                    at: branch.range,
                    notes: [DiagnosticNote("'\(group.label)' has \(existing)", at: group.range)]))
        }
    }

    /// A choice of one alternative is no choice: usually an option heading misspelt ("Acess Option 2" beside
    /// "Access Option 1"), which splits one choice into two.
    private mutating func checkSingleAlternatives() {
        for group in runbook.choiceGroups where group.alternatives.count == 1 && !inferredGroups.contains(group.id) {
            guard let alternative = group.alternatives.first else { continue }
            let others = runbook.choiceGroups.filter { $0.id != group.id }
            let labels = others.map(\.label)
            var message = SingleAlternativeMessage(alternative: alternative.label, group: group.label)
            var fixIts: [FixIt] = []
            if let closest = Suggestion.closest(to: group.label, in: labels)
                ?? labels.first(where: { ProsePatterns.isNearMiss($0.asciiLowercased, of: group.label.asciiLowercased) }
                )
            {
                // Two lone alternatives close to each other: the later heading is the one that strayed.
                if let other = others.first(where: { $0.label == closest }), other.alternatives.count == 1,
                    other.range.start > group.range.start
                {
                    continue
                }
                message.suggestion = closest
                if let range = wordRange(group.label, onLine: alternative.range.start.line) {
                    fixIts.append(FixIt("use '\(closest)'", range: range, replacement: closest, applicability: .unsafe))
                }
            }
            runbook.diagnostics.append(
                Diagnostic(message, at: alternative.range, fixIts: fixIts))
        }
    }

    private mutating func reportBlocksOutsideSteps() {
        for (section, blocks) in outsideStep {
            guard let first = blocks.first else { continue }
            var message = BlockOutsideStepMessage(
                count: blocks.count, section: section.title, correctedHeading: nil, offeredAsAnotherWay: false)
            var fixIts: [FixIt] = []
            var notes: [DiagnosticNote] = []
            if let near = section.nearStep {
                let corrected =
                    section.title.firstByteRange(of: near.word).map {
                        section.title.replacingCharacters(in: $0, with: near.suggestion)
                    } ?? near.suggestion
                message.correctedHeading = corrected
                if let range = wordRange(near.word, onLine: section.range.start.line) {
                    fixIts.append(
                        FixIt(
                            "use '\(near.suggestion)'", range: range, replacement: near.suggestion, applicability: .safe
                        ))
                }
            } else if blocks.allSatisfy(\.anotherWay) {
                message.offeredAsAnotherWay = true
                notes.append(
                    DiagnosticNote("to run it instead of what the steps do, mark it <!-- runbook: role=executable -->"))
            } else {
                notes.append(
                    DiagnosticNote(
                        "put it under a 'Step N: …' heading to run it, or mark it <!-- runbook: role=example --> to say it is an example"
                    ))
            }
            if !section.title.isEmpty { notes.append(DiagnosticNote("the heading", at: section.range)) }
            let shown = blocks.dropFirst().prefix(20)
            for block in shown {
                notes.append(DiagnosticNote("another block here", at: SourceRange(block.range.start)))
            }
            if blocks.count > shown.count + 1 {
                notes.append(DiagnosticNote("and \(blocks.count - shown.count - 1) more"))
            }
            // What the page itself offers as another way is an example by its own words: a note.
            let severity: Severity =
                section.nearStep != nil || blocks.contains(where: { $0.changes && !$0.anotherWay }) ? .warning : .note
            runbook.diagnostics.append(
                Diagnostic(
                    message, at: SourceRange(first.range.start), severity: severity,
                    notes: notes,
                    fixIts: fixIts))
        }
    }

    /// Where `word` stands on a line of the file, for a fix-it on a heading.
    private func wordRange(_ word: String, onLine line: Int) -> SourceRange? {
        guard line >= 1, line <= document.lines.count,
            let found = document.lines[line - 1].firstByteRange(of: word)
        else { return nil }
        let text = document.lines[line - 1]
        let column = text.utf8.distance(from: text.startIndex, to: found.lowerBound) + 1
        return SourceRange(
            start: SourceLocation(line: line, column: column),
            end: SourceLocation(line: line, column: column + word.utf8.count))
    }

    // MARK: - Connections

    /// Gives each described connection switch a database name: the database the runbook creates, or the
    /// database a following block's comment names ("… in DATABASE user_database").
    private mutating func resolveConnections() {
        // Without a block there is nothing to run, so no connection to decide.
        guard blockCount > 0 else { return }
        let created = runbook.items.lazy.compactMap { item -> (String, Block)? in
            guard case .block(let block) = item, let name = SQLOutline.createdDatabase(in: block.text) else {
                return nil
            }
            return (name, block)
        }.first
        for index in runbook.items.indices {
            guard case .connectionSwitch(var connectionSwitch) = runbook.items[index],
                case .described(let description) = connectionSwitch.target
            else { continue }
            let createdStepTitle =
                created.flatMap { name, block in
                    runbook.steps.first { $0.path.components.first == block.step.components.first }?.title
                }?.lowercased() ?? ""
            let words = description.split(separator: " ").filter { !["the", "new", "your"].contains($0) }
            if let (name, _) = created,
                description.isEmpty || words.allSatisfy({ createdStepTitle.contains($0) })
                    || description.contains(name.lowercased())
            {
                connectionSwitch.target = .named(name)
                infer(
                    .connectionSwitch,
                    "\(connectionSwitch.phrase) → \(Self.describe(database: name, user: connectionSwitch.user)) (created by this runbook)",
                    connectionSwitch.range)
            } else if let (name, line) = namedDatabase(after: index, condition: connectionSwitch.condition) {
                connectionSwitch.target = .named(name)
                if !runbook.parameters.contains(where: { $0.name == name }) {
                    runbook.parameters.append(
                        Parameter(
                            name: name, defaultValue: name, isSecret: false,
                            range: SourceRange(SourceLocation(line: line, column: 1)),
                            origin: "DATABASE \(name) in a comment"))
                    infer(
                        .parameter, "\(name) (default \(name), named in a comment)",
                        SourceRange(SourceLocation(line: line, column: 1)))
                }
                infer(
                    .connectionSwitch,
                    "\(connectionSwitch.phrase) → \(Self.describe(database: name, user: connectionSwitch.user)) (named at line \(line))",
                    connectionSwitch.range)
            } else {
                runbook.diagnostics.append(
                    Diagnostic(
                        UnresolvedConnectionMessage(phrase: connectionSwitch.phrase),
                        at: connectionSwitch.range,
                        notes: [DiagnosticNote("add <!-- runbook: connection=NAME --> before the item to name it")]))
                infer(.connectionSwitch, "\(connectionSwitch.phrase) → unresolved", connectionSwitch.range)
            }
            runbook.items[index] = .connectionSwitch(connectionSwitch)
        }
    }

    private func namedDatabase(after index: Int, condition: Condition) -> (String, Int)? {
        for item in runbook.items[(index + 1)...] {
            guard case .block(let block) = item, block.condition.isCompatible(with: condition) else { continue }
            if let (name, lineOffset) = SQLOutline.databaseNamedInComment(block.text) {
                return (name, block.range.start.line + lineOffset)
            }
            return nil
        }
        return nil
    }
}

extension String {
    var droppingFinalNewline: String { hasSuffix("\n") ? String(dropLast()) : self }
}
