/// Recognises template text that stands for a value the reader fills in.
package enum Placeholders {
    /// Whether a placeholder token is a hole for the reader to fill in, rather than a variable that psql or a
    /// driver fills in when the script runs (`:var`, `:'var'`, `$1`) or another engine's (`$var`, `${var}`).
    static func isHole(_ text: String) -> Bool {
        text.hasPrefix("<") || text.hasPrefix("{{") || text.hasPrefix("%") || text.hasPrefix("[")
            || (text.utf8.first.map { $0 | 0x20 } == UInt8(ascii: "y"))
    }

    /// Whether a string's or quoted name's content reads as "fill this in": `<enter password here>`,
    /// `your_password`, `YOUR_DB`, `{password}`, `[password]`, `********`.
    package static func looksLikePlaceholder(_ content: String) -> Bool {
        let lowered = content.asciiLowercased
        // One bracketed name, `<password>` or `{password}`; markup such as `<b>x</b>` is not a placeholder, nor is
        // JSON (`{"client_secret": "…"}`, whose quotes and colons no name has).
        for (open, close) in [("<", ">"), ("{", "}"), ("${", "}"), ("[", "]")]
        where content.hasPrefix(open) && content.hasSuffix(close) {
            let inner = content.dropFirst(open.count).dropLast(close.count)
            if !inner.isEmpty, !inner.contains(where: { "<>{}\":".contains($0) }) { return true }
        }
        if lowered.hasPrefix("your_") || lowered.hasPrefix("your-") || lowered.hasPrefix("your ") { return true }
        if lowered.hasPrefix("enter ") || lowered.hasPrefix("insert ") || lowered.hasPrefix("replace ") {
            return true
        }
        if !content.isEmpty, content.allSatisfy({ $0 == "*" || $0 == "x" || $0 == "X" }), content.count >= 4 {
            return true
        }
        return false
    }

    /// `<name>`: a letter, then letters, digits, `_`, `-` or spaces, then `>`; the form a guide writes for a name
    /// to fill in (`<database_name>`, `<hasura-role>`), where markup (`<b>`) and comparisons are not.
    package static func isAngleName(_ text: Substring) -> Bool {
        guard text.first == "<", text.last == ">", text.count > 2 else { return false }
        let name = text.dropFirst().dropLast()
        return name.first?.isLetter == true
            && name.allSatisfy { $0.isLetter || $0.isNumber || $0 == "_" || $0 == "-" || $0 == " " }
    }
}
