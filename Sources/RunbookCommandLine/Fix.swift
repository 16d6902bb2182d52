import ArgumentParser
import Foundation
import RunbookDiagnostics
import RunbookDriver
import RunbookSQL

/// The options `fix` and `check --fix` share.
struct FixFlags: ParsableArguments {
    @Option(
        name: .customLong("rule"),
        help: ArgumentHelp(
            "Apply only this rule's fix-its (repeatable), e.g. --rule sql.missing-semicolon.", valueName: "id"))
    var rules: [String] = []

    @Flag(help: "Also apply the unsafe fix-its: guesses such as a name among the runbook's names, or a narrowed grant.")
    var unsafe = false
}

extension RunbookCommand {
    struct Fix: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "fix",
            abstract: "Apply the fix-its of the findings to the Markdown files, then report what is left.",
            discussion: """
                Applies each finding's fix-it when it has exactly one: only the safe ones unless --unsafe \
                (`check` marks the others [unsafe]); SQL is edited only inside code blocks, the prose only by \
                the rules about it (model.*). Each file is checked again after each round of fixes, since one \
                fix can settle or uncover another, and replaced whole; a file that changed while runbook read \
                it is not written. Standard error lists each fix (path:line:col: fixed: …) and a summary; \
                standard output has the findings that remain, as `check` prints them (--format), or with \
                --diff a unified diff of what would change, and nothing is written.

                Exit status: 0 nothing at error level remains; 1 errors remain (or, with --diff, something \
                would change); 2 unusable arguments, unreadable input or a file that changed meanwhile.
                """)

        @Argument(help: "Markdown files or directories (.md and .markdown files, recursively).")
        var paths: [String]

        @OptionGroup var flags: FixFlags

        @Flag(help: "Write nothing: print a unified diff of the fixes on standard output.")
        var diff = false

        @Option(help: "Output format of the findings that remain: text, json, sarif or github.")
        var format: DiagnosticFormat = .text

        @OptionGroup var policy: PolicyOptions

        @Option(help: "Dialect for blocks that do not name theirs (as for check).")
        var dialect: SQLDialect?

        @Flag(
            help: "Fix files named on the command line even when runbook.yml excludes them or runbook generated them.")
        var forceInclude = false

        func run() throws {
            let colors = TextRenderer.shouldUseColors(
                isTerminal: isatty(STDOUT_FILENO) == 1, environment: ProcessInfo.processInfo.environment)
            var check = Commands.CheckOptions(
                format: format, policy: policy.arguments, colors: colors, dialect: dialect)
            check.forceInclude = forceInclude
            try finish(
                Commands.fix(
                    paths,
                    options: Commands.FixOptions(check: check, rules: flags.rules, unsafe: flags.unsafe, diff: diff)))
        }
    }
}
