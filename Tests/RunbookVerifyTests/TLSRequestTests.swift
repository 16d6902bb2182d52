import PostgresNIO
import RunbookLiveDatabase
import RunbookVerify
import Testing

/// `sslmode=require` really asks for TLS: a server that refuses the SSLRequest makes the connection fail, in one
/// line and without the password; `sslmode=disable` never asks.
@Suite struct TLSRequestTests {
    /// Answers the first message (an SSLRequest, 8 bytes) with `N` (no TLS) and records what it received.
    final class RefuseTLS: ChannelInboundHandler, Sendable {
        typealias InboundIn = ByteBuffer
        typealias OutboundOut = ByteBuffer

        func channelRead(context: ChannelHandlerContext, data: NIOAny) {
            var buffer = unwrapInboundIn(data)
            let length = buffer.readInteger(as: Int32.self)
            let code = buffer.readInteger(as: Int32.self)
            // 80877103 is the SSLRequest code; anything else (a startup message) is answered by closing.
            guard length == 8, code == 80_877_103 else {
                context.close(promise: nil)
                return
            }
            var answer = context.channel.allocator.buffer(capacity: 1)
            answer.writeString("N")
            context.writeAndFlush(wrapOutboundOut(answer), promise: nil)
            context.close(promise: nil)
        }
    }

    @Test func requireFailsAgainstAServerWithoutTLS() async throws {
        let channel = try await ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .childChannelInitializer { channel in channel.pipeline.addHandler(RefuseTLS()) }
            .bind(host: "127.0.0.1", port: 0).get()
        let port = try #require(channel.localAddress?.port)
        let url = try DatabaseURL.parse("postgres://u:tls-secret@127.0.0.1:\(port)/d?sslmode=require")
        do {
            _ = try await LiveDatabaseReader(url: url).snapshot(databases: ["d"], principals: ["u"])
            Issue.record("connected without TLS")
        } catch {
            #expect(error.message.contains("does not offer TLS"), "\(error.message)")
            #expect(!error.message.contains("tls-secret"))
            #expect(error.message.split(separator: "\n").count == 1)
        }
        try await channel.close()
    }
}
