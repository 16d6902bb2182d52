import RunbookDiagnostics

/// Markdown with emoji markers (1️⃣ 2️⃣ …) stripped out; each marker's position in the Markdown file is recorded,
/// so tests name positions instead of counting lines and columns.
struct MarkedText {
    static let markers: [Character] = ["1️⃣", "2️⃣", "3️⃣", "4️⃣", "5️⃣", "6️⃣", "7️⃣", "8️⃣", "9️⃣", "🔟"]

    let text: String
    let locations: [String: SourceLocation]

    init(_ marked: String) {
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

    subscript(marker: String) -> SourceLocation {
        locations[marker] ?? SourceLocation(line: 0, column: 0)
    }
}
