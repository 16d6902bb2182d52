import RunbookCompile
import RunbookDiagnostics
import RunbookModel
import RunbookSQL

/// The command-line client a dialect's scripts are written for, and everything about a script that depends
/// on it: how it is run, how it stops at the first error, how it prints progress, how it switches databases,
/// how it takes secrets and what makes a statement safe to run twice. `ScriptEmitter` walks the plan; the
/// client says how each part is written. Redshift and PostgreSQL scripts are for psql, Snowflake's for SnowSQL.
protocol ScriptClient: Sendable {
    /// The client's name in headers and messages: `psql`, `SnowSQL`.
    var name: String { get }

    /// Header comment lines (after the common ones): the command that runs the script, how secrets are
    /// passed, and what running it again does.
    func runInstructions(scriptName: String, secrets: [String], plain: Bool) -> [String]

    /// The command line that runs a script, with each secret passed as `placeholder`.
    func runCommand(scriptName: String, secrets: [String], placeholder: String) -> String

    /// The script's first commands: stop at the first error, refuse to run without the secrets.
    func preamble(secrets: [String]) -> [String]

    /// A command that prints `text` when the script reaches it.
    func progress(_ text: String) -> String

    /// A command that switches the session to `database`, logged in as `user` (nil: the user in force; the
    /// administrator: whoever started the script, as `rememberAdministrator` recorded).
    func connect(to database: String, as user: ConnectionUser?) -> String

    /// Commands that record who runs the script, before the first switch to another user.
    func rememberAdministrator() -> [String]

    /// Text for a `--` comment, safe for the client to read: one line, nothing it would substitute. Also
    /// what the document's own comments (`--create the role`) go through.
    func safeComment(_ text: String) -> String

    /// The statement's text as this client runs it (parameters substituted, secrets as client variables),
    /// without its `;`: written from the plan's statement (translated there, once, when the dialect needs it).
    /// `forScript` is false for the SQL shown in checklists and on the page, which a person copies rather than
    /// the client reads.
    func render(
        _ statement: ClientStatement, compiled: CompiledRunbook, substitutions: [String: String], forScript: Bool
    ) -> Result<String, ScriptEmitter.Untranslatable>

    /// The rendered statement (`;` and trailing comment included) as it goes into a re-runnable script:
    /// wrapped in a guard, or given an `IF NOT EXISTS`, or as it is when running it twice is harmless.
    func rerunnable(
        _ rendered: String, statement: Statement, compiled: CompiledRunbook, substitutions: [String: String],
        step: String
    ) -> [String]

    /// Lines that end the run with `message` when the client reaches them: the message printed, then a
    /// statement that fails with it, so the client's stop at the first error ends the script there.
    func stop(_ message: String) -> [String]
}

extension ScriptClient {
    /// A comment line of the script's own.
    func comment(_ text: String) -> String { "-- " + safeComment(text) }

    /// A command that switches the session to `database`, as the user in force.
    func connect(to database: String) -> String { connect(to: database, as: nil) }

    /// `text` as a SQL string literal that every dialect reads alike: one line, no backslash (whose meaning
    /// depends on server settings), no `;` (SnowSQL and psql split on it), quotes doubled, at most 160 characters.
    func stopLiteral(_ text: String) -> String {
        var clipped = commentSafe(text).replacing("\\", with: "/").replacing(";", with: ",")
        if clipped.count > 160 { clipped = String(clipped.prefix(157)) + "..." }
        return "'" + clipped.replacing("'", with: "''") + "'"
    }
}

extension SQLDialect {
    /// The client each dialect's scripts are written for: the one place that decides it.
    var scriptClient: any ScriptClient {
        switch self {
        case .redshift: PSQLClient(dialect: .redshift)
        case .postgres: PSQLClient(dialect: .postgres)
        case .snowflake: SnowSQLClient()
        }
    }
}
