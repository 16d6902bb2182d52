import Foundation
import Synchronization
import Testing

@testable import RunbookLSP

/// A clock the test moves by hand.
final class ManualClock: Sendable {
    private let nanoseconds = Mutex<UInt64>(1_000_000_000)

    var now: UInt64 { nanoseconds.withLock { $0 } }

    func advance(milliseconds: UInt64) {
        nanoseconds.withLock { $0 += milliseconds * 1_000_000 }
    }
}

/// A client in process: the server with a fake transport (JSON in, decoded messages out) and a manual clock.
final class ServerHarness {
    let clock: ManualClock
    var server: LanguageServer
    private var nextID = 1
    /// Every message the server sent that the test has not consumed, in order.
    var received: [[String: Any]] = []

    init(initialize: Bool = true, documentChanges: Bool = true, debounceMilliseconds: Int = 50) {
        let clock = ManualClock()
        self.clock = clock
        server = LanguageServer(
            settings: LanguageServer.Settings(debounceMilliseconds: debounceMilliseconds), clock: { clock.now })
        if initialize {
            let capabilities: [String: Any] = [
                "workspace": ["workspaceEdit": ["documentChanges": documentChanges]]
            ]
            _ = request("initialize", ["processId": NSNull(), "rootUri": NSNull(), "capabilities": capabilities])
            notify("initialized", [String: Any]())
        }
    }

    static func body(_ object: [String: Any]) -> Data {
        (try? JSONSerialization.data(withJSONObject: object)) ?? Data()
    }

    private func collect() {
        for frame in server.takeOutgoing() {
            guard let object = try? JSONSerialization.jsonObject(with: frame) as? [String: Any] else {
                Issue.record(
                    "the server sent something that is not a JSON object: \(String(decoding: frame, as: UTF8.self))")
                continue
            }
            received.append(object)
        }
    }

    /// Sends raw bytes as one message body.
    func send(raw: String) {
        server.receive(body: Data(raw.utf8))
        collect()
    }

    func notify(_ method: String, _ params: Any) {
        server.receive(body: Self.body(["jsonrpc": "2.0", "method": method, "params": params]))
        collect()
    }

    /// Sends a request and returns its response (removed from `received`); nil if none came.
    func request(_ method: String, _ params: Any) -> [String: Any]? {
        let id = nextID
        nextID += 1
        server.receive(body: Self.body(["jsonrpc": "2.0", "id": id, "method": method, "params": params]))
        collect()
        guard let index = received.firstIndex(where: { ($0["id"] as? Int) == id && $0["method"] == nil }) else {
            return nil
        }
        return received.remove(at: index)
    }

    /// The result of a request, decoded.
    func result<Result: Decodable>(_ type: Result.Type, _ method: String, _ params: Any) throws -> Result {
        let answer = request(method, params)
        let response = try #require(answer)
        if let error = response["error"] { Issue.record("\(method) failed: \(error)") }
        let data = try JSONSerialization.data(withJSONObject: ["value": response["result"] ?? NSNull()])
        return try JSONDecoder().decode(Wrapped<Result>.self, from: data).value
    }

    private struct Wrapped<Value: Decodable>: Decodable {
        var value: Value
    }

    /// The error code of a request's response, or nil when it succeeded.
    func errorCode(_ method: String, _ params: Any) -> Int? {
        (request(method, params)?["error"] as? [String: Any])?["code"] as? Int
    }

    /// Removes and returns the diagnostics published so far, in order.
    func takePublished() throws -> [LSP.PublishDiagnosticsParams] {
        var published: [LSP.PublishDiagnosticsParams] = []
        var rest: [[String: Any]] = []
        for message in received {
            guard message["method"] as? String == "textDocument/publishDiagnostics" else {
                rest.append(message)
                continue
            }
            let data = try JSONSerialization.data(withJSONObject: message["params"] ?? [:])
            published.append(try JSONDecoder().decode(LSP.PublishDiagnosticsParams.self, from: data))
        }
        received = rest
        return published
    }

    /// Runs the checks that are due at the clock's time.
    func runDueChecks() {
        server.runDueChecks()
        collect()
    }

    func open(_ uri: String, _ text: String, version: Int = 1) {
        notify(
            "textDocument/didOpen",
            ["textDocument": ["uri": uri, "languageId": "markdown", "version": version, "text": text]])
    }

    func change(_ uri: String, _ text: String, version: Int) {
        notify(
            "textDocument/didChange",
            ["textDocument": ["uri": uri, "version": version], "contentChanges": [["text": text]]])
    }

    static func position(_ line: Int, _ character: Int) -> [String: Any] { ["line": line, "character": character] }
}
