/// The SQL dialects the parser and checks understand. Redshift is the default: setup guides target it.
public enum SQLDialect: String, Sendable, Hashable, CaseIterable {
    case redshift
    case postgres
}

// MARK: - Presentation

extension SQLDialect {
    /// The product name used in messages.
    public var displayName: String {
        switch self {
        case .redshift: "Redshift"
        case .postgres: "PostgreSQL"
        }
    }
}
