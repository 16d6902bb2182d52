import Foundation
import RunbookDiagnostics
import RunbookDriver

/// `textDocument/codeAction`: a quick fix for every fix-it of the diagnostics the range touches.
extension LanguageServer {
    mutating func codeActions(_ message: IncomingMessage, method: String) -> Result<[LSP.CodeAction], ResponseError> {
        let params: LSP.CodeActionParams
        switch message.decodeParams(LSP.CodeActionParams.self, method: method) {
        case .success(let decoded): params = decoded
        case .failure(let error): return .failure(error)
        }
        if let only = params.context?.only, !only.contains(where: { $0.isEmpty || $0 == LSP.CodeAction.quickFix }) {
            return .success([])
        }
        return analysedDocument(params.textDocument.uri, method: method).map { document in
            CodeActionBuilder.actions(
                for: document, in: params.range, versioned: supportsDocumentChanges)
        }
    }
}

enum CodeActionBuilder {
    static func actions(for document: OpenDocument, in range: LSP.Range, versioned: Bool) -> [LSP.CodeAction] {
        guard let analysis = document.analysis else { return [] }
        var actions: [LSP.CodeAction] = []
        var seen = Set<LSP.TextEdit>()
        for (source, published) in analysis.diagnostics where published.range.touches(range) {
            for fixIt in source.fixIts {
                guard let replacement = restoredReplacement(fixIt, in: document, redaction: analysis.check.redaction)
                else { continue }
                let edit = LSP.TextEdit(range: document.lines.range(fixIt.range), newText: replacement)
                guard seen.insert(edit).inserted else { continue }
                let workspaceEdit =
                    versioned
                    ? LSP.WorkspaceEdit(documentChanges: [
                        LSP.TextDocumentEdit(
                            textDocument: LSP.VersionedTextDocumentIdentifier(
                                uri: document.uri, version: analysis.version),
                            edits: [edit])
                    ])
                    : LSP.WorkspaceEdit(changes: [document.uri: [edit]])
                actions.append(
                    LSP.CodeAction(
                        title: "\(fixIt.message) [\(source.rule.rawValue)]", kind: LSP.CodeAction.quickFix,
                        diagnostics: [published],
                        isPreferred: source.fixIts.count == 1 && fixIt.applicability == .safe ? true : nil,
                        edit: workspaceEdit))
            }
        }
        return actions
    }

    /// The fix-it's replacement as it must be written into the document (`SecretRedaction.restoredReplacement`).
    static func restoredReplacement(_ fixIt: FixIt, in document: OpenDocument, redaction: SecretRedaction) -> String? {
        let lower = document.lines.byteOffset(fixIt.range.start)
        let upper = max(lower, document.lines.byteOffset(fixIt.range.end))
        let original = String(decoding: document.bytes[lower..<upper], as: UTF8.self)
        return redaction.restoredReplacement(fixIt, original: original)
    }
}
