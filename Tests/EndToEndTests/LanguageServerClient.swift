import Foundation
import RunbookTestSupport
import Synchronization

/// `runbook lsp` as a separate process with a minimal client of our own on its pipes: frames written by
/// hand, replies read on a thread and parsed with JSONSerialization.
final class LanguageServerClient: Sendable {
    /// The guide the editor tests open, without its markers (RunbookLSPTests' handler tests use the same).
    static let guide = Fixtures.granteeWithoutKeyword.text

    struct Timeout: Error, CustomStringConvertible {
        var what: String
        var description: String { "runbook lsp: no \(what) in time" }
    }

    /// What the reading threads collect: message bodies as read (parsed when looked at, so that only bytes
    /// cross threads) and the server's stderr.
    private final class Mailbox: Sendable {
        let messages = Mutex<[Data]>([])
        let errors = Mutex(Data())
    }

    private let process: Process
    private let input: FileHandle
    private let mailbox: Mailbox

    init(directory: URL, executable: URL = RunbookProcess.executable) throws {
        let process = Process()
        process.executableURL = executable
        process.arguments = ["lsp"]
        process.currentDirectoryURL = directory
        let stdin = Pipe()
        let stdout = Pipe()
        let errors = Pipe()
        process.standardInput = stdin
        process.standardOutput = stdout
        process.standardError = errors
        try process.run()
        let mailbox = Mailbox()
        self.process = process
        self.input = stdin.fileHandleForWriting
        self.mailbox = mailbox
        let reader = stdout.fileHandleForReading
        Thread {
            var buffer = Data()
            while true {
                let chunk = reader.availableData
                if chunk.isEmpty { break }
                buffer.append(chunk)
                while let body = Self.nextFrame(&buffer) {
                    mailbox.messages.withLock { $0.append(body) }
                }
            }
        }.start()
        let errorReader = errors.fileHandleForReading
        Thread {
            while true {
                let chunk = errorReader.availableData
                if chunk.isEmpty { break }
                mailbox.errors.withLock { $0.append(chunk) }
            }
        }.start()
    }

    /// What the server wrote to stderr so far.
    var errorOutput: String { String(decoding: mailbox.errors.withLock { $0 }, as: UTF8.self) }

    /// Takes one frame's body off the front of `buffer`.
    private static func nextFrame(_ buffer: inout Data) -> Data? {
        guard let separator = buffer.range(of: Data("\r\n\r\n".utf8)) else { return nil }
        let header = String(decoding: buffer[buffer.startIndex..<separator.lowerBound], as: UTF8.self)
        guard let line = header.split(separator: "\r\n").first(where: { $0.lowercased().hasPrefix("content-length:") }),
            let length = Int(line.split(separator: ":")[1].trimmingCharacters(in: .whitespaces)),
            buffer.count - (separator.upperBound - buffer.startIndex) >= length
        else { return nil }
        let body = Data(buffer[separator.upperBound..<separator.upperBound + length])
        buffer = Data(buffer[(separator.upperBound + length)...])
        return body
    }

    private static func parse(_ body: Data) -> [String: Any] {
        (try? JSONSerialization.jsonObject(with: body)) as? [String: Any] ?? [
            "unparsable": String(decoding: body, as: UTF8.self)
        ]
    }

    // MARK: - Writing

    func write(raw: Data) {
        try? input.write(contentsOf: raw)
    }

    func send(_ message: [String: Any]) throws {
        let body = try JSONSerialization.data(withJSONObject: message)
        write(raw: Data("Content-Length: \(body.count)\r\n\r\n".utf8) + body)
    }

    func request(_ id: Int, _ method: String, _ params: Any) throws {
        try send(["jsonrpc": "2.0", "id": id, "method": method, "params": params])
    }

    func notify(_ method: String, _ params: Any) throws {
        try send(["jsonrpc": "2.0", "method": method, "params": params])
    }

    func closeInput() {
        try? input.close()
    }

    // MARK: - Reading

    var received: [[String: Any]] { mailbox.messages.withLock { $0 }.map(Self.parse) }

    /// Waits until a message satisfies `predicate`; returns it.
    @discardableResult
    func wait(
        for what: String, timeout: TimeInterval = 60, _ predicate: ([String: Any]) -> Bool
    ) throws -> [String: Any] {
        let deadline = Date().addingTimeInterval(timeout)
        while Date() < deadline {
            if let found = received.first(where: predicate) { return found }
            usleep(2_000)
        }
        throw Timeout(what: what)
    }

    func response(_ id: Int, timeout: TimeInterval = 60) throws -> [String: Any] {
        try wait(for: "response to request \(id)", timeout: timeout) { ($0["id"] as? Int) == id && $0["method"] == nil }
    }

    /// Waits for the process to end; returns its status and whether it ended by a signal.
    func waitForExit(timeout: TimeInterval = 20) throws -> (status: Int32, signalled: Bool) {
        let deadline = Date().addingTimeInterval(timeout)
        while process.isRunning, Date() < deadline { usleep(5_000) }
        if process.isRunning {
            process.terminate()
            throw Timeout(what: "exit")
        }
        return (process.terminationStatus, process.terminationReason == .uncaughtSignal)
    }

    func terminate() {
        if process.isRunning { process.terminate() }
    }

    static func initializeParams(root: URL) -> [String: Any] {
        [
            "processId": NSNull(), "rootUri": root.absoluteString,
            "capabilities": ["workspace": ["workspaceEdit": ["documentChanges": true]]],
        ]
    }
}
