import Foundation
import RunbookDiagnostics

/// What psql would read besides the command line: the environment, the home folder, and files.
package struct ConnectionEnvironment: Sendable {
    package var variables: [String: String]
    package var homeDirectory: String?
    /// A file's text, and whether only its owner may read it; nil when it cannot be read.
    package var readFile: @Sendable (String) -> (text: String, isPrivate: Bool)?
    package var fileExists: @Sendable (String) -> Bool

    package init(
        variables: [String: String], homeDirectory: String?,
        readFile: @escaping @Sendable (String) -> (text: String, isPrivate: Bool)?,
        fileExists: @escaping @Sendable (String) -> Bool
    ) {
        self.variables = variables
        self.homeDirectory = homeDirectory
        self.readFile = readFile
        self.fileExists = fileExists
    }

    /// This process's environment and file system.
    package static var process: ConnectionEnvironment {
        let variables = ProcessInfo.processInfo.environment
        return ConnectionEnvironment(
            variables: variables, homeDirectory: variables["HOME"] ?? NSHomeDirectory(),
            readFile: { path in
                let manager = FileManager.default
                guard let attributes = try? manager.attributesOfItem(atPath: path),
                    attributes[.type] as? FileAttributeType == .typeRegular,
                    let data = manager.contents(atPath: path)
                else { return nil }
                let mode =
                    (attributes[.posixPermissions] as? Int) ?? (attributes[.posixPermissions] as? NSNumber)?.intValue
                    ?? 0o777
                return (String(decoding: data, as: UTF8.self), mode & 0o077 == 0)
            },
            fileExists: { FileManager.default.fileExists(atPath: $0) })
    }
}

/// A connection resolved from every source, with what to say about it and what never to print.
package struct ResolvedConnection: Sendable {
    package var url: DatabaseURL
    /// Things psql would warn about too (a password file others can read, which is then ignored).
    package var warnings: [String]
    /// Every password met on the way: output is scrubbed of them all.
    package var secrets: [String]
}

/// Connection parameters read the way libpq reads them
/// (https://www.postgresql.org/docs/current/libpq-connect.html): a parameter of the connection string or URL
/// wins; then the service file's section (`service=` or PGSERVICE); then the PG* variable; then the default.
/// With no password after that, the password file (`passfile=`, PGPASSFILE or ~/.pgpass) is searched.
package enum ConnectionSettings {
    /// The libpq parameters `verify` uses, and the variable each falls back to.
    static let supported: [(key: String, variable: String?)] = [
        ("application_name", "PGAPPNAME"), ("connect_timeout", "PGCONNECT_TIMEOUT"), ("dbname", "PGDATABASE"),
        ("host", "PGHOST"), ("hostaddr", "PGHOSTADDR"), ("passfile", "PGPASSFILE"), ("password", "PGPASSWORD"),
        ("port", "PGPORT"), ("service", "PGSERVICE"), ("sslmode", "PGSSLMODE"), ("sslrootcert", "PGSSLROOTCERT"),
        ("user", "PGUSER"),
    ]

    /// libpq parameters that `verify` does not implement: refused by name rather than ignored.
    static let unsupported: Set<String> = [
        "channel_binding", "client_encoding", "gssencmode", "gsslib", "gssdelegation", "keepalives",
        "keepalives_count", "keepalives_idle", "keepalives_interval", "krbsrvname", "load_balance_hosts", "options",
        "replication", "require_auth", "requirepeer", "sslcert", "sslcertmode", "sslcompression", "sslcrl",
        "sslcrldir", "sslkey", "sslnegotiation", "sslpassword", "sslsni", "ssl_max_protocol_version",
        "ssl_min_protocol_version", "target_session_attrs", "tcp_user_timeout", "fallback_application_name",
    ]

    /// Resolves `argument` (a `postgres://` URL, a `key=value …` connection string, a bare database name, or
    /// nil) with the environment's variables and files.
    package static func resolve(
        _ argument: String?, environment: ConnectionEnvironment
    ) throws(DatabaseURLError)
        -> ResolvedConnection
    {
        var given: [(key: String, value: String)] = []
        if let argument, !argument.isEmpty {
            if argument.hasPrefix("postgres://") || argument.hasPrefix("postgresql://") {
                given = try DatabaseURL.parameters(ofURL: argument)
            } else if argument.contains("=") {
                given = try parameters(ofConnectionString: argument)
            } else if argument.allSatisfy({ $0.isLetter || $0.isNumber || "_-.$".contains($0) }) {
                given = [("dbname", argument)]
            } else {
                throw DatabaseURLError(
                    message: "--database-url takes a postgres:// URL or a connection string (host=… dbname=…)")
            }
        }
        var values: [String: String] = [:]
        for (key, value) in given {
            try check(key, source: "the connection string")
            values[key] = value
        }
        var secrets = given.filter { $0.key == "password" }.map(\.value)

        // The service file fills what the connection string left unset.
        if let service = values["service"] ?? environment.variables["PGSERVICE"], !service.isEmpty {
            let section = try serviceSection(service, environment: environment)
            for (key, value) in section where values[key] == nil {
                values[key] = value
                if key == "password" { secrets.append(value) }
            }
        }
        for (key, variable) in supported {
            guard values[key] == nil, let variable, let value = environment.variables[variable], !value.isEmpty else {
                continue
            }
            values[key] = value
            if key == "password" { secrets.append(value) }
        }

        guard
            let user = values["user"].flatMap({ $0.isEmpty ? nil : $0 }) ?? environment.variables["USER"]
                ?? environment.variables["LOGNAME"], !user.isEmpty
        else {
            throw DatabaseURLError(message: "no user name: give user=…, PGUSER, or postgres://USER@host/database")
        }
        let database = values["dbname"].flatMap { $0.isEmpty ? nil : $0 } ?? user
        let port = try portNumber(values["port"])
        let tls = try tlsMode(values["sslmode"])
        var host = values["hostaddr"].flatMap { $0.isEmpty ? nil : $0 } ?? values["host"] ?? ""
        if host.contains(",") {
            throw DatabaseURLError(message: "several hosts (host=a,b) are not supported; give one")
        }
        if host.isEmpty {
            // libpq's default: the server's Unix socket (Debian's folder, then /tmp), else localhost.
            host =
                ["/var/run/postgresql", "/tmp"].first { environment.fileExists("\($0)/.s.PGSQL.\(port)") }
                ?? "localhost"
        }
        let endpoint: DatabaseURL.Endpoint
        var finalTLS = tls
        if host.hasPrefix("/") {
            endpoint = .unixSocket(directory: host, port: port)
            if finalTLS == .prefer { finalTLS = .disable }  // as libpq: a Unix socket never negotiates TLS
            if finalTLS != .disable {
                throw DatabaseURLError(
                    message: "sslmode=\(finalTLS.rawValue) cannot be used with a Unix socket (host=\(host))")
            }
        } else {
            endpoint = .tcp(host: host, port: port)
        }
        var timeout: Int?
        if let text = values["connect_timeout"], !text.isEmpty {
            guard let seconds = Int(text), seconds >= 0 else {
                throw DatabaseURLError(message: "connect_timeout '\(text)' is not a number of seconds")
            }
            timeout = seconds == 0 ? nil : max(seconds, 2)
        }

        var warnings: [String] = []
        var password = values["password"].flatMap { $0.isEmpty ? nil : $0 }
        if password == nil {
            let file =
                values["passfile"].flatMap { $0.isEmpty ? nil : $0 }
                ?? environment.homeDirectory.map { "\($0)/.pgpass" }
            if let file, let contents = environment.readFile(file) {
                if contents.isPrivate {
                    let socketHost = host.hasPrefix("/") ? "localhost" : host
                    password = PasswordFile.lookup(
                        contents.text, host: socketHost, port: port, database: database, user: user)
                    if let password { secrets.append(password) }
                } else {
                    warnings.append(
                        "password file \"\(file)\" has group or world access; permissions should be u=rw (0600) "
                            + "or less (it was not read)")
                }
            }
        }
        let url = DatabaseURL(
            user: user, password: password, endpoint: endpoint, database: database, tls: finalTLS,
            rootCertificates: values["sslrootcert"].flatMap { $0.isEmpty ? nil : $0 }, connectTimeout: timeout,
            applicationName: values["application_name"].flatMap { $0.isEmpty ? nil : $0 }
                ?? DatabaseURL.defaultApplicationName)
        return ResolvedConnection(url: url, warnings: warnings, secrets: secrets)
    }

    /// An unknown key is an error with a did-you-mean; a libpq key `verify` does not implement is refused by name.
    static func check(_ key: String, source: String) throws(DatabaseURLError) {
        if supported.contains(where: { $0.key == key }) { return }
        if unsupported.contains(key) {
            throw DatabaseURLError(message: "\(source): '\(key)' is a libpq parameter that verify does not support")
        }
        let suggestion = Suggestion.closest(to: key, in: supported.map(\.key)).map { " (did you mean '\($0)'?)" }
        throw DatabaseURLError(message: "\(source): unknown connection parameter '\(key)'\(suggestion ?? "")")
    }

    static func portNumber(_ text: String?) throws(DatabaseURLError) -> Int {
        guard let text, !text.isEmpty else { return 5432 }
        guard let port = Int(text), (1...65535).contains(port) else {
            throw DatabaseURLError(message: "'\(text)' is not a port number")
        }
        return port
    }

    static func tlsMode(_ text: String?) throws(DatabaseURLError) -> DatabaseURL.TLSMode {
        switch text ?? "prefer" {
        case "disable", "allow": return .disable
        case "prefer", "": return .prefer
        case "require": return .require
        case "verify-ca": return .verifyCA
        case "verify-full": return .verifyFull
        case let other: throw DatabaseURLError(message: "unknown sslmode '\(other)'")
        }
    }

    // MARK: - Connection strings

    /// `host=db port=5432 dbname='my db' password='it\'s'`: keywords, `=`, values bare or single-quoted with
    /// `\'` and `\\`, separated by white space (https://www.postgresql.org/docs/current/libpq-connect.html).
    static func parameters(ofConnectionString text: String) throws(DatabaseURLError) -> [(key: String, value: String)] {
        var result: [(key: String, value: String)] = []
        var characters = Substring(text)
        func skipSpace() { characters = characters.drop(while: \.isWhitespace) }
        skipSpace()
        while !characters.isEmpty {
            let key = String(characters.prefix { !$0.isWhitespace && $0 != "=" })
            characters = characters.dropFirst(key.count)
            skipSpace()
            guard !key.isEmpty, characters.first == "=" else {
                throw DatabaseURLError(
                    message: "the connection string has '\(key.prefix(40))' without '=' (write key=value)")
            }
            characters = characters.dropFirst()
            skipSpace()
            var value = ""
            if characters.first == "'" {
                characters = characters.dropFirst()
                var closed = false
                while let character = characters.first {
                    characters = characters.dropFirst()
                    if character == "\\", let next = characters.first {
                        value.append(next)
                        characters = characters.dropFirst()
                    } else if character == "'" {
                        closed = true
                        break
                    } else {
                        value.append(character)
                    }
                }
                // The message never repeats the value: it may be the password.
                guard closed else { throw DatabaseURLError(message: "the connection string has an unterminated quote") }
            } else {
                while let character = characters.first, !character.isWhitespace {
                    characters = characters.dropFirst()
                    if character == "\\", let next = characters.first {
                        value.append(next)
                        characters = characters.dropFirst()
                    } else {
                        value.append(character)
                    }
                }
            }
            result.append((key, value))
            skipSpace()
        }
        return result
    }

    // MARK: - Service files

    /// The section named `service` of PGSERVICEFILE (or ~/.pg_service.conf), else of the system's
    /// pg_service.conf in PGSYSCONFDIR (or /etc/postgresql-common, Debian's): the first file that has it.
    static func serviceSection(
        _ service: String, environment: ConnectionEnvironment
    ) throws(DatabaseURLError)
        -> [(key: String, value: String)]
    {
        var files: [String] = []
        if let file = environment.variables["PGSERVICEFILE"] {
            files.append(file)
        } else if let home = environment.homeDirectory {
            files.append("\(home)/.pg_service.conf")
        }
        files.append("\(environment.variables["PGSYSCONFDIR"] ?? "/etc/postgresql-common")/pg_service.conf")
        for file in files {
            guard let contents = environment.readFile(file) else { continue }
            var current: String?
            var section: [(key: String, value: String)]?
            for (index, rawLine) in contents.text.split(separator: "\n", omittingEmptySubsequences: false)
                .enumerated()
            {
                let line = rawLine.trimmingCharacters(in: .whitespaces)
                if line.isEmpty || line.hasPrefix("#") { continue }
                if line.hasPrefix("[") && line.hasSuffix("]") {
                    if section != nil { break }
                    current = String(line.dropFirst().dropLast())
                    if current == service { section = [] }
                    continue
                }
                guard current == service else { continue }
                guard let equals = line.firstIndex(of: "=") else {
                    throw DatabaseURLError(message: "\(file):\(index + 1): a line of service '\(service)' has no '='")
                }
                let key = line[..<equals].trimmingCharacters(in: .whitespaces)
                let value = line[line.index(after: equals)...].trimmingCharacters(in: .whitespaces)
                if key == "service" {
                    throw DatabaseURLError(message: "\(file):\(index + 1): a service cannot name another service")
                }
                try check(key, source: "\(file):\(index + 1)")
                section?.append((key, value))
            }
            if let section { return section }
        }
        throw DatabaseURLError(
            message: "definition of service \"\(service)\" not found (looked in \(files.joined(separator: ", ")))")
    }
}

/// `~/.pgpass`: `hostname:port:database:username:password` lines, `*` matching anything, `\:` and `\\` escaped
/// (https://www.postgresql.org/docs/current/libpq-pgpass.html). The first matching line wins.
enum PasswordFile {
    static func lookup(_ text: String, host: String, port: Int, database: String, user: String) -> String? {
        let wanted = [host, String(port), database, user]
        for line in text.split(whereSeparator: \.isNewline) where !line.hasPrefix("#") {
            let fields = split(line)
            guard fields.count == 5 else { continue }
            let matches = zip(fields.prefix(4), wanted).allSatisfy { $0 == "*" || $0 == $1 }
            if matches { return fields[4] }
        }
        return nil
    }

    /// The fields of one line; the fifth is the rest of the line (a password may contain `:` unescaped).
    private static func split(_ line: Substring) -> [String] {
        var fields: [String] = []
        var field = ""
        var characters = line[...]
        while let character = characters.first {
            characters = characters.dropFirst()
            if character == "\\", let next = characters.first {
                field.append(next)
                characters = characters.dropFirst()
            } else if character == ":" && fields.count < 4 {
                fields.append(field)
                field = ""
            } else {
                field.append(character)
            }
        }
        fields.append(field)
        return fields
    }
}

extension ConnectionSettings {
    /// The passwords an argument spells out (URL or connection string), even when it cannot be used: what output
    /// is scrubbed of.
    package static func passwords(in argument: String) -> [String] {
        let found =
            argument.contains("://")
            ? (try? DatabaseURL.parameters(ofURL: argument)) : (try? parameters(ofConnectionString: argument))
        return (found ?? []).filter { $0.key == "password" }.map(\.value)
    }
}
