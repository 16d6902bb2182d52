import Foundation
import RunbookDiagnostics

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

    /// "Switch to the end user database in the query editor." → ("Switch to the end user database", "end user").
    static func connectionSwitch(_ text: String) -> (phrase: String, database: String, stays: Bool)? {
        // Most paragraphs name no database: one byte search rules them out.
        let lower = text.asciiLowercased
        guard lower.containsBytes("database") else { return nil }
        let openers: [(String, Bool)] = [
            ("switch back to the ", false), ("switch to the ", false), ("connect to the ", false),
            ("stay in the ", true), ("remain in the ", true), ("switch back to ", false), ("switch to ", false),
            ("connect to ", false), ("stay in ", true),
        ]
        for (opener, stays) in openers {
            guard let openerRange = lower.firstByteRange(of: opener) else { continue }
            // Only at the start of a sentence.
            let before = lower[..<openerRange.lowerBound].trimmingCharacters(" ")
            guard before.isEmpty || before.hasSuffix(".") else { continue }
            let afterOpener = lower[openerRange.upperBound...]
            guard let databaseRange = afterOpener.firstByteRange(of: "database") else { continue }
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
