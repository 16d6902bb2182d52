import Foundation
import RunbookDiagnostics
import RunbookDriver

/// A document the client has opened: its text as the client last sent it, and the last check of it.
struct OpenDocument {
    /// The client's URI, echoed back exactly.
    var uri: String
    /// The file system path for `file:` URIs (what finds runbook.yml); otherwise the URI's last component.
    var path: String
    var isFile: Bool
    var version: Int
    var bytes: [UInt8]
    var lines: LineIndex
    var analysis: Analysis?
    var pending: PendingCheck?
    /// When the last check finished (the clock's nanoseconds).
    var lastCheckEnd: UInt64?

    init(uri: String, version: Int, text: String) {
        self.uri = uri
        if let url = URL(string: uri), url.isFileURL {
            path = url.path
            isFile = true
        } else {
            path = uri.split(separator: "/").last.map(String.init) ?? uri
            isFile = false
        }
        self.version = version
        self.bytes = Array(text.utf8)
        self.lines = LineIndex(bytes)
    }

    /// Whether `analysis` is of the text as it is now.
    var isAnalysed: Bool { analysis?.version == version }
}

/// One check of one version of a document.
struct Analysis {
    var version: Int
    var check: DocumentCheck
    /// Each diagnostic as checked (fix-its in project positions) and as published.
    var diagnostics: [(source: Diagnostic, published: LSP.Diagnostic)]
}

/// Edits waiting for a check.
struct PendingCheck {
    var firstChange: UInt64
    var lastChange: UInt64
    /// The first edit after a quiet period: checked without waiting.
    var immediate: Bool
}

// MARK: - Synchronisation

extension LanguageServer {
    mutating func didOpen(_ message: IncomingMessage, method: String) -> Result<Void, ResponseError> {
        message.decodeParams(LSP.DidOpenTextDocumentParams.self, method: method).map { params in
            let item = params.textDocument
            // A runbook.yml may have appeared since the last look; opening a file is the moment to see it.
            configurations.invalidate()
            var document = OpenDocument(uri: item.uri, version: item.version, text: item.text)
            document.pending = PendingCheck(firstChange: clock(), lastChange: clock(), immediate: true)
            documents[item.uri] = document
        }
    }

    mutating func didChange(_ message: IncomingMessage, method: String) -> Result<Void, ResponseError> {
        let params: LSP.DidChangeTextDocumentParams
        switch message.decodeParams(LSP.DidChangeTextDocumentParams.self, method: method) {
        case .success(let decoded): params = decoded
        case .failure(let error): return .failure(error)
        }
        let uri = params.textDocument.uri
        guard var document = documents[uri] else {
            return .failure(.invalidParams("\(method): \(uri) is not open"))
        }
        for change in params.contentChanges {
            if let range = change.range {
                // Incremental changes are not asked for, but a client that sends them is served.
                let lower = document.lines.offset(range.start)
                let upper = max(lower, document.lines.offset(range.end))
                document.bytes.replaceSubrange(lower..<upper, with: Array(change.text.utf8))
            } else {
                document.bytes = Array(change.text.utf8)
            }
            document.lines = LineIndex(document.bytes)
        }
        document.version = params.textDocument.version
        noteChange(&document)
        documents[uri] = document
        return .success(())
    }

    mutating func didClose(_ message: IncomingMessage, method: String) -> Result<Void, ResponseError> {
        message.decodeParams(LSP.DidCloseTextDocumentParams.self, method: method).map { params in
            let uri = params.textDocument.uri
            guard documents.removeValue(forKey: uri) != nil else { return }
            // A closed document's findings leave the client's problem list.
            publish(LSP.PublishDiagnosticsParams(uri: uri, version: nil, diagnostics: []))
        }
    }

    mutating func didChangeWatchedFiles(_ message: IncomingMessage, method: String) -> Result<Void, ResponseError> {
        message.decodeParams(LSP.DidChangeWatchedFilesParams.self, method: method).map { params in
            guard params.changes.contains(where: { $0.uri.hasSuffix("/" + RunbookConfig.fileName) }) else { return }
            configurations.invalidate()
            lastConfigurationProblem = nil
            for uri in documents.keys.sorted() {
                guard var document = documents[uri] else { continue }
                document.pending = PendingCheck(firstChange: clock(), lastChange: clock(), immediate: true)
                documents[uri] = document
            }
        }
    }

    /// Schedules a check: at once after a quiet period, else `debounce` after the last edit of a burst,
    /// and never later than `maximumDelay` after its first.
    private func noteChange(_ document: inout OpenDocument) {
        let now = clock()
        if var pending = document.pending {
            pending.lastChange = now
            pending.immediate = false
            document.pending = pending
        } else {
            let quiet = document.lastCheckEnd.map { now >= $0 + settings.debounce } ?? true
            document.pending = PendingCheck(firstChange: now, lastChange: now, immediate: quiet)
        }
    }
}

// MARK: - Checking

extension LanguageServer {
    private func dueTime(_ pending: PendingCheck) -> UInt64 {
        if pending.immediate { return pending.firstChange }
        return min(pending.lastChange + settings.debounce, pending.firstChange + settings.maximumDelay)
    }

    /// When the next check is due, if any is waiting.
    package var nextDeadline: UInt64? {
        documents.values.compactMap { $0.pending.map(dueTime) }.min()
    }

    /// Checks every document whose time has come.
    package mutating func runDueChecks() {
        let now = clock()
        for uri in documents.keys.sorted() {
            guard let pending = documents[uri]?.pending, dueTime(pending) <= now else { continue }
            check(uri)
        }
    }

    /// Checks every document with edits waiting, whatever the time (tests; a request that needs the result).
    package mutating func runAllPendingChecks() {
        for uri in documents.keys.sorted() where documents[uri]?.pending != nil { check(uri) }
    }

    /// Compiles the document's current text in memory as `runbook check` would, and publishes the result.
    mutating func check(_ uri: String) {
        guard var document = documents[uri] else { return }
        var config: RunbookConfig?
        if document.isFile {
            switch configurations.config(for: document.path) {
            case .success(let found):
                config = found
                lastConfigurationProblem = nil
            case .failure(let error):
                // As `check` would refuse the file; here the page is still checked, without the broken config.
                if lastConfigurationProblem != error.message {
                    lastConfigurationProblem = error.message
                    showMessage("runbook: \(error.message); checking without it", type: 1)
                }
            }
        }
        let check = Commands.checkDocument(path: document.path, bytes: document.bytes, config: config)
        let lines = document.lines
        let diagnostics: [(source: Diagnostic, published: LSP.Diagnostic)] = check.diagnostics.map {
            ($0, DiagnosticConversion.published($0, uri: uri, lines: lines))
        }
        document.analysis = Analysis(version: document.version, check: check, diagnostics: diagnostics)
        document.pending = nil
        document.lastCheckEnd = clock()
        documents[uri] = document
        publish(
            LSP.PublishDiagnosticsParams(uri: uri, version: document.version, diagnostics: diagnostics.map(\.published))
        )
    }

    private mutating func publish(_ params: LSP.PublishDiagnosticsParams) {
        send(OutgoingMessage.notification("textDocument/publishDiagnostics", params))
    }

    /// The open document and a check of its current text, checking now if edits are waiting; a request
    /// about a document the client never opened is an invalid-params error.
    mutating func analysedDocument(_ uri: String, method: String) -> Result<OpenDocument, ResponseError> {
        guard let document = documents[uri] else {
            return .failure(.invalidParams("\(method): \(uri) is not open (send textDocument/didOpen first)"))
        }
        if !document.isAnalysed { check(uri) }
        guard let analysed = documents[uri], analysed.analysis != nil else {
            return .failure(.internalError("\(method): \(uri) could not be checked"))
        }
        return .success(analysed)
    }
}
