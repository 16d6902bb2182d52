package import RunbookDiagnostics

/// `"db.schema.table"` names one object whose name contains dots, never a qualified name.
package struct QuotedDottedIdentifierCheck: StatementCheck {
    package static let rule = Rule.sqlQuotedDottedIdentifier

    package init() {}

    package func check(_ statements: [Statement], context: SQLCheckContext) -> [Diagnostic] {
        // Only names the parser read: a quoted alias or column label may legitimately contain dots.
        statements.flatMap { statement -> [Diagnostic] in
            statement.identifiers.compactMap { name -> Diagnostic? in
                guard name.isQuoted else { return nil }
                let content = String(name.raw.dropFirst().dropLast())
                let parts = content.split(separator: ".", omittingEmptySubsequences: false)
                guard parts.count > 1 else { return nil }
                var fixIts: [FixIt] = []
                if parts.count <= 3, parts.allSatisfy({ !$0.isEmpty }) {
                    let split = parts.map { "\"" + $0 + "\"" }.joined(separator: ".")
                    fixIts.append(
                        FixIt("quote each part separately", range: name.range, replacement: split, applicability: .safe)
                    )
                }
                return Diagnostic(
                    QuotedDottedIdentifierMessage(raw: name.raw, parts: parts), at: name.range, fixIts: fixIts)
            }
        }
    }
}
