/// What a person following the guide does for one variant, in order.
public struct Plan: Sendable {
    public enum Entry: Hashable, Sendable {
        case instruction(Instruction)
        /// The connection changes to `database` (as `because.user` when the switch names one).
        case connect(database: String, because: ConnectionSwitch)
        /// The prose confirms the connection in force (or switches to the database already in use).
        case stay(database: String?, because: ConnectionSwitch)
        /// A block to run, on the connection in force (nil: the one the person started with).
        case block(Block, connection: String?)
    }

    public var variant: Variant
    public var entries: [Entry]

    public var blocks: [(block: Block, connection: String?)] {
        entries.compactMap { if case .block(let block, let connection) = $0 { (block, connection) } else { nil } }
    }
}

// MARK: - Planning

extension Runbook {
    /// The plan of one variant: the items whose condition holds, executable blocks only, with the
    /// connection in force tracked through the switches.
    public func plan(for variant: Variant) -> Plan {
        var entries: [Plan.Entry] = []
        var connection: String?
        var user = ConnectionUser.administrator
        for item in items where item.condition.holds(in: variant.selections) {
            switch item {
            case .instruction(let instruction):
                entries.append(.instruction(instruction))
            case .connectionSwitch(let connectionSwitch):
                guard case .named(let database) = connectionSwitch.target else {
                    entries.append(.stay(database: connection, because: connectionSwitch))
                    continue
                }
                let switchedUser = connectionSwitch.user ?? user
                if database == connection, switchedUser == user {
                    entries.append(.stay(database: connection, because: connectionSwitch))
                } else {
                    entries.append(.connect(database: database, because: connectionSwitch))
                    connection = database
                    user = switchedUser
                }
            case .block(let block) where block.role == .executable:
                entries.append(.block(block, connection: connection))
            case .block:
                break
            }
        }
        return Plan(variant: variant, entries: entries)
    }
}
