import ArgumentParser
import Foundation
public import RunbookDriver

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

extension RunbookCommand {
    /// `runbook verify`: parsed here, so that `runbook verify --help` and argument errors behave like every other
    /// subcommand, then run by the runbook-verify executable beside this one. Only that executable links the
    /// database driver, which the other commands would otherwise load (and pay for) at every start.
    public struct Verify: ParsableCommand {
        public static let configuration = CommandConfiguration(
            commandName: "verify",
            abstract: "Check a live PostgreSQL database against what one variant of a runbook promises.",
            discussion: """
                Simulates the variant with PostgreSQL semantics and compares the effective privileges of the users \
                and roles it creates, in the databases it knows, with has_database_privilege, has_schema_privilege \
                and has_table_privilege on the server: every promised privilege present, nothing beyond. The URL \
                is postgres://user[:password]@host[:port]/database[?sslmode=require][&host=/socket/dir]; the \
                password may come from PGPASSWORD instead and is never printed. Exit status: 0 the database \
                matches, 1 drift (each missing or extra privilege is reported), 2 unusable arguments or no \
                connection. The check runs in runbook-verify, which is installed beside runbook. See docs/verify.md.
                """)

        @Argument(help: "A Markdown runbook.")
        public var file: String

        @Option(help: "postgres://user[:password]@host[:port]/database[?sslmode=…][&host=/socket/dir]")
        public var databaseURL: String

        @Option(
            help: "The variant the database was set up with (see `runbook variants`); required when there are several.")
        public var variant: String?

        @Option(help: "text or json.")
        public var format: OutputFormat = .text

        @OptionGroup var policy: PolicyOptions

        public init() {}

        /// The arguments that reproduce this command for runbook-verify.
        var forwardedArguments: [String] {
            var arguments = [file, "--database-url", databaseURL, "--format", format.rawValue]
            if let variant { arguments += ["--variant", variant] }
            if policy.warningsAsErrors { arguments.append("--warnings-as-errors") }
            for rule in policy.disabledRules { arguments += ["--disable", rule] }
            return arguments
        }

        public func run() throws {
            guard let executable = Self.verifyExecutable() else {
                FileHandle.standardError.write(
                    Data(
                        """
                        runbook: error: `runbook verify` runs runbook-verify, which is not installed beside this \
                        executable; build both with `make release` (or `swift build -c release --product runbook-verify`)

                        """.utf8))
                throw ExitCode(ExitStatus.usage)
            }
            let argv = ([executable] + forwardedArguments).map { strdup($0) } + [nil]
            execv(executable, argv)
            // Only reached when the executable could not be started.
            let reason = String(cString: strerror(errno))
            FileHandle.standardError.write(Data("runbook: error: cannot run \(executable): \(reason)\n".utf8))
            throw ExitCode(ExitStatus.usage)
        }

        /// runbook-verify in this executable's folder. /proc/self/exe names the executable itself even when it
        /// was started through PATH or a symbolic link; elsewhere the path it was started with is used.
        static func verifyExecutable() -> String? {
            var buffer = [CChar](repeating: 0, count: 4097)
            let length = readlink("/proc/self/exe", &buffer, buffer.count - 1)
            let ownPath =
                length > 0
                ? String(decoding: buffer[..<length].map { UInt8(bitPattern: $0) }, as: UTF8.self)
                : CommandLine.arguments[0]
            guard let slash = ownPath.lastIndex(of: "/") else { return nil }
            let candidate = String(ownPath[...slash]) + "runbook-verify"
            return access(candidate, X_OK) == 0 ? candidate : nil
        }
    }

    /// The whole of runbook-verify: reads the arguments `runbook verify` passes on, then compares the live
    /// database that `reader` reads with what the runbook promises.
    public static func runVerify(reader: @escaping Commands.LiveReader) async -> Never {
        do {
            let command = try Verify.parse(Array(CommandLine.arguments.dropFirst()))
            let password = ProcessInfo.processInfo.environment["PGPASSWORD"]
            var options = Commands.VerifyOptions(
                databaseURL: command.databaseURL, variant: command.variant, format: command.format,
                environmentPassword: password)
            options.policy = command.policy.arguments
            try finish(await Commands.verify(command.file, options: options, reader: reader))
        } catch {
            exit(after: error, command: Verify.self)
        }
    }
}
