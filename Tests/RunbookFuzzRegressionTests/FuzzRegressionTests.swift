import Foundation
import RunbookFuzzHarness
import Testing

/// Replays every input a fuzz target ever failed on (Tests/Fuzz/regressions/<target>/) and the committed
/// seeds (Fuzz/seeds/) through the code the fuzz targets drive. A crash fails the whole run; a hang shows as
/// an input that takes longer than `promptly`.
@Suite struct FuzzRegressionTests {
    enum Target: String, CaseIterable, CustomTestStringConvertible {
        case sql, markdown, check

        var testDescription: String { rawValue }

        func run(_ bytes: [UInt8]) {
            switch self {
            case .sql: FuzzHarness.sql(bytes)
            case .markdown: FuzzHarness.markdown(bytes)
            case .check: FuzzHarness.check(bytes)
            }
        }

        /// Folders whose files this target replays.
        var folders: [URL] {
            let seeds = self == .sql ? "sql" : "markdown"
            return [
                repositoryRoot.appending(path: "Tests/Fuzz/regressions/\(rawValue)"),
                repositoryRoot.appending(path: "Fuzz/seeds/\(seeds)"),
            ]
        }
    }

    /// The fuzz targets run each input with `-timeout=10` under AddressSanitizer; an unsanitized debug build
    /// has no excuse to come near that.
    /// A hang guard, not a speed test (speed is the benchmark's). The check target now also simulates
    /// privileges for every variant, which the inputs with hundreds of choice groups make slow in a debug
    /// build (13 s on a quiet machine, 35 s with the rest of the suite running; 3 to 8 s in release): see
    /// the closing note of issue 8. A hang (the 16-million-variant input took hours) stays far beyond this.
    static let promptly = Duration.seconds(120)

    static let repositoryRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()

    static func inputs(_ target: Target) throws -> [URL] {
        try target.folders.flatMap { folder in
            try FileManager.default.contentsOfDirectory(at: folder, includingPropertiesForKeys: nil)
                .filter { !$0.lastPathComponent.hasPrefix(".") }
        }.sorted { $0.path < $1.path }
    }

    @Test(.timeLimit(.minutes(10)), arguments: Target.allCases)
    func inputsCompletePromptly(_ target: Target) throws {
        let inputs = try Self.inputs(target)
        #expect(!inputs.isEmpty)
        let clock = ContinuousClock()
        for input in inputs {
            let bytes = try [UInt8](Data(contentsOf: input))
            let elapsed = clock.measure { target.run(bytes) }
            #expect(elapsed < Self.promptly, "\(input.lastPathComponent) took \(elapsed)")
        }
    }
}

private let repositoryRoot = FuzzRegressionTests.repositoryRoot
