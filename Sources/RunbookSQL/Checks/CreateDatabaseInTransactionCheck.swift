package import RunbookDiagnostics

/// CREATE DATABASE cannot run in a transaction block, in Redshift or PostgreSQL (reference §4.4). Snowflake
/// commits the open transaction before any DDL instead (https://docs.snowflake.com/en/sql-reference/transactions).
package struct CreateDatabaseInTransactionCheck: StatementCheck {
    package static let rule = Rule.sqlCreateDatabaseInTransaction

    package init() {}

    package func check(_ statements: [Statement], context: SQLCheckContext) -> [Diagnostic] {
        guard context.dialect != .snowflake else { return [] }
        var openedAt: SourceRange?
        var diagnostics: [Diagnostic] = []
        for statement in statements {
            switch statement.kind {
            case .transaction(.begin):
                openedAt = openedAt ?? statement.range
            case .transaction(.commit), .transaction(.rollback):
                openedAt = nil
            case .createDatabase:
                guard let openedAt else { continue }
                let keywordRange = statement.tokens.first(where: { !$0.isTrivia })?.range ?? statement.range
                diagnostics.append(
                    Diagnostic(
                        StaticMessage.createDatabaseInTransaction, at: keywordRange,
                        notes: [DiagnosticNote("the transaction starts here", at: openedAt)]))
            default:
                continue
            }
        }
        return diagnostics
    }
}
