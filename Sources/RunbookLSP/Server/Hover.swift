import Foundation
import RunbookCompile
import RunbookDiagnostics
import RunbookDriver
import RunbookEmitters
import RunbookPrivileges

/// `textDocument/hover` on a name in SQL: what the runbook makes of it (where it is created, who can do
/// what on it and why, as `runbook explain` tells it) and `textDocument/definition`: the creating statement.
extension LanguageServer {
    mutating func hover(_ message: IncomingMessage, method: String) -> Result<LSP.Hover?, ResponseError> {
        let params: LSP.TextDocumentPositionParams
        switch message.decodeParams(LSP.TextDocumentPositionParams.self, method: method) {
        case .success(let decoded): params = decoded
        case .failure(let error): return .failure(error)
        }
        return analysedDocument(params.textDocument.uri, method: method).map { document in
            guard let analysis = document.analysis else { return nil }
            let location = document.lines.location(params.position)
            guard let name = NameLookup.name(at: location, in: analysis.check.compiled) else { return nil }
            let text = HoverText.markdown(for: name, check: analysis.check)
            return LSP.Hover(
                contents: LSP.MarkupContent(kind: "markdown", value: text), range: document.lines.range(name.range))
        }
    }

    mutating func definition(_ message: IncomingMessage, method: String) -> Result<[LSP.Location]?, ResponseError> {
        let params: LSP.TextDocumentPositionParams
        switch message.decodeParams(LSP.TextDocumentPositionParams.self, method: method) {
        case .success(let decoded): params = decoded
        case .failure(let error): return .failure(error)
        }
        return analysedDocument(params.textDocument.uri, method: method).map { document in
            guard let analysis = document.analysis else { return nil }
            let compiled = analysis.check.compiled
            guard let name = NameLookup.name(at: document.lines.location(params.position), in: compiled) else {
                return nil
            }
            var ranges = Set<SourceRange>()
            for variant in compiled.variants {
                guard let catalog = compiled.privileges.results[variant.slug]?.catalog else { continue }
                for entry in NameLookup.entries(for: name, in: catalog) {
                    if case .created(let origin) = entry.origin(in: catalog) { ranges.insert(origin.range) }
                }
            }
            guard !ranges.isEmpty else { return nil }
            return ranges.sorted { $0.start < $1.start }.map {
                LSP.Location(uri: document.uri, range: document.lines.range($0))
            }
        }
    }
}

enum HoverText {
    /// Lines listed per section before the rest are counted.
    static let listedLines = 25

    /// Facts that may differ between variants, each with the variants it holds in.
    private struct Facts {
        var order: [String] = []
        var variants: [String: [String]] = [:]

        mutating func add(_ fact: String, variant: String) {
            if variants[fact] == nil { order.append(fact) }
            variants[fact, default: []].append(variant)
        }

        func lines(allVariants: Int) -> [String] {
            order.map { fact in
                let holding = variants[fact] ?? []
                guard allVariants > 1, holding.count < allVariants else { return fact }
                return fact + " _(variant\(holding.count == 1 ? "" : "s") "
                    + holding.map { "`\($0)`" }.joined(separator: ", ") + ")_"
            }
        }
    }

    static func markdown(for name: NameAtPosition, check: DocumentCheck) -> String {
        let compiled = check.compiled
        var entries: [CatalogEntry] = []
        var origins: [CatalogEntry: Facts] = [:]
        var privileges: [CatalogEntry: Facts] = [:]
        let variants = compiled.variants.filter { compiled.privileges.results[$0.slug] != nil }
        for variant in variants {
            guard let result = compiled.privileges.results[variant.slug] else { continue }
            for entry in NameLookup.entries(for: name, in: result.catalog) {
                if origins[entry] == nil { entries.append(entry) }
                origins[entry, default: Facts()].add(
                    describe(entry.origin(in: result.catalog), compiled: compiled), variant: variant.slug)
                for line in privilegeLines(entry, result: result) {
                    privileges[entry, default: Facts()].add(line, variant: variant.slug)
                }
            }
        }
        let code = "`\(name.parts.joined(separator: ".").replacingOccurrences(of: "`", with: "'"))`"
        guard !entries.isEmpty else {
            return check.redaction.scrub(
                "\(code): not a user, role, group, database, schema or table this runbook knows.")
        }
        var sections: [String] = []
        for entry in entries.sorted() {
            var lines = ["**\(entry.title)**", ""]
            lines += (origins[entry] ?? Facts()).lines(allVariants: variants.count)
            let facts = (privileges[entry] ?? Facts()).lines(allVariants: variants.count)
            lines.append("")
            if case .principal = entry {
                lines.append(facts.isEmpty ? "Can do nothing on the runbook's objects." : "Can do:")
            } else {
                lines.append(
                    facts.isEmpty ? "Nobody the runbook creates can do anything on it." : "Who can do what on it:")
            }
            lines += facts.prefix(listedLines).map { "- " + $0 }
            if facts.count > listedLines {
                lines.append("- … and \(facts.count - listedLines) more (`runbook explain` lists them all)")
            }
            sections.append(lines.joined(separator: "\n"))
        }
        return check.redaction.scrub(sections.joined(separator: "\n\n---\n\n"))
    }

    /// Where the object comes from, with the creating statement as the reader sees it (passwords masked).
    static func describe(_ origin: ObjectOrigin?, compiled: CompiledRunbook) -> String {
        switch origin {
        case .created(let statement):
            return "Created in \(statement.location): `\(statementText(statement.range, compiled: compiled))`"
        case .assumed(let reference), .assumedAfterError(let reference):
            return "Not created by this runbook: assumed to exist (first named on line \(reference.start.line))."
        case .initial:
            return "There before the runbook starts."
        case nil:
            return "Not in the simulated catalog."
        }
    }

    /// The statement's text from the masked lines, on one line, shortened.
    static func statementText(_ range: SourceRange, compiled: CompiledRunbook) -> String {
        var pieces: [String] = []
        for line in range.start.line...max(range.start.line, range.end.line)
        where line >= 1 && line <= compiled.displayLines.count {
            let bytes = Array(compiled.displayLines[line - 1].utf8)
            let from = line == range.start.line ? min(max(range.start.column - 1, 0), bytes.count) : 0
            let to = line == range.end.line ? min(max(range.end.column - 1, from), bytes.count) : bytes.count
            pieces.append(String(decoding: bytes[from..<to], as: UTF8.self).trimmingCharacters(in: .whitespaces))
        }
        let text = pieces.filter { !$0.isEmpty }.joined(separator: " ").replacingOccurrences(of: "`", with: "'")
        return text.count > 160 ? String(text.prefix(157)) + "…" : text
    }

    /// Each privilege as `explain` gives it: what, on what, and the chain of statements that grants it.
    static func privilegeLines(_ entry: CatalogEntry, result: VariantResult) -> [String] {
        let held: [EffectivePrivilege]
        switch entry {
        case .principal(let principal):
            let listed = result.effective.filter { $0.principal == principal }
            held = listed.isEmpty ? result.catalog.effectivePrivileges(of: principal) : listed
        case .object(let object):
            held = result.effective.filter { $0.object == object }
        }
        return held.map { privilege in
            let unusable = privilege.isUsable ? "" : " (granted, but unusable: no USAGE on the schema)"
            let chain = RunbookPrivileges.describe(privilege).replacingOccurrences(of: "`", with: "'")
            switch entry {
            case .principal:
                return "`\(privilege.privilege)` on \(privilege.object)\(unusable): `\(chain)`"
            case .object:
                return "\(privilege.principal.name): `\(privilege.privilege)`\(unusable): `\(chain)`"
            }
        }
    }
}
