public import RunbookDiagnostics

/// A literal password in a guide ends up in shell history and scripts; generated scripts take a psql variable.
public struct PasswordLiteralCheck: StatementCheck {
    public static let rule = Rule.sqlPasswordLiteral

    public init() {}

    public func check(_ statements: [Statement], context: SQLCheckContext) -> [Diagnostic] {
        statements.flatMap { statement in
            statement.passwordOptions.compactMap { option -> Diagnostic? in
                guard case .literal(_, let isPlaceholder) = option.spec, !isPlaceholder else { return nil }
                return Diagnostic(
                    Self.rule,
                    "the password of '\(option.owner.value)' is hard-coded; pass it as a parameter "
                        + "(for example :'\(option.owner.value)_password')",
                    at: option.range)
            }
        }
    }
}
