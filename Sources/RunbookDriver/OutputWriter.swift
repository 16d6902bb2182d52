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
