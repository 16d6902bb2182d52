import Foundation

/// Finding and reading the Markdown files a command names.
package enum InputFiles {
    static let extensions: Set<String> = ["md", "markdown"]

    /// Files as given, and the Markdown files under each directory (recursively, sorted, hidden entries skipped).
    package static func discover(_ paths: [String]) throws(UsageError) -> [String] {
        var result: [String] = []
        for path in paths {
            var status = stat()
            guard stat(path, &status) == 0 else { throw UsageError("\(path): no such file or directory") }
            guard status.st_mode & S_IFMT == S_IFDIR else {
                result.append(path)
                continue
            }
            result.append(contentsOf: try markdownFiles(under: path).sorted())
        }
        return result
    }

    /// Walks a directory with readdir: Foundation's enumerator costs tens of thousands of instructions an
    /// entry, which shows on a docs tree of thousands of pages.
    private static func markdownFiles(under root: String) throws(UsageError) -> [String] {
        var found: [String] = []
        var pending = [root.hasSuffix("/") && root.count > 1 ? String(root.dropLast()) : root]
        var first = true
        while let folder = pending.popLast() {
            guard let directory = opendir(folder) else {
                if first { throw UsageError("\(root): cannot read the directory") }
                continue
            }
            first = false
            defer { closedir(directory) }
            while let entry = readdir(directory) {
                let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                    String(decoding: raw.prefix(while: { $0 != 0 }), as: UTF8.self)
                }
                guard !name.hasPrefix(".") else { continue }
                let path = folder + "/" + name
                var isDirectory = entry.pointee.d_type == UInt8(DT_DIR)
                var isFile = entry.pointee.d_type == UInt8(DT_REG)
                if entry.pointee.d_type == UInt8(DT_UNKNOWN) || entry.pointee.d_type == UInt8(DT_LNK) {
                    var status = stat()
                    guard stat(path, &status) == 0 else { continue }
                    isDirectory = status.st_mode & S_IFMT == S_IFDIR
                    isFile = status.st_mode & S_IFMT == S_IFREG
                }
                if isDirectory {
                    pending.append(path)
                } else if isFile, let dot = name.lastIndex(of: "."),
                    extensions.contains(name[name.index(after: dot)...].lowercased())
                {
                    found.append(path)
                }
            }
        }
        return found
    }

    /// The file's bytes, or a usage error naming it.
    package static func read(_ path: String) throws(UsageError) -> [UInt8] {
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
