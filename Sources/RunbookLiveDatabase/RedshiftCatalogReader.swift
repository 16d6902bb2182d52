import Foundation
import PostgresNIO
package import RunbookVerify

/// Reads an Amazon Redshift cluster's catalog from its system views, as the AWS developer guide documents them,
/// into the facts `verify` compares (`RedshiftCatalog` works out who may do what from the explicit grants).
///
/// Untested against a live cluster here (none is reachable): the query text runs in the tests against
/// PostgreSQL views that imitate the documented ones (see docs/verify.md). Each query reads one view or
/// catalog table: the SVV views and the leader-node catalog tables (PG_USER, PG_GROUP, PG_NAMESPACE, PG_TABLES,
/// PG_VIEWS) are not joined with each other, which Redshift refuses.
package struct RedshiftCatalogReader: Sendable {
    package var url: DatabaseURL
    /// Whether `snapshot` refuses a server whose `version()` does not name Redshift. Only the tests turn it off,
    /// to run the queries against PostgreSQL views that imitate Redshift's.
    package var requiresRedshift: Bool

    package init(url: DatabaseURL, requiresRedshift: Bool = true) {
        self.url = url
        self.requiresRedshift = requiresRedshift
    }

    /// The queries, by what they read; the tests check each against the documented columns of its view.
    package enum Query {
        /// https://docs.aws.amazon.com/redshift/latest/dg/r_SVV_USER_INFO.html
        package static let users = "SELECT user_name, superuser FROM svv_user_info"
        /// https://docs.aws.amazon.com/redshift/latest/dg/r_SVV_ROLES.html
        package static let roles = "SELECT role_name FROM svv_roles"
        /// Legacy groups: PG_GROUP, one of the PostgreSQL catalog tables Redshift keeps
        /// (https://docs.aws.amazon.com/redshift/latest/dg/c_join_PG.html; columns as in PostgreSQL 8.0,
        /// https://www.postgresql.org/docs/8.0/catalog-pg-group.html).
        package static let groups = "SELECT groname FROM pg_group"
        /// https://docs.aws.amazon.com/redshift/latest/dg/r_SVV_USER_GRANTS.html: roles granted to users.
        package static let userGrants = "SELECT user_name, role_name FROM svv_user_grants"
        /// https://docs.aws.amazon.com/redshift/latest/dg/r_SVV_ROLE_GRANTS.html: roles granted to roles.
        package static let roleGrants = "SELECT role_name, granted_role_name FROM svv_role_grants"
        /// Group members: PG_GROUP's `grolist` holds the members' `usesysid` (PG_USER).
        package static let groupMembers =
            "SELECT u.usename, g.groname FROM pg_group g JOIN pg_user u ON u.usesysid = ANY(g.grolist)"
        /// The databases: https://docs.aws.amazon.com/redshift/latest/dg/r_PG_DATABASE_INFO.html
        package static let databases = "SELECT datname FROM pg_database"
        /// https://docs.aws.amazon.com/redshift/latest/dg/r_SVV_DATABASE_PRIVILEGES.html (every database).
        package static let databasePrivileges =
            "SELECT database_name, privilege_type, identity_name, identity_type, privilege_scope "
            + "FROM svv_database_privileges"
        /// Schemas and their owners, in the connected database (a schema that no user owns is kept, ownerless).
        package static let schemas =
            "SELECT n.nspname, u.usename FROM pg_namespace n LEFT JOIN pg_user u ON u.usesysid = n.nspowner "
            + "WHERE n.nspname NOT LIKE 'pg\\_%' AND n.nspname <> 'information_schema'"
        /// Tables and views and their owners, from PG_TABLES and PG_VIEWS (catalog tables Redshift keeps from
        /// PostgreSQL: https://docs.aws.amazon.com/redshift/latest/dg/c_join_PG.html).
        package static let relations =
            "SELECT schemaname, tablename, tableowner FROM pg_tables "
            + "WHERE schemaname NOT LIKE 'pg\\_%' AND schemaname <> 'information_schema' "
            + "UNION ALL SELECT schemaname, viewname, viewowner FROM pg_views "
            + "WHERE schemaname NOT LIKE 'pg\\_%' AND schemaname <> 'information_schema'"
        /// https://docs.aws.amazon.com/redshift/latest/dg/r_SVV_SCHEMA_PRIVILEGES.html (connected database).
        package static let schemaPrivileges =
            "SELECT namespace_name, privilege_type, identity_name, identity_type, privilege_scope "
            + "FROM svv_schema_privileges"
        /// https://docs.aws.amazon.com/redshift/latest/dg/r_SVV_RELATION_PRIVILEGES.html (connected database).
        package static let relationPrivileges =
            "SELECT namespace_name, relation_name, privilege_type, identity_name, identity_type "
            + "FROM svv_relation_privileges"
        /// https://docs.aws.amazon.com/redshift/latest/dg/r_SVV_DEFAULT_PRIVILEGES.html (connected database).
        package static let defaultPrivileges =
            "SELECT schema_name, object_type, owner_name, privilege_type, grantee_name, grantee_type "
            + "FROM svv_default_privileges"
    }

    /// Connects, checks that the server is Redshift (unless `requiresRedshift` is off), and reads.
    package func snapshot(databases: [String], principals: [String]) async throws(ConnectionFailure) -> LiveSnapshot {
        let first = try await LiveDatabaseReader.connect(to: url)
        if requiresRedshift {
            do {
                _ = try await LiveDatabaseReader.requireServer([.redshift], on: first, url: url)
            } catch let failure as ConnectionFailure {
                try? await first.close()
                throw failure
            } catch {
                try? await first.close()
                throw ConnectionFailure(
                    message: "cannot read the catalog at \(url): \(LiveDatabaseReader.reason(error))")
            }
        }
        return try await read(databases: databases, principals: principals, first: first)
    }

    /// Reads the cluster-wide views on `first` (closed at the end), then each database that exists on a
    /// connection of its own (SVV_SCHEMA_PRIVILEGES and its siblings show the connected database only).
    func read(
        databases: [String], principals: [String], first: PostgresConnection
    ) async throws(ConnectionFailure)
        -> LiveSnapshot
    {
        var catalog = RedshiftCatalog()
        let progress = ProgressLine()
        defer { progress.finish() }
        do {
            for row in try await rows(Query.users, on: first) {
                let (name, superuser) = try row.decode((String, Bool).self)
                catalog.add(RedshiftCatalog.UserRow(userName: name, superuser: superuser))
            }
            for row in try await rows(Query.roles, on: first) {
                catalog.addRole(try row.decode(String.self))
            }
            for row in try await rows(Query.groups, on: first) {
                catalog.addGroup(try row.decode(String.self))
            }
            for row in try await rows(Query.userGrants, on: first) {
                let (user, role) = try row.decode((String, String).self)
                catalog.addUserGrant(userName: user, roleName: role)
            }
            for row in try await rows(Query.roleGrants, on: first) {
                let (role, granted) = try row.decode((String, String).self)
                catalog.addRoleGrant(roleName: role, grantedRoleName: granted)
            }
            for row in try await rows(Query.groupMembers, on: first) {
                let (user, group) = try row.decode((String, String).self)
                catalog.addGroupMember(userName: user, groupName: group)
            }
            for row in try await rows(Query.databases, on: first) {
                let name = try row.decode(String.self)
                catalog.addDatabase(name)
            }
            catalog.focus(on: principals)
            let databaseRows = try await rows(Query.databasePrivileges, on: first)
            for row in databaseRows {
                let (database, privilege, name, type, scope) = try row.decode(
                    (String, String, String, String, String?).self)
                catalog.add(
                    RedshiftCatalog.DatabasePrivilegeRow(
                        databaseName: database, privilegeType: privilege, identityName: name, identityType: type,
                        privilegeScope: scope))
            }
        } catch {
            try? await first.close()
            throw ConnectionFailure(message: "cannot read the catalog at \(url): \(LiveDatabaseReader.reason(error))")
        }
        for database in databases.sorted() where catalog.existingDatabases.contains(database) {
            let connection =
                database == url.database
                ? first : try await LiveDatabaseReader.connect(to: url.with(database: database))
            do {
                try await read(database, on: connection, into: &catalog, progress: progress)
            } catch {
                if connection !== first { try? await connection.close() }
                try? await first.close()
                throw ConnectionFailure(
                    message: "cannot read the catalog of \(database): \(LiveDatabaseReader.reason(error))")
            }
            if connection !== first { try? await connection.close() }
        }
        try? await first.close()
        return catalog.snapshot(databases: databases)
    }

    private func read(
        _ database: String, on connection: PostgresConnection, into catalog: inout RedshiftCatalog,
        progress: ProgressLine
    ) async throws {
        var count = 0
        for row in try await rows(Query.schemas, on: connection) {
            let (schema, owner) = try row.decode((String, String?).self)
            catalog.addObject(PrivilegeTarget(database: database, schema: schema), owner: owner ?? "")
            count += 1
        }
        let relations = try await rows(Query.relations, on: connection)
        for row in relations {
            let (schema, table, owner) = try row.decode((String, String, String?).self)
            catalog.addObject(PrivilegeTarget(database: database, schema: schema, table: table), owner: owner ?? "")
            count += 1
            progress.update("reading \(database): \(count) schemas and tables")
        }
        let schemaRows = try await rows(Query.schemaPrivileges, on: connection)
        for row in schemaRows {
            let (schema, privilege, name, type, scope) = try row.decode((String, String, String, String, String?).self)
            catalog.add(
                RedshiftCatalog.SchemaPrivilegeRow(
                    namespaceName: schema, privilegeType: privilege, identityName: name, identityType: type,
                    privilegeScope: scope), database: database)
        }
        var grants = 0
        let relationRows = try await rows(Query.relationPrivileges, on: connection)
        for row in relationRows {
            let (schema, relation, privilege, name, type) = try row.decode(
                (String, String, String, String, String).self)
            catalog.add(
                RedshiftCatalog.RelationPrivilegeRow(
                    namespaceName: schema, relationName: relation, privilegeType: privilege, identityName: name,
                    identityType: type), database: database)
            grants += 1
            progress.update("reading \(database): \(count) schemas and tables, \(grants) grants")
        }
        let defaultRows = try await rows(Query.defaultPrivileges, on: connection)
        for row in defaultRows {
            let (schema, type, owner, privilege, grantee, granteeType) = try row.decode(
                (String?, String, String, String, String, String).self)
            catalog.add(
                RedshiftCatalog.DefaultPrivilegeRow(
                    schemaName: schema, objectType: type, ownerName: owner, privilegeType: privilege,
                    granteeName: grantee, granteeType: granteeType), database: database)
        }
    }

    private func rows(_ sql: String, on connection: PostgresConnection) async throws -> [PostgresRow] {
        try await LiveDatabaseReader.rows(PostgresQuery(unsafeSQL: sql), on: connection)
    }
}
