import Foundation

/// A program the driver runs and waits for (git for `--changed-since`, Graphviz's dot for the page's graphs):
/// standard input written and both outputs read at the same time, so that no pipe fills up and blocks it.
struct ChildProcess {
    struct Finished {
        /// False when it was stopped by a signal (the time limit) rather than exiting.
        var exited: Bool
        var status: Int32
        var stdout: Data
        var stderr: Data

        var succeeded: Bool { exited && status == 0 }
        /// The first line of its standard error, for a message.
        var firstErrorLine: String? {
            String(decoding: stderr, as: UTF8.self).split(separator: "\n").first.map(String.init)
        }
    }

    var executable: String
    var arguments: [String]
    var input: Data?
    /// Seconds after which it is stopped; nil: no limit.
    var timeLimit: Double?

    /// Runs it to the end; throws only when it cannot be started.
    func run() throws -> Finished {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        let stdin = Pipe()
        let stdout = Pipe()
        let stderr = Pipe()
        process.standardInput = input == nil ? FileHandle.nullDevice : stdin
        process.standardOutput = stdout
        process.standardError = stderr
        try process.run()
        let timer = DispatchWorkItem { if process.isRunning { process.terminate() } }
        if let timeLimit { DispatchQueue.global().asyncAfter(deadline: .now() + timeLimit, execute: timer) }
        if let input {
            DispatchQueue(label: "runbook.child.stdin").async {
                stdin.fileHandleForWriting.write(input)
                try? stdin.fileHandleForWriting.close()
            }
        }
        nonisolated(unsafe) var errorData = Data()
        let group = DispatchGroup()
        DispatchQueue(label: "runbook.child.stderr").async(group: group) {
            errorData = stderr.fileHandleForReading.readDataToEndOfFile()
        }
        let output = stdout.fileHandleForReading.readDataToEndOfFile()
        group.wait()
        process.waitUntilExit()
        timer.cancel()
        return Finished(
            exited: process.terminationReason == .exit, status: process.terminationStatus, stdout: output,
            stderr: errorData)
    }
}
