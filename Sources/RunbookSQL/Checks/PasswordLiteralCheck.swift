package import RunbookDiagnostics

/// A literal password in a guide ends up in shell history and scripts; generated scripts take a psql variable.
package struct PasswordLiteralCheck: StatementCheck {
    package static let rule = Rule.sqlPasswordLiteral

    package init() {}

    package func check(_ statements: [Statement], context: SQLCheckContext) -> [Diagnostic] {
        statements.flatMap { statement in
            statement.passwordOptions.compactMap { option -> Diagnostic? in
                guard case .literal(_, let isPlaceholder) = option.spec, !isPlaceholder else { return nil }
                // A user named by a variable (`IDENTIFIER($u)`) is named by it here too.
                let owner = option.owner.variable.map { "$" + $0 } ?? option.owner.value
                let example =
                    context.dialect.syntax.contains(.snowSQLCommands)
                    ? "a SnowSQL variable, for example &{\((option.owner.variable ?? owner).asciiLowercased)_password}"
                    : "a parameter (for example :'\(owner)_password')"
                return Diagnostic(PasswordLiteralMessage(owner: owner, example: example), at: option.range)
            }
        }
    }
}
