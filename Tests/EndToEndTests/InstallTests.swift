import Foundation
import Testing

/// `make install` and `make dist` on the release executables `make test` builds (RUNBOOK_BINARY): the
/// archive must run from an empty folder with nothing else on PATH or LD_LIBRARY_PATH.
enum ReleaseBuild {
    static let required = ProcessInfo.processInfo.environment["RUNBOOK_REQUIRE_SERVICES"] == "1"
    /// The folder of RUNBOOK_BINARY, which holds runbook and runbook-verify.
    static var folder: URL? {
        guard let binary = ProcessInfo.processInfo.environment["RUNBOOK_BINARY"], !binary.isEmpty else { return nil }
        return URL(fileURLWithPath: binary).deletingLastPathComponent()
    }
}

@Suite(
    .serialized,
    .enabled(
        if: ReleaseBuild.folder != nil || ReleaseBuild.required,
        "no RUNBOOK_BINARY (a release build; run make test): install and dist tests skipped"))
struct InstallTests {

    /// Runs a command of the package's scripts (or any program) and returns its output and status.
    static func shell(
        _ arguments: [String], in directory: URL = RunbookProcess.packageRoot, environment: [String: String]? = nil
    ) throws -> (stdout: String, stderr: String, status: Int32) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = arguments
        process.currentDirectoryURL = directory
        if let environment { process.environment = environment }
        let stdout = Pipe()
        let stderr = Pipe()
        process.standardOutput = stdout
        process.standardError = stderr
        process.standardInput = FileHandle.nullDevice
        try process.run()
        let out = stdout.fileHandleForReading.readDataToEndOfFile()
        let err = stderr.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (String(decoding: out, as: UTF8.self), String(decoding: err, as: UTF8.self), process.terminationStatus)
    }

    @Test func installPutsBinariesManPagesAndCompletionsUnderThePrefix() throws {
        let folder = try #require(ReleaseBuild.folder, "RUNBOOK_BINARY is required")
        let prefix = try RunbookProcess.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: prefix) }
        let result = try Self.shell(["bash", "scripts/install.sh", "--from", folder.path, prefix.path])
        #expect(result.status == 0, "\(result.stderr)")
        for file in [
            "bin/runbook", "bin/runbook-verify", "share/man/man1/runbook.1", "share/man/man1/runbook-check.1",
            "share/man/man1/runbook-rules.1", "share/bash-completion/completions/runbook",
            "share/zsh/site-functions/_runbook", "share/fish/vendor_completions.d/runbook.fish",
        ] {
            #expect(FileManager.default.fileExists(atPath: prefix.appendingPathComponent(file).path), "\(file)")
        }
        let page = try String(
            contentsOf: prefix.appendingPathComponent("share/man/man1/runbook-check.1"), encoding: .utf8)
        #expect(page.contains("--report-unused-suppressions"))
        let bash = try String(
            contentsOf: prefix.appendingPathComponent("share/bash-completion/completions/runbook"), encoding: .utf8)
        #expect(bash.contains("check") && bash.contains("--changed-since"))
    }

    @Test func theArchiveRunsWithNothingElseOnThePath() throws {
        let folder = try #require(ReleaseBuild.folder, "RUNBOOK_BINARY is required")
        let work = try RunbookProcess.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: work) }
        let dist = work.appendingPathComponent("dist")
        var environment = ProcessInfo.processInfo.environment
        environment["DIST_DIR"] = dist.path
        let built = try Self.shell(["bash", "scripts/dist.sh", "--from", folder.path], environment: environment)
        #expect(built.status == 0, "\(built.stderr)")
        let archive = URL(fileURLWithPath: built.stdout.trimmingCharacters(in: .whitespacesAndNewlines))
        #expect(archive.lastPathComponent.hasPrefix("runbook-") && archive.lastPathComponent.hasSuffix(".tar.gz"))
        let checksum = try Self.shell(["sha256sum", "-c", archive.lastPathComponent + ".sha256"], in: dist)
        #expect(checksum.status == 0, "\(checksum.stdout)\(checksum.stderr)")

        let empty = work.appendingPathComponent("unpacked")
        try FileManager.default.createDirectory(at: empty, withIntermediateDirectories: true)
        #expect(try Self.shell(["tar", "-xzf", archive.path, "-C", empty.path]).status == 0)
        let root = try #require(try FileManager.default.contentsOfDirectory(atPath: empty.path).first)
        let bin = empty.appendingPathComponent(root).appendingPathComponent("bin")

        // Nothing of the toolchain or of libcmark-gfm is loaded dynamically.
        let libraries = try Self.shell(["ldd", bin.appendingPathComponent("runbook").path])
        for library in ["libswift", "libFoundation", "libcmark", "libdispatch"] {
            #expect(!libraries.stdout.contains(library), "\(library) in:\n\(libraries.stdout)")
        }

        let guide = work.appendingPathComponent("guide.md")
        try FileManager.default.copyItem(
            at: RunbookProcess.packageRoot.appendingPathComponent("runbooks/redshift-data-graph.md"), to: guide)
        // The whole environment: only the archive's bin folder on PATH, no library path.
        let bare = ["PATH": bin.path, "LD_LIBRARY_PATH": "", "HOME": work.path]
        let check = try Self.shell(["runbook", "check", guide.path], in: work, environment: bare)
        #expect(check.status == 1, "the bundled guide has real defects: \(check.stderr)")
        #expect(check.stdout.contains("[privileges."))
        let out = work.appendingPathComponent("out")
        let build = try Self.shell(["runbook", "build", guide.path, "--out", out.path], in: work, environment: bare)
        #expect(build.status == 0 || build.status == 1, "\(build.stderr)")
        let written = try FileManager.default.contentsOfDirectory(atPath: out.appendingPathComponent("guide").path)
        #expect(written.filter { $0.hasSuffix(".sql") }.count == 4)
        #expect(written.contains("index.html"))
    }
}
