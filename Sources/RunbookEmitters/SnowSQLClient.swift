import RunbookCompile
import RunbookDiagnostics
import RunbookModel
import RunbookSQL

/// Scripts for SnowSQL (`snowsql -f FILE -o exit_on_error=true`,
/// https://docs.snowflake.com/en/user-guide/snowsql-use): the script turns on `exit_on_error` and
/// `variable_substitution` itself, takes secrets as SnowSQL client variables (`&segment_password`, given
/// with `-D segment_password=…`) that are substituted in the client and never written to the file, prints
/// progress with `!print`, and switches databases with `USE DATABASE`.
///
/// Re-running: Snowflake's CREATE takes `IF NOT EXISTS` for every object a setup guide creates (database,
/// schema, user, role, database role, warehouse, table, view;
/// https://docs.snowflake.com/en/sql-reference/sql/create-database,
/// https://docs.snowflake.com/en/sql-reference/sql/create-user,
/// https://docs.snowflake.com/en/sql-reference/sql/create-role,
/// https://docs.snowflake.com/en/sql-reference/sql/create-warehouse), so a CREATE without it gets it, and a
/// DROP gets `IF EXISTS`; SnowSQL has no conditionals to guard with. GRANT is repeatable and REVOKE succeeds
/// when there is nothing to revoke (https://docs.snowflake.com/en/sql-reference/sql/revoke-privilege);
/// SET, UNSET and USE are repeatable. `OR REPLACE` and `OR ALTER` are repeatable as written (OR REPLACE
/// recreates the object, as the guide asks).
struct SnowSQLClient: ScriptClient {
    var name: String { "SnowSQL" }

    func runInstructions(scriptName: String, secrets: [String], plain: Bool) -> [String] {
        var lines = [
            "-- Run: " + runCommand(scriptName: scriptName, secrets: secrets, placeholder: "..."),
            "--   with the usual connection options (-a ACCOUNT -u USER, or -c CONNECTION), as a user who may run it.",
        ]
        if !secrets.isEmpty {
            let names = secrets.map { "&\($0)" }.joined(separator: ", ")
            let passwordsOnly = secrets.allSatisfy { SecretLiteral.noun(forVariable: $0) == "the password" }
            lines += [
                "--   \(passwordsOnly ? "Passwords" : "Secrets") are SnowSQL variables (\(names)), never written into this script: pass them with",
                "--   -D NAME=... (or --variable), or keep them out of the shell's history in the [variables] section",
                "--   of ~/.snowsql/config. SnowSQL refuses a statement that uses a variable it was not given.",
            ]
        }
        if !plain {
            lines += [
                "-- Safe to run again after a partial run: every CREATE says IF NOT EXISTS (runbook adds it where the",
                "-- guide does not, and says so), GRANT and REVOKE are repeatable, and each step prints a progress",
                "-- line, so a failure says where it stopped.",
            ]
        }
        return lines
    }

    func runCommand(scriptName: String, secrets: [String], placeholder: String) -> String {
        "snowsql -f \(scriptName) -o exit_on_error=true" + secrets.map { " -D \($0)=\(placeholder)" }.joined()
    }

    func preamble(secrets: [String]) -> [String] {
        ["!set exit_on_error=true", "!set variable_substitution=true"]
    }

    func progress(_ text: String) -> String {
        var clipped = commentSafe(text)
        if clipped.count > 160 { clipped = String(clipped.prefix(157)) + "..." }
        // A `;` could end the command early; `&` would be read as a variable.
        return "!print " + Self.escapingAmpersands(clipped.replacing(";", with: ","))
    }

    /// SnowSQL cannot log in as another user inside a script: a switch of user is a comment that says who
    /// must run the rest, and the database switch is kept.
    func connect(to database: String, as user: ConnectionUser?) -> String {
        let use = "USE DATABASE \(Self.identifier(database));"
        guard let name = user?.name else { return use }
        let note = comment("runbook: the guide runs what follows as \(name); SnowSQL cannot switch users in a script")
        return note + "\n" + use
    }

    func rememberAdministrator() -> [String] { [] }

    func safeComment(_ text: String) -> String {
        Self.escapingAmpersands(commentSafe(text))
    }

    func render(
        _ planned: ClientStatement, compiled: CompiledRunbook, substitutions: [String: String], forScript: Bool
    ) -> Result<String, ScriptEmitter.Untranslatable> {
        let statement = planned.statement
        if let unsafe = Self.unsafeReason(statement) { return .failure(.init(kind: .unsafe, reason: unsafe)) }
        return .success(
            text(statement, compiled: compiled, substitutions: substitutions, forScript: forScript, insertion: nil))
    }

    func rerunnable(
        _ rendered: String, statement: Statement, compiled: CompiledRunbook, substitutions: [String: String],
        step: String
    ) -> [String] {
        guard let insertion = Self.rerunClause(statement) else { return [rendered] }
        let text = text(
            statement, compiled: compiled, substitutions: substitutions, forScript: true,
            insertion: (insertion.offset, insertion.clause + " "))
        let trailing = statement.trailingComment.map { " " + safeComment($0) } ?? ""
        return [
            comment("runbook: \(insertion.clause) added, so that a re-run \(insertion.effect)"), text + ";" + trailing,
        ]
    }

    /// `!print` shows the message; the failing cast ends the run (`exit_on_error`) with the message in
    /// Snowflake's error ("Numeric value 'runbook: …' is not recognized"). `&` doubled: variable substitution is on.
    func stop(_ message: String) -> [String] {
        [
            progress(message),
            "SELECT CAST(\(Self.escapingAmpersands(stopLiteral(message))) AS INTEGER) AS runbook_stop;",
        ]
    }
}

// MARK: - Rendering

extension SnowSQLClient {
    /// The statement with parameters substituted, passwords replaced by `'&variable'`, an optional clause
    /// inserted at a block offset, and (for a script) every other `&` doubled so SnowSQL keeps it.
    func text(
        _ statement: Statement, compiled: CompiledRunbook, substitutions: [String: String], forScript: Bool,
        insertion: (offset: Int, text: String)?
    ) -> String {
        struct Edit {
            var offsets: Range<Int>
            var replacement: String
            /// A secret's `&variable`: the one `&` that must reach SnowSQL as written.
            var isVariable: Bool
        }
        var edits: [Edit] = []
        var replaced = Set<Int>()
        for identifier in statement.identifiers where identifier.variable == nil {
            // Parameters are named by their default in lower case; Snowflake folds bare names to upper case.
            guard let replacement = substitutions[identifier.value.lowercased()],
                replaced.insert(identifier.offsets.lowerBound).inserted
            else { continue }
            edits.append(Edit(offsets: identifier.offsets, replacement: replacement, isVariable: false))
        }
        let reference = { (owner: String?) in "'&\(compiled.passwordVariable(forUser: owner))'" }
        for password in Self.passwordValues(statement) {
            edits.append(Edit(offsets: password.offsets, replacement: reference(password.owner), isVariable: true))
        }
        // Secrets the grammar did not read as a password (`SET segment_password = '…'`) never reach a script either.
        for secret in statement.secretLiterals where !secret.isPlaceholder {
            guard !edits.contains(where: { $0.offsets.overlaps(secret.offsets) }) else { continue }
            edits.append(Edit(offsets: secret.offsets, replacement: reference(secret.owner?.value), isVariable: true))
        }
        if let insertion {
            edits.append(
                Edit(offsets: insertion.offset..<insertion.offset, replacement: insertion.text, isVariable: false))
        }
        let bytes = Array(statement.text.utf8)
        let base = statement.offsets.lowerBound
        func copy(_ part: some Sequence<UInt8>, into result: inout [UInt8]) {
            for byte in part {
                result.append(byte)
                if forScript, byte == UInt8(ascii: "&") { result.append(byte) }
            }
        }
        var result: [UInt8] = []
        var cursor = 0
        for edit in edits.sorted(by: { $0.offsets.lowerBound < $1.offsets.lowerBound }) {
            let lower = edit.offsets.lowerBound - base
            let upper = edit.offsets.upperBound - base
            // An edit outside the statement or over an earlier one is a caller's mistake; it never corrupts the text.
            guard lower >= cursor, upper <= bytes.count, lower <= upper else { continue }
            copy(bytes[cursor..<lower], into: &result)
            if edit.isVariable {
                result += Array(edit.replacement.utf8)
            } else {
                copy(edit.replacement.utf8, into: &result)
            }
            cursor = upper
        }
        copy(bytes[cursor...], into: &result)
        return String(decoding: result, as: UTF8.self)
    }

    /// The password literals of CREATE/ALTER USER and ROLE (and placeholders such as `<password>`), with the
    /// user they belong to. A password given as a session variable (`PASSWORD = $pw`) is not one: the SET
    /// that gives the variable its value holds the literal.
    static func passwordValues(_ statement: Statement) -> [(owner: String, offsets: Range<Int>)] {
        let (owner, options): (Identifier?, [UserOption]) =
            switch statement.kind {
            case .createUser(let create), .createRole(let create): (create.name, create.options)
            case .alterUser(let alter), .alterRole(let alter):
                if case .options(let options) = alter.action { (alter.name, options) } else { (nil, []) }
            default: (nil, [])
            }
        guard let owner else { return [] }
        return options.compactMap { option in
            guard case .password(let spec, _, let offsets) = option.kind else { return nil }
            switch spec {
            case .literal, .quotedIdentifier: return (owner.value, offsets)
            case .parameter(let text) where text.hasPrefix("<"): return (owner.value, offsets)
            default: return nil
            }
        }
    }

    /// A name as Snowflake reads it: bare when it is a plain upper- or lower-case word, else double-quoted.
    static func identifier(_ name: String) -> String {
        let bare = name.unicodeScalars.enumerated().allSatisfy { index, scalar in
            scalar == "_" || ("A"..."Z").contains(scalar) || ("a"..."z").contains(scalar)
                || (index > 0 && (("0"..."9").contains(scalar) || scalar == "$"))
        }
        return bare && !name.isEmpty ? name : "\"" + name.replacing("\"", with: "\"\"") + "\""
    }

    /// `&` doubled: with variable substitution on, SnowSQL reads `&name` as a variable and `&&` as `&`.
    static func escapingAmpersands(_ text: String) -> String {
        text.replacing("&", with: "&&")
    }

    /// SnowSQL runs a line that starts with `!` as a client command (`!system` runs a shell command): a
    /// statement with such a line is never copied.
    static func unsafeReason(_ statement: Statement) -> String? {
        let lines = ([statement.text] + statement.leadingComments).flatMap { $0.split(separator: "\n") }
        guard lines.contains(where: { $0.drop(while: { $0 == " " || $0 == "\t" }).hasPrefix("!") }) else { return nil }
        return "a line of the statement starts with '!', which SnowSQL would run as a client command"
    }
}

// MARK: - Re-running

extension SnowSQLClient {
    /// The clause that makes a CREATE or DROP repeatable, where it goes (a block offset: before the object's
    /// name) and what it does; nil when the statement is repeatable as written.
    static func rerunClause(_ statement: Statement) -> (offset: Int, clause: String, effect: String)? {
        let words = statement.significantTokens.prefix(12).map { $0.kind == .word ? $0.text.uppercased() : $0.text }
        // Already repeatable, or a form IF NOT EXISTS cannot join (OR REPLACE, OR ALTER).
        if words.starts(with: ["CREATE", "OR"]) || containsRun(words, ["IF", "NOT", "EXISTS"])
            || containsRun(words, ["IF", "EXISTS"])
        {
            return nil
        }
        func before(_ object: String, _ name: Identifier?) -> (Int, String, String)? {
            guard let name else { return nil }
            return (name.offsets.lowerBound, "IF NOT EXISTS", "keeps the \(object) that exists")
        }
        switch statement.kind {
        case .createDatabase(let create) where !create.ifNotExists && !create.orReplace:
            return before("database", create.name)
        case .createSchema(let create) where !create.ifNotExists && !create.orReplace:
            return before("schema", create.name?.parts.first)
        case .createUser(let user) where !user.ifNotExists && !user.orReplace:
            return before("user", user.name)
        case .createRole(let role) where !role.ifNotExists && !role.orReplace:
            return before("role", role.name)
        case .createWarehouse(let warehouse) where !warehouse.ifNotExists && !warehouse.orReplace:
            return before("warehouse", warehouse.name)
        case .createDatabaseRole(let role) where !role.ifNotExists && !role.orReplace:
            return before("database role", role.name.parts.first)
        case .createTable(let table) where !table.ifNotExists && !table.isTemporary:
            return before("table", table.name.parts.first)
        case .createView(let view) where !view.orReplace:
            return before("view", view.name.parts.first)
        case .drop(let drop) where !drop.ifExists:
            guard let first = drop.names.first?.parts.first else { return nil }
            return (first.offsets.lowerBound, "IF EXISTS", "skips what is already gone")
        default:
            return nil
        }
    }

    private static func containsRun(_ words: [String], _ run: [String]) -> Bool {
        guard words.count >= run.count else { return false }
        return (0...(words.count - run.count)).contains { Array(words[$0..<($0 + run.count)]) == run }
    }
}
