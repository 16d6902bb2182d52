public import RunbookDiagnostics

/// A setup guide read into steps, choices, blocks and claims. Everything keeps its position in the file.
public struct Runbook: Sendable {
    public var path: String
    public var title: String
    public var parameters: [Parameter]
    public var steps: [Step]
    public var choiceGroups: [ChoiceGroup]
    /// Where the document marks a part as belonging to one alternative, in document order: every heading or
    /// paragraph that names an alternative, every "For … Option N:" list item. A choice that appears in
    /// several places has a region at each.
    public var regions: [AlternativeRegion]
    /// Blocks, instructions and connection switches in document order.
    public var items: [RunbookItem]
    public var claims: [Claim]
    /// Every inference the builder made, for `runbook explain`.
    public var inferences: [Inference]
    /// Default dialect from front matter (`runbook.dialect` or `dialect`), if any.
    public var dialect: String?
    public var diagnostics: [Diagnostic]

    public init(path: String, title: String) {
        self.path = path
        self.title = title
        self.parameters = []
        self.steps = []
        self.choiceGroups = []
        self.regions = []
        self.items = []
        self.claims = []
        self.inferences = []
        self.dialect = nil
        self.diagnostics = []
    }
}

/// A step number such as `3.4.1`: the `Step 3` heading, then the position in each ordered list inside it.
public struct StepPath: Hashable, Sendable, Comparable, CustomStringConvertible {
    public var components: [Int]

    public init(_ components: [Int]) { self.components = components }

    public var description: String { components.map(String.init).joined(separator: ".") }
    public var isEmpty: Bool { components.isEmpty }

    public static func < (lhs: StepPath, rhs: StepPath) -> Bool {
        lhs.components.lexicographicallyPrecedes(rhs.components)
    }
}

public struct Step: Hashable, Sendable {
    public var path: StepPath
    public var title: String
    public var range: SourceRange
    public var condition: Condition
}

/// The selections under which something applies: every listed group must have the listed alternative.
public struct Condition: Hashable, Sendable, Comparable {
    public var selections: [String: String]

    public init(_ selections: [String: String] = [:]) { self.selections = selections }

    public static let always = Condition()

    public func holds(in selections: [String: String]) -> Bool {
        self.selections.allSatisfy { selections[$0.key] == $0.value }
    }

    public func adding(group: String, alternative: String) -> Condition {
        var copy = self
        copy.selections[group] = alternative
        return copy
    }

    public var isAlways: Bool { selections.isEmpty }

    /// Whether some variant satisfies both conditions (no group is given two different alternatives).
    public func isCompatible(with other: Condition) -> Bool {
        selections.allSatisfy { other.selections[$0.key] == nil || other.selections[$0.key] == $0.value }
    }

    public var sortedSelections: [(group: String, alternative: String)] {
        selections.sorted { $0.key < $1.key }.map { ($0.key, $0.value) }
    }

    public static func < (lhs: Condition, rhs: Condition) -> Bool {
        lhs.sortedSelections.map { "\($0.group)=\($0.alternative)" }
            .lexicographicallyPrecedes(rhs.sortedSelections.map { "\($0.group)=\($0.alternative)" })
    }
}

/// A set of alternatives of which a person picks one ("Permissions Option 1" / "Permissions Option 2").
public struct ChoiceGroup: Hashable, Sendable {
    /// File-name-safe id, such as `permissions`.
    public var id: String
    public var label: String
    public var alternatives: [Alternative]
    /// The group applies when any of these holds (a choice may appear in several branches).
    public var appliesUnder: [Condition]
    public var range: SourceRange
}

/// A place where the document says "what follows is for this alternative".
public struct AlternativeRegion: Hashable, Sendable {
    public enum Kind: String, Sendable {
        /// A heading ("Permissions Option 1") or a paragraph ("a. (Option 1): …") that names the alternative:
        /// the region runs to the next heading of its level or the next alternative of its choice.
        case alternative
        /// A list item that starts "For Permissions Option 1:": the region is the item.
        case branch
    }

    public var kind: Kind
    public var group: String
    public var alternative: String
    /// The heading, paragraph or list item.
    public var range: SourceRange
}

public struct Alternative: Hashable, Sendable {
    /// File-name-safe id within its group, such as `option-1`.
    public var id: String
    public var label: String
    public var range: SourceRange
}

/// A parameter the doc names with "(for example, x)": its default is `x`, and `--set x=…` replaces it.
public struct Parameter: Hashable, Sendable {
    public var name: String
    public var defaultValue: String
    public var isSecret: Bool
    public var range: SourceRange
    public var origin: String
}

/// One fenced block with its place in the structure.
public struct Block: Hashable, Sendable {
    public enum Role: String, Hashable, Sendable {
        /// Part of the procedure: run in every variant where its condition holds.
        case executable
        /// An illustration (a query to look at data, a synopsis): checked where possible, never run.
        case example
        /// Excluded by an annotation.
        case skip
    }

    public var index: Int
    /// First word of the info string, lower-cased (`sql`), or empty.
    public var language: String
    /// `key=value` attributes from the info string or an annotation comment before the block.
    public var attributes: [String: String]
    public var text: String
    public var range: SourceRange
    public var positions: BlockPositionMap
    public var step: StepPath
    public var condition: Condition
    public var role: Role
    /// The heading the block sits under ("" before the first heading), for saying where it went.
    public var section: String
}

/// A prose instruction a person carries out: a numbered item or a step heading.
public struct Instruction: Hashable, Sendable {
    public var text: String
    public var step: StepPath
    public var range: SourceRange
    public var condition: Condition
}

/// "Switch to the Segment database": the connection in force changes (or, for "Stay in", is confirmed).
public struct ConnectionSwitch: Hashable, Sendable {
    public enum Target: Hashable, Sendable {
        /// The database this runbook creates ("the Segment database", "the new database").
        case createdDatabase
        /// A database the doc names in prose or in a block's comment; resolved in the plan.
        case described(String)
        /// An explicit name (annotation `connection=`).
        case named(String)
    }

    public var phrase: String
    public var target: Target
    public var stays: Bool
    public var step: StepPath
    public var range: SourceRange
    public var condition: Condition
    /// Who runs what follows ("As user2 on db2"); nil keeps the user in force.
    public var user: ConnectionUser? = nil
}

/// The user a connection switch names.
public enum ConnectionUser: Hashable, Sendable {
    /// Whoever runs the script, the administrator ("as the superuser", "as admin").
    case administrator
    case named(String)

    public var name: String? {
        if case .named(let name) = self { name } else { nil }
    }
}

public enum RunbookItem: Hashable, Sendable {
    case instruction(Instruction)
    case connectionSwitch(ConnectionSwitch)
    case block(Block)

    public var condition: Condition {
        switch self {
        case .instruction(let instruction): instruction.condition
        case .connectionSwitch(let connectionSwitch): connectionSwitch.condition
        case .block(let block): block.condition
        }
    }

    public var range: SourceRange {
        switch self {
        case .instruction(let instruction): instruction.range
        case .connectionSwitch(let connectionSwitch): connectionSwitch.range
        case .block(let block): block.range
        }
    }
}

/// What the prose promises a role may do ("Read access to Profiles Sync schema").
public struct Claim: Hashable, Sendable {
    public enum Access: String, Hashable, Sendable, Comparable {
        case read
        case write
        case create

        public static func < (lhs: Access, rhs: Access) -> Bool { lhs.rawValue < rhs.rawValue }
    }

    public enum Target: Hashable, Sendable {
        case database(String)
        case schema(String)
        case tables([String])
    }

    /// One way to satisfy the claim; a claim with several is satisfied by any ("schema, or specific tables").
    public struct Requirement: Hashable, Sendable {
        public var access: [Access]
        public var target: Target

        public init(access: [Access], target: Target) {
            self.access = access
            self.target = target
        }
    }

    public var role: String
    public var text: String
    public var requirements: [Requirement]
    public var range: SourceRange
    public var condition: Condition
}

/// One thing the builder recognised, with where it saw it.
public struct Inference: Hashable, Sendable {
    public enum Kind: String, Hashable, Sendable {
        case step, choice, alternative, branch
        case connectionSwitch = "connection"
        case parameter, claim, block, annotation
        /// Which of two readings of an ambiguous page was taken, and why.
        case reading
    }

    public var kind: Kind
    public var description: String
    public var range: SourceRange
}

// MARK: - Where blocks went

extension Runbook {
    /// Where a block went, in words: the step and alternatives it runs in, or why it runs in none.
    public func placement(of block: Block) -> String {
        let scope =
            block.condition.isAlways
            ? ""
            : " when "
                + block.condition.sortedSelections.map { "\($0.group)=\($0.alternative)" }.joined(separator: ", ")
        switch block.role {
        case .skip:
            return "skipped (annotation role=skip)"
        case .example:
            let section = block.section.isEmpty ? "before the first heading" : "under '\(block.section)'"
            return "example \(section), not run\(scope)"
        case .executable:
            let step = block.step.isEmpty ? "" : " in step \(block.step)"
            let runs = variants.contains { block.condition.holds(in: $0.selections) }
            return runs ? "runs\(step)\(scope)" : "would run\(step)\(scope), but no variant picks that (reported)"
        }
    }
}

extension Runbook {
    /// Whether a heading names a section the format defines as not part of the procedure (verification,
    /// troubleshooting, overview …): what is under it is an example.
    public static func isReferenceSection(_ heading: String) -> Bool { ProsePatterns.isReferenceSection(heading) }
}
