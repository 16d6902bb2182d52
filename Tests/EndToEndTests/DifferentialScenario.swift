/// SplitMix64: a tiny PRNG whose every seed reproduces (Steele, Lea, Flood, "Fast splittable pseudorandom
/// number generators", 2014).
struct SplitMix64: RandomNumberGenerator, Sendable {
    var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// A random but valid sequence of privilege statements (PostgreSQL), with everything it creates.
///
/// `{db}` in the SQL stands for the database the scenario runs in: a fresh one on the server, the simulator's
/// initial database in the simulator.
struct DifferentialScenario: Sendable {
    var seed: UInt64
    var users: [String]
    var roles: [String]
    /// Schemas besides `public`.
    var schemas: [String]
    /// `schema.table`, every table created.
    var tables: [String]
    var statements: [String]

    var principals: [String] { users + roles }
    var allSchemas: [String] { ["public"] + schemas }

    func sql(database: String) -> String {
        statements.map { $0.replacingOccurrences(of: "{db}", with: database) + ";" }.joined(separator: "\n")
    }
}

extension DifferentialScenario {
    static let tablePrivileges = ["SELECT", "INSERT", "UPDATE", "DELETE"]
    static let schemaPrivileges = ["USAGE", "CREATE"]
    static let databasePrivileges = ["CREATE", "CONNECT", "TEMP"]

    /// The scenario for `seed`: names carry `prefix` (roles are cluster-wide).
    static func generate(seed: UInt64, prefix: String) -> DifferentialScenario {
        var random = SplitMix64(seed: seed)
        let users = (1...Int.random(in: 1...3, using: &random)).map { "\(prefix)u\($0)" }
        let roles = (1...Int.random(in: 1...3, using: &random)).map { "\(prefix)r\($0)" }
        let schemas = (1...Int.random(in: 1...2, using: &random)).map { "s\($0)" }
        var scenario = DifferentialScenario(
            seed: seed, users: users, roles: roles, schemas: schemas, tables: [], statements: [])
        for user in users { scenario.statements.append("CREATE USER \(user)") }
        for role in roles { scenario.statements.append("CREATE ROLE \(role)") }
        for schema in schemas { scenario.statements.append("CREATE SCHEMA \(schema)") }
        // Sometimes a schema owned by one of the principals.
        if Int.random(in: 0..<3, using: &random) == 0, let owner = scenario.principals.randomElement(using: &random) {
            scenario.schemas.append("s9")
            scenario.statements.append("CREATE SCHEMA s9 AUTHORIZATION \(owner)")
        }
        // Memberships as (container, member), kept acyclic: role i only ever contains users and roles after it.
        var memberships = Set<[String]>()
        var tableCount = 0
        let steps = Int.random(in: 6...22, using: &random)
        for _ in 0..<steps {
            switch Int.random(in: 0..<100, using: &random) {
            case 0..<18:
                // A new table, by the superuser or by a user (or role) under SET ROLE.
                tableCount += 1
                let schema = scenario.allSchemas.randomElement(using: &random) ?? "public"
                let name = "\(schema).t\(tableCount)"
                if Bool.random(using: &random) {
                    scenario.statements.append("CREATE TABLE \(name) (id int)")
                } else {
                    let creator = scenario.principals.randomElement(using: &random) ?? users[0]
                    scenario.statements.append("GRANT USAGE, CREATE ON SCHEMA \(schema) TO \(creator)")
                    scenario.statements.append("SET ROLE \(creator)")
                    scenario.statements.append("CREATE TABLE \(name) (id int)")
                    scenario.statements.append("RESET ROLE")
                }
                scenario.tables.append(name)
            case 18..<34:
                guard let table = scenario.tables.randomElement(using: &random) else { continue }
                scenario.statements.append(
                    privilegeStatement(
                        on: "TABLE \(table)", privileges: tablePrivileges, grantee: grantee(scenario, &random), &random)
                )
            case 34..<46:
                let schema = scenario.allSchemas.randomElement(using: &random) ?? "public"
                scenario.statements.append(
                    privilegeStatement(
                        on: "ALL TABLES IN SCHEMA \(schema)", privileges: tablePrivileges,
                        grantee: grantee(scenario, &random), &random))
            case 46..<58:
                let schema = scenario.allSchemas.randomElement(using: &random) ?? "public"
                scenario.statements.append(
                    privilegeStatement(
                        on: "SCHEMA \(schema)", privileges: schemaPrivileges, grantee: grantee(scenario, &random),
                        &random))
            case 58..<66:
                scenario.statements.append(
                    privilegeStatement(
                        on: "DATABASE {db}", privileges: databasePrivileges, grantee: grantee(scenario, &random),
                        &random))
            case 66..<80:
                // Role membership, granted or revoked.
                let container = Int.random(in: 0..<roles.count, using: &random)
                let members = roles.suffix(from: container + 1) + users
                guard let member = members.randomElement(using: &random) else { continue }
                if memberships.contains([roles[container], member]), Int.random(in: 0..<3, using: &random) == 0 {
                    scenario.statements.append("REVOKE \(roles[container]) FROM \(member)")
                    memberships.remove([roles[container], member])
                } else {
                    scenario.statements.append("GRANT \(roles[container]) TO \(member)")
                    memberships.insert([roles[container], member])
                }
            default:
                // Default privileges, for the current role or another, in one schema or everywhere.
                var text = "ALTER DEFAULT PRIVILEGES"
                if Bool.random(using: &random), let target = scenario.principals.randomElement(using: &random) {
                    text += " FOR ROLE \(target)"
                }
                if Bool.random(using: &random), let schema = scenario.allSchemas.randomElement(using: &random) {
                    text += " IN SCHEMA \(schema)"
                }
                let statement =
                    text + " "
                    + privilegeStatement(
                        on: "TABLES", privileges: tablePrivileges, grantee: grantee(scenario, &random), &random)
                // Without FOR ROLE, sometimes as another role: its own future tables.
                if !text.contains("FOR ROLE"), Int.random(in: 0..<3, using: &random) == 0,
                    let role = scenario.principals.randomElement(using: &random)
                {
                    scenario.statements += ["SET ROLE \(role)", statement, "RESET ROLE"]
                } else {
                    scenario.statements.append(statement)
                }
            }
        }
        return scenario
    }

    /// One grantee, sometimes two (`TO a, b`).
    private static func grantee(_ scenario: DifferentialScenario, _ random: inout SplitMix64) -> String {
        func one() -> String {
            Int.random(in: 0..<8, using: &random) == 0
                ? "PUBLIC" : scenario.principals.randomElement(using: &random) ?? "PUBLIC"
        }
        let first = one()
        guard Int.random(in: 0..<5, using: &random) == 0 else { return first }
        let second = one()
        return second == first ? first : "\(first), \(second)"
    }

    /// `GRANT p, q ON what TO grantee` or `REVOKE … FROM grantee` (one in three), sometimes with ALL.
    private static func privilegeStatement(
        on what: String, privileges: [String], grantee: String, _ random: inout SplitMix64
    ) -> String {
        let list: String
        if Int.random(in: 0..<5, using: &random) == 0 {
            list = "ALL"
        } else {
            let count = Int.random(in: 1...min(2, privileges.count), using: &random)
            list = privileges.shuffled(using: &random).prefix(count).joined(separator: ", ")
        }
        return Int.random(in: 0..<3, using: &random) == 0
            ? "REVOKE \(list) ON \(what) FROM \(grantee)" : "GRANT \(list) ON \(what) TO \(grantee)"
    }
}
