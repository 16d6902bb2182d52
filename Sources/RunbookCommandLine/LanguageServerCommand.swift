import ArgumentParser
import Foundation
import RunbookLSP

extension RunbookCommand {
    struct LanguageServerCommand: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "lsp",
            abstract: "Serve the Language Server Protocol over stdin and stdout, for editors.",
            discussion: """
                Diagnostics as you type (each open document is checked in memory as `runbook check` checks \
                the file, with its runbook.yml), quick fixes from fix-its, hover on a name in SQL (where it \
                is created, who can do what on it and why), an outline of steps, choices and blocks, and \
                go-to-definition. Never writes a file. Editor set-up: docs/editors.md.
                """)

        @Flag(help: "Accepted for clients that pass it; standard input and output are the only transport.")
        var stdio = false

        @Option(help: "Milliseconds of quiet after a burst of edits before a document is checked again.")
        var debounce = 50

        func validate() throws {
            guard (0...5_000).contains(debounce) else {
                throw ValidationError("--debounce must be 0 to 5000 milliseconds")
            }
        }

        func run() throws {
            // A client that goes away must end the session, not kill it with SIGPIPE halfway through a write.
            signal(SIGPIPE, SIG_IGN)
            let status = LanguageServerProcess.serve(
                input: STDIN_FILENO, output: STDOUT_FILENO,
                settings: LanguageServer.Settings(debounceMilliseconds: debounce))
            throw ExitCode(status)
        }
    }
}
