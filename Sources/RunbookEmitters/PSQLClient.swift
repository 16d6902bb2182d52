import RunbookCompile
import RunbookDiagnostics
import RunbookModel
import RunbookSQL

/// Scripts for psql (`psql -v ON_ERROR_STOP=1 -f FILE`): Redshift's as written, PostgreSQL's translated.
/// Secrets are psql variables (`:'segment_user_password'`), progress is `\echo`, connections `\connect`, and
/// re-run guards are `\if` on a catalog query (`ScriptGuard`).
struct PSQLClient: ScriptClient {
    var dialect: SQLDialect

    var name: String { "psql" }

    func runInstructions(scriptName: String, secrets: [String], plain: Bool) -> [String] {
        var lines = ["-- Run: " + runCommand(scriptName: scriptName, secrets: secrets, placeholder: "...")]
        if !plain {
            lines.append("-- Safe to run again after a partial run (psql 10 or later): what exists is skipped,")
            lines.append("-- and each step prints a progress line, so a failure says where it stopped.")
        }
        return lines
    }

    func runCommand(scriptName: String, secrets: [String], placeholder: String) -> String {
        "psql -v ON_ERROR_STOP=1" + secrets.map { " -v \($0)=\(placeholder)" }.joined() + " -f \(scriptName)"
    }

    func preamble(secrets: [String]) -> [String] {
        var lines = ["\\set ON_ERROR_STOP on"]
        for secret in secrets {
            lines.append("\\if :{?\(secret)}")
            lines.append("\\else")
            lines.append(
                "\\warn 'runbook: set \(SecretLiteral.noun(forVariable: secret)) with psql -v \(secret)=... "
                    + "(it is never written into this script)'")
            lines.append("SELECT 1 / 0 AS runbook_missing_\(secret);")
            lines.append("\\endif")
        }
        return lines
    }

    func progress(_ text: String) -> String {
        "\\echo \(ScriptEmitter.echoArgument(text))"
    }

    /// `\connect db2 user2`: psql asks for user2's password unless PGPASSWORD or ~/.pgpass has it.
    func connect(to database: String, as user: ConnectionUser?) -> String {
        switch user {
        case .named(let name): "\\connect \(SQLQuoting.psqlArgument(database)) \(SQLQuoting.psqlArgument(name))"
        case .administrator: "\\connect \(SQLQuoting.psqlArgument(database)) :\"\(Self.administratorVariable)\""
        case nil: "\\connect \(SQLQuoting.psqlArgument(database))"
        }
    }

    /// The psql variable holding the user who started the script (psql keeps the connection's user in USER).
    static let administratorVariable = "runbook_admin"

    func rememberAdministrator() -> [String] {
        ["\\set \(Self.administratorVariable) :USER"]
    }

    func safeComment(_ text: String) -> String {
        commentSafe(text)
    }

    func render(
        _ planned: ClientStatement, compiled: CompiledRunbook, substitutions: [String: String], forScript: Bool
    ) -> Result<String, ScriptEmitter.Untranslatable> {
        let statement = planned.statement
        if case .metaCommand = statement.kind {
            return .failure(
                .init(kind: .unsafe, reason: "psql meta-commands from a document are never copied into a script"))
        }
        // psql reads a backslash outside a string as a meta-command, and whether `\'` ends a string depends on
        // the server's standard_conforming_strings: a statement with a backslash is never copied.
        if statement.text.contains("\\") {
            return .failure(
                .init(
                    kind: .unsafe, reason: "the statement contains a backslash, which psql could read as a meta-command"
                ))
        }
        let password: (Identifier?) -> String? = { user in ":'\(compiled.passwordVariable(forUser: user?.value))'" }
        guard let translation = planned.translation else {
            return .success(SQLRewriter.render(statement, identifiers: substitutions, password: password))
        }
        guard let text = SQLRewriter.render(translation, identifiers: substitutions, password: password) else {
            return .failure(.init(kind: .untranslatable, reason: translation.notes.joined(separator: "; ")))
        }
        return .success(text)
    }

    func rerunnable(
        _ rendered: String, statement: Statement, compiled: CompiledRunbook, substitutions: [String: String],
        step: String
    ) -> [String] {
        guard let guardInfo = ScriptGuard.guarding(statement, name: { compiled.databaseName(of: $0) }),
            let query = guardInfo.existenceQuery(dialect: dialect)
        else { return [rendered] }
        let skipped =
            guardInfo.runsWhenPresent
            ? "\(step): \(guardInfo.described) does not exist, skipped"
            : "\(step): \(guardInfo.described) already exists, skipped"
        let variable = ":" + ScriptGuard.variable
        var lines = [query]
        if guardInfo.runsWhenPresent {
            lines += ["\\if \(variable)", rendered, "\\else", progress(skipped), "\\endif"]
        } else {
            lines += ["\\if \(variable)", progress(skipped), "\\else", rendered, "\\endif"]
        }
        return lines
    }

    /// `\warn` prints the message on standard error; the failing cast stops psql (ON_ERROR_STOP, exit 3) with
    /// the message in its error too (PostgreSQL: `invalid input syntax for type integer: "runbook: …"`).
    func stop(_ message: String) -> [String] {
        [
            "\\warn " + ScriptEmitter.echoArgument(message),
            "SELECT CAST(\(stopLiteral(message)) AS integer) AS runbook_stop;",
        ]
    }
}
