public import RunbookDiagnostics

/// `"db.schema.table"` names one object whose name contains dots, never a qualified name.
public struct QuotedDottedIdentifierCheck: StatementCheck {
    public static let rule = Rule.sqlQuotedDottedIdentifier

    public init() {}

    public func check(_ statements: [Statement], context: SQLCheckContext) -> [Diagnostic] {
        statements.flatMap { statement -> [Diagnostic] in
            // A double-quoted password has its own finding.
            let passwordOffsets = Set(statement.passwordOptions.map(\.offsets.lowerBound))
            return statement.tokens.compactMap { token -> Diagnostic? in
                guard token.kind == .quotedIdentifier, !passwordOffsets.contains(token.offsets.lowerBound) else {
                    return nil
                }
                let content = String(token.text.dropFirst().dropLast())
                let parts = content.split(separator: ".", omittingEmptySubsequences: false)
                guard parts.count > 1 else { return nil }
                var fixIts: [FixIt] = []
                if parts.count <= 3, parts.allSatisfy({ !$0.isEmpty }) {
                    let split = parts.map { "\"" + $0 + "\"" }.joined(separator: ".")
                    fixIts.append(FixIt("quote each part separately", range: token.range, replacement: split))
                }
                return Diagnostic(
                    Self.rule,
                    "\(token.text) names one object whose name contains dots; to name "
                        + parts.map { "'\($0)'" }.joined(separator: ", then ") + ", quote each part separately",
                    at: token.range, fixIts: fixIts)
            }
        }
    }
}
