import Foundation

/// Recognisers for the phrases setup guides use to express structure. Each takes plain text and
/// answers with what it found; none has side effects. Matching is case-insensitive and tolerant of
/// the small variations real docs have ("Select 1 of the options below:", "(Option 1)::").
enum ProsePatterns {
    /// "Step 3: Create the role" → (3, "Create the role").
    static func stepHeading(_ text: String) -> (number: Int, title: String)? {
        var cursor = Scanner(text)
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
        guard let number = Int(numberWord), optionIndex + 2 >= words.count || words[optionIndex + 1].hasSuffix(":")
        else { return nil }
        return (words[..<optionIndex].joined(separator: " "), number)
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
        let lower = text.lowercased()
        let verbs = ["select ", "choose ", "pick "]
        guard verbs.contains(where: lower.hasPrefix) else { return false }
        return (lower.contains(" 1 of") || lower.contains(" one of")) && lower.contains("option")
            || lower.contains("one of the following")
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

    /// "Switch to the end user database in the query editor." → ("Switch to the end user database", "end user").
    static func connectionSwitch(_ text: String) -> (phrase: String, database: String, stays: Bool)? {
        let lower = text.lowercased()
        let openers: [(String, Bool)] = [
            ("switch back to the ", false), ("switch to the ", false), ("connect to the ", false),
            ("stay in the ", true), ("remain in the ", true), ("switch back to ", false), ("switch to ", false),
            ("connect to ", false), ("stay in ", true),
        ]
        for (opener, stays) in openers {
            guard let openerRange = lower.range(of: opener) else { continue }
            // Only at the start of a sentence.
            let before = lower[..<openerRange.lowerBound].trimmingCharacters(" ")
            guard before.isEmpty || before.hasSuffix(".") else { continue }
            let afterOpener = lower[openerRange.upperBound...]
            guard let databaseRange = afterOpener.range(of: "database") else { continue }
            let description = afterOpener[..<databaseRange.lowerBound].trimmingCharacters(" ")
            guard !description.contains("."), description.split(separator: " ").count <= 4 else { continue }
            let phraseEnd = databaseRange.upperBound
            let phrase = String(text[openerRange.lowerBound..<phraseEnd])
            return (phrase.prefix(1).uppercased() + phrase.dropFirst(), description, stays)
        }
        return nil
    }

    /// Values in "(for example, segment_workspace)", "(for example: a or b)", "(e.g. devices schema)".
    static func exampleValues(_ text: String) -> [String] {
        var values: [String] = []
        var remaining = Substring(text)
        while let open = remaining.range(of: "(") {
            let inside = remaining[open.upperBound...]
            guard let close = inside.firstIndex(of: ")") else { break }
            let content = inside[..<close]
            remaining = inside[inside.index(after: close)...]
            let lower = content.lowercased()
            let prefixes = ["for example,", "for example:", "for example", "e.g.,", "e.g.", "eg."]
            guard let prefix = prefixes.first(where: { lower.hasPrefix($0) }) else { continue }
            let list = content.dropFirst(prefix.count)
            for piece in list.replacingOccurrences(of: " or ", with: ",").replacingOccurrences(of: " and ", with: ",")
                .split(separator: ",")
            {
                guard let word = piece.split(separator: " ").first.map(String.init),
                    word.isSQLIdentifierLike
                else { continue }
                values.append(word)
            }
        }
        return values
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
        let lower = text.lowercased()
        // Alternatives: ", or read access to …" / " or read access to …".
        var pieces: [(lower: Substring, original: Substring)] = []
        var start = lower.startIndex
        var searchStart = lower.startIndex
        while let access = lower.range(of: " access to", range: searchStart..<lower.endIndex) {
            searchStart = access.upperBound
            guard access.lowerBound > start,
                let orRange = lower.range(of: " or ", options: .backwards, range: start..<access.lowerBound),
                !lower[orRange.upperBound..<access.lowerBound].contains(" ")
                    || lower[orRange.upperBound..<access.lowerBound].split(separator: " ").count <= 3
            else { continue }
            if lower[start..<orRange.lowerBound].contains(" access to") {
                pieces.append((lower[start..<orRange.lowerBound], text[start..<orRange.lowerBound]))
                start = orRange.upperBound
            }
        }
        pieces.append((lower[start...], text[start...]))

        for (pieceLower, pieceOriginal) in pieces {
            guard let accessRange = pieceLower.range(of: " access to") ?? pieceLower.range(of: "access to") else {
                continue
            }
            let verbs = pieceLower[..<accessRange.lowerBound]
            var access: [Claim.Access] = []
            if verbs.contains("read") { access.append(.read) }
            if verbs.contains("write") { access.append(.write) }
            if verbs.contains("create") { access.append(.create) }
            guard !access.isEmpty else { continue }
            let afterAccess = pieceLower[accessRange.upperBound...]
            let kindWords: [(String, Int)] = [("database", 0), ("schema", 1), ("tables", 2), ("table", 2)]
            var kind: Int?
            var earliest = afterAccess.endIndex
            for (word, value) in kindWords {
                if let range = afterAccess.range(of: word), range.lowerBound < earliest {
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

/// A tiny cursor over characters for the recognisers above.
struct Scanner {
    private let characters: [Character]
    private var index = 0

    init(_ text: String) { characters = Array(text) }

    var isAtEnd: Bool { index >= characters.count }
    var rest: String { isAtEnd ? "" : String(characters[index...]) }

    mutating func next() -> Character? {
        guard !isAtEnd else { return nil }
        defer { index += 1 }
        return characters[index]
    }

    @discardableResult
    mutating func skipSpaces() -> Bool {
        let start = index
        while !isAtEnd, characters[index] == " " || characters[index] == "\t" { index += 1 }
        return index > start
    }

    mutating func skip(anyOf set: String) -> Bool {
        guard !isAtEnd, set.contains(characters[index]) else { return false }
        index += 1
        return true
    }

    /// Skips `word` case-insensitively when it is followed by a non-letter.
    mutating func skipWord(_ word: String) -> Bool {
        let wordCharacters = Array(word)
        guard index + wordCharacters.count <= characters.count else { return false }
        for (offset, character) in wordCharacters.enumerated()
        where characters[index + offset].lowercased() != String(character) {
            return false
        }
        let end = index + wordCharacters.count
        if end < characters.count, characters[end].isLetter { return false }
        index = end
        return true
    }

    mutating func integer() -> Int? {
        var digits = ""
        while !isAtEnd, let digit = characters[index].wholeNumberValue, characters[index].isASCII {
            digits += String(digit)
            index += 1
        }
        return digits.isEmpty ? nil : Int(digits.prefix(9))
    }
}

extension StringProtocol {
    func trimmingCharacters(_ set: String) -> String {
        var slice = Substring(self)
        while let first = slice.first, set.contains(first) { slice = slice.dropFirst() }
        while let last = slice.last, set.contains(last) { slice = slice.dropLast() }
        return String(slice)
    }

    /// A plain SQL identifier: a letter or underscore, then letters, digits, underscores; with at least
    /// one underscore or digit, or all lower-case (so that prose words like "Segment" are not taken).
    var isSQLIdentifierLike: Bool {
        guard let first = unicodeScalars.first, first == "_" || ("a"..."z").contains(first) || ("A"..."Z").contains(first)
        else { return false }
        let valid = unicodeScalars.allSatisfy {
            $0 == "_" || ("a"..."z").contains($0) || ("A"..."Z").contains($0) || ("0"..."9").contains($0)
        }
        return valid && (contains("_") || self == lowercased())
    }
}
