import Foundation

/// `runbook lsp`: serves one client over a pair of file descriptors (stdin and stdout) until the client
/// sends `exit` or the input ends. One thread reads and frames; this one handles messages in order and runs
/// the checks that fall due between them, so every answer is about the text as the client last sent it.
package enum LanguageServerProcess {
    /// Serves until the end; returns the exit status (0 after `shutdown` then `exit`, 1 otherwise).
    package static func serve(
        input: Int32, output: Int32, settings: LanguageServer.Settings = LanguageServer.Settings(),
        maximumBodySize: Int = FrameDecoder.defaultMaximumBodySize
    ) -> Int32 {
        let inbox = Inbox()
        FrameReader.start(reading: input, into: inbox, maximumBodySize: maximumBodySize)
        var server = LanguageServer(settings: settings)
        var writer = FrameWriter(descriptor: output)
        while server.exitStatus == nil {
            let deadline = server.nextDeadline.map { DispatchTime(uptimeNanoseconds: $0) } ?? .distantFuture
            for event in inbox.take(waitingUntil: deadline) {
                switch event {
                case .frame(let frame): server.receive(frame)
                case .endOfInput: server.endOfInput()
                }
                for frame in server.takeOutgoing() { writer.send(frame) }
                if server.exitStatus != nil { break }
            }
            guard server.exitStatus == nil else { break }
            server.runDueChecks()
            for frame in server.takeOutgoing() { writer.send(frame) }
        }
        return server.exitStatus ?? 1
    }
}
