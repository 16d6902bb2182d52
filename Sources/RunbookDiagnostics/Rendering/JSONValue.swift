/// A JSON document as a value, written by hand so that output is byte-stable: keys sorted, integers
/// without exponent, strings escaped per RFC 8259 with non-ASCII left as UTF-8.
enum JSONValue: Hashable, Sendable {
    case string(String)
    case int(Int)
    case bool(Bool)
    case array([JSONValue])
    case object([String: JSONValue])
}

// MARK: - Writing

extension JSONValue {
    /// The serialised document; `indent` spaces per level, or one line when `indent` is nil.
    func serialized(indent: Int? = 2) -> String {
        var output = ""
        write(to: &output, indent: indent, depth: 0)
        return output
    }

    private func write(to output: inout String, indent: Int?, depth: Int) {
        switch self {
        case .string(let value):
            JSONValue.writeString(value, to: &output)
        case .int(let value):
            output += String(value)
        case .bool(let value):
            output += value ? "true" : "false"
        case .array(let elements):
            writeContainer(
                open: "[", close: "]", elements, to: &output, indent: indent, depth: depth
            ) { element, output in
                element.write(to: &output, indent: indent, depth: depth + 1)
            }
        case .object(let members):
            let separator = indent == nil ? ":" : ": "
            writeContainer(
                open: "{", close: "}", members.sorted { $0.key < $1.key }, to: &output, indent: indent,
                depth: depth
            ) { member, output in
                JSONValue.writeString(member.key, to: &output)
                output += separator
                member.value.write(to: &output, indent: indent, depth: depth + 1)
            }
        }
    }

    private func writeContainer<Element>(
        open: String,
        close: String,
        _ elements: [Element],
        to output: inout String,
        indent: Int?,
        depth: Int,
        writeElement: (Element, inout String) -> Void
    ) {
        output += open
        guard !elements.isEmpty else {
            output += close
            return
        }
        let newline = indent.map { "\n" + String(repeating: " ", count: $0 * (depth + 1)) } ?? ""
        for (index, element) in elements.enumerated() {
            if index > 0 { output += "," }
            output += newline
            writeElement(element, &output)
        }
        output += indent.map { "\n" + String(repeating: " ", count: $0 * depth) } ?? ""
        output += close
    }

    /// Escapes quotes, backslashes and every control character; U+2028 and U+2029 too, since
    /// JavaScript before ES2019 rejects them raw in string literals.
    static func writeString(_ value: String, to output: inout String) {
        output += "\""
        for scalar in value.unicodeScalars {
            switch scalar {
            case "\"": output += "\\\""
            case "\\": output += "\\\\"
            case "\n": output += "\\n"
            case "\r": output += "\\r"
            case "\t": output += "\\t"
            case "\u{08}": output += "\\b"
            case "\u{0C}": output += "\\f"
            case "\u{00}"..."\u{1F}", "\u{7F}", "\u{2028}", "\u{2029}":
                let hex = String(scalar.value, radix: 16, uppercase: false)
                output += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default:
                output.unicodeScalars.append(scalar)
            }
        }
        output += "\""
    }
}
