import Foundation
import Testing

/// The throwaway PostgreSQL cluster that `make test` starts (scripts/postgres.sh), reached through psql.
///
/// Tests that need it carry `PostgresServer.trait`: without the cluster's environment they are skipped with
/// "skipped: no PostgreSQL (run make test)", unless `RUNBOOK_REQUIRE_SERVICES=1`, where they run and fail.
struct PostgresServer: Sendable {
    var bin: String
    var host: String
    var port: String
    var user: String

    struct Output: Sendable {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    static let skipMessage = "skipped: no PostgreSQL (run make test)"

    /// The cluster from the environment, or nil when any variable is missing or psql is not there.
    static let fromEnvironment: PostgresServer? = {
        let environment = ProcessInfo.processInfo.environment
        guard let bin = environment["RUNBOOK_PG_BIN"], let host = environment["RUNBOOK_PG_HOST"],
            let port = environment["RUNBOOK_PG_PORT"], let user = environment["RUNBOOK_PG_USER"],
            FileManager.default.isExecutableFile(atPath: bin + "/psql")
        else { return nil }
        return PostgresServer(bin: bin, host: host, port: port, user: user)
    }()

    static var isRequired: Bool { ProcessInfo.processInfo.environment["RUNBOOK_REQUIRE_SERVICES"] == "1" }

    /// Run when the server is there or required (then a missing server fails the test); skip otherwise.
    static var trait: ConditionTrait {
        .enabled(if: fromEnvironment != nil || isRequired, Comment(rawValue: skipMessage))
    }

    /// The server, or a recorded failure that says why it is missing.
    static func require(sourceLocation: SourceLocation = #_sourceLocation) throws -> PostgresServer {
        guard let server = fromEnvironment else {
            let message =
                "RUNBOOK_REQUIRE_SERVICES=1 but RUNBOOK_PG_BIN, RUNBOOK_PG_HOST, RUNBOOK_PG_PORT and "
                + "RUNBOOK_PG_USER do not name a running cluster with psql (run make test)"
            Issue.record(Comment(rawValue: message), sourceLocation: sourceLocation)
            throw MissingServer()
        }
        return server
    }

    struct MissingServer: Error {}

    /// `postgres://user@/database?host=…&port=…`: the URL `runbook verify` takes for this cluster.
    func url(database: String, user: String? = nil) -> String {
        "postgres://\(user ?? self.user)@/\(database)?host=\(host)&port=\(port)"
    }

    /// Runs psql with ON_ERROR_STOP on `database`: a script file, or SQL on stdin.
    func psql(
        database: String = "postgres", file: String? = nil, sql: String? = nil, variables: [String: String] = [:],
        tuplesOnly: Bool = false
    ) throws -> Output {
        var arguments = ["-X", "-q", "-v", "ON_ERROR_STOP=1", "-h", host, "-p", port, "-U", user, "-d", database]
        for (name, value) in variables.sorted(by: { $0.key < $1.key }) { arguments += ["-v", "\(name)=\(value)"] }
        if tuplesOnly { arguments += ["-A", "-t", "-F", "|"] }
        if let file { arguments += ["-f", file] }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: bin + "/psql")
        process.arguments = arguments
        var environment = ProcessInfo.processInfo.environment
        environment["PGOPTIONS"] = "-c client_min_messages=warning"
        process.environment = environment
        let input = Pipe()
        let output = Pipe()
        let errors = Pipe()
        process.standardInput = sql == nil ? FileHandle.nullDevice : input
        process.standardOutput = output
        process.standardError = errors
        try process.run()
        if let sql {
            // Write from another thread: a long script must not block on a full pipe while psql writes output.
            let handle = input.fileHandleForWriting
            let data = Data(sql.utf8)
            DispatchQueue.global().async {
                handle.write(data)
                try? handle.close()
            }
        }
        let group = DispatchGroup()
        nonisolated(unsafe) var errorData = Data()
        group.enter()
        DispatchQueue.global().async {
            errorData = errors.fileHandleForReading.readDataToEndOfFile()
            group.leave()
        }
        let outputData = output.fileHandleForReading.readDataToEndOfFile()
        group.wait()
        process.waitUntilExit()
        return Output(
            status: process.terminationStatus, stdout: String(decoding: outputData, as: UTF8.self),
            stderr: String(decoding: errorData, as: UTF8.self))
    }

    /// Runs SQL that must succeed; returns the rows (`-A -t`, fields split on `|`).
    @discardableResult
    func query(
        _ sql: String, database: String = "postgres", sourceLocation: SourceLocation = #_sourceLocation
    ) throws
        -> [[String]]
    {
        let result = try psql(database: database, sql: sql, tuplesOnly: true)
        guard result.status == 0 else {
            Issue.record(
                "psql failed (\(result.status)): \(result.stderr)\nSQL:\n\(sql)", sourceLocation: sourceLocation)
            throw QueryFailed(stderr: result.stderr)
        }
        return result.stdout.split(separator: "\n", omittingEmptySubsequences: true).map {
            $0.split(separator: "|", omittingEmptySubsequences: false).map(String.init)
        }
    }

    struct QueryFailed: Error {
        var stderr: String
    }
}
