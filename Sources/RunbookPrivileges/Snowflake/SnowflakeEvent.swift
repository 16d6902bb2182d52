package import RunbookDiagnostics

/// A fact the Snowflake simulation establishes; the Snowflake checks turn them into diagnostics.
package enum SnowflakeEvent: Hashable, Sendable {
    /// `$name` used in a session where it was never set. `setIn`: the plan's SET of it in another session or
    /// later in this one; `otherUses`: how many more statements of this session use it.
    case unsetVariable(name: String, range: SourceRange, setIn: StatementOrigin?, setLater: Bool, otherUses: Int)
    /// A variable holding a database's name used where a schema is expected (or a schema's where a database is).
    case variableKind(
        variable: String, value: String, holds: String, expected: String, range: SourceRange,
        evidence: StatementOrigin?, otherUses: Int)
    /// A one-part schema (or table) name in a session without a current database. `earlier`: the database an
    /// earlier session created or used, and whether the name exists in it there.
    case noCurrentDatabase(
        name: String, range: SourceRange, earlier: StatementOrigin?, database: String?, existsThere: Bool)
    /// `IDENTIFIER($v)` or `$v` whose value is an expression the tool cannot evaluate without running it.
    case unevaluated(variable: String, expression: String, range: SourceRange)
    /// A statement that the session's roles may not run: `role` is the primary role (CREATE) or the active
    /// roles, `needs` the privilege, `on` the object.
    case insufficientPrivileges(roles: String, needs: String, on: String, range: SourceRange, hint: String?)
    /// `USE ROLE r` when the session's user does not hold r.
    case roleNotGranted(role: String, user: String, range: SourceRange, grantedLater: StatementOrigin?)
    /// Reading a table needs USAGE on a warehouse, the database and the schema, and SELECT on the table.
    /// `atRunTime`: a statement fails now; otherwise a grant gives nothing because of what is missing.
    /// `noWarehouseOnly`: all that is missing is a current warehouse, which a worksheet's picker may supply.
    case missingUsage(
        principal: String, object: String, missing: [String], range: SourceRange, atRunTime: Bool,
        noWarehouseOnly: Bool = false)
    /// `ON ALL <kinds>` without `ON FUTURE <kinds>` for the same role and container, while the page cares
    /// about objects created later (`because`).
    case allWithoutFuture(kind: String, container: String, grantee: String, range: SourceRange, because: String)
    /// A database-level future grant that a schema-level future grant for the same kind shadows.
    case shadowedFutureGrant(
        kind: String, database: String, schema: String, range: SourceRange, schemaGrant: StatementOrigin,
        databaseGrant: StatementOrigin)
    /// CREATE USER with a password, while the page says only key-pair sign-in works (`claim` is where).
    case passwordDespiteKeyPair(user: String, range: SourceRange, claim: SourceRange?, claimText: String)
    /// CREATE USER … TYPE = SERVICE with a PASSWORD: Snowflake rejects it.
    case servicePassword(user: String, range: SourceRange, type: SourceRange)
    /// DEFAULT_ROLE or DEFAULT_WAREHOUSE naming a role or warehouse the user never receives.
    case defaultNotGranted(user: String, property: String, value: String, range: SourceRange)
    /// GRANT OWNERSHIP on an object that has grants, without COPY or REVOKE CURRENT GRANTS: Snowflake refuses.
    case ownershipWithGrants(object: String, range: SourceRange)
}
