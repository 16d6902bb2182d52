package import RunbookDiagnostics

/// Redshift's plain-text password rules (reference §4.1): 8–64 characters, an upper-case letter, a lower-case
/// letter and a digit, ASCII 33–126 except `' " \ / @`. Hashed forms (`md5…`, `sha256|…`) are not checked.
package struct PasswordRejectedCheck: StatementCheck {
    package static let rule = Rule.sqlPasswordRejected

    package init() {}

    package func check(_ statements: [Statement], context: SQLCheckContext) -> [Diagnostic] {
        guard context.dialect == .redshift else { return [] }
        return statements.flatMap { statement in
            statement.passwordOptions.compactMap { option -> Diagnostic? in
                guard case .literal(let value, let isPlaceholder) = option.spec, !isPlaceholder else { return nil }
                let problems = Self.problems(with: value)
                guard !problems.isEmpty else { return nil }
                return Diagnostic(PasswordRejectedMessage(problems: problems), at: option.range)
            }
        }
    }

    /// Why Redshift would reject `password`, or nothing when it is acceptable or already hashed.
    package static func problems(with password: String) -> [String] {
        if isHashed(password) { return [] }
        var problems: [String] = []
        let count = password.count
        if count < 8 || count > 64 { problems.append("it has \(count) characters, and 8 to 64 are required") }
        if !password.contains(where: { $0.isASCII && $0.isUppercase }) {
            problems.append("it has no upper-case letter")
        }
        if !password.contains(where: { $0.isASCII && $0.isLowercase }) {
            problems.append("it has no lower-case letter")
        }
        if !password.contains(where: { $0.isASCII && $0.isNumber }) { problems.append("it has no digit") }
        let forbidden = password.unicodeScalars.filter {
            $0.value < 33 || $0.value > 126 || "'\"\\/@".unicodeScalars.contains($0)
        }
        if !forbidden.isEmpty {
            let shown = Set(forbidden.map { $0 == " " ? "space" : String($0) }).sorted()
            problems.append("it contains \(shown.joined(separator: ", ")), which is not allowed")
        }
        return problems
    }

    /// `md5` + 32 hex digits, or `sha256|…`.
    static func isHashed(_ password: String) -> Bool {
        if password.hasPrefix("sha256|") { return true }
        guard password.hasPrefix("md5"), password.utf8.count == 35 else { return false }
        return password.dropFirst(3).allSatisfy(\.isHexDigit)
    }
}
