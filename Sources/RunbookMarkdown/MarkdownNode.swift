package import RunbookDiagnostics

/// One node of a parsed Markdown document, as plain Swift values with its position in the file.
package struct MarkdownNode: Hashable, Sendable {
    package var kind: Kind
    package var range: SourceRange
    package var children: [MarkdownNode]
    /// cmark-gfm's own HTML for leaf blocks (paragraph, heading, table, HTML block, thematic break),
    /// present only when the document was parsed with `renderHTML`.
    package var html: String?

    package init(kind: Kind, range: SourceRange, children: [MarkdownNode] = [], html: String? = nil) {
        self.kind = kind
        self.range = range
        self.children = children
        self.html = html
    }
}

// MARK: - Kinds

extension MarkdownNode {
    package enum ListType: String, Hashable, Sendable {
        case bullet
        case ordered
    }

    package struct ListInfo: Hashable, Sendable {
        package var type: ListType
        package var start: Int
        package var tight: Bool

        package init(type: ListType, start: Int, tight: Bool) {
            self.type = type
            self.start = start
            self.tight = tight
        }
    }

    package enum Kind: Hashable, Sendable {
        case document
        case blockQuote
        case list(ListInfo)
        case item(taskChecked: Bool?)
        case codeBlock(info: String, literal: String, fenced: Bool)
        case htmlBlock(String)
        case paragraph
        case heading(level: Int)
        case thematicBreak
        case table
        case tableRow
        case tableCell
        case text(String)
        case softBreak
        case lineBreak
        case code(String)
        case htmlInline(String)
        case emphasis
        case strong
        case strikethrough
        case link(url: String, title: String)
        case image(url: String, title: String)
        /// Any node type this front end does not model (footnotes, custom blocks); kept so nothing is lost.
        case other(String)
    }
}

// MARK: - Reading

extension MarkdownNode {
    /// The text a reader sees: inline text and code joined, breaks as spaces.
    package var plainText: String {
        var result = ""
        appendPlainText(to: &result)
        return result
    }

    private func appendPlainText(to result: inout String) {
        switch kind {
        case .text(let text), .code(let text):
            result += text
        case .softBreak, .lineBreak:
            result += " "
        case .codeBlock(_, let literal, _):
            result += literal
        default:
            for child in children {
                if !result.isEmpty, child.isBlock, !result.hasSuffix(" ") { result += " " }
                child.appendPlainText(to: &result)
            }
        }
    }

    /// Whether the node is a block (as opposed to inline content).
    package var isBlock: Bool {
        switch kind {
        case .document, .blockQuote, .list, .item, .codeBlock, .htmlBlock, .paragraph, .heading, .thematicBreak,
            .table, .tableRow, .tableCell:
            true
        default:
            false
        }
    }

    /// Every node of the subtree, in document order (pre-order), without recursion.
    package var preOrder: [MarkdownNode] {
        var result: [MarkdownNode] = []
        var stack: [MarkdownNode] = [self]
        while let node = stack.popLast() {
            result.append(node)
            stack.append(contentsOf: node.children.reversed())
        }
        return result
    }
}
