import Foundation

/// A `postgres://user[:password]@host[:port]/database?sslmode=…&host=/socket/dir` connection string.
///
/// The password never appears in `description` or in any error: both print the URL with the password masked.
public struct DatabaseURL: Sendable, Hashable, CustomStringConvertible {
    public enum TLSMode: String, Sendable, Hashable, CaseIterable {
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

    public enum Endpoint: Sendable, Hashable {
        case tcp(host: String, port: Int)
        /// The folder that holds `.s.PGSQL.<port>`, as libpq's `host=/dir`.
        case unixSocket(directory: String, port: Int)
    }

    public var user: String
    public var password: String?
    public var endpoint: Endpoint
    public var database: String
    public var tls: TLSMode

    public init(user: String, password: String?, endpoint: Endpoint, database: String, tls: TLSMode = .prefer) {
        self.user = user
        self.password = password
        self.endpoint = endpoint
        self.database = database
        self.tls = tls
    }

    /// The same server, another database (the runbook's databases are checked one connection each).
    public func with(database: String) -> DatabaseURL {
        var copy = self
        copy.database = database
        return copy
    }

    public var description: String {
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
public struct DatabaseURLError: Error, Sendable, Equatable, CustomStringConvertible {
    public var message: String
    public var description: String { message }
}

// MARK: - Parsing

extension DatabaseURL {
    /// Parses a URL; `environmentPassword` (from `PGPASSWORD`) is used when the URL carries none.
    public static func parse(_ text: String, environmentPassword: String? = nil) throws(DatabaseURLError) -> DatabaseURL
    {
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
        var user: String?
        var password: String?
        var hostPort = authority
        // The last `@`: a password may contain an unescaped `@`.
        if let at = authority.lastIndex(of: "@") {
            let userInfo = authority[..<at]
            hostPort = authority[authority.index(after: at)...]
            if let colon = userInfo.firstIndex(of: ":") {
                user = try decode(userInfo[..<colon], what: "user name")
                password = try decode(userInfo[userInfo.index(after: colon)...], what: "password")
            } else {
                user = try decode(userInfo, what: "user name")
            }
        }
        var host: String?
        var port: Int?
        if hostPort.hasPrefix("[") {
            guard let close = hostPort.firstIndex(of: "]") else {
                throw DatabaseURLError(message: "--database-url: unterminated [ in the host")
            }
            host = String(hostPort[hostPort.index(after: hostPort.startIndex)..<close])
            let after = hostPort[hostPort.index(after: close)...]
            if after.hasPrefix(":") { port = try parsePort(after.dropFirst()) }
        } else if let colon = hostPort.lastIndex(of: ":") {
            host = try decode(hostPort[..<colon], what: "host")
            port = try parsePort(hostPort[hostPort.index(after: colon)...])
        } else if !hostPort.isEmpty {
            host = try decode(hostPort, what: "host")
        }
        var database = try decode(path, what: "database name")
        var tls = TLSMode.prefer
        for pair in query.split(separator: "&") where !pair.isEmpty {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            let key = parts[0]
            let value = try decode(parts.count > 1 ? parts[1] : "", what: "query value")
            switch key {
            case "sslmode":
                switch value {
                case "disable", "allow": tls = .disable
                case "prefer": tls = .prefer
                case "require": tls = .require
                case "verify-ca": tls = .verifyCA
                case "verify-full": tls = .verifyFull
                default: throw DatabaseURLError(message: "--database-url: unknown sslmode '\(value)'")
                }
            case "host": host = value
            case "port": port = try parsePort(Substring(value))
            case "user": user = value
            case "dbname": database = value
            case "password":
                password = value
            case "application_name", "connect_timeout", "options":
                continue
            default:
                throw DatabaseURLError(message: "--database-url: unknown parameter '\(key)'")
            }
        }
        let environmentUser =
            ProcessInfo.processInfo.environment["PGUSER"] ?? ProcessInfo.processInfo.environment["USER"]
        guard let finalUser = (user?.isEmpty == false ? user : nil) ?? environmentUser, !finalUser.isEmpty else {
            throw DatabaseURLError(message: "--database-url: no user name (postgres://USER@host/database)")
        }
        let finalDatabase = database.isEmpty ? finalUser : database
        let finalPort = port ?? 5432
        let endpoint: Endpoint
        if let host, host.hasPrefix("/") {
            endpoint = .unixSocket(directory: host, port: finalPort)
            if tls == .prefer { tls = .disable }  // as libpq: a Unix socket never negotiates TLS
            if tls != .disable {
                throw DatabaseURLError(
                    message: "--database-url: sslmode=\(tls.rawValue) cannot be used with a Unix socket")
            }
        } else {
            endpoint = .tcp(host: host.flatMap { $0.isEmpty ? nil : $0 } ?? "localhost", port: finalPort)
        }
        return DatabaseURL(
            user: finalUser, password: password ?? environmentPassword, endpoint: endpoint, database: finalDatabase,
            tls: tls)
    }

    private static func parsePort(_ text: Substring) throws(DatabaseURLError) -> Int {
        guard let port = Int(text), (1...65535).contains(port) else {
            throw DatabaseURLError(message: "--database-url: '\(text)' is not a port number")
        }
        return port
    }

    /// Percent-decoding; the error names the part, never its content (it may be the password).
    private static func decode(_ text: Substring, what: String) throws(DatabaseURLError) -> String {
        guard let decoded = String(text).removingPercentEncoding else {
            throw DatabaseURLError(message: "--database-url: the \(what) has an invalid %-escape")
        }
        return decoded
    }
}
