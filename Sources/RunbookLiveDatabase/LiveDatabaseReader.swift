import Foundation
import PostgresNIO
package import RunbookVerify

/// Reads a live PostgreSQL server's catalog: which roles exist, what is in each database, and what
/// `has_database_privilege`, `has_schema_privilege` and `has_table_privilege` say for each principal.
package struct LiveDatabaseReader: Sendable {
    package var url: DatabaseURL

    package init(url: DatabaseURL) {
        self.url = url
    }

    /// Connects to the URL's database, then to each of `databases` that exists (one connection at a time).
    ///
    /// The server is identified first (`SELECT version()`): one that is not among `accepting` is refused before
    /// anything else is read; Amazon Redshift, when accepted, is read by `RedshiftCatalogReader` from its
    /// system views.
    package func snapshot(
        databases: [String], principals: [String], accepting: Set<LiveServer> = [.postgreSQL]
    ) async throws(ConnectionFailure) -> LiveSnapshot {
        var snapshot = LiveSnapshot()
        let first = try await Self.connect(to: url)
        let server: LiveServer
        do {
            server = try await Self.requireServer(accepting, on: first, url: url)
        } catch let failure as ConnectionFailure {
            try? await first.close()
            throw failure
        } catch {
            try? await first.close()
            throw ConnectionFailure(message: "cannot read the catalog at \(url): \(Self.reason(error))")
        }
        if server == .redshift {
            return try await RedshiftCatalogReader(url: url).read(
                databases: databases, principals: principals, first: first)
        }
        let progress = ProgressLine()
        defer { progress.finish() }
        do {
            snapshot.existingPrincipals = Set(
                try await strings(
                    "SELECT rolname FROM pg_catalog.pg_roles WHERE rolname = ANY($1)", principals, on: first))
            snapshot.existingDatabases = Set(
                try await strings(
                    "SELECT datname FROM pg_catalog.pg_database WHERE datname = ANY($1) AND datallowconn", databases,
                    on: first))
            var binds = PostgresBindings()
            binds.append(principals)
            let members = try await Self.rows(
                PostgresQuery(
                    unsafeSQL: """
                        SELECT m.rolname, r.rolname FROM pg_catalog.pg_auth_members a
                        JOIN pg_catalog.pg_roles m ON m.oid = a.member JOIN pg_catalog.pg_roles r ON r.oid = a.roleid
                        WHERE m.rolname = ANY($1) OR r.rolname = ANY($1)
                        """, binds: binds), on: first)
            for row in members {
                let (member, role) = try row.decode((String, String).self)
                snapshot.memberships.insert(RoleMembership(member: member, role: role))
            }
        } catch {
            try? await first.close()
            throw ConnectionFailure(message: "cannot read the catalog at \(url): \(Self.reason(error))")
        }
        let asked = principals.filter { snapshot.existingPrincipals.contains($0) }
        for database in databases.sorted() where snapshot.existingDatabases.contains(database) {
            let connection =
                database == url.database ? first : try await Self.connect(to: url.with(database: database))
            do {
                try await read(database, principals: asked, on: connection, into: &snapshot, progress: progress)
            } catch {
                if connection !== first { try? await connection.close() }
                try? await first.close()
                throw ConnectionFailure(message: "cannot read the catalog of \(database): \(Self.reason(error))")
            }
            if connection !== first { try? await connection.close() }
        }
        try? await first.close()
        return snapshot
    }

    // MARK: - Queries

    private static let userSchemas = "n.nspname NOT LIKE 'pg\\_%' AND n.nspname <> 'information_schema'"
    /// Tables and views an extension made (`pg_stat_statements` in `public`, readable by PUBLIC) belong to the
    /// extension: neither the runbook's objects nor the customer's.
    private static let notOfAnExtension = """
        NOT EXISTS (SELECT 1 FROM pg_catalog.pg_depend e WHERE e.classid = 'pg_catalog.pg_class'::pg_catalog.regclass
            AND e.objid = c.oid AND e.deptype = 'e')
        """

    private func read(
        _ database: String, principals: [String], on connection: PostgresConnection, into snapshot: inout LiveSnapshot,
        progress: ProgressLine
    ) async throws {
        let objects = try await Self.rows(
            PostgresQuery(
                unsafeSQL: """
                    SELECT n.nspname, NULL::text, pg_catalog.pg_get_userbyid(n.nspowner) FROM pg_catalog.pg_namespace n
                    WHERE \(Self.userSchemas)
                    UNION ALL
                    SELECT n.nspname, c.relname, pg_catalog.pg_get_userbyid(c.relowner)
                    FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
                    WHERE c.relkind IN ('r', 'p', 'v', 'm', 'f') AND \(Self.userSchemas) AND \(Self.notOfAnExtension)
                    """), on: connection)
        var count = 0
        for row in objects {
            let (schema, table, owner) = try row.decode((String, String?, String).self)
            snapshot.objects[PrivilegeTarget(database: database, schema: schema, table: table)] = owner
            count += 1
            progress.update("reading \(database): \(count) schemas and tables")
        }
        guard !principals.isEmpty else { return }
        var binds = PostgresBindings()
        binds.append(principals)
        let held = try await Self.rows(
            PostgresQuery(
                unsafeSQL: """
                    SELECT r.rolname, NULL::text, NULL::text, p.name
                    FROM pg_catalog.pg_roles r CROSS JOIN unnest(ARRAY['CONNECT', 'CREATE', 'TEMP']) AS p(name)
                    WHERE r.rolname = ANY($1) AND pg_catalog.has_database_privilege(r.oid, current_database(), p.name)
                    UNION ALL
                    SELECT r.rolname, n.nspname, NULL::text, p.name
                    FROM pg_catalog.pg_roles r CROSS JOIN pg_catalog.pg_namespace n
                    CROSS JOIN unnest(ARRAY['CREATE', 'USAGE']) AS p(name)
                    WHERE r.rolname = ANY($1) AND \(Self.userSchemas)
                    AND pg_catalog.has_schema_privilege(r.oid, n.oid, p.name)
                    UNION ALL
                    SELECT r.rolname, n.nspname, c.relname, p.name
                    FROM pg_catalog.pg_roles r CROSS JOIN pg_catalog.pg_class c
                    JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
                    CROSS JOIN unnest(ARRAY['DELETE', 'INSERT', 'REFERENCES', 'SELECT', 'TRIGGER', 'TRUNCATE', 'UPDATE'])
                        AS p(name)
                    WHERE r.rolname = ANY($1) AND c.relkind IN ('r', 'p', 'v', 'm', 'f') AND \(Self.userSchemas)
                    AND \(Self.notOfAnExtension) AND pg_catalog.has_table_privilege(r.oid, c.oid, p.name)
                    """, binds: binds), on: connection)
        var privilegeCount = 0
        for row in held {
            let (principal, schema, table, privilege) = try row.decode((String, String?, String?, String).self)
            privilegeCount += 1
            progress.update("reading \(database): \(count) schemas and tables, \(privilegeCount) privileges")
            snapshot.privileges.insert(
                HeldPrivilege(
                    principal: principal, privilege: privilege,
                    target: PrivilegeTarget(database: database, schema: schema, table: table)))
        }
        // Default privileges on tables ('r'); a grantee of 0 is PUBLIC, which is no principal of a runbook.
        let defaults = try await Self.rows(
            PostgresQuery(
                unsafeSQL: """
                    SELECT pg_catalog.pg_get_userbyid(d.defaclrole), n.nspname, g.rolname, a.privilege_type
                    FROM pg_catalog.pg_default_acl d
                    LEFT JOIN pg_catalog.pg_namespace n ON n.oid = d.defaclnamespace
                    CROSS JOIN LATERAL pg_catalog.aclexplode(d.defaclacl) a
                    JOIN pg_catalog.pg_roles g ON g.oid = a.grantee
                    WHERE d.defaclobjtype = 'r' AND g.rolname = ANY($1)
                    """, binds: binds), on: connection)
        for row in defaults {
            let (creator, schema, grantee, privilege) = try row.decode((String, String?, String, String).self)
            snapshot.defaultPrivileges.insert(
                DefaultTablePrivilege(
                    database: database, creator: creator, schema: schema, privilege: privilege, grantee: grantee))
        }
    }

    /// Identifies the server by `SELECT version()` and refuses one that is not among `accepted` (CockroachDB,
    /// a Redshift server for a PostgreSQL runbook, …): their catalogs answer other questions.
    static func requireServer(
        _ accepted: Set<LiveServer>, on connection: PostgresConnection, url: DatabaseURL
    ) async throws -> LiveServer {
        let version = try await serverVersion(on: connection)
        guard let server = LiveServer.identify(version: version), accepted.contains(server) else {
            throw ConnectionFailure(
                message: LiveServer.refusal(
                    url: url, server: LiveServer.identify(version: version), version: version, accepted: accepted))
        }
        return server
    }

    /// What `SELECT version()` answers.
    static func serverVersion(on connection: PostgresConnection) async throws -> String {
        let rows = try await rows(PostgresQuery(unsafeSQL: "SELECT version()"), on: connection)
        return try rows.last?.decode(String.self) ?? ""
    }

    private func strings(_ sql: String, _ values: [String], on connection: PostgresConnection) async throws -> [String]
    {
        var binds = PostgresBindings()
        binds.append(values)
        return try await Self.rows(PostgresQuery(unsafeSQL: sql, binds: binds), on: connection).map {
            try $0.decode(String.self)
        }
    }

    /// Every row of `query`, read whole.
    ///
    /// PostgresNIO's streaming `query` (an `AsyncSequence` with back-pressure) stops the process on a
    /// precondition when the server ends the connection while rows wait for the consumer's demand (seen with
    /// postgres-nio 1.33.2 and a backend terminated during a 10,000-row read: `RowStreamStateMachine`'s
    /// "How can we receive a body part, after a channelReadComplete"). Its EventLoopFuture form asks for rows
    /// as fast as they come, so a dropped connection is an error like any other. Catalog reads are bounded by
    /// the catalog's size, and the snapshot holds them all anyway.
    static func rows(_ query: PostgresQuery, on connection: PostgresConnection) async throws -> [PostgresRow] {
        try await connection.query(query, logger: logger).get().rows
    }

    // MARK: - Connecting

    static let logger: Logger = {
        var logger = Logger(label: "runbook.verify")
        logger.logLevel = .critical
        return logger
    }()

    static func connect(to url: DatabaseURL) async throws(ConnectionFailure) -> PostgresConnection {
        let configuration: PostgresConnection.Configuration
        do {
            configuration = try Self.configuration(url)
        } catch {
            throw ConnectionFailure(message: "cannot set up TLS for \(url): \(Self.reason(error))")
        }
        do {
            return try await PostgresConnection.connect(configuration: configuration, id: 1, logger: Self.logger)
        } catch {
            // Something answered but not as PostgreSQL does: say what to check.
            let notPostgreSQL: Bool
            if let error = error as? PSQLError {
                notPostgreSQL = [
                    .messageDecodingFailure, .unexpectedBackendMessage, .serverClosedConnection,
                    .uncleanShutdown, .receivedUnencryptedDataAfterSSLRequest,
                ].contains(error.code)
            } else {
                notPostgreSQL = false
            }
            let hint = notPostgreSQL ? " (is it a PostgreSQL server?)" : ""
            throw ConnectionFailure(message: "cannot connect to \(url): \(Self.reason(error))\(hint)")
        }
    }

    static func configuration(_ url: DatabaseURL) throws -> PostgresConnection.Configuration {
        var configuration: PostgresConnection.Configuration
        switch url.endpoint {
        case .unixSocket(let directory, let port):
            configuration = .init(
                unixSocketPath: "\(directory)/.s.PGSQL.\(port)", username: url.user, password: url.password,
                database: url.database)
        case .tcp(let host, let port):
            let tls: PostgresConnection.Configuration.TLS
            switch url.tls {
            case .disable:
                tls = .disable
            case .prefer, .require, .verifyCA, .verifyFull:
                var settings = TLSConfiguration.makeClientConfiguration()
                settings.certificateVerification =
                    switch url.tls {
                    case .verifyFull: .fullVerification
                    case .verifyCA: .noHostnameVerification
                    default: .none
                    }
                if let roots = url.rootCertificates, url.tls == .verifyCA || url.tls == .verifyFull {
                    settings.trustRoots = .file(roots)
                }
                let context = try NIOSSLContext(configuration: settings)
                tls = url.tls == .prefer ? .prefer(context) : .require(context)
            }
            configuration = .init(
                host: host, port: port, username: url.user, password: url.password, database: url.database, tls: tls)
        }
        configuration.options.connectTimeout = .seconds(Int64(url.connectTimeout ?? 10))
        // https://www.postgresql.org/docs/current/runtime-config-logging.html#GUC-APPLICATION-NAME
        configuration.options.additionalStartupParameters = [("application_name", url.applicationName)]
        return configuration
    }

    /// A one-line reason: the server's message when it sent one, else the network error.
    static func reason(_ error: any Error) -> String {
        let text: String
        if let error = error as? PSQLError {
            if let message = error.serverInfo?[.message] {
                text = message
            } else if error.code == .sslUnsupported {
                text = "the server does not offer TLS, which the URL's sslmode requires"
            } else if error.code == .messageDecodingFailure || error.code == .unexpectedBackendMessage
                || error.code == .receivedUnencryptedDataAfterSSLRequest
            {
                text = "the server does not speak the PostgreSQL protocol"
            } else if error.code == .serverClosedConnection || error.code == .uncleanShutdown {
                text = "the server closed the connection"
            } else if let underlying = error.underlying {
                text = String(describing: underlying)
            } else {
                text = "\(error.code)"
            }
        } else {
            text = String(describing: error)
        }
        return text.split(whereSeparator: \.isNewline).joined(separator: " ")
    }
}
