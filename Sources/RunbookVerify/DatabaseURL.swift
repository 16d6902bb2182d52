import Foundation

/// Where and how to connect: the result of reading a URL, a libpq connection string, the PG* variables and the
/// files they name (see `ConnectionSettings`).
///
/// The password never appears in `description` or in any error: both print the URL with the password masked.
package struct DatabaseURL: Sendable, Hashable, CustomStringConvertible {
    package enum TLSMode: String, Sendable, Hashable, CaseIterable {
        /// `disable` and `allow`: no TLS.
        case disable
        /// `prefer` (the default, as libpq): TLS when the server offers it, without certificate verification.
        case prefer
        /// `require`: TLS without certificate verification, as libpq does.
        case require
        /// `verify-ca` and `verify-full`: TLS verifying the server's certificate (full also checks the host name).
        case verifyCA = "verify-ca"
        case verifyFull = "verify-full"
    }

    package enum Endpoint: Sendable, Hashable {
        case tcp(host: String, port: Int)
        /// The folder that holds `.s.PGSQL.<port>`, as libpq's `host=/dir`.
        case unixSocket(directory: String, port: Int)
    }

    package var user: String
    package var password: String?
    package var endpoint: Endpoint
    package var database: String
    package var tls: TLSMode
    /// `sslrootcert`: the certificates that `verify-ca` and `verify-full` trust (nil: the system's).
    package var rootCertificates: String?
    /// `connect_timeout`, in seconds (nil: 10).
    package var connectTimeout: Int?
    /// `application_name` (PGAPPNAME), sent at start-up so that the server's `pg_stat_activity` and logs name
    /// the client.
    package var applicationName: String

    /// What the server is told the client is called when the connection names nothing else.
    package static let defaultApplicationName = "runbook-verify"

    package init(
        user: String, password: String?, endpoint: Endpoint, database: String, tls: TLSMode = .prefer,
        rootCertificates: String? = nil, connectTimeout: Int? = nil,
        applicationName: String = DatabaseURL.defaultApplicationName
    ) {
        self.applicationName = applicationName
        self.user = user
        self.password = password
        self.endpoint = endpoint
        self.database = database
        self.tls = tls
        self.rootCertificates = rootCertificates
        self.connectTimeout = connectTimeout
    }

    /// The same server, another database (the runbook's databases are checked one connection each).
    package func with(database: String) -> DatabaseURL {
        var copy = self
        copy.database = database
        return copy
    }

    package var description: String {
        let credentials = password == nil ? user : "\(user):***"
        switch endpoint {
        case .tcp(let host, let port):
            let shownHost = host.contains(":") ? "[\(host)]" : host
            return "postgres://\(credentials)@\(shownHost):\(port)/\(database)"
                + (tls == .prefer ? "" : "?sslmode=\(tls.rawValue)")
        case .unixSocket(let directory, let port):
            return "postgres://\(credentials)@/\(database)?host=\(directory)&port=\(port)"
        }
    }
}

/// Why a URL cannot be used; the message never contains the password.
package struct DatabaseURLError: Error, Sendable, Equatable, CustomStringConvertible {
    package var message: String
    package var description: String { message }

    package init(message: String) {
        self.message = message
    }
}

// MARK: - Parsing

extension DatabaseURL {
    /// Parses a `postgres://` URL; `environmentPassword` (from `PGPASSWORD`) is used when the URL carries none.
    /// Other PG* variables and the password file are not read: `ConnectionSettings.resolve` does that.
    package static func parse(
        _ text: String, environmentPassword: String? = nil
    ) throws(DatabaseURLError) -> DatabaseURL {
        guard text.range(of: "://") != nil else {
            throw DatabaseURLError(message: "--database-url must look like postgres://user@host:port/database")
        }
        var variables: [String: String] = [:]
        let process = ProcessInfo.processInfo.environment
        variables["PGUSER"] = process["PGUSER"] ?? process["USER"]
        variables["PGPASSWORD"] = environmentPassword
        let environment = ConnectionEnvironment(
            variables: variables, homeDirectory: nil, readFile: { _ in nil }, fileExists: { _ in false })
        return try ConnectionSettings.resolve(text, environment: environment).url
    }

    /// The parameters a `postgres://user:password@host:port/dbname?key=value` URL gives, libpq's names.
    static func parameters(ofURL text: String) throws(DatabaseURLError) -> [(key: String, value: String)] {
        guard let schemeEnd = text.range(of: "://") else {
            throw DatabaseURLError(message: "--database-url must look like postgres://user@host:port/database")
        }
        let scheme = text[..<schemeEnd.lowerBound].lowercased()
        guard scheme == "postgres" || scheme == "postgresql" else {
            throw DatabaseURLError(message: "--database-url: unsupported scheme '\(scheme)' (use postgres://)")
        }
        var rest = Substring(text[schemeEnd.upperBound...])
        var query = ""
        if let mark = rest.firstIndex(of: "?") {
            query = String(rest[rest.index(after: mark)...])
            rest = rest[..<mark]
        }
        if let hash = query.firstIndex(of: "#") { query = String(query[..<hash]) }
        var authority = rest
        var path = Substring("")
        if let slash = rest.firstIndex(of: "/") {
            authority = rest[..<slash]
            path = rest[rest.index(after: slash)...]
        }
        var parameters: [(key: String, value: String)] = []
        var hostPort = authority
        // The last `@`: a password may contain an unescaped `@`.
        if let at = authority.lastIndex(of: "@") {
            let userInfo = authority[..<at]
            hostPort = authority[authority.index(after: at)...]
            if let colon = userInfo.firstIndex(of: ":") {
                parameters.append(("user", try decode(userInfo[..<colon], what: "user name")))
                parameters.append(("password", try decode(userInfo[userInfo.index(after: colon)...], what: "password")))
            } else {
                parameters.append(("user", try decode(userInfo, what: "user name")))
            }
        }
        if hostPort.hasPrefix("[") {
            guard let close = hostPort.firstIndex(of: "]") else {
                throw DatabaseURLError(message: "--database-url: unterminated [ in the host")
            }
            parameters.append(("host", String(hostPort[hostPort.index(after: hostPort.startIndex)..<close])))
            let after = hostPort[hostPort.index(after: close)...]
            if after.hasPrefix(":") { parameters.append(("port", String(after.dropFirst()))) }
        } else if let colon = hostPort.lastIndex(of: ":") {
            parameters.append(("host", try decode(hostPort[..<colon], what: "host")))
            parameters.append(("port", String(hostPort[hostPort.index(after: colon)...])))
        } else if !hostPort.isEmpty {
            parameters.append(("host", try decode(hostPort, what: "host")))
        }
        if !path.isEmpty { parameters.append(("dbname", try decode(path, what: "database name"))) }
        for pair in query.split(separator: "&") where !pair.isEmpty {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            let key = try decode(parts[0], what: "query key")
            parameters.append((key, try decode(parts.count > 1 ? parts[1] : "", what: "query value")))
        }
        // An empty user or host in the URL is no value (`postgres://@/db?host=…`).
        return parameters.filter { !($0.value.isEmpty && ($0.key == "user" || $0.key == "host")) }
    }

    /// Percent-decoding; the error names the part, never its content (it may be the password).
    private static func decode(_ text: Substring, what: String) throws(DatabaseURLError) -> String {
        guard let decoded = String(text).removingPercentEncoding else {
            throw DatabaseURLError(message: "--database-url: the \(what) has an invalid %-escape")
        }
        return decoded
    }
}
