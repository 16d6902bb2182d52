package import RunbookDiagnostics
package import RunbookSQL

/// What a Snowflake account holds beyond the databases, schemas, tables, roles and grants the shared catalog
/// keeps: warehouses, global (ON ACCOUNT) privileges, future and bulk grants, managed-access schemas, who owns
/// each role, and what each user was created with. Empty for the other dialects.
package struct SnowflakeAccount: Hashable, Sendable {
    package var warehouses: [String: Warehouse] = [:]
    /// `GRANT CREATE DATABASE ON ACCOUNT TO ROLE r`, and what the system roles hold from the start.
    package var accountGrants = GrantList()
    /// `GRANT … ON FUTURE <kinds> IN DATABASE d | IN SCHEMA d.s`, in statement order.
    package var futureGrants: [FutureGrant] = []
    /// `GRANT … ON ALL <kinds> IN DATABASE d | IN SCHEMA d.s`: applied to what exists then, including objects
    /// the simulation only learns about later (an assumed database's tables).
    package var bulkGrants: [BulkGrant] = []
    /// Schemas created `WITH MANAGED ACCESS`.
    package var managedAccessSchemas: Set<SchemaName> = []
    /// The role that owns each role (its creator's primary role, or GRANT OWNERSHIP ON ROLE).
    package var roleOwners: [String: String] = [:]
    /// Users and what CREATE USER set on them.
    package var users: [String: UserProfile] = [:]

    package init() {}
}

/// A virtual warehouse (https://docs.snowflake.com/en/sql-reference/sql/create-warehouse).
package struct Warehouse: Hashable, Sendable {
    package var name: String
    package var owner: String
    package var origin: ObjectOrigin
    package var grants: GrantList
}

/// `GRANT <privileges> ON FUTURE <kinds> IN SCHEMA|DATABASE …` (https://docs.snowflake.com/en/sql-reference/sql/grant-privilege):
/// the privileges every object of the kind created later in the container receives.
package struct FutureGrant: Hashable, Sendable {
    package var database: String
    /// Nil: the database-level rule.
    package var schema: String?
    /// `.table`, `.view`, `.schema`, `.externalTable`, …
    package var objectKind: ObjectKind
    package var privilege: String
    package var grantee: Principal
    package var withGrantOption: Bool
    package var origin: StatementOrigin

    /// `SEGMENT_DB.<TABLE>` or `SEGMENT_DB.PUBLIC.<TABLE>`: how SHOW FUTURE GRANTS names it.
    package var container: String { schema.map { "\(database).\($0)" } ?? database }
}

/// `GRANT <privileges> ON ALL <kinds> IN SCHEMA|DATABASE …`: only the objects existing when it runs.
package struct BulkGrant: Hashable, Sendable {
    package var database: String
    package var schema: String?
    package var objectKind: ObjectKind
    package var privileges: [String]
    package var grantee: Principal
    package var grantor: String
    package var withGrantOption: Bool
    package var origin: StatementOrigin
}

/// What CREATE USER gave a user (https://docs.snowflake.com/en/sql-reference/sql/create-user).
package struct UserProfile: Hashable, Sendable {
    /// A property's value as resolved, and where the property is written.
    package struct Setting: Hashable, Sendable {
        package var value: String
        package var range: SourceRange
    }

    package var name: String
    /// `PERSON` unless TYPE says otherwise (NULL behaves as PERSON).
    package var type: Setting?
    /// Where PASSWORD is set; nil without one.
    package var password: SourceRange?
    package var hasKeyPair = false
    package var defaultRole: Setting?
    package var defaultWarehouse: Setting?
    package var origin: StatementOrigin?

    package var isService: Bool { type?.value == "SERVICE" }
}

// MARK: - Future-grant precedence

extension SnowflakeAccount {
    /// The future grants a new object of `kind` in `database.schema` receives. Schema-level future grants for a
    /// kind take precedence: when the schema has any for that kind, the database-level ones do not apply there,
    /// even those to other roles (https://docs.snowflake.com/en/sql-reference/sql/grant-privilege, "Future grants").
    package func futureGrants(for kind: ObjectKind, inSchema schema: String, of database: String) -> [FutureGrant] {
        let schemaLevel = futureGrants.filter {
            $0.database == database && $0.schema == schema && $0.objectKind == kind
        }
        if !schemaLevel.isEmpty { return schemaLevel }
        return futureGrants.filter { $0.database == database && $0.schema == nil && $0.objectKind == kind }
    }

    /// Future grants on new schemas of a database (`ON FUTURE SCHEMAS IN DATABASE d`).
    package func futureSchemaGrants(in database: String) -> [FutureGrant] {
        futureGrants.filter { $0.database == database && $0.objectKind == .schema }
    }
}

// MARK: - Reading

extension Catalog {
    /// What Snowflake requires besides schema USAGE and SELECT for `principal` to read in `database`: USAGE on
    /// the database and on some warehouse, reached by the principal or by every user holding it
    /// (https://docs.snowflake.com/en/user-guide/security-access-control-configure). Empty for the other dialects.
    package func readingPrerequisites(for principal: Principal, in database: String) -> [String] {
        guard dialect == .snowflake else { return [] }
        var lacking: [String] = []
        let held = Set(holders(of: principal).map(\.principal))
        let onDatabase =
            held.contains { !grants(on: .database(database), to: $0).isEmpty }
            || owner(of: .database(database)).map { held.contains(Principal(.role, $0)) } == true
        if !onDatabase { lacking.append("USAGE on database \(database)") }
        let reachers =
            principal.kind == .user || users(holding: principal).isEmpty ? [principal] : users(holding: principal)
        let warehouse = reachers.allSatisfy { reacher in
            let roles = Set(holders(of: reacher).map(\.principal))
            return account.warehouses.values.contains { warehouse in
                roles.contains(Principal(.role, warehouse.owner))
                    || roles.contains { !warehouse.grants.grants(to: $0).filter { $0.privilege == "USAGE" }.isEmpty }
            }
        }
        if !warehouse { lacking.append("USAGE on a warehouse") }
        return lacking
    }
}
