import Foundation
import Testing

@testable import RunbookLSP

@Suite struct FramingTests {
    static func frame(_ body: String) -> [UInt8] {
        Array("Content-Length: \(body.utf8.count)\r\n\r\n\(body)".utf8)
    }

    static func bodies(_ events: [FrameDecoder.Event]) -> [String] {
        events.compactMap { event in
            if case .message(let data) = event { String(decoding: data, as: UTF8.self) } else { nil }
        }
    }

    @Test func oneMessage() {
        var decoder = FrameDecoder()
        let events = decoder.append(Self.frame(#"{"a":"é𝄞"}"#))
        #expect(Self.bodies(events) == [#"{"a":"é𝄞"}"#])
        #expect(!decoder.hasPartialMessage)
    }

    @Test func messagesSplitAnywhereAndJoinedTogether() {
        let stream = Self.frame(#"{"n":1}"#) + Self.frame(#"{"n":22}"#) + Self.frame("{}")
        var decoder = FrameDecoder()
        var events: [FrameDecoder.Event] = []
        for byte in stream { events += decoder.append([byte]) }
        #expect(Self.bodies(events) == [#"{"n":1}"#, #"{"n":22}"#, "{}"])

        var whole = FrameDecoder()
        let together = whole.append(stream)
        #expect(Self.bodies(together) == [#"{"n":1}"#, #"{"n":22}"#, "{}"])
    }

    @Test func otherHeadersAndAnyCaseAndBareNewlines() {
        var decoder = FrameDecoder()
        let withType = "Content-Type: application/vscode-jsonrpc; charset=utf-8\r\ncontent-length: 2\r\n\r\n{}"
        let typed = decoder.append(Array(withType.utf8))
        #expect(Self.bodies(typed) == ["{}"])
        let bare = decoder.append(Array("Content-Length: 2\n\n[]".utf8))
        #expect(Self.bodies(bare) == ["[]"])
    }

    @Test func aHeaderWithoutLengthIsReportedAndTheNextMessageStillArrives() {
        var decoder = FrameDecoder()
        let events = decoder.append(Array("Content-Lenght: 2\r\n\r\n".utf8) + Self.frame("{}"))
        #expect(events.count == 2)
        guard case .malformedHeader = events.first else {
            Issue.record("expected a malformed header, got \(events)")
            return
        }
        #expect(Self.bodies(events) == ["{}"])
    }

    @Test func aLengthThatIsNotANumberIsReported() {
        var decoder = FrameDecoder()
        let events = decoder.append(Array("Content-Length: ten\r\n\r\n".utf8) + Self.frame("{}"))
        #expect(events.first.map { if case .malformedHeader = $0 { true } else { false } } == true)
        #expect(Self.bodies(events) == ["{}"])
    }

    @Test func aShortLengthLeavesJunkThatTheNextHeaderRecoversFrom() {
        // The first length is two bytes short: the tail of that body runs into the next header.
        var decoder = FrameDecoder()
        let events = decoder.append(Array("Content-Length: 5\r\n\r\n{\"a\":1}".utf8) + Self.frame("{}"))
        #expect(Self.bodies(events) == ["{\"a\":", "{}"])
    }

    @Test func anOversizedBodyIsSkippedWithoutBeingKept() {
        var decoder = FrameDecoder(maximumBodySize: 10)
        let big = String(repeating: "x", count: 100)
        var events = decoder.append(Self.frame(big).prefix(50))
        events += decoder.append(Self.frame(big).dropFirst(50))
        events += decoder.append(Self.frame("{}"))
        #expect(events.first == .oversized(100))
        #expect(Self.bodies(events) == ["{}"])
    }

    @Test func garbageWithoutAHeaderEndIsDropped() {
        var decoder = FrameDecoder()
        let events = decoder.append([UInt8](repeating: UInt8(ascii: "z"), count: 20_000))
        #expect(events.contains { if case .malformedHeader = $0 { true } else { false } })
        let after = decoder.append(Array("\r\n\r\n".utf8) + Self.frame("{}"))
        #expect(Self.bodies(after).last == "{}")
    }

    @Test func aCutMessageIsPartial() {
        var decoder = FrameDecoder()
        _ = decoder.append(Self.frame(#"{"method":"x"}"#).prefix(25))
        #expect(decoder.hasPartialMessage)
    }

    @Test func theEncoderWritesWhatTheDecoderReads() {
        let body = Data(#"{"jsonrpc":"2.0","result":"数"}"#.utf8)
        let framed = FrameEncoder.frame(body)
        #expect(String(decoding: framed, as: UTF8.self).hasPrefix("Content-Length: \(body.count)\r\n\r\n"))
        var decoder = FrameDecoder()
        let events = decoder.append(framed)
        #expect(events == [.message(body)])
    }
}
