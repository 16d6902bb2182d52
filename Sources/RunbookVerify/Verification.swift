public import RunbookDiagnostics

/// A privilege the runbook promises, and the statement (or chain of statements) that gives it.
public struct ExpectedPrivilege: Hashable, Sendable {
    public var privilege: HeldPrivilege
    /// `GRANT SELECT ON devices.user_devices, Step 3.4.1.2, line 97`, or through a role: the whole chain.
    public var because: String
    /// Where in the Markdown file the statement that gives it is; nil for built-in defaults.
    public var range: SourceRange?

    public init(privilege: HeldPrivilege, because: String, range: SourceRange?) {
        self.privilege = privilege
        self.because = because
        self.range = range
    }
}

/// What the runbook promises for one variant, in the terms a live server can be asked about.
public struct Promise: Sendable {
    /// The users and roles the runbook creates, with where.
    public var principals: [String: SourceRange]
    /// The databases the runbook creates or works in.
    public var databases: [String]
    /// The schemas and tables the runbook creates or relies on (nil range: no statement names it).
    public var objects: [PrivilegeTarget: SourceRange]
    public var privileges: [ExpectedPrivilege]

    public init(
        principals: [String: SourceRange], databases: [String], objects: [PrivilegeTarget: SourceRange],
        privileges: [ExpectedPrivilege]
    ) {
        self.principals = principals
        self.databases = databases
        self.objects = objects
        self.privileges = privileges
    }
}

/// The comparison of a promise with a live snapshot.
public struct VerifyOutcome: Sendable {
    public var diagnostics: [Diagnostic]
    /// Privileges expected and found.
    public var matched: Int
    public var expected: Int
    /// Privileges on objects that the runbook's principals created themselves after the runbook ran (they own
    /// them); not drift.
    public var ownedSkipped: Int

    public var matches: Bool { diagnostics.isEmpty }
}

public enum Verification {
    /// Each expected privilege present, and nothing beyond them for the runbook's principals.
    ///
    /// - Parameter fallback: where to point a finding that no statement explains (the first line of the file).
    public static func compare(
        _ promise: Promise, with live: LiveSnapshot, variant: String, fallback: SourceRange
    )
        -> VerifyOutcome
    {
        var diagnostics: [Diagnostic] = []
        let runbookPrincipals = Set(promise.principals.keys)
        for (name, range) in promise.principals.sorted(by: { $0.key < $1.key })
        where !live.existingPrincipals.contains(name) {
            diagnostics.append(
                Diagnostic(
                    .verifyMissingPrincipal, "'\(name)' does not exist on the server; the runbook creates it here",
                    at: range, variants: [variant]))
        }
        for database in promise.databases.sorted() where !live.existingDatabases.contains(database) {
            diagnostics.append(
                Diagnostic(
                    .verifyMissingObject,
                    "database \(database) does not exist on the server (or does not allow connections)",
                    at: promise.objects[PrivilegeTarget(database: database)] ?? fallback, variants: [variant]))
        }
        for (target, range) in promise.objects.sorted(by: { $0.key < $1.key })
        where target.kind != .database && live.existingDatabases.contains(target.database)
            && live.objects[target] == nil
        {
            diagnostics.append(
                Diagnostic(
                    .verifyMissingObject, "\(target) does not exist on the server", at: range, variants: [variant]))
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
        where expectedSet.insert(expected.privilege).inserted && comparable(expected.privilege) {
            expectedCount += 1
            if live.privileges.contains(expected.privilege) {
                matched += 1
                continue
            }
            let privilege = expected.privilege
            diagnostics.append(
                Diagnostic(
                    .verifyMissingPrivilege,
                    "\(privilege.principal) lacks \(privilege.privilege) on \(privilege.target), which the runbook gives "
                        + "through \(expected.because)",
                    at: expected.range ?? promise.principals[privilege.principal] ?? fallback, variants: [variant]))
        }
        var ownedSkipped = 0
        for privilege in live.privileges.sorted() where runbookPrincipals.contains(privilege.principal) {
            guard !expectedSet.contains(privilege) else { continue }
            if let owner = live.objects[privilege.target], runbookPrincipals.contains(owner) {
                ownedSkipped += 1
                continue
            }
            diagnostics.append(
                Diagnostic(
                    .verifyExtraPrivilege,
                    "\(privilege.principal) holds \(privilege.privilege) on \(privilege.target), which the runbook does not give",
                    at: promise.principals[privilege.principal] ?? fallback,
                    notes: [DiagnosticNote("revoke it, or add the statement that grants it to the runbook")],
                    variants: [variant]))
        }
        return VerifyOutcome(
            diagnostics: diagnostics.sorted(by: Diagnostic.presentationOrder), matched: matched,
            expected: expectedCount,
            ownedSkipped: ownedSkipped)
    }
}
