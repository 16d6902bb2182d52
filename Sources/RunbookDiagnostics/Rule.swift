/// A stable rule identifier such as `sql.syntax`. Ids never change once published (docs/rules.md).
public struct RuleID: RawRepresentable, Hashable, Sendable, Codable, Comparable, ExpressibleByStringLiteral {
    public var rawValue: String

    public init(rawValue: String) { self.rawValue = rawValue }
    public init(stringLiteral value: String) { self.rawValue = value }

    public static func < (lhs: RuleID, rhs: RuleID) -> Bool { lhs.rawValue < rhs.rawValue }
}

/// What a rule checks, with the severity it reports at unless configuration says otherwise.
/// Each stage declares its rules in one alphabetised catalog (`extension Rule { static let … }`).
public struct Rule: Hashable, Sendable {
    public var id: RuleID
    public var defaultSeverity: Severity
    /// One sentence: what the rule finds. Shown by SARIF and in docs/rules.md.
    public var summary: String

    public init(_ id: RuleID, _ defaultSeverity: Severity, _ summary: String) {
        self.id = id
        self.defaultSeverity = defaultSeverity
        self.summary = summary
    }
}
