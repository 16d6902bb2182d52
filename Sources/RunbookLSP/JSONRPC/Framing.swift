package import Foundation

/// The protocol's base layer: a header part (`Content-Length: N`, optionally `Content-Type`), a blank
/// line, then N bytes of JSON. The decoder takes bytes as they arrive and hands back whole bodies; a
/// broken header is reported and skipped, so one bad message does not end the session.
package struct FrameDecoder: Sendable {
    package enum Event: Hashable, Sendable {
        case message(Data)
        /// A header part the decoder could not use; the decoder has skipped it.
        case malformedHeader(String)
        /// A body longer than `maximumBodySize`; its bytes are skipped without being kept.
        case oversized(Int)
    }

    /// Twice what a 10 MB document takes once escaped in JSON, with room to spare.
    package static let defaultMaximumBodySize = 64 << 20
    /// A header part longer than this without its blank line is garbage, not a header.
    static let maximumHeaderSize = 8 << 10

    package var maximumBodySize: Int
    private var buffer: [UInt8] = []
    /// Where unread bytes start in `buffer`.
    private var start = 0
    /// Where the search for the end of the current header resumes.
    private var scanned = 0
    /// The body length of a header already read, waiting for its body.
    private var pendingLength: Int?
    /// Bytes of an oversized body still to drop.
    private var skipping = 0

    package init(maximumBodySize: Int = FrameDecoder.defaultMaximumBodySize) {
        self.maximumBodySize = maximumBodySize
    }

    /// Whether bytes of an unfinished message are waiting (for telling a clean end of input from a cut one).
    package var hasPartialMessage: Bool { start < buffer.count || pendingLength != nil || skipping > 0 }

    package mutating func append(_ bytes: some Collection<UInt8>) -> [Event] {
        var incoming = bytes[...]
        if skipping > 0 {
            let dropped = min(skipping, incoming.count)
            skipping -= dropped
            incoming = incoming.dropFirst(dropped)
        }
        buffer.append(contentsOf: incoming)
        var events: [Event] = []
        while let event = next() { events.append(event) }
        compact()
        return events
    }

    private mutating func next() -> Event? {
        if let length = pendingLength {
            guard buffer.count - start >= length else { return nil }
            let body = Data(buffer[start..<start + length])
            start += length
            scanned = start
            pendingLength = nil
            return .message(body)
        }
        guard let end = findHeaderEnd() else {
            if buffer.count - start > Self.maximumHeaderSize {
                // No blank line in sight: drop what came, keep the tail in case a header starts there.
                start = buffer.count - 16
                scanned = start
                return .malformedHeader("no end of header in \(Self.maximumHeaderSize) bytes")
            }
            return nil
        }
        let header = String(decoding: buffer[start..<end.headerEnd], as: UTF8.self)
        start = end.bodyStart
        scanned = start
        switch Self.contentLength(in: header) {
        case .problem(let problem):
            return .malformedHeader(problem)
        case .length(let length) where length > maximumBodySize:
            let available = min(length, buffer.count - start)
            start += available
            scanned = start
            skipping = length - available
            return .oversized(length)
        case .length(let length):
            pendingLength = length
            return next()
        }
    }

    /// The end of the header part: `\r\n\r\n`, or `\n\n` from a lenient client.
    private mutating func findHeaderEnd() -> (headerEnd: Int, bodyStart: Int)? {
        var index = max(scanned, start)
        while index < buffer.count {
            if buffer[index] == 0x0A {
                if index + 1 < buffer.count, buffer[index + 1] == 0x0A { return (index, index + 2) }
                if index + 2 < buffer.count, buffer[index + 1] == 0x0D, buffer[index + 2] == 0x0A {
                    return (index, index + 3)
                }
                if index + 2 >= buffer.count {
                    scanned = index
                    return nil
                }
            }
            index += 1
        }
        scanned = buffer.count
        return nil
    }

    /// The value of `Content-Length` (case-insensitive, as header names are), read from the last line that
    /// holds one; junk before it (the rest of a message whose length was wrong) makes the header malformed
    /// only if no length can be read at all.
    enum HeaderReading: Equatable {
        case length(Int)
        case problem(String)
    }

    static func contentLength(in header: String) -> HeaderReading {
        var length: Int?
        for line in header.split(whereSeparator: { $0 == "\n" || $0 == "\r" }) {
            let lowered = line.lowercased()
            guard let range = lowered.range(of: "content-length:") else { continue }
            let value = lowered[range.upperBound...].trimmingCharacters(in: .whitespaces)
            guard let number = Int(value), number >= 0 else {
                return .problem("Content-Length is not a number: '\(value.prefix(40))'")
            }
            length = number
        }
        guard let length else { return .problem("the header has no Content-Length: '\(header.prefix(60))'") }
        return .length(length)
    }

    private mutating func compact() {
        guard start > 0 else { return }
        if start >= buffer.count {
            buffer.removeAll(keepingCapacity: buffer.count < 1 << 20)
            start = 0
            scanned = 0
        } else if start > buffer.count / 2 {
            buffer.removeFirst(start)
            scanned -= start
            start = 0
        }
    }
}

/// Frames a body for writing.
package enum FrameEncoder {
    package static func frame(_ body: Data) -> Data {
        var data = Data("Content-Length: \(body.count)\r\n\r\n".utf8)
        data.append(body)
        return data
    }
}
