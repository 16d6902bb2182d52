/// How a dialect folds unquoted identifiers: `Segment_Role` is `segment_role` in Redshift and PostgreSQL,
/// `SEGMENT_ROLE` in Snowflake.
package enum IdentifierCaseFolding: Sendable, Hashable {
    case lower
    case upper

    /// An unquoted name as the engine stores it.
    package func fold(_ name: String) -> String {
        switch self {
        case .lower: name.lowercased()
        case .upper: name.uppercased()
        }
    }
}

/// What one checked dialect is, as data: the facts that code elsewhere would otherwise switch on. The one
/// table of them is `DialectProfile.all`; `SQLDialect.profile` finds a dialect's entry.
package struct DialectProfile: Sendable {
    package var dialect: SQLDialect
    /// The product name used in messages.
    package var displayName: String
    package var caseFolding: IdentifierCaseFolding
    /// Roles that exist before the runbook starts, as the engine names them: granting one is not "a role
    /// the runbook never created".
    package var builtInRoles: Set<String>
    /// Schemas that every database has, with USAGE for PUBLIC: no grant is needed to use them.
    package var builtInSchemas: [String]
    /// The database a fresh cluster connects to.
    package var initialDatabase: String
    /// The privileges each kind of object accepts in GRANT and REVOKE (ALL aside). A kind that is missing
    /// is one the tool has no list for, and nothing is said about it.
    package var privilegesByObject: [ObjectKind: [String]]
    /// What `ALL [PRIVILEGES]` gives on a database, a schema and a table.
    package var allPrivileges: [ObjectKind: [String]]
    /// What PUBLIC holds on every new database, and on each database's `public` schema.
    package var publicDatabaseDefaults: [String]
    package var publicSchemaDefaults: [String]
}

// MARK: - The profiles

extension DialectProfile {
    /// Redshift: https://docs.aws.amazon.com/redshift/latest/dg/r_roles-default.html lists the system-defined
    /// roles; https://docs.aws.amazon.com/redshift/latest/dg/r_Schemas_and_tables.html the catalog schemas.
    package static let redshift = DialectProfile(
        dialect: .redshift, displayName: "Redshift", caseFolding: .lower,
        builtInRoles: [
            "sys:monitor", "sys:operator", "sys:dba", "sys:superuser", "sys:secadmin",
        ],
        builtInSchemas: ["pg_catalog", "information_schema"], initialDatabase: "dev",
        // https://docs.aws.amazon.com/redshift/latest/dg/r_GRANT.html, per ON clause.
        privilegesByObject: [
            .database: ["CREATE", "USAGE", "TEMP", "ALTER"],
            .schema: ["CREATE", "USAGE", "ALTER", "DROP"],
            .table: ["SELECT", "INSERT", "UPDATE", "DELETE", "REFERENCES", "DROP", "ALTER", "TRUNCATE"],
            .function: ["EXECUTE"], .procedure: ["EXECUTE"], .language: ["USAGE"], .copyJob: ["ALTER", "DROP"],
        ],
        // The current GRANT page says ALL is every privilege the object accepts, so schema ALL includes ALTER
        // and DROP (older clusters differ).
        allPrivileges: [
            .database: ["CREATE", "USAGE", "TEMP", "ALTER"],
            .schema: ["CREATE", "USAGE", "ALTER", "DROP"],
            .table: ["SELECT", "INSERT", "UPDATE", "DELETE", "REFERENCES", "DROP", "ALTER", "TRUNCATE"],
        ],
        // https://docs.aws.amazon.com/redshift/latest/dg/r_Schemas_and_tables-schema-based-privileges.html
        publicDatabaseDefaults: ["TEMP"], publicSchemaDefaults: ["CREATE", "USAGE"])

    /// PostgreSQL: https://www.postgresql.org/docs/current/predefined-roles.html lists the predefined roles;
    /// https://www.postgresql.org/docs/current/ddl-schemas.html the system catalog schema and
    /// https://www.postgresql.org/docs/current/information-schema.html the information schema.
    package static let postgres = DialectProfile(
        dialect: .postgres, displayName: "PostgreSQL", caseFolding: .lower,
        builtInRoles: [
            "pg_checkpoint", "pg_create_subscription", "pg_database_owner", "pg_execute_server_program",
            "pg_maintain", "pg_monitor", "pg_read_all_data", "pg_read_all_settings", "pg_read_all_stats",
            "pg_read_server_files", "pg_signal_autovacuum_worker", "pg_signal_backend", "pg_stat_scan_tables",
            "pg_use_reserved_connections", "pg_write_all_data", "pg_write_server_files",
        ],
        builtInSchemas: ["pg_catalog", "information_schema"], initialDatabase: "postgres",
        // https://www.postgresql.org/docs/current/ddl-priv.html, table "Summary of Access Privileges".
        privilegesByObject: [
            .database: ["CREATE", "CONNECT", "TEMP"],
            .schema: ["CREATE", "USAGE"],
            .table: ["SELECT", "INSERT", "UPDATE", "DELETE", "TRUNCATE", "REFERENCES", "TRIGGER", "MAINTAIN"],
            .sequence: ["USAGE", "SELECT", "UPDATE"],
            .function: ["EXECUTE"], .procedure: ["EXECUTE"], .routine: ["EXECUTE"], .language: ["USAGE"],
            .type: ["USAGE"],
        ],
        allPrivileges: [
            .database: ["CREATE", "CONNECT", "TEMP"],
            .schema: ["CREATE", "USAGE"],
            .table: ["SELECT", "INSERT", "UPDATE", "DELETE", "TRUNCATE", "REFERENCES", "TRIGGER"],
        ],
        // PostgreSQL 15 and later: PUBLIC has only USAGE on `public` (https://www.postgresql.org/docs/15/release-15.html).
        publicDatabaseDefaults: ["CONNECT", "TEMP"], publicSchemaDefaults: ["USAGE"])

    /// Snowflake: https://docs.snowflake.com/en/user-guide/security-access-control-overview lists the
    /// system-defined roles (PUBLIC is held by every user and role); every database has INFORMATION_SCHEMA
    /// (https://docs.snowflake.com/en/sql-reference/info-schema). A session has no current database until
    /// `USE DATABASE` or the user's DEFAULT_NAMESPACE gives one: `initialDatabase` is empty.
    package static let snowflake = DialectProfile(
        dialect: .snowflake, displayName: "Snowflake", caseFolding: .upper,
        builtInRoles: [
            "ACCOUNTADMIN", "SECURITYADMIN", "USERADMIN", "SYSADMIN", "ORGADMIN", "GLOBALORGADMIN", "PUBLIC",
        ],
        builtInSchemas: ["INFORMATION_SCHEMA"], initialDatabase: "",
        // https://docs.snowflake.com/en/user-guide/security-access-control-privileges, per object type (the
        // privileges setup guides grant; OWNERSHIP is accepted on every kind).
        privilegesByObject: [
            .warehouse: ["USAGE", "OPERATE", "MODIFY", "MONITOR", "APPLYBUDGET", "OWNERSHIP"],
            .database: [
                "USAGE", "CREATE SCHEMA", "CREATE DATABASE ROLE", "MODIFY", "MONITOR", "APPLYBUDGET", "MANAGE GRANTS",
                "IMPORTED PRIVILEGES", "REFERENCE_USAGE", "OWNERSHIP",
            ],
            .schema: [
                "USAGE", "MODIFY", "MONITOR", "ADD SEARCH OPTIMIZATION", "APPLYBUDGET", "MANAGE GRANTS", "OWNERSHIP",
                "CREATE TABLE", "CREATE VIEW", "CREATE MATERIALIZED VIEW", "CREATE DYNAMIC TABLE",
                "CREATE EXTERNAL TABLE", "CREATE HYBRID TABLE", "CREATE ICEBERG TABLE", "CREATE EVENT TABLE",
                "CREATE STAGE", "CREATE SEQUENCE", "CREATE FUNCTION", "CREATE PROCEDURE", "CREATE FILE FORMAT",
                "CREATE PIPE", "CREATE STREAM", "CREATE TASK", "CREATE TAG", "CREATE SECRET",
                "CREATE MASKING POLICY", "CREATE ROW ACCESS POLICY", "CREATE TEMPORARY TABLE",
            ],
            .table: [
                "SELECT", "INSERT", "UPDATE", "DELETE", "TRUNCATE", "REFERENCES", "EVOLVE SCHEMA",
                "SELECT ERROR TABLE", "APPLYBUDGET", "OWNERSHIP",
            ],
            .view: ["SELECT", "REFERENCES", "INSERT", "UPDATE", "DELETE", "TRUNCATE", "OWNERSHIP"],
            .materializedView: ["SELECT", "REFERENCES", "APPLYBUDGET", "OWNERSHIP"],
            .externalTable: ["SELECT", "REFERENCES", "OWNERSHIP"],
            .dynamicTable: ["SELECT", "OPERATE", "MONITOR", "OWNERSHIP"],
            .stage: ["USAGE", "READ", "WRITE", "OWNERSHIP"],
            .sequence: ["USAGE", "OWNERSHIP"], .function: ["USAGE", "OWNERSHIP"], .procedure: ["USAGE", "OWNERSHIP"],
            .fileFormat: ["USAGE", "OWNERSHIP"],
            .user: ["MONITOR", "IMPERSONATE", "MODIFY PROGRAMMATIC AUTHENTICATION METHODS", "OWNERSHIP"],
            .role: ["OWNERSHIP"], .databaseRole: ["OWNERSHIP"],
        ],
        // ALL is every privilege of the type except OWNERSHIP; on a schema it leaves out the CREATE privileges
        // (https://docs.snowflake.com/en/sql-reference/sql/grant-privilege).
        allPrivileges: [
            .warehouse: ["USAGE", "OPERATE", "MODIFY", "MONITOR", "APPLYBUDGET"],
            .database: ["USAGE", "CREATE SCHEMA", "CREATE DATABASE ROLE", "MODIFY", "MONITOR", "APPLYBUDGET"],
            .schema: ["USAGE", "MODIFY", "MONITOR", "ADD SEARCH OPTIMIZATION", "APPLYBUDGET"],
            .table: [
                "SELECT", "INSERT", "UPDATE", "DELETE", "TRUNCATE", "REFERENCES", "EVOLVE SCHEMA", "APPLYBUDGET",
            ],
        ],
        // PUBLIC holds nothing on a new database or schema in Snowflake: every grant is explicit.
        publicDatabaseDefaults: [], publicSchemaDefaults: [])

    /// Every checked dialect, in `SQLDialect.allCases` order.
    package static let all: [DialectProfile] = SQLDialect.allCases.map(\.profile)
}

extension SQLDialect {
    /// This dialect's profile: the one switch over dialects that the profiles replace elsewhere.
    package var profile: DialectProfile {
        switch self {
        case .redshift: .redshift
        case .postgres: .postgres
        case .snowflake: .snowflake
        }
    }

    /// The engine this dialect checks, in the registry of `Engine.all`.
    package var engine: Engine {
        Engine.all.first { $0.id == rawValue } ?? .redshift
    }
}
