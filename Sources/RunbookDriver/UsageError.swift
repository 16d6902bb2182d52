/// A problem with the command line or the files it names: one line on stderr, exit status 2.
package struct UsageError: Error, Equatable, CustomStringConvertible, Sendable {
    package var message: String

    package init(_ message: String) { self.message = message }

    package var description: String { message }
}

/// Exit statuses every command shares.
public enum ExitStatus {
    public static let success: Int32 = 0
    /// Errors in a document, drift with `--check`, or a live database that does not match.
    public static let failure: Int32 = 1
    /// Unusable arguments or unreadable input.
    public static let usage: Int32 = 2
}
