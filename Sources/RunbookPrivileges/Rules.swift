package import RunbookDiagnostics

// The privilege stage's rules, alphabetised by id.
extension Rule {
    package static let privilegesAlreadyExists = Rule(
        "privileges.already-exists", .error,
        "A statement creates a database, schema, table, user, role or group whose name is already taken.")
    package static let privilegesAssumedObject = Rule(
        "privileges.assumed-object", .note,
        "A database, schema, table or user the runbook uses but never creates is assumed to exist already.")
    package static let privilegesBeyondClaim = Rule(
        "privileges.beyond-claim", .warning, "A grant gives a role more than the prose claims for it.")
    package static let privilegesClaimUnsatisfied = Rule(
        "privileges.claim-unsatisfied", .error, "The prose claims access for a role that the SQL does not give.")
    package static let privilegesCrossDatabaseGrant = Rule(
        "privileges.cross-database-grant", .warning,
        "A grant names a schema or table of another database than the one connected to.")
    package static let privilegesDefaultPrivilegesGap = Rule(
        "privileges.default-privileges-gap", .warning,
        "Default privileges cover only the tables one user creates, while others can create tables in the schema too.")
    package static let privilegesGrantToPublic = Rule(
        "privileges.grant-to-public", .warning, "A grant to PUBLIC reaches every user, present and future.")
    package static let privilegesMissingSchemaUsage = Rule(
        "privileges.missing-schema-usage", .warning,
        "Table privileges are granted to a principal that cannot use the schema, so they give nothing.")
    package static let privilegesMissingUsage = Rule(
        "privileges.missing-usage", .error,
        "Snowflake: reading a table needs USAGE on a warehouse, the database and the schema, and SELECT; one is missing."
    )
    package static let privilegesNotApplicable = Rule(
        "privileges.not-applicable", .error,
        "A privilege is granted on a kind of object that does not have it (EXECUTE on tables, USAGE on tables).")
    package static let privilegesObjectInNewDatabase = Rule(
        "privileges.object-in-new-database", .error,
        "The runbook expects an object inside a database or schema that it created itself, empty.")
    package static let privilegesOptionNotAllowed = Rule(
        "privileges.option-not-allowed", .error,
        "WITH GRANT OPTION on a role grant, or WITH ADMIN OPTION on a privilege grant: the database rejects it.")
    package static let privilegesRoleCycle = Rule(
        "privileges.role-cycle", .error,
        "A role grant would make a role a member of itself, which the database rejects.")
    package static let privilegesSystemPermission = Rule(
        "privileges.system-permission", .warning, "A user receives a cluster-wide system permission through a role.")
    package static let privilegesUnknownConnection = Rule(
        "privileges.unknown-connection", .error,
        "A step switches to a database that does not exist at that point of the runbook.")
    package static let privilegesUnknownConnectionUser = Rule(
        "privileges.unknown-connection-user", .warning,
        "A step switches to a user (\"as user2 on db2\") that does not exist at that point: created later, or never.")
    package static let privilegesUnknownObject = Rule(
        "privileges.unknown-object", .error,
        "A statement uses a database, schema or table that does not exist at that point of the runbook.")
    package static let privilegesUnknownPrincipal = Rule(
        "privileges.unknown-principal", .error,
        "A statement uses a user, role or group that does not exist at that point of the runbook.")

    package static let snowflakeDatabaseSchemaMismatch = Rule(
        "snowflake.database-schema-mismatch", .error,
        "A variable holding a database's name is used where a schema is expected, or a schema's where a database is.")
    package static let snowflakeDefaultNotGranted = Rule(
        "snowflake.default-not-granted", .warning,
        "A user's DEFAULT_ROLE or DEFAULT_WAREHOUSE names a role or warehouse the user is never granted.")
    package static let snowflakeInsufficientPrivileges = Rule(
        "snowflake.insufficient-privileges", .error,
        "A statement runs with a role that lacks the privilege it needs (CREATE uses the primary role alone).")
    package static let snowflakeNoCurrentDatabase = Rule(
        "snowflake.no-current-database", .error,
        "An unqualified schema or table name is used in a session that has no current database.")
    package static let snowflakeOnAllWithoutFuture = Rule(
        "snowflake.on-all-without-future", .warning,
        "ON ALL covers only existing objects, and no ON FUTURE grant covers those created later, which the page cares about."
    )
    package static let snowflakeOwnershipWithGrants = Rule(
        "snowflake.ownership-with-grants", .error,
        "GRANT OWNERSHIP on an object that has grants, without COPY or REVOKE CURRENT GRANTS: Snowflake refuses it.")
    package static let snowflakePasswordDespiteKeyPair = Rule(
        "snowflake.password-despite-key-pair", .warning,
        "A user is created with a password while the page says only key-pair sign-in is supported.")
    package static let snowflakeRoleNotGranted = Rule(
        "snowflake.role-not-granted", .error, "USE ROLE names a role that is not granted to the user running the step.")
    package static let snowflakeServicePassword = Rule(
        "snowflake.service-user-password", .error,
        "A user of TYPE = SERVICE is given a PASSWORD, which Snowflake rejects.")
    package static let snowflakeShadowedFutureGrant = Rule(
        "snowflake.shadowed-future-grant", .warning,
        "A database-level future grant does not apply in a schema that has its own future grants for the same kind.")
    package static let snowflakeUnevaluatedName = Rule(
        "snowflake.unevaluated-name", .note,
        "A name comes from a variable whose value cannot be known without running the statement; it is not checked.")
    package static let snowflakeUnsetVariable = Rule(
        "snowflake.unset-variable", .error, "A session variable is used in a session where it is not set.")

    package static let privilegeRules: [Rule] = [
        privilegesAlreadyExists, privilegesAssumedObject, privilegesBeyondClaim, privilegesClaimUnsatisfied,
        privilegesCrossDatabaseGrant,
        privilegesDefaultPrivilegesGap, privilegesGrantToPublic, privilegesMissingSchemaUsage, privilegesMissingUsage,
        privilegesNotApplicable, privilegesObjectInNewDatabase, privilegesOptionNotAllowed, privilegesRoleCycle,
        privilegesSystemPermission,
        privilegesUnknownConnection,
        privilegesUnknownConnectionUser,
        privilegesUnknownObject,
        privilegesUnknownPrincipal,
        snowflakeDatabaseSchemaMismatch, snowflakeDefaultNotGranted, snowflakeInsufficientPrivileges,
        snowflakeNoCurrentDatabase, snowflakeOnAllWithoutFuture, snowflakeOwnershipWithGrants,
        snowflakePasswordDespiteKeyPair, snowflakeRoleNotGranted, snowflakeServicePassword,
        snowflakeShadowedFutureGrant,
        snowflakeUnevaluatedName, snowflakeUnsetVariable,
    ]
}
