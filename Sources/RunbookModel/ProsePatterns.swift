import Foundation
import RunbookDiagnostics

/// Recognisers for the phrases setup guides use to express structure. Each takes plain text and
/// answers with what it found; none has side effects. Matching is case-insensitive and tolerant of
/// the small variations real docs have ("Select 1 of the options below:", "(Option 1)::").
enum ProsePatterns {
    /// "Step 3: Create the role" → (3, "Create the role").
    static func stepHeading(_ text: String) -> (number: Int, title: String)? {
        var cursor = Scanner(text)
        // "(Optional) Step 5: Restrict access" is step 5, one a reader may leave out.
        if cursor.skip(anyOf: "("), cursor.skipWord("optional"), cursor.skip(anyOf: ")") {
            cursor.skipSpaces()
        } else {
            cursor = Scanner(text)
        }
        guard cursor.skipWord("step"), cursor.skipSpaces(), let number = cursor.integer() else { return nil }
        cursor.skipSpaces()
        guard cursor.isAtEnd || cursor.skip(anyOf: ":.-–—") else { return nil }
        cursor.skipSpaces()
        return (number, cursor.rest)
    }

    /// "Permissions Option 1" → ("Permissions", 1); "Option 2" → ("", 2).
    static func optionHeading(_ text: String) -> (group: String, number: Int)? {
        let words = text.split(separator: " ")
        guard let optionIndex = words.lastIndex(where: { $0.lowercased() == "option" }),
            optionIndex + 1 < words.count
        else { return nil }
        let numberWord = words[optionIndex + 1].trimmingCharacters(":.")
        guard let number = Int(numberWord) ?? letterNumber(numberWord),
            optionIndex + 2 >= words.count || words[optionIndex + 1].hasSuffix(":")
        else { return nil }
        return (words[..<optionIndex].joined(separator: " "), number)
    }

    /// "A" → 1, "B" → 2: options lettered instead of numbered ("Option A", "Option B").
    private static func letterNumber(_ word: String) -> Int? {
        guard word.count == 1, let scalar = word.unicodeScalars.first, ("A"..."H").contains(scalar) else { return nil }
        return Int(scalar.value - UnicodeScalar("A").value) + 1
    }

    /// "For Permissions Option 1:" → ("Permissions", 1).
    static func branch(_ text: String) -> (group: String, number: Int)? {
        var cursor = Scanner(text)
        guard cursor.skipWord("for"), cursor.skipSpaces() else { return nil }
        let rest = cursor.rest.trimmingCharacters(": ")
        guard let (group, number) = optionHeading(rest), !group.isEmpty else { return nil }
        return (group, number)
    }

    /// "Select 1 of the options below:", "Choose one of the following options:".
    static func isChoicePrompt(_ text: String) -> Bool {
        let lower = text.asciiLowercased
        let verbs = ["select ", "choose ", "pick "]
        guard verbs.contains(where: lower.hasPrefix) else { return false }
        return (lower.containsBytes(" 1 of") || lower.containsBytes(" one of")) && lower.containsBytes("option")
            || lower.containsBytes("one of the following")
    }

    /// "a. (Option 1):: Assign …" → (1, "Assign …"); also "(Option 2): …" and "Option 2: …".
    static func alternativeMarker(_ text: String) -> (number: Int, label: String)? {
        var cursor = Scanner(text)
        let start = cursor
        if let letter = cursor.next(), letter.isLetter, letter.isLowercase, cursor.skip(anyOf: ".)") {
            cursor.skipSpaces()
        } else {
            cursor = start
        }
        let parenthesised = cursor.skip(anyOf: "(")
        guard cursor.skipWord("option"), cursor.skipSpaces(), let number = cursor.integer() else { return nil }
        if parenthesised, !cursor.skip(anyOf: ")") { return nil }
        guard cursor.skip(anyOf: ":") || parenthesised else { return nil }
        while cursor.skip(anyOf: ":") {}
        cursor.skipSpaces()
        return (number, cursor.rest)
    }

    /// Values in "(for example, segment_workspace)", "(for example: a or b)", "(e.g. devices schema)".
    static func exampleValues(_ text: String) -> [String] {
        var values: [String] = []
        var remaining = Substring(text)
        while let open = remaining.firstByteRange(of: "(") {
            let inside = remaining[open.upperBound...]
            guard let close = inside.firstByteRange(of: ")") else { break }
            let content = inside[..<close.lowerBound]
            remaining = inside[close.upperBound...]
            let head = content.prefix(12).asciiLowercased
            let prefixes = ["for example,", "for example:", "for example", "e.g.,", "e.g.", "eg."]
            guard let prefix = prefixes.first(where: { head.hasPrefix($0) }) else { continue }
            let list = content[content.utf8.index(content.startIndex, offsetBy: prefix.utf8.count)...]
            for piece in list.split(separator: ",").flatMap({ $0.splitting(onWords: [" or ", " and "]) }) {
                let words = piece.split(separator: " ")
                guard let word = words.first.map(String.init), word.isSQLIdentifierLike,
                    !proseWords.contains(word.asciiLowercased)
                else { continue }
                // "(e.g. to remove a non-existent …)" is a sentence; a name is a word or two ("devices schema").
                guard words.count <= 3 || word.contains("_") || word.contains(where: \.isNumber) else { continue }
                values.append(word)
            }
        }
        return values
    }

    /// Words that start a phrase of prose, never a name: "(e.g. to remove …)", "(e.g., a superuser)".
    private static let proseWords: Set<String> = [
        "a", "an", "the", "to", "if", "when", "by", "in", "on", "for", "with", "as", "at", "from", "use", "using",
        "run", "see", "this", "that", "these", "those", "some", "any", "all", "your", "you", "it", "not", "no",
    ]

    // MARK: - Near misses and other vocabulary

    /// A heading that nearly says "Step N": "Setp 2: Grant", "Stpe 3", "Step: Grant", "Step". Answers with the
    /// misspelt word (nil when the word is right but the number is missing) and a corrected heading.
    static func nearStepHeading(_ text: String) -> (word: String?, suggestion: String?)? {
        let words = text.split(separator: " ", maxSplits: 1)
        guard let first = words.first else { return nil }
        let word = first.trimmingCharacters(":.-")
        let rest = words.count > 1 ? String(words[1]) : ""
        if word.asciiLowercased == "step" {
            // "Step", "Step:", "Step: Grant": a step heading without a number.
            guard stepHeading(text) == nil, first.hasSuffix(":") || rest.isEmpty else { return nil }
            return (nil, nil)
        }
        guard isNearMiss(word.asciiLowercased, of: "step"), let number = rest.first, number.isNumber else { return nil }
        return (word, "Step")
    }

    /// Sections the format defines as not part of the procedure: what is under them is an example.
    static func isReferenceSection(_ heading: String) -> Bool {
        let lower = heading.asciiLowercased.trimmingCharacters(" *_#`")
        let openers = [
            "verify", "verifying", "verification", "validate", "validating", "validation", "troubleshoot", "faq",
            "frequently asked", "testing", "test the", "test your", "overview", "further reading", "limitations",
            "changelog", "change log", "next steps", "see also", "learn more", "known issues", "reference", "note",
            "notes",
        ]
        return openers.contains { lower == $0 || lower.hasPrefix($0 + " ") || lower.hasPrefix($0 + ":") }
    }

    /// Whether `word` is `target` with one letter changed, added or dropped, or two neighbours swapped.
    static func isNearMiss(_ word: String, of target: String) -> Bool {
        let a = Array(word.unicodeScalars)
        let b = Array(target.unicodeScalars)
        guard a != b, abs(a.count - b.count) <= 1, a.count >= 3 else { return false }
        if a.count == b.count {
            let differences = a.indices.filter { a[$0] != b[$0] }
            if differences.count == 1 { return true }
            return differences.count == 2 && differences[1] == differences[0] + 1
                && a[differences[0]] == b[differences[1]] && a[differences[1]] == b[differences[0]]
        }
        let (short, long) = a.count < b.count ? (a, b) : (b, a)
        var index = 0
        while index < short.count, short[index] == long[index] { index += 1 }
        return short[index...].elementsEqual(long[(index + 1)...])
    }

    /// A lead-in that shows another way to do what the steps do, by example: "In some cases it may be desirable
    /// to create this publication for all tables instead of specific tables, for example using:". The block
    /// after it is an example, not one more statement to run.
    static func introducesAnotherWay(_ text: String) -> Bool {
        let lower = text.asciiLowercased.trimmingCharacters(" *_")
        guard lower.hasSuffix(":"), lower.contains(" instead") else { return false }
        return ["for example", "e.g.", "for instance", "such as"].contains { lower.contains($0) }
    }

    /// A lead-in that says what follows applies in one case only: "If using PostgreSQL v14 or later:",
    /// "If you use Amazon RDS:", "For local database:", "Otherwise:". Answers with the case's label.
    static func conditionMarker(_ text: String) -> String? {
        var trimmed = text.trimmingCharacters(" *_")
        guard trimmed.hasSuffix(":"), trimmed.split(separator: " ").count <= 12 else { return nil }
        trimmed = String(trimmed.dropLast()).trimmingCharacters(" *_,")
        let lower = trimmed.asciiLowercased
        if lower == "otherwise" || lower.hasPrefix("otherwise,") || lower.hasPrefix("otherwise ") { return "otherwise" }
        let openers = [
            "if you're using ", "if you are using ", "if you use ", "if using ", "if your ", "if you have ",
            "when using ", "for ",
        ]
        guard let opener = openers.first(where: { lower.hasPrefix($0) }) else { return nil }
        // "For Permissions Option 1:" is a branch of a named choice, read elsewhere.
        guard branch(trimmed) == nil else { return nil }
        var label = String(trimmed.dropFirst(opener.count))
        for article in ["an ", "a ", "the "] where label.asciiLowercased.hasPrefix(article) {
            label = String(label.dropFirst(article.count))
        }
        // "For example:", "For more information:" introduce; they do not restrict.
        let lowerLabel = label.asciiLowercased
        let introductions = ["example", "instance", "more", "details", "this", "that", "each", "all"]
        guard !label.isEmpty, !introductions.contains(where: { lowerLabel == $0 || lowerLabel.hasPrefix($0 + " ") })
        else { return nil }
        return label
    }

    /// Tab markup that cmark reads as text: Hugo (`{{< tabs >}}`, `{{% tab "Postgres 15" %}}`, `{{% /tab %}}`),
    /// MkDocs Material (`=== "Postgres 15"`) and Docusaurus (`<Tabs>`, `<TabItem value="x" label="X">`).
    enum TabMarker: Equatable {
        case groupOpen
        case groupClose
        case tab(String)
        case tabClose
    }

    /// Every tab marker of a paragraph, which may hold several (`{{% /tab %}}` and the next `{{% tab … %}}` on
    /// adjacent lines); nil when the paragraph holds anything else.
    static func tabMarkers(_ text: String) -> [TabMarker]? {
        let trimmed = text.trimmingCharacters(" \n\t")
        guard trimmed.hasPrefix("{{") else {
            // An HTML block runs to a blank line: `</TabItem>` and the next `<TabItem …>` are one block.
            // Every line must be a marker: the first line that is not ends the search (most text has none).
            var markers: [TabMarker] = []
            for line in trimmed.splitLines() {
                guard let marker = tabMarker(String(line)) else { return nil }
                markers.append(marker)
            }
            return markers.isEmpty ? nil : markers
        }
        var markers: [TabMarker] = []
        for piece in trimmed.split(separator: "}}") {
            let shortcode = piece.trimmingCharacters(" \n\t")
            guard !shortcode.isEmpty else { continue }
            guard let marker = tabMarker(shortcode + "}}") else { return nil }
            markers.append(marker)
        }
        return markers.isEmpty ? nil : markers
    }

    static func tabMarker(_ text: String) -> TabMarker? {
        let trimmed = text.trimmingCharacters(" \n\t")
        if trimmed.hasPrefix("{{") {
            let inner = trimmed.dropFirst(2).trimmingCharacters(" %<>}")
            let lower = inner.asciiLowercased
            if lower == "tabs" || lower.hasPrefix("tabs ") { return .groupOpen }
            if lower == "/tabs" { return .groupClose }
            if lower == "/tab" { return .tabClose }
            if lower.hasPrefix("tab ") { return quoted(Substring(inner)).map(TabMarker.tab) }
            return nil
        }
        if trimmed.hasPrefix("=== ") || trimmed.hasPrefix("===! ") || trimmed.hasPrefix("===+ ") {
            return quoted(Substring(trimmed)).map(TabMarker.tab)
        }
        if trimmed.hasPrefix("<") {
            let lower = trimmed.asciiLowercased
            if lower.hasPrefix("</tabitem") { return .tabClose }
            if lower.hasPrefix("</tabs") { return .groupClose }
            if lower.hasPrefix("<tabitem") {
                return (attribute("label", in: trimmed) ?? attribute("value", in: trimmed)).map(TabMarker.tab)
            }
            if lower.hasPrefix("<tabs") { return .groupOpen }
        }
        return nil
    }

    private static func quoted(_ text: Substring) -> String? {
        guard let open = text.firstIndex(of: "\""), let close = text[text.index(after: open)...].firstIndex(of: "\"")
        else { return nil }
        let label = String(text[text.index(after: open)..<close])
        return label.isEmpty ? nil : label
    }

    private static func attribute(_ name: String, in tag: String) -> String? {
        guard let range = tag.firstByteRange(of: name + "=\"") else { return nil }
        let rest = tag[range.upperBound...]
        guard let close = rest.firstIndex(of: "\"") else { return nil }
        return String(rest[..<close])
    }

    /// The database engine a heading is about ("MySQL/MariaDB", "PostgreSQL TLS") when its first word names
    /// one: sibling headings that name different engines are one section per engine.
    static func engine(ofHeading text: String) -> String? {
        let words = text.split(whereSeparator: { $0 == " " || $0 == "/" || $0 == "(" || $0 == ")" || $0 == "," })
        guard let first = words.first, words.count <= 4 else { return nil }
        let engines: [String: String] = [
            "postgresql": "postgresql", "postgres": "postgresql", "mysql": "mysql", "mariadb": "mysql",
            "redshift": "redshift", "snowflake": "snowflake", "mssql": "sql-server", "sqlite": "sqlite",
            "oracle": "oracle", "bigquery": "bigquery", "databricks": "databricks", "clickhouse": "clickhouse",
        ]
        return engines[first.asciiLowercased.trimmingCharacters("*_`")]
    }

    // MARK: - Connection switches

    /// A phrase that says where (and as whom) what follows runs: "Switch to the end user database", "connect to
    /// `db2`", "As `user2` on `db2`", "run the following as the superuser on db2", "Stay in the Segment database".
    struct ConnectionPhrase: Equatable {
        enum Database: Equatable {
            /// A name the phrase spells out (`db2`, "the `analytics` database", "database db2").
            case named(String)
            /// Words that describe the database ("the end user database" → "end user"); resolved in the plan.
            case described(String)
        }

        /// The phrase as written, first letter capitalised.
        var phrase: String
        var database: Database
        /// Who runs what follows; nil when the phrase names no user.
        var user: ConnectionUser?
        /// "Stay in …": the connection in force is confirmed, not changed.
        var stays: Bool
    }

    /// The first connection phrase of a paragraph, at the start of a sentence or clause. A database is taken as
    /// named only when the phrase says so clearly: in backticks, a name with a digit or an underscore, "database
    /// NAME", or "as USER on NAME"; "connect to your warehouse" names nothing.
    static func connectionSwitch(_ text: String) -> ConnectionPhrase? {
        // Most paragraphs name no connection: byte searches rule them out.
        let lower = text.asciiLowercased
        guard lower.containsBytes(" on ") || lower.containsBytes("database") || lower.containsBytes("connect")
        else { return nil }
        // A clause starts with "as", "(re)connect", "switch", "stay" or "remain": without one of them (and most
        // paragraphs have none) there is nothing to split into words.
        guard
            lower.containsBytes("connect") || lower.containsBytes("switch") || lower.containsBytes("stay")
                || lower.containsBytes("remain") || containsWordAs(lower)
        else { return nil }
        let words = PhraseWord.words(text)
        for start in words.indices where opensClause(words, at: start) {
            if let found = connectionClause(words, from: start, strict: true) {
                return phrase(found, words: words, text: text, from: start)
            }
        }
        return nil
    }

    /// Whether lower-cased `text` has the bytes `as` with no ASCII letter or digit on either side: true wherever a
    /// word of the text is "as" once trimmed (and in a few more places, which only cost the full search).
    private static func containsWordAs(_ lower: String) -> Bool {
        func isAlphanumeric(_ byte: UInt8) -> Bool {
            (byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z"))
                || (byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z"))
                || (byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9"))
        }
        return lower.utf8.withContiguousStorageIfAvailable { bytes in
            var index = 0
            while index + 1 < bytes.count {
                if bytes[index] == UInt8(ascii: "a"), bytes[index + 1] == UInt8(ascii: "s"),
                    index == 0 || !isAlphanumeric(bytes[index - 1]),
                    index + 2 == bytes.count || !isAlphanumeric(bytes[index + 2])
                {
                    return true
                }
                index += 1
            }
            return false
        } ?? true
    }

    /// `--As user2 on db2`, `-- Connect to db2`, `-- connect to database db2`, `-- as the superuser on db2` on a
    /// block's first comment lines: the phrases prose uses, when the comment says nothing else.
    static func connectionComment(_ text: String) -> ConnectionPhrase? {
        for line in text.splitLines().prefix(3) {
            let trimmed = line.drop { $0 == " " || $0 == "\t" }
            guard trimmed.hasPrefix("--") else { break }
            let comment = trimmed.dropFirst(2).trimmingCharacters(" \t\r")
            let words = PhraseWord.words(comment)
            guard let found = connectionClause(words, from: 0, strict: false), found.end == words.count,
                case .named = found.phrase.database
            else { continue }
            var result = found.phrase
            result.phrase = "--" + comment
            return result
        }
        return nil
    }

    /// One word of a phrase: where it is in the text, and its bare form (no backticks, quotes or punctuation).
    struct PhraseWord {
        var range: Range<String.Index>
        var bare: String
        var lower: String
        /// Written in backticks or quotes: a name.
        var quoted: Bool
        /// The word ends a clause (`db2,` `database.`).
        var endsClause: Bool

        static func words(_ text: String) -> [PhraseWord] {
            if let words = asciiWords(text) { return words }
            var words: [PhraseWord] = []
            var index = text.startIndex
            while index < text.endIndex {
                while index < text.endIndex, text[index] == " " || text[index] == "\n" || text[index] == "\t" {
                    index = text.index(after: index)
                }
                let wordStart = index
                while index < text.endIndex, text[index] != " ", text[index] != "\n", text[index] != "\t" {
                    index = text.index(after: index)
                }
                guard wordStart < index else { break }
                let raw = text[wordStart..<index]
                let bare = raw.trimmingCharacters("`'\"\u{201C}\u{201D}\u{2018}\u{2019}.,;:!?()*")
                let quoted = raw.hasPrefix("`") || raw.hasPrefix("\"") || raw.hasPrefix("'")
                let endsClause = [",", ".", ";", ":", "!", "?"].contains { raw.hasSuffix($0) }
                words.append(
                    PhraseWord(
                        range: wordStart..<index, bare: bare, lower: bare.asciiLowercased, quoted: quoted,
                        endsClause: endsClause))
            }
            return words
        }

        /// Bytes trimmed from a word's ends: the one-byte Characters of the set `words` trims.
        private static let trimmedBytes: [UInt8] = Array("`'\".,;:!?()*".utf8)
        /// The last bytes of a word that ends a clause.
        private static let clauseEnds: [UInt8] = Array(",.;:!?".utf8)

        /// `words` read from the bytes, for ASCII text with no carriage return, where every byte is a Character of
        /// its own (only CR LF joins two ASCII characters), so the same words come out without walking Characters.
        /// Nil for other text. Prose paragraphs are mostly such text, and splitting them cost a third of checking a
        /// small tree.
        private static func asciiWords(_ text: String) -> [PhraseWord]? {
            let utf8 = text.utf8
            return utf8.withContiguousStorageIfAvailable { bytes -> [PhraseWord]? in
                guard !bytes.contains(where: { $0 >= 0x80 || $0 == 0x0D }) else { return nil }
                func isBlank(_ byte: UInt8) -> Bool {
                    byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\n") || byte == UInt8(ascii: "\t")
                }
                var words: [PhraseWord] = []
                var index = 0
                while index < bytes.count {
                    while index < bytes.count, isBlank(bytes[index]) { index += 1 }
                    let wordStart = index
                    while index < bytes.count, !isBlank(bytes[index]) { index += 1 }
                    guard wordStart < index else { break }
                    var lower = wordStart
                    var upper = index
                    while lower < upper, trimmedBytes.contains(bytes[lower]) { lower += 1 }
                    while lower < upper, trimmedBytes.contains(bytes[upper - 1]) { upper -= 1 }
                    let bare = String(decoding: UnsafeBufferPointer(rebasing: bytes[lower..<upper]), as: UTF8.self)
                    let first = bytes[wordStart]
                    let last = bytes[index - 1]
                    let start = utf8.index(utf8.startIndex, offsetBy: wordStart)
                    let end = utf8.index(start, offsetBy: index - wordStart)
                    words.append(
                        PhraseWord(
                            range: start..<end, bare: bare, lower: bare.asciiLowercased,
                            quoted: first == UInt8(ascii: "`") || first == UInt8(ascii: "\"")
                                || first == UInt8(ascii: "'"),
                            endsClause: clauseEnds.contains(last)))
                }
                return words
            } ?? nil
        }
    }

    /// What a clause matched: its phrase and the index after its last word.
    private struct ClauseMatch {
        var phrase: ConnectionPhrase
        var end: Int
    }

    /// Words after which a clause may begin: "… run the following as the superuser on db2".
    private static let clauseLeads: Set<String> = [
        "following", "statements", "statement", "commands", "command", "queries", "query", "sql", "this", "these",
        "them", "it", "block", "then", "first", "now", "next", "and",
    ]

    private static func opensClause(_ words: [PhraseWord], at index: Int) -> Bool {
        index == 0 || words[index - 1].endsClause || clauseLeads.contains(words[index - 1].lower)
    }

    /// "as USER on DATABASE", "(re)connect to DATABASE [as USER]", "switch [back] to DATABASE [as USER]",
    /// "stay in DATABASE", starting at `start`. `strict` (prose): a bare database name after "connect to" needs
    /// a digit or an underscore to count.
    private static func connectionClause(_ words: [PhraseWord], from start: Int, strict: Bool) -> ClauseMatch? {
        func word(_ index: Int) -> String { index < words.count ? words[index].lower : "" }
        var index = start
        if word(index) == "as", let (user, afterUser) = userReference(words, at: index + 1),
            word(afterUser) == "on", !words[(index + 1)..<afterUser].contains(where: \.endsClause),
            let (database, end) = databaseReference(words, at: afterUser + 1, strict: false)
        {
            return ClauseMatch(
                phrase: ConnectionPhrase(phrase: "", database: database, user: user, stays: false), end: end)
        }
        var stays = false
        switch word(index) {
        case "connect", "reconnect":
            guard word(index + 1) == "to" else { return nil }
            index += 2
        case "switch":
            if word(index + 1) == "back" { index += 1 }
            guard word(index + 1) == "to" else { return nil }
            index += 2
        case "stay", "remain":
            guard word(index + 1) == "in" else { return nil }
            index += 2
            stays = true
        default:
            return nil
        }
        guard index < words.count, !words[index - 1].endsClause,
            let (database, afterDatabase) = databaseReference(words, at: index, strict: strict)
        else { return nil }
        var end = afterDatabase
        var user: ConnectionUser?
        if !words[afterDatabase - 1].endsClause, word(afterDatabase) == "as",
            let (named, afterUser) = userReference(words, at: afterDatabase + 1)
        {
            user = named
            end = afterUser
        }
        return ClauseMatch(
            phrase: ConnectionPhrase(phrase: "", database: database, user: user, stays: stays), end: end)
    }

    /// Words that never name a user or a database.
    private static let notNames: Set<String> = proseWords.union([
        "database", "databases", "db", "instance", "cluster", "server", "warehouse", "user", "role", "following",
        "postgresql", "postgres", "redshift", "snowflake", "psql", "editor", "superuser", "admin",
    ])

    /// "the superuser", "a superuser", "admin", "the admin user", "the master user": whoever runs the script.
    private static let administratorWords: Set<String> = ["superuser", "admin", "administrator", "master"]

    /// A user: "`user2`", "user2", "user `user2`", "the `reader` user", or the administrator ("the superuser").
    private static func userReference(_ words: [PhraseWord], at start: Int) -> (ConnectionUser, Int)? {
        var index = start
        guard index < words.count else { return nil }
        if ["the", "a", "an"].contains(words[index].lower) { index += 1 }
        guard index < words.count else { return nil }
        if administratorWords.contains(words[index].lower) {
            var end = index + 1
            if end < words.count, !words[index].endsClause, ["user", "role"].contains(words[end].lower) { end += 1 }
            return (.administrator, end)
        }
        if words[index].lower == "user", index + 1 < words.count, isName(words[index + 1], strict: false) {
            return (.named(words[index + 1].bare), index + 2)
        }
        guard isName(words[index], strict: false) else { return nil }
        var end = index + 1
        if end < words.count, !words[index].endsClause, words[end].lower == "user" { end += 1 }
        // "as a reader" is prose; "as the `reader` user" names one.
        if index > start, !words[index].quoted, end == index + 1 { return nil }
        return (.named(words[index].bare), end)
    }

    /// A database: a name ("`db2`", "db2", "database db2", "the `analytics` database"), or a description
    /// ("the end user database", "the Segment Database").
    private static func databaseReference(
        _ words: [PhraseWord], at start: Int, strict: Bool
    ) -> (ConnectionPhrase.Database, Int)? {
        guard start < words.count else { return nil }
        let first = words[start]
        if first.lower == "database", start + 1 < words.count, isName(words[start + 1], strict: false) {
            return (.named(words[start + 1].bare), start + 2)
        }
        if isName(first, strict: strict) {
            let followedByDatabase =
                start + 1 < words.count && !first.endsClause && words[start + 1].lower == "database"
            return (.named(first.bare), followedByDatabase ? start + 2 : start + 1)
        }
        // "the … database" within a few words; "your database" names none.
        guard first.lower == "the", !first.endsClause else { return nil }
        if start + 2 < words.count, words[start + 1].lower == "database", isName(words[start + 2], strict: false) {
            return (.named(words[start + 2].bare), start + 3)
        }
        var index = start + 1
        while index < words.count, index <= start + 5 {
            if words[index].lower == "database" {
                let description = words[(start + 1)..<index]
                if description.count == 1, let only = description.first, only.quoted, isName(only, strict: false) {
                    return (.named(only.bare), index + 1)
                }
                return (.described(description.map(\.lower).joined(separator: " ")), index + 1)
            }
            if words[index].endsClause { return nil }
            index += 1
        }
        return nil
    }

    /// Whether a word names a user or a database: quoted, or a SQL identifier that is no prose word; `strict`
    /// also wants a digit or an underscore in a bare word ("connect to analytics" is not clear enough).
    private static func isName(_ word: PhraseWord, strict: Bool) -> Bool {
        guard !word.bare.isEmpty,
            word.bare.isSQLIdentifierLike || (word.quoted && word.bare.allSatisfy(\.isNameCharacter))
        else { return false }
        if word.quoted { return true }
        guard !notNames.contains(word.lower) else { return false }
        return !strict || word.bare.contains("_") || word.bare.contains(where: \.isNumber)
    }

    private static func phrase(
        _ match: ClauseMatch, words: [PhraseWord], text: String, from start: Int
    ) -> ConnectionPhrase {
        var result = match.phrase
        let written = text[words[start].range.lowerBound..<words[match.end - 1].range.upperBound]
            .trimmingCharacters(",.;:!?")
        result.phrase = written.prefix(1).uppercased() + written.dropFirst()
        return result
    }

    /// "Profiles Sync role (segment_profiles_sync_role)" → "segment_profiles_sync_role".
    static func parenthesisedIdentifier(_ text: String) -> String? {
        guard let open = text.lastIndex(of: "("), let close = text.lastIndex(of: ")"), open < close else { return nil }
        let inside = String(text[text.index(after: open)..<close]).trimmingCharacters(" ")
        return inside.isSQLIdentifierLike ? inside : nil
    }

    /// Claim wording: "Read and write access to the Profiles Sync schema (for example, profiles_sync)".
    static func claimRequirements(_ text: String) -> [Claim.Requirement] {
        var requirements: [Claim.Requirement] = []
        let lower = text.asciiLowercased
        guard lower.containsBytes("access to") else { return [] }
        // Alternatives: ", or read access to …" / " or read access to …".
        var pieces: [(lower: Substring, original: Substring)] = []
        var start = lower.startIndex
        var searchStart = lower.startIndex
        while let access = lower.firstByteRange(of: " access to", from: searchStart) {
            searchStart = access.upperBound
            guard access.lowerBound > start,
                let orRange = lower.lastByteRange(of: " or ", in: start..<access.lowerBound),
                !lower[orRange.upperBound..<access.lowerBound].contains(" ")
                    || lower[orRange.upperBound..<access.lowerBound].split(separator: " ").count <= 3
            else { continue }
            if lower[start..<orRange.lowerBound].containsBytes(" access to") {
                pieces.append((lower[start..<orRange.lowerBound], text[start..<orRange.lowerBound]))
                start = orRange.upperBound
            }
        }
        pieces.append((lower[start...], text[start...]))

        for (pieceLower, pieceOriginal) in pieces {
            guard
                let accessRange = pieceLower.firstByteRange(of: " access to")
                    ?? pieceLower.firstByteRange(of: "access to")
            else { continue }
            let verbs = pieceLower[..<accessRange.lowerBound]
            var access: [Claim.Access] = []
            if verbs.containsBytes("read") { access.append(.read) }
            if verbs.containsBytes("write") { access.append(.write) }
            if verbs.containsBytes("create") { access.append(.create) }
            guard !access.isEmpty else { continue }
            let afterAccess = pieceLower[accessRange.upperBound...]
            let kindWords: [(String, Int)] = [("database", 0), ("schema", 1), ("tables", 2), ("table", 2)]
            var kind: Int?
            var earliest = afterAccess.endIndex
            for (word, value) in kindWords {
                if let range = afterAccess.firstByteRange(of: word), range.lowerBound < earliest {
                    earliest = range.lowerBound
                    kind = value
                }
            }
            let names = exampleValues(String(pieceOriginal))
            guard let kind, !names.isEmpty else { continue }
            switch kind {
            case 0: requirements.append(.init(access: access, target: .database(names[0])))
            case 1: requirements.append(.init(access: access, target: .schema(names[0])))
            default: requirements.append(.init(access: access, target: .tables(names)))
            }
        }
        return requirements
    }

    /// "segment_workspace" → "segment-workspace": lower-case letters, digits and hyphens only.
    static func slug(_ text: String) -> String {
        var result = ""
        for scalar in text.lowercased().unicodeScalars {
            if ("a"..."z").contains(scalar) || ("0"..."9").contains(scalar) {
                result.unicodeScalars.append(scalar)
            } else if !result.isEmpty, !result.hasSuffix("-") {
                result += "-"
            }
        }
        while result.hasSuffix("-") { result.removeLast() }
        return result.isEmpty ? "x" : result
    }
}

/// A tiny cursor over characters for the recognisers above. It walks the text in place: most texts it is
/// given are rejected within a few characters, so nothing is copied up front.
struct Scanner {
    private let text: Substring
    private var index: Substring.Index

    init(_ text: String) {
        self.text = Substring(text)
        index = self.text.startIndex
    }

    var isAtEnd: Bool { index >= text.endIndex }
    var rest: String { String(text[index...]) }

    mutating func next() -> Character? {
        guard !isAtEnd else { return nil }
        defer { index = text.index(after: index) }
        return text[index]
    }

    @discardableResult
    mutating func skipSpaces() -> Bool {
        let start = index
        while !isAtEnd, text[index] == " " || text[index] == "\t" { index = text.index(after: index) }
        return index > start
    }

    mutating func skip(anyOf set: String) -> Bool {
        guard !isAtEnd, set.contains(text[index]) else { return false }
        index = text.index(after: index)
        return true
    }

    /// Skips `word` case-insensitively when it is followed by a non-letter.
    mutating func skipWord(_ word: String) -> Bool {
        var end = index
        for character in word {
            guard end < text.endIndex, text[end].lowercased() == String(character) else { return false }
            end = text.index(after: end)
        }
        if end < text.endIndex, text[end].isLetter { return false }
        index = end
        return true
    }

    mutating func integer() -> Int? {
        var digits = ""
        while !isAtEnd, let digit = text[index].wholeNumberValue, text[index].isASCII {
            digits += String(digit)
            index = text.index(after: index)
        }
        return digits.isEmpty ? nil : Int(digits.prefix(9))
    }
}

extension Character {
    var isNameCharacter: Bool { isLetter || isNumber || self == "_" || self == "-" || self == "$" }
}
