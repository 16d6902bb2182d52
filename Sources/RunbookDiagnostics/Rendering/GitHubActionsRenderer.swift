/// GitHub Actions workflow commands, one per diagnostic, which the runner turns into annotations on
/// the pull request's files, and a Markdown step summary for `$GITHUB_STEP_SUMMARY`.
///
/// `::error file=PATH,line=L,col=C,endLine=L,endColumn=C,title=RULE::MESSAGE` (`::warning`, and
/// `::notice` for notes). Notes, fix-its and variants follow the message on further lines, since an
/// annotation has one message only.
package struct GitHubActionsRenderer: Sendable {
    package init() {}
}

// MARK: - Workflow commands

extension GitHubActionsRenderer {
    /// `rules` is unused: the title is the rule id, the same as in every other format.
    package func render(_ files: [FileDiagnostics], rules: [Rule] = []) -> String {
        var output = ""
        for file in files {
            for diagnostic in file.diagnostics {
                output += command(for: diagnostic, in: file) + "\n"
            }
        }
        return output
    }

    func command(for diagnostic: Diagnostic, in file: FileDiagnostics) -> String {
        let name: String
        switch diagnostic.severity {
        case .error: name = "error"
        case .warning: name = "warning"
        case .note: name = "notice"
        }
        let range = diagnostic.range
        let properties = [
            ("file", file.path),
            ("line", String(range.start.line)),
            ("col", String(range.start.column)),
            ("endLine", String(range.end.line)),
            ("endColumn", String(range.end.column)),
            ("title", diagnostic.rule.rawValue),
        ]
        .map { key, value in "\(key)=\(GitHubActionsRenderer.escapeProperty(value))" }
        .joined(separator: ",")

        var message = diagnostic.message
        for note in diagnostic.notes {
            let place = note.range.map { "\(file.path):\($0.start.line):\($0.start.column): " } ?? ""
            message += "\n\(place)note: \(note.message)"
        }
        for fixIt in diagnostic.fixIts {
            message += "\nfix-it: " + TextRenderer.describe(fixIt, in: file)
        }
        if !diagnostic.variants.isEmpty {
            message += "\nin variants: " + diagnostic.variantSummary
        }
        return "::\(name) \(properties)::\(GitHubActionsRenderer.escapeData(message))"
    }

    /// Escapes a command's message the way the Actions runner unescapes it.
    package static func escapeData(_ text: String) -> String {
        text.replacingAll("%", with: "%25").replacingAll("\r", with: "%0D").replacingAll("\n", with: "%0A")
    }

    /// Escapes a property value: the message escapes, plus `:` and `,`, which delimit properties.
    package static func escapeProperty(_ text: String) -> String {
        escapeData(text).replacingAll(":", with: "%3A").replacingAll(",", with: "%2C")
    }
}

// MARK: - Step summary

extension GitHubActionsRenderer {
    /// Markdown for `$GITHUB_STEP_SUMMARY`: a heading, the counts, and a table of every diagnostic.
    package func stepSummary(_ files: [FileDiagnostics]) -> String {
        let summary = DiagnosticSummary(files)
        var output = "## runbook diagnostics\n\n"
        output += GitHubActionsRenderer.capitalized(summary.description) + ".\n"
        let all = files.flatMap { file in file.diagnostics.map { (file, $0) } }
        guard !all.isEmpty else { return output }
        output += "\n| Location | Severity | Rule | Message |\n| --- | --- | --- | --- |\n"
        for (file, diagnostic) in all {
            var message = diagnostic.message
            for note in diagnostic.notes {
                message += "\nnote: " + note.message
            }
            if !diagnostic.variants.isEmpty {
                message += "\nin variants: " + diagnostic.variantSummary
            }
            let cells = [
                "\(file.path):\(diagnostic.range.start.line):\(diagnostic.range.start.column)",
                diagnostic.severity.rawValue,
                diagnostic.rule.rawValue,
                message,
            ]
            output += "| " + cells.map(GitHubActionsRenderer.escapeCell).joined(separator: " | ") + " |\n"
        }
        return output
    }

    /// Makes text safe inside a GFM table cell: `|` would end the cell and a newline the row, HTML-like
    /// text such as `<name>` would vanish as a tag, and `*`, `_`, `` ` ``, `[` would start formatting.
    package static func escapeCell(_ text: String) -> String {
        var output = ""
        var previousWasCarriageReturn = false
        for character in text.unicodeScalars {
            defer { previousWasCarriageReturn = character == "\r" }
            switch character {
            case "\r": output += "<br>"
            case "\n": if !previousWasCarriageReturn { output += "<br>" }
            case "&": output += "&amp;"
            case "<": output += "&lt;"
            case ">": output += "&gt;"
            case "|", "\\", "*", "_", "`", "[", "]": output += "\\" + String(character)
            default: output.unicodeScalars.append(character)
            }
        }
        return output
    }

    private static func capitalized(_ text: String) -> String {
        guard let first = text.first else { return text }
        return first.uppercased() + text.dropFirst()
    }
}
