import Foundation
import RunbookDriver
import RunbookLiveDatabase
import RunbookVerify
import Testing

/// The Redshift reader's real queries, run end to end against the throwaway PostgreSQL server that `make test`
/// starts, in a database where a schema imitates Redshift's system views: views with the documented names and
/// columns (see `RedshiftCatalogTests.documentedColumns`), filled from pg_catalog, and a `version()` that
/// answers as Redshift does. This tests the query text and the reader's plumbing, not Redshift: what the views
/// hold is PostgreSQL's catalog dressed as Redshift's.
@Suite(.serialized, .enabled(if: RedshiftImitation.server != nil || RedshiftImitation.isRequired))
struct RedshiftImitationTests {
    @Test func theRedshiftReaderSeesWhatThePostgreSQLReaderSees() async throws {
        let imitation = try RedshiftImitation.setUp()
        let url = imitation.url
        let principals = ["rs_user", "rs_role", "rs_parent", "rs_owner", "rs_missing"]
        let databases = [RedshiftImitation.database, "rs_no_such_database"]
        let redshift = try await RedshiftCatalogReader(url: url, requiresRedshift: false)
            .snapshot(databases: databases, principals: principals)
        let postgres = try await LiveDatabaseReader(url: imitation.postgresURL)
            .snapshot(databases: databases, principals: principals, accepting: [.postgreSQL])
        #expect(redshift.server == .redshift && postgres.server == .postgreSQL)
        #expect(redshift.existingPrincipals == ["rs_user", "rs_role", "rs_parent", "rs_owner"])
        #expect(redshift.existingPrincipals == postgres.existingPrincipals)
        #expect(redshift.existingDatabases == [RedshiftImitation.database])
        #expect(redshift.objects == postgres.objects)
        #expect(redshift.memberships == postgres.memberships)
        #expect(redshift.defaultPrivileges == postgres.defaultPrivileges)
        let admin = RedshiftImitation.server?.user ?? "postgres"
        let expectedDefaults: [(String?, String, String, String)] = [
            ("data", admin, "SELECT", "rs_role"), (nil, "rs_owner", "UPDATE", "rs_user"),
        ]
        for (schema, creator, privilege, grantee) in expectedDefaults {
            let entry = DefaultTablePrivilege(
                database: RedshiftImitation.database, creator: creator, schema: schema, privilege: privilege,
                grantee: grantee)
            #expect(redshift.defaultPrivileges.contains(entry), "\(entry)")
        }
        // CONNECT and TRIGGER are no Redshift privileges: an owner holds what Redshift's ALL gives.
        let compared = { (snapshot: LiveSnapshot) in
            snapshot.privileges.filter { $0.privilege != "CONNECT" && $0.privilege != "TRIGGER" }
        }
        #expect(
            compared(redshift) == compared(postgres), "\(compared(redshift).symmetricDifference(compared(postgres)))")
        let table = PrivilegeTarget(database: RedshiftImitation.database, schema: "data", table: "t1")
        #expect(redshift.privileges.contains(HeldPrivilege(principal: "rs_user", privilege: "SELECT", target: table)))
    }

    @Test func serverDetectionChoosesTheReader() async throws {
        let imitation = try RedshiftImitation.setUp()
        // The real server, in a database without the imitation: PostgreSQL, which the Redshift reader refuses.
        let plain = imitation.url.with(database: "postgres")
        do {
            _ = try await RedshiftCatalogReader(url: plain).snapshot(databases: ["postgres"], principals: ["rs_user"])
            Issue.record("the Redshift reader read a PostgreSQL server")
        } catch {
            #expect(error.message.contains("is PostgreSQL"), "\(error.message)")
            #expect(error.message.contains("not Amazon Redshift"), "\(error.message)")
        }
        let postgres = try await LiveDatabaseReader(url: plain)
            .snapshot(databases: ["postgres"], principals: ["rs_user"], accepting: [.postgreSQL, .redshift])
        #expect(postgres.server == .postgreSQL)

        // Where version() names Redshift: a PostgreSQL runbook is refused before anything is read …
        do {
            _ = try await LiveDatabaseReader(url: imitation.url)
                .snapshot(databases: [RedshiftImitation.database], principals: ["rs_user"], accepting: [.postgreSQL])
            Issue.record("a PostgreSQL runbook was compared with a Redshift catalog")
        } catch {
            #expect(error.message.contains("is Amazon Redshift"), "\(error.message)")
            #expect(error.message.split(separator: "\n").count == 1)
        }
        // … and a Redshift runbook is read from the svv_* views.
        let redshift = try await LiveDatabaseReader(url: imitation.url)
            .snapshot(
                databases: [RedshiftImitation.database], principals: ["rs_user"], accepting: [.postgreSQL, .redshift])
        #expect(redshift.server == .redshift)
        #expect(redshift.existingPrincipals == ["rs_user"])
    }

    /// A Redshift runbook verified through `Commands.verify` (what runbook-verify runs) on a database whose
    /// `version()` names Redshift: the Redshift reader, and the runbook simulated with Redshift's semantics.
    /// The imitation is set up as Redshift starts a database (PUBLIC may CREATE in `public`) and lists no
    /// CONNECT or TRIGGER, which Redshift does not have.
    @Test func aRedshiftRunbookOnARedshiftServerIsComparedWithRedshiftSemantics() async throws {
        let imitation = try RedshiftImitation.setUp()
        let server = try #require(RedshiftImitation.server)
        try RedshiftImitation.psql(
            server, database: "postgres",
            """
            CREATE DATABASE rs_e2e;
            CREATE ROLE rs_e2e_role; CREATE USER rs_e2e_user; GRANT rs_e2e_role TO rs_e2e_user;
            """)
        try RedshiftImitation.psql(
            server, database: "rs_e2e",
            RedshiftImitation.imitation(in: "rs_e2e")
                + """
                GRANT CREATE ON SCHEMA public TO PUBLIC;
                CREATE SCHEMA e2e;
                CREATE TABLE e2e.events (id int);
                GRANT USAGE ON SCHEMA e2e TO rs_e2e_role;
                GRANT SELECT ON ALL TABLES IN SCHEMA e2e TO rs_e2e_role;
                """)
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("rs-e2e-\(getpid())")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let runbook = folder.appendingPathComponent("events.md")
        try """
        # Events access

        ### Step 1: Create the database

        ```sql
        CREATE DATABASE rs_e2e;
        ```

        ### Step 2: Create the reader

        1. Switch to the rs_e2e database. Create the schema, the role and the user.

           ```sql
           CREATE SCHEMA e2e;
           CREATE TABLE e2e.events (id int);
           CREATE ROLE rs_e2e_role;
           CREATE USER rs_e2e_user PASSWORD DISABLE;
           GRANT ROLE rs_e2e_role TO rs_e2e_user;
           ```

        2. Grant read access to the schema and its tables.

           ```sql
           GRANT USAGE ON SCHEMA e2e TO ROLE rs_e2e_role;
           GRANT SELECT ON ALL TABLES IN SCHEMA e2e TO ROLE rs_e2e_role;
           ```
        """.write(to: runbook, atomically: true, encoding: .utf8)
        let reader: Commands.LiveReader = { url, databases, principals, accepting throws(ConnectionFailure) in
            try await LiveDatabaseReader(url: url).snapshot(
                databases: databases, principals: principals, accepting: accepting)
        }
        let url = imitation.url.with(database: "rs_e2e").description
        let matched = await Commands.verify(
            runbook.path, options: Commands.VerifyOptions(connection: url), reader: reader)
        #expect(matched.exitStatus == 0, "\(matched.stdout)\n\(matched.stderr)")
        #expect(matched.stdout.contains("variant default: matches"), "\(matched.stdout)")

        // Drift, seen through the svv_* imitation: the role loses SELECT, the user with it.
        try RedshiftImitation.psql(server, database: "rs_e2e", "REVOKE SELECT ON e2e.events FROM rs_e2e_role;")
        let drift = await Commands.verify(
            runbook.path, options: Commands.VerifyOptions(connection: url), reader: reader)
        #expect(drift.exitStatus == 1, "\(drift.stdout)\n\(drift.stderr)")
        #expect(drift.stdout.contains("rs_e2e_user lacks SELECT on table rs_e2e.e2e.events"), "\(drift.stdout)")

        // --repair writes PostgreSQL only: refused on Redshift, nothing written.
        let repairPath = folder.appendingPathComponent("repair.sql").path
        let repair = await Commands.verify(
            runbook.path,
            options: Commands.VerifyOptions(connection: url, repairPath: repairPath),
            reader: reader)
        #expect(repair.exitStatus == 2 && repair.stderr.contains("--repair writes PostgreSQL scripts only"))
        #expect(!FileManager.default.fileExists(atPath: repairPath))

        // The same runbook said to be PostgreSQL's is refused on a Redshift server.
        let postgresRunbook = folder.appendingPathComponent("events-postgres.md")
        try ("---\ndialect: postgres\n---\n\n" + String(contentsOf: runbook, encoding: .utf8))
            .write(to: postgresRunbook, atomically: true, encoding: .utf8)
        let refused = await Commands.verify(
            postgresRunbook.path, options: Commands.VerifyOptions(connection: url),
            reader: reader)
        #expect(refused.exitStatus == 2, "\(refused.stdout)\n\(refused.stderr)")
        #expect(refused.stderr.contains("is Amazon Redshift"), "\(refused.stderr)")
        #expect(refused.stdout.isEmpty)
    }
}

/// The imitation database: `rs_imitation`, where the superuser `rs_admin`'s search path puts the schema `rs`
/// (the views, and `version()`) before pg_catalog; the cluster's own superuser sees PostgreSQL there.
enum RedshiftImitation {
    static let database = "rs_imitation"

    struct Server {
        var bin: String
        var host: String
        var port: Int
        var user: String
    }

    static let server: Server? = {
        let environment = ProcessInfo.processInfo.environment
        guard let bin = environment["RUNBOOK_PG_BIN"], let host = environment["RUNBOOK_PG_HOST"],
            let port = environment["RUNBOOK_PG_PORT"].flatMap(Int.init), let user = environment["RUNBOOK_PG_USER"]
        else { return nil }
        return Server(bin: bin, host: host, port: port, user: user)
    }()

    static var isRequired: Bool { ProcessInfo.processInfo.environment["RUNBOOK_REQUIRE_SERVICES"] == "1" }

    struct Ready {
        /// As `rs_admin`: the imitation.
        var url: DatabaseURL
        /// As the cluster's superuser: the same database as PostgreSQL.
        var postgresURL: DatabaseURL
    }

    struct Failed: Error, CustomStringConvertible {
        var description: String
    }

    /// The identity a grantee oid stands for, as the SVV views name it.
    static let identity = """
        CREATE FUNCTION rs.identity_type(grantee oid) RETURNS text LANGUAGE sql STABLE AS $$
            SELECT CASE WHEN grantee = 0 THEN 'public'
                WHEN (SELECT rolcanlogin FROM pg_catalog.pg_roles WHERE oid = grantee) THEN 'user' ELSE 'role' END $$;
        CREATE FUNCTION rs.identity_name(grantee oid) RETURNS text LANGUAGE sql STABLE AS $$
            SELECT CASE WHEN grantee = 0 THEN 'public'
                ELSE (SELECT rolname::text FROM pg_catalog.pg_roles WHERE oid = grantee) END $$;
        """

    /// Views with the documented names and columns, filled from pg_catalog. Explicit grants only (with the
    /// owner's implicit ones where PostgreSQL writes them into the ACL), as Redshift's views list them.
    static let views = """
        CREATE SCHEMA rs;
        CREATE FUNCTION rs.version() RETURNS text LANGUAGE sql AS $$
            SELECT 'PostgreSQL 8.0.2 on i686-pc-linux-gnu, compiled by GCC gcc (GCC) 3.4.2 20041017 (Red Hat 3.4.2-6.fc3), Redshift 1.0.12103 (imitation)'::text $$;
        \(identity)
        CREATE VIEW rs.svv_user_info AS
            SELECT rolname::text AS user_name, oid::int AS user_id, rolcreatedb AS createdb, rolsuper AS superuser,
                rolcanlogin AS catalog_update, rolconnlimit AS connection_limit, 'RESTRICTED'::text AS syslog_access,
                NULL::timestamp AS last_ddl_ts, rolvaliduntil AS password_expiry, 0 AS session_timeout
            FROM pg_catalog.pg_roles WHERE rolcanlogin;
        CREATE VIEW rs.svv_roles AS
            SELECT oid::int AS role_id, rolname::text AS role_name, NULL::text AS role_owner, NULL::text AS external_id
            FROM pg_catalog.pg_roles WHERE NOT rolcanlogin AND rolname NOT LIKE 'pg\\_%';
        CREATE VIEW rs.svv_user_grants AS
            SELECT m.oid::int AS user_id, m.rolname::text AS user_name, r.oid::int AS role_id, r.rolname::text AS role_name,
                a.admin_option
            FROM pg_catalog.pg_auth_members a JOIN pg_catalog.pg_roles m ON m.oid = a.member
            JOIN pg_catalog.pg_roles r ON r.oid = a.roleid WHERE m.rolcanlogin;
        CREATE VIEW rs.svv_role_grants AS
            SELECT m.oid::int AS role_id, m.rolname::text AS role_name, r.oid::int AS granted_role_id,
                r.rolname::text AS granted_role_name
            FROM pg_catalog.pg_auth_members a JOIN pg_catalog.pg_roles m ON m.oid = a.member
            JOIN pg_catalog.pg_roles r ON r.oid = a.roleid WHERE NOT m.rolcanlogin;
        CREATE VIEW rs.svv_database_privileges AS
            SELECT d.datname::text AS database_name, a.privilege_type::text, a.grantee::int AS identity_id,
                rs.identity_name(a.grantee) AS identity_name, rs.identity_type(a.grantee) AS identity_type,
                a.is_grantable AS admin_option, 'DATABASE'::text AS privilege_scope
            FROM pg_catalog.pg_database d
            CROSS JOIN LATERAL pg_catalog.aclexplode(coalesce(d.datacl, pg_catalog.acldefault('d', d.datdba))) a
            WHERE a.privilege_type <> 'CONNECT';
        CREATE VIEW rs.svv_schema_privileges AS
            SELECT n.nspname::text AS namespace_name, a.privilege_type::text, a.grantee::int AS identity_id,
                rs.identity_name(a.grantee) AS identity_name, rs.identity_type(a.grantee) AS identity_type,
                a.is_grantable AS admin_option, 'SCHEMA'::text AS privilege_scope
            FROM pg_catalog.pg_namespace n
            CROSS JOIN LATERAL pg_catalog.aclexplode(coalesce(n.nspacl, pg_catalog.acldefault('n', n.nspowner))) a;
        CREATE VIEW rs.svv_relation_privileges AS
            SELECT n.nspname::text AS namespace_name, c.relname::text AS relation_name, a.privilege_type::text,
                a.grantee::int AS identity_id, rs.identity_name(a.grantee) AS identity_name,
                rs.identity_type(a.grantee) AS identity_type, a.is_grantable AS admin_option
            FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
            CROSS JOIN LATERAL pg_catalog.aclexplode(coalesce(c.relacl, pg_catalog.acldefault('r', c.relowner))) a
            WHERE c.relkind IN ('r', 'p', 'v') AND a.privilege_type <> 'TRIGGER';
        CREATE VIEW rs.svv_default_privileges AS
            SELECT n.nspname::text AS schema_name,
                CASE d.defaclobjtype WHEN 'r' THEN 'RELATION' WHEN 'f' THEN 'FUNCTION' ELSE 'OTHER' END AS object_type,
                d.defaclrole::int AS owner_id, pg_catalog.pg_get_userbyid(d.defaclrole)::text AS owner_name,
                'user'::text AS owner_type, a.privilege_type::text, a.grantee::int AS grantee_id,
                rs.identity_name(a.grantee) AS grantee_name, rs.identity_type(a.grantee) AS grantee_type,
                a.is_grantable AS admin_option
            FROM pg_catalog.pg_default_acl d LEFT JOIN pg_catalog.pg_namespace n ON n.oid = d.defaclnamespace
            CROSS JOIN LATERAL pg_catalog.aclexplode(d.defaclacl) a;
        """

    /// What makes a database look like Redshift to `rs_admin`; `database` names it.
    static func imitation(in database: String) -> String {
        views + "\nALTER ROLE rs_admin IN DATABASE \(database) SET search_path = rs, pg_catalog, public;\n"
    }

    /// What the comparison is about: a user holding a role granted a role, grants on all three kinds of object,
    /// PUBLIC, an owner, default privileges with and without a schema.
    static let scenario = """
        ALTER SCHEMA public OWNER TO rs_admin;
        CREATE SCHEMA data;
        CREATE TABLE data.t1 (i int);
        CREATE TABLE data.t2 (i int);
        CREATE VIEW data.v AS SELECT 1 AS x;
        CREATE TABLE data.owned (i int);
        ALTER TABLE data.owned OWNER TO rs_owner;
        CREATE SCHEMA owned_schema AUTHORIZATION rs_owner;
        GRANT USAGE ON SCHEMA data TO rs_role;
        GRANT SELECT ON data.t1 TO rs_parent;
        GRANT INSERT, UPDATE ON data.t2 TO rs_user;
        GRANT SELECT ON data.v TO PUBLIC;
        GRANT CREATE ON DATABASE rs_imitation TO rs_parent;
        ALTER DEFAULT PRIVILEGES IN SCHEMA data GRANT SELECT ON TABLES TO rs_role;
        ALTER DEFAULT PRIVILEGES FOR ROLE rs_owner GRANT UPDATE ON TABLES TO rs_user;
        """

    /// Builds the imitation afresh (roles are cluster-wide; their names start with `rs_`, which no other test uses).
    static func setUp() throws -> Ready {
        guard let server else {
            throw Failed(description: "RUNBOOK_PG_* do not name a running cluster (run make test)")
        }
        try psql(
            server, database: "postgres",
            """
            DROP DATABASE IF EXISTS rs_imitation; DROP DATABASE IF EXISTS rs_e2e;
            DROP ROLE IF EXISTS rs_e2e_user; DROP ROLE IF EXISTS rs_e2e_role;
            DROP ROLE IF EXISTS rs_user; DROP ROLE IF EXISTS rs_role; DROP ROLE IF EXISTS rs_parent;
            DROP ROLE IF EXISTS rs_owner; DROP ROLE IF EXISTS rs_admin;
            CREATE ROLE rs_admin SUPERUSER LOGIN;
            CREATE ROLE rs_parent; CREATE ROLE rs_role; CREATE USER rs_user; CREATE USER rs_owner;
            GRANT rs_parent TO rs_role; GRANT rs_role TO rs_user;
            CREATE DATABASE rs_imitation;
            """)
        try psql(server, database: database, imitation(in: database) + "\n" + scenario)
        let url = DatabaseURL(
            user: "rs_admin", password: nil, endpoint: .unixSocket(directory: server.host, port: server.port),
            database: database)
        var plain = url
        plain.user = server.user
        return Ready(url: url, postgresURL: plain)
    }

    static func psql(_ server: Server, database: String, _ sql: String) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: server.bin + "/psql")
        process.arguments = [
            "-X", "-q", "-v", "ON_ERROR_STOP=1", "-h", server.host, "-p", "\(server.port)", "-U", server.user, "-d",
            database, "-f", "-",
        ]
        var environment = ProcessInfo.processInfo.environment
        environment["PGOPTIONS"] = "-c client_min_messages=warning"
        process.environment = environment
        let input = Pipe()
        let errors = Pipe()
        process.standardInput = input
        process.standardOutput = FileHandle.nullDevice
        process.standardError = errors
        try process.run()
        input.fileHandleForWriting.write(Data(sql.utf8))
        try input.fileHandleForWriting.close()
        let message = errors.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw Failed(description: "psql failed: \(String(decoding: message, as: UTF8.self))")
        }
    }
}
