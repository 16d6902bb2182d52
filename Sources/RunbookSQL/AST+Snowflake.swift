public import RunbookDiagnostics

// The syntax trees of the statements only Snowflake has: session variables, USE, warehouses, database roles
// and SHOW GRANTS. The forms Snowflake shares with the other dialects (GRANT, CREATE USER …) extend the common
// trees in AST.swift.

// MARK: - Session variables

/// A value as Snowflake's SET evaluates it, as far as it can be known without running it
/// (https://docs.snowflake.com/en/sql-reference/session-variables).
public indirect enum SessionExpression: Sendable, Hashable {
    /// `'text'`: the string, unescaped.
    case string(String)
    /// `42`, `1.5`, `TRUE`, `NULL`: the literal as written.
    case literal(String)
    /// `$name`: the variable, upper-cased.
    case variable(String, range: SourceRange)
    /// `concat(a, b, …)`, `a || b`: the parts in order.
    case concat([SessionExpression])
    /// Anything else (a function call, a subquery, arithmetic): the text as written. Not evaluated.
    case other(String)
}

/// One `name = expression` of SET.
public struct VariableAssignment: Sendable, Hashable {
    /// The variable, as written and upper-cased in `value` (Snowflake variable names are case-insensitive
    /// unless quoted).
    public var name: Identifier
    public var value: SessionExpression
    public var valueRange: SourceRange

    public init(name: Identifier, value: SessionExpression, valueRange: SourceRange) {
        self.name = name
        self.value = value
        self.valueRange = valueRange
    }
}

// MARK: - Properties

/// The value of a Snowflake `NAME = value` property.
public enum PropertyValue: Sendable, Hashable {
    /// `'text'`, unescaped.
    case string(String)
    /// A name: `DEFAULT_ROLE = segment_role`, `TYPE = SERVICE`, `DEFAULT_NAMESPACE = db.schema`.
    case name(ObjectName)
    /// `TRUE`, `60`, `XSMALL` … as written, upper-cased when a word.
    case literal(String)
    /// `$var`.
    case variable(String)
    /// A parenthesised list or anything else, as written.
    case other(String)
}

extension PropertyValue {
    /// The value as Snowflake compares it: a string's content, a name's parts as stored (folded) joined by dots,
    /// a literal as written (words upper-cased); nil for a variable and for anything else.
    public var normalizedText: String? {
        switch self {
        case .string(let text), .literal(let text): text
        case .name(let name): name.dotted
        case .variable, .other: nil
        }
    }
}

/// One `NAME = value` property of CREATE/ALTER WAREHOUSE, USER, DATABASE, … with its source span.
public struct Property: Sendable, Hashable {
    /// Upper-cased: `WAREHOUSE_SIZE`, `AUTO_SUSPEND`.
    public var name: String
    public var value: PropertyValue
    public var range: SourceRange
    public var offsets: Range<Int>

    public init(name: String, value: PropertyValue, range: SourceRange, offsets: Range<Int>) {
        self.name = name
        self.value = value
        self.range = range
        self.offsets = offsets
    }
}

// MARK: - USE

public struct UseStatement: Sendable, Hashable {
    public enum Kind: String, Sendable, Hashable {
        case role, warehouse, database, schema
        /// `USE SECONDARY ROLES ALL | NONE | r, …`.
        case secondaryRoles = "secondary roles"
    }

    public var kind: Kind
    /// Nil for `USE SECONDARY ROLES ALL|NONE`.
    public var name: ObjectName?
    /// `USE SECONDARY ROLES`: `ALL`, `NONE`, or the roles.
    public var secondaryRoles: SecondaryRoles?
    /// The keyword range (`ROLE`, `WAREHOUSE`…), nil when `USE name` names a database without DATABASE.
    public var keywordRange: SourceRange?

    public init(kind: Kind, name: ObjectName?, secondaryRoles: SecondaryRoles? = nil, keywordRange: SourceRange?) {
        self.kind = kind
        self.name = name
        self.secondaryRoles = secondaryRoles
        self.keywordRange = keywordRange
    }
}

public enum SecondaryRoles: Sendable, Hashable {
    case all
    case none
    case roles([Identifier])
}

// MARK: - Warehouses and database roles

public struct CreateWarehouse: Sendable, Hashable {
    public var name: Identifier
    public var orReplace: Bool
    public var ifNotExists: Bool
    public var properties: [Property]

    public init(name: Identifier, orReplace: Bool, ifNotExists: Bool, properties: [Property]) {
        self.name = name
        self.orReplace = orReplace
        self.ifNotExists = ifNotExists
        self.properties = properties
    }
}

public struct CreateDatabaseRole: Sendable, Hashable {
    /// `db.r` or `r` (in the current database).
    public var name: ObjectName
    public var orReplace: Bool
    public var ifNotExists: Bool

    public init(name: ObjectName, orReplace: Bool, ifNotExists: Bool) {
        self.name = name
        self.orReplace = orReplace
        self.ifNotExists = ifNotExists
    }
}

// MARK: - SHOW GRANTS

/// `SHOW GRANTS [ON ACCOUNT | ON <kind> <name> | TO ROLE|USER|DATABASE ROLE|SHARE x | OF ROLE|DATABASE ROLE x
/// | FUTURE IN SCHEMA|DATABASE x]` (https://docs.snowflake.com/en/sql-reference/sql/show-grants).
public struct ShowGrants: Sendable, Hashable {
    public enum Subject: Sendable, Hashable {
        /// Plain `SHOW GRANTS`: the current user's roles.
        case current
        case onAccount
        case on(kind: ObjectKind, name: ObjectName)
        /// `TO ROLE r`, `TO USER u`, `TO DATABASE ROLE d.r`, `TO SHARE s`, `TO APPLICATION a`.
        case to(kind: Grantee.Kind, name: ObjectName)
        /// `OF ROLE r`, `OF DATABASE ROLE d.r`, `OF SHARE s`.
        case of(kind: Grantee.Kind, name: ObjectName)
        /// `FUTURE IN SCHEMA s` / `FUTURE IN DATABASE d`.
        case futureInSchema(ObjectName)
        case futureInDatabase(ObjectName)
    }

    public var subject: Subject

    public init(subject: Subject) { self.subject = subject }
}
