package import RunbookDiagnostics

// The verify stage's rules, alphabetised by id.
extension Rule {
    package static let verifyExtraDefaultPrivilege = Rule(
        "verify.extra-default-privilege", .error,
        "A principal the runbook creates receives a default privilege on future tables that the runbook does not give.")
    package static let verifyExtraPrivilege = Rule(
        "verify.extra-privilege", .error,
        "A principal the runbook creates holds a privilege on the live database that the runbook does not give it.")
    package static let verifyMissingDefaultPrivilege = Rule(
        "verify.missing-default-privilege", .error,
        "A default privilege the runbook sets (ALTER DEFAULT PRIVILEGES … ON TABLES) is not in the live database.")
    package static let verifyMissingMembership = Rule(
        "verify.missing-membership", .error,
        "A role membership the runbook grants (GRANT ROLE r TO u) is not on the live server.")
    package static let verifyMissingObject = Rule(
        "verify.missing-object", .error,
        "A database, schema or table the runbook creates or uses is not on the live server.")
    package static let verifyMissingPrincipal = Rule(
        "verify.missing-principal", .error, "A user or role the runbook creates does not exist on the live server.")
    package static let verifyMissingPrivilege = Rule(
        "verify.missing-privilege", .error,
        "A privilege the runbook gives (the simulator's effective privileges) is not held on the live database.")

    package static let verifyRules: [Rule] = [
        verifyExtraDefaultPrivilege, verifyExtraPrivilege, verifyMissingDefaultPrivilege, verifyMissingMembership,
        verifyMissingObject, verifyMissingPrincipal, verifyMissingPrivilege,
    ]
}
