import Foundation
import RunbookDriver

/// The `runbook.yml` that governs each document, found as `check` finds it (ConfigLocator), and read again
/// when it changes: when the client reports a change, and when the file's size or time stamp moved.
struct ConfigurationSource {
    private struct Stamp: Equatable {
        var size: Int
        var seconds: Int
        var nanoseconds: Int
        var inode: UInt64
    }

    private var locator = ConfigLocator()
    /// The state of each config file when it was read, by folder.
    private var stamps: [String: Stamp?] = [:]

    mutating func invalidate() {
        locator = ConfigLocator()
        stamps = [:]
    }

    mutating func config(for path: String) -> Result<RunbookConfig?, UsageError> {
        do throws(UsageError) {
            let config = try locator.config(for: path)
            guard let config else { return .success(nil) }
            let stamp = Self.stamp(config.directory + "/" + RunbookConfig.fileName)
            if let known = stamps[config.directory], known != stamp {
                invalidate()
                let reloaded = try locator.config(for: path)
                if let reloaded {
                    stamps[reloaded.directory] = Self.stamp(reloaded.directory + "/" + RunbookConfig.fileName)
                }
                return .success(reloaded)
            }
            stamps[config.directory] = stamp
            return .success(config)
        } catch {
            invalidate()
            return .failure(error)
        }
    }

    private static func stamp(_ path: String) -> Stamp? {
        var status = stat()
        guard stat(path, &status) == 0 else { return nil }
        return Stamp(
            size: Int(status.st_size), seconds: Int(status.st_mtim.tv_sec), nanoseconds: Int(status.st_mtim.tv_nsec),
            inode: UInt64(status.st_ino))
    }
}
