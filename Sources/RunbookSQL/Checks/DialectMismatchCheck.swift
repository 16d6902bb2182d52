package import RunbookDiagnostics

/// Statements and clauses that the block's dialect does not accept (reference §1, §3, §6):
/// Redshift forms in a PostgreSQL block and PostgreSQL forms (or impossible combinations) in a Redshift block.
package struct DialectMismatchCheck: StatementCheck {
    package static let rule = Rule.sqlDialectMismatch

    package init() {}

    package func check(_ statements: [Statement], context: SQLCheckContext) -> [Diagnostic] {
        statements.flatMap { statement in
            switch context.dialect {
            case .postgres: Self.redshiftOnly(statement)
            case .redshift: Self.notInRedshift(statement)
            // Snowflake's grammar has no shared forms to confuse: its own checks live with its model.
            case .snowflake: [Diagnostic]()
            }
        }
    }

    private static func diagnostic(
        _ message: some DiagnosticMessage, _ range: SourceRange, fix: FixIt? = nil
    ) -> Diagnostic {
        Diagnostic(message, at: range, fixIts: fix.map { [$0] } ?? [])
    }

    // MARK: Redshift syntax in PostgreSQL

    private static func redshiftOnly(_ statement: Statement) -> [Diagnostic] {
        var found: [Diagnostic] = []
        if let privileges = statement.privilegeStatement {
            switch privileges.target {
            case .roles(let roles):
                for role in roles {
                    guard let keyword = role.keywordRange else { continue }
                    found.append(diagnostic(StaticMessage.postgresGrantRoleKeyword, keyword))
                }
            case .scoped(_, _, _, let range):
                found.append(diagnostic(StaticMessage.postgresScopedPermissions, range))
            case .systemPermissions:
                if case .list(let list) = privileges.privileges, let first = list.first {
                    found.append(diagnostic(PostgresSystemPermissionMessage(permission: first.name), first.range))
                }
            case .defaultObjects(.procedure, let range):
                found.append(diagnostic(StaticMessage.postgresDefaultsOnProcedures, range))
            default:
                break
            }
            // A statement already reported as Redshift-only is not reported again for its grantees.
            let reported = !found.isEmpty
            for grantee in privileges.grantees where !reported {
                guard let keyword = grantee.keywordRange else { continue }
                switch grantee.kind {
                case .role:
                    found.append(diagnostic(StaticMessage.postgresGranteeRoleKeyword, keyword))
                case .user:
                    found.append(diagnostic(StaticMessage.postgresGranteeUserKeyword, keyword))
                default:
                    break
                }
            }
        }
        for option in userOptions(of: statement) {
            switch option.kind {
            case .createUser(let on):
                found.append(diagnostic(PostgresCreateUserOptionMessage(isOn: on), option.range))
            case .password(.disable, _, _):
                found.append(diagnostic(StaticMessage.postgresPasswordDisable, option.range))
            case .connectionLimit(.unlimited):
                found.append(diagnostic(StaticMessage.postgresUnlimitedConnections, option.range))
            case .syslogAccess, .sessionTimeout, .externalID:
                found.append(diagnostic(StaticMessage.postgresUserOption, option.range))
            default:
                break
            }
        }
        if case .createSchema(let schema) = statement.kind, let quota = schema.quota {
            found.append(diagnostic(StaticMessage.postgresSchemaQuota, quota.range))
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
            found.append(diagnostic(StaticMessage.redshiftSetRole, set.nameRange))
        }
        if case .alterDefaultPrivileges(let defaults) = statement.kind {
            if defaults.targetKind == .role, let range = defaults.targetKeywordRange {
                found.append(diagnostic(StaticMessage.redshiftDefaultsForRole, range))
            }
            if case .defaultObjects(let kind, let range) = defaults.action.target,
                ![.table, .function, .procedure].contains(kind)
            {
                found.append(diagnostic(StaticMessage.redshiftDefaultsObjectKinds, range))
            }
        }
        if let privileges = statement.privilegeStatement {
            found += privilegeForms(privileges)
        }
        if case .createUser(let user) = statement.kind,
            !user.options.contains(where: { if case .password = $0.kind { true } else { false } })
        {
            found.append(diagnostic(StaticMessage.redshiftCreateUserNeedsPassword, user.name.range))
        }
        for option in userOptions(of: statement) {
            if case .other(let name) = option.kind, postgresRoleOptions.contains(name) {
                found.append(diagnostic(RedshiftPostgresRoleOptionMessage(option: name), option.range))
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
                        RedshiftRoleWithoutKeywordMessage(role: role.name.raw), role.name.range,
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
                        RedshiftPermissionGranteeMessage(what: what, rolesOnly: allowed.count == 1), grantee.range))
            }
        default:
            break
        }
        if let range = privileges.adminOptionRange, privileges.action == .grant,
            grantees.contains(where: { $0.kind != .unqualified && $0.kind != .user })
        {
            found.append(diagnostic(StaticMessage.redshiftAdminOptionForUsers, range))
        }
        if let range = privileges.grantOptionRange {
            let forbidden: Set<Grantee.Kind> =
                privileges.action == .grant ? [.role, .group, .public] : [.group, .public]
            if grantees.contains(where: { forbidden.contains($0.kind) }) {
                let whom = privileges.action == .grant ? "roles, groups or PUBLIC" : "groups or PUBLIC"
                found.append(diagnostic(RedshiftGrantOptionMessage(whom: whom), range))
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
