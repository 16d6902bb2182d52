import Foundation

/// A file to write under the output directory.
package struct OutputFile: Hashable, Sendable {
    /// Relative to the output directory: `NAME/SLUG.sql`.
    package var path: String
    package var contents: String

    package init(path: String, contents: String) {
        self.path = path
        self.contents = contents
    }
}

/// Writes outputs whole or not at all: each to a temporary file beside it, then renamed into place, so
/// that every file is either its old or its new version, whatever happens (a full disk, a read-only
/// folder, SIGINT or SIGTERM). On a failure it stops and says how far it got.
package enum OutputWriter {
    package static func write(_ files: [OutputFile], to directory: String) throws(UsageError) {
        let manager = FileManager.default
        var isDirectory: ObjCBool = false
        if manager.fileExists(atPath: directory, isDirectory: &isDirectory), !isDirectory.boolValue {
            throw UsageError("\(directory): exists and is not a directory")
        }
        for (index, file) in files.enumerated() {
            func failure(_ message: String) -> UsageError {
                UsageError("\(message); \(index) of \(files.count) files written, the others are unchanged")
            }
            if Interruption.requested { throw failure("interrupted") }
            let destination = directory + "/" + file.path
            let folder = (destination as NSString).deletingLastPathComponent
            do {
                try manager.createDirectory(atPath: folder, withIntermediateDirectories: true)
            } catch {
                throw failure("\(folder): cannot create the directory (\(error.localizedDescription))")
            }
            let name = (destination as NSString).lastPathComponent
            let temporary = folder + "/.\(name).tmp-\(ProcessInfo.processInfo.processIdentifier)"
            if let error = writeWhole(Array(file.contents.utf8), to: temporary) {
                throw failure("\(destination): cannot write (\(String(cString: strerror(error))))")
            }
            if Interruption.requested {
                unlink(temporary)
                throw failure("interrupted")
            }
            if rename(temporary, destination) != 0 {
                let reason = String(cString: strerror(errno))
                unlink(temporary)
                throw failure("\(destination): cannot write (\(reason))")
            }
        }
    }

    /// Writes all bytes to a new file; on failure removes it and returns errno.
    private static func writeWhole(_ bytes: [UInt8], to path: String) -> Int32? {
        let descriptor = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { return errno }
        var written = 0
        while written < bytes.count {
            let result = bytes.withUnsafeBytes { buffer in
                Glibc.write(descriptor, buffer.baseAddress! + written, bytes.count - written)
            }
            if result < 0 {
                if errno == EINTR { continue }
                let error = errno
                close(descriptor)
                unlink(path)
                return error
            }
            written += result
        }
        // A full disk can surface only when the data is flushed.
        if fsync(descriptor) != 0 || close(descriptor) != 0 {
            let error = errno
            unlink(path)
            return error
        }
        return nil
    }
}

/// How the output directory compares with what a build would write.
package struct OutputComparison: Sendable {
    /// Files that exist and would be replaced although runbook did not write them, or they were edited since.
    package var protected: [(path: String, state: GeneratedFile.State)]
    /// Generated files in the runbooks' folders that the build no longer produces.
    package var stale: [String]

    /// Compares `files` with `directory`. Stale files are looked for in the folders the build writes to,
    /// and only among files runbook generated (a stamp that still matches).
    package init(_ files: [OutputFile], directory: String, lookForStale: Bool) {
        let manager = FileManager.default
        var protected: [(String, GeneratedFile.State)] = []
        for file in files {
            let path = directory + "/" + file.path
            guard let data = manager.contents(atPath: path) else { continue }
            let existing = String(decoding: data, as: UTF8.self)
            guard existing != file.contents else { continue }
            let state = GeneratedFile.state(of: existing)
            if state != .generated { protected.append((path, state)) }
        }
        var stale: [String] = []
        if lookForStale {
            let written = Set(files.map { directory + "/" + $0.path })
            let folders = Set(
                files.map { directory + "/" + ($0.path.split(separator: "/").dropLast().joined(separator: "/")) })
            for folder in folders.sorted() {
                for name in ((try? manager.contentsOfDirectory(atPath: folder)) ?? []).sorted() {
                    let path = folder + "/" + name
                    guard !written.contains(path), !name.hasPrefix("."),
                        let data = manager.contents(atPath: path),
                        GeneratedFile.state(of: String(decoding: data, as: UTF8.self)) == .generated
                    else { continue }
                    stale.append(path)
                }
            }
        }
        self.protected = protected
        self.stale = stale
    }
}
