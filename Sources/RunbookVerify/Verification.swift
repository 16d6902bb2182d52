package import RunbookDiagnostics

/// A privilege the runbook promises, and the statement (or chain of statements) that gives it.
package struct ExpectedPrivilege: Hashable, Sendable {
    package var privilege: HeldPrivilege
    /// `GRANT SELECT ON devices.user_devices, Step 3.4.1.2, line 97`, or through a role: the whole chain.
    package var because: String
    /// Where in the Markdown file the statement that gives it is; nil for built-in defaults.
    package var range: SourceRange?
    /// Who the grant that gives it goes to: the principal itself, the role it holds it through, `PUBLIC`; nil
    /// when no GRANT gives it (ownership, a superuser).
    package var grantee: String?
    /// The step of the statement that gives it (`3.4.1.2`); nil outside steps or for built-in defaults.
    package var step: String?

    package init(
        privilege: HeldPrivilege, because: String, range: SourceRange?, grantee: String? = nil, step: String? = nil
    ) {
        self.privilege = privilege
        self.because = because
        self.range = range
        self.grantee = grantee
        self.step = step
    }
}

/// A role membership the runbook grants (`GRANT ROLE r TO u`), with where.
package struct ExpectedMembership: Hashable, Sendable {
    package var membership: RoleMembership
    package var range: SourceRange?
    /// The step of the GRANT; nil outside steps.
    package var step: String?

    package init(membership: RoleMembership, range: SourceRange?, step: String? = nil) {
        self.membership = membership
        self.range = range
        self.step = step
    }
}

/// A default privilege the runbook sets (`ALTER DEFAULT PRIVILEGES … GRANT … ON TABLES`), with where.
package struct ExpectedDefaultPrivilege: Hashable, Sendable {
    /// `creator` is the role the statement names with FOR ROLE, or empty: the person running the runbook
    /// (whoever that is on the live server).
    package var privilege: DefaultTablePrivilege
    package var because: String
    package var range: SourceRange?
    /// The step of the ALTER DEFAULT PRIVILEGES; nil outside steps.
    package var step: String?

    package init(privilege: DefaultTablePrivilege, because: String, range: SourceRange?, step: String? = nil) {
        self.privilege = privilege
        self.because = because
        self.range = range
        self.step = step
    }

    /// Whether a live entry is this one: same database, schema, privilege and grantee, and the same creator
    /// unless the runbook leaves the creator to whoever runs it.
    package func isMatched(by live: DefaultTablePrivilege) -> Bool {
        live.database == privilege.database && live.schema == privilege.schema && live.privilege == privilege.privilege
            && live.grantee == privilege.grantee && (privilege.creator.isEmpty || live.creator == privilege.creator)
    }
}

/// What the runbook promises for one variant, in the terms a live server can be asked about.
package struct Promise: Sendable {
    /// The users and roles the runbook creates, with where.
    package var principals: [String: SourceRange]
    /// Those of `principals` that are users (they log in, with a password).
    package var users: Set<String>
    /// The databases the runbook creates or works in.
    package var databases: [String]
    /// The schemas and tables the runbook creates or relies on (nil range: no statement names it).
    package var objects: [PrivilegeTarget: SourceRange]
    /// The databases and schemas the runbook itself creates, with their owners (what a repair may CREATE).
    package var createdObjects: [PrivilegeTarget: String]
    package var privileges: [ExpectedPrivilege]
    package var memberships: [ExpectedMembership]
    package var defaultPrivileges: [ExpectedDefaultPrivilege]

    package init(
        principals: [String: SourceRange], users: Set<String> = [], databases: [String],
        objects: [PrivilegeTarget: SourceRange], createdObjects: [PrivilegeTarget: String] = [:],
        privileges: [ExpectedPrivilege], memberships: [ExpectedMembership] = [],
        defaultPrivileges: [ExpectedDefaultPrivilege] = []
    ) {
        self.principals = principals
        self.users = users
        self.databases = databases
        self.objects = objects
        self.createdObjects = createdObjects
        self.privileges = privileges
        self.memberships = memberships
        self.defaultPrivileges = defaultPrivileges
    }
}

/// One way the live database differs from a promise: what `verify` reports and `--repair` closes.
package enum Difference: Hashable, Sendable {
    case missingPrincipal(String)
    case missingDatabase(String)
    case missingObject(PrivilegeTarget)
    /// `comparable` is false when the principal or the object is missing (reported once, as that).
    case missingPrivilege(ExpectedPrivilege, comparable: Bool)
    case extraPrivilege(HeldPrivilege)
    case missingMembership(ExpectedMembership)
    case missingDefaultPrivilege(ExpectedDefaultPrivilege)
    case extraDefaultPrivilege(DefaultTablePrivilege)
}

/// The comparison of a promise with a live snapshot.
package struct VerifyOutcome: Sendable {
    package var diagnostics: [Diagnostic]
    /// Every difference, including missing privileges that are not reported one by one.
    package var differences: [Difference]
    /// Privileges expected and found.
    package var matched: Int
    package var expected: Int
    /// Privileges on objects that the runbook's principals created themselves after the runbook ran (they own
    /// them); not drift.
    package var ownedSkipped: Int

    package var matches: Bool { differences.isEmpty }
    /// How far the database is from the promise: each difference counts once, and so does each promised
    /// privilege that a missing principal or object hides (so that dropping a role cannot look like a match).
    package var distance: Int { differences.count }
}

package enum Verification {
    /// Each expected privilege present, and nothing beyond them for the runbook's principals, in the promise's
    /// databases.
    ///
    /// - Parameter fallback: where to point a finding that no statement explains (the first line of the file).
    package static func compare(
        _ promise: Promise, with live: LiveSnapshot, variant: String, fallback: SourceRange
    )
        -> VerifyOutcome
    {
        var differences: [Difference] = []
        let runbookPrincipals = Set(promise.principals.keys)
        let databases = Set(promise.databases)
        for name in promise.principals.keys.sorted() where !live.existingPrincipals.contains(name) {
            differences.append(.missingPrincipal(name))
        }
        for database in promise.databases.sorted() where !live.existingDatabases.contains(database) {
            differences.append(.missingDatabase(database))
        }
        for target in promise.objects.keys.sorted()
        where target.kind != .database && live.existingDatabases.contains(target.database)
            && live.objects[target] == nil
        {
            differences.append(.missingObject(target))
        }

        func comparable(_ privilege: HeldPrivilege) -> Bool {
            live.existingPrincipals.contains(privilege.principal)
                && live.existingDatabases.contains(privilege.target.database)
                && (privilege.target.kind == .database || live.objects[privilege.target] != nil)
        }
        var expectedSet = Set<HeldPrivilege>()
        var matched = 0
        var expectedCount = 0
        for expected in promise.privileges.sorted(by: { $0.privilege < $1.privilege })
        where expectedSet.insert(expected.privilege).inserted {
            guard comparable(expected.privilege) else {
                differences.append(.missingPrivilege(expected, comparable: false))
                continue
            }
            expectedCount += 1
            if live.privileges.contains(expected.privilege) {
                matched += 1
            } else {
                differences.append(.missingPrivilege(expected, comparable: true))
            }
        }
        var ownedSkipped = 0
        // In a database the variant never works in, what PUBLIC holds by default (CONNECT and TEMP on the
        // database, the `public` schema) is no drift; anything else is (when every variant is compared, the
        // server was read for all their databases).
        func relevant(_ privilege: HeldPrivilege) -> Bool {
            guard !databases.contains(privilege.target.database) else { return true }
            switch privilege.target.kind {
            case .database: return !["CONNECT", "TEMP"].contains(privilege.privilege)
            case .schema: return privilege.target.schema != "public"
            case .table: return true
            }
        }
        for privilege in live.privileges.sorted()
        where runbookPrincipals.contains(privilege.principal) && relevant(privilege) {
            guard !expectedSet.contains(privilege) else { continue }
            if let owner = live.objects[privilege.target], runbookPrincipals.contains(owner) {
                ownedSkipped += 1
                continue
            }
            differences.append(.extraPrivilege(privilege))
        }
        for expected in promise.memberships.sorted(by: { $0.membership < $1.membership })
        where !live.memberships.contains(expected.membership) {
            differences.append(.missingMembership(expected))
        }
        for expected in promise.defaultPrivileges.sorted(by: { $0.privilege < $1.privilege })
        where live.existingDatabases.contains(expected.privilege.database)
            && !live.defaultPrivileges.contains(where: expected.isMatched(by:))
        {
            differences.append(.missingDefaultPrivilege(expected))
        }
        for entry in live.defaultPrivileges.sorted()
        where runbookPrincipals.contains(entry.grantee) && databases.contains(entry.database)
            && !promise.defaultPrivileges.contains(where: { $0.isMatched(by: entry) })
        {
            differences.append(.extraDefaultPrivilege(entry))
        }
        var diagnostics = differences.compactMap {
            diagnostic(for: $0, promise: promise, variant: variant, fallback: fallback)
        }
        // A privilege that cannot be compared is reported through what hides it (the missing principal,
        // database or object), when that is reported; otherwise it is reported itself, so that no difference
        // goes without a finding (and "does not match" never exits 0).
        for case .missingPrivilege(let expected, comparable: false) in differences {
            let privilege = expected.privilege
            let target = privilege.target
            let hidden: String? =
                if !live.existingPrincipals.contains(privilege.principal) {
                    promise.principals[privilege.principal] == nil ? "'\(privilege.principal)' does not exist" : nil
                } else if !live.existingDatabases.contains(target.database) {
                    databases.contains(target.database) ? nil : "database \(target.database) does not exist"
                } else {
                    promise.objects[target] == nil ? "\(target) does not exist" : nil
                }
            guard let hidden else { continue }
            diagnostics.append(
                Diagnostic(
                    MissingPrivilegeMessage(privilege: privilege, because: expected.because, hiddenBy: hidden),
                    at: expected.range ?? promise.principals[privilege.principal] ?? fallback, variants: [variant]))
        }
        return VerifyOutcome(
            diagnostics: diagnostics.sorted(by: Diagnostic.presentationOrder), differences: differences,
            matched: matched, expected: expectedCount, ownedSkipped: ownedSkipped)
    }

    /// The finding for one difference; nil for a missing privilege hidden by a missing principal or object.
    static func diagnostic(
        for difference: Difference, promise: Promise, variant: String, fallback: SourceRange
    )
        -> Diagnostic?
    {
        switch difference {
        case .missingPrincipal(let name):
            return Diagnostic(
                MissingPrincipalMessage(name: name),
                at: promise.principals[name] ?? fallback, variants: [variant])
        case .missingDatabase(let database):
            return Diagnostic(
                MissingObjectMessage(object: .database(database)),
                at: promise.objects[PrivilegeTarget(database: database)] ?? fallback, variants: [variant])
        case .missingObject(let target):
            return Diagnostic(
                MissingObjectMessage(object: .other(target)), at: promise.objects[target] ?? fallback,
                variants: [variant])
        case .missingPrivilege(_, comparable: false):
            return nil
        case .missingPrivilege(let expected, comparable: true):
            let privilege = expected.privilege
            return Diagnostic(
                MissingPrivilegeMessage(privilege: privilege, because: expected.because),
                at: expected.range ?? promise.principals[privilege.principal] ?? fallback, variants: [variant])
        case .extraPrivilege(let privilege):
            return Diagnostic(
                ExtraPrivilegeMessage(privilege: privilege),
                at: promise.principals[privilege.principal] ?? fallback,
                notes: [DiagnosticNote("revoke it, or add the statement that grants it to the runbook")],
                variants: [variant])
        case .missingMembership(let expected):
            let membership = expected.membership
            return Diagnostic(
                MissingMembershipMessage(membership: membership),
                at: expected.range ?? promise.principals[membership.member] ?? fallback, variants: [variant])
        case .missingDefaultPrivilege(let expected):
            let entry = expected.privilege
            return Diagnostic(
                MissingDefaultPrivilegeMessage(entry: entry, because: expected.because),
                at: expected.range ?? promise.principals[entry.grantee] ?? fallback, variants: [variant])
        case .extraDefaultPrivilege(let entry):
            return Diagnostic(
                ExtraDefaultPrivilegeMessage(entry: entry),
                at: promise.principals[entry.grantee] ?? fallback,
                notes: [DiagnosticNote("revoke it with ALTER DEFAULT PRIVILEGES, or add the statement to the runbook")],
                variants: [variant])
        }
    }
}
