/// A statement translated to PostgreSQL.
package struct Translation: Sendable, Hashable {
    /// The PostgreSQL text; nil when the statement has no PostgreSQL equivalent.
    package var text: String?
    /// What changed, or why there is no equivalent.
    package var notes: [String]
    /// Those of `notes` that say a part of the statement was left out (`QUOTA dropped: …`): the script shows
    /// them beside the statement.
    package var dropped: [String]
    /// `text` parsed as PostgreSQL, so that `SQLRewriter` can render it like any other statement; when something
    /// was dropped, with a `/* runbook: … dropped: … */` comment after the first word, so the script says so.
    package var statement: Statement?

    package init(text: String?, notes: [String], dropped: [String] = [], statement: Statement? = nil) {
        self.text = text
        self.notes = notes
        self.dropped = dropped
        self.statement = statement
    }
}

/// Makes Redshift statements runnable on PostgreSQL 15 (reference §6), rewriting only the tokens it must.
package enum PostgresTranslator {
    package static func translate(_ statement: Statement) -> Translation {
        var translator = Translator(statement: statement)
        guard translator.run() else {
            return Translation(text: nil, notes: translator.notes, dropped: translator.dropped)
        }
        let text = statement.applying(translator.edits) + translator.suffix
        // What was left out must show in the script, not only in the notes: the statement that scripts render
        // carries a comment after its first word (inside the statement, so that rendering keeps it).
        var scriptEdits = translator.edits
        let dropped = translator.dropped
        if !dropped.isEmpty, let first = statement.tokens.first(where: { !$0.isTrivia }) {
            let comment = " /* runbook: " + dropped.joined(separator: "; ").replacing("*/", with: "* /") + " */"
            let end = first.offsets.upperBound
            scriptEdits.append(TextEdit(offsets: end..<end, replacement: comment))
        }
        let scriptText = statement.applying(scriptEdits) + translator.suffix
        let parsed = SQLParser.parse(scriptText, dialect: .postgres).statements.first
        return Translation(text: text, notes: translator.notes, dropped: dropped, statement: parsed)
    }
}

/// Collects the edits for one statement; `run` returns false when there is no equivalent.
private struct Translator {
    let statement: Statement
    var edits: [TextEdit] = []
    var notes: [String] = []
    /// The notes that say a part was left out.
    var dropped: [String] = []
    /// Text appended to the statement (`NOLOGIN`).
    var suffix = ""

    /// Notes that `part` was left out, and why.
    mutating func drop(_ part: String, because reason: String) {
        let note = "\(part) dropped: \(reason)"
        notes.append(note)
        dropped.append(note)
    }

    init(statement: Statement) { self.statement = statement }

    mutating func run() -> Bool {
        foldQuotedNames()
        switch statement.kind {
        case .grant(let privileges), .revoke(let privileges):
            return privilegeStatement(privileges)
        case .alterDefaultPrivileges(let defaults):
            if defaults.targetKind == .user, let range = defaults.targetKeywordOffsets,
                let index = statement.tokenIndex(endingAt: range.upperBound)
            {
                replace(index, with: "ROLE")
                notes.append("FOR USER → FOR ROLE")
            }
            if case .defaultObjects(.procedure, _) = defaults.action.target,
                let token = statement.tokens.first(where: { $0.isKeyword(.procedures) }),
                let index = statement.tokenIndex(startingAt: token.offsets.lowerBound)
            {
                replace(index, with: "ROUTINES")
                notes.append("ON PROCEDURES → ON ROUTINES")
            }
            return privilegeStatement(defaults.action)
        case .createRole(let create):
            let hasLogin = create.options.contains {
                if case .other(let name) = $0.kind { return name == "LOGIN" || name == "NOLOGIN" }
                return false
            }
            guard userOptions(create.options, allowEmpty: true) else { return false }
            if !hasLogin {
                let create = statement.tokens.first(where: { !$0.isTrivia })?.text ?? "CREATE"
                suffix = " " + matchingCase("NOLOGIN", like: create)
                notes.append("a Redshift role cannot log in: CREATE ROLE … NOLOGIN")
            }
            return true
        case .createUser(let create):
            return userOptions(create.options, allowEmpty: true)
        case .alterUser(let alter), .alterRole(let alter):
            guard case .options(let options) = alter.action else { return true }
            return userOptions(options, allowEmpty: false)
        case .createDatabase(let create):
            for option in create.options {
                switch option.kind {
                case .connectionLimit(.unlimited):
                    unlimitedToMinusOne(option.offsets)
                case .other(let name) where name == "FROM" || name == "WITH" || name == "PERMISSIONS":
                    notes.append("databases from a datashare, Glue ARN or integration have no PostgreSQL equivalent")
                    return false
                case .other(let name) where name == "COLLATE" || name == "ISOLATION LEVEL":
                    delete(statement.withPrecedingSpace(option.offsets))
                    drop(name, because: "PostgreSQL has no such database option")
                default:
                    break
                }
            }
            return true
        case .createSchema(let schema):
            if let quota = schema.quota {
                delete(statement.withPrecedingSpace(quota.offsets))
                drop("QUOTA", because: "PostgreSQL has no schema quotas")
            }
            return true
        case .alterSchema(let alter):
            if case .other("QUOTA") = alter.action {
                notes.append("PostgreSQL has no schema quotas")
                return false
            }
            return true
        default:
            return true
        }
    }

    /// Redshift folds quoted names (except user names) to lower case; PostgreSQL keeps them, so a quoted
    /// mixed-case name is rewritten to the name Redshift would have used (reference §5, §6).
    private mutating func foldQuotedNames() {
        var folded: [String] = []
        for identifier in statement.identifiers where identifier.isQuoted {
            let written = String(identifier.raw.dropFirst().dropLast()).replacing("\"\"", with: "\"")
            guard written != identifier.value else { continue }
            edits.append(TextEdit(offsets: identifier.offsets, replacement: SQLText.quoteIdentifier(identifier.value)))
            folded.append(identifier.raw)
        }
        if !folded.isEmpty {
            notes.append("quoted names folded to lower case as Redshift does: " + folded.joined(separator: ", "))
        }
    }

    // MARK: Grants

    /// Privileges PostgreSQL lacks, per object class (reference §6).
    private static func unsupportedPrivileges(for target: GrantTarget) -> Set<String> {
        switch target {
        case .objects(.table, _, _), .allInSchema(.table, _), .defaultObjects(.table, _): ["DROP", "ALTER"]
        case .objects(.database, _, _): ["USAGE", "ALTER"]
        case .objects(.schema, _, _): ["ALTER", "DROP"]
        default: []
        }
    }

    private mutating func privilegeStatement(_ privileges: PrivilegeStatement) -> Bool {
        switch privileges.target {
        case .scoped:
            notes.append(
                "Redshift scoped permissions (FOR … IN …) have no PostgreSQL equivalent; grant ON ALL TABLES "
                    + "IN SCHEMA and set default privileges for each creating role instead")
            return false
        case .systemPermissions:
            notes.append(
                "Redshift system permissions have no PostgreSQL equivalent (the nearest are role attributes "
                    + "such as CREATEROLE and CREATEDB)")
            return false
        case .roles(let roles):
            for role in roles {
                guard let keyword = role.keywordOffsets else { continue }
                delete(statement.withFollowingSpace(keyword))
            }
            if roles.contains(where: { $0.keywordOffsets != nil }) { notes.append("GRANT ROLE a → GRANT a") }
        default:
            break
        }
        if case .list(let list) = privileges.privileges {
            let unsupported = Self.unsupportedPrivileges(for: privileges.target)
            let kept = list.filter { !unsupported.contains($0.name) }
            let dropped = list.filter { unsupported.contains($0.name) }.map(\.name)
            if !dropped.isEmpty {
                let what = dropped.joined(separator: ", ")
                guard !kept.isEmpty, let first = list.first, let last = list.last else {
                    notes.append("PostgreSQL has no \(what) privilege on this object; only its owner may do that")
                    return false
                }
                let replacement = kept.map { statement.source($0.offsets) }.joined(separator: ", ")
                edits.append(
                    TextEdit(
                        offsets: first.offsets.lowerBound..<last.offsets.upperBound,
                        replacement: replacement))
                drop(what, because: "PostgreSQL has no such privilege on this object")
            }
        }
        var strippedRole = false
        for grantee in privileges.grantees {
            guard let keyword = grantee.keywordOffsets, grantee.kind == .role || grantee.kind == .user else {
                continue
            }
            delete(statement.withFollowingSpace(keyword))
            strippedRole = true
        }
        if strippedRole { notes.append("TO ROLE r → TO r: PostgreSQL has no keyword before a role") }
        return true
    }

    // MARK: Users and roles

    private mutating func userOptions(_ options: [UserOption], allowEmpty: Bool) -> Bool {
        var removed = 0
        for option in options {
            switch option.kind {
            case .createUser(let on):
                replaceWhole(option.offsets, with: on ? "SUPERUSER" : "NOSUPERUSER")
                notes.append(
                    "CREATEUSER means superuser: \(on ? "CREATEUSER → SUPERUSER" : "NOCREATEUSER → NOSUPERUSER")")
            case .password(.disable, _, let offsets):
                if let index = statement.tokenIndex(startingAt: offsets.lowerBound) { replace(index, with: "NULL") }
                notes.append("PASSWORD DISABLE → PASSWORD NULL")
            case .password(.literal(let value, _), _, _) where value.hasPrefix("sha256|"):
                notes.append("a sha256| password has no PostgreSQL meaning: it would become the literal password")
            case .connectionLimit(.unlimited):
                unlimitedToMinusOne(option.offsets)
            case .syslogAccess, .sessionTimeout, .externalID:
                delete(statement.withPrecedingSpace(option.offsets))
                removed += 1
                drop(statement.source(option.offsets), because: "PostgreSQL has no such option")
            default:
                break
            }
        }
        if !allowEmpty, removed == options.count {
            notes.append("nothing is left to alter in PostgreSQL")
            return false
        }
        return true
    }

    private mutating func unlimitedToMinusOne(_ optionOffsets: Range<Int>) {
        guard let index = statement.tokenIndex(endingAt: optionOffsets.upperBound) else { return }
        edits.append(TextEdit(offsets: statement.tokens[index].offsets, replacement: "-1"))
        notes.append("CONNECTION LIMIT UNLIMITED → CONNECTION LIMIT -1")
    }

    // MARK: Edits

    private mutating func replace(_ tokenIndex: Int, with keyword: String) {
        let token = statement.tokens[tokenIndex]
        edits.append(TextEdit(offsets: token.offsets, replacement: matchingCase(keyword, like: token.text)))
    }

    private mutating func replaceWhole(_ offsets: Range<Int>, with keyword: String) {
        edits.append(TextEdit(offsets: offsets, replacement: matchingCase(keyword, like: statement.source(offsets))))
    }

    private mutating func delete(_ offsets: Range<Int>) {
        edits.append(TextEdit(offsets: offsets, replacement: ""))
    }
}
