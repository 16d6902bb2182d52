package import RunbookDiagnostics

/// What the checks know beyond one block: the dialect and the names the whole runbook creates.
package struct SQLCheckContext: Sendable, Hashable {
    package var dialect: SQLDialect
    /// Normalised names of roles, groups and users known anywhere in the runbook (filled by the driver).
    package var roleNames: Set<String>
    package var groupNames: Set<String>
    package var userNames: Set<String>

    package init(
        dialect: SQLDialect, roleNames: Set<String> = [], groupNames: Set<String> = [],
        userNames: Set<String> = []
    ) {
        self.dialect = dialect
        self.roleNames = roleNames
        self.groupNames = groupNames
        self.userNames = userNames
    }
}

/// A check that needs no privilege model: it reads parsed statements and reports diagnostics.
package protocol StatementCheck: Sendable {
    static var rule: Rule { get }
    func check(_ statements: [Statement], context: SQLCheckContext) -> [Diagnostic]
}

/// The catalog of statement checks.
package enum SQLChecks {
    package static let all: [any StatementCheck] = [
        AliasLikeKeywordCheck(), CreateDatabaseInTransactionCheck(), DialectMismatchCheck(),
        GranteeMissingKeywordCheck(),
        GroupByPositionCheck(), PasswordDoubleQuotedCheck(), PasswordLiteralCheck(), PasswordRejectedCheck(),
        QuotedDottedIdentifierCheck(), UnknownQualifierCheck(),
    ]

    /// Runs every check, returning diagnostics in presentation order.
    package static func run(_ statements: [Statement], context: SQLCheckContext) -> [Diagnostic] {
        all.flatMap { $0.check(statements, context: context) }.sorted(by: Diagnostic.presentationOrder)
    }
}

// MARK: - Shared accessors

extension Statement {
    /// The password options of CREATE/ALTER USER and ROLE, with the user or role they belong to.
    var passwordOptions: [(owner: Identifier, spec: PasswordSpec, range: SourceRange, offsets: Range<Int>)] {
        let (owner, options): (Identifier?, [UserOption]) =
            switch kind {
            case .createUser(let create), .createRole(let create): (create.name, create.options)
            case .alterUser(let alter), .alterRole(let alter):
                if case .options(let options) = alter.action { (alter.name, options) } else { (nil, []) }
            default: (nil, [])
            }
        guard let owner else { return [] }
        return options.compactMap { option in
            if case .password(let spec, let range, let offsets) = option.kind { return (owner, spec, range, offsets) }
            return nil
        }
    }

    /// The GRANT/REVOKE of this statement, including the one inside ALTER DEFAULT PRIVILEGES.
    var privilegeStatement: PrivilegeStatement? {
        switch kind {
        case .grant(let statement), .revoke(let statement): statement
        case .alterDefaultPrivileges(let defaults): defaults.action
        default: nil
        }
    }

    /// A query, a data change, or a view or table made from a query: statements whose names a query defines.
    var isQuery: Bool {
        switch kind {
        case .select, .createView, .createTable: true
        case .opaque(let keyword): ["INSERT", "UPDATE", "DELETE", "MERGE"].contains(keyword)
        default: false
        }
    }
}
