package import RunbookSQL

/// The object classes privileges are simulated on.
package enum GrantableKind: String, Hashable, Sendable {
    case database, schema, table
}

/// What each dialect calls its privileges and what ALL expands to (reference §2, §6).
package enum PrivilegeVocabulary {
    /// The privileges ALL gives on an object of `kind` (DialectProfile.allPrivileges).
    package static func all(_ kind: GrantableKind, dialect: SQLDialect) -> [String] {
        let objectKind: ObjectKind =
            switch kind {
            case .database: .database
            case .schema: .schema
            case .table: .table
            }
        return dialect.profile.allPrivileges[objectKind] ?? []
    }

    /// One spelling per privilege: `TEMPORARY` is `TEMP`.
    package static func normalized(_ name: String) -> String {
        let upper = name.uppercased()
        return upper == "TEMPORARY" ? "TEMP" : upper
    }

    /// The privileges a privilege set names, ALL expanded, duplicates removed, in the order written.
    package static func expand(_ set: PrivilegeSet, on kind: GrantableKind, dialect: SQLDialect) -> [String] {
        let names: [String] =
            switch set {
            case .all: all(kind, dialect: dialect)
            case .list(let privileges): privileges.map { normalized($0.name) }
            }
        var seen = Set<String>()
        return names.filter { seen.insert($0).inserted }
    }

    /// What the database gives PUBLIC on every new database (reference §1.6, §6).
    static func publicDatabaseDefaults(_ dialect: SQLDialect) -> [String] { dialect.profile.publicDatabaseDefaults }

    /// What PUBLIC holds on each database's `public` schema: CREATE and USAGE in Redshift, USAGE in PostgreSQL 15.
    static func publicSchemaDefaults(_ dialect: SQLDialect) -> [String] { dialect.profile.publicSchemaDefaults }

    /// The privilege that lets a principal create objects in a container: CREATE, or Snowflake's CREATE SCHEMA
    /// on a database and CREATE TABLE on a schema.
    package static func create(on kind: GrantableKind, dialect: SQLDialect) -> String {
        let specific = kind == .database ? "CREATE SCHEMA" : "CREATE TABLE"
        let objectKind: ObjectKind = kind == .database ? .database : .schema
        return dialect.profile.privilegesByObject[objectKind]?.contains(specific) == true ? specific : "CREATE"
    }

    // MARK: Applicability

    /// Every privilege name some object kind of some dialect accepts: a name outside it is a misspelling or
    /// another engine's, which other rules report.
    package static let knownPrivileges: Set<String> = Set(
        DialectProfile.all.flatMap { $0.privilegesByObject.values.joined() })

    /// Whether `privilege` (normalized) is one the dialect grants on objects of `kind`; nil when the dialect
    /// has no list for the kind or the privilege is not one the tool knows.
    package static func applies(_ privilege: String, to kind: ObjectKind, dialect: SQLDialect) -> Bool? {
        guard knownPrivileges.contains(privilege), let accepted = dialect.profile.privilegesByObject[kind] else {
            return nil
        }
        return accepted.contains(privilege)
    }

    /// The kinds of object that accept `privilege` in the dialect, in declaration order.
    package static func kinds(accepting privilege: String, dialect: SQLDialect) -> [ObjectKind] {
        ObjectKind.allCases.filter { dialect.profile.privilegesByObject[$0]?.contains(privilege) == true }
    }
}
