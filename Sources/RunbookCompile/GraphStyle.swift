/// How the runbook's Graphviz pictures (https://graphviz.org/doc/info/lang.html) open and shape their nodes: the
/// privilege graph of `build` and `explain` and the drift graph of `verify --graph` both draw with it, so the
/// two pictures read alike. It sits below both the emitters and the verification, which may not import each other.
package enum GraphStyle {
    /// The first lines of a graph: its name, left-to-right layout, its label at the top and the fonts.
    package static func opening(_ name: String, label: String) -> [String] {
        [
            "digraph \(quoted(name)) {",
            "  graph [rankdir=LR, fontname=\"Helvetica\", fontsize=11, label=\(quoted(label)), labelloc=t];",
            "  node [fontname=\"Helvetica\", fontsize=10];",
            "  edge [fontname=\"Helvetica\", fontsize=9];",
        ]
    }

    /// Node shapes, the same in both graphs: users are boxes, roles ellipses, PUBLIC an octagon; databases
    /// cylinders, schemas folders, tables notes.
    package enum Shape {
        package static let user = "box"
        package static let role = "ellipse"
        package static let everyone = "octagon"
        package static let database = "cylinder"
        package static let schema = "folder"
        package static let table = "note"
    }

    /// A DOT string: quotes and backslashes escaped, line breaks as `\n` (which DOT draws as a break).
    package static func quoted(_ text: String) -> String {
        var result = "\""
        for character in text {
            switch character {
            case "\"": result += "\\\""
            case "\\": result += "\\\\"
            case "\n": result += "\\n"
            case "\r": continue
            default: result.append(character)
            }
        }
        return result + "\""
    }
}
