package import Foundation
import RunbookCompile
import RunbookDiagnostics
import RunbookDriver
import RunbookEmitters

/// The server's state and its answer to each message, with no I/O of its own: frames come in as bytes,
/// messages go out through `takeOutgoing()`, and the clock is injected, so tests drive it in process.
/// It reads files (documents' `runbook.yml`) and never writes one.
package struct LanguageServer {
    package struct Settings: Sendable {
        /// Quiet time after an edit before the document is checked; an edit after a quiet period is
        /// checked at once, so only bursts of edits wait.
        package var debounce: UInt64
        /// The longest an edit waits for its check while edits keep coming.
        package var maximumDelay: UInt64

        package init(debounceMilliseconds: Int = 50, maximumDelayMilliseconds: Int = 500) {
            self.debounce = UInt64(max(0, debounceMilliseconds)) * 1_000_000
            self.maximumDelay = UInt64(max(0, maximumDelayMilliseconds)) * 1_000_000
        }
    }

    enum Phase {
        case waitingForInitialize
        case running
        /// After `shutdown`: only `exit` is accepted.
        case shutDown
    }

    package let settings: Settings
    let clock: @Sendable () -> UInt64
    var phase = Phase.waitingForInitialize
    var documents: [String: OpenDocument] = [:]
    var configurations = ConfigurationSource()
    /// Whether the client applies versioned edits (`documentChanges`).
    var supportsDocumentChanges = false
    var supportsWatcherRegistration = false
    private var outgoing: [Data] = []
    private var nextRequestNumber = 1
    /// The last configuration problem shown, so that one broken runbook.yml is not announced per keystroke.
    var lastConfigurationProblem: String?
    /// Set by `exit` or the end of input: 0 after `shutdown`, 1 otherwise (as the protocol says).
    package private(set) var exitStatus: Int32?

    package init(
        settings: Settings = Settings(),
        clock: @escaping @Sendable () -> UInt64 = { DispatchTime.now().uptimeNanoseconds }
    ) {
        self.settings = settings
        self.clock = clock
    }

    /// The frames to write, in order; the server forgets them.
    package mutating func takeOutgoing() -> [Data] {
        defer { outgoing.removeAll() }
        return outgoing
    }
}

// MARK: - Receiving

extension LanguageServer {
    package mutating func receive(_ event: FrameDecoder.Event) {
        switch event {
        case .message(let body):
            receive(body: body)
        case .malformedHeader(let problem):
            send(OutgoingMessage.error(id: nil, .parseError("malformed header: \(problem)")))
        case .oversized(let length):
            send(
                OutgoingMessage.error(
                    id: nil,
                    .invalidRequest(
                        "a message of \(length) bytes is over the limit of \(FrameDecoder.defaultMaximumBodySize)")
                ))
        }
    }

    /// The input ended: the client is gone, whether or not it said `exit`.
    package mutating func endOfInput() {
        if exitStatus == nil { exitStatus = phase == .shutDown ? 0 : 1 }
    }

    package mutating func receive(body: Data) {
        switch IncomingMessage.parse(body) {
        case .failure(let rejected):
            send(OutgoingMessage.error(id: rejected.id, rejected.error))
        case .success(let message):
            switch message.kind {
            case .response:
                break
            case .notification(let method):
                handleNotification(method, message)
            case .request(let id, let method):
                handleRequest(id: id, method: method, message)
            }
        }
    }

    private mutating func handleRequest(id: RequestID, method: String, _ message: IncomingMessage) {
        switch phase {
        case .waitingForInitialize where method != "initialize":
            return send(OutgoingMessage.error(id: id, .serverNotInitialized))
        case .shutDown:
            return send(
                OutgoingMessage.error(id: id, .invalidRequest("the server is shut down; only exit is accepted")))
        default:
            break
        }
        switch method {
        case "initialize":
            respond(id, initialize(message))
        case "shutdown":
            phase = .shutDown
            respond(id, Result<Int?, ResponseError>.success(nil))
        case "textDocument/hover":
            respond(id, hover(message, method: method))
        case "textDocument/codeAction":
            respond(id, codeActions(message, method: method))
        case "textDocument/documentSymbol":
            respond(id, documentSymbols(message, method: method))
        case "textDocument/definition":
            respond(id, definition(message, method: method))
        default:
            send(OutgoingMessage.error(id: id, .methodNotFound(method)))
        }
    }

    private mutating func handleNotification(_ method: String, _ message: IncomingMessage) {
        if method == "exit" {
            exitStatus = phase == .shutDown ? 0 : 1
            return
        }
        guard phase == .running else { return }
        let outcome: Result<Void, ResponseError>
        switch method {
        case "initialized":
            registerWatchers()
            outcome = .success(())
        case "textDocument/didOpen":
            outcome = didOpen(message, method: method)
        case "textDocument/didChange":
            outcome = didChange(message, method: method)
        case "textDocument/didClose":
            outcome = didClose(message, method: method)
        case "workspace/didChangeWatchedFiles":
            outcome = didChangeWatchedFiles(message, method: method)
        default:
            // `$/cancelRequest` (every request is answered before the next is read), `$/setTrace`, and
            // notifications this server has no use for.
            outcome = .success(())
        }
        if case .failure(let error) = outcome {
            // A notification gets no answer; the client's log says what was wrong with it.
            log(error.message, type: 1)
        }
    }

    private mutating func initialize(_ message: IncomingMessage) -> Result<LSP.InitializeResult, ResponseError> {
        guard phase == .waitingForInitialize else {
            return .failure(.invalidRequest("initialize was already received"))
        }
        let params: LSP.InitializeParams
        switch message.decodeParams(LSP.InitializeParams.self, method: "initialize") {
        case .success(let decoded): params = decoded
        case .failure(let error): return .failure(error)
        }
        supportsDocumentChanges = params.capabilities?.workspace?.workspaceEdit?.documentChanges ?? false
        supportsWatcherRegistration =
            params.capabilities?.workspace?.didChangeWatchedFiles?.dynamicRegistration ?? false
        phase = .running
        return .success(
            LSP.InitializeResult(
                capabilities: LSP.ServerCapabilities(
                    positionEncoding: "utf-16",
                    textDocumentSync: LSP.TextDocumentSyncOptions(openClose: true, change: 1),
                    hoverProvider: true,
                    codeActionProvider: LSP.CodeActionOptions(codeActionKinds: [LSP.CodeAction.quickFix]),
                    documentSymbolProvider: true, definitionProvider: true),
                serverInfo: LSP.ServerInfo(name: "runbook", version: GeneratorVersion.current)))
    }

    /// Asks the client to report changes to any `runbook.yml` (when it can watch files for a server).
    private mutating func registerWatchers() {
        guard supportsWatcherRegistration else { return }
        let params = LSP.RegistrationParams(registrations: [
            LSP.Registration(
                id: "runbook-config", method: "workspace/didChangeWatchedFiles",
                registerOptions: LSP.DidChangeWatchedFilesRegistrationOptions(watchers: [
                    LSP.FileSystemWatcher(globPattern: "**/" + RunbookConfig.fileName)
                ]))
        ])
        let id = RequestID.string("runbook-\(nextRequestNumber)")
        nextRequestNumber += 1
        send(OutgoingMessage.request(id: id, "client/registerCapability", params))
    }
}

// MARK: - Sending

extension LanguageServer {
    mutating func send(_ body: Data) {
        outgoing.append(body)
    }

    private mutating func respond<Value: Encodable>(_ id: RequestID, _ result: Result<Value, ResponseError>) {
        switch result {
        case .success(let value): send(OutgoingMessage.response(id: id, result: value))
        case .failure(let error): send(OutgoingMessage.error(id: id, error))
        }
    }

    /// `window/logMessage`: 1 error, 2 warning, 3 info, 4 log.
    mutating func log(_ message: String, type: Int) {
        send(OutgoingMessage.notification("window/logMessage", LSP.ShowMessageParams(type: type, message: message)))
    }

    mutating func showMessage(_ message: String, type: Int) {
        send(OutgoingMessage.notification("window/showMessage", LSP.ShowMessageParams(type: type, message: message)))
    }
}
