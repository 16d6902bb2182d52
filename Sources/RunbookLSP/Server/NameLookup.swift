import RunbookCompile
import RunbookDiagnostics
import RunbookEmitters
import RunbookPrivileges
import RunbookSQL

/// A name in the document's SQL under the cursor, read from the parsed statements (not by re-scanning).
struct NameAtPosition {
    /// The dotted name it belongs to, each part as the database folds it: `["segment_workspace", "devices"]`.
    var parts: [String]
    /// Which part is under the cursor.
    var index: Int
    /// The part's range in the Markdown file.
    var range: SourceRange

    var value: String { parts[index] }
}

/// What a simulated catalog holds under a name.
enum CatalogEntry: Hashable, Comparable {
    case principal(Principal)
    case object(CatalogObject)

    static func < (lhs: CatalogEntry, rhs: CatalogEntry) -> Bool {
        switch (lhs, rhs) {
        case (.principal(let left), .principal(let right)): left < right
        case (.object(let left), .object(let right)): left < right
        case (.principal, .object): true
        case (.object, .principal): false
        }
    }

    /// `user segment_user`, `role r`, `schema db.s`.
    var title: String {
        switch self {
        case .principal(let principal): "\(principal.kind.rawValue) \(principal.name)"
        case .object(let object): object.description
        }
    }

    func origin(in catalog: Catalog) -> ObjectOrigin? {
        switch self {
        case .principal(let principal):
            return catalog.principals[principal]?.origin
        case .object(.database(let name)):
            return catalog.databases[name]?.origin
        case .object(.schema(let name)):
            return catalog.databases[name.database]?.schemas[name.schema]?.origin
        case .object(.table(let name)):
            return catalog.databases[name.database]?.schemas[name.schema]?.tables[name.table]?.origin
        }
    }
}

enum NameLookup {
    /// The SQL name at a location of the Markdown file, if the location is on one.
    static func name(at location: SourceLocation, in compiled: CompiledRunbook) -> NameAtPosition? {
        for compiledBlock in compiled.blocks where !compiledBlock.statements.isEmpty {
            let positions = compiledBlock.block.positions
            let blockRange = compiledBlock.block.range
            guard blockRange.start.line <= location.line, location.line <= blockRange.end.line else { continue }
            for statement in compiledBlock.statements {
                let statementRange = positions.range(statement.range)
                guard statementRange.start <= location, location <= statementRange.end else { continue }
                // On the name, or just after its last character (where a cursor stands after typing it).
                let hits = statement.identifiers.filter {
                    let range = positions.range($0.range)
                    return range.start <= location && location <= range.end
                }
                guard
                    let identifier = hits.first(where: { location < positions.range($0.range).end }) ?? hits.first
                else { continue }
                let (parts, index) = dottedName(around: identifier, in: statement)
                return NameAtPosition(parts: parts, index: index, range: positions.range(identifier.range))
            }
        }
        return nil
    }

    /// The parts of the dotted name an identifier belongs to (`db.schema.table`), from the tokens around it.
    static func dottedName(around identifier: Identifier, in statement: Statement) -> (parts: [String], index: Int) {
        let tokens = statement.tokens
        guard let position = tokens.firstIndex(where: { $0.offsets.lowerBound == identifier.offsets.lowerBound }) else {
            return ([identifier.value], 0)
        }
        func value(_ token: Token) -> String? {
            guard token.kind == .word || token.kind == .quotedIdentifier else { return nil }
            return statement.identifiers.first { $0.offsets == token.offsets }?.value ?? token.text.lowercased()
        }
        var before: [String] = []
        var cursor = position
        while cursor >= 2, tokens[cursor - 1].isPunctuation("."), let part = value(tokens[cursor - 2]) {
            before.insert(part, at: 0)
            cursor -= 2
        }
        var after: [String] = []
        cursor = position
        while cursor + 2 < tokens.count, tokens[cursor + 1].isPunctuation("."), let part = value(tokens[cursor + 2]) {
            after.append(part)
            cursor += 2
        }
        return (before + [identifier.value] + after, before.count)
    }

    /// What the catalog holds that the name can mean: with parts after it, a schema or a database; the last
    /// part, any object (its qualifiers must match) or, unqualified, a user, role or group.
    static func entries(for name: NameAtPosition, in catalog: Catalog) -> [CatalogEntry] {
        let following = name.parts.count - 1 - name.index
        let qualifiers = Array(name.parts[..<name.index])
        var entries: [CatalogEntry] = []
        if following == 0, qualifiers.isEmpty {
            for principal in catalog.principals.keys where principal.kind != .public && principal.name == name.value {
                entries.append(.principal(principal))
            }
        }
        for object in catalog.objects {
            let objectParts = parts(of: object)
            guard objectParts.last == name.value else { continue }
            switch (object, following) {
            case (_, 0), (.schema, 1), (.database, 1), (.database, 2): break
            default: continue
            }
            let objectQualifiers = objectParts.dropLast()
            guard objectQualifiers.count >= qualifiers.count,
                Array(objectQualifiers.suffix(qualifiers.count)) == qualifiers
            else { continue }
            entries.append(.object(object))
        }
        return entries.sorted()
    }

    static func parts(of object: CatalogObject) -> [String] {
        switch object {
        case .database(let name): [name]
        case .schema(let name): [name.database, name.schema]
        case .table(let name): [name.database, name.schema, name.table]
        }
    }
}
