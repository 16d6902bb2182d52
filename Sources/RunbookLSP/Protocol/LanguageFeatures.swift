extension LSP {
    package struct Hover: Codable, Hashable, Sendable {
        package var contents: MarkupContent
        package var range: Range?
    }

    package struct CodeActionContext: Codable, Hashable, Sendable {
        package var diagnostics: [Diagnostic]?
        package var only: [String]?
    }

    package struct CodeActionParams: Codable, Hashable, Sendable {
        package var textDocument: TextDocumentIdentifier
        package var range: Range
        package var context: CodeActionContext?
    }

    package struct CodeAction: Codable, Hashable, Sendable {
        package static let quickFix = "quickfix"

        package var title: String
        package var kind: String
        package var diagnostics: [Diagnostic]?
        package var isPreferred: Bool?
        package var edit: WorkspaceEdit
    }

    package struct DocumentSymbolParams: Codable, Hashable, Sendable {
        package var textDocument: TextDocumentIdentifier
    }

    /// The protocol's `SymbolKind` numbers for the kinds an outline of a runbook uses.
    package enum SymbolKind: Int, Codable, Hashable, Sendable {
        case namespace = 3
        case function = 12
        case enumeration = 10
        case enumMember = 22
        case event = 24
    }

    package struct DocumentSymbol: Codable, Hashable, Sendable {
        package var name: String
        package var detail: String?
        package var kind: SymbolKind
        /// The whole extent (a step to the next step), which contains `selectionRange` and every child.
        package var range: Range
        /// What an editor highlights: the heading, the list item, the fence.
        package var selectionRange: Range
        package var children: [DocumentSymbol]?
    }
}
