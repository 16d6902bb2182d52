// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "runbook",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "runbook", targets: ["runbook"]),
        .executable(name: "runbook-verify", targets: ["runbook-verify"]),
        .library(name: "RunbookDriver", targets: ["RunbookDriver"]),
        // What the libFuzzer targets in Fuzz/ (a package of their own) run: everything else is `package`.
        .library(name: "RunbookFuzzHarness", targets: ["RunbookFuzzHarness"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache", from: "2.1.1"),
        .package(url: "https://github.com/apple/swift-crypto", "3.12.3"..<"5.0.0"),
        .package(url: "https://github.com/vapor/postgres-nio", from: "1.33.2"),
    ],
    targets: [
        .systemLibrary(
            name: "CCmarkGFM",
            pkgConfig: "libcmark-gfm",
            providers: [.apt(["libcmark-gfm-dev", "libcmark-gfm-extensions-dev"])]
        ),
        .target(name: "RunbookDiagnostics"),
        .target(
            name: "RunbookMarkdown",
            dependencies: ["CCmarkGFM", "RunbookDiagnostics", .product(name: "Yams", package: "Yams")]
        ),
        .target(name: "RunbookSQL", dependencies: ["RunbookDiagnostics"]),
        // The model reads a block's tokens (SQLOutline) while it shapes the runbook, before any block is parsed.
        .target(name: "RunbookModel", dependencies: ["RunbookDiagnostics", "RunbookMarkdown", "RunbookSQL"]),
        .target(name: "RunbookPrivileges", dependencies: ["RunbookDiagnostics", "RunbookModel", "RunbookSQL"]),
        // The compiled runbook: every block with its statements, the privileges, and each variant's plan with
        // its statements translated once for the page's client; what the emitters and the verification read.
        .target(
            name: "RunbookCompile",
            dependencies: [
                "RunbookDiagnostics", "RunbookMarkdown", "RunbookModel", "RunbookSQL", "RunbookPrivileges",
                .product(name: "Crypto", package: "swift-crypto"),
            ]
        ),
        .target(
            name: "RunbookEmitters",
            dependencies: [
                "RunbookDiagnostics", "RunbookMarkdown", "RunbookModel", "RunbookSQL", "RunbookPrivileges",
                "RunbookCompile",
                .product(name: "Mustache", package: "swift-mustache"),
                .product(name: "Crypto", package: "swift-crypto"),
            ]
        ),
        // What a live database must hold, and the comparison: no database driver here, so that `check` and
        // `build` never load one.
        .target(
            name: "RunbookVerify",
            dependencies: ["RunbookDiagnostics", "RunbookModel", "RunbookSQL", "RunbookPrivileges", "RunbookCompile"]
        ),
        // Reading a live PostgreSQL server's catalog (PostgresNIO): linked only into runbook-verify.
        .target(
            name: "RunbookLiveDatabase",
            dependencies: ["RunbookVerify", .product(name: "PostgresNIO", package: "postgres-nio")]
        ),
        .target(
            name: "RunbookDriver",
            dependencies: [
                "RunbookDiagnostics", "RunbookMarkdown", "RunbookModel", "RunbookSQL", "RunbookPrivileges",
                "RunbookCompile", "RunbookEmitters", "RunbookVerify",
                .product(name: "Yams", package: "Yams"),
            ]
        ),
        // `runbook lsp`: JSON-RPC framing, the protocol's types and the handlers, over the driver's check.
        .target(
            name: "RunbookLSP",
            dependencies: [
                "RunbookCompile", "RunbookDiagnostics", "RunbookDriver", "RunbookEmitters", "RunbookModel",
                "RunbookPrivileges", "RunbookSQL",
            ]
        ),
        // The command line: root command, subcommands, option groups; what both executables parse with.
        .target(
            name: "RunbookCommandLine",
            dependencies: [
                "RunbookDiagnostics", "RunbookDriver", "RunbookLSP", "RunbookSQL",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .executableTarget(name: "runbook", dependencies: ["RunbookCommandLine"]),
        // `runbook verify` runs this executable, installed beside runbook: PostgresNIO and its dependencies
        // (almost a quarter of the runtime's conformance records, scanned at start-up) stay out of every other command.
        .executableTarget(
            name: "runbook-verify",
            dependencies: ["RunbookCommandLine", "RunbookDriver", "RunbookLiveDatabase"]
        ),
        .testTarget(name: "RunbookDiagnosticsTests", dependencies: ["RunbookDiagnostics", "RunbookTestSupport"]),
        .testTarget(name: "RunbookMarkdownTests", dependencies: ["RunbookMarkdown"]),
        .testTarget(
            name: "RunbookModelTests", dependencies: ["RunbookModel", "RunbookMarkdown", "RunbookTestSupport"]),
        // Helpers that more than one test target uses.
        .target(name: "RunbookTestSupport", dependencies: ["RunbookDiagnostics"], path: "Tests/RunbookTestSupport"),
        .testTarget(name: "RunbookSQLTests", dependencies: ["RunbookSQL", "RunbookTestSupport"]),
        .testTarget(
            name: "RunbookPrivilegesTests",
            dependencies: ["RunbookPrivileges", "RunbookModel", "RunbookMarkdown", "RunbookSQL", "RunbookTestSupport"]
        ),
        .testTarget(
            name: "RunbookEmittersTests",
            dependencies: ["RunbookCompile", "RunbookEmitters", "RunbookDriver", "RunbookTestSupport"],
            exclude: ["Snapshots"]
        ),
        .testTarget(
            name: "RunbookDriverTests",
            dependencies: ["RunbookDriver", "RunbookModel", "RunbookCompile", "RunbookEmitters", "RunbookTestSupport"]
        ),
        .testTarget(
            name: "RunbookLSPTests",
            dependencies: ["RunbookLSP", "RunbookDriver", "RunbookDiagnostics", "RunbookTestSupport"]
        ),
        .testTarget(
            name: "RunbookVerifyTests",
            dependencies: [
                "RunbookVerify", "RunbookLiveDatabase", "RunbookCompile", "RunbookDiagnostics", "RunbookDriver",
                .product(name: "PostgresNIO", package: "postgres-nio"),
            ]
        ),
        .testTarget(
            name: "EndToEndTests",
            dependencies: [
                "RunbookDriver", "RunbookVerify", "RunbookCompile", "RunbookPrivileges", "RunbookModel", "RunbookSQL",
                "RunbookTestSupport",
            ]
        ),
        // The code paths the fuzz targets drive, and the regression suite that replays their findings through it.
        .target(
            name: "RunbookFuzzHarness",
            dependencies: ["RunbookDiagnostics", "RunbookDriver", "RunbookSQL", "RunbookMarkdown", "RunbookModel"],
            path: "Tests/RunbookFuzzHarness"
        ),
        .testTarget(name: "RunbookFuzzRegressionTests", dependencies: ["RunbookFuzzHarness"]),
    ],
    swiftLanguageModes: [.v6]
)

// Imports are internal unless a file says otherwise (`package import`, `public import` for the library's API):
// a module's surface is what it declares, not what it happens to import.
for target in package.targets where target.type != .system {
    target.swiftSettings = (target.swiftSettings ?? []) + [.enableUpcomingFeature("InternalImportsByDefault")]
}
