package import RunbookDiagnostics

/// `PASSWORD "x"`: double quotes make an identifier, and PASSWORD takes a string (reference §4.1, §8.1).
package struct PasswordDoubleQuotedCheck: StatementCheck {
    package static let rule = Rule.sqlPasswordDoubleQuoted

    package init() {}

    package func check(_ statements: [Statement], context: SQLCheckContext) -> [Diagnostic] {
        statements.flatMap { statement in
            statement.passwordOptions.compactMap { option -> Diagnostic? in
                guard case .quotedIdentifier(let value) = option.spec else { return nil }
                let fix = FixIt(
                    "use single quotes", range: option.range, replacement: SQLText.quoteString(value),
                    applicability: .safe)
                return Diagnostic(StaticMessage.passwordDoubleQuoted, at: option.range, fixIts: [fix])
            }
        }
    }
}
