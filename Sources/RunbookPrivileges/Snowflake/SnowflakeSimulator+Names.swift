import RunbookDiagnostics
import RunbookModel
import RunbookSQL

// MARK: - Variables and names

extension SnowflakeSimulator {
    /// Evaluates a SET right-hand side in the session (every right-hand side is evaluated before any
    /// assignment, so `SET x = $x` reads the old value and never loops).
    mutating func evaluate(_ expression: SessionExpression, in block: Block) -> VariableValue {
        switch expression {
        case .string(let text), .literal(let text):
            return .text(text)
        case .variable(let name, let range):
            return value(of: name, at: block.positions.range(range)) ?? .unknown("$\(name)")
        case .concat(let parts):
            var text = ""
            for part in parts {
                guard case .text(let piece) = evaluate(part, in: block) else { return .unknown("concat(…)") }
                text += piece
            }
            return .text(text)
        case .other(let text):
            return .unknown(text)
        }
    }

    /// A variable's value in this session. An unset one is reported (once per session, counting later uses)
    /// and the plan's value is used instead, so that the rest of the statement is still simulated.
    mutating func value(of name: String, at range: SourceRange) -> VariableValue? {
        let name = name.uppercased()
        if let variable = session.variables[name] { return variable.value }
        let planned = plannedVariables[name] ?? []
        if let uses = session.unsetUses[name] {
            session.unsetUses[name] = uses + 1
            if let index = unsetEventIndex[name],
                case .snowflake(.unsetVariable(let n, let r, let setIn, let later, let others)) = events[index]
            {
                events[index] = .snowflake(
                    .unsetVariable(name: n, range: r, setIn: setIn, setLater: later, otherUses: others + 1))
            }
        } else {
            session.unsetUses[name] = 0
            let later = planned.first { $0.position > position && sameSession(as: $0.position) }
            let elsewhere = planned.last { $0.position < position } ?? planned.first { $0.position > position }
            let setIn = later?.origin ?? elsewhere?.origin
            unsetEventIndex[name] = events.count
            events.append(
                .snowflake(
                    .unsetVariable(name: name, range: range, setIn: setIn, setLater: later != nil, otherUses: 0)))
        }
        return (planned.last { $0.position < position } ?? planned.first { $0.position > position })?.value
    }

    /// Whether the statement at `other` runs in the current session: no session starts between them.
    func sameSession(as other: Int) -> Bool {
        other < sessionNumbers.count && position < sessionNumbers.count
            && sessionNumbers[other] == sessionNumbers[position]
    }

    /// The parts of a name as the engine resolves it: variables replaced by their values (which may be
    /// qualified, `'DB.SCHEMA'`), unquoted parts folded to upper case. Nil when a part cannot be known (a
    /// placeholder value, an expression): there is nothing to simulate.
    mutating func parts(of name: ObjectName, in block: Block) -> [String]? {
        var result: [String] = []
        for part in name.parts {
            guard let resolved = parts(of: part, in: block) else { return nil }
            result += resolved
        }
        return result.isEmpty ? nil : result
    }

    mutating func parts(of identifier: Identifier, in block: Block) -> [String]? {
        let range = block.positions.range(identifier.range)
        guard let variable = identifier.variable else {
            if identifier.isStandIn || Placeholders.looksLikePlaceholder(identifier.value) { return nil }
            return [identifier.value]
        }
        switch value(of: variable, at: range) {
        case .text(let text):
            if Placeholders.looksLikePlaceholder(text) { return nil }
            return Self.splitQualified(text)
        case .unknown(let expression):
            if session.unevaluatedReported.insert(variable).inserted {
                events.append(.snowflake(.unevaluated(variable: variable, expression: expression, range: range)))
            }
            return nil
        case nil:
            return nil
        }
    }

    /// One name, resolved: the last part of what `parts(of:)` gives.
    mutating func name(_ identifier: Identifier, in block: Block) -> String? {
        parts(of: identifier, in: block)?.joined(separator: ".")
    }

    /// `'db.schema'` → `["DB", "SCHEMA"]`; quoted parts keep their case (https://docs.snowflake.com/en/sql-reference/identifier-literal).
    static func splitQualified(_ text: String) -> [String] {
        var parts: [String] = []
        var current = ""
        var quoted = false
        var wasQuoted = false
        var characters = Array(text)[...]
        while let character = characters.popFirst() {
            if character == "\"" {
                if quoted, characters.first == "\"" {
                    current.append("\"")
                    characters = characters.dropFirst()
                } else {
                    quoted.toggle()
                    wasQuoted = true
                }
            } else if character == ".", !quoted {
                parts.append(wasQuoted ? current : current.uppercased())
                current = ""
                wasQuoted = false
            } else {
                current.append(character)
            }
        }
        parts.append(wasQuoted ? current : current.uppercased())
        return parts.map { $0.trimming(" ") }
    }

    /// The variable a one-part name comes from, when it does.
    static func variable(of name: ObjectName) -> String? {
        name.parts.count == 1 ? name.parts[0].variable : nil
    }

    // MARK: Objects

    /// A schema from its resolved parts: one part is in the current database.
    mutating func schemaName(_ parts: [String], range: SourceRange, quiet: Bool = false) -> SchemaName? {
        switch parts.count {
        case 1:
            guard let database = session.database else {
                if !quiet { noCurrentDatabase(parts[0], range: range, schema: parts[0]) }
                return nil
            }
            return SchemaName(database: database, schema: parts[0])
        case 2: return SchemaName(database: parts[0], schema: parts[1])
        default: return nil
        }
    }

    mutating func noCurrentDatabase(_ name: String, range: SourceRange, schema: String?) {
        let exists =
            lastDatabase.map { last in
                schema.map { catalog.schema(SchemaName(database: last.name, schema: $0)) != nil } ?? true
            } ?? false
        events.append(
            .snowflake(
                .noCurrentDatabase(
                    name: name, range: range, earlier: lastDatabase?.origin, database: lastDatabase?.name,
                    existsThere: exists)))
    }

    /// A table or view: `t` in the current schema, `s.t` in the current database, `d.s.t`.
    mutating func tableName(_ parts: [String], range: SourceRange) -> TableName? {
        switch parts.count {
        case 1:
            guard let database = session.database, let schema = session.schema else {
                noCurrentDatabase(parts[0], range: range, schema: nil)
                return nil
            }
            return TableName(database: database, schema: schema, table: parts[0])
        case 2:
            guard let database = session.database else {
                noCurrentDatabase(parts.joined(separator: "."), range: range, schema: parts[0])
                return nil
            }
            return TableName(database: database, schema: parts[0], table: parts[1])
        case 3: return TableName(database: parts[0], schema: parts[1], table: parts[2])
        default: return nil
        }
    }
}

extension String {
    func trimming(_ set: String) -> String {
        var text = Substring(self)
        while let first = text.first, set.contains(first) { text = text.dropFirst() }
        while let last = text.last, set.contains(last) { text = text.dropLast() }
        return String(text)
    }
}
