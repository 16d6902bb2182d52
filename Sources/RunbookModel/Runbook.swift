package import RunbookDiagnostics

/// A setup guide read into steps, choices, blocks and claims. Everything keeps its position in the file.
package struct Runbook: Sendable {
    package var path: String
    package var title: String
    package var parameters: [Parameter]
    package var steps: [Step]
    package var choiceGroups: [ChoiceGroup]
    /// Where the document marks a part as belonging to one alternative, in document order: every heading or
    /// paragraph that names an alternative, every "For … Option N:" list item. A choice that appears in
    /// several places has a region at each.
    package var regions: [AlternativeRegion]
    /// The condition each element of the document was read under, by its start: a heading, a paragraph, a
    /// block, a list. What the page shows an element under; an element missing here is read under its
    /// container's.
    package var shownUnder: [SourceLocation: Condition]
    /// The same for list items, by their start (a list starts where its first item does).
    package var itemsShownUnder: [SourceLocation: Condition]
    /// Blocks, instructions and connection switches in document order.
    package var items: [RunbookItem]
    package var claims: [Claim]
    /// Every inference the builder made, for `runbook explain`.
    package var inferences: [Inference]
    /// Default dialect from front matter (`runbook.dialect` or `dialect`), if any.
    package var dialect: String?
    package var diagnostics: [Diagnostic]

    package init(path: String, title: String) {
        self.path = path
        self.title = title
        self.parameters = []
        self.steps = []
        self.choiceGroups = []
        self.regions = []
        self.shownUnder = [:]
        self.itemsShownUnder = [:]
        self.items = []
        self.claims = []
        self.inferences = []
        self.dialect = nil
        self.diagnostics = []
    }
}

/// A step number such as `3.4.1`: the `Step 3` heading, then the position in each ordered list inside it.
package struct StepPath: Hashable, Sendable, Comparable, CustomStringConvertible {
    package var components: [Int]

    package init(_ components: [Int]) { self.components = components }

    package var description: String { components.map(String.init).joined(separator: ".") }
    package var isEmpty: Bool { components.isEmpty }

    package static func < (lhs: StepPath, rhs: StepPath) -> Bool {
        lhs.components.lexicographicallyPrecedes(rhs.components)
    }
}

package struct Step: Hashable, Sendable {
    package var path: StepPath
    package var title: String
    package var range: SourceRange
    package var condition: Condition
}

/// The selections under which something applies: every listed group must have the listed alternative.
package struct Condition: Hashable, Sendable, Comparable {
    package var selections: [String: String]

    package init(_ selections: [String: String] = [:]) { self.selections = selections }

    package static let always = Condition()

    package func holds(in selections: [String: String]) -> Bool {
        self.selections.allSatisfy { selections[$0.key] == $0.value }
    }

    package func adding(group: String, alternative: String) -> Condition {
        var copy = self
        copy.selections[group] = alternative
        return copy
    }

    package var isAlways: Bool { selections.isEmpty }

    /// Whether some variant satisfies both conditions (no group is given two different alternatives).
    package func isCompatible(with other: Condition) -> Bool {
        selections.allSatisfy { other.selections[$0.key] == nil || other.selections[$0.key] == $0.value }
    }

    package var sortedSelections: [(group: String, alternative: String)] {
        selections.sorted { $0.key < $1.key }.map { ($0.key, $0.value) }
    }

    package static func < (lhs: Condition, rhs: Condition) -> Bool {
        lhs.sortedSelections.map { "\($0.group)=\($0.alternative)" }
            .lexicographicallyPrecedes(rhs.sortedSelections.map { "\($0.group)=\($0.alternative)" })
    }
}

/// A set of alternatives of which a person picks one ("Permissions Option 1" / "Permissions Option 2").
package struct ChoiceGroup: Hashable, Sendable {
    /// File-name-safe id, such as `permissions`.
    package var id: String
    package var label: String
    package var alternatives: [Alternative]
    /// The group applies when any of these holds (a choice may appear in several branches).
    package var appliesUnder: [Condition]
    package var range: SourceRange
}

/// A place where the document says "what follows is for this alternative".
package struct AlternativeRegion: Hashable, Sendable {
    package enum Kind: String, Sendable {
        /// A heading ("Permissions Option 1") or a paragraph ("a. (Option 1): …") that names the alternative:
        /// the region runs to the next heading of its level or the next alternative of its choice.
        case alternative
        /// A list item that starts "For Permissions Option 1:": the region is the item.
        case branch
    }

    package var kind: Kind
    package var group: String
    package var alternative: String
    /// The heading, paragraph or list item.
    package var range: SourceRange
}

package struct Alternative: Hashable, Sendable {
    /// File-name-safe id within its group, such as `option-1`.
    package var id: String
    package var label: String
    package var range: SourceRange
}

/// A parameter the doc names with "(for example, x)": its default is `x`, and `--set x=…` replaces it.
package struct Parameter: Hashable, Sendable {
    package var name: String
    package var defaultValue: String
    package var isSecret: Bool
    package var range: SourceRange
    package var origin: String
}

/// One fenced block with its place in the structure.
package struct Block: Hashable, Sendable {
    package enum Role: String, Hashable, Sendable {
        /// Part of the procedure: run in every variant where its condition holds.
        case executable
        /// An illustration (a query to look at data, a synopsis): checked where possible, never run.
        case example
        /// Excluded by an annotation.
        case skip
    }

    package var index: Int
    /// First word of the info string, lower-cased (`sql`), or empty.
    package var language: String
    /// `key=value` attributes from the info string or an annotation comment before the block.
    package var attributes: [String: String]
    package var text: String
    package var range: SourceRange
    package var positions: BlockPositionMap
    package var step: StepPath
    package var condition: Condition
    package var role: Role
    /// The heading the block sits under ("" before the first heading), for saying where it went.
    package var section: String
}

/// A prose instruction a person carries out: a numbered item or a step heading.
package struct Instruction: Hashable, Sendable {
    package var text: String
    package var step: StepPath
    package var range: SourceRange
    package var condition: Condition
}

/// "Switch to the Segment database": the connection in force changes (or, for "Stay in", is confirmed).
package struct ConnectionSwitch: Hashable, Sendable {
    package enum Target: Hashable, Sendable {
        /// The database this runbook creates ("the Segment database", "the new database").
        case createdDatabase
        /// A database the doc names in prose or in a block's comment; resolved in the plan.
        case described(String)
        /// An explicit name (annotation `connection=`).
        case named(String)
    }

    package var phrase: String
    package var target: Target
    package var stays: Bool
    package var step: StepPath
    package var range: SourceRange
    package var condition: Condition
    /// Who runs what follows ("As user2 on db2"); nil keeps the user in force.
    package var user: ConnectionUser? = nil
}

/// The user a connection switch names.
package enum ConnectionUser: Hashable, Sendable {
    /// Whoever runs the script, the administrator ("as the superuser", "as admin").
    case administrator
    case named(String)

    package var name: String? {
        if case .named(let name) = self { name } else { nil }
    }
}

package enum RunbookItem: Hashable, Sendable {
    case instruction(Instruction)
    case connectionSwitch(ConnectionSwitch)
    case block(Block)

    package var condition: Condition {
        switch self {
        case .instruction(let instruction): instruction.condition
        case .connectionSwitch(let connectionSwitch): connectionSwitch.condition
        case .block(let block): block.condition
        }
    }

    package var range: SourceRange {
        switch self {
        case .instruction(let instruction): instruction.range
        case .connectionSwitch(let connectionSwitch): connectionSwitch.range
        case .block(let block): block.range
        }
    }
}

/// What the prose promises a role may do ("Read access to Profiles Sync schema").
package struct Claim: Hashable, Sendable {
    package enum Access: String, Hashable, Sendable, Comparable {
        case read
        case write
        case create

        package static func < (lhs: Access, rhs: Access) -> Bool { lhs.rawValue < rhs.rawValue }
    }

    package enum Target: Hashable, Sendable {
        case database(String)
        case schema(String)
        case tables([String])
    }

    /// One way to satisfy the claim; a claim with several is satisfied by any ("schema, or specific tables").
    package struct Requirement: Hashable, Sendable {
        package var access: [Access]
        package var target: Target

        package init(access: [Access], target: Target) {
            self.access = access
            self.target = target
        }
    }

    package var role: String
    package var text: String
    package var requirements: [Requirement]
    package var range: SourceRange
    package var condition: Condition
}

/// One thing the builder recognised, with where it saw it.
package struct Inference: Hashable, Sendable {
    package enum Kind: String, Hashable, Sendable {
        case step, choice, alternative, branch
        case connectionSwitch = "connection"
        case parameter, claim, block, annotation
        /// Which of two readings of an ambiguous page was taken, and why.
        case reading
    }

    package var kind: Kind
    package var description: String
    package var range: SourceRange
}

// MARK: - Where blocks went

extension Runbook {
    /// Where a block went, in words: the step and alternatives it runs in, or why it runs in none.
    package func placement(of block: Block) -> String {
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
    package static func isReferenceSection(_ heading: String) -> Bool { ProsePatterns.isReferenceSection(heading) }
}
