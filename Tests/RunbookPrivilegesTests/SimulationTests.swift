import RunbookDiagnostics
import RunbookModel
import RunbookPrivileges
import RunbookSQL
import RunbookTestSupport
import Testing

import struct RunbookDiagnostics.SourceLocation

/// What the simulator leaves in the catalog: effective privileges, provenance, dialect differences, variants.
@Suite struct SimulationTests {
    static func catalog(_ sql: String, dialect: SQLDialect = .redshift) throws -> Catalog {
        let report = Compiled(oneStep(sql), dialect: dialect).analyze(dialect)
        return try #require(report.results["default"]).catalog
    }

    static func holds(_ catalog: Catalog, _ principal: String, _ privilege: String, _ object: CatalogObject) -> Bool {
        effectivePrivileges(of: principal, in: catalog).contains {
            $0.privilege == privilege && $0.object == object && $0.isUsable
        }
    }

    @Test func defaultPrivilegesApplyOnlyToTablesCreatedAfterThem() throws {
        let catalog = try Self.catalog(
            """
            CREATE SCHEMA sales;
            CREATE ROLE analyst;
            GRANT USAGE ON SCHEMA sales TO ROLE analyst;
            CREATE TABLE sales.before (id int);
            ALTER DEFAULT PRIVILEGES IN SCHEMA sales GRANT SELECT ON TABLES TO ROLE analyst;
            CREATE TABLE sales.after (id int);
            """)
        let before = CatalogObject.table(TableName(database: "dev", schema: "sales", table: "before"))
        let after = CatalogObject.table(TableName(database: "dev", schema: "sales", table: "after"))
        #expect(!Self.holds(catalog, "analyst", "SELECT", before))
        #expect(Self.holds(catalog, "analyst", "SELECT", after))
        let privilege = try #require(effectivePrivileges(of: "analyst", in: catalog).first { $0.object == after })
        #expect(
            describe(privilege)
                == "analyst ← ALTER DEFAULT PRIVILEGES IN SCHEMA sales GRANT SELECT ON TABLES, Step 1, line 10")
    }

    @Test func defaultPrivilegesFollowTheCreator() throws {
        let catalog = try Self.catalog(
            """
            CREATE SCHEMA sales;
            CREATE ROLE analyst;
            CREATE USER loader PASSWORD 'Abcdefg123';
            GRANT USAGE ON SCHEMA sales TO ROLE analyst;
            ALTER DEFAULT PRIVILEGES IN SCHEMA sales GRANT SELECT ON TABLES TO ROLE analyst;
            """)
        let schema = SchemaName(database: "dev", schema: "sales")
        let byAdmin = catalog.simulateTableCreation(by: "admin", in: schema)
        let byLoader = catalog.simulateTableCreation(by: "loader", in: schema)
        #expect(byAdmin.catalog.can(Principal(.role, "analyst"), "SELECT", on: .table(byAdmin.table)))
        #expect(!byLoader.catalog.can(Principal(.role, "analyst"), "SELECT", on: .table(byLoader.table)))
    }

    @Test func postgresDefaultPrivilegesForRole() throws {
        let catalog = try Self.catalog(
            """
            CREATE SCHEMA sales;
            CREATE ROLE analyst;
            CREATE USER loader PASSWORD 'Abcdefg123';
            GRANT USAGE ON SCHEMA sales TO analyst;
            ALTER DEFAULT PRIVILEGES FOR ROLE loader IN SCHEMA sales GRANT SELECT ON TABLES TO analyst;
            """, dialect: .postgres)
        let schema = SchemaName(database: "postgres", schema: "sales")
        let byLoader = catalog.simulateTableCreation(by: "loader", in: schema)
        let byAdmin = catalog.simulateTableCreation(by: "admin", in: schema)
        #expect(byLoader.catalog.can(Principal(.role, "analyst"), "SELECT", on: .table(byLoader.table)))
        #expect(!byAdmin.catalog.can(Principal(.role, "analyst"), "SELECT", on: .table(byAdmin.table)))
    }

    @Test func grantedWithoutUsageIsNotUsable() throws {
        let catalog = try Self.catalog(
            """
            CREATE SCHEMA sales;
            CREATE TABLE sales.orders (id int);
            CREATE ROLE analyst;
            GRANT SELECT ON sales.orders TO ROLE analyst;
            """)
        let orders = CatalogObject.table(TableName(database: "dev", schema: "sales", table: "orders"))
        let privilege = try #require(effectivePrivileges(of: "analyst", in: catalog).first { $0.object == orders })
        #expect(privilege.privilege == "SELECT")
        #expect(!privilege.isUsable)
    }

    @Test func nestedRolesAndGroupsReachTheUser() throws {
        let catalog = try Self.catalog(
            """
            CREATE SCHEMA sales;
            CREATE ROLE inner_role;
            CREATE ROLE outer_role;
            CREATE GROUP readers;
            CREATE USER bob PASSWORD 'Abcdefg123' IN GROUP readers;
            GRANT USAGE ON SCHEMA sales TO ROLE inner_role;
            GRANT CREATE ON SCHEMA sales TO GROUP readers;
            GRANT ROLE inner_role TO ROLE outer_role;
            GRANT ROLE outer_role TO bob;
            """)
        let sales = CatalogObject.schema(SchemaName(database: "dev", schema: "sales"))
        let privileges = effectivePrivileges(of: "bob", in: catalog).filter { $0.object == sales }
        #expect(
            privileges.map(describe) == [
                "bob ← member of group readers ← GRANT CREATE ON SCHEMA sales, Step 1, line 12",
                "bob ← member of outer_role ← member of inner_role ← GRANT USAGE ON SCHEMA sales, Step 1, line 11",
            ])
    }

    @Test func publicDefaultsDifferByDialect() throws {
        let redshift = try Self.catalog("CREATE USER bob PASSWORD 'Abcdefg123';")
        let postgres = try Self.catalog("CREATE USER bob PASSWORD 'Abcdefg123';", dialect: .postgres)
        let redshiftPublic = CatalogObject.schema(SchemaName(database: "dev", schema: "public"))
        let postgresPublic = CatalogObject.schema(SchemaName(database: "postgres", schema: "public"))
        #expect(Self.holds(redshift, "bob", "CREATE", redshiftPublic))
        #expect(!Self.holds(postgres, "bob", "CREATE", postgresPublic))
        #expect(Self.holds(postgres, "bob", "USAGE", postgresPublic))
        #expect(Self.holds(postgres, "bob", "CONNECT", .database("postgres")))
        #expect(!Self.holds(redshift, "bob", "CONNECT", .database("dev")))
    }

    @Test func postgresRoleGrantsAndAllOnTables() throws {
        let catalog = try Self.catalog(
            """
            CREATE SCHEMA sales;
            CREATE TABLE sales.orders (id int);
            CREATE ROLE analyst;
            CREATE USER bob PASSWORD 'Abcdefg123';
            GRANT USAGE ON SCHEMA sales TO analyst;
            GRANT ALL ON sales.orders TO analyst;
            GRANT analyst TO bob;
            """, dialect: .postgres)
        let orders = CatalogObject.table(TableName(database: "postgres", schema: "sales", table: "orders"))
        let privileges = effectivePrivileges(of: "bob", in: catalog).filter { $0.object == orders }.map(\.privilege)
        #expect(privileges == ["DELETE", "INSERT", "REFERENCES", "SELECT", "TRIGGER", "TRUNCATE", "UPDATE"])
    }

    @Test func redshiftAllOnTablesHasNoTrigger() throws {
        let catalog = try Self.catalog(
            """
            CREATE SCHEMA sales;
            CREATE TABLE sales.orders (id int);
            CREATE ROLE analyst;
            GRANT ALL ON sales.orders TO ROLE analyst;
            """)
        let orders = CatalogObject.table(TableName(database: "dev", schema: "sales", table: "orders"))
        let privileges = effectivePrivileges(of: "analyst", in: catalog).filter { $0.object == orders }.map(\.privilege)
        #expect(privileges == ["ALTER", "DELETE", "DROP", "INSERT", "REFERENCES", "SELECT", "TRUNCATE", "UPDATE"])
    }

    @Test func scopedGrantsCoverFutureTablesOfAnyCreator() throws {
        let catalog = try Self.catalog(
            """
            CREATE SCHEMA sales;
            CREATE ROLE analyst;
            GRANT USAGE ON SCHEMA sales TO ROLE analyst;
            GRANT SELECT FOR TABLES IN SCHEMA sales TO ROLE analyst;
            """)
        let (future, table) = catalog.simulateTableCreation(
            by: "someone_else", in: SchemaName(database: "dev", schema: "sales"))
        #expect(future.can(Principal(.role, "analyst"), "SELECT", on: .table(table)))
    }

    @Test func revokeRemovesWhatWasGranted() throws {
        let catalog = try Self.catalog(
            """
            CREATE SCHEMA sales;
            CREATE ROLE analyst;
            GRANT USAGE, CREATE ON SCHEMA sales TO ROLE analyst;
            REVOKE CREATE ON SCHEMA sales FROM ROLE analyst;
            """)
        let sales = CatalogObject.schema(SchemaName(database: "dev", schema: "sales"))
        #expect(Self.holds(catalog, "analyst", "USAGE", sales))
        #expect(!Self.holds(catalog, "analyst", "CREATE", sales))
    }

    @Test func noVariantsWithoutChoices() {
        let report = Compiled(oneStep("GRANT USAGE ON SCHEMA public TO ROLE nobody;")).analyze()
        #expect(report.diagnostics.map(\.variants) == [[]])
        #expect(report.results.keys.sorted() == ["default"])
    }

    @Test func oneFindingPerStatementWithAllItsVariants() {
        let marked = MarkedText(
            """
            # Test

            ## Permissions Option 1

            First way.

            ## Permissions Option 2

            Second way.

            ## Setup

            ### Step 1: Grant

            ```sql
            GRANT USAGE ON SCHEMA public TO ROLE 1️⃣missing_role;
            ```

            ### Step 2: Per option

            - For Permissions Option 1:
              1. Grant it.

                 ```sql
                 GRANT CREATE ON SCHEMA public TO ROLE 2️⃣other_role;
                 ```

            - For Permissions Option 2:
              1. Grant it too.

                 ```sql
                 GRANT CREATE ON SCHEMA public TO ROLE 3️⃣other_role;
                 ```

            """)
        let compiled = Compiled(marked.text)
        let slugs = compiled.runbook.variants.map(\.slug)
        #expect(slugs.count == 2)
        expectDiagnostics(
            compiled.analyze().diagnostics,
            [
                Expected(.privilegesUnknownPrincipal, at: "1️⃣", "missing_role", variants: slugs),
                Expected(.privilegesUnknownPrincipal, at: "2️⃣", "other_role", variants: [slugs[0]]),
                Expected(.privilegesUnknownPrincipal, at: "3️⃣", "other_role", variants: [slugs[1]]),
            ], in: marked)
    }
}

/// Odd but valid input: the simulator neither crashes nor invents findings.
@Suite struct RobustnessTests {
    @Test func unusualStatementsRunWithoutACrash() throws {
        let sql = """
            CREATE SCHEMA AUTHORIZATION bob;
            CREATE SCHEMA IF NOT EXISTS s2 AUTHORIZATION bob;
            GRANT SELECT ON TABLE a.b.c.d TO bob;
            ALTER DEFAULT PRIVILEGES FOR USER bob GRANT EXECUTE ON FUNCTIONS TO PUBLIC;
            REVOKE ALL ON SCHEMA public FROM PUBLIC;
            CREATE ROLE x;
            DROP ROLE x;
            GRANT ROLE x TO bob;
            GRANT USAGE ON LANGUAGE plpgsql TO bob;
            GRANT EXECUTE ON ALL FUNCTIONS IN SCHEMA public TO bob;
            GRANT ALL FOR SCHEMAS IN DATABASE dev TO bob;
            REVOKE SELECT FOR TABLES IN SCHEMA public FROM bob;
            ALTER SCHEMA s2 OWNER TO bob;
            ALTER DATABASE dev OWNER TO bob;
            CREATE VIEW public.v AS SELECT 1;
            CREATE TABLE t AS SELECT * FROM public.v;
            DROP TABLE t;
            DROP SCHEMA s2;
            DROP DATABASE nowhere;
            ALTER GROUP nobody ADD USER bob;
            SET search_path TO public;
            SELECT 1;
            """
        // Redshift and PostgreSQL statements; Snowflake's odd input is SnowflakeRobustnessTests'.
        for dialect in [SQLDialect.redshift, .postgres] {
            let report = Compiled(oneStep(sql), dialect: dialect).analyze(dialect)
            let result = try #require(report.results["default"])
            #expect(result.catalog.schema(SchemaName(database: result.catalog.initialDatabase, schema: "bob")) != nil)
            #expect(report.diagnostics.contains { $0.rule == Rule.privilegesUnknownPrincipal.id })
        }
    }
}

extension RobustnessTests {
    @Test func manyStatements() throws {
        // Grants, memberships and effective privileges are indexed: this stays linear (well under a second).
        var sql = "CREATE SCHEMA sales;\nCREATE USER bob PASSWORD 'Abcdefg123';\n"
        for index in 0..<3_000 {
            sql += "CREATE ROLE r\(index);\nGRANT USAGE ON SCHEMA sales TO ROLE r\(index);\n"
            sql += "GRANT SELECT ON ALL TABLES IN SCHEMA sales TO ROLE r\(index);\nGRANT ROLE r\(index) TO bob;\n"
        }
        let report = Compiled(oneStep(sql)).analyze()
        #expect(report.diagnostics.isEmpty)
        #expect(try #require(report.results["default"]).effective.count == 3_001)
    }
}
