/// What a person following the guide does for one variant, in order.
package struct Plan: Sendable {
    package typealias Entry = PlanEntry<Block>

    package var variant: Variant
    package var entries: [Entry]

    package var blocks: [(block: Block, connection: String?)] {
        entries.compactMap { if case .block(let block, let connection) = $0 { (block, connection) } else { nil } }
    }
}

/// One thing a person following a variant does. `RunnableBlock` is how a block to run is given: the model's
/// `Block` here, a later stage's block with its statements there (`RunbookPlan`).
package enum PlanEntry<RunnableBlock: Sendable>: Sendable {
    case instruction(Instruction)
    /// The connection changes to `database` (as `because.user` when the switch names one).
    case connect(database: String, because: ConnectionSwitch)
    /// The prose confirms the connection in force (or switches to the database already in use).
    case stay(database: String?, because: ConnectionSwitch)
    /// A block to run, on the connection in force (nil: the one the person started with).
    case block(RunnableBlock, connection: String?)
}

extension PlanEntry: Equatable where RunnableBlock: Equatable {}
extension PlanEntry: Hashable where RunnableBlock: Hashable {}

extension PlanEntry {
    /// The same entry with its block given as `transform` gives it; nil for a block it gives nothing for.
    package func mapBlock<Other>(_ transform: (RunnableBlock) -> Other?) -> PlanEntry<Other>? {
        switch self {
        case .instruction(let instruction): .instruction(instruction)
        case .connect(let database, let because): .connect(database: database, because: because)
        case .stay(let database, let because): .stay(database: database, because: because)
        case .block(let block, let connection): transform(block).map { .block($0, connection: connection) }
        }
    }
}

// MARK: - Planning

extension Runbook {
    /// The plan of one variant: the items whose condition holds, executable blocks only, with the
    /// connection in force tracked through the switches.
    package func plan(for variant: Variant) -> Plan {
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
