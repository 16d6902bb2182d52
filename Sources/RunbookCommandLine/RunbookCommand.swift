public import ArgumentParser
import Foundation
import RunbookDiagnostics
import RunbookDriver
import RunbookSQL

/// The `runbook` command: what the executable runs (Sources/runbook/main.swift).
package struct RunbookCommand: ParsableCommand {
    package init() {}

    /// Parses the process's arguments and runs the command they name; never returns.
    package static func runFromCommandLine() -> Never {
        do {
            if let paths = plainPaths(Array(CommandLine.arguments.dropFirst())) {
                try finish(Commands.check(paths, options: Check.options()))
            }
            var command = try parseAsRoot()
            try command.run()
            Foundation.exit(ExitStatus.success)
        } catch {
            exit(after: error, command: Self.self)
        }
    }

    /// Ends the process after a command's error. Argument errors exit with status 2 (DESIGN.md §5), not
    /// argument-parser's 64.
    static func exit<Command: ParsableCommand>(after error: any Error, command: Command.Type) -> Never {
        if let status = error as? ExitCode {
            // A command's own status (see `finish`). argument-parser's `exit(withError:)` would build the help
            // text only to find that there is no message to print.
            Foundation.exit(status.rawValue)
        }
        let code = command.exitCode(for: error)
        guard code == .validationFailure else { command.exit(withError: error) }
        FileHandle.standardError.write(Data((command.fullMessage(for: error) + "\n").utf8))
        FileHandle.standardError.write(Data("Run `runbook --help` for usage.\n".utf8))
        Foundation.exit(ExitStatus.usage)
    }

    package static let configuration = CommandConfiguration(
        commandName: "runbook",
        abstract: "Compile Markdown setup guides that carry SQL into checked scripts, checklists and HTML.",
        discussion: """
            A guide's structure is read from its prose: "Step N:" headings and their numbered items, \
            "… Option 1" / "… Option 2" headings, "For … Option N:" branches, "Select 1 of the options" \
            choices, and "Switch to the … database" connection changes. `runbook explain FILE` shows \
            everything recognised, with source lines.

            Exit status: 0 no errors, 1 errors in a document (or drift with --check), 2 unusable \
            arguments or unreadable input.
            """,
        version: "0.1.0",
        subcommands: [
            Check.self, Fix.self, Build.self, Variants.self, Explain.self, Verify.self, Rules.self,
            LanguageServerCommand.self,
        ]
    )
}

/// Writes a command's result and ends the process with its status.
func finish(_ result: CommandResult) throws -> Never {
    FileHandle.standardOutput.write(Data(result.stdout.utf8))
    FileHandle.standardError.write(Data(result.stderr.utf8))
    if let summary = result.stepSummary, let path = ProcessInfo.processInfo.environment["GITHUB_STEP_SUMMARY"],
        !path.isEmpty, let handle = FileHandle(forWritingAtPath: path)
    {
        handle.seekToEndOfFile()
        handle.write(Data(summary.utf8))
        handle.closeFile()
    }
    throw ExitCode(result.exitStatus)
}

/// The severity options every command that reports diagnostics shares (check, build, explain, verify); each
/// file's front matter and runbook.yml add theirs (docs/ci.md).
struct PolicyOptions: ParsableArguments {
    @Flag(help: "Report warnings as errors (exit status 1).")
    var warningsAsErrors = false

    @Option(
        name: .customLong("disable"),
        help: "Turn a rule off (repeatable), e.g. --disable sql.password-literal; unknown ids are refused.")
    var disabledRules: [String] = []

    var arguments: PolicyArguments {
        PolicyArguments(warningsAsErrors: warningsAsErrors, disabledRules: disabledRules)
    }
}

extension SQLDialect: ExpressibleByArgument {}
extension DiagnosticFormat: ExpressibleByArgument {}
extension OutputFormat: ExpressibleByArgument {}
extension ExplainFormat: ExpressibleByArgument {}

extension RunbookCommand {
    struct Check: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "check",
            abstract: "Compile every Markdown file (directories recursively) and report diagnostics.",
            discussion: """
                Diagnostics are compiler style (`path:line:col: severity: message [rule.id]`) with the source \
                line and a caret; colour only on a terminal and never with NO_COLOR. Rule ids are listed in \
                docs/rules.md. A runbook.yml in a file's folder or above it sets include/exclude globs, \
                dialects per path, parameters, rules turned off and severity overrides (docs/ci.md).
                """)

        @Argument(help: "Markdown files or directories (.md and .markdown files, recursively).")
        var paths: [String]

        @Option(
            help:
                "Output format: text, json, sarif or github (workflow annotations; with GITHUB_STEP_SUMMARY set, also a summary table)."
        )
        var format: DiagnosticFormat = .text

        @OptionGroup var policy: PolicyOptions

        @Option(help: "Dialect for blocks that do not name theirs: redshift (default) or postgres.")
        var dialect: SQLDialect?

        @Option(
            help: ArgumentHelp(
                "Check only the Markdown files git reports as changed since this revision.", valueName: "rev"))
        var changedSince: String?

        @Flag(help: "Report suppression comments (runbook: disable=ID) that silence nothing.")
        var reportUnusedSuppressions = false

        @Option(
            help: ArgumentHelp(
                "Where docs/rules.md is published: SARIF rules then carry a helpUri to their section.",
                valueName: "url"))
        var rulesURL: String?

        @Flag(
            help: """
                Check files named on the command line even when runbook.yml excludes them or runbook generated \
                them (both are skipped otherwise, as they are when found in a directory).
                """)
        var forceInclude = false

        @Flag(help: "Apply the safe fix-its first, as `runbook fix` does, then report what is left.")
        var fix = false

        @OptionGroup var fixFlags: FixFlags

        func validate() throws {
            if !fix, fixFlags.unsafe || !fixFlags.rules.isEmpty {
                throw ValidationError("--unsafe and --rule choose what --fix applies: add --fix")
            }
        }

        func run() throws {
            let options = Self.options(
                format: format, policy: policy.arguments, dialect: dialect, changedSince: changedSince,
                reportUnusedSuppressions: reportUnusedSuppressions, rulesURL: rulesURL, forceInclude: forceInclude)
            if fix {
                try finish(
                    Commands.fix(
                        paths,
                        options: Commands.FixOptions(check: options, rules: fixFlags.rules, unsafe: fixFlags.unsafe)))
            }
            try finish(Commands.check(paths, options: options))
        }
    }

    /// The paths of `runbook check PATH…` written with no option, nor anything argument-parser reads itself
    /// (`help`): that command runs without parsing, whose reflection over the commands' properties cost more
    /// instructions than checking a small tree (20 M for the corpus' 8 pages, against 5 M for cmark-gfm to render
    /// them). Nil for any other command line, which is parsed.
    static func plainPaths(_ arguments: [String]) -> [String]? {
        guard arguments.count >= 2, arguments[0] == "check",
            arguments.dropFirst().allSatisfy({ !$0.isEmpty && !$0.hasPrefix("-") && $0 != "help" })
        else { return nil }
        return Array(arguments.dropFirst())
    }
}

extension RunbookCommand.Check {
    /// What `check` runs with; the defaults are those of its options, which `plainPaths` does without.
    static func options(
        format: DiagnosticFormat = .text, policy: PolicyArguments = PolicyArguments(), dialect: SQLDialect? = nil,
        changedSince: String? = nil, reportUnusedSuppressions: Bool = false, rulesURL: String? = nil,
        forceInclude: Bool = false
    ) -> Commands.CheckOptions {
        let environment = ProcessInfo.processInfo.environment
        let colors = TextRenderer.shouldUseColors(isTerminal: isatty(STDOUT_FILENO) == 1, environment: environment)
        var options = Commands.CheckOptions(
            format: format, policy: policy, colors: colors, dialect: dialect, changedSince: changedSince,
            reportUnusedSuppressions: reportUnusedSuppressions, rulesURL: rulesURL)
        options.forceInclude = forceInclude
        return options
    }
}

extension RunbookCommand {
    struct Build: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "build",
            abstract: "Write one script and one checklist per variant of each runbook, and its HTML page.",
            discussion: """
                Writes DIR/NAME/VARIANT.sql, DIR/NAME/VARIANT.checklist.md and DIR/NAME/index.html, where NAME is the file's base \
                name and VARIANT a slug listed by `runbook variants`; with --verification also DIR/NAME/VARIANT.verify.sql \
                (Snowflake pages: the SHOW GRANTS queries that check an account, with the rows they must list). Scripts \
                are for psql (Redshift, PostgreSQL) or SnowSQL (Snowflake). Passwords never reach an output: scripts \
                read them from client variables (psql -v segment_user_password=..., snowsql -D segment_password=...). \
                Scripts can be run again \
                after a partial run: what exists is skipped with a line saying so, and each step announces \
                itself (--plain: the document's statements only). With --check nothing is written; the command \
                prints a unified diff and exits 1 when DIR is out of date. Exit status 1 also when a document \
                has errors (the outputs are written unless --no-write-on-error).
                """)

        @Argument(help: "Markdown files or directories.")
        var paths: [String]

        @Option(name: .long, help: "Output directory.")
        var out: String

        @Option(
            help:
                "Dialect of the scripts: redshift or postgres (a Redshift page translated so PostgreSQL runs it); default: each page's own (front matter, runbook.yml, else redshift). Snowflake pages are written for SnowSQL only."
        )
        var dialect: SQLDialect?

        @Option(name: .customLong("variant"), help: "Only this variant (repeatable); see `runbook variants`.")
        var variants: [String] = []

        @Option(
            name: .customLong("set"),
            help: "Replace a parameter's default, e.g. --set segment_workspace=acme_segment (repeatable).")
        var parameters: [String] = []

        @Flag(
            help:
                "Write nothing; exit 1 with a unified diff when the output directory differs from what would be written."
        )
        var check = false

        @Flag(help: "Overwrite files in the output directory that runbook did not write or that were edited by hand.")
        var force = false

        @Option(
            help:
                "A folder with your own copy of the HTML templates (page.html.mustache, style.css, script.js); see docs/html.md."
        )
        var templates: String?

        @Flag(help: "Pass raw HTML from the documents through to index.html (off: it is left out).")
        var unsafeHTML = false

        @Flag(help: "Write nothing when a document has errors (exit status 1 either way).")
        var noWriteOnError = false

        @Flag(help: "Scripts with the document's statements only: no re-run guards, no progress lines.")
        var plain = false

        @Flag(
            help:
                "Also write DIR/NAME/VARIANT.verify.sql for each Snowflake page: SHOW GRANTS queries and the rows they must list, for checking an account."
        )
        var verification = false

        @OptionGroup var policy: PolicyOptions

        func run() throws {
            Interruption.install()
            var options = Commands.BuildCommandOptions(
                outputDirectory: out, dialect: dialect, variants: variants, parameters: parameters, checkOnly: check,
                force: force)
            options.templatesDirectory = templates
            options.unsafeHTML = unsafeHTML
            options.noWriteOnError = noWriteOnError
            options.plain = plain
            options.verification = verification
            options.policy = policy.arguments
            try finish(Commands.build(paths, options: options))
        }
    }

    struct Variants: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "variants",
            abstract: "List every consistent combination of a runbook's alternatives, with its slug.")

        @Argument(help: "A Markdown runbook.")
        var file: String

        @Option(help: "text or json (an array of objects with slug, selections, labels, script and checklist).")
        var format: OutputFormat = .text

        func run() throws {
            try finish(Commands.variants(file, format: format))
        }
    }

    struct Explain: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "explain",
            abstract:
                "Show what runbook read from a guide, with source lines, each variant's plan and the diagnostics.",
            discussion: "Exit status 1 when the guide has errors, under the same policy as check and build.")

        @Argument(help: "A Markdown runbook.")
        var file: String

        @Option(help: "Only this variant.")
        var variant: String?

        @Option(name: .customLong("set"), help: "Replace a parameter's default (repeatable).")
        var parameters: [String] = []

        @Option(
            help: """
                text, json, or dot: each variant's privilege graph in Graphviz's language (users → roles → objects, \
                edges labelled with the privileges and the step; render with `dot -Tsvg`).
                """)
        var format: ExplainFormat = .text

        @Option(help: "Ask about this user, role or group: what it holds, and why (see --on, --can).")
        var who: String?

        @Option(help: "With --who: only this object (devices.user_devices, schema devices, database d).")
        var on: String?

        @Option(help: "With --who: answer yes or no for this privilege (exit 1 when no).")
        var can: String?

        @OptionGroup var policy: PolicyOptions

        func validate() throws {
            if who == nil && (on != nil || can != nil) { throw ValidationError("--on and --can need --who") }
            if who != nil, format == .dot {
                throw ValidationError("--who answers in text or json; --format dot draws the whole graph")
            }
        }

        func run() throws {
            if let who {
                try finish(
                    Commands.explainQuestion(
                        file, variant: variant, parameters: parameters, who: who, on: on, can: can,
                        format: format == .json ? .json : .text))
            }
            try finish(
                Commands.explain(
                    file, variant: variant, parameters: parameters, format: format, policy: policy.arguments))
        }
    }
}
