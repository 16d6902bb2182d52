import RunbookPrivileges
import RunbookSQL
import Testing

/// PostgreSQL's predefined roles that act as grants on every object, and the system catalogs that unqualified
/// names reach first (found running the external guides' scripts on a real server: verify called the SELECT
/// that `pg_read_all_data` gives extra, and looked for `pg_stat_database` in `public`).
@Suite struct PredefinedRoleTests {
    static let table = CatalogObject.table(TableName(database: "postgres", schema: "public", table: "orders"))
    static let schema = CatalogObject.schema(SchemaName(database: "postgres", schema: "public"))

    static func catalog(_ sql: String, dialect: SQLDialect = .postgres) throws -> Catalog {
        let report = Compiled(oneStep(sql), dialect: dialect).analyze(dialect)
        return try #require(report.results["default"]).catalog
    }

    static func privileges(_ catalog: Catalog, _ principal: String, on object: CatalogObject) -> Set<String> {
        Set(effectivePrivileges(of: principal, in: catalog).filter { $0.object == object }.map(\.privilege))
    }

    @Test func readAllDataReadsEveryTable() throws {
        let catalog = try Self.catalog(
            "CREATE TABLE orders (id int);\nCREATE USER capture;\nGRANT pg_read_all_data TO capture;")
        #expect(Self.privileges(catalog, "capture", on: Self.table) == ["SELECT"])
        #expect(Self.privileges(catalog, "capture", on: Self.schema).contains("USAGE"))
        let select = try #require(
            effectivePrivileges(of: "capture", in: catalog).first {
                $0.object == Self.table && $0.privilege == "SELECT"
            })
        #expect(select.isUsable)
        #expect(select.provenance.description.contains("pg_read_all_data"), "\(select.provenance)")
    }

    @Test func writeAllDataWritesEveryTable() throws {
        let catalog = try Self.catalog(
            "CREATE TABLE orders (id int);\nCREATE USER loader;\nGRANT pg_write_all_data TO loader;")
        #expect(Self.privileges(catalog, "loader", on: Self.table) == ["INSERT", "UPDATE", "DELETE"])
    }

    @Test func aRoleWithoutThemHasNothing() throws {
        let catalog = try Self.catalog("CREATE TABLE orders (id int);\nCREATE USER other;\nGRANT pg_monitor TO other;")
        #expect(Self.privileges(catalog, "other", on: Self.table).isEmpty)
    }

    @Test func redshiftHasNoSuchRoles() throws {
        let catalog = try Self.catalog(
            "CREATE TABLE orders (id int);\nCREATE USER capture PASSWORD DISABLE;\nCREATE ROLE pg_read_all_data;\nGRANT ROLE pg_read_all_data TO capture;",
            dialect: .redshift)
        let table = CatalogObject.table(TableName(database: "dev", schema: "public", table: "orders"))
        #expect(Self.privileges(catalog, "capture", on: table).isEmpty)
    }

    @Test func anUnqualifiedSystemCatalogIsInPgCatalog() throws {
        let catalog = try Self.catalog("CREATE USER agent;\nGRANT SELECT ON pg_stat_database TO agent;")
        let system = TableName(database: "postgres", schema: "pg_catalog", table: "pg_stat_database")
        #expect(Self.privileges(catalog, "agent", on: .table(system)).contains("SELECT"))
        #expect(catalog.table(TableName(database: "postgres", schema: "public", table: "pg_stat_database")) == nil)
    }
}
