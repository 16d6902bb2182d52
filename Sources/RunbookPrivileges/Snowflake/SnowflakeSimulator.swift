import RunbookDiagnostics
package import RunbookModel
import RunbookSQL

/// Runs one variant's plan against a Snowflake account, session by session.
///
/// A session starts at the first block of each step (a new worksheet), unless the block's `session=same`
/// annotation continues the previous one (`session=new` starts one anywhere). Each session starts signed in as
/// the person with ACCOUNTADMIN as its primary role, secondary roles ALL, no current database or warehouse and
/// no variables. A statement the session may not run is recorded as an event and applied as if it had worked,
/// so that one mistake is reported once.
package struct SnowflakeSimulator {
    /// A session variable's value as far as it can be known without running anything.
    enum VariableValue: Hashable {
        case text(String)
        /// An expression that needs the engine (a function call, a subquery): the text as written.
        case unknown(String)
    }

    struct SessionVariable: Hashable {
        var value: VariableValue
        var origin: StatementOrigin
    }

    /// What one session holds (https://docs.snowflake.com/en/sql-reference/session-variables,
    /// https://docs.snowflake.com/en/sql-reference/sql/use-role, …/use-secondary-roles).
    struct Session {
        var user: Principal
        var primaryRole: String
        var secondaryRoles: SecondaryRoles = .all
        var database: String?
        var schema: String?
        /// Nil: none selected. The person's own sessions are assumed to have one (their default warehouse).
        var warehouse: String?
        var variables: [String: SessionVariable] = [:]
        /// Variables reported unset in this session, with the statements that used them.
        var unsetUses: [String: Int] = [:]
        var unevaluatedReported: Set<String> = []
        /// Variables reported holding the wrong kind of name, with the index of the event.
        var kindReported: [String: Int] = [:]
    }

    let runbook: Runbook
    let variant: Variant
    let blocks: [(block: Block, statements: [Statement])]
    /// Every SET in the plan: variable → (position in the plan, statement, value when it is a constant).
    let plannedVariables: [String: [(position: Int, origin: StatementOrigin, value: VariableValue)]]
    /// Where the plan creates each role (for "created later" notes).
    let plannedRoles: [String: (position: Int, origin: StatementOrigin)]
    /// The session each statement of the plan runs in, by position.
    let sessionNumbers: [Int]
    /// Variables the plan uses as a database name somewhere (`ON DATABASE IDENTIFIER($v)`, `USE DATABASE`).
    let variablesUsedAsDatabase: [String: StatementOrigin]

    var catalog: Catalog
    var session: Session
    var position = 0
    var events: [SimulationEvent] = []
    var executed: [ExecutedStatement] = []
    /// The index in `events` of this session's unset-variable event for each variable, to count later uses.
    var unsetEventIndex: [String: Int] = [:]
    /// The database an earlier statement created or used, for "no current database" notes.
    var lastDatabase: (name: String, origin: StatementOrigin)?

    init(runbook: Runbook, statements: ParsedBlocks, variant: Variant, catalog: Catalog) {
        self.runbook = runbook
        self.variant = variant
        self.catalog = catalog
        var blocks: [(Block, [Statement])] = []
        for case .block(let block, _) in runbook.plan(for: variant).entries {
            blocks.append((block, statements.statements(of: block)))
        }
        self.blocks = blocks
        var variables: [String: [(Int, StatementOrigin, VariableValue)]] = [:]
        var roles: [String: (Int, StatementOrigin)] = [:]
        var asDatabase: [String: StatementOrigin] = [:]
        var position = 0
        var numbers: [Int] = []
        var sessionNumber = 0
        var previous: Block?
        for (block, statements) in blocks {
            if Self.startsSession(block, after: previous) { sessionNumber += 1 }
            previous = block
            for statement in statements {
                numbers.append(sessionNumber)
                let origin = StatementOrigin(statement, in: block)
                switch statement.kind {
                case .setVariables(let assignments):
                    for assignment in assignments {
                        let value: VariableValue =
                            Self.constant(assignment.value).map { .text($0) }
                            ?? .unknown(
                                "\(assignment.value)")
                        variables[assignment.name.value.uppercased(), default: []].append((position, origin, value))
                    }
                case .createRole(let create):
                    if create.name.variable == nil, roles[create.name.value] == nil {
                        roles[create.name.value] = (position, origin)
                    }
                default: break
                }
                for variable in Self.databaseVariables(statement) where asDatabase[variable] == nil {
                    asDatabase[variable] = origin
                }
                position += 1
            }
        }
        sessionNumbers = numbers
        plannedVariables = variables
        plannedRoles = roles
        variablesUsedAsDatabase = asDatabase
        session = Self.newSession(catalog: catalog)
    }

    static func newSession(catalog: Catalog) -> Session {
        Session(user: Principal(.user, catalog.admin), primaryRole: "ACCOUNTADMIN")
    }

    /// Simulates one variant; `statements` holds each block's parsed statements.
    package static func run(
        runbook: Runbook, statements: ParsedBlocks, variant: Variant, catalog: Catalog? = nil
    ) -> Simulation {
        var simulator = SnowflakeSimulator(
            runbook: runbook, statements: statements, variant: variant,
            catalog: catalog ?? SnowflakeModel().initialCatalog(dialect: .snowflake))
        simulator.runAll()
        simulator.finish()
        return Simulation(
            runbook: runbook, variant: variant, dialect: .snowflake, catalog: simulator.catalog,
            executed: simulator.executed, events: simulator.events)
    }

    mutating func runAll() {
        var previous: Block?
        for (block, statements) in blocks {
            if Self.startsSession(block, after: previous) {
                session = Self.newSession(catalog: catalog)
                unsetEventIndex = [:]
            }
            previous = block
            for statement in statements {
                execute(statement, in: block)
                position += 1
            }
        }
    }

    /// Each step is a worksheet of its own; a block outside steps is one per section. `session=same|new` decides.
    static func startsSession(_ block: Block, after previous: Block?) -> Bool {
        switch block.attributes["session"] {
        case "same": return false
        case "new": return true
        default:
            guard let previous else { return true }
            if block.step.isEmpty || previous.step.isEmpty {
                return block.step != previous.step || block.section != previous.section
            }
            return block.step != previous.step
        }
    }

    // MARK: - Plan-wide facts

    /// A SET value that needs no engine: a string, a literal, a concat of those.
    static func constant(_ expression: SessionExpression) -> String? {
        switch expression {
        case .string(let text): text
        case .literal(let text): text
        case .concat(let parts):
            parts.reduce(String?.some("")) { result, part in
                guard let result, let text = constant(part) else { return nil }
                return result + text
            }
        case .variable, .other: nil
        }
    }

    /// The variables a statement uses where a database name belongs.
    static func databaseVariables(_ statement: Statement) -> [String] {
        func single(_ name: ObjectName?) -> [String] {
            guard let name, name.parts.count == 1, let variable = name.parts[0].variable else { return [] }
            return [variable]
        }
        switch statement.kind {
        case .grant(let grant), .revoke(let grant):
            switch grant.target {
            case .objects(.database, let names, _): return names.flatMap { single($0) }
            case .allInDatabase(_, let database): return single(database)
            case .future(_, nil, let database?, _): return single(database)
            default: return []
            }
        case .use(let use) where use.kind == .database: return single(use.name)
        case .createDatabase(let create): return create.name.variable.map { [$0] } ?? []
        default: return []
        }
    }
}
