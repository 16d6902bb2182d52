import RunbookDiagnostics

/// Word-level looks into block text, for the few facts the model needs before SQL is parsed
/// (which database a runbook creates, which database a comment names). The SQL stage parses properly.
enum SQLTextScan {
    /// `CREATE DATABASE name` outside comments.
    static func createdDatabase(in text: String) -> String? {
        // Most blocks create no database: two byte searches rule them out.
        let lower = text.asciiLowercased
        guard lower.containsBytes("database"), lower.containsBytes("create") else { return nil }
        for line in lower.splitLines() {
            let code = line.firstByteRange(of: "--").map { line[..<$0.lowerBound] } ?? line
            let words = code.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == ";" })
            for index in words.indices.dropLast(2) where words[index] == "create" && words[index + 1] == "database" {
                var name = String(words[index + 2])
                if name == "if", index + 5 < words.count { name = String(words[index + 5]) }
                return name.trimmingCharacters("\"")
            }
        }
        return nil
    }

    /// "-- … in DATABASE user_database" → ("user_database", line offset within the block, 1-based).
    static func databaseNamedInComment(_ text: String) -> (String, Int)? {
        for (offset, line) in text.splitLines(omittingEmptySubsequences: false).enumerated() {
            guard let comment = line.firstByteRange(of: "--") else { continue }
            let words = line[comment.upperBound...].split(separator: " ")
            for index in words.indices.dropLast() where words[index] == "DATABASE" || words[index] == "database" {
                let name = String(words[index + 1]).trimmingCharacters("\"`.,;")
                if name.isSQLIdentifierLike { return (name, offset + 1) }
            }
        }
        return nil
    }

    /// The first word of each statement, upper-cased, outside comments (a word-level look, not a parse).
    static func statementWords(_ text: String) -> [String] {
        var words: [String] = []
        var atStart = true
        for line in text.splitLines() {
            let code = line.firstByteRange(of: "--").map { line[..<$0.lowerBound] } ?? line[...]
            for (index, piece) in code.split(separator: ";", omittingEmptySubsequences: false).enumerated() {
                if index > 0 { atStart = true }
                guard atStart, let word = piece.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "(" }).first
                else { continue }
                words.append(word.uppercased())
                atStart = false
            }
        }
        return words
    }

    private static let queryWords: Set<String> = ["SELECT", "WITH", "SHOW", "EXPLAIN", "VALUES", "TABLE", "DESCRIBE"]
    private static let changeWords: Set<String> = [
        "CREATE", "ALTER", "DROP", "GRANT", "REVOKE", "INSERT", "UPDATE", "DELETE", "COPY", "TRUNCATE", "COMMENT",
        "CALL", "DO", "UNLOAD", "MERGE", "REASSIGN", "REFRESH", "SECURITY",
    ]

    /// Whether the text starts like SQL: its first statement opens with a statement keyword.
    static func startsLikeSQL(_ text: String) -> Bool {
        guard let first = statementWords(text).first else { return false }
        return queryWords.contains(first) || changeWords.contains(first)
            || ["SET", "BEGIN", "COMMIT", "END", "ANALYZE", "VACUUM", "START", "RESET"].contains(first)
    }

    /// Whether the text holds a `<name>` placeholder (`<database_name>`, `<hasura-role>`) outside comments.
    static func hasPlaceholder(_ text: String) -> Bool {
        for line in text.splitLines() {
            let code = line.firstByteRange(of: "--").map { line[..<$0.lowerBound] } ?? line[...]
            var rest = code[...]
            while let open = rest.firstIndex(of: "<") {
                let after = rest[rest.index(after: open)...]
                let name = after.prefix { $0.isLetter || $0.isNumber || $0 == "_" || $0 == "-" || $0 == " " }
                if let first = name.first, first.isLetter, after.dropFirst(name.count).first == ">" { return true }
                rest = after
            }
        }
        return false
    }

    /// Whether running the text would change the database (create, grant, alter …), not only read it.
    static func changesDatabase(_ text: String) -> Bool {
        statementWords(text).contains(where: changeWords.contains)
    }

    /// What the text creates without `IF NOT EXISTS` or `OR REPLACE` (`user metabase`, `role analytics`):
    /// two sections that create the same thing cannot both be run.
    static func createdObjects(_ text: String) -> Set<String> {
        let lower = text.asciiLowercased
        guard lower.containsBytes("create") else { return [] }
        var objects: Set<String> = []
        for line in lower.splitLines() {
            let code = line.firstByteRange(of: "--").map { line[..<$0.lowerBound] } ?? line
            let words = code.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == ";" || $0 == "(" })
            for index in words.indices.dropLast(2) where words[index] == "create" {
                let kind = words[index + 1]
                guard ["user", "role", "group", "schema", "database", "table", "view"].contains(kind) else { continue }
                let name = words[index + 2]
                guard name != "if" else { continue }
                objects.insert("\(kind) \(name.trimmingCharacters("\""))")
            }
        }
        return objects
    }
}
