public import RunbookDiagnostics

// The privilege stage's rules, alphabetised by id.
extension Rule {
    public static let privilegesAlreadyExists = Rule(
        "privileges.already-exists", .error,
        "A statement creates a database, schema, table, user, role or group whose name is already taken.")
    public static let privilegesAssumedObject = Rule(
        "privileges.assumed-object", .note,
        "A database, schema, table or user the runbook uses but never creates is assumed to exist already.")
    public static let privilegesBeyondClaim = Rule(
        "privileges.beyond-claim", .warning, "A grant gives a role more than the prose claims for it.")
    public static let privilegesClaimUnsatisfied = Rule(
        "privileges.claim-unsatisfied", .error, "The prose claims access for a role that the SQL does not give.")
    public static let privilegesCrossDatabaseGrant = Rule(
        "privileges.cross-database-grant", .warning,
        "A grant names a schema or table of another database than the one connected to.")
    public static let privilegesDefaultPrivilegesGap = Rule(
        "privileges.default-privileges-gap", .warning,
        "Default privileges cover only the tables one user creates, while others can create tables in the schema too.")
    public static let privilegesGrantToPublic = Rule(
        "privileges.grant-to-public", .warning, "A grant to PUBLIC reaches every user, present and future.")
    public static let privilegesMissingSchemaUsage = Rule(
        "privileges.missing-schema-usage", .warning,
        "Table privileges are granted to a principal that cannot use the schema, so they give nothing.")
    public static let privilegesNotApplicable = Rule(
        "privileges.not-applicable", .error,
        "A privilege is granted on a kind of object that does not have it (EXECUTE on tables, USAGE on tables).")
    public static let privilegesObjectInNewDatabase = Rule(
        "privileges.object-in-new-database", .error,
        "The runbook expects an object inside a database or schema that it created itself, empty.")
    public static let privilegesOptionNotAllowed = Rule(
        "privileges.option-not-allowed", .error,
        "WITH GRANT OPTION on a role grant, or WITH ADMIN OPTION on a privilege grant: the database rejects it.")
    public static let privilegesRoleCycle = Rule(
        "privileges.role-cycle", .error, "A role grant would make a role a member of itself, which Redshift rejects.")
    public static let privilegesSystemPermission = Rule(
        "privileges.system-permission", .warning, "A user receives a cluster-wide system permission through a role.")
    public static let privilegesUnknownConnection = Rule(
        "privileges.unknown-connection", .error,
        "A step switches to a database that does not exist at that point of the runbook.")
    public static let privilegesUnknownObject = Rule(
        "privileges.unknown-object", .error,
        "A statement uses a database, schema or table that does not exist at that point of the runbook.")
    public static let privilegesUnknownPrincipal = Rule(
        "privileges.unknown-principal", .error,
        "A statement uses a user, role or group that does not exist at that point of the runbook.")

    public static let privilegeRules: [Rule] = [
        privilegesAlreadyExists, privilegesAssumedObject, privilegesBeyondClaim, privilegesClaimUnsatisfied,
        privilegesCrossDatabaseGrant,
        privilegesDefaultPrivilegesGap, privilegesGrantToPublic, privilegesMissingSchemaUsage,
        privilegesNotApplicable, privilegesObjectInNewDatabase, privilegesOptionNotAllowed, privilegesRoleCycle,
        privilegesSystemPermission,
        privilegesUnknownConnection,
        privilegesUnknownObject,
        privilegesUnknownPrincipal,
    ]
}
