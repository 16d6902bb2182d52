import RunbookDiagnostics

// Tables, views, the session and transaction statements and the commands outside the privilege model: from the
// tree to the kinds the later stages read.
extension Lowering {
    /// The kind of a statement whose grammar opens one of these nodes right below the root; nil for another.
    func statementKind(of tree: SyntaxNode) -> StatementKind? {
        for node in tree.childNodes {
            switch node.kind {
            case .createTable: return createTable(node).map(StatementKind.createTable)
            case .createView: return createView(node).map(StatementKind.createView)
            case .alterTable: return .opaque(keyword: "ALTER TABLE")
            case .setStatement: return setStatement(node).map(StatementKind.set)
            case .resetStatement: return .reset(SQLText.spaced(node.significantTokens.dropFirst()).asciiLowercased)
            case .showStatement: return .show(SQLText.spaced(node.significantTokens.dropFirst()).asciiUppercased)
            case .transactionStatement: return transaction(node.significantTokens)
            case .otherStatement: return .opaque(keyword: statementWords(node))
            case .otherGrant: return otherGrant(node)
            default: continue
            }
        }
        return nil
    }

    // MARK: Tables and views

    /// `CREATE [TEMP] TABLE [IF NOT EXISTS] name (elements) … [AS query]`: the columns are the elements' names, the
    /// relations read are LIKE's tables, then the query's.
    private func createTable(_ node: SyntaxNode) -> CreateTable? {
        guard let name = node.childNode(.qualifiedName).flatMap(objectName) else { return nil }
        var columns: [Identifier] = []
        var reads: [ObjectName] = []
        for element in node.childNodes(.tableElement) {
            if element.leadingWords.first == "LIKE" {
                reads += objectNames(in: element)
            } else if let column = element.childNode(.name).flatMap({ identifier($0) }) {
                columns.append(column)
            }
        }
        if let query = node.childNode(.query) { reads += self.query(query).reads }
        let words = node.leadingWords
        return CreateTable(
            name: name, ifNotExists: words.contains("EXISTS"),
            isTemporary: words.contains { Self.temporaryWords.contains($0) }, columns: columns, reads: reads)
    }

    /// The words before TABLE that make it temporary: `TEMP`, `TEMPORARY`, and Snowflake's `VOLATILE`.
    private static let temporaryWords: Set<String> = ["TEMP", "TEMPORARY", "VOLATILE"]

    private func createView(_ node: SyntaxNode) -> CreateView? {
        guard let name = node.childNode(.qualifiedName).flatMap(objectName) else { return nil }
        let words = node.leadingWords
        return CreateView(
            name: name, orReplace: words.contains("REPLACE"), isMaterialized: words.contains("MATERIALIZED"),
            columns: columns(in: node), reads: node.childNode(.query).map { query($0).reads } ?? [])
    }

    // MARK: Session and transactions

    /// `SET [SESSION | LOCAL] name value`: a parameter's dotted name, or the words of a form without TO in lower
    /// case (`session authorization`, `time zone`); the value as written.
    private func setStatement(_ node: SyntaxNode) -> SetStatement? {
        guard let target = node.childNode(.setName), let nameRange = target.sourceRange else { return nil }
        let name =
            target.childNode(.qualifiedName).flatMap(objectName)?.dotted
            ?? target.ownTokens.map(\.text.asciiLowercased).joined(separator: " ")
        let value = node.childNode(.setValue).map { SQLText.spaced($0.significantTokens) } ?? ""
        return SetStatement(
            scope: node.leadingWords.dropFirst().first, name: name, value: value, nameRange: nameRange)
    }

    /// BEGIN and START TRANSACTION begin, COMMIT and END commit, ROLLBACK and ABORT roll back; `ROLLBACK TO
    /// [SAVEPOINT]`, `ROLLBACK PREPARED` and `COMMIT | BEGIN PREPARED` end no transaction.
    private func transaction(_ tokens: [Token]) -> StatementKind {
        guard let first = tokens.first, let keyword = Keyword(first) else { return .opaque(keyword: "") }
        let next = tokens.dropFirst().first
        if keyword == .rollback, let next, next.isKeyword(.to) || next.isKeyword(.prepared) {
            return .opaque(keyword: "ROLLBACK TO")
        }
        if [.commit, .begin, .rollback].contains(keyword), next?.isKeyword(.prepared) == true {
            return .opaque(keyword: "\(keyword.spelling) PREPARED")
        }
        switch keyword {
        case .begin, .start: return .transaction(.begin)
        case .commit, .end: return .transaction(.commit)
        default: return .transaction(.rollback)
        }
    }

    // MARK: Other statements

    /// The words of an `.otherStatement`'s `.statementWords` nodes, upper-cased (a placeholder as written).
    private func statementWords(_ node: SyntaxNode) -> String {
        node.childNodes(.statementWords).flatMap(\.significantTokens).map {
            $0.kind == .word ? $0.text.asciiUppercased : $0.text
        }.joined(separator: " ")
    }

    /// A Redshift GRANT or REVOKE of another family, named by the family the grammar recognised it by.
    private func otherGrant(_ node: SyntaxNode) -> StatementKind? {
        let tokens = node.significantTokens
        guard let first = tokens.first, let last = tokens.last else { return nil }
        let reader = StatementParser(tokens: tokens, dialect: dialect, end: last.range.end)
        return reader.otherGrantFamily().map { .opaque(keyword: first.text.asciiUppercased + " " + $0) }
    }
}
