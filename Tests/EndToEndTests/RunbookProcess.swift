import Foundation
import Synchronization

/// Runs the built `runbook` executable, as a user or CI would.
struct RunbookProcess {
    struct Result {
        var stdout: String
        var stderr: String
        var status: Int32
    }

    static let packageRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// `RUNBOOK_BINARY` (the release build `make test` makes), else the debug executable beside the test
    /// bundle in the build folder.
    static var executable: URL {
        if let binary = ProcessInfo.processInfo.environment["RUNBOOK_BINARY"], !binary.isEmpty {
            return URL(fileURLWithPath: binary)
        }
        let testBundle = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()
        var folder = testBundle.deletingLastPathComponent()
        while folder.path != "/" {
            let candidate = folder.appendingPathComponent("runbook")
            var isDirectory: ObjCBool = false
            if FileManager.default.fileExists(atPath: candidate.path, isDirectory: &isDirectory), !isDirectory.boolValue
            {
                return candidate
            }
            folder = folder.deletingLastPathComponent()
        }
        return packageRoot.appendingPathComponent(".build/debug/runbook")
    }

    struct Timeout: Error, CustomStringConvertible {
        var arguments: [String]
        var description: String { "runbook \(arguments.joined(separator: " ")) did not finish in time: a hang" }
    }

    /// Runs the executable; a run that outlives `timeout` seconds is killed and reported as a hang.
    static func run(
        _ arguments: [String], in directory: URL = packageRoot, environment: [String: String] = [:],
        timeout: TimeInterval = 60, executable: URL = executable
    ) throws -> Result {
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        process.currentDirectoryURL = directory
        var env = ProcessInfo.processInfo.environment
        env.merge(environment) { $1 }
        process.environment = env
        let stdout = Pipe()
        let stderr = Pipe()
        process.standardOutput = stdout
        process.standardError = stderr
        process.standardInput = FileHandle.nullDevice
        try process.run()
        let deadline = DispatchTime.now() + timeout
        let watchdog = DispatchWorkItem { if process.isRunning { process.terminate() } }
        DispatchQueue.global().asyncAfter(deadline: deadline, execute: watchdog)
        // Read both pipes before waiting, so a large output cannot block the child.
        let errorData = Mutex(Data())
        let group = DispatchGroup()
        group.enter()
        DispatchQueue.global().async {
            let data = stderr.fileHandleForReading.readDataToEndOfFile()
            errorData.withLock { $0 = data }
            group.leave()
        }
        let outData = stdout.fileHandleForReading.readDataToEndOfFile()
        group.wait()
        let errData = errorData.withLock { $0 }
        process.waitUntilExit()
        watchdog.cancel()
        if process.terminationReason == .uncaughtSignal, DispatchTime.now() >= deadline {
            throw Timeout(arguments: arguments)
        }
        return Result(
            stdout: String(decoding: outData, as: UTF8.self), stderr: String(decoding: errData, as: UTF8.self),
            status: process.terminationStatus)
    }

    static func temporaryDirectory() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("runbook-test-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }
}
