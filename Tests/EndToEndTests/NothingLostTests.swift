import Foundation
import Testing

/// Outputs are written whole or not at all: a full disk, a read-only folder or a signal leaves every
/// existing output either old or new, never half-written, and the command says what happened.
@Suite(.serialized) struct NothingLostTests {
    /// A runbook with two variants, whose outputs grow when `schema_name` is set to a long value.
    static let runbook = """
        ## Mode Option 1
        ## Mode Option 2
        ## Step 1: Create (for example, schema_name)

        - For Mode Option 1:

          ```sql
          CREATE SCHEMA schema_name;
          CREATE ROLE reader;
          GRANT USAGE ON SCHEMA schema_name TO ROLE reader;
          ```
        - For Mode Option 2:

          ```sql
          CREATE SCHEMA schema_name;
          ```
        """

    static var isRoot: Bool { getuid() == 0 }

    func run(_ command: String, _ arguments: [String]) throws -> Int32 {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: command)
        process.arguments = arguments
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        return process.terminationStatus
    }

    /// Every file in the folder, by relative path.
    func snapshot(_ root: URL) throws -> [String: Data] {
        var files: [String: Data] = [:]
        for name in (try? FileManager.default.subpathsOfDirectory(atPath: root.path)) ?? [] {
            let url = root.appendingPathComponent(name)
            var isDirectory: ObjCBool = false
            if FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory), !isDirectory.boolValue {
                files[name] = try Data(contentsOf: url)
            }
        }
        return files
    }

    /// Runs `body` with a tmpfs of `size` bytes mounted at a fresh folder; needs root.
    func withTmpfs(size: Int, _ body: (URL) throws -> Void) throws {
        guard Self.isRoot else {
            if ProcessInfo.processInfo.environment["RUNBOOK_REQUIRE_SERVICES"] == "1" {
                Issue.record("this test mounts a tmpfs and needs root (as make test runs in CI)")
            } else {
                print("skipped: mounting a tmpfs needs root (run make test as root)")
            }
            return
        }
        let mountPoint = try RunbookProcess.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: mountPoint) }
        try #require(try run("/bin/mount", ["-t", "tmpfs", "-o", "size=\(size)", "tmpfs", mountPoint.path]) == 0)
        defer { _ = try? run("/bin/umount", ["-l", mountPoint.path]) }
        try body(mountPoint)
    }

    func writeRunbook(in folder: URL) throws -> URL {
        let file = folder.appendingPathComponent("mode.md")
        try Data(Self.runbook.utf8).write(to: file)
        return file
    }

    @Test func fullDiskLeavesOldOrNewFiles() throws {
        let work = try RunbookProcess.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: work) }
        let source = try writeRunbook(in: work)
        let longName = String(repeating: "s", count: 60)
        // What a complete build writes, with the default and with a long value.
        let oldOut = work.appendingPathComponent("old")
        let newOut = work.appendingPathComponent("new")
        #expect(try RunbookProcess.run(["build", source.path, "--out", oldOut.path]).status == 0)
        #expect(
            try RunbookProcess.run(["build", source.path, "--out", newOut.path, "--set", "schema_name=\(longName)"])
                .status == 0)
        let old = try snapshot(oldOut)
        let new = try snapshot(newOut)
        let pages = old.values.map { ($0.count + 4095) / 4096 }.reduce(0, +)
        try withTmpfs(size: (pages + 1) * 4096) { disk in
            #expect(try RunbookProcess.run(["build", source.path, "--out", disk.path]).status == 0)
            #expect(try snapshot(disk) == old)
            // Pad the disk so the bigger files cannot all fit.
            let filler = disk.appendingPathComponent("filler")
            _ = FileManager.default.createFile(atPath: filler.path, contents: Data(count: 2048))
            let result = try RunbookProcess.run([
                "build", source.path, "--out", disk.path, "--set", "schema_name=\(longName)", "--force",
            ])
            #expect(result.status == 2)
            #expect(result.stderr.contains("cannot write"), "\(result.stderr)")
            #expect(result.stderr.contains("the others are unchanged"))
            #expect(result.stderr.split(separator: "\n").count == 1)
            let after = try snapshot(disk).filter { $0.key != "filler" }
            #expect(Set(after.keys) == Set(old.keys), "a temporary file was left behind")
            for (path, data) in after {
                #expect(data == old[path] || data == new[path], "\(path) is neither old nor new")
            }
        }
    }

    @Test func readOnlyFolderLeavesEverythingOld() throws {
        let work = try RunbookProcess.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: work) }
        let source = try writeRunbook(in: work)
        try withTmpfs(size: 1 << 20) { disk in
            #expect(try RunbookProcess.run(["build", source.path, "--out", disk.path]).status == 0)
            let old = try snapshot(disk)
            try #require(try run("/bin/mount", ["-o", "remount,ro", disk.path]) == 0)
            let result = try RunbookProcess.run([
                "build", source.path, "--out", disk.path, "--set", "schema_name=other",
            ])
            #expect(result.status == 2)
            #expect(result.stderr.contains("Read-only file system"), "\(result.stderr)")
            #expect(result.stderr.contains("0 of"))
            #expect(try snapshot(disk) == old)
        }
    }

    @Test(arguments: [SIGINT, SIGTERM])
    func signalStopsTheBuildCleanly(signalNumber: Int32) throws {
        let work = try RunbookProcess.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: work) }
        // Large enough that the signal arrives while the build is still compiling.
        let statements = (0..<200_000).map { "GRANT SELECT ON t\($0) TO ROLE r;" }.joined(separator: "\n")
        let source = work.appendingPathComponent("big.md")
        try Data("## Step 1: Go\n\n```sql\n\(statements)\n```\n".utf8).write(to: source)
        let out = work.appendingPathComponent("out")
        try FileManager.default.createDirectory(at: out, withIntermediateDirectories: true)
        let process = Process()
        process.executableURL = RunbookProcess.executable
        process.arguments = ["build", source.path, "--out", out.path]
        let errors = Pipe()
        process.standardError = errors
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        // Long enough for the handlers to be installed (a signal ignored by the test runner stays ignored
        // until then), short of the several seconds the compile takes.
        Thread.sleep(forTimeInterval: 1.0)
        kill(process.processIdentifier, signalNumber)
        let message = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationStatus == 2)
        #expect(message.contains("interrupted; 0 of 3 files written, the others are unchanged"), "\(message)")
        #expect(try snapshot(out).isEmpty)
    }
}
