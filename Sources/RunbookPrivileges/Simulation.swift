package import RunbookDiagnostics
package import RunbookModel
package import RunbookSQL

/// One statement as the simulation ran it.
package struct ExecutedStatement: Hashable, Sendable {
    package var statement: Statement
    package var block: Block
    package var origin: StatementOrigin
    /// The database connected to when it ran.
    package var database: String
    /// The schema the statement's objects resolved to, when it names schemas (GRANT ON SCHEMA, ON ALL TABLES IN SCHEMA,
    /// ALTER DEFAULT PRIVILEGES IN SCHEMA): what checks on it need without resolving names again.
    package var schemas: [SchemaName]
    /// The grantees as resolved, in statement order (unresolvable ones left out).
    package var grantees: [Principal]

    /// The Markdown range of a block-relative range of this statement.
    package func range(_ blockRange: SourceRange) -> SourceRange { block.positions.range(blockRange) }
}

/// A name that does not exist where a statement uses it.
package struct MissingName: Hashable, Sendable {
    /// `role`, `user`, `group`, `database`, `schema`, `table`.
    package var what: String
    /// The name as messages show it (`profiles_sync`, `segment_workspace.devices`).
    package var name: String
    package var range: SourceRange
    /// A near miss among the names that exist or that the runbook creates.
    package var suggestion: String?
    /// Where the plan creates it, when that comes after the use.
    package var createdLater: StatementOrigin?
    /// Where the plan creates an object of that name in another database: the step ran on the wrong connection.
    package var createdElsewhere: StatementOrigin?
    package var elsewhereDatabase: String?
}

/// A fact the simulator establishes while running statements; the checks turn facts into diagnostics.
package enum SimulationEvent: Hashable, Sendable {
    /// A user, role or group that does not exist at that point.
    case missingPrincipal(MissingName)
    /// A database, schema or table that does not exist at that point and cannot be assumed to exist.
    case missingObject(MissingName)
    /// An object the runbook expects to find inside a database (or schema) that the runbook itself created empty.
    case objectInNewDatabase(
        object: CatalogObject, range: SourceRange, container: CatalogObject, createdBy: StatementOrigin)
    /// An object (or user) referenced but never created, assumed to exist before the runbook runs.
    case assumed(what: String, name: String, range: SourceRange)
    /// A connection switch to a database that does not exist at that point.
    case missingConnectionTarget(MissingName)
    /// A connection switch that logs in as a user who does not exist at that point: created later, or never
    /// created nor assumed by the statements before it.
    case missingConnectionUser(MissingName)
    /// CREATE of something that exists already (`existing` nil: there from the start), or of a role named like an
    /// existing user (or, in PostgreSQL, any role): `existingKind` says what is in the way.
    case alreadyExists(what: String, name: String, range: SourceRange, existingKind: String, existing: StatementOrigin?)
    /// `GRANT ROLE a TO ROLE b` when `a` already holds `b`, directly or through other roles: Redshift rejects cycles.
    case roleCycle(role: String, member: String, range: SourceRange)
    /// What only Snowflake's model establishes: sessions, variables, roles in use, future grants.
    case snowflake(SnowflakeEvent)
}

/// The result of running one variant's plan.
package struct Simulation: Sendable {
    package var runbook: Runbook
    package var variant: Variant
    package var dialect: SQLDialect
    package var catalog: Catalog
    package var executed: [ExecutedStatement]
    package var events: [SimulationEvent]
}

// MARK: - Statement accessors

extension Statement {
    /// The GRANT or REVOKE of this statement, including the one inside ALTER DEFAULT PRIVILEGES.
    package var grantOrRevoke: PrivilegeStatement? {
        switch kind {
        case .grant(let statement), .revoke(let statement): statement
        case .alterDefaultPrivileges(let defaults): defaults.action
        default: nil
        }
    }
}
