/// Who can hold a privilege. Users, roles and groups are cluster-wide; PUBLIC stands for everyone.
public struct Principal: Hashable, Sendable, Comparable, CustomStringConvertible {
    public enum Kind: String, Hashable, Sendable, Comparable {
        case user, role, group, `public`

        public static func < (lhs: Kind, rhs: Kind) -> Bool { lhs.rank < rhs.rank }

        private var rank: Int {
            switch self {
            case .user: 0
            case .role: 1
            case .group: 2
            case .public: 3
            }
        }
    }

    public var kind: Kind
    public var name: String

    public init(_ kind: Kind, _ name: String) {
        self.kind = kind
        self.name = kind == .public ? "PUBLIC" : name
    }

    public static let everyone = Principal(.public, "PUBLIC")

    /// `segment_user`, `ROLE segment_linked_role`, `GROUP analysts`, `PUBLIC`: how a grant names it.
    public var description: String {
        switch kind {
        case .user: name
        case .role: "ROLE \(name)"
        case .group: "GROUP \(name)"
        case .public: "PUBLIC"
        }
    }

    public static func < (lhs: Principal, rhs: Principal) -> Bool {
        (lhs.kind, lhs.name) < (rhs.kind, rhs.name)
    }
}

/// A schema in one database: schemas belong to databases, unlike users and roles.
public struct SchemaName: Hashable, Sendable, Comparable, CustomStringConvertible {
    public var database: String
    public var schema: String

    public init(database: String, schema: String) {
        self.database = database
        self.schema = schema
    }

    public var description: String { "\(database).\(schema)" }

    public static func < (lhs: SchemaName, rhs: SchemaName) -> Bool {
        (lhs.database, lhs.schema) < (rhs.database, rhs.schema)
    }
}

/// A table or view in one schema of one database.
public struct TableName: Hashable, Sendable, Comparable, CustomStringConvertible {
    public var database: String
    public var schema: String
    public var table: String

    public init(database: String, schema: String, table: String) {
        self.database = database
        self.schema = schema
        self.table = table
    }

    public init(_ schema: SchemaName, _ table: String) {
        self.init(database: schema.database, schema: schema.schema, table: table)
    }

    public var schemaName: SchemaName { SchemaName(database: database, schema: schema) }

    public var description: String { "\(database).\(schema).\(table)" }

    public static func < (lhs: TableName, rhs: TableName) -> Bool {
        (lhs.database, lhs.schema, lhs.table) < (rhs.database, rhs.schema, rhs.table)
    }
}

/// An object privileges are granted on.
public enum CatalogObject: Hashable, Sendable, Comparable, CustomStringConvertible {
    case database(String)
    case schema(SchemaName)
    case table(TableName)

    /// `database segment_workspace`, `schema segment_workspace.profiles_sync`, `table db.s.t`.
    public var description: String {
        switch self {
        case .database(let name): "database \(name)"
        case .schema(let name): "schema \(name)"
        case .table(let name): "table \(name)"
        }
    }

    /// The name alone, fully qualified.
    public var qualifiedName: String {
        switch self {
        case .database(let name): name
        case .schema(let name): name.description
        case .table(let name): name.description
        }
    }

    public var database: String {
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

    public static func < (lhs: CatalogObject, rhs: CatalogObject) -> Bool { lhs.sortKey < rhs.sortKey }
}
