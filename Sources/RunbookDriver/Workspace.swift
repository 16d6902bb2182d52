import Foundation
import RunbookDiagnostics
import Synchronization

/// The files a command works on, each with the configuration that governs it.
package struct WorkspaceFile: Sendable {
    package var path: String
    package var config: RunbookConfig?
}

package enum Workspace {
    /// Files named and found under directories, filtered by each governing `runbook.yml`'s include/exclude and
    /// without the files runbook itself generated (their last line carries its checksum stamp), optionally only
    /// those git reports as changed since a revision. Files named on the command line are filtered the same way,
    /// so a pre-commit hook that passes every staged Markdown file checks what `check docs/` would;
    /// `forceInclude` checks every named file anyway (found ones still follow the filters).
    package static func files(
        _ paths: [String], changedSince revision: String? = nil, forceInclude: Bool = false
    ) throws(UsageError) -> [WorkspaceFile] {
        var locator = ConfigLocator()
        var result: [WorkspaceFile] = []
        for path in paths {
            var isDirectory: ObjCBool = false
            let exists = FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory)
            let named = exists && !isDirectory.boolValue
            let found = try InputFiles.discover([path])
            for file in found {
                let config = try locator.config(for: file)
                if named && forceInclude {
                    result.append(WorkspaceFile(path: file, config: config))
                    continue
                }
                if let config, !config.selects(file) { continue }
                if GeneratedFile.isStamped(path: file) { continue }
                result.append(WorkspaceFile(path: file, config: config))
            }
        }
        if let revision {
            let changed = try changedFiles(since: revision)
            // A changed (added, edited or removed) runbook.yml changes how every file it governs is checked.
            let configFolders = changed.filter { $0.hasSuffix("/" + RunbookConfig.fileName) }
                .map { String($0.dropLast(RunbookConfig.fileName.count + 1)) }
            result = result.filter { file in
                let path = URL(fileURLWithPath: file.path).standardizedFileURL.path
                return changed.contains(path) || configFolders.contains { governs($0, file: path, config: file.config) }
            }
        }
        return result
    }

    /// Whether the config in `folder` governs `file` (or did, before it was removed): the file is under the
    /// folder and no config nearer to the file takes its place.
    static func governs(_ folder: String, file: String, config: RunbookConfig?) -> Bool {
        guard file.hasPrefix(folder + "/") else { return false }
        guard let config else { return true }
        let nearest = URL(fileURLWithPath: config.directory).standardizedFileURL.path
        return nearest == folder || !nearest.hasPrefix(folder + "/")
    }

    /// Absolute paths of files changed since `revision` (committed or not, removed included) and untracked files,
    /// per git.
    static func changedFiles(since revision: String) throws(UsageError) -> Set<String> {
        let root = try git(["rev-parse", "--show-toplevel"]).trimmingCharacters(in: .whitespacesAndNewlines)
        let diff = try git(["diff", "--name-only", "--diff-filter=ACMRD", revision, "--"])
        let untracked = try git(["ls-files", "--others", "--exclude-standard"])
        var result = Set<String>()
        for line in (diff + "\n" + untracked).split(separator: "\n") where !line.isEmpty {
            result.insert(URL(fileURLWithPath: root + "/" + line).standardizedFileURL.path)
        }
        return result
    }

    private static func git(_ arguments: [String]) throws(UsageError) -> String {
        let finished: ChildProcess.Finished
        do {
            finished = try ChildProcess(executable: "/usr/bin/env", arguments: ["git"] + arguments).run()
        } catch {
            throw UsageError("--changed-since: cannot run git (\(error.localizedDescription))")
        }
        guard finished.status == 0 else {
            throw UsageError("--changed-since: \(finished.firstErrorLine ?? "git failed")")
        }
        return String(decoding: finished.stdout, as: UTF8.self)
    }
}

/// Runs `body` for every element on all cores; results come back in the input's order.
func parallelMap<Element: Sendable, Result: Sendable>(
    _ elements: [Element], _ body: @Sendable (Element) -> Result
) -> [Result] {
    let results = Mutex<[Int: Result]>([:])
    DispatchQueue.concurrentPerform(iterations: elements.count) { index in
        let value = body(elements[index])
        results.withLock { $0[index] = value }
    }
    return results.withLock { stored in elements.indices.compactMap { stored[$0] } }
}
