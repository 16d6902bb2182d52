import RunbookCompile
import RunbookDiagnostics
import RunbookEmitters
import RunbookModel

/// `textDocument/documentSymbol`: the runbook as an outline, from its model: steps and their sub-steps,
/// choice groups with their alternatives, and the SQL blocks, each under the innermost step or choice that
/// holds it.
extension LanguageServer {
    mutating func documentSymbols(
        _ message: IncomingMessage, method: String
    ) -> Result<[LSP.DocumentSymbol], ResponseError> {
        let params: LSP.DocumentSymbolParams
        switch message.decodeParams(LSP.DocumentSymbolParams.self, method: method) {
        case .success(let decoded): params = decoded
        case .failure(let error): return .failure(error)
        }
        return analysedDocument(params.textDocument.uri, method: method).map { document in
            guard let analysis = document.analysis else { return [] }
            return Outline.symbols(analysis.check.compiled, lines: document.lines)
        }
    }
}

enum Outline {
    /// A symbol under construction, in project positions.
    private struct Node {
        var name: String
        var detail: String?
        var kind: LSP.SymbolKind
        var range: SourceRange
        var selection: SourceRange
        var children: [Node] = []

        func contains(_ other: SourceRange) -> Bool { range.start <= other.start && other.end <= range.end }

        /// Puts `node` under the innermost child that contains it.
        mutating func insert(_ node: Node) {
            if let index = children.lastIndex(where: { $0.contains(node.range) }) {
                children[index].insert(node)
            } else {
                children.append(node)
                children.sort { $0.range.start < $1.range.start }
            }
        }

        func symbol(_ lines: LineIndex) -> LSP.DocumentSymbol {
            LSP.DocumentSymbol(
                name: name.isEmpty ? "(untitled)" : name, detail: detail, kind: kind, range: lines.range(range),
                selectionRange: lines.range(selection),
                children: children.isEmpty ? nil : children.map { $0.symbol(lines) })
        }
    }

    static func symbols(_ compiled: CompiledRunbook, lines: LineIndex) -> [LSP.DocumentSymbol] {
        let runbook = compiled.runbook
        let end = SourceLocation(line: lines.lineCount + 1, column: 1)
        var root = Node(
            name: runbook.title, kind: .namespace,
            range: SourceRange(start: SourceLocation(line: 1, column: 1), end: end),
            selection: SourceRange(SourceLocation(line: 1, column: 1)))
        let steps = runbook.steps.sorted { $0.range.start < $1.range.start }
        for (index, step) in steps.enumerated() {
            // A step runs to the next step that is not one of its sub-steps.
            let next = steps[(index + 1)...].first {
                !$0.path.components.starts(with: step.path.components) || $0.path == step.path
            }
            let extent = SourceRange(start: step.range.start, end: max(step.range.end, next?.range.start ?? end))
            root.insert(
                Node(
                    name: "Step \(step.path): \(step.title)", detail: condition(step.condition), kind: .namespace,
                    range: extent, selection: step.range))
        }
        for group in runbook.choiceGroups {
            var node = Node(
                name: group.label, detail: "choose one", kind: .enumeration, range: group.range, selection: group.range)
            for alternative in group.alternatives {
                node.children.append(
                    Node(
                        name: alternative.label, detail: alternative.id, kind: .enumMember, range: alternative.range,
                        selection: alternative.range))
            }
            // The group spans its alternatives, wherever in the document they are.
            let starts = [group.range.start] + group.alternatives.map(\.range.start)
            let ends = [group.range.end] + group.alternatives.map(\.range.end)
            node.range = SourceRange(start: starts.min() ?? group.range.start, end: ends.max() ?? group.range.end)
            node.selection = SourceRange(start: node.range.start, end: node.range.start)
            node.children.sort { $0.range.start < $1.range.start }
            root.insert(node)
        }
        for compiledBlock in compiled.blocks {
            let block = compiledBlock.block
            let language = block.language.isEmpty ? "code" : block.language
            let count = compiledBlock.statements.count
            var detail = [count == 1 ? "1 statement" : "\(count) statements"]
            if block.role != .executable { detail.append(block.role.rawValue) }
            if let when = condition(block.condition) { detail.append(when) }
            root.insert(
                Node(
                    name: "\(language) block, line \(block.range.start.line)", detail: detail.joined(separator: ", "),
                    kind: .function, range: block.range, selection: SourceRange(block.range.start)))
        }
        return root.children.map { $0.symbol(lines) }
    }

    static func condition(_ condition: Condition) -> String? {
        condition.isAlways
            ? nil : "when " + condition.sortedSelections.map { "\($0.group)=\($0.alternative)" }.joined(separator: ", ")
    }
}
