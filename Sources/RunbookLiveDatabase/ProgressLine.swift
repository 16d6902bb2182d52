import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// One line on stderr that says how far the catalog read has come (`verify: reading user_database: 40000
/// objects`), rewritten in place; only when stderr is a terminal, so that pipes, files and CI logs get no
/// progress text at all. Cleared when the read ends.
final class ProgressLine: @unchecked Sendable {
    private let enabled: Bool
    private var shown = false
    private var lastUpdate = ContinuousClock.now
    private let lock = NSLock()

    init(enabled: Bool = isatty(STDERR_FILENO) == 1) {
        self.enabled = enabled
    }

    /// Says `text` (evaluated only when shown), at most ten times a second.
    func update(_ text: @autoclosure () -> String) {
        guard enabled else { return }
        lock.lock()
        defer { lock.unlock() }
        let now = ContinuousClock.now
        guard !shown || now - lastUpdate >= .milliseconds(100) else { return }
        lastUpdate = now
        shown = true
        FileHandle.standardError.write(Data("\r\u{1B}[Kverify: \(text())".utf8))
    }

    /// Removes the line, so that what follows starts on a clean line.
    func finish() {
        guard enabled else { return }
        lock.lock()
        defer { lock.unlock() }
        if shown { FileHandle.standardError.write(Data("\r\u{1B}[K".utf8)) }
        shown = false
    }
}
