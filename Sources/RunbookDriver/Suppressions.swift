import RunbookCompile
import RunbookDiagnostics
import RunbookEmitters
import RunbookMarkdown
import RunbookSQL

/// Inline suppression, as ruff's `# noqa: ID` and eslint's disable comments work: the document silences a
/// finding where it occurs, in one of three scopes.
///
/// - `-- runbook: disable=ID[,ID]` in a SQL comment: the statement the comment belongs to (on its lines, or
///   the comment lines just before it);
/// - `<!-- runbook: disable=ID -->` before a block (or a list item holding one): that block, fences included;
/// - `runbook: {disable: [ID, …]}` in the front matter: the whole file.
///
/// An id that is no rule is a warning with a suggestion; a suppression that silences nothing is reported
/// only when asked (`--report-unused-suppressions`), as ruff's RUF100.
struct Suppression: Sendable, Hashable {
    enum Scope: Sendable, Hashable {
        case file
        /// Markdown lines, inclusive.
        case lines(ClosedRange<Int>)
    }

    var rules: [RuleID]
    var scope: Scope
    /// Where the directive is written: what an unknown or unused id is reported at.
    var directive: SourceRange
}

// MARK: - Collecting

extension Suppression {
    /// The directive's marker inside a SQL comment.
    static let sqlMarker = "runbook:"

    /// Every suppression a compiled runbook's source declares.
    static func collect(in runbook: CompiledRunbook) -> [Suppression] {
        var result: [Suppression] = []
        if let frontMatter = runbook.document.frontMatter {
            let ids = frontMatterIDs(frontMatter.values)
            if !ids.isEmpty {
                let range = SourceRange(
                    start: SourceLocation(line: frontMatter.lines.lowerBound, column: 1),
                    end: SourceLocation(line: frontMatter.lines.upperBound, column: 1))
                result.append(Suppression(rules: ids, scope: .file, directive: range))
            }
        }
        for compiled in runbook.blocks {
            let block = compiled.block
            if let value = block.attributes["disable"] {
                let ids = parseIDs(value)
                if !ids.isEmpty {
                    result.append(
                        Suppression(
                            rules: ids,
                            scope: .lines(block.range.start.line...max(block.range.start.line, block.range.end.line)),
                            directive: SourceRange(block.range.start)))
                }
            }
            result.append(contentsOf: statementSuppressions(in: compiled))
        }
        return result
    }

    /// `runbook.disable` as a list (`runbook.disable.0`, …) or one comma-separated string.
    static func frontMatterIDs(_ values: [String: String]) -> [RuleID] {
        var ids: [RuleID] = []
        if let scalar = values["runbook.disable"] { ids += parseIDs(scalar) }
        var index = 0
        while let element = values["runbook.disable.\(index)"] {
            ids += parseIDs(element)
            index += 1
        }
        return ids
    }

    /// `ID[,ID]…`, blanks allowed around commas.
    static func parseIDs(_ text: some StringProtocol) -> [RuleID] {
        text.split(separator: ",").map { $0.filter { $0 != " " && $0 != "\t" } }.filter { !$0.isEmpty }
            .map { RuleID(rawValue: String($0)) }
    }

    /// The ids of a comment holding `runbook: disable=…`, or nil.
    static func commentIDs(_ comment: String) -> [RuleID]? {
        let lowered = comment.asciiLowercased
        guard let marker = lowered.firstByteRange(of: sqlMarker) else { return nil }
        let rest = lowered[marker.upperBound...].drop { $0 == " " || $0 == "\t" }
        guard rest.hasPrefix("disable=") else { return nil }
        let value = rest.dropFirst("disable=".count).prefix { $0 != " " && $0 != "\t" && $0 != "*" && $0 != "\n" }
        let ids = parseIDs(value)
        return ids.isEmpty ? nil : ids
    }

    /// Statement-scoped suppressions: a comment among a statement's tokens, or among the comments that lead it.
    private static func statementSuppressions(in compiled: CompiledBlock) -> [Suppression] {
        var result: [Suppression] = []
        let positions = compiled.block.positions
        for statement in compiled.statements {
            let range = positions.range(statement.range)
            var firstLine = range.start.line
            var found: [(ids: [RuleID], at: SourceRange)] = []
            for token in statement.tokens where token.kind == .lineComment || token.kind == .blockComment {
                if let ids = commentIDs(token.text) { found.append((ids, positions.range(token.range))) }
            }
            // Comments before the statement are not among its tokens; they are on the lines just above it.
            let leading = statement.leadingComments.compactMap(commentIDs)
            if !leading.isEmpty {
                firstLine = max(1, range.start.line - statement.leadingComments.count)
                for ids in leading { found.append((ids, SourceRange(SourceLocation(line: firstLine, column: 1)))) }
            }
            if let trailing = statement.trailingComment, let ids = commentIDs(trailing) {
                found.append((ids, SourceRange(SourceLocation(line: range.end.line, column: 1))))
            }
            for (ids, at) in found {
                result.append(
                    Suppression(rules: ids, scope: .lines(firstLine...max(firstLine, range.end.line)), directive: at))
            }
        }
        return result
    }
}

// MARK: - Applying

extension Suppression {
    func covers(_ diagnostic: Diagnostic) -> Bool {
        guard rules.contains(diagnostic.rule) else { return false }
        switch scope {
        case .file: return true
        case .lines(let lines): return lines.contains(diagnostic.range.start.line)
        }
    }

    /// Drops the diagnostics a suppression covers; reports unknown ids (always) and suppressions that
    /// silence nothing (when `reportUnused`).
    static func apply(
        _ suppressions: [Suppression], to diagnostics: [Diagnostic], knownRules: Set<RuleID>, reportUnused: Bool
    ) -> [Diagnostic] {
        guard !suppressions.isEmpty else { return diagnostics }
        var used = Array(repeating: Set<RuleID>(), count: suppressions.count)
        var kept: [Diagnostic] = []
        for diagnostic in diagnostics {
            var silenced = false
            for (index, suppression) in suppressions.enumerated() where suppression.covers(diagnostic) {
                used[index].insert(diagnostic.rule)
                silenced = true
            }
            if !silenced { kept.append(diagnostic) }
        }
        for (index, suppression) in suppressions.enumerated() {
            for rule in suppression.rules {
                if !knownRules.contains(rule) {
                    let suggestion = Suggestion.closest(to: rule.rawValue, in: knownRules.map(\.rawValue))
                    kept.append(
                        Diagnostic(
                            SuppressionMessage(ruleID: rule.rawValue, isUnknown: true, suggestion: suggestion),
                            at: suppression.directive))
                } else if reportUnused, !used[index].contains(rule) {
                    kept.append(
                        Diagnostic(
                            SuppressionMessage(ruleID: rule.rawValue, isUnknown: false), at: suppression.directive))
                }
            }
        }
        return kept
    }
}
