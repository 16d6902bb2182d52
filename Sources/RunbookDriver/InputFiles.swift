import Foundation

/// Finding and reading the Markdown files a command names.
public enum InputFiles {
    static let extensions: Set<String> = ["md", "markdown"]

    /// Files as given, and the Markdown files under each directory (recursively, sorted, hidden entries skipped).
    public static func discover(_ paths: [String]) throws(UsageError) -> [String] {
        var result: [String] = []
        let manager = FileManager.default
        for path in paths {
            var isDirectory: ObjCBool = false
            guard manager.fileExists(atPath: path, isDirectory: &isDirectory) else {
                throw UsageError("\(path): no such file or directory")
            }
            guard isDirectory.boolValue else {
                result.append(path)
                continue
            }
            guard let enumerator = manager.enumerator(atPath: path) else {
                throw UsageError("\(path): cannot read the directory")
            }
            var found: [String] = []
            while let entry = enumerator.nextObject() as? String {
                let name = entry.split(separator: "/").last.map(String.init) ?? entry
                if name.hasPrefix(".") {
                    enumerator.skipDescendants()
                    continue
                }
                let fileExtension = name.split(separator: ".").last.map { $0.lowercased() } ?? ""
                guard extensions.contains(fileExtension), name.contains(".") else { continue }
                let full = path.hasSuffix("/") ? path + entry : path + "/" + entry
                var entryIsDirectory: ObjCBool = false
                if manager.fileExists(atPath: full, isDirectory: &entryIsDirectory), !entryIsDirectory.boolValue {
                    found.append(full)
                }
            }
            result.append(contentsOf: found.sorted())
        }
        return result
    }

    /// The file's bytes, or a usage error naming it.
    public static func read(_ path: String) throws(UsageError) -> [UInt8] {
        guard let data = FileManager.default.contents(atPath: path) else {
            var isDirectory: ObjCBool = false
            if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) {
                throw UsageError("\(path): cannot read the file")
            }
            throw UsageError("\(path): no such file or directory")
        }
        return [UInt8](data)
    }
}
