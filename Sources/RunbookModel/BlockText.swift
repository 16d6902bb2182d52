import RunbookDiagnostics
import RunbookSQL

/// What a block holds once the parts that are not SQL to run are taken out. Every function keeps the block's
/// lines where they are (a removed line becomes empty, a removed prompt shortens its line from the left), so
/// positions inside the cleaned text still map to the Markdown file.
enum BlockText {
    /// Indented code that is a fence written too little indented inside a list item (CommonMark then reads
    /// the fence as indented code): the fence's info string and its content, without the fence lines.
    static func embeddedFence(_ literal: String) -> (info: String, content: String)? {
        var lines = literal.splitLines(omittingEmptySubsequences: false)
        if lines.last == "" { lines.removeLast() }
        guard let first = lines.first?.trimmingCharacters(" \t"), first.hasPrefix("```") || first.hasPrefix("~~~")
        else { return nil }
        let fence = first.prefix { $0 == first.first }
        let info = first.dropFirst(fence.count).trimmingCharacters(" \t")
        guard !info.contains("`") else { return nil }
        var content = Array(lines.dropFirst())
        if let last = content.last, last.trimmingCharacters(" \t").hasPrefix(fence) { content.removeLast() }
        // The fence's own indentation is still on its content lines: take the smallest common indentation off.
        let indentation =
            content.filter { !$0.allSatisfy { $0 == " " } }.map { $0.prefix { $0 == " " }.count }.min() ?? 0
        let text = content.map { $0.allSatisfy { $0 == " " } ? "" : String($0.dropFirst(indentation)) }
        return (info, text.joined(separator: "\n") + "\n")
    }

    /// A psql session pasted as a block: prompts (`postgres=> `, `db=# `, `db-> `) are taken off their
    /// statements, and the server's answers (command tags, `ERROR:` and `WARNING:` lines, result tables with
    /// their `(3 rows)` line) become empty lines. Answers with the cleaned text and what was taken out.
    static func strippingTranscript(_ text: String) -> (text: String, removed: [String]) {
        var lines = text.splitLines(omittingEmptySubsequences: false).map(String.init)
        var removed: [String] = []
        let prompts = lines.map(promptLength)
        if prompts.contains(where: { $0 != nil }) {
            var inStatement = false
            for index in lines.indices {
                if let length = prompts[index] {
                    lines[index] = String(lines[index].dropFirst(length))
                    inStatement = !endsStatement(lines[index])
                } else if inStatement {
                    inStatement = !endsStatement(lines[index])
                } else if !lines[index].trimmingCharacters(" \t\r").isEmpty, !isComment(lines[index]) {
                    lines[index] = ""
                    if !removed.contains("server output") { removed.append("server output") }
                }
            }
            removed.insert("psql prompts", at: 0)
        }
        var tables = 0
        for index in lines.indices where isRowCount(lines[index]) {
            // Up from "(3 rows)": the rows, the dashed rule under the header, the header.
            var top = index - 1
            while top >= 0, !lines[top].trimmingCharacters(" \t\r").isEmpty, !isRule(lines[top]) { top -= 1 }
            if top >= 0, isRule(lines[top]) {
                if top > 0, !lines[top - 1].trimmingCharacters(" \t\r").isEmpty, !endsStatement(lines[top - 1]) {
                    top -= 1
                }
            } else {
                top = index
            }
            for line in top...index { lines[line] = "" }
            tables += 1
        }
        if tables > 0 { removed.append(tables == 1 ? "a result table" : "\(tables) result tables") }
        return (lines.joined(separator: "\n"), removed)
    }

    /// The length of a psql prompt at the start of a line: a database name, `=`, `-`, `(`, `'` or `"` (psql's
    /// PROMPT1 and PROMPT2 states), then `>` or `#` and a space.
    private static func promptLength(_ line: String) -> Int? {
        let bytes = Array(line.utf8)
        var index = 0
        while index < bytes.count, bytes[index] == UInt8(ascii: " ") { index += 1 }
        let nameStart = index
        while index < bytes.count,
            (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(bytes[index] | 0x20) || bytes[index] == UInt8(ascii: "_")
                || (index > nameStart && (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(bytes[index]))
        {
            index += 1
        }
        guard index > nameStart, index + 2 < bytes.count,
            [UInt8(ascii: "="), UInt8(ascii: "-"), UInt8(ascii: "("), UInt8(ascii: "'"), UInt8(ascii: "\"")]
                .contains(bytes[index]),
            bytes[index + 1] == UInt8(ascii: ">") || bytes[index + 1] == UInt8(ascii: "#"),
            bytes[index + 2] == UInt8(ascii: " ")
        else { return nil }
        return index + 3
    }

    private static func endsStatement(_ line: String) -> Bool {
        let code = line.firstByteRange(of: "--").map { String(line[..<$0.lowerBound]) } ?? line
        let trimmed = code.trimmingCharacters(" \t\r")
        return trimmed.hasSuffix(";") || trimmed.hasPrefix("\\")
    }

    private static func isComment(_ line: String) -> Bool {
        line.drop { $0 == " " || $0 == "\t" }.hasPrefix("--")
    }

    /// `(3 rows)`, `(1 row)`.
    private static func isRowCount(_ line: String) -> Bool {
        // A byte search first: almost no line holds " row", and trimming and splitting every line cost more.
        guard line.containsBytes(" row") else { return false }
        let trimmed = line.trimmingCharacters(" \t\r")
        guard trimmed.hasPrefix("("), trimmed.hasSuffix(")") else { return false }
        let words = trimmed.dropFirst().dropLast().split(separator: " ")
        return words.count == 2 && Int(words[0]) != nil && (words[1] == "rows" || words[1] == "row")
    }

    /// `---+-----+----` or `----`: the rule psql draws under a result's header.
    private static func isRule(_ line: String) -> Bool {
        let trimmed = line.trimmingCharacters(" \t\r")
        return trimmed.count >= 2 && trimmed.allSatisfy { $0 == "-" || $0 == "+" }
    }
}

// MARK: - Alternatives inside one block

extension BlockText {
    /// One way through a block whose statements a comment line such as `-- OR --` separates.
    struct Alternative: Equatable {
        /// The separator's words ("on PostgreSQL 13 and earlier"), or "" when it says only "or".
        var label: String
        /// 0-based line offsets within the block: the alternative's lines.
        var lines: Range<Int>
    }

    /// A block's parts when a separator comment offers another way (`-- OR --`, `-- or, on PostgreSQL 13 and
    /// earlier:`, `-- Alternatively:`): the alternatives, and the lines before and after them, which every way
    /// runs. After a separator, a way is the paragraph (lines up to a blank line); before it, the paragraph
    /// when a blank line stands between them, else the one statement right above the separator. Nil when the block has no
    /// separator with statements on both sides, or when what follows the separator is commented out (`--
    /// Alternatively, …` then `-- GRANT …`: a suggestion, not a second way to run).
    static func alternatives(_ text: String) -> (before: Range<Int>, alternatives: [Alternative], after: Range<Int>)? {
        let lines = text.splitLines(omittingEmptySubsequences: false).map(String.init)
        guard lines.contains(where: { separatorLabel($0) != nil }) else { return nil }
        func isBlank(_ index: Int) -> Bool { lines[index].trimmingCharacters(" \t\r").isEmpty }
        func isCode(_ index: Int) -> Bool { !isBlank(index) && !isComment(lines[index]) }
        /// The paragraph ending at `end` (exclusive), blank lines before `end` skipped.
        func paragraph(endingAt end: Int, notBefore floor: Int) -> Range<Int> {
            var last = end
            while last > floor, isBlank(last - 1) { last -= 1 }
            var first = last
            while first > floor, !isBlank(first - 1) { first -= 1 }
            return first..<last
        }
        /// The statement (with its comment lines) that ends right above `end`.
        func statement(endingAt end: Int, notBefore floor: Int) -> Range<Int> {
            var first = end - 1
            while first > floor, !isBlank(first - 1), !endsStatement(lines[first - 1]) { first -= 1 }
            return first..<end
        }
        func paragraph(startingAt start: Int) -> Range<Int> {
            var first = start
            while first < lines.count, isBlank(first) { first += 1 }
            var last = first
            while last < lines.count, !isBlank(last), separatorLabel(lines[last]) == nil { last += 1 }
            return first..<last
        }
        var alternatives: [Alternative] = []
        var separators: [Int] = []
        var index = 0
        while index < lines.count {
            guard let label = separatorLabel(lines[index]) else {
                index += 1
                continue
            }
            let next = paragraph(startingAt: index + 1)
            // Right after the separator, only comments that are commented-out statements: a suggestion.
            let directlyAfter = (index + 1)..<lines.count
            let run = directlyAfter.prefix { !isBlank($0) && isComment(lines[$0]) }
            let commentedOut =
                !run.isEmpty && (run.last.map { $0 + 1 == lines.count || isBlank($0 + 1) } ?? false)
                && run.contains { line in
                    SQLOutline.startsLikeSQL(String(lines[line].drop { $0 == " " || $0 == "\t" }.dropFirst(2)))
                }
            let floor = separators.last.map { $0 + 1 } ?? 0
            // The group goes on when only blank lines stand between its last alternative and this separator.
            let previous = alternatives.last.flatMap { last in
                (last.lines.upperBound..<index).allSatisfy(isBlank) ? last : nil
            }
            // A separator on its own between blank lines divides paragraphs; one written right under a
            // statement offers another way for that statement only.
            let before =
                previous?.lines
                ?? (index > floor && !isBlank(index - 1)
                    ? statement(endingAt: index, notBefore: floor) : paragraph(endingAt: index, notBefore: floor))
            guard !commentedOut, before.contains(where: isCode), next.contains(where: isCode) else {
                index += 1
                continue
            }
            if previous == nil {
                // A new group of alternatives starts only after the previous group ended.
                guard alternatives.isEmpty else { break }
                alternatives.append(Alternative(label: "", lines: before))
            }
            alternatives.append(Alternative(label: label, lines: next))
            separators.append(index)
            index = next.upperBound
        }
        guard let first = alternatives.first, let last = alternatives.last, alternatives.count >= 2 else { return nil }
        return (0..<first.lines.lowerBound, alternatives, last.lines.upperBound..<lines.count)
    }

    /// `-- OR --` → "", `-- or, on PostgreSQL 13 and earlier:` → "on PostgreSQL 13 and earlier",
    /// `-- Alternatively:` → ""; nil for any other line.
    static func separatorLabel(_ line: String) -> String? {
        // Only a comment line can be a separator: a byte search rules the others out before trimming.
        guard line.containsBytes("--") else { return nil }
        let trimmed = line.trimmingCharacters(" \t\r")
        guard trimmed.hasPrefix("--") else { return nil }
        let words = trimmed.trimmingCharacters("- \t")
        let lower = words.asciiLowercased
        for opener in ["or", "alternatively", "otherwise"] {
            guard lower.hasPrefix(opener) else { continue }
            let rest = words.dropFirst(opener.count)
            if rest.isEmpty || rest.trimmingCharacters(" :,").isEmpty { return "" }
            // "or, on PostgreSQL 13 and earlier:", "Alternatively, to restrict it:": a lead-in that ends with ':'.
            guard rest.first == "," || rest.first == " ", rest.hasSuffix(":"), rest.split(separator: " ").count <= 10
            else { return nil }
            return rest.trimmingCharacters(" ,:")
        }
        return nil
    }
}
