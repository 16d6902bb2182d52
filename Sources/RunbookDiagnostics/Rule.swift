/// A stable rule identifier such as `sql.syntax`. Ids never change once published (docs/rules.md).
package struct RuleID: RawRepresentable, Hashable, Sendable, Codable, Comparable, ExpressibleByStringLiteral {
    package var rawValue: String

    package init(rawValue: String) { self.rawValue = rawValue }
    package init(stringLiteral value: String) { self.rawValue = value }

    package static func < (lhs: RuleID, rhs: RuleID) -> Bool { lhs.rawValue < rhs.rawValue }
}

/// What a rule checks, with the severity it reports at unless configuration says otherwise.
/// Each stage declares its rules in one alphabetised catalog (`extension Rule { static let … }`).
package struct Rule: Hashable, Sendable {
    package var id: RuleID
    package var defaultSeverity: Severity
    /// One sentence: what the rule finds. Shown by SARIF and in docs/rules.md.
    package var summary: String

    package init(_ id: RuleID, _ defaultSeverity: Severity, _ summary: String) {
        self.id = id
        self.defaultSeverity = defaultSeverity
        self.summary = summary
    }
}
