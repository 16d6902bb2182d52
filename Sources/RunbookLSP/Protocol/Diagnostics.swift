extension LSP {
    package enum DiagnosticSeverity: Int, Codable, Hashable, Sendable {
        case error = 1
        case warning = 2
        case information = 3
        case hint = 4
    }

    /// A place elsewhere that a diagnostic refers to ("the role is created here").
    package struct DiagnosticRelatedInformation: Codable, Hashable, Sendable {
        package var location: Location
        package var message: String

        package init(location: Location, message: String) {
            self.location = location
            self.message = message
        }
    }

    package struct Diagnostic: Codable, Hashable, Sendable {
        package var range: Range
        package var severity: DiagnosticSeverity?
        /// The rule id, `sql.grantee-missing-keyword`.
        package var code: String?
        package var source: String?
        package var message: String
        package var relatedInformation: [DiagnosticRelatedInformation]?

        package init(
            range: Range, severity: DiagnosticSeverity?, code: String?, source: String?, message: String,
            relatedInformation: [DiagnosticRelatedInformation]? = nil
        ) {
            self.range = range
            self.severity = severity
            self.code = code
            self.source = source
            self.message = message
            self.relatedInformation = relatedInformation
        }
    }

    package struct PublishDiagnosticsParams: Codable, Hashable, Sendable {
        package var uri: String
        package var version: Int?
        package var diagnostics: [Diagnostic]

        package init(uri: String, version: Int?, diagnostics: [Diagnostic]) {
            self.uri = uri
            self.version = version
            self.diagnostics = diagnostics
        }
    }
}
