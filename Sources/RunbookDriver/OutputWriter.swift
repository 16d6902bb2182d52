import Foundation

/// A file to write under the output directory.
public struct OutputFile: Hashable, Sendable {
    /// Relative to the output directory: `NAME/SLUG.sql`.
    public var path: String
    public var contents: String

    public init(path: String, contents: String) {
        self.path = path
        self.contents = contents
    }
}

/// Writes outputs whole or not at all: each to a temporary file beside it, then renamed into place.
public enum OutputWriter {
    public static func write(_ files: [OutputFile], to directory: String) throws(UsageError) {
        let manager = FileManager.default
        var isDirectory: ObjCBool = false
        if manager.fileExists(atPath: directory, isDirectory: &isDirectory), !isDirectory.boolValue {
            throw UsageError("\(directory): exists and is not a directory")
        }
        for file in files {
            let destination = directory + "/" + file.path
            let folder = (destination as NSString).deletingLastPathComponent
            do {
                try manager.createDirectory(atPath: folder, withIntermediateDirectories: true)
            } catch {
                throw UsageError("\(folder): cannot create the directory (\(error.localizedDescription))")
            }
            let temporary = folder + "/.\((destination as NSString).lastPathComponent).tmp-\(ProcessInfo.processInfo.processIdentifier)"
            guard manager.createFile(atPath: temporary, contents: Data(file.contents.utf8)) else {
                throw UsageError("\(destination): cannot write (is the disk full or the folder read-only?)")
            }
            if rename(temporary, destination) != 0 {
                let reason = String(cString: strerror(errno))
                unlink(temporary)
                throw UsageError("\(destination): cannot write (\(reason))")
            }
        }
    }
}

/// How the output directory compares with what a build would write.
public struct OutputComparison: Sendable {
    /// Files that exist and would be replaced although runbook did not write them, or they were edited since.
    public var protected: [(path: String, state: GeneratedFile.State)]
    /// Generated files in the runbooks' folders that the build no longer produces.
    public var stale: [String]

    /// Compares `files` with `directory`. Stale files are looked for in the folders the build writes to,
    /// and only among files runbook generated (a stamp that still matches).
    public init(_ files: [OutputFile], directory: String, lookForStale: Bool) {
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
            let folders = Set(files.map { directory + "/" + ($0.path.split(separator: "/").dropLast().joined(separator: "/")) })
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
