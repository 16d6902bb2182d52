// The one file that touches C: parse with cmark-gfm, copy the tree into Swift values, free everything.
internal import CCmarkGFM
package import RunbookDiagnostics

#if canImport(Glibc)
internal import Glibc
#elseif canImport(Darwin)
internal import Darwin
#endif

/// A Markdown file read into Swift values.
package struct MarkdownDocument: Sendable {
    package var root: MarkdownNode
    package var frontMatter: FrontMatter?
    /// The file's text (invalid UTF-8 repaired).
    package var source: String
    /// The file's lines, without terminators, for mapping positions and printing source lines.
    package var lines: [Substring]

    package init(root: MarkdownNode, frontMatter: FrontMatter?, source: String) {
        self.root = root
        self.frontMatter = frontMatter
        self.source = source
        self.lines = FileDiagnostics.lines(of: source)
    }
}

/// Parses Markdown with cmark-gfm and its table, task list, strikethrough and autolink extensions.
package struct MarkdownParser: Sendable {
    package struct Options: Sendable, Hashable {
        /// Ask cmark-gfm for the HTML of leaf blocks (costs time; only the HTML emitter needs it).
        package var renderHTML: Bool
        /// Pass raw HTML in the document through to rendered HTML (off: cmark replaces it with a comment).
        package var unsafeHTML: Bool
        /// How deep the converter follows nesting; deeper content is dropped with a diagnostic.
        package var maximumDepth: Int

        package init(renderHTML: Bool = false, unsafeHTML: Bool = false, maximumDepth: Int = 256) {
            self.renderHTML = renderHTML
            self.unsafeHTML = unsafeHTML
            self.maximumDepth = maximumDepth
        }
    }

    package var options: Options

    package init(options: Options = Options()) {
        self.options = options
    }

    /// Reads raw bytes: invalid UTF-8 is repaired (with a diagnostic), NUL bytes become U+FFFD as
    /// CommonMark requires, and the YAML front matter is split off before cmark sees the text.
    package func parse(bytes: [UInt8], diagnostics: inout DiagnosticBag) -> MarkdownDocument {
        let valid = String(validating: bytes, as: UTF8.self)
        let text = valid ?? String(decoding: bytes, as: UTF8.self)
        if valid == nil {
            diagnostics.emit(StaticMessage.invalidUTF8, at: SourceRange(SourceLocation(line: 1, column: 1)))
        }
        return parse(text, diagnostics: &diagnostics)
    }

    package func parse(_ text: String, diagnostics: inout DiagnosticBag) -> MarkdownDocument {
        var source = text.containsByte(0) ? text.replacingNUL() : text
        // cmark ends a line at a lone CR as well; everything else that counts lines only knows LF and CRLF.
        if source.containsByte(UInt8(ascii: "\r")) { source = source.replacingLoneCarriageReturns() }
        let (frontMatter, body) = FrontMatter.split(source, diagnostics: &diagnostics)
        let root = convert(body, diagnostics: &diagnostics)
        return MarkdownDocument(root: root, frontMatter: frontMatter, source: source)
    }

    private func convert(_ body: String, diagnostics: inout DiagnosticBag) -> MarkdownNode {
        cmark_gfm_core_extensions_ensure_registered()
        var cmarkOptions = CMARK_OPT_DEFAULT | CMARK_OPT_VALIDATE_UTF8 | CMARK_OPT_GITHUB_PRE_LANG
        if options.unsafeHTML { cmarkOptions |= CMARK_OPT_UNSAFE }
        guard let parser = cmark_parser_new(cmarkOptions) else {
            return MarkdownNode(kind: .document, range: SourceRange(SourceLocation(line: 1, column: 1)))
        }
        defer { cmark_parser_free(parser) }
        for name in ["table", "tasklist", "strikethrough", "autolink"] {
            if let extensionPointer = cmark_find_syntax_extension(name) {
                cmark_parser_attach_syntax_extension(parser, extensionPointer)
            }
        }
        body.withCString { pointer in
            cmark_parser_feed(parser, pointer, body.utf8.count)
        }
        guard let document = cmark_parser_finish(parser) else {
            return MarkdownNode(kind: .document, range: SourceRange(SourceLocation(line: 1, column: 1)))
        }
        defer { cmark_node_free(document) }
        var walker = TreeCopier(
            extensions: cmark_parser_get_syntax_extensions(parser), options: cmarkOptions,
            renderHTML: options.renderHTML, maximumDepth: options.maximumDepth, lines: FileDiagnostics.lines(of: body))
        let root = walker.copy(document)
        for start in walker.unterminatedFences {
            diagnostics.emit(StaticMessage.unterminatedFence, at: SourceRange(start))
        }
        if let deepest = walker.firstTooDeep {
            diagnostics.emit(NestingTooDeepMessage(limit: options.maximumDepth), at: SourceRange(deepest))
        }
        return root
    }
}

/// Copies a cmark tree into `MarkdownNode` values, iteratively so that deep nesting cannot overflow the stack.
private struct TreeCopier {
    let extensions: UnsafeMutablePointer<cmark_llist>?
    let options: Int32
    let renderHTML: Bool
    let maximumDepth: Int
    let lines: [Substring]
    var firstTooDeep: SourceLocation?
    var unterminatedFences: [SourceLocation] = []

    init(
        extensions: UnsafeMutablePointer<cmark_llist>?, options: Int32, renderHTML: Bool, maximumDepth: Int,
        lines: [Substring]
    ) {
        self.extensions = extensions
        self.options = options
        self.renderHTML = renderHTML
        self.maximumDepth = maximumDepth
        self.lines = lines
    }

    mutating func copy(_ root: OpaquePointer) -> MarkdownNode {
        // Post-order: a frame collects its children's values before it becomes a value itself.
        var stack: [(node: OpaquePointer, value: MarkdownNode, next: OpaquePointer?)] = [
            (root, shallowCopy(root), cmark_node_first_child(root))
        ]
        while true {
            let top = stack.count - 1
            if let child = stack[top].next {
                stack[top].next = cmark_node_next(child)
                if stack.count > maximumDepth {
                    if firstTooDeep == nil { firstTooDeep = stack[top].value.range.start }
                    continue
                }
                let value = shallowCopy(child)
                if isUnterminatedFence(child, value) { unterminatedFences.append(value.range.start) }
                stack.append((child, value, cmark_node_first_child(child)))
            } else {
                let finished = stack.removeLast().value
                if stack.isEmpty { return finished }
                stack[stack.count - 1].value.children.append(finished)
            }
        }
    }

    private func shallowCopy(_ node: OpaquePointer) -> MarkdownNode {
        let startLine = Int(cmark_node_get_start_line(node))
        let startColumn = Int(cmark_node_get_start_column(node))
        let endLine = Int(cmark_node_get_end_line(node))
        let endColumn = Int(cmark_node_get_end_column(node))
        let range = SourceRange(
            start: SourceLocation(line: max(1, startLine), column: max(1, startColumn)),
            end: SourceLocation(line: max(1, endLine), column: max(1, endColumn + 1)))
        let kind = kind(of: node)
        var html: String?
        if renderHTML {
            switch kind {
            case .paragraph, .heading, .table, .htmlBlock, .thematicBreak:
                html = render(node)
            default:
                break
            }
        }
        return MarkdownNode(kind: kind, range: range, html: html)
    }

    /// cmark closes a fence left open at the end of its container; the last line of such a block is
    /// content, not a closing run of the fence character at least as long as the opening one.
    private func isUnterminatedFence(_ node: OpaquePointer, _ value: MarkdownNode) -> Bool {
        guard case .codeBlock(_, _, true) = value.kind else { return false }
        var length: Int32 = 0
        var offset: Int32 = 0
        var character: CChar = 0
        guard cmark_node_get_fenced(node, &length, &offset, &character) != 0, length > 0 else { return false }
        let endLine = value.range.end.line
        guard endLine > value.range.start.line, endLine - 1 < lines.count else { return true }
        let fence = UInt8(bitPattern: character)
        // Container markers (`>`, list indentation) come first; the closing run follows them.
        let text = lines[endLine - 1].utf8.drop {
            $0 == UInt8(ascii: " ") || $0 == UInt8(ascii: ">") || $0 == UInt8(ascii: "\t")
        }
        return text.prefix(while: { $0 == fence }).count < Int(length)
    }

    private func render(_ node: OpaquePointer) -> String? {
        guard let rendered = cmark_render_html(node, options, extensions) else { return nil }
        defer { free(rendered) }
        return String(cString: rendered)
    }

    private func kind(of node: OpaquePointer) -> MarkdownNode.Kind {
        let literal = { string(cmark_node_get_literal(node)) }
        switch cmark_node_get_type(node) {
        case CMARK_NODE_DOCUMENT: return .document
        case CMARK_NODE_BLOCK_QUOTE: return .blockQuote
        case CMARK_NODE_LIST:
            let type: MarkdownNode.ListType = cmark_node_get_list_type(node) == CMARK_ORDERED_LIST ? .ordered : .bullet
            return .list(
                .init(
                    type: type, start: Int(cmark_node_get_list_start(node)), tight: cmark_node_get_list_tight(node) != 0
                ))
        case CMARK_NODE_ITEM:
            let typeName = string(cmark_node_get_type_string(node))
            if typeName == "tasklist" {
                return .item(taskChecked: cmark_gfm_extensions_get_tasklist_item_checked(node))
            }
            return .item(taskChecked: nil)
        case CMARK_NODE_CODE_BLOCK:
            var length: Int32 = 0
            var offset: Int32 = 0
            var character: CChar = 0
            let fenced = cmark_node_get_fenced(node, &length, &offset, &character) != 0
            return .codeBlock(info: string(cmark_node_get_fence_info(node)), literal: literal(), fenced: fenced)
        case CMARK_NODE_HTML_BLOCK: return .htmlBlock(literal())
        case CMARK_NODE_PARAGRAPH: return .paragraph
        case CMARK_NODE_HEADING: return .heading(level: Int(cmark_node_get_heading_level(node)))
        case CMARK_NODE_THEMATIC_BREAK: return .thematicBreak
        case CMARK_NODE_TEXT: return .text(literal())
        case CMARK_NODE_SOFTBREAK: return .softBreak
        case CMARK_NODE_LINEBREAK: return .lineBreak
        case CMARK_NODE_CODE: return .code(literal())
        case CMARK_NODE_HTML_INLINE: return .htmlInline(literal())
        case CMARK_NODE_EMPH: return .emphasis
        case CMARK_NODE_STRONG: return .strong
        case CMARK_NODE_LINK:
            return .link(url: string(cmark_node_get_url(node)), title: string(cmark_node_get_title(node)))
        case CMARK_NODE_IMAGE:
            return .image(url: string(cmark_node_get_url(node)), title: string(cmark_node_get_title(node)))
        default:
            switch string(cmark_node_get_type_string(node)) {
            case "table": return .table
            case "table_row", "table_header": return .tableRow
            case "table_cell": return .tableCell
            case "strikethrough": return .strikethrough
            case let other: return .other(other)
            }
        }
    }

    private func string(_ pointer: UnsafePointer<CChar>?) -> String {
        pointer.map { String(cString: $0) } ?? ""
    }
}

extension String {
    fileprivate func replacingNUL() -> String {
        String(String.UnicodeScalarView(unicodeScalars.map { $0 == "\0" ? "\u{FFFD}" : $0 }))
    }

    /// A CR not followed by LF becomes LF: same byte length, and line numbers agree with cmark's.
    fileprivate func replacingLoneCarriageReturns() -> String {
        var bytes = Array(utf8)
        for index in bytes.indices where bytes[index] == UInt8(ascii: "\r") {
            if index + 1 == bytes.count || bytes[index + 1] != UInt8(ascii: "\n") { bytes[index] = UInt8(ascii: "\n") }
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}
