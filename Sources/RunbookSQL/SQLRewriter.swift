/// Renders statements for generated scripts: names substituted by parameters, passwords by psql variables,
/// everything else byte for byte as written.
package enum SQLRewriter {
    /// - Parameters:
    ///   - identifiers: normalised name → replacement text (already quoted as the caller wants it).
    ///   - password: given the user (or role) whose password it is, the text to put in place of the password
    ///     literal (for example `:'segment_user_password'`); nil keeps the literal.
    package static func render(
        _ statement: Statement, identifiers: [String: String],
        password: (Identifier?) -> String?
    ) -> String {
        var edits: [TextEdit] = []
        var seen = Set<Int>()
        for identifier in statement.identifiers {
            guard let replacement = identifiers[identifier.value], seen.insert(identifier.offsets.lowerBound).inserted
            else { continue }
            edits.append(TextEdit(offsets: identifier.offsets, replacement: replacement))
        }
        for option in statement.passwordOptions {
            switch option.spec {
            case .literal, .quotedIdentifier:
                break
            case .parameter(let text) where text.hasPrefix("<"):
                break
            default:
                continue
            }
            if let replacement = password(option.owner) {
                edits.append(TextEdit(offsets: option.offsets, replacement: replacement))
            }
        }
        // Secrets the grammar did not read as a password option (a statement that does not parse, `SET pw = 'x'`)
        // never reach a script either.
        let covered = edits.map(\.offsets)
        for secret in statement.secretLiterals
        where !covered.contains(where: { $0.overlaps(secret.offsets) }) && !secret.isPlaceholder {
            if let replacement = password(secret.owner) {
                edits.append(TextEdit(offsets: secret.offsets, replacement: replacement))
            }
        }
        return statement.applying(edits)
    }

    /// Renders a translation's text the same way; nil when the statement has no PostgreSQL equivalent.
    package static func render(
        _ translation: Translation, identifiers: [String: String],
        password: (Identifier?) -> String?
    ) -> String? {
        guard let statement = translation.statement else { return translation.text }
        return render(statement, identifiers: identifiers, password: password)
    }
}
