package import ArgumentParser
import Foundation
package import RunbookDriver

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

extension RunbookCommand {
    /// `runbook verify`: parsed here, so that `runbook verify --help` and argument errors behave like every other
    /// subcommand, then run by the runbook-verify executable beside this one. Only that executable links the
    /// database driver, which the other commands would otherwise load (and pay for) at every start.
    package struct Verify: ParsableCommand {
        package static let configuration = CommandConfiguration(
            commandName: "verify",
            abstract: "Check a live PostgreSQL or Redshift database against what a runbook promises; write the repair.",
            discussion: """
                Simulates each variant (or the one --variant names) with PostgreSQL semantics and compares the \
                effective privileges of the users and roles it creates, in the databases it knows, with \
                has_database_privilege, has_schema_privilege, has_table_privilege, pg_auth_members and \
                pg_default_acl on the server. Without --variant the best match (fewest differences) is reported, \
                with the ranking. The connection is a postgres:// URL, a libpq connection string \
                (host=… port=… dbname=… user=… sslmode=…), or, without --database-url, what psql would use: PGHOST, \
                PGPORT, PGUSER, PGDATABASE, PGPASSWORD, PGSSLMODE, PGSERVICE, ~/.pgpass. The password is never \
                printed. --repair FILE writes the psql script that closes the gap (REVOKEs commented out unless \
                --revoke-extra); --graph FILE draws it (FILE.dot in Graphviz's language, FILE.svg drawn by dot). \
                An Amazon Redshift server (version() names Redshift) is read from its svv_* views \
                and compared with a Redshift runbook simulated with Redshift's semantics (untested against a live \
                cluster). Exit status: 0 the (best) variant matches, 1 drift, 2 unusable arguments, no \
                connection, a server that is neither PostgreSQL nor Redshift, a Redshift server for a PostgreSQL \
                runbook, or a server with nothing in common with the runbook. The check runs in runbook-verify, \
                which is installed beside runbook. See docs/verify.md.
                """)

        @Argument(help: "A Markdown runbook.")
        package var file: String

        @Option(
            name: [.customLong("database-url"), .customLong("dbname"), .customShort("d")],
            help: ArgumentHelp(
                "A postgres:// URL or a libpq connection string; without it, the PG* variables and ~/.pgpass.",
                valueName: "connection"))
        package var databaseURL: String?

        @Option(help: "The variant the database was set up with (see `runbook variants`); without it, the best match.")
        package var variant: String?

        @Option(help: "text or json.")
        package var format: OutputFormat = .text

        @Option(
            help: ArgumentHelp(
                "Write the psql script that takes the database to what the (best) variant promises.", valueName: "file")
        )
        package var repair: String?

        @Flag(help: "With --repair: revoke what is beyond the runbook instead of leaving the REVOKEs commented out.")
        package var revokeExtra = false

        @Option(
            help: ArgumentHelp(
                "Write the drift as a graph: missing grants dashed red, extra ones bold orange (Graphviz's language; "
                    + "an SVG drawn by dot when the name ends in .svg).", valueName: "file"))
        package var graph: String?

        @OptionGroup var policy: PolicyOptions

        package init() {}

        package func validate() throws {
            if revokeExtra && repair == nil {
                throw ValidationError("--revoke-extra is an option of --repair FILE")
            }
        }

        /// The arguments that reproduce this command for runbook-verify.
        var forwardedArguments: [String] {
            var arguments = [file, "--format", format.rawValue]
            if let databaseURL { arguments.append("--database-url=\(databaseURL)") }
            if let variant { arguments.append("--variant=\(variant)") }
            if let repair { arguments.append("--repair=\(repair)") }
            if revokeExtra { arguments.append("--revoke-extra") }
            if let graph { arguments.append("--graph=\(graph)") }
            if policy.warningsAsErrors { arguments.append("--warnings-as-errors") }
            for rule in policy.disabledRules { arguments.append("--disable=\(rule)") }
            return arguments
        }

        package func run() throws {
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
    package static func runVerify(reader: @escaping Commands.LiveReader) async -> Never {
        do {
            let command = try Verify.parse(Array(CommandLine.arguments.dropFirst()))
            var options = Commands.VerifyOptions(
                connection: command.databaseURL, variant: command.variant, format: command.format,
                repairPath: command.repair, revokeExtra: command.revokeExtra, graphPath: command.graph,
                environment: .process)
            options.policy = command.policy.arguments
            try finish(await Commands.verify(command.file, options: options, reader: reader))
        } catch {
            exit(after: error, command: Verify.self)
        }
    }
}
