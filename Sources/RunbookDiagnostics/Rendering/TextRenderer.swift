/// Compiler-style text: `path:line:col: severity: message [rule.id]`, the source line, a caret line
/// under the range, then notes, fix-its and variants, and a closing summary line.
package struct TextRenderer: Sendable {
    /// ANSI colours; the front end decides with `shouldUseColors(isTerminal:environment:)`.
    package var colors: Bool

    package init(colors: Bool = false) {
        self.colors = colors
    }
}

// MARK: - Colour policy

extension TextRenderer {
    /// Colour only on a terminal, never with `NO_COLOR` present (any value, including empty: no-color.org
    /// asks for "present and not empty", but a user who exports an empty `NO_COLOR` still means it, and
    /// erring towards plain text is harmless), and never on `TERM=dumb`.
    package static func shouldUseColors(isTerminal: Bool, environment: [String: String]) -> Bool {
        guard isTerminal else { return false }
        if environment["NO_COLOR"] != nil { return false }
        if environment["TERM"] == "dumb" { return false }
        return true
    }
}

// MARK: - Rendering

extension TextRenderer {
    /// `rules` is unused by text output today; it is taken so that every renderer is called alike.
    package func render(_ files: [FileDiagnostics], rules: [Rule] = []) -> String {
        var output = ""
        for file in files {
            for diagnostic in file.diagnostics {
                render(diagnostic, in: file, to: &output)
            }
        }
        output += DiagnosticSummary(files).description + "\n"
        return output
    }

    private func render(_ diagnostic: Diagnostic, in file: FileDiagnostics, to output: inout String) {
        let start = diagnostic.range.start
        output += style("\(file.path):\(start.line):\(start.column): ", .bold)
        output += style("\(diagnostic.severity.rawValue):", TextRenderer.color(of: diagnostic.severity))
        output += style(" \(printable(diagnostic.message)) [\(diagnostic.rule.rawValue)]", .bold) + "\n"

        if let line = file.line(start.line), line.utf8.count > TextRenderer.longestQuotedLine {
            // Quoting a huge line under each of its diagnostics would make the report grow with their product.
            output += "  (line \(start.line) is \(line.utf8.count) bytes long; not quoted)\n"
        } else if let line = file.line(start.line) {
            output += printable(line) + "\n"
            // Only the marks are coloured, in the severity's colour; the blanks before them stay plain.
            let caret = TextRenderer.caretLine(under: line, range: diagnostic.range)
            let marks = caret.firstIndex(of: "^") ?? caret.endIndex
            output += caret[..<marks] + style(String(caret[marks...]), TextRenderer.color(of: diagnostic.severity))
            output += "\n"
        }
        for note in diagnostic.notes {
            if let range = note.range {
                output += style("\(file.path):\(range.start.line):\(range.start.column): ", .bold)
            }
            output += style("note:", .cyan) + " \(printable(note.message))\n"
        }
        for fixIt in diagnostic.fixIts {
            output += style("fix-it:", .bold) + " " + printable(TextRenderer.describe(fixIt, in: file)) + "\n"
        }
        if !diagnostic.variants.isEmpty {
            output += "  in variants: \(printable(diagnostic.variantSummary))\n"
        }
    }

    /// Text from a document goes to a terminal: control characters other than tab (an escape sequence
    /// could restyle or rewrite the screen) become U+FFFD, one character each, so carets still line up.
    /// Source lines longer than this (in bytes) are not quoted under a diagnostic.
    package static let longestQuotedLine = 1_000

    private func printable<Text: StringProtocol>(_ text: Text) -> String {
        // Most lines have no control character: return them without rebuilding scalar by scalar.
        // Over the contiguous bytes: the generic UTF-8 view walked a long line (a list of variants) at about 35
        // instructions a byte.
        let needsReplacing = withBytes(of: text) { bytes in
            bytes.contains { byte in (byte < 0x20 && byte != 0x09) || byte == 0x7F || byte == 0xC2 }
        }
        guard needsReplacing else { return String(text) }
        var result = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            switch scalar.value {
            case 0x09: result.append(scalar)
            case 0x00...0x1F, 0x7F...0x9F: result.append("\u{FFFD}")
            default: result.append(scalar)
            }
        }
        return String(result)
    }

    /// `replace 'x' with 'y'`, `insert 'y'` or `remove 'x'`, followed by the fix-it's own message.
    package static func describe(_ fixIt: FixIt, in file: FileDiagnostics) -> String {
        let replacement = visible(fixIt.replacement)
        let action: String
        if let original = file.text(in: fixIt.range).map(visible) {
            switch (original.isEmpty, replacement.isEmpty) {
            case (true, _): action = "insert '\(replacement)'"
            case (false, true): action = "remove '\(original)'"
            case (false, false): action = "replace '\(original)' with '\(replacement)'"
            }
        } else {
            // The range is not in the lines we have: say where instead of quoting.
            action = "replace \(fixIt.range.start)-\(fixIt.range.end) with '\(replacement)'"
        }
        let described = fixIt.message.isEmpty ? action : "\(action) (\(fixIt.message))"
        // `runbook fix` applies the safe ones; a guess waits for `--unsafe`.
        return fixIt.applicability == .unsafe ? described + " [unsafe]" : described
    }

    /// Keeps a quoted snippet on one line.
    private static func visible(_ text: String) -> String {
        text.replacingAll("\r", with: "\\r").replacingAll("\n", with: "\\n")
    }
}

// MARK: - Caret line

extension TextRenderer {
    /// The line under a source line that marks `range`: what precedes the range becomes blanks (a tab
    /// stays a tab, a wide character two blanks), then `^` and one `~` per further display column up to
    /// the range's end on this line (to the line's end when the range goes on).
    package static func caretLine(under line: Substring, range: SourceRange) -> String {
        let utf8 = line.utf8
        let startOffset = max(0, range.start.column - 1)
        var caret = ""
        var byteOffset = 0
        var marked = 0
        let endOffset = range.end.line == range.start.line ? max(startOffset, range.end.column - 1) : utf8.count
        if let ascii = asciiCaretLine(under: line, from: startOffset, to: endOffset) { return ascii }
        for character in line {
            let width = character.utf8.count
            defer { byteOffset += width }
            if byteOffset + width <= startOffset {
                caret += character == "\t" ? "\t" : String(repeating: " ", count: displayWidth(of: character))
            } else if byteOffset < endOffset {
                let columns = character == "\t" ? 1 : displayWidth(of: character)
                for _ in 0..<columns {
                    caret += marked == 0 ? "^" : "~"
                    marked += 1
                }
            } else {
                break
            }
        }
        // A range that starts past the end of the line (a missing token at the end) still gets its caret.
        if marked == 0 {
            caret += String(repeating: " ", count: max(0, startOffset - utf8.count)) + "^"
        }
        return caret
    }

    /// `caretLine` of an ASCII line, from its bytes: each byte is a Character one column wide, so the walk
    /// over Characters (and a string appended per column) is not needed. Nil when the line is not ASCII.
    private static func asciiCaretLine(under line: Substring, from start: Int, to end: Int) -> String? {
        withBytes(of: line) { bytes -> String? in
            guard !bytes.contains(where: { $0 >= 0x80 }) else { return nil }
            let blanks = min(start, bytes.count)
            let marks = max(0, min(end, bytes.count) - start)
            // Past the end of the line (a missing token at the end): blanks up to the range, then one caret.
            let extra = marks == 0 ? max(0, start - bytes.count) + 1 : 0
            return String(unsafeUninitializedCapacity: blanks + marks + extra) { buffer in
                for index in 0..<blanks {
                    buffer[index] = bytes[index] == UInt8(ascii: "\t") ? UInt8(ascii: "\t") : UInt8(ascii: " ")
                }
                for index in 0..<marks { buffer[blanks + index] = index == 0 ? UInt8(ascii: "^") : UInt8(ascii: "~") }
                for index in 0..<extra {
                    buffer[blanks + index] = index == extra - 1 ? UInt8(ascii: "^") : UInt8(ascii: " ")
                }
                return blanks + marks + extra
            }
        }
    }

    /// Terminal columns a character takes: 2 for East Asian wide and emoji ranges, else 1. Combining
    /// marks need no case: they belong to the Character of their base.
    package static func displayWidth(of character: Character) -> Int {
        guard let scalar = character.unicodeScalars.first else { return 1 }
        switch scalar.value {
        case 0x1100...0x115F, 0x2E80...0x303E, 0x3041...0x33FF, 0x3400...0x4DBF, 0x4E00...0x9FFF,
            0xA000...0xA4CF, 0xAC00...0xD7A3, 0xF900...0xFAFF, 0xFE30...0xFE4F, 0xFF00...0xFF60,
            0xFFE0...0xFFE6, 0x1F300...0x1F64F, 0x1F900...0x1F9FF, 0x20000...0x3FFFD:
            return 2
        default:
            return 1
        }
    }
}

// MARK: - ANSI styles

extension TextRenderer {
    enum Style {
        case bold, red, yellow, cyan

        var code: String {
            switch self {
            case .bold: "\u{1B}[1m"
            case .red: "\u{1B}[1;31m"
            case .yellow: "\u{1B}[1;33m"
            case .cyan: "\u{1B}[1;36m"
            }
        }
    }

    static func color(of severity: Severity) -> Style {
        switch severity {
        case .error: .red
        case .warning: .yellow
        case .note: .cyan
        }
    }

    private func style(_ text: String, _ style: Style) -> String {
        colors ? style.code + text + "\u{1B}[0m" : text
    }
}

extension String {
    /// Foundation-free replacement of every occurrence of `target`, matched by Unicode scalars: as
    /// Characters, the `\r` and `\n` of a CRLF form one grapheme and would not match on their own.
    func replacingAll(_ target: String, with replacement: String) -> String {
        let pattern = Array(target.unicodeScalars)
        guard !pattern.isEmpty else { return self }
        let scalars = Array(unicodeScalars)
        var result = String.UnicodeScalarView()
        var index = 0
        while index < scalars.count {
            if scalars[index] == pattern[0], index + pattern.count <= scalars.count,
                Array(scalars[index..<(index + pattern.count)]) == pattern
            {
                result.append(contentsOf: replacement.unicodeScalars)
                index += pattern.count
            } else {
                result.append(scalars[index])
                index += 1
            }
        }
        return String(result)
    }
}
