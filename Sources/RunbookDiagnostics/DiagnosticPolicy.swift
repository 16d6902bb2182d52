/// What the front end decides about severities: which rules are off, which have another severity, and
/// whether warnings fail the run. Stages never apply policy; the driver does, once, before rendering.
package struct DiagnosticPolicy: Hashable, Sendable {
    package var warningsAsErrors: Bool
    package var disabledRules: Set<RuleID>
    package var severityOverrides: [RuleID: Severity]

    package init(
        warningsAsErrors: Bool = false,
        disabledRules: Set<RuleID> = [],
        severityOverrides: [RuleID: Severity] = [:]
    ) {
        self.warningsAsErrors = warningsAsErrors
        self.disabledRules = disabledRules
        self.severityOverrides = severityOverrides
    }
}

// MARK: - Applying

extension DiagnosticPolicy {
    /// Drops diagnostics of disabled rules, then sets overridden severities, then raises warnings to
    /// errors. An override is the user naming a rule, so it may raise or lower anything, notes included;
    /// warnings-as-errors raises warnings only: a note (what could not be checked) never fails a run.
    package func apply(_ diagnostics: [Diagnostic]) -> [Diagnostic] {
        diagnostics.compactMap { diagnostic in
            guard !disabledRules.contains(diagnostic.rule) else { return nil }
            var result = diagnostic
            if let override = severityOverrides[diagnostic.rule] {
                result.severity = override
            }
            if warningsAsErrors, result.severity == .warning {
                result.severity = .error
            }
            return result
        }
    }

    /// Applies the policy to every file, keeping paths, lines and order.
    package func apply(_ files: [FileDiagnostics]) -> [FileDiagnostics] {
        files.map { file in
            FileDiagnostics(path: file.path, lines: file.lines, diagnostics: apply(file.diagnostics))
        }
    }
}

/// Counts for the closing line of a report and for the exit status.
package struct DiagnosticSummary: Hashable, Sendable, Codable {
    package var files: Int
    package var errors: Int
    package var warnings: Int
    package var notes: Int

    package init(files: Int, errors: Int, warnings: Int, notes: Int) {
        self.files = files
        self.errors = errors
        self.warnings = warnings
        self.notes = notes
    }
}

// MARK: - Counting

extension DiagnosticSummary {
    /// Counts diagnostics by severity; attached `DiagnosticNote`s are part of their diagnostic, not counted.
    package init(_ files: [FileDiagnostics]) {
        self.init(files: files.count, errors: 0, warnings: 0, notes: 0)
        for diagnostic in files.lazy.flatMap(\.diagnostics) {
            switch diagnostic.severity {
            case .error: errors += 1
            case .warning: warnings += 1
            case .note: notes += 1
            }
        }
    }

    package var hasErrors: Bool { errors > 0 }

    /// The process exit status DESIGN.md §5 gives for a report: 0 without errors, 1 with errors.
    /// (Status 2, for unusable arguments or unreadable input, is decided before any report exists.)
    package var exitStatus: Int32 { hasErrors ? 1 : 0 }
}

// MARK: - CustomStringConvertible

extension DiagnosticSummary: CustomStringConvertible {
    /// `2 errors, 1 warning in 3 files`, or `no problems in 1 file`; zero counts are left out.
    package var description: String {
        let parts = [
            DiagnosticSummary.count(errors, "error", "errors"),
            DiagnosticSummary.count(warnings, "warning", "warnings"),
            DiagnosticSummary.count(notes, "note", "notes"),
        ].compactMap { $0 }
        let fileCount = "\(files) \(files == 1 ? "file" : "files")"
        if parts.isEmpty { return "no problems in \(fileCount)" }
        return "\(parts.joined(separator: ", ")) in \(fileCount)"
    }

    private static func count(_ value: Int, _ singular: String, _ plural: String) -> String? {
        value == 0 ? nil : "\(value) \(value == 1 ? singular : plural)"
    }
}
