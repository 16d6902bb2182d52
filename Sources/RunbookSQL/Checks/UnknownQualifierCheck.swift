package import RunbookDiagnostics

/// `SELECT usr.id FROM users u`: a qualifier that is no table, alias or CTE of its statement, so the server
/// stops with "missing FROM-clause entry" (PostgreSQL, Redshift) or "invalid identifier" (Snowflake). The
/// closest name of the statement is suggested, as a guess.
package struct UnknownQualifierCheck: StatementCheck {
    package static let rule = Rule.sqlUnknownQualifier

    package init() {}

    package func check(_ statements: [Statement], context: SQLCheckContext) -> [Diagnostic] {
        statements.flatMap { statement -> [Diagnostic] in
            guard statement.isQuery else { return [] }
            let shape = QueryShape(statement.tokens.filter { !$0.isTrivia })
            var reported = Set<String>()
            // The statement's names as written, read once and only when something is reported.
            var candidates: [String]?
            return shape.qualifiers.compactMap { qualifier -> Diagnostic? in
                let token = qualifier.token
                guard let folded = QueryShape.name(token), !shape.defined.contains(folded),
                    reported.insert(folded).inserted
                else { return nil }
                var suggestion: String?
                if token.kind == .word {
                    let names = candidates ?? shape.definedAsWritten(in: statement)
                    candidates = names
                    suggestion = Suggestion.closest(to: token.text, in: names)
                }
                return Diagnostic(
                    UnknownQualifierMessage(written: token.text, suggestion: suggestion), at: token.range,
                    fixIts: suggestion.map {
                        [
                            FixIt(
                                "replace with '\($0)' (a guess)", range: token.range, replacement: $0,
                                applicability: .unsafe)
                        ]
                    } ?? [])
            }
        }
    }
}

extension QueryShape {
    /// The names the statement defines, as written, for suggestions: its words that the shape counts as defined,
    /// but not a table that has an alias (its alias names it) nor a reserved word.
    func definedAsWritten(in statement: Statement) -> [String] {
        var seen = Set<String>()
        return statement.tokens.compactMap { token -> String? in
            let folded = token.text.asciiLowercased
            guard token.kind == .word, defined.contains(folded), !aliased.contains(folded),
                !token.isKeyword(oneOf: StatementParser.reservedWords), seen.insert(folded).inserted
            else { return nil }
            return token.text
        }
    }
}
