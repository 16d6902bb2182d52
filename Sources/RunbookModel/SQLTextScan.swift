import RunbookDiagnostics

/// Word-level looks into block text, for the few facts the model needs before SQL is parsed
/// (which database a runbook creates, which database a comment names). The SQL stage parses properly.
enum SQLTextScan {
    /// `CREATE DATABASE name` outside comments.
    static func createdDatabase(in text: String) -> String? {
        // Most blocks create no database: two byte searches rule them out.
        let lower = text.asciiLowercased
        guard lower.containsBytes("database"), lower.containsBytes("create") else { return nil }
        for line in lower.split(separator: "\n") {
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
        for (offset, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            guard let comment = line.firstByteRange(of: "--") else { continue }
            let words = line[comment.upperBound...].split(separator: " ")
            for index in words.indices.dropLast() where words[index] == "DATABASE" || words[index] == "database" {
                let name = String(words[index + 1]).trimmingCharacters("\"`.,;")
                if name.isSQLIdentifierLike { return (name, offset + 1) }
            }
        }
        return nil
    }
}
