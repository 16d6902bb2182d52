package import RunbookDiagnostics

/// Text (SQL, or a whole Markdown file) with emoji markers (1️⃣ 2️⃣ …) stripped out; each marker's 1-based
/// position in the stripped text is recorded, so tests name positions instead of counting lines and columns.
package struct MarkedText: Sendable {
    package static let markers: [Character] = ["1️⃣", "2️⃣", "3️⃣", "4️⃣", "5️⃣", "6️⃣", "7️⃣", "8️⃣", "9️⃣", "🔟"]

    package let text: String
    package let locations: [String: SourceLocation]

    package init(_ marked: String) {
        var text = ""
        var locations: [String: SourceLocation] = [:]
        var line = 1
        var column = 1
        for character in marked {
            if Self.markers.contains(character) {
                locations[String(character)] = SourceLocation(line: line, column: column)
                continue
            }
            text.append(character)
            if character == "\n" {
                line += 1
                column = 1
            } else {
                column += character.utf8.count
            }
        }
        self.text = text
        self.locations = locations
    }

    /// The marker's position; nil when the text has no such marker, so a comparison with it fails.
    package subscript(marker: String) -> SourceLocation? { locations[marker] }

    /// The position of marker `number` (1 is 1️⃣), which must be in the text.
    package func location(_ number: Int) -> SourceLocation {
        guard (1...Self.markers.count).contains(number), let location = locations[String(Self.markers[number - 1])]
        else { preconditionFailure("the text has no marker \(number)") }
        return location
    }

    /// The range from marker `start` to marker `end`, by number (1 is 1️⃣); both must be in the text.
    package func range(_ start: Int, _ end: Int) -> SourceRange {
        SourceRange(start: location(start), end: location(end))
    }
}
