public import RunbookDiagnostics

/// `SELECT usr.id FROM users u`: a qualifier that is no table, alias or CTE of its statement, so the server
/// stops with "missing FROM-clause entry" (PostgreSQL, Redshift) or "invalid identifier" (Snowflake). The
/// closest name of the statement is suggested, as a guess.
public struct UnknownQualifierCheck: StatementCheck {
    public static let rule = Rule.sqlUnknownQualifier

    public init() {}

    public func check(_ statements: [Statement], context: SQLCheckContext) -> [Diagnostic] {
        statements.flatMap { statement -> [Diagnostic] in
            guard statement.isQuery else { return [] }
            let shape = QueryShape(statement.tokens.filter { !$0.isTrivia })
            var reported = Set<String>()
            return shape.qualifiers.compactMap { qualifier -> Diagnostic? in
                let token = qualifier.token
                let folded =
                    token.kind == .quotedIdentifier
                    ? String(token.text.dropFirst().dropLast()).asciiLowercased : token.text.asciiLowercased
                guard !shape.defined.contains(folded), reported.insert(folded).inserted else { return nil }
                let candidates = shape.definedAsWritten(in: statement)
                let suggestion = token.kind == .word ? Suggestion.closest(to: token.text, in: candidates) : nil
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

// MARK: - Statements that are queries

extension Statement {
    /// A query, a data change, or a view or table made from a query: statements whose names a query defines.
    var isQuery: Bool {
        switch kind {
        case .select, .createView, .createTable: true
        case .opaque(let keyword): ["INSERT", "UPDATE", "DELETE", "MERGE"].contains(keyword)
        default: false
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
