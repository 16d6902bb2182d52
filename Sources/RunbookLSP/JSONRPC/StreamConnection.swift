import Foundation
import Synchronization

/// What the reading thread hands to the server's loop.
enum InboxEvent: Sendable {
    case frame(FrameDecoder.Event)
    /// The input ended; `cut` when it ended inside a message (the client went away mid-request).
    case endOfInput(cut: Bool)
}

/// Messages waiting for the server's loop, filled by the reading thread.
final class Inbox: Sendable {
    private let events = Mutex<[InboxEvent]>([])
    private let signal = DispatchSemaphore(value: 0)

    func post(_ new: [InboxEvent]) {
        guard !new.isEmpty else { return }
        events.withLock { $0.append(contentsOf: new) }
        signal.signal()
    }

    /// Everything posted so far, after waiting until something is there or `deadline` passes.
    func take(waitingUntil deadline: DispatchTime) -> [InboxEvent] {
        let waiting = events.withLock { $0.isEmpty }
        if waiting { _ = signal.wait(timeout: deadline) }
        return events.withLock { pending in
            defer { pending.removeAll() }
            return pending
        }
    }
}

/// Reads a file descriptor on a thread of its own until it ends, framing what it reads.
enum FrameReader {
    static func start(reading descriptor: Int32, into inbox: Inbox, maximumBodySize: Int) {
        let thread = Thread {
            var decoder = FrameDecoder(maximumBodySize: maximumBodySize)
            var chunk = [UInt8](repeating: 0, count: 1 << 16)
            while true {
                let count = chunk.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
                if count < 0, errno == EINTR { continue }
                guard count > 0 else {
                    inbox.post([.endOfInput(cut: decoder.hasPartialMessage)])
                    return
                }
                inbox.post(decoder.append(chunk[0..<count]).map(InboxEvent.frame))
            }
        }
        thread.stackSize = 1 << 20
        thread.start()
    }
}

/// Writes whole frames to a file descriptor; once the reader is gone (EPIPE), further writes are dropped.
struct FrameWriter {
    var descriptor: Int32
    private(set) var isClosed = false

    init(descriptor: Int32) { self.descriptor = descriptor }

    mutating func send(_ body: Data) {
        guard !isClosed else { return }
        let frame = FrameEncoder.frame(body)
        let complete = frame.withUnsafeBytes { raw -> Bool in
            guard var pointer = raw.baseAddress else { return true }
            var remaining = raw.count
            while remaining > 0 {
                let written = write(descriptor, pointer, remaining)
                if written < 0, errno == EINTR { continue }
                guard written > 0 else { return false }
                pointer += written
                remaining -= written
            }
            return true
        }
        if !complete { isClosed = true }
    }
}
