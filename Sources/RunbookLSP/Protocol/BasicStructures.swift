/// The Language Server Protocol 3.17's structures as JSON carries them; names and fields follow the
/// specification (https://microsoft.github.io/language-server-protocol/specifications/lsp/3.17/specification/).
/// Only what the server reads or writes is declared; unknown fields are ignored when decoding.
package enum LSP {}

extension LSP {
    /// A zero-based line and a zero-based offset in UTF-16 code units within it (the protocol's default
    /// encoding, which every client supports).
    package struct Position: Codable, Hashable, Sendable, Comparable {
        package var line: Int
        package var character: Int

        package init(line: Int, character: Int) {
            self.line = line
            self.character = character
        }

        package static func < (lhs: Position, rhs: Position) -> Bool {
            (lhs.line, lhs.character) < (rhs.line, rhs.character)
        }
    }

    /// A half-open range: `end` is the position just past the last character.
    package struct Range: Codable, Hashable, Sendable {
        package var start: Position
        package var end: Position

        package init(start: Position, end: Position) {
            self.start = start
            self.end = end
        }

        /// Whether the ranges share a position; an empty range (a cursor) touches a range it sits on or at
        /// either end of.
        package func touches(_ other: Range) -> Bool {
            start <= other.end && other.start <= end
        }
    }

    package struct Location: Codable, Hashable, Sendable {
        package var uri: String
        package var range: Range

        package init(uri: String, range: Range) {
            self.uri = uri
            self.range = range
        }
    }

    package struct TextDocumentIdentifier: Codable, Hashable, Sendable {
        package var uri: String

        package init(uri: String) { self.uri = uri }
    }

    package struct VersionedTextDocumentIdentifier: Codable, Hashable, Sendable {
        package var uri: String
        package var version: Int

        package init(uri: String, version: Int) {
            self.uri = uri
            self.version = version
        }
    }

    package struct TextDocumentItem: Codable, Hashable, Sendable {
        package var uri: String
        package var languageId: String
        package var version: Int
        package var text: String

        package init(uri: String, languageId: String, version: Int, text: String) {
            self.uri = uri
            self.languageId = languageId
            self.version = version
            self.text = text
        }
    }

    package struct TextDocumentPositionParams: Codable, Hashable, Sendable {
        package var textDocument: TextDocumentIdentifier
        package var position: Position

        package init(textDocument: TextDocumentIdentifier, position: Position) {
            self.textDocument = textDocument
            self.position = position
        }
    }

    package struct TextEdit: Codable, Hashable, Sendable {
        package var range: Range
        package var newText: String

        package init(range: Range, newText: String) {
            self.range = range
            self.newText = newText
        }
    }

    /// Edits of one document at one version: a client applies them only to that version.
    package struct TextDocumentEdit: Codable, Hashable, Sendable {
        package var textDocument: VersionedTextDocumentIdentifier
        package var edits: [TextEdit]

        package init(textDocument: VersionedTextDocumentIdentifier, edits: [TextEdit]) {
            self.textDocument = textDocument
            self.edits = edits
        }
    }

    /// `documentChanges` when the client supports it (versioned, so a stale fix is refused), else `changes`.
    package struct WorkspaceEdit: Codable, Hashable, Sendable {
        package var changes: [String: [TextEdit]]?
        package var documentChanges: [TextDocumentEdit]?

        package init(changes: [String: [TextEdit]]? = nil, documentChanges: [TextDocumentEdit]? = nil) {
            self.changes = changes
            self.documentChanges = documentChanges
        }
    }

    /// `markdown` or `plaintext` text for hovers.
    package struct MarkupContent: Codable, Hashable, Sendable {
        package var kind: String
        package var value: String

        package init(kind: String, value: String) {
            self.kind = kind
            self.value = value
        }
    }
}
