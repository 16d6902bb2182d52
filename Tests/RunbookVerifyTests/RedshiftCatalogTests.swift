import Foundation
import RunbookDriver
import RunbookLiveDatabase
import RunbookVerify
import Testing

/// The Redshift reader without a cluster: its queries against the views' documented columns, and the rows →
/// facts conversion on rows shaped as the views return them. None of this has run against Redshift itself.
@Suite struct RedshiftCatalogTests {
    /// The columns of each view or catalog table the reader selects from, as the AWS developer guide's "Table
    /// columns" sections list them (for the PostgreSQL catalog tables Redshift keeps, PostgreSQL 8.0's).
    static let documentedColumns: [String: (url: String, columns: Set<String>)] = [
        "svv_user_info": (
            "https://docs.aws.amazon.com/redshift/latest/dg/r_SVV_USER_INFO.html",
            [
                "user_name", "user_id", "createdb", "superuser", "catalog_update", "connection_limit",
                "syslog_access", "last_ddl_ts", "password_expiry", "session_timeout",
            ]
        ),
        "svv_roles": (
            "https://docs.aws.amazon.com/redshift/latest/dg/r_SVV_ROLES.html",
            ["role_id", "role_name", "role_owner", "external_id"]
        ),
        "svv_user_grants": (
            "https://docs.aws.amazon.com/redshift/latest/dg/r_SVV_USER_GRANTS.html",
            ["user_id", "user_name", "role_id", "role_name", "admin_option"]
        ),
        "svv_role_grants": (
            "https://docs.aws.amazon.com/redshift/latest/dg/r_SVV_ROLE_GRANTS.html",
            ["role_id", "role_name", "granted_role_id", "granted_role_name"]
        ),
        "svv_database_privileges": (
            "https://docs.aws.amazon.com/redshift/latest/dg/r_SVV_DATABASE_PRIVILEGES.html",
            [
                "database_name", "privilege_type", "identity_id", "identity_name", "identity_type", "admin_option",
                "privilege_scope",
            ]
        ),
        "svv_schema_privileges": (
            "https://docs.aws.amazon.com/redshift/latest/dg/r_SVV_SCHEMA_PRIVILEGES.html",
            [
                "namespace_name", "privilege_type", "identity_id", "identity_name", "identity_type", "admin_option",
                "privilege_scope",
            ]
        ),
        "svv_relation_privileges": (
            "https://docs.aws.amazon.com/redshift/latest/dg/r_SVV_RELATION_PRIVILEGES.html",
            [
                "namespace_name", "relation_name", "privilege_type", "identity_id", "identity_name", "identity_type",
                "admin_option",
            ]
        ),
        "svv_default_privileges": (
            "https://docs.aws.amazon.com/redshift/latest/dg/r_SVV_DEFAULT_PRIVILEGES.html",
            [
                "schema_name", "object_type", "owner_id", "owner_name", "owner_type", "privilege_type", "grantee_id",
                "grantee_name", "grantee_type", "admin_option",
            ]
        ),
        "pg_group": (
            "https://www.postgresql.org/docs/8.0/catalog-pg-group.html (https://docs.aws.amazon.com/redshift/latest/dg/c_join_PG.html)",
            ["groname", "grosysid", "grolist"]
        ),
        "pg_user": (
            "https://www.postgresql.org/docs/8.0/view-pg-user.html (https://docs.aws.amazon.com/redshift/latest/dg/c_join_PG.html)",
            ["usename", "usesysid", "usecreatedb", "usesuper", "usecatupd", "passwd", "valuntil", "useconfig"]
        ),
        "pg_database": (
            "https://docs.aws.amazon.com/redshift/latest/dg/r_PG_DATABASE_INFO.html",
            ["datname", "datdba", "encoding", "datistemplate", "datallowconn", "datconfig", "datacl"]
        ),
        "pg_namespace": (
            "https://www.postgresql.org/docs/8.0/catalog-pg-namespace.html (https://docs.aws.amazon.com/redshift/latest/dg/c_join_PG.html)",
            ["nspname", "nspowner", "nspacl"]
        ),
        "pg_tables": (
            "https://www.postgresql.org/docs/8.0/view-pg-tables.html (https://docs.aws.amazon.com/redshift/latest/dg/c_join_PG.html)",
            ["schemaname", "tablename", "tableowner", "tablespace", "hasindexes", "hasrules", "hastriggers"]
        ),
        "pg_views": (
            "https://www.postgresql.org/docs/8.0/view-pg-views.html (https://docs.aws.amazon.com/redshift/latest/dg/c_join_PG.html)",
            ["schemaname", "viewname", "viewowner", "definition"]
        ),
    ]

    typealias Query = RedshiftCatalogReader.Query

    /// Each query with the view or catalog table each of its columns comes from.
    static let queries: [(sql: String, reads: [String: [String]])] = [
        (Query.users, ["svv_user_info": ["user_name", "superuser"]]),
        (Query.roles, ["svv_roles": ["role_name"]]),
        (Query.groups, ["pg_group": ["groname"]]),
        (Query.userGrants, ["svv_user_grants": ["user_name", "role_name"]]),
        (Query.roleGrants, ["svv_role_grants": ["role_name", "granted_role_name"]]),
        (Query.groupMembers, ["pg_group": ["groname", "grolist"], "pg_user": ["usename", "usesysid"]]),
        (Query.databases, ["pg_database": ["datname"]]),
        (
            Query.databasePrivileges,
            [
                "svv_database_privileges": [
                    "database_name", "privilege_type", "identity_name", "identity_type", "privilege_scope",
                ]
            ]
        ),
        (Query.schemas, ["pg_namespace": ["nspname", "nspowner"], "pg_user": ["usename", "usesysid"]]),
        (
            Query.relations,
            [
                "pg_tables": ["schemaname", "tablename", "tableowner"],
                "pg_views": ["schemaname", "viewname", "viewowner"],
            ]
        ),
        (
            Query.schemaPrivileges,
            [
                "svv_schema_privileges": [
                    "namespace_name", "privilege_type", "identity_name", "identity_type", "privilege_scope",
                ]
            ]
        ),
        (
            Query.relationPrivileges,
            [
                "svv_relation_privileges": [
                    "namespace_name", "relation_name", "privilege_type", "identity_name", "identity_type",
                ]
            ]
        ),
        (
            Query.defaultPrivileges,
            [
                "svv_default_privileges": [
                    "schema_name", "object_type", "owner_name", "privilege_type", "grantee_name", "grantee_type",
                ]
            ]
        ),
    ]

    /// The words of a query that could name a column: identifiers, with any `alias.` prefix dropped.
    static func identifiers(_ sql: String) -> Set<String> {
        let keywords: Set<String> = [
            "select", "from", "where", "left", "join", "on", "and", "not", "like", "union", "all", "any", "as",
        ]
        var words = Set<String>()
        var quoted = false
        var current = ""
        for character in sql.lowercased() + " " {
            if character == "'" { quoted.toggle() }
            if !quoted && (character.isLetter || character.isNumber || character == "_") {
                current.append(character)
            } else {
                if !current.isEmpty && !keywords.contains(current) && current.count > 1 { words.insert(current) }
                current = ""
            }
        }
        return words
    }

    @Test func everyQueryReadsDocumentedViewsAndColumnsOnly() throws {
        for (sql, reads) in Self.queries {
            let words = Self.identifiers(sql)
            var accounted = Set<String>()
            for (view, columns) in reads {
                let documented = try #require(Self.documentedColumns[view], "no documented columns for \(view)")
                #expect(
                    sql.lowercased().contains("from \(view)") || sql.lowercased().contains("join \(view)"),
                    "\(sql) does not read \(view)")
                for column in columns {
                    #expect(documented.columns.contains(column), "\(view).\(column) is not in \(documented.url)")
                    #expect(words.contains(column), "\(sql) does not name \(column)")
                }
                accounted.insert(view)
                accounted.formUnion(columns)
            }
            // Every other word is an alias (one letter, dropped above), a string or a view: no column slips by.
            let unaccounted = words.subtracting(accounted).subtracting(["information_schema", "pg"])
            #expect(unaccounted.isEmpty, "\(sql) names \(unaccounted.sorted()) that no documented view lists")
        }
    }

    /// A cluster as the AWS pages' sample outputs show one: users, a role granted a role, a group, PUBLIC.
    static func sample() -> RedshiftCatalog {
        var catalog = RedshiftCatalog()
        catalog.add(RedshiftCatalog.UserRow(userName: "reguser", superuser: false))
        catalog.add(RedshiftCatalog.UserRow(userName: "etl", superuser: false))
        catalog.add(RedshiftCatalog.UserRow(userName: "admin", superuser: true))
        catalog.add(RedshiftCatalog.UserRow(userName: "stranger", superuser: false))
        catalog.addRole("role1")
        catalog.addRole("role2")
        catalog.addGroup("readers")
        catalog.addUserGrant(userName: "reguser", roleName: "role2")
        catalog.addRoleGrant(roleName: "role2", grantedRoleName: "role1")
        catalog.addGroupMember(userName: "reguser", groupName: "readers")
        catalog.addDatabase("test_db")
        catalog.addDatabase("other_db")
        catalog.addObject(PrivilegeTarget(database: "test_db", schema: "public"), owner: "rdsdb")
        catalog.addObject(PrivilegeTarget(database: "test_db", schema: "test_schema1"), owner: "rdsdb")
        catalog.addObject(PrivilegeTarget(database: "test_db", schema: "test_schema1", table: "orders"), owner: "rdsdb")
        catalog.addObject(PrivilegeTarget(database: "test_db", schema: "test_schema1", table: "items"), owner: "etl")
        catalog.focus(on: ["reguser", "role1", "role2", "etl", "admin", "nobody"])
        let databaseRows: [(String, String, String, String, String?)] = [
            ("test_db", "CREATE", "role1", "role", "DATABASE"),
            ("test_db", "TEMP", "public", "public", "DATABASE"),
            ("test_db", "USAGE", "stranger", "user", "DATABASE"),
        ]
        for (database, privilege, name, type, scope) in databaseRows {
            catalog.add(
                RedshiftCatalog.DatabasePrivilegeRow(
                    databaseName: database, privilegeType: privilege, identityName: name, identityType: type,
                    privilegeScope: scope))
        }
        let schemaRows: [(String, String, String, String, String?)] = [
            ("test_schema1", "USAGE", "role2", "role", "SCHEMA"),
            ("public", "CREATE", "public", "public", "SCHEMA"),
            ("public", "USAGE", "public", "public", "SCHEMA"),
            // A scoped permission: every table of the schema, now and later.
            ("test_schema1", "UPDATE", "readers", "group", "TABLES"),
        ]
        for (schema, privilege, name, type, scope) in schemaRows {
            catalog.add(
                RedshiftCatalog.SchemaPrivilegeRow(
                    namespaceName: schema, privilegeType: privilege, identityName: name, identityType: type,
                    privilegeScope: scope), database: "test_db")
        }
        let relationRows: [(String, String, String, String, String)] = [
            ("test_schema1", "orders", "SELECT", "role1", "role"),
            ("test_schema1", "orders", "INSERT", "reguser", "user"),
            ("test_schema1", "orders", "DELETE", "stranger", "user"),
        ]
        for (schema, relation, privilege, name, type) in relationRows {
            catalog.add(
                RedshiftCatalog.RelationPrivilegeRow(
                    namespaceName: schema, relationName: relation, privilegeType: privilege, identityName: name,
                    identityType: type), database: "test_db")
        }
        catalog.add(
            RedshiftCatalog.DefaultPrivilegeRow(
                schemaName: "test_schema1", objectType: "RELATION", ownerName: "etl", privilegeType: "SELECT",
                granteeName: "role1", granteeType: "role"), database: "test_db")
        catalog.add(
            RedshiftCatalog.DefaultPrivilegeRow(
                schemaName: nil, objectType: "FUNCTION", ownerName: "etl", privilegeType: "EXECUTE",
                granteeName: "role1", granteeType: "role"), database: "test_db")
        return catalog
    }

    @Test func rowsBecomeEffectivePrivilegesThroughRolesGroupsAndPublic() {
        let snapshot = Self.sample().snapshot(databases: ["test_db"])
        #expect(snapshot.server == .redshift)
        #expect(snapshot.existingPrincipals == ["reguser", "role1", "role2", "etl", "admin"])
        #expect(snapshot.existingDatabases == ["test_db"])
        func holds(_ principal: String, _ privilege: String, _ target: PrivilegeTarget) -> Bool {
            snapshot.privileges.contains(HeldPrivilege(principal: principal, privilege: privilege, target: target))
        }
        let database = PrivilegeTarget(database: "test_db")
        let schema = PrivilegeTarget(database: "test_db", schema: "test_schema1")
        let orders = PrivilegeTarget(database: "test_db", schema: "test_schema1", table: "orders")
        let items = PrivilegeTarget(database: "test_db", schema: "test_schema1", table: "items")
        // reguser ← role2 ← role1: role1's grants reach it through the role granted to a role.
        #expect(holds("reguser", "SELECT", orders))
        #expect(holds("reguser", "CREATE", database))
        #expect(holds("reguser", "USAGE", schema))
        #expect(holds("reguser", "INSERT", orders))
        // Through the group's scoped permission: every table of the schema.
        #expect(holds("reguser", "UPDATE", orders) && holds("reguser", "UPDATE", items))
        #expect(!holds("role2", "UPDATE", items))
        // PUBLIC: TEMP on the database and CREATE, USAGE on public, for everyone.
        #expect(
            holds("role1", "TEMP", database)
                && holds("etl", "CREATE", PrivilegeTarget(database: "test_db", schema: "public")))
        // Grants go up the hierarchy, not down: role1 does not hold role2's USAGE.
        #expect(!holds("role1", "USAGE", schema))
        // Another user's grants reach no one; CONNECT is no Redshift privilege.
        #expect(!holds("reguser", "DELETE", orders) && !holds("role1", "DELETE", orders))
        #expect(!snapshot.privileges.contains { $0.privilege == "CONNECT" })
        // The owner holds what a table accepts; a superuser what everything accepts.
        #expect(holds("etl", "SELECT", items) && holds("etl", "TRUNCATE", items) && !holds("etl", "TRIGGER", items))
        #expect(holds("admin", "DELETE", orders) && holds("admin", "CREATE", database))
        #expect(
            snapshot.memberships == [
                RoleMembership(member: "reguser", role: "role2"), RoleMembership(member: "role2", role: "role1"),
                RoleMembership(member: "reguser", role: "readers"),
            ])
        // Only default privileges on tables, for the runbook's principals.
        #expect(
            snapshot.defaultPrivileges == [
                DefaultTablePrivilege(
                    database: "test_db", creator: "etl", schema: "test_schema1", privilege: "SELECT", grantee: "role1")
            ])
    }

    @Test func grantsToOthersAreDroppedAsTheyArrive() {
        var catalog = RedshiftCatalog()
        catalog.add(RedshiftCatalog.UserRow(userName: "app", superuser: false))
        catalog.addDatabase("db")
        catalog.focus(on: ["app"])
        for index in 0..<1000 {
            catalog.add(
                RedshiftCatalog.RelationPrivilegeRow(
                    namespaceName: "s", relationName: "t\(index)", privilegeType: "SELECT", identityName: "someone",
                    identityType: "user"), database: "db")
        }
        #expect(catalog.snapshot(databases: ["db"]).privileges.isEmpty)
    }

    @Test func versionNamesTheServer() {
        let redshift =
            "PostgreSQL 8.0.2 on i686-pc-linux-gnu, compiled by GCC gcc (GCC) 3.4.2 20041017 (Red Hat 3.4.2-6.fc3), "
            + "Redshift 1.0.12103"
        #expect(LiveServer.identify(version: redshift) == .redshift)
        #expect(
            LiveServer.identify(version: "PostgreSQL 15.8 (Debian 15.8-0+deb12u1) on x86_64-pc-linux-gnu")
                == .postgreSQL)
        #expect(LiveServer.identify(version: "CockroachDB CCL v23.1.11 (x86_64-pc-linux-gnu)") == nil)
        #expect(LiveServer.accepted(byDialect: "redshift") == [.postgreSQL, .redshift])
        #expect(LiveServer.accepted(byDialect: "postgres") == [.postgreSQL])
        #expect(LiveServer.accepted(byDialect: "snowflake").isEmpty)
        let url = DatabaseURL(user: "u", password: "pw-secret", endpoint: .tcp(host: "h", port: 5439), database: "dev")
        let refusal = LiveServer.refusal(url: url, server: .redshift, version: redshift, accepted: [.postgreSQL])
        #expect(refusal.contains("is Amazon Redshift") && refusal.contains("written for PostgreSQL"), "\(refusal)")
        #expect(!refusal.contains("pw-secret"))
    }

    /// A Snowflake runbook is refused before any connection is made: verify reads PostgreSQL and Redshift only.
    @Test func aSnowflakeRunbookIsRefusedBeforeConnecting() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("rs-snowflake-\(getpid())")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let runbook = folder.appendingPathComponent("warehouse.md")
        try """
        ---
        dialect: snowflake
        ---

        # Warehouse access

        ### Step 1: Create the role

        ```sql
        CREATE ROLE analyst;
        ```
        """.write(to: runbook, atomically: true, encoding: .utf8)
        let result = await Commands.verify(
            runbook.path, options: Commands.VerifyOptions(connection: "postgres://u:pw-secret@127.0.0.1:1/d"),
            reader: { _, _, _, _ throws(ConnectionFailure) in
                throw ConnectionFailure(message: "the reader was called")
            })
        #expect(result.exitStatus == 2, "\(result.stderr)")
        #expect(result.stderr.contains("is a Snowflake page") && result.stderr.contains("--verification"))
        #expect(!result.stderr.contains("the reader was called") && !result.stderr.contains("pw-secret"))
        #expect(result.stdout.isEmpty)
    }
}
