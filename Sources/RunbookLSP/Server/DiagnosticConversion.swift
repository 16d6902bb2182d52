import RunbookDiagnostics

/// A project diagnostic as the protocol carries it: positions converted, the rule id as `code`, notes
/// with a place as related information and every note in the message (not every client shows the former).
enum DiagnosticConversion {
    static let source = "runbook"

    static func published(_ diagnostic: Diagnostic, uri: String, lines: LineIndex) -> LSP.Diagnostic {
        var message = diagnostic.message
        if !diagnostic.variants.isEmpty { message += "\nin variants: \(diagnostic.variantSummary)" }
        var related: [LSP.DiagnosticRelatedInformation] = []
        for note in diagnostic.notes {
            if let range = note.range {
                related.append(
                    LSP.DiagnosticRelatedInformation(
                        location: LSP.Location(uri: uri, range: lines.range(range)), message: note.message))
                message += "\nnote: \(note.message) (line \(range.start.line))"
            } else {
                message += "\nnote: \(note.message)"
            }
        }
        return LSP.Diagnostic(
            range: lines.range(diagnostic.range), severity: severity(diagnostic.severity),
            code: diagnostic.rule.rawValue,
            source: source, message: message, relatedInformation: related.isEmpty ? nil : related)
    }

    static func severity(_ severity: Severity) -> LSP.DiagnosticSeverity {
        switch severity {
        case .error: .error
        case .warning: .warning
        case .note: .information
        }
    }
}
