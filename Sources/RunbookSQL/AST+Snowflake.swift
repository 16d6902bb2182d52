package import RunbookDiagnostics

// The syntax trees of the statements only Snowflake has: session variables, USE, warehouses, database roles
// and SHOW GRANTS. The forms Snowflake shares with the other dialects (GRANT, CREATE USER …) extend the common
// trees in AST.swift.

// MARK: - Session variables

/// A value as Snowflake's SET evaluates it, as far as it can be known without running it
/// (https://docs.snowflake.com/en/sql-reference/session-variables).
package indirect enum SessionExpression: Sendable, Hashable {
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
package struct VariableAssignment: Sendable, Hashable {
    /// The variable, as written and upper-cased in `value` (Snowflake variable names are case-insensitive
    /// unless quoted).
    package var name: Identifier
    package var value: SessionExpression
    package var valueRange: SourceRange

    package init(name: Identifier, value: SessionExpression, valueRange: SourceRange) {
        self.name = name
        self.value = value
        self.valueRange = valueRange
    }
}

// MARK: - Properties

/// The value of a Snowflake `NAME = value` property.
package enum PropertyValue: Sendable, Hashable {
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
    package var normalizedText: String? {
        switch self {
        case .string(let text), .literal(let text): text
        case .name(let name): name.dotted
        case .variable, .other: nil
        }
    }
}

/// One `NAME = value` property of CREATE/ALTER WAREHOUSE, USER, DATABASE, … with its source span.
package struct Property: Sendable, Hashable {
    /// Upper-cased: `WAREHOUSE_SIZE`, `AUTO_SUSPEND`.
    package var name: String
    package var value: PropertyValue
    package var range: SourceRange
    package var offsets: Range<Int>

    package init(name: String, value: PropertyValue, range: SourceRange, offsets: Range<Int>) {
        self.name = name
        self.value = value
        self.range = range
        self.offsets = offsets
    }
}

// MARK: - USE

package struct UseStatement: Sendable, Hashable {
    package enum Kind: String, Sendable, Hashable {
        case role, warehouse, database, schema
        /// `USE SECONDARY ROLES ALL | NONE | r, …`.
        case secondaryRoles = "secondary roles"
    }

    package var kind: Kind
    /// Nil for `USE SECONDARY ROLES ALL|NONE`.
    package var name: ObjectName?
    /// `USE SECONDARY ROLES`: `ALL`, `NONE`, or the roles.
    package var secondaryRoles: SecondaryRoles?
    /// The keyword range (`ROLE`, `WAREHOUSE`…), nil when `USE name` names a database without DATABASE.
    package var keywordRange: SourceRange?

    package init(kind: Kind, name: ObjectName?, secondaryRoles: SecondaryRoles? = nil, keywordRange: SourceRange?) {
        self.kind = kind
        self.name = name
        self.secondaryRoles = secondaryRoles
        self.keywordRange = keywordRange
    }
}

package enum SecondaryRoles: Sendable, Hashable {
    case all
    case none
    case roles([Identifier])
}

// MARK: - Warehouses and database roles

package struct CreateWarehouse: Sendable, Hashable {
    package var name: Identifier
    package var orReplace: Bool
    package var ifNotExists: Bool
    package var properties: [Property]

    package init(name: Identifier, orReplace: Bool, ifNotExists: Bool, properties: [Property]) {
        self.name = name
        self.orReplace = orReplace
        self.ifNotExists = ifNotExists
        self.properties = properties
    }
}

package struct CreateDatabaseRole: Sendable, Hashable {
    /// `db.r` or `r` (in the current database).
    package var name: ObjectName
    package var orReplace: Bool
    package var ifNotExists: Bool

    package init(name: ObjectName, orReplace: Bool, ifNotExists: Bool) {
        self.name = name
        self.orReplace = orReplace
        self.ifNotExists = ifNotExists
    }
}

// MARK: - SHOW GRANTS

/// `SHOW GRANTS [ON ACCOUNT | ON <kind> <name> | TO ROLE|USER|DATABASE ROLE|SHARE x | OF ROLE|DATABASE ROLE x
/// | FUTURE IN SCHEMA|DATABASE x]` (https://docs.snowflake.com/en/sql-reference/sql/show-grants).
package struct ShowGrants: Sendable, Hashable {
    package enum Subject: Sendable, Hashable {
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

    package var subject: Subject

    package init(subject: Subject) { self.subject = subject }
}
