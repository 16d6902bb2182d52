import RunbookDiagnostics

// The privilege stage's messages, alphabetised: fixed ones as `StaticMessage` values, ones with parameters as
// small structs (RunbookDiagnostics' DiagnosticMessage.swift says why). Each check names the message it
// reports; none spells its prose.

// MARK: - Fixed messages

extension StaticMessage {
    static let adminOptionOnPrivileges = StaticMessage(
        .privilegesOptionNotAllowed,
        "WITH ADMIN OPTION applies to role grants; privileges are granted WITH GRANT OPTION")
    static let grantOptionOnRoles = StaticMessage(
        .privilegesOptionNotAllowed, "a role is granted WITH ADMIN OPTION, not WITH GRANT OPTION")
}

// MARK: - Messages with parameters

/// CREATE of a name that is taken.
struct AlreadyExistsMessage: DiagnosticMessage {
    var what: String
    var name: String
    /// What holds the name: "role 'x' already exists", "a user named 'x' already exists".
    var taken: String

    var rule: Rule { .privilegesAlreadyExists }
    var message: String { "cannot create \(what) '\(name)': \(taken)" }
}

/// An object the runbook uses but never creates.
struct AssumedObjectMessage: DiagnosticMessage {
    var what: String
    var name: String

    var rule: Rule { .privilegesAssumedObject }
    var message: String { "\(what) '\(name)' is not created by the runbook; assumed to exist already" }
}

/// A statement that gives more than the prose claims.
struct BeyondClaimMessage: DiagnosticMessage {
    var statement: String
    var role: String
    /// "SELECT, INSERT on s.t", one per object.
    var parts: [String]

    var rule: Rule { .privilegesBeyondClaim }
    var message: String {
        "'\(statement)' gives \(role) \(parts.joined(separator: "; ")), beyond what the prose claims for it"
    }
}

/// A claim of the prose the SQL does not make true.
struct ClaimUnsatisfiedMessage: DiagnosticMessage {
    var role: String
    /// What the role lacks, alternatives joined; nil when the SQL never creates the role.
    var missing: String?

    var rule: Rule { .privilegesClaimUnsatisfied }
    var message: String {
        guard let missing else { return "the prose claims access for '\(role)', which the SQL never creates" }
        return "the SQL does not give \(role) what the prose claims: it lacks \(missing)"
    }
}

/// A name in another database than the one the statement runs in.
struct CrossDatabaseGrantMessage: DiagnosticMessage {
    var name: String
    var database: String
    var connected: String
    var consequence: String

    var rule: Rule { .privilegesCrossDatabaseGrant }
    var message: String { "this names \(name) in database \(database) while connected to \(connected); \(consequence)" }
}

/// Default privileges that leave out other creators of tables in the schema.
struct DefaultPrivilegesGapMessage: DiagnosticMessage {
    /// "tables that u creates".
    var whose: String
    var schema: String
    var others: [String]
    var grantees: String
    var privileges: String

    var rule: Rule { .privilegesDefaultPrivilegesGap }
    var message: String {
        "these default privileges cover only \(whose) in \(schema); \(others.joined(separator: ", ")) "
            + "can create tables there too, and \(grantees) will not get \(privileges) on them"
    }
}

/// Privileges given to PUBLIC.
struct GrantToPublicMessage: DiagnosticMessage {
    var statement: String

    var rule: Rule { .privilegesGrantToPublic }
    var message: String { "'\(statement) TO PUBLIC' gives this to every user of the cluster, present and future" }
}

/// A principal that does not exist (or not yet, or not in this database), with what the runbook says of it.
struct MissingNameMessage: DiagnosticMessage {
    /// Why the name is looked for: any use, connecting to a database, or connecting as a user.
    enum Purpose: Sendable {
        case use
        case connecting
        case connectingAs(String)
    }

    var rule: Rule
    var purpose: Purpose
    var what: String
    var name: String
    /// Where the runbook creates it instead, when it does in another database.
    var elsewhereDatabase: String?
    var createdLater: Bool
    var suggestion: String?

    var message: String {
        var text = "\(what) '\(name)' does not exist"
        if let elsewhereDatabase {
            text +=
                " in this database: the runbook creates it in \(elsewhereDatabase); switch to \(elsewhereDatabase) first"
        } else if createdLater {
            text += " yet"
        } else if let suggestion {
            text += "; did you mean '\(suggestion)'?"
        } else {
            text += ": the runbook never creates it"
        }
        switch purpose {
        case .use: return text
        case .connecting: return "cannot connect: " + text
        case .connectingAs(let user): return "cannot connect as \(user): " + text
        }
    }
}

/// Table privileges without USAGE on their schema.
struct MissingSchemaUsageMessage: DiagnosticMessage {
    var grantee: String
    var schema: String

    var rule: Rule { .privilegesMissingSchemaUsage }
    var message: String {
        "\(grantee) has no USAGE on schema \(schema), so these table privileges give it nothing"
    }
}

/// Snowflake: what a principal lacks to read, as a query needing a warehouse, a statement that fails, or a grant
/// that gives nothing.
struct MissingUsageMessage: DiagnosticMessage {
    enum Consequence: Sendable {
        case needsWarehouse
        case fails
        case readsNothing(in: String)
    }

    var principal: String
    var missing: String
    var consequence: Consequence

    var rule: Rule { .privilegesMissingUsage }
    var message: String {
        switch consequence {
        case .needsWarehouse: "this query needs a warehouse: \(principal) lacks \(missing)"
        case .fails: "this statement fails: \(principal) lacks \(missing)"
        case .readsNothing(let object): "\(principal) can read nothing in \(object): it lacks \(missing)"
        }
    }
}

/// A privilege granted on an object kind that does not take it.
struct NotApplicablePrivilegeMessage: DiagnosticMessage {
    var privilege: String
    /// "tables".
    var kinds: String
    /// Where the privilege does apply, or that the engine has none such.
    var elsewhere: String
    var engine: String

    var rule: Rule { .privilegesNotApplicable }
    var message: String { "\(privilege) does not apply to \(kinds): \(elsewhere), so \(engine) rejects the statement" }
}

/// An object named inside a database or schema the runbook itself creates, empty.
struct ObjectInNewDatabaseMessage: DiagnosticMessage {
    var kind: String
    var name: String
    var containerKind: String
    var container: String
    var createdAt: String

    var rule: Rule { .privilegesObjectInNewDatabase }
    var message: String {
        "\(kind) '\(name)' cannot exist in \(containerKind) \(container): the runbook creates that "
            + "\(containerKind) itself (\(createdAt)) and it starts empty"
    }
}

/// A role granted to itself or into a cycle.
struct RoleCycleMessage: DiagnosticMessage {
    var role: String
    var member: String

    var rule: Rule { .privilegesRoleCycle }
    var message: String {
        role == member
            ? "role '\(role)' cannot be granted to itself"
            : "granting role '\(role)' to role '\(member)' makes a cycle: '\(role)' already holds '\(member)'"
    }
}

/// Snowflake: a variable holding a database where a schema is expected, or the other way round.
struct SnowflakeDatabaseSchemaMismatchMessage: DiagnosticMessage {
    var variable: String
    var value: String
    var holds: String
    var expected: String

    var rule: Rule { .snowflakeDatabaseSchemaMismatch }
    var message: String { "$\(variable) holds '\(value)', a \(holds), where a \(expected) is expected" }
}

/// Snowflake: a user's default role or warehouse it is never granted.
struct SnowflakeDefaultNotGrantedMessage: DiagnosticMessage {
    var property: String
    var user: String
    var value: String
    var what: String

    var rule: Rule { .snowflakeDefaultNotGranted }
    var message: String { "\(property) of \(user) is \(value), but \(user) is never granted \(what)" }
}

/// Snowflake: the session's roles lack what a statement needs.
struct SnowflakeInsufficientPrivilegesMessage: DiagnosticMessage {
    var roles: String
    var needs: String
    var object: String

    var rule: Rule { .snowflakeInsufficientPrivileges }
    var message: String { "this statement fails: the session's \(roles) lacks \(needs) on \(object)" }
}

/// Snowflake: an unqualified name in a session without a current database.
struct SnowflakeNoCurrentDatabaseMessage: DiagnosticMessage {
    var name: String

    var rule: Rule { .snowflakeNoCurrentDatabase }
    var message: String { "'\(name)' needs a current database, and this session has none" }
}

/// Snowflake: ON ALL without the matching ON FUTURE.
struct SnowflakeOnAllWithoutFutureMessage: DiagnosticMessage {
    var kind: String
    var container: String
    var grantee: String
    var because: String

    var rule: Rule { .snowflakeOnAllWithoutFuture }
    var message: String {
        "ON ALL \(kind) IN \(container) covers only what exists now, and \(grantee) gets no ON FUTURE \(kind) there, "
            + "although \(because)"
    }
}

/// Snowflake: GRANT OWNERSHIP on an object with grants, saying neither COPY nor REVOKE.
struct SnowflakeOwnershipWithGrantsMessage: DiagnosticMessage {
    var object: String

    var rule: Rule { .snowflakeOwnershipWithGrants }
    var message: String {
        "this statement fails: \(object) has grants, and GRANT OWNERSHIP says neither COPY nor REVOKE CURRENT GRANTS"
    }
}

/// Snowflake: a password for a user the page says signs in with a key pair only.
struct SnowflakePasswordDespiteKeyPairMessage: DiagnosticMessage {
    var user: String

    var rule: Rule { .snowflakePasswordDespiteKeyPair }
    var message: String { "\(user) is created with a password, but the page says only key-pair sign-in is supported" }
}

/// Snowflake: USE ROLE of a role the step's user does not hold.
struct SnowflakeRoleNotGrantedMessage: DiagnosticMessage {
    var role: String
    var user: String

    var rule: Rule { .snowflakeRoleNotGranted }
    var message: String { "this statement fails: role \(role) is not granted to \(user), who runs this step" }
}

/// Snowflake: a SERVICE user with a password.
struct SnowflakeServicePasswordMessage: DiagnosticMessage {
    var user: String

    var rule: Rule { .snowflakeServicePassword }
    var message: String { "this statement fails: \(user) is a SERVICE user, which cannot have a PASSWORD" }
}

/// Snowflake: a database-level future grant that a schema-level one overrides.
struct SnowflakeShadowedFutureGrantMessage: DiagnosticMessage {
    var kind: String
    var database: String
    var schema: String

    var rule: Rule { .snowflakeShadowedFutureGrant }
    var message: String {
        "the database-level future grant on \(kind)s in \(database) does not apply in schema \(database).\(schema): "
            + "that schema has its own future grant for \(kind)s, which takes precedence"
    }
}

/// Snowflake: a variable whose value is an expression the model does not run.
struct SnowflakeUnevaluatedNameMessage: DiagnosticMessage {
    var variable: String
    var shown: String

    var rule: Rule { .snowflakeUnevaluatedName }
    var message: String {
        "$\(variable) is '\(shown)', which cannot be evaluated without running it: statements naming it are not checked"
    }
}

/// Snowflake: a session variable used where no SET of this session gave it.
struct SnowflakeUnsetVariableMessage: DiagnosticMessage {
    enum Setting: Sendable {
        /// Set later in the same session.
        case later
        /// Set in another session: "Step 2", or "another session".
        case otherSession(String)
        case never
    }

    var name: String
    var setting: Setting

    var rule: Rule { .snowflakeUnsetVariable }
    var message: String {
        let base = "$\(name) is not set in this session"
        switch setting {
        case .later: return base + " yet"
        case .otherSession(let session): return base + ": it is set in \(session), a session of its own"
        case .never: return base + ": no step sets it"
        }
    }
}

/// A role whose users receive a cluster-wide system permission.
struct SystemPermissionMessage: DiagnosticMessage {
    var users: [String]
    var permission: String
    var role: String

    var rule: Rule { .privilegesSystemPermission }
    var message: String {
        "\(users.joined(separator: ", ")) \(users.count == 1 ? "receives" : "receive") the cluster-wide system "
            + "permission \(permission) through role \(role)"
    }
}
