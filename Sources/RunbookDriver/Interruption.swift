import Foundation
import Synchronization

/// SIGINT and SIGTERM during a build: the writer finishes the file in hand (or discards it), stops, and
/// says how far it got, so no output is left half-written.
package enum Interruption {
    /// Set from the signal handler; read between files. Signal handlers cannot capture context, so this
    /// one flag is global, and atomic.
    private static let flag = Atomic<Bool>(false)

    package static var requested: Bool { flag.load(ordering: .relaxed) }

    /// Installs the handlers; the executable calls this before a build.
    package static func install() {
        var signals = sigset_t()
        sigemptyset(&signals)
        for signalNumber in [SIGINT, SIGTERM] {
            signal(signalNumber) { _ in Interruption.flag.store(true, ordering: .relaxed) }
            sigaddset(&signals, signalNumber)
        }
        // A parent may start us with these blocked (threads of a thread pool usually block them, and a
        // spawned child inherits the mask); unblock them so that the request is heard.
        pthread_sigmask(SIG_UNBLOCK, &signals, nil)
    }
}
