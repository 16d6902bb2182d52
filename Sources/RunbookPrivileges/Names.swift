/// Who can hold a privilege. Users, roles and groups are cluster-wide; PUBLIC stands for everyone.
package struct Principal: Hashable, Sendable, Comparable, CustomStringConvertible {
    package enum Kind: String, Hashable, Sendable, Comparable {
        case user, role, group, `public`

        package static func < (lhs: Kind, rhs: Kind) -> Bool { lhs.rank < rhs.rank }

        private var rank: Int {
            switch self {
            case .user: 0
            case .role: 1
            case .group: 2
            case .public: 3
            }
        }
    }

    package var kind: Kind
    package var name: String

    package init(_ kind: Kind, _ name: String) {
        self.kind = kind
        self.name = kind == .public ? "PUBLIC" : name
    }

    package static let everyone = Principal(.public, "PUBLIC")

    /// `segment_user`, `ROLE segment_linked_role`, `GROUP analysts`, `PUBLIC`: how a grant names it.
    package var description: String {
        switch kind {
        case .user: name
        case .role: "ROLE \(name)"
        case .group: "GROUP \(name)"
        case .public: "PUBLIC"
        }
    }

    package static func < (lhs: Principal, rhs: Principal) -> Bool {
        (lhs.kind, lhs.name) < (rhs.kind, rhs.name)
    }
}

/// A schema in one database: schemas belong to databases, unlike users and roles.
package struct SchemaName: Hashable, Sendable, Comparable, CustomStringConvertible {
    package var database: String
    package var schema: String

    package init(database: String, schema: String) {
        self.database = database
        self.schema = schema
    }

    package var description: String { "\(database).\(schema)" }

    package static func < (lhs: SchemaName, rhs: SchemaName) -> Bool {
        (lhs.database, lhs.schema) < (rhs.database, rhs.schema)
    }
}

/// A table or view in one schema of one database.
package struct TableName: Hashable, Sendable, Comparable, CustomStringConvertible {
    package var database: String
    package var schema: String
    package var table: String

    package init(database: String, schema: String, table: String) {
        self.database = database
        self.schema = schema
        self.table = table
    }

    package init(_ schema: SchemaName, _ table: String) {
        self.init(database: schema.database, schema: schema.schema, table: table)
    }

    package var schemaName: SchemaName { SchemaName(database: database, schema: schema) }

    package var description: String { "\(database).\(schema).\(table)" }

    package static func < (lhs: TableName, rhs: TableName) -> Bool {
        (lhs.database, lhs.schema, lhs.table) < (rhs.database, rhs.schema, rhs.table)
    }
}

/// An object privileges are granted on.
package enum CatalogObject: Hashable, Sendable, Comparable, CustomStringConvertible {
    case database(String)
    case schema(SchemaName)
    case table(TableName)

    /// `database segment_workspace`, `schema segment_workspace.profiles_sync`, `table db.s.t`.
    package var description: String {
        switch self {
        case .database(let name): "database \(name)"
        case .schema(let name): "schema \(name)"
        case .table(let name): "table \(name)"
        }
    }

    /// The name alone, fully qualified.
    package var qualifiedName: String {
        switch self {
        case .database(let name): name
        case .schema(let name): name.description
        case .table(let name): name.description
        }
    }

    package var database: String {
        switch self {
        case .database(let name): name
        case .schema(let name): name.database
        case .table(let name): name.database
        }
    }

    /// Databases, then each schema followed by its tables.
    private var sortKey: (String, String, Int, String) {
        switch self {
        case .database(let name): (name, "", 0, "")
        case .schema(let name): (name.database, name.schema, 1, "")
        case .table(let name): (name.database, name.schema, 2, name.table)
        }
    }

    package static func < (lhs: CatalogObject, rhs: CatalogObject) -> Bool { lhs.sortKey < rhs.sortKey }
}
