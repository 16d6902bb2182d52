import RunbookDiagnostics
public import RunbookMarkdown

/// Reads a runbook's structure out of a Markdown document as a person would read the guide.
public struct RunbookBuilder {
    private var runbook: Runbook
    private let document: MarkdownDocument
    private var pendingAnnotation: [String: String] = [:]
    private var blockCount = 0
    private var hasStepHeadings = false

    /// What is in force while walking: the step, the selections, the section.
    private struct Context {
        var step = StepPath([])
        var condition = Condition.always
        var inStep = false
        var rolesSection = false
        var claimRole: String?
    }

    public static func build(_ document: MarkdownDocument, path: String) -> Runbook {
        var builder = RunbookBuilder(document: document, path: path)
        builder.walkDocument()
        builder.resolveConnections()
        if builder.runbook.hasTooManyVariants, let group = builder.runbook.choiceGroups.first {
            let limit = Runbook.maximumVariants
            let message =
                "\(builder.runbook.choiceGroups.count) choice groups make more than \(limit) variants; "
                + "only the first \(limit) are listed, checked and built"
            builder.runbook.diagnostics.append(Diagnostic(.modelTooManyVariants, message, at: group.range))
        }
        return builder.runbook
    }

    private init(document: MarkdownDocument, path: String) {
        self.document = document
        let title = document.frontMatter?.values["title"]
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
        case other
    }

    private mutating func walkDocument() {
        var sections: [(level: Int, kind: SectionKind)] = []
        var containerNodes: [MarkdownNode] = []

        func context(for sections: [(level: Int, kind: SectionKind)]) -> Context {
            var context = Context()
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
                case .other:
                    break
                }
            }
            return context
        }

        for node in document.root.children {
            guard case .heading(let level) = node.kind else {
                containerNodes.append(node)
                continue
            }
            walkContainer(containerNodes, context: context(for: sections))
            containerNodes = []
            while let last = sections.last, last.level >= level { sections.removeLast() }
            let outer = context(for: sections)
            let text = node.plainText
            collectParameters(from: text, range: node.range)
            if let (number, title) = ProsePatterns.stepHeading(text) {
                sections.append((level, .step(number)))
                let step = Step(path: StepPath([number]), title: title, range: node.range, condition: outer.condition)
                runbook.steps.append(step)
                runbook.items.append(.instruction(Instruction(
                    text: text, step: step.path, range: node.range, condition: outer.condition)))
                infer(.step, "Step \(number): \(title)", node.range)
            } else if let (groupLabel, number) = ProsePatterns.optionHeading(text) {
                let groupID = ProsePatterns.slug(groupLabel.isEmpty ? "option" : groupLabel)
                let alternativeID = "option-\(number)"
                registerAlternative(
                    group: groupID, groupLabel: groupLabel.isEmpty ? "Options" : groupLabel,
                    alternative: alternativeID, label: text, range: node.range, under: outer.condition)
                sections.append((level, .option(group: groupID, alternative: alternativeID)))
            } else if text.lowercased() == "roles" || text.lowercased().hasSuffix(" roles") {
                sections.append((level, .roles))
            } else if outer.rolesSection, let role = ProsePatterns.parenthesisedIdentifier(text) {
                sections.append((level, .role(role)))
            } else {
                sections.append((level, .other))
            }
        }
        walkContainer(containerNodes, context: context(for: sections))
    }

    // MARK: - Blocks inside a section or list item

    private mutating func walkContainer(_ nodes: [MarkdownNode], context: Context) {
        var local = context
        var openChoice: (group: String, base: Condition)?
        for node in nodes {
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
                    if local.inStep {
                        addInstruction(text, step: local.step, range: node.range, condition: local.condition)
                    }
                } else if local.inStep, ProsePatterns.isChoicePrompt(text) {
                    let group = "step-" + local.step.components.map(String.init).joined(separator: "-")
                    openChoice = (group, context.condition)
                    infer(.choice, "choice '\(group)' opened by \"\(text)\"", node.range)
                } else if local.inStep {
                    if let (phrase, database, stays) = ProsePatterns.connectionSwitch(text) {
                        addConnectionSwitch(
                            phrase: phrase, database: database, stays: stays, step: local.step, range: node.range,
                            condition: local.condition)
                    }
                }
            case .codeBlock(let info, let literal, let fenced):
                // Indented code is an illustration in prose; a runbook's SQL is fenced.
                if fenced { addBlock(info: info, literal: literal, range: node.range, context: local) }
            case .htmlBlock(let html):
                if let payload = Annotations.commentPayload(html) {
                    let attributes = Annotations.parseAttributes(payload)
                    let values = Annotations.validated(attributes, at: node.range, diagnostics: &runbook.diagnostics)
                    pendingAnnotation.merge(values) { $1 }
                    infer(.annotation, "annotation \(payload.trimmingCharacters(" \n"))", node.range)
                }
            case .list(let info):
                walkList(node, info: info, context: local)
            case .blockQuote:
                walkContainer(node.children, context: local)
            case .table:
                collectParameters(from: node.plainText, range: node.range)
            default:
                break
            }
        }
    }

    private mutating func walkList(_ list: MarkdownNode, info: MarkdownNode.ListInfo, context: Context) {
        for (index, item) in list.children.enumerated() {
            var itemContext = context
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
                walkContainer(Array(item.children.dropFirst()), context: itemContext)
                continue
            }
            if info.type == .ordered, context.inStep {
                itemContext.step = StepPath(context.step.components + [info.start + index])
            }
            if context.inStep, !firstText.isEmpty, ProsePatterns.alternativeMarker(firstText) == nil {
                addInstruction(firstText, step: itemContext.step, range: item.children[0].range, condition: itemContext.condition)
            }
            walkContainer(item.children, context: itemContext)
        }
    }

    // MARK: - Recording

    private mutating func addInstruction(_ text: String, step: StepPath, range: SourceRange, condition: Condition) {
        runbook.items.append(.instruction(Instruction(text: text, step: step, range: range, condition: condition)))
        if step.components.count > 1 { infer(.step, "Step \(step): \(text)", range) }
    }

    private mutating func addConnectionSwitch(
        phrase: String, database: String, stays: Bool, step: StepPath, range: SourceRange, condition: Condition
    ) {
        let target: ConnectionSwitch.Target =
            if let named = pendingAnnotation.removeValue(forKey: "connection") { .named(named) } else { .described(database) }
        runbook.items.append(.connectionSwitch(ConnectionSwitch(
            phrase: phrase, target: target, stays: stays, step: step, range: range, condition: condition)))
    }

    private mutating func addBlock(info: String, literal: String, range: SourceRange, context: Context) {
        let infoWords = info.split(separator: " ", maxSplits: 1)
        let language = infoWords.first.map { String($0).lowercased() } ?? ""
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
                runbook.diagnostics.append(Diagnostic(
                    .modelAnnotationInvalidValue, "annotation 'when' takes group=alternative pairs, not '\(when)'",
                    at: range))
            }
        }
        let role: Block.Role =
            switch attributes["role"] {
            case "example": .example
            case "skip": .skip
            case "executable": .executable
            default: context.inStep || !hasStepHeadings ? .executable : .example
            }
        let positions = BlockPositionMap(
            fenceLine: range.start.line, fenceColumn: range.start.column, literal: literal.droppingFinalNewline,
            fileLines: document.lines)
        let block = Block(
            index: blockCount, language: language, attributes: attributes, text: literal, range: range,
            positions: positions, step: context.step, condition: condition, role: role)
        blockCount += 1
        runbook.items.append(.block(block))
        if let connection = attributes["connection"] {
            runbook.items.append(.connectionSwitch(ConnectionSwitch(
                phrase: "connection=\(connection)", target: .named(connection), stays: false, step: context.step,
                range: range, condition: condition)))
        }
    }

    private mutating func addClaim(_ text: String, role: String, range: SourceRange, condition: Condition) {
        let requirements = ProsePatterns.claimRequirements(text)
        guard !requirements.isEmpty else { return }
        runbook.claims.append(Claim(
            role: role, text: text, requirements: requirements, range: range, condition: condition))
        infer(.claim, "\(role): \(text)", range)
    }

    private mutating func registerAlternative(
        group: String, groupLabel: String, alternative: String, label: String, range: SourceRange, under: Condition
    ) {
        if let index = runbook.choiceGroups.firstIndex(where: { $0.id == group }) {
            if !runbook.choiceGroups[index].alternatives.contains(where: { $0.id == alternative }) {
                runbook.choiceGroups[index].alternatives.append(Alternative(id: alternative, label: label, range: range))
            }
            if !runbook.choiceGroups[index].appliesUnder.contains(under) {
                runbook.choiceGroups[index].appliesUnder.append(under)
            }
        } else {
            runbook.choiceGroups.append(ChoiceGroup(
                id: group, label: groupLabel, alternatives: [Alternative(id: alternative, label: label, range: range)],
                appliesUnder: [under], range: range))
        }
        runbook.regions.append(AlternativeRegion(kind: .alternative, group: group, alternative: alternative, range: range))
        let scope = under.isAlways ? "" : " (under \(under.sortedSelections.map { "\($0.group)=\($0.alternative)" }.joined(separator: ", ")))"
        infer(.alternative, "\(group)=\(alternative): \(label)\(scope)", range)
    }

    private mutating func collectParameters(from text: String, range: SourceRange) {
        for value in ProsePatterns.exampleValues(text) where !runbook.parameters.contains(where: { $0.name == value }) {
            runbook.parameters.append(Parameter(
                name: value, defaultValue: value, isSecret: false, range: range, origin: "(for example, \(value))"))
            infer(.parameter, "\(value) (default \(value))", range)
        }
    }

    private mutating func infer(_ kind: Inference.Kind, _ description: String, _ range: SourceRange) {
        runbook.inferences.append(Inference(kind: kind, description: description, range: range))
    }

    // MARK: - Connections

    /// Gives each described connection switch a database name: the database the runbook creates, or the
    /// database a following block's comment names ("… in DATABASE user_database").
    private mutating func resolveConnections() {
        // Without a block there is nothing to run, so no connection to decide.
        guard blockCount > 0 else { return }
        let created = runbook.items.lazy.compactMap { item -> (String, Block)? in
            guard case .block(let block) = item, let name = SQLTextScan.createdDatabase(in: block.text) else { return nil }
            return (name, block)
        }.first
        for index in runbook.items.indices {
            guard case .connectionSwitch(var connectionSwitch) = runbook.items[index],
                case .described(let description) = connectionSwitch.target
            else { continue }
            let createdStepTitle = created.flatMap { name, block in
                runbook.steps.first { $0.path.components.first == block.step.components.first }?.title
            }?.lowercased() ?? ""
            let words = description.split(separator: " ").filter { !["the", "new", "your"].contains($0) }
            if let (name, _) = created,
                description.isEmpty || words.allSatisfy({ createdStepTitle.contains($0) })
                    || description.contains(name.lowercased())
            {
                connectionSwitch.target = .named(name)
                infer(.connectionSwitch, "\(connectionSwitch.phrase) → \(name) (created by this runbook)", connectionSwitch.range)
            } else if let (name, line) = namedDatabase(after: index, condition: connectionSwitch.condition) {
                connectionSwitch.target = .named(name)
                if !runbook.parameters.contains(where: { $0.name == name }) {
                    runbook.parameters.append(Parameter(
                        name: name, defaultValue: name, isSecret: false,
                        range: SourceRange(SourceLocation(line: line, column: 1)), origin: "DATABASE \(name) in a comment"))
                    infer(.parameter, "\(name) (default \(name), named in a comment)", SourceRange(SourceLocation(line: line, column: 1)))
                }
                infer(.connectionSwitch, "\(connectionSwitch.phrase) → \(name) (named at line \(line))", connectionSwitch.range)
            } else {
                runbook.diagnostics.append(Diagnostic(
                    .modelUnresolvedConnection,
                    "cannot tell which database '\(connectionSwitch.phrase)' means",
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
            if let (name, lineOffset) = SQLTextScan.databaseNamedInComment(block.text) {
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
