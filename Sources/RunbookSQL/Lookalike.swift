/// A non-ASCII character that word processors and web pages put where SQL needs an ASCII one: a no-break
/// space for a space, an en dash for `--`, curly quotes for `'` and `"`. Servers read them as part of a name
/// (PostgreSQL and Redshift accept any non-ASCII byte in an identifier), so each is reported with its
/// ASCII replacement and the lexer reads it as that replacement.
struct Lookalike: Sendable, Hashable {
    enum Role: Sendable, Hashable {
        /// A space of some width, or a zero-width one: whitespace.
        case space
        /// An en or em dash: where it opens a comment, `--`.
        case dash
        case singleQuote
        case doubleQuote
    }

    var role: Role
    /// UTF-8 length of the character.
    var length: Int
    /// `no-break space (U+00A0)`.
    var name: String
    /// What SQL needs in its place.
    var replacement: String
}

// MARK: - Recognition

extension Lookalike {
    /// The look-alike character whose UTF-8 encoding starts at `offset`, if any. Only lead bytes C2, E1, E2,
    /// E3 and EF can start one, so ASCII text pays one comparison per non-ASCII byte.
    static func at(_ offset: Int, in bytes: [UInt8]) -> Lookalike? {
        let lead = bytes[offset]
        guard lead >= 0xC2, offset + 1 < bytes.count else { return nil }
        let second = bytes[offset + 1]
        if lead == 0xC2 {
            return second == 0xA0
                ? Lookalike(role: .space, length: 2, name: "no-break space (U+00A0)", replacement: " ") : nil
        }
        guard offset + 2 < bytes.count else { return nil }
        let third = bytes[offset + 2]
        let scalar = (UInt32(lead & 0x0F) << 12) | (UInt32(second & 0x3F) << 6) | UInt32(third & 0x3F)
        guard lead >= 0xE0, lead <= 0xEF, second & 0xC0 == 0x80, third & 0xC0 == 0x80 else { return nil }
        let code = "U+" + String(scalar, radix: 16, uppercase: true)
        switch scalar {
        case 0x1680, 0x2000...0x200A, 0x202F, 0x205F, 0x3000:
            return Lookalike(role: .space, length: 3, name: "Unicode space (\(code))", replacement: " ")
        case 0x200B, 0xFEFF:
            return Lookalike(role: .space, length: 3, name: "zero-width space (\(code))", replacement: "")
        case 0x2013:
            return Lookalike(role: .dash, length: 3, name: "en dash (U+2013)", replacement: "-")
        case 0x2014:
            return Lookalike(role: .dash, length: 3, name: "em dash (U+2014)", replacement: "-")
        case 0x2018, 0x2019:
            let side = scalar == 0x2018 ? "left" : "right"
            return Lookalike(
                role: .singleQuote, length: 3, name: "\(side) single quotation mark (\(code))", replacement: "'")
        case 0x201C, 0x201D:
            let side = scalar == 0x201C ? "left" : "right"
            return Lookalike(
                role: .doubleQuote, length: 3, name: "\(side) double quotation mark (\(code))", replacement: "\"")
        default:
            return nil
        }
    }
}
