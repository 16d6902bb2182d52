public import RunbookDiagnostics

/// Statements and clauses that the block's dialect does not accept (reference §1, §3, §6):
/// Redshift forms in a PostgreSQL block and PostgreSQL forms (or impossible combinations) in a Redshift block.
public struct DialectMismatchCheck: StatementCheck {
    public static let rule = Rule.sqlDialectMismatch

    public init() {}

    public func check(_ statements: [Statement], context: SQLCheckContext) -> [Diagnostic] {
        statements.flatMap { statement in
            switch context.dialect {
            case .postgres: Self.redshiftOnly(statement)
            case .redshift: Self.notInRedshift(statement)
            // Snowflake's grammar has no shared forms to confuse: its own checks live with its model.
            case .snowflake: [Diagnostic]()
            }
        }
    }

    private static func diagnostic(_ message: String, _ range: SourceRange, fix: FixIt? = nil) -> Diagnostic {
        Diagnostic(rule, message, at: range, fixIts: fix.map { [$0] } ?? [])
    }

    // MARK: Redshift syntax in PostgreSQL

    private static func redshiftOnly(_ statement: Statement) -> [Diagnostic] {
        var found: [Diagnostic] = []
        if let privileges = statement.privilegeStatement {
            switch privileges.target {
            case .roles(let roles):
                for role in roles {
                    guard let keyword = role.keywordRange else { continue }
                    found.append(
                        diagnostic(
                            "'GRANT ROLE r' is Redshift syntax; PostgreSQL grants a role as 'GRANT r TO …'",
                            keyword))
                }
            case .scoped(_, _, _, let range):
                found.append(diagnostic("scoped permissions ('FOR … IN …') exist only in Redshift", range))
            case .systemPermissions:
                if case .list(let list) = privileges.privileges, let first = list.first {
                    found.append(
                        diagnostic(
                            "system permissions such as \(first.name) exist only in Redshift",
                            first.range))
                }
            case .defaultObjects(.procedure, let range):
                found.append(diagnostic("PostgreSQL has no default privileges ON PROCEDURES; use ON ROUTINES", range))
            default:
                break
            }
            // A statement already reported as Redshift-only is not reported again for its grantees.
            let reported = !found.isEmpty
            for grantee in privileges.grantees where !reported {
                guard let keyword = grantee.keywordRange else { continue }
                switch grantee.kind {
                case .role:
                    found.append(
                        diagnostic(
                            "'ROLE' before a grantee is Redshift syntax; PostgreSQL names the role "
                                + "alone", keyword))
                case .user:
                    found.append(
                        diagnostic(
                            "'USER' before a grantee is not PostgreSQL syntax; name the role alone",
                            keyword))
                default:
                    break
                }
            }
        }
        for option in userOptions(of: statement) {
            switch option.kind {
            case .createUser(let on):
                found.append(
                    diagnostic(
                        "\(on ? "CREATEUSER" : "NOCREATEUSER") was removed in PostgreSQL 9.6; "
                            + "write \(on ? "SUPERUSER" : "NOSUPERUSER")", option.range))
            case .password(.disable, _, _):
                found.append(
                    diagnostic(
                        "PASSWORD DISABLE is Redshift syntax; PostgreSQL writes PASSWORD NULL",
                        option.range))
            case .connectionLimit(.unlimited):
                found.append(
                    diagnostic(
                        "CONNECTION LIMIT UNLIMITED is Redshift syntax; PostgreSQL writes "
                            + "CONNECTION LIMIT -1", option.range))
            case .syslogAccess, .sessionTimeout, .externalID:
                found.append(diagnostic("this user option exists only in Redshift", option.range))
            default:
                break
            }
        }
        if case .createSchema(let schema) = statement.kind, let quota = schema.quota {
            found.append(diagnostic("schema QUOTA exists only in Redshift", quota.range))
        }
        return found
    }

    // MARK: PostgreSQL syntax (or impossible forms) in Redshift

    private static let postgresRoleOptions: Set<String> = [
        "SUPERUSER", "NOSUPERUSER", "CREATEROLE", "NOCREATEROLE", "INHERIT", "NOINHERIT", "LOGIN", "NOLOGIN",
        "REPLICATION", "NOREPLICATION", "BYPASSRLS", "NOBYPASSRLS", "IN ROLE", "ROLE", "ADMIN", "SYSID",
    ]

    private static func notInRedshift(_ statement: Statement) -> [Diagnostic] {
        var found: [Diagnostic] = []
        if case .set(let set) = statement.kind, set.name == "role" {
            found.append(diagnostic("Redshift does not support SET ROLE", set.nameRange))
        }
        if case .alterDefaultPrivileges(let defaults) = statement.kind {
            if defaults.targetKind == .role, let range = defaults.targetKeywordRange {
                found.append(diagnostic("Redshift default privileges take FOR USER, not FOR ROLE", range))
            }
            if case .defaultObjects(let kind, let range) = defaults.action.target,
                ![.table, .function, .procedure].contains(kind)
            {
                found.append(
                    diagnostic(
                        "Redshift default privileges cover only TABLES, FUNCTIONS and PROCEDURES",
                        range))
            }
        }
        if let privileges = statement.privilegeStatement {
            found += privilegeForms(privileges)
        }
        if case .createUser(let user) = statement.kind,
            !user.options.contains(where: { if case .password = $0.kind { true } else { false } })
        {
            found.append(
                diagnostic(
                    "Redshift's CREATE USER requires a PASSWORD clause; write PASSWORD DISABLE for "
                        + "a user that signs in without one", user.name.range))
        }
        for option in userOptions(of: statement) {
            if case .other(let name) = option.kind, postgresRoleOptions.contains(name) {
                found.append(
                    diagnostic(
                        "\(name) is a PostgreSQL role option; Redshift does not accept it",
                        option.range))
            }
        }
        return found
    }

    private static func privilegeForms(_ privileges: PrivilegeStatement) -> [Diagnostic] {
        var found: [Diagnostic] = []
        let grantees = privileges.grantees
        switch privileges.target {
        case .roles(let roles):
            for role in roles where role.keywordRange == nil {
                found.append(
                    diagnostic(
                        "Redshift grants a role as 'GRANT ROLE \(role.name.raw) TO …'; "
                            + "without ROLE the name is read as a privilege", role.name.range,
                        fix: FixIt(
                            "add ROLE", range: role.name.range,
                            replacement: "ROLE \(role.name.raw)", applicability: .safe)))
            }
        case .systemPermissions, .scoped:
            let what = privileges.target == .systemPermissions ? "system permissions" : "scoped permissions"
            let allowed: Set<Grantee.Kind> =
                privileges.target == .systemPermissions
                ? [.role]
                : [
                    .role, .unqualified,
                    .user,
                ]
            for grantee in grantees where !allowed.contains(grantee.kind) {
                found.append(
                    diagnostic(
                        "Redshift \(what) can be given only to "
                            + (allowed.count == 1 ? "roles (TO ROLE r)" : "users and roles"),
                        grantee.range))
            }
        default:
            break
        }
        if let range = privileges.adminOptionRange, privileges.action == .grant,
            grantees.contains(where: { $0.kind != .unqualified && $0.kind != .user })
        {
            found.append(
                diagnostic(
                    "Redshift allows WITH ADMIN OPTION only for users, not roles, groups or PUBLIC",
                    range))
        }
        if let range = privileges.grantOptionRange {
            let forbidden: Set<Grantee.Kind> =
                privileges.action == .grant ? [.role, .group, .public] : [.group, .public]
            if grantees.contains(where: { forbidden.contains($0.kind) }) {
                let whom = privileges.action == .grant ? "roles, groups or PUBLIC" : "groups or PUBLIC"
                found.append(diagnostic("Redshift does not allow the grant option for \(whom)", range))
            }
        }
        return found
    }

    private static func userOptions(of statement: Statement) -> [UserOption] {
        switch statement.kind {
        case .createUser(let create), .createRole(let create): create.options
        case .alterUser(let alter), .alterRole(let alter):
            if case .options(let options) = alter.action { options } else { [] }
        default: []
        }
    }
}
