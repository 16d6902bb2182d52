import RunbookDiagnostics

// Verify's messages, alphabetised, as small structs over the facts they state (RunbookDiagnostics'
// DiagnosticMessage.swift says why).

/// A default privilege the server has that the runbook does not give.
struct ExtraDefaultPrivilegeMessage: DiagnosticMessage {
    var entry: DefaultTablePrivilege

    var rule: Rule { .verifyExtraDefaultPrivilege }
    var message: String { "\(entry.grantee) gets \(entry), which the runbook does not give" }
}

/// A privilege the server grants that the runbook does not.
struct ExtraPrivilegeMessage: DiagnosticMessage {
    var privilege: HeldPrivilege

    var rule: Rule { .verifyExtraPrivilege }
    var message: String {
        "\(privilege.principal) holds \(privilege.privilege) on \(privilege.target), which the runbook does not give"
    }
}

/// A default privilege the runbook gives that the server lacks.
struct MissingDefaultPrivilegeMessage: DiagnosticMessage {
    var entry: DefaultTablePrivilege
    var because: String

    var rule: Rule { .verifyMissingDefaultPrivilege }
    var message: String {
        let creator = entry.creator.isEmpty ? "the user who runs the runbook" : entry.creator
        let place = entry.schema.map { "schema \(entry.database).\($0)" } ?? "database \(entry.database)"
        return "\(entry.grantee) does not get \(entry.privilege) on tables that \(creator) creates later in \(place), "
            + "which the runbook gives through \(because)"
    }
}

/// A membership the runbook grants that the server lacks.
struct MissingMembershipMessage: DiagnosticMessage {
    var membership: RoleMembership

    var rule: Rule { .verifyMissingMembership }
    var message: String { "\(membership.member) is not a member of \(membership.role), which the runbook grants here" }
}

/// A database, schema or table the runbook makes or uses that the server lacks.
struct MissingObjectMessage: DiagnosticMessage {
    enum Object: Sendable {
        case database(String)
        case other(PrivilegeTarget)
    }

    var object: Object

    var rule: Rule { .verifyMissingObject }
    var message: String {
        switch object {
        case .database(let name): "database \(name) does not exist on the server (or does not allow connections)"
        case .other(let target): "\(target) does not exist on the server"
        }
    }
}

/// A user or role the runbook creates that the server lacks.
struct MissingPrincipalMessage: DiagnosticMessage {
    var name: String

    var rule: Rule { .verifyMissingPrincipal }
    var message: String { "'\(name)' does not exist on the server; the runbook creates it here" }
}

/// A privilege the runbook gives that the server lacks, and, when it cannot be compared, what hides it.
struct MissingPrivilegeMessage: DiagnosticMessage {
    var privilege: HeldPrivilege
    var because: String
    /// What the promise does not list that keeps the privilege from being compared ("database d does not exist").
    var hiddenBy: String?

    var rule: Rule { .verifyMissingPrivilege }
    var message: String {
        let base =
            "\(privilege.principal) lacks \(privilege.privilege) on \(privilege.target), which the runbook gives "
            + "through \(because)"
        return hiddenBy.map { base + ": \($0) on the server" } ?? base
    }
}
