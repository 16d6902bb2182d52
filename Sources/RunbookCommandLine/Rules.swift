import ArgumentParser
import RunbookDriver

extension RunbookCommand {
    struct Rules: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "rules",
            abstract: "List every rule, or print one rule's page: what it finds, why, an example, the fix.",
            discussion: """
                Without an id: one line per rule (id, default severity, what it finds). With an id: its page, \
                as docs/rules.md has it. Silence a finding in a document with `-- runbook: disable=ID` on a \
                SQL line, `<!-- runbook: disable=ID -->` before a block, or `runbook: {disable: [ID]}` in the \
                front matter.
                """)

        @Argument(help: ArgumentHelp("A rule id, e.g. sql.password-literal.", valueName: "id"))
        var id: String?

        func run() throws {
            try finish(Commands.rules(id))
        }
    }
}
