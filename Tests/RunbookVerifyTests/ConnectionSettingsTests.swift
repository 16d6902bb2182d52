import RunbookVerify
import Testing

/// psql's sources of connection parameters and their precedence, with a made-up environment and files.
@Suite struct ConnectionSettingsTests {
    /// An environment with these variables and these files (path → text, private to the owner unless listed in
    /// `shared`).
    static func environment(
        _ variables: [String: String], files: [String: String] = [:], shared: Set<String> = [],
        sockets: Set<String> = []
    ) -> ConnectionEnvironment {
        ConnectionEnvironment(
            variables: variables, homeDirectory: "/home/ana",
            readFile: { path in files[path].map { ($0, !shared.contains(path)) } },
            fileExists: { sockets.contains($0) })
    }

    static func resolve(
        _ argument: String?, _ environment: ConnectionEnvironment
    ) throws(DatabaseURLError)
        -> ResolvedConnection
    {
        try ConnectionSettings.resolve(argument, environment: environment)
    }

    @Test func nothingGivenUsesThePGVariables() throws {
        let resolved = try Self.resolve(
            nil,
            Self.environment([
                "PGHOST": "/run/pg", "PGPORT": "6001", "PGUSER": "ana", "PGDATABASE": "segment_workspace",
                "PGPASSWORD": "from-env-pw",
            ]))
        #expect(resolved.url.endpoint == .unixSocket(directory: "/run/pg", port: 6001))
        #expect(resolved.url.user == "ana" && resolved.url.database == "segment_workspace")
        #expect(resolved.url.password == "from-env-pw")
        #expect(resolved.url.tls == .disable)
        #expect(resolved.secrets.contains("from-env-pw"))
        #expect(!resolved.url.description.contains("from-env-pw"))
    }

    @Test func theConnectionStringWinsOverTheVariables() throws {
        let resolved = try Self.resolve(
            "host=db.example.com port=6543 dbname='user database' user=support sslmode=require password='it\\'s'",
            Self.environment(["PGHOST": "/run/pg", "PGUSER": "ana", "PGPASSWORD": "env-pw", "PGSSLMODE": "disable"]))
        #expect(resolved.url.endpoint == .tcp(host: "db.example.com", port: 6543))
        #expect(resolved.url.database == "user database" && resolved.url.user == "support")
        #expect(resolved.url.tls == .require)
        #expect(resolved.url.password == "it's")
    }

    @Test func defaultsAreTheOSUserAndTheServersSocket() throws {
        let resolved = try Self.resolve(
            nil, Self.environment(["USER": "ana"], sockets: ["/var/run/postgresql/.s.PGSQL.5432"]))
        #expect(resolved.url.user == "ana" && resolved.url.database == "ana")
        #expect(resolved.url.endpoint == .unixSocket(directory: "/var/run/postgresql", port: 5432))
        #expect(
            try Self.resolve("dbname=x", Self.environment(["USER": "ana"])).url.endpoint
                == .tcp(host: "localhost", port: 5432))
        #expect(
            try Self.resolve("segment_workspace", Self.environment(["USER": "ana"])).url.database
                == "segment_workspace")
        #expect(
            try Self.resolve(nil, Self.environment(["USER": "ana", "PGSSLMODE": "verify-full"])).url.tls == .verifyFull)
    }

    @Test func theServiceFileComesBeforeTheVariables() throws {
        let files = [
            "/home/ana/.pg_service.conf": """
            # support's services
            [other]
            host=elsewhere
            [customer]
            host=customer.example.com
            port=7000
            dbname=segment_workspace
            """
        ]
        let resolved = try Self.resolve(
            "service=customer user=support",
            Self.environment(["PGHOST": "ignored", "PGPORT": "1", "PGDATABASE": "ignored"], files: files))
        #expect(resolved.url.endpoint == .tcp(host: "customer.example.com", port: 7000))
        #expect(resolved.url.database == "segment_workspace" && resolved.url.user == "support")
        // PGSERVICE names it too, and PGSERVICEFILE moves the file.
        let moved = try Self.resolve(
            nil,
            Self.environment(
                ["PGSERVICE": "customer", "PGSERVICEFILE": "/etc/svc", "USER": "ana"],
                files: ["/etc/svc": files["/home/ana/.pg_service.conf"] ?? ""]))
        #expect(moved.url.endpoint == .tcp(host: "customer.example.com", port: 7000))
        #expect(throws: DatabaseURLError.self) { try Self.resolve("service=nowhere", Self.environment(["USER": "a"])) }
    }

    @Test func thePasswordFileMatchesTheFirstLine() throws {
        let pgpass = """
            # host:port:database:user:password
            db.example.com:5432:other:support:wrong
            db.example.com:*:segment_workspace:support:pass\\:word:with-colon
            *:*:*:support:fallback
            localhost:6001:*:ana:socket-pw
            """
        let environment = Self.environment(["USER": "ana"], files: ["/home/ana/.pgpass": pgpass])
        let tcp = try Self.resolve("host=db.example.com dbname=segment_workspace user=support", environment)
        #expect(tcp.url.password == "pass:word:with-colon")
        #expect(tcp.secrets.contains("pass:word:with-colon"))
        #expect(try Self.resolve("host=other.example.com user=support", environment).url.password == "fallback")
        // A socket matches `localhost`.
        #expect(try Self.resolve("host=/run/pg port=6001", environment).url.password == "socket-pw")
        // PGPASSFILE moves it; a password given some other way wins.
        let moved = Self.environment(
            ["USER": "ana", "PGPASSFILE": "/secrets/pgpass"], files: ["/secrets/pgpass": pgpass])
        #expect(try Self.resolve("host=x user=support", moved).url.password == "fallback")
        #expect(try Self.resolve("host=x user=support password=given", moved).url.password == "given")
    }

    @Test func aPasswordFileOthersCanReadIsIgnoredWithAWarning() throws {
        let environment = Self.environment(
            ["USER": "ana"], files: ["/home/ana/.pgpass": "*:*:*:*:leaked-pw"], shared: ["/home/ana/.pgpass"])
        let resolved = try Self.resolve("host=h", environment)
        #expect(resolved.url.password == nil)
        #expect(resolved.warnings.count == 1)
        #expect(resolved.warnings.first?.contains("group or world access") == true)
        #expect(resolved.warnings.allSatisfy { !$0.contains("leaked-pw") })
    }

    @Test(arguments: [
        ("host=h passwrd=hunter2x", "unknown connection parameter 'passwrd' (did you mean 'password'?)"),
        ("host=h sslcert=/c password=hunter2x", "'sslcert' is a libpq parameter that verify does not support"),
        ("host=h password='hunter2x", "unterminated quote"),
        ("host=h port=99999 password=hunter2x", "is not a port number"),
        ("host=a,b password=hunter2x", "several hosts"),
        ("host=h sslmode=sometimes password=hunter2x", "unknown sslmode"),
        ("postgres://u:hunter2x@h/d?colour=blue", "unknown connection parameter 'colour'"),
    ])
    func unusableConnectionStringsSayWhyWithoutThePassword(text: String, expected: String) {
        do {
            _ = try Self.resolve(text, Self.environment(["USER": "ana"]))
            Issue.record("accepted \(text)")
        } catch {
            #expect(error.message.contains(expected), "\(error.message)")
            #expect(!error.message.contains("hunter2x"), "\(error.message)")
        }
    }

    @Test func passwordsAreFoundForScrubbingEvenInUnusableArguments() {
        #expect(ConnectionSettings.passwords(in: "host=h password='s3cret pw' colour=blue") == ["s3cret pw"])
        #expect(ConnectionSettings.passwords(in: "postgres://u:s%40cret@h/d") == ["s@cret"])
    }

    @Test func theApplicationNameComesFromTheStringThenPGAPPNAME() throws {
        #expect(try Self.resolve("dbname=d user=u", Self.environment([:])).url.applicationName == "runbook-verify")
        #expect(
            try Self.resolve("dbname=d user=u", Self.environment(["PGAPPNAME": "support-call"])).url.applicationName
                == "support-call")
        #expect(
            try Self.resolve(
                "dbname=d user=u application_name=ticket-42", Self.environment(["PGAPPNAME": "support-call"])
            )
            .url.applicationName == "ticket-42")
    }
}
