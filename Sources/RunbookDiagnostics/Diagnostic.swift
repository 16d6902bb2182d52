/// How bad a finding is. The front end may raise warnings to errors; stages never decide that.
package enum Severity: String, Sendable, Codable, Comparable, CaseIterable {
    case note
    case warning
    case error

    private var rank: Int {
        switch self {
        case .note: 0
        case .warning: 1
        case .error: 2
        }
    }

    package static func < (lhs: Severity, rhs: Severity) -> Bool { lhs.rank < rhs.rank }
}

/// A secondary message attached to a diagnostic, optionally pointing elsewhere ("the role is created here").
package struct DiagnosticNote: Hashable, Sendable, Codable {
    package var message: String
    package var range: SourceRange?

    package init(_ message: String, at range: SourceRange? = nil) {
        self.message = message
        self.range = range
    }
}

/// A suggested edit: replace the text in `range` with `replacement`.
package struct FixIt: Hashable, Sendable, Codable {
    /// Whether `runbook fix` may apply an edit without being asked (ruff's safe and unsafe fixes).
    package enum Applicability: String, Hashable, Sendable, Codable {
        /// The text does not work as written and the edit is the one reading of it: a missing `;`, a
        /// look-alike character, a keyword of a closed vocabulary misspelt.
        case safe
        /// A guess that could be wrong, or a change of what the statement does: a name among the runbook's
        /// names, narrowing a grant. Applied only with `--unsafe`.
        case unsafe
    }

    package var message: String
    package var range: SourceRange
    package var replacement: String
    package var applicability: Applicability
    /// The bytes of the file `range` covers, once the file is known (`LineStarts.locating`).
    package var offsets: Range<Int>?

    package init(_ message: String, range: SourceRange, replacement: String, applicability: Applicability) {
        self.message = message
        self.range = range
        self.replacement = replacement
        self.applicability = applicability
    }
}

/// One finding about one document.
package struct Diagnostic: Hashable, Sendable, Codable {
    package var rule: RuleID
    package var severity: Severity
    package var message: String
    package var range: SourceRange
    package var notes: [DiagnosticNote]
    package var fixIts: [FixIt]
    /// The variants (slugs) this finding occurs in; empty when it does not depend on a variant.
    package var variants: [String]
    /// The bytes of the file `range` covers, next to its lines and columns: filled in once the whole file is
    /// known (`LineStarts.locating`); nil before that, or when the range leaves the file.
    package var offsets: Range<Int>?

    package init(
        _ rule: Rule,
        _ message: String,
        at range: SourceRange,
        severity: Severity? = nil,
        notes: [DiagnosticNote] = [],
        fixIts: [FixIt] = [],
        variants: [String] = []
    ) {
        self.rule = rule.id
        self.severity = severity ?? rule.defaultSeverity
        self.message = message
        self.range = range
        self.notes = notes
        self.fixIts = fixIts
        self.variants = variants
    }
}

// MARK: - Ordering

extension Diagnostic {
    /// Position first, then rule, then message: the order every renderer prints in.
    package static func presentationOrder(_ lhs: Diagnostic, _ rhs: Diagnostic) -> Bool {
        if lhs.range.start != rhs.range.start { return lhs.range.start < rhs.range.start }
        if lhs.rule != rhs.rule { return lhs.rule.rawValue < rhs.rule.rawValue }
        return lhs.message < rhs.message
    }
}

/// A document's diagnostics, gathered by the stages that read it.
package struct DiagnosticBag: Sendable {
    package private(set) var diagnostics: [Diagnostic] = []

    package init() {}

    package mutating func emit(_ diagnostic: Diagnostic) {
        diagnostics.append(diagnostic)
    }

    package mutating func emit(
        _ rule: Rule,
        _ message: String,
        at range: SourceRange,
        notes: [DiagnosticNote] = [],
        fixIts: [FixIt] = []
    ) {
        diagnostics.append(Diagnostic(rule, message, at: range, notes: notes, fixIts: fixIts))
    }

    package mutating func append(contentsOf other: [Diagnostic]) {
        diagnostics.append(contentsOf: other)
    }

    package var hasErrors: Bool { diagnostics.contains { $0.severity == .error } }
}

extension Diagnostic {
    /// Variant slugs shown in text and annotations before the rest are counted; JSON and SARIF list all.
    package static let listedVariants = 4

    /// "a, b" — or "a, b, c, d and 12 more" when the finding occurs in more than `listedVariants` variants.
    package var variantSummary: String {
        guard variants.count > Self.listedVariants else { return variants.joined(separator: ", ") }
        let listed = variants.prefix(Self.listedVariants).joined(separator: ", ")
        return "\(listed) and \(variants.count - Self.listedVariants) more (--format json lists them all)"
    }
}
