extension LSP {
    /// What the server reads of the client's `initialize`: only the capabilities it adapts to.
    package struct InitializeParams: Codable, Hashable, Sendable {
        package struct ClientCapabilities: Codable, Hashable, Sendable {
            package struct Workspace: Codable, Hashable, Sendable {
                package struct WorkspaceEditCapabilities: Codable, Hashable, Sendable {
                    package var documentChanges: Bool?
                }
                package struct DynamicRegistration: Codable, Hashable, Sendable {
                    package var dynamicRegistration: Bool?
                }
                package var workspaceEdit: WorkspaceEditCapabilities?
                package var didChangeWatchedFiles: DynamicRegistration?
            }
            package var workspace: Workspace?
        }

        package var processId: Int?
        package var rootUri: String?
        package var capabilities: ClientCapabilities?
    }

    package struct TextDocumentSyncOptions: Codable, Hashable, Sendable {
        package var openClose: Bool
        /// 1: the whole document on every change.
        package var change: Int
    }

    package struct CodeActionOptions: Codable, Hashable, Sendable {
        package var codeActionKinds: [String]
    }

    package struct ServerCapabilities: Codable, Hashable, Sendable {
        package var positionEncoding: String
        package var textDocumentSync: TextDocumentSyncOptions
        package var hoverProvider: Bool
        package var codeActionProvider: CodeActionOptions
        package var documentSymbolProvider: Bool
        package var definitionProvider: Bool
    }

    package struct ServerInfo: Codable, Hashable, Sendable {
        package var name: String
        package var version: String
    }

    package struct InitializeResult: Codable, Hashable, Sendable {
        package var capabilities: ServerCapabilities
        package var serverInfo: ServerInfo
    }

    package struct DidOpenTextDocumentParams: Codable, Hashable, Sendable {
        package var textDocument: TextDocumentItem

        package init(textDocument: TextDocumentItem) { self.textDocument = textDocument }
    }

    /// A change with no range replaces the whole document; one with a range replaces that range.
    package struct TextDocumentContentChangeEvent: Codable, Hashable, Sendable {
        package var range: Range?
        package var text: String

        package init(range: Range? = nil, text: String) {
            self.range = range
            self.text = text
        }
    }

    package struct DidChangeTextDocumentParams: Codable, Hashable, Sendable {
        package var textDocument: VersionedTextDocumentIdentifier
        package var contentChanges: [TextDocumentContentChangeEvent]

        package init(textDocument: VersionedTextDocumentIdentifier, contentChanges: [TextDocumentContentChangeEvent]) {
            self.textDocument = textDocument
            self.contentChanges = contentChanges
        }
    }

    package struct DidCloseTextDocumentParams: Codable, Hashable, Sendable {
        package var textDocument: TextDocumentIdentifier
    }

    package struct FileEvent: Codable, Hashable, Sendable {
        package var uri: String
        /// 1 created, 2 changed, 3 deleted.
        package var type: Int
    }

    package struct DidChangeWatchedFilesParams: Codable, Hashable, Sendable {
        package var changes: [FileEvent]
    }

    package struct FileSystemWatcher: Codable, Hashable, Sendable {
        package var globPattern: String
    }

    package struct DidChangeWatchedFilesRegistrationOptions: Codable, Hashable, Sendable {
        package var watchers: [FileSystemWatcher]
    }

    package struct Registration: Codable, Hashable, Sendable {
        package var id: String
        package var method: String
        package var registerOptions: DidChangeWatchedFilesRegistrationOptions
    }

    package struct RegistrationParams: Codable, Hashable, Sendable {
        package var registrations: [Registration]
    }

    /// `window/showMessage`: 1 error, 2 warning, 3 info, 4 log.
    package struct ShowMessageParams: Codable, Hashable, Sendable {
        package var type: Int
        package var message: String
    }
}
