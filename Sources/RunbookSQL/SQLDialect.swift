/// The SQL dialects the parser and checks understand. Redshift is the default: setup guides target it.
/// What each one is (names, built-ins, case folding) lives in its `DialectProfile` (Dialects/).
public enum SQLDialect: String, Sendable, Hashable, CaseIterable {
    case redshift
    case postgres
    /// Checked once its engine's `checkedDialect` names it (Dialects/Engine.swift).
    case snowflake
}

// MARK: - Presentation

extension SQLDialect {
    /// The product name used in messages.
    package var displayName: String { profile.displayName }
}
