// swift-tools-version:6.0
// libFuzzer targets for runbook, kept out of the main package so that its `swift build` and `swift test`
// never see them. Build with scripts/fuzz.sh (or `make fuzz`), which passes the sanitizer flags.
import Foundation
import PackageDescription

// A path dependency's identity is its folder's name, which differs between checkouts (main, worktrees).
let runbookRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
let runbookIdentity = runbookRoot.lastPathComponent.lowercased()

let harness = Target.Dependency.product(name: "RunbookFuzzHarness", package: runbookIdentity)

let package = Package(
    name: "runbook-fuzz",
    platforms: [.macOS(.v13)],
    dependencies: [.package(path: "..")],
    targets: [
        // libFuzzer's driver, declared in C (the toolchain's libclang_rt.fuzzer provides it).
        .target(name: "CLibFuzzer"),
        .executableTarget(name: "FuzzSQL", dependencies: ["CLibFuzzer", harness]),
        .executableTarget(name: "FuzzMarkdown", dependencies: ["CLibFuzzer", harness]),
        .executableTarget(name: "FuzzCheck", dependencies: ["CLibFuzzer", harness]),
    ],
    swiftLanguageModes: [.v6]
)
