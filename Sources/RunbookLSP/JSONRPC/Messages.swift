import Foundation

/// A request's id: JSON-RPC allows a number or a string.
package enum RequestID: Hashable, Sendable, Codable, CustomStringConvertible {
    case number(Int)
    case string(String)

    package init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if let number = try? container.decode(Int.self) {
            self = .number(number)
        } else {
            self = .string(try container.decode(String.self))
        }
    }

    package func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        switch self {
        case .number(let number): try container.encode(number)
        case .string(let string): try container.encode(string)
        }
    }

    package var description: String {
        switch self {
        case .number(let number): String(number)
        case .string(let string): string
        }
    }
}

/// A JSON-RPC error object; the codes are JSON-RPC 2.0's and the protocol's.
package struct ResponseError: Error, Hashable, Sendable, Codable {
    package var code: Int
    package var message: String

    package init(code: Int, message: String) {
        self.code = code
        self.message = message
    }
}

// MARK: - Codes

extension ResponseError {
    package static func parseError(_ message: String) -> ResponseError {
        ResponseError(code: -32_700, message: message)
    }
    package static func invalidRequest(_ message: String) -> ResponseError {
        ResponseError(code: -32_600, message: message)
    }
    package static func methodNotFound(_ method: String) -> ResponseError {
        ResponseError(code: -32_601, message: "method not found: \(method)")
    }
    package static func invalidParams(_ message: String) -> ResponseError {
        ResponseError(code: -32_602, message: message)
    }
    package static func internalError(_ message: String) -> ResponseError {
        ResponseError(code: -32_603, message: message)
    }
    package static let serverNotInitialized = ResponseError(
        code: -32_002, message: "the server is not initialized: send initialize first")
}

/// One message read from the client, classified; params stay as JSONSerialization gave them until a
/// handler decodes the type it expects.
struct IncomingMessage {
    enum Kind {
        case request(id: RequestID, method: String)
        case notification(method: String)
        /// The client's answer to a request of ours (`client/registerCapability`); nothing waits for it.
        case response(id: RequestID?)
    }

    var kind: Kind
    var params: Any?

    /// Parses a frame's body, or says which protocol error it is (with the request's id when one could be read).
    static func parse(_ body: Data) -> Result<IncomingMessage, RejectedMessage> {
        let object: Any
        do {
            object = try JSONSerialization.jsonObject(with: body, options: [.fragmentsAllowed])
        } catch {
            return .failure(RejectedMessage(id: nil, error: .parseError("the message is not valid JSON")))
        }
        guard let message = object as? [String: Any] else {
            return .failure(RejectedMessage(id: nil, error: .invalidRequest("a message must be a JSON object")))
        }
        let rawID = message["id"]
        let id: RequestID? =
            if let number = rawID as? Int { .number(number) } else { (rawID as? String).map(RequestID.string) }
        let hasID = rawID != nil && !(rawID is NSNull)
        if hasID, id == nil {
            return .failure(RejectedMessage(id: nil, error: .invalidRequest("the id must be a number or a string")))
        }
        guard message["jsonrpc"] as? String == "2.0" else {
            return .failure(RejectedMessage(id: id, error: .invalidRequest("the message lacks \"jsonrpc\": \"2.0\"")))
        }
        guard let methodValue = message["method"] else {
            if message["result"] != nil || message["error"] != nil {
                return .success(IncomingMessage(kind: .response(id: id)))
            }
            return .failure(RejectedMessage(id: id, error: .invalidRequest("the message has no method")))
        }
        guard let method = methodValue as? String else {
            return .failure(RejectedMessage(id: id, error: .invalidRequest("the method must be a string")))
        }
        let params = message["params"]
        if let params, !(params is [String: Any]) && !(params is [Any]) && !(params is NSNull) {
            return .failure(RejectedMessage(id: id, error: .invalidRequest("params must be an object or an array")))
        }
        if let id { return .success(IncomingMessage(kind: .request(id: id, method: method), params: params)) }
        return .success(IncomingMessage(kind: .notification(method: method), params: params))
    }

    /// The params as `Params`, or an invalid-params error that says what is wrong.
    func decodeParams<Params: Decodable>(_ type: Params.Type, method: String) -> Result<Params, ResponseError> {
        guard let params, !(params is NSNull), JSONSerialization.isValidJSONObject(params) else {
            return .failure(.invalidParams("\(method): params are missing"))
        }
        do {
            let data = try JSONSerialization.data(withJSONObject: params)
            return .success(try JSONDecoder().decode(Params.self, from: data))
        } catch let error as DecodingError {
            return .failure(.invalidParams("\(method): \(Self.describe(error))"))
        } catch {
            return .failure(.invalidParams("\(method): unreadable params"))
        }
    }

    private static func describe(_ error: DecodingError) -> String {
        func path(_ context: DecodingError.Context) -> String {
            let keys = context.codingPath.map { $0.intValue.map { "[\($0)]" } ?? $0.stringValue }
            return keys.isEmpty ? "params" : keys.joined(separator: ".")
        }
        if case .keyNotFound(let key, let context) = error { return "\(path(context)).\(key.stringValue) is missing" }
        if case .typeMismatch(_, let context) = error { return "\(path(context)) has the wrong type" }
        if case .valueNotFound(_, let context) = error { return "\(path(context)) has the wrong type" }
        if case .dataCorrupted(let context) = error { return "\(path(context)) is malformed" }
        return "params are malformed"
    }
}

/// A message the server could not accept, and the error response it gets.
struct RejectedMessage: Error {
    var id: RequestID?
    var error: ResponseError
}

// MARK: - Outgoing

/// Outgoing messages, encoded once; `result` and `id` are written even when null, as JSON-RPC requires.
enum OutgoingMessage {
    private struct Response<Result: Encodable>: Encodable {
        var id: RequestID?
        var result: Result?

        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: Key.self)
            try container.encode("2.0", forKey: .jsonrpc)
            try container.encode(id, forKey: .id)
            try container.encode(result, forKey: .result)
        }
    }

    private struct Failure: Encodable {
        var id: RequestID?
        var error: ResponseError

        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: Key.self)
            try container.encode("2.0", forKey: .jsonrpc)
            try container.encode(id, forKey: .id)
            try container.encode(error, forKey: .error)
        }
    }

    private struct Notification<Params: Encodable>: Encodable {
        var id: RequestID?
        var method: String
        var params: Params

        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: Key.self)
            try container.encode("2.0", forKey: .jsonrpc)
            try container.encodeIfPresent(id, forKey: .id)
            try container.encode(method, forKey: .method)
            try container.encode(params, forKey: .params)
        }
    }

    private enum Key: String, CodingKey {
        case jsonrpc, id, result, error, method, params
    }

    private static func encode(_ value: some Encodable) -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.withoutEscapingSlashes]
        // The structures here have no values that fail to encode (no floats, no non-string keys).
        return (try? encoder.encode(value)) ?? Data()
    }

    static func response(id: RequestID, result: (some Encodable)?) -> Data {
        encode(Response(id: id, result: result))
    }

    static func error(id: RequestID?, _ error: ResponseError) -> Data {
        encode(Failure(id: id, error: error))
    }

    static func notification(_ method: String, _ params: some Encodable) -> Data {
        encode(Notification(id: nil, method: method, params: params))
    }

    static func request(id: RequestID, _ method: String, _ params: some Encodable) -> Data {
        encode(Notification(id: id, method: method, params: params))
    }
}
