import Foundation
import PostgresNIO
import RunbookLiveDatabase
import RunbookVerify
import Testing

/// Servers that are not what `verify` needs: one that does not speak the protocol, one that hangs up in the
/// middle of the catalog read. Each is a clear one-line failure, without the password.
@Suite struct FakeServerTests {
    /// Answers whatever it is sent with an HTTP error and hangs up, as a web server on the wrong port does.
    final class HTTPServer: ChannelInboundHandler, Sendable {
        typealias InboundIn = ByteBuffer
        typealias OutboundOut = ByteBuffer

        func channelRead(context: ChannelHandlerContext, data: NIOAny) {
            var answer = context.channel.allocator.buffer(capacity: 64)
            answer.writeString("HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\nConnection: close\r\n\r\n")
            context.writeAndFlush(wrapOutboundOut(answer), promise: nil)
            context.close(promise: nil)
        }
    }

    /// What a fake server was sent first: the start-up message.
    final class StartupMessage: @unchecked Sendable {
        private let lock = NSLock()
        private var bytes: [UInt8] = []

        func record(_ buffer: ByteBuffer) { lock.withLock { bytes = Array(buffer.readableBytesView) } }
        var text: String { lock.withLock { String(decoding: bytes.map { $0 == 0 ? 0x7C : $0 }, as: UTF8.self) } }
    }

    /// Accepts the start-up message (trust authentication), then closes the connection at the first query.
    final class HangUpAtFirstQuery: ChannelInboundHandler, @unchecked Sendable {
        typealias InboundIn = ByteBuffer
        typealias OutboundOut = ByteBuffer
        private var started = false
        private let startup: StartupMessage?

        init(recording startup: StartupMessage? = nil) { self.startup = startup }

        func channelRead(context: ChannelHandlerContext, data: NIOAny) {
            guard !started else {
                context.close(promise: nil)
                return
            }
            started = true
            startup?.record(unwrapInboundIn(data))
            var answer = context.channel.allocator.buffer(capacity: 64)
            answer.writeInteger(UInt8(ascii: "R"))  // AuthenticationOk
            answer.writeInteger(Int32(8))
            answer.writeInteger(Int32(0))
            answer.writeInteger(UInt8(ascii: "K"))  // BackendKeyData
            answer.writeInteger(Int32(12))
            answer.writeInteger(Int32(42))
            answer.writeInteger(Int32(7))
            answer.writeInteger(UInt8(ascii: "Z"))  // ReadyForQuery, idle
            answer.writeInteger(Int32(5))
            answer.writeInteger(UInt8(ascii: "I"))
            context.writeAndFlush(wrapOutboundOut(answer), promise: nil)
        }
    }

    static func failure(
        against handler: @escaping @Sendable () -> any ChannelHandler & Sendable
    ) async throws -> ConnectionFailure? {
        let channel = try await ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .childChannelInitializer { channel in channel.pipeline.addHandler(handler()) }
            .bind(host: "127.0.0.1", port: 0).get()
        defer { channel.close(promise: nil) }
        let port = try #require(channel.localAddress?.port)
        let url = try DatabaseURL.parse("postgres://u:fake-secret@127.0.0.1:\(port)/d?sslmode=disable")
        do {
            _ = try await LiveDatabaseReader(url: url).snapshot(databases: ["d"], principals: ["u"])
            return nil
        } catch {
            return error
        }
    }

    @Test func aServerThatIsNotPostgreSQL() async throws {
        let failure = try #require(try await Self.failure { HTTPServer() }, "read an HTTP server")
        #expect(failure.message.hasPrefix("cannot connect"), "\(failure.message)")
        #expect(failure.message.contains("is it a PostgreSQL server"), "\(failure.message)")
        #expect(!failure.message.contains("fake-secret"))
        #expect(failure.message.split(separator: "\n").count == 1)
    }

    @Test func aConnectionThatDropsMidRead() async throws {
        let failure = try #require(try await Self.failure { HangUpAtFirstQuery() }, "read a server that hung up")
        #expect(failure.message.hasPrefix("cannot read the catalog"), "\(failure.message)")
        #expect(failure.message.contains("closed the connection"), "\(failure.message)")
        #expect(!failure.message.contains("fake-secret"))
    }

    /// The server is told who is connecting (`pg_stat_activity.application_name`), as psql tells it `psql`.
    @Test func theStartUpMessageNamesTheClient() async throws {
        let startup = StartupMessage()
        _ = try await Self.failure { HangUpAtFirstQuery(recording: startup) }
        #expect(startup.text.contains("|application_name|runbook-verify|"), "\(startup.text)")
        #expect(startup.text.contains("|user|u|") && startup.text.contains("|database|d|"), "\(startup.text)")
    }
}
