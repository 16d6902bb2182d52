import Foundation
import Synchronization

/// SIGINT and SIGTERM during a build: the writer finishes the file in hand (or discards it), stops, and
/// says how far it got, so no output is left half-written.
public enum Interruption {
    /// Set from the signal handler; read between files. Signal handlers cannot capture context, so this
    /// one flag is global, and atomic.
    private static let flag = Atomic<Bool>(false)

    public static var requested: Bool { flag.load(ordering: .relaxed) }

    /// Installs the handlers; the executable calls this before a build.
    public static func install() {
        for signalNumber in [SIGINT, SIGTERM] {
            signal(signalNumber) { _ in Interruption.flag.store(true, ordering: .relaxed) }
        }
    }
}
