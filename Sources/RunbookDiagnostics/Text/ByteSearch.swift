#if canImport(Glibc)
public import Glibc
#elseif canImport(Darwin)
public import Darwin
#endif

/// Byte-for-byte searches. The phrases the recognisers look for are ASCII, so comparing UTF-8 bytes finds
/// exactly what a case-folded character search would, without Foundation's bridging to NSString (which
/// cost more than parsing the page did); line splitting and control-byte scans use the same primitives.
extension StringProtocol {
    /// ASCII letters lower-cased, every other byte kept. The result has the same UTF-8 layout as `self`,
    /// so an index found in it is an index at the same place in `self` (`lowercased()` does not promise
    /// that: "İ" grows by a byte).
    /// Locale-independent, as SQL folds identifiers. Text with no upper-case ASCII letter is returned as is.
    @inlinable
    package var asciiLowercased: String {
        withBytes(of: self) { bytes in
            guard bytes.contains(where: { $0 &- 0x41 < 26 }) else { return String(self) }
            return String(unsafeUninitializedCapacity: bytes.count) { buffer in
                for index in 0..<bytes.count {
                    let byte = bytes[index]
                    buffer[index] = byte &- 0x41 < 26 ? byte | 0x20 : byte
                }
                return bytes.count
            }
        }
    }

    /// The first occurrence of `needle` at or after `start` (default: the start), compared byte for byte.
    @inlinable
    package func firstByteRange(of needle: String, from start: Index? = nil) -> Range<Index>? {
        let from = start ?? startIndex
        let base = utf8.distance(from: utf8.startIndex, to: from)
        let offset = withBytes(of: self[from...]) { haystack in
            withBytes(of: needle) { needle in ByteSearch.first(needle, in: haystack) }
        }
        return offset.map { range(atByteOffset: base + $0, length: needle.utf8.count) }
    }

    /// The last occurrence of `needle` that lies wholly inside `bounds`, compared byte for byte.
    @inlinable
    package func lastByteRange(of needle: String, in bounds: Range<Index>) -> Range<Index>? {
        let base = utf8.distance(from: utf8.startIndex, to: bounds.lowerBound)
        let offset = withBytes(of: self[bounds]) { haystack in
            withBytes(of: needle) { needle in ByteSearch.last(needle, in: haystack) }
        }
        return offset.map { range(atByteOffset: base + $0, length: needle.utf8.count) }
    }

    /// Whether `needle` occurs, compared byte for byte.
    @inlinable
    package func containsBytes(_ needle: String) -> Bool { firstByteRange(of: needle) != nil }

    /// Whether the byte occurs.
    @inlinable
    package func containsByte(_ byte: UInt8) -> Bool {
        withBytes(of: self) { bytes in
            guard let base = bytes.baseAddress else { return false }
            return memchr(base, Int32(byte), bytes.count) != nil
        }
    }

    /// The lines of the text: the same pieces as `split(separator: "\n", omittingEmptySubsequences:)`, found
    /// with `memchr` instead of a walk over Characters (which costs a grapheme break test per character). A
    /// line feed is a Character of its own except right after a carriage return ("\r\n" is one Character,
    /// which is not "\n"), so the text is split at every line feed byte that does not follow one.
    @inlinable
    package func splitLines(omittingEmptySubsequences: Bool = true) -> [SubSequence] {
        withBytes(of: self) { bytes in
            guard let base = bytes.baseAddress else { return omittingEmptySubsequences ? [] : [self[...]] }
            var lines: [SubSequence] = []
            var lineStart = startIndex
            var lineStartOffset = 0
            var offset = 0
            while offset < bytes.count, let hit = memchr(base + offset, 0x0A, bytes.count - offset) {
                let found = UnsafeRawPointer(hit) - UnsafeRawPointer(base)
                offset = found + 1
                if found > 0, bytes[found - 1] == 0x0D { continue }
                let end = utf8.index(lineStart, offsetBy: found - lineStartOffset)
                if !omittingEmptySubsequences || found > lineStartOffset { lines.append(self[lineStart..<end]) }
                lineStart = utf8.index(after: end)
                lineStartOffset = offset
            }
            if !omittingEmptySubsequences || lineStartOffset < bytes.count { lines.append(self[lineStart...]) }
            return lines
        }
    }

    @usableFromInline
    func range(atByteOffset offset: Int, length: Int) -> Range<Index> {
        let lower = utf8.index(utf8.startIndex, offsetBy: offset)
        return lower..<utf8.index(lower, offsetBy: length)
    }
}

extension Substring {
    /// The pieces between occurrences of any of `separators` (which are compared byte for byte).
    @inlinable
    package func splitting(onWords separators: [String]) -> [Substring] {
        var pieces: [Substring] = []
        var rest = self
        while let next = separators.compactMap({ rest.firstByteRange(of: $0) }).min(by: {
            $0.lowerBound < $1.lowerBound
        }) {
            pieces.append(rest[..<next.lowerBound])
            rest = rest[next.upperBound...]
        }
        pieces.append(rest)
        return pieces
    }
}

/// Inlinable, so that it is specialised where it is called: the generic copy asked the runtime for the
/// metadata of `Optional<R>` at every call (3 % of checking the AWS example pages).
@inlinable
func withBytes<S: StringProtocol, R>(of text: S, _ body: (UnsafeBufferPointer<UInt8>) -> R) -> R {
    if let result = text.utf8.withContiguousStorageIfAvailable(body) { return result }
    return Array(text.utf8).withUnsafeBufferPointer(body)
}

@usableFromInline
package enum ByteSearch {
    /// Offset of the first occurrence of `needle` in `haystack`.
    @inlinable
    package static func first(_ needle: UnsafeBufferPointer<UInt8>, in haystack: UnsafeBufferPointer<UInt8>) -> Int? {
        guard !needle.isEmpty else { return 0 }
        guard needle.count <= haystack.count, let haystackBase = haystack.baseAddress,
            let needleBase = needle.baseAddress
        else { return nil }
        let lastStart = haystack.count - needle.count
        var start = 0
        while start <= lastStart {
            // memchr finds the candidates; memcmp confirms them.
            guard let hit = memchr(haystackBase + start, Int32(needle[0]), lastStart - start + 1) else { return nil }
            start = UnsafeRawPointer(hit) - UnsafeRawPointer(haystackBase)
            if memcmp(haystackBase + start, needleBase, needle.count) == 0 { return start }
            start += 1
        }
        return nil
    }

    /// Offset of the last occurrence of `needle` in `haystack`.
    @inlinable
    package static func last(_ needle: UnsafeBufferPointer<UInt8>, in haystack: UnsafeBufferPointer<UInt8>) -> Int? {
        guard !needle.isEmpty else { return haystack.count }
        guard needle.count <= haystack.count else { return nil }
        var start = haystack.count - needle.count
        while start >= 0 {
            if haystack[start] == needle[0],
                memcmp(haystack.baseAddress! + start, needle.baseAddress!, needle.count) == 0
            {
                return start
            }
            start -= 1
        }
        return nil
    }
}
