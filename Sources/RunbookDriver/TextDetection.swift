import RunbookDiagnostics

/// Telling a text file from a binary one named like Markdown (an executable renamed `.md`, an archive).
enum TextDetection {
    /// How much of a file is looked at: enough to see an executable's headers and tables.
    static let sampleSize = 65_536
    /// The share of unprintable bytes (control characters and bytes of invalid UTF-8) above which a file that
    /// holds a NUL byte is not text. An ELF executable is 70 to 85 % unprintable and a gzip archive about 50 %;
    /// a Markdown page with a stray NUL (reported where it is, and otherwise read) a few per cent.
    static let unprintableShare = 0.3

    /// Whether the bytes are not text: they hold a NUL byte and are mostly unprintable.
    static func isNotText(_ bytes: [UInt8]) -> Bool {
        let sample = bytes.prefix(sampleSize)
        guard sample.contains(0) else { return false }
        var unprintable = 0
        for byte in sample
        where (byte < 0x20 && byte != 0x09 && byte != 0x0A && byte != 0x0C && byte != 0x0D) || byte == 0x7F {
            unprintable += 1
        }
        // Each U+FFFD of the decoded sample stands for at least one byte of invalid UTF-8.
        let decoded = String(decoding: sample, as: UTF8.self)
        unprintable += decoded.unicodeScalars.lazy.filter { $0 == "\u{FFFD}" }.count
        return Double(unprintable) >= unprintableShare * Double(sample.count)
    }

    /// The one diagnostic a file that is not text gets.
    static func notTextDiagnostic() -> Diagnostic {
        Diagnostic(StaticMessage.fileNotText, at: SourceRange(SourceLocation(line: 1, column: 1)))
    }
}
