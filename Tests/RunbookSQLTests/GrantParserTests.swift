import RunbookDiagnostics
import RunbookSQL
import Testing

import struct RunbookDiagnostics.SourceLocation

private func privilegeStatement(
    _ sql: String, dialect: SQLDialect = .redshift,
    sourceLocation: Testing.SourceLocation = #_sourceLocation
) -> PrivilegeStatement? {
    switch kind(sql, dialect: dialect, sourceLocation: sourceLocation) {
    case .grant(let statement), .revoke(let statement): return statement
    default:
        Issue.record("not GRANT or REVOKE", sourceLocation: sourceLocation)
        return nil
    }
}

private func names(_ privileges: PrivilegeSet) -> [String] {
    switch privileges {
    case .all: ["ALL"]
    case .list(let list): list.map(\.name)
    }
}

@Suite("Parser: GRANT and REVOKE")
struct GrantParserTests {
    @Test func tablePrivileges() throws {
        let grant = try #require(privilegeStatement("GRANT SELECT, INSERT ON devices.user_devices, TABLE_2 TO bob"))
        #expect(grant.action == .grant)
        #expect(names(grant.privileges) == ["SELECT", "INSERT"])
        #expect(grant.target == .objects(kind: .table, names: grant.target.namesForTest, explicitKeyword: false))
        #expect(grant.target.namesForTest.map(\.dotted) == ["devices.user_devices", "table_2"])
        #expect(grant.grantees.map(\.kind) == [.unqualified])
        #expect(grant.grantees.first?.name?.value == "bob")
    }

    @Test func databaseSchemaAndAllTables() throws {
        let database = try #require(privilegeStatement("GRANT CREATE, TEMP ON DATABASE segment_workspace TO ROLE r"))
        #expect(database.target.kindForTest == .database)
        #expect(database.grantees.map(\.kind) == [.role])
        let schema = try #require(
            privilegeStatement("GRANT ALL PRIVILEGES ON SCHEMA \"profiles_sync\" TO GROUP g, GROUP h, PUBLIC"))
        if case .all = schema.privileges {} else { Issue.record("ALL expected") }
        #expect(schema.target.kindForTest == .schema)
        #expect(schema.grantees.map(\.kind) == [.group, .group, .public])
        let all = try #require(privilegeStatement("GRANT SELECT ON ALL TABLES IN SCHEMA a, b TO ROLE r"))
        guard case .allInSchema(let kind, let schemas) = all.target else {
            Issue.record("ALL TABLES")
            return
        }
        #expect(kind == .table)
        #expect(schemas.map(\.dotted) == ["a", "b"])
    }

    @Test func columnsFunctionsProceduresLanguages() throws {
        let columns = try #require(privilegeStatement("GRANT SELECT (a, b), UPDATE (c) ON TABLE t TO u"))
        guard case .list(let list) = columns.privileges else { return }
        #expect(list.map { $0.columns.map(\.value) } == [["a", "b"], ["c"]])
        let function = try #require(privilegeStatement("GRANT EXECUTE ON FUNCTION f(int, varchar), g() TO u"))
        guard case .routines(.function, let signatures) = function.target else {
            Issue.record("functions")
            return
        }
        #expect(signatures.map(\.arguments) == ["int, varchar", ""])
        let procedures = try #require(privilegeStatement("GRANT EXECUTE ON ALL PROCEDURES IN SCHEMA s TO ROLE r"))
        #expect(procedures.target == .allInSchema(kind: .procedure, schemas: procedures.target.schemasForTest))
        let language = try #require(privilegeStatement("GRANT USAGE ON LANGUAGE plpythonu TO u"))
        #expect(language.target.kindForTest == .language)
    }

    @Test func roleGrants() throws {
        let redshift = try #require(privilegeStatement("GRANT ROLE a, ROLE b TO ROLE c"))
        guard case .roles(let roles) = redshift.target else {
            Issue.record("roles")
            return
        }
        #expect(roles.map(\.name.value) == ["a", "b"])
        #expect(roles.allSatisfy { $0.keywordRange != nil })
        #expect(redshift.grantees.map(\.kind) == [.role])
        let admin = try #require(privilegeStatement("GRANT ROLE a TO bob WITH ADMIN OPTION"))
        #expect(admin.adminOptionRange != nil)
        let postgres = try #require(privilegeStatement("GRANT a, \"B\" TO c", dialect: .postgres))
        guard case .roles(let pgRoles) = postgres.target else {
            Issue.record("roles")
            return
        }
        #expect(pgRoles.map(\.name.value) == ["a", "B"])
        #expect(pgRoles.allSatisfy { $0.keywordRange == nil })
        let revoke = try #require(privilegeStatement("REVOKE ADMIN OPTION FOR ROLE a FROM bob"))
        #expect(revoke.action == .revoke)
        #expect(revoke.adminOptionRange != nil)
    }

    @Test func systemAndScopedPermissions() throws {
        let system = try #require(privilegeStatement("GRANT CREATE USER, CREATE TABLE, ACCESS SYSTEM TABLE TO ROLE r"))
        #expect(system.target == .systemPermissions)
        #expect(names(system.privileges) == ["CREATE USER", "CREATE TABLE", "ACCESS SYSTEM TABLE"])
        let all = try #require(privilegeStatement("GRANT ALL PRIVILEGES TO ROLE r"))
        #expect(all.target == .systemPermissions)
        let scoped = try #require(privilegeStatement("GRANT SELECT FOR TABLES IN SCHEMA s DATABASE d TO ROLE r"))
        guard case .scoped(let kind, let schema, let database, _) = scoped.target else {
            Issue.record("scoped")
            return
        }
        #expect(kind == .table)
        #expect(schema?.dotted == "s")
        #expect(database?.value == "d")
        let schemas = try #require(privilegeStatement("GRANT USAGE FOR SCHEMAS IN DATABASE d TO u WITH GRANT OPTION"))
        #expect(schemas.grantOptionRange != nil)
    }

    @Test func revokeForms() throws {
        let revoke = try #require(privilegeStatement("REVOKE GRANT OPTION FOR SELECT ON t FROM u, GROUP g CASCADE"))
        #expect(revoke.grantOptionRange != nil)
        #expect(revoke.behavior == "CASCADE")
        #expect(revoke.grantees.map(\.kind) == [.unqualified, .group])
    }

    @Test func alterDefaultPrivileges() throws {
        guard
            case .alterDefaultPrivileges(let defaults) = kind(
                """
                ALTER DEFAULT PRIVILEGES FOR USER etl, dbt IN SCHEMA profiles_sync
                GRANT SELECT ON TABLES TO ROLE segment_linked_role
                """)
        else {
            Issue.record("not ADP")
            return
        }
        #expect(defaults.targetKind == .user)
        #expect(defaults.targets.map(\.value) == ["etl", "dbt"])
        #expect(defaults.schemas.map(\.dotted) == ["profiles_sync"])
        #expect(defaults.action.target.kindForTest == .table)
        #expect(defaults.action.grantees.map(\.kind) == [.role])
        guard
            case .alterDefaultPrivileges(let revoke) = kind(
                "ALTER DEFAULT PRIVILEGES REVOKE EXECUTE ON FUNCTIONS FROM PUBLIC", dialect: .postgres)
        else { return }
        #expect(revoke.action.action == .revoke)
        #expect(revoke.targetKind == nil)
    }

    @Test(arguments: [
        ("GRANT SELECT FROM t TO u", "expected ON, FOR or TO after privilege list, found 'FROM'"),
        ("REVOKE SELECT ON t TO u", "expected FROM after the object list, found 'TO'"),
        ("GRANT SELECT ON SCHEMA TO u", "expected a schema name, found 'TO'"),
        ("GRANT SELECT ON t TO", "expected a grantee, found end of statement"),
        ("GRANT SELECT ON t TO ROLE", "expected a role name after ROLE, found end of statement"),
        ("GRANT SELECT ON t TO GROUP g, GROUP", "expected a group name after GROUP, found end of statement"),
        ("GRANT SELECT TO u", "expected ON after the privilege list, found 'TO'"),
        ("GRANT SELECT ON t TO u extra", "expected end of statement after the grantee list, found 'extra'"),
    ])
    func errors(sql: String, message: String) {
        let parsed = SQLParser.parse(sql, dialect: .redshift)
        #expect(parsed.diagnostics.map(\.message) == [message])
    }
}

extension GrantTarget {
    var namesForTest: [ObjectName] {
        if case .objects(_, let names, _) = self { return names }
        return []
    }

    var schemasForTest: [ObjectName] {
        if case .allInSchema(_, let schemas) = self { return schemas }
        return []
    }

    var kindForTest: ObjectKind? {
        switch self {
        case .objects(let kind, _, _), .routines(let kind, _), .allInSchema(let kind, _), .scoped(let kind, _, _, _),
            .defaultObjects(let kind, _), .allInDatabase(let kind, _), .future(let kind, _, _, _):
            kind
        case .roles, .systemPermissions, .account:
            nil
        }
    }
}

@Suite("Parser: session, transactions, tables, views, queries")
struct QueryParserTests {
    @Test func sessionStatements() {
        guard case .set(let set) = kind("SET search_path TO profiles_sync, public") else {
            Issue.record("SET")
            return
        }
        #expect(set.name == "search_path")
        #expect(set.value == "profiles_sync, public")
        guard case .set(let role) = kind("SET ROLE admin", dialect: .postgres) else { return }
        #expect(role.name == "role")
        #expect(kind("RESET ALL") == .reset("all"))
        #expect(kind("SHOW SCHEMAS FROM DATABASE \"X\"") == .show("SCHEMAS FROM DATABASE \"X\""))
    }

    @Test(arguments: [
        ("BEGIN", TransactionStatement.begin), ("START TRANSACTION", .begin), ("BEGIN TRANSACTION", .begin),
        ("COMMIT", .commit), ("END", .commit), ("END TRANSACTION", .commit), ("ROLLBACK", .rollback),
        ("ABORT", .rollback),
    ])
    func transactions(sql: String, expected: TransactionStatement) {
        #expect(kind(sql) == .transaction(expected))
    }

    @Test func createTable() {
        guard
            case .createTable(let table) = kind(
                """
                CREATE TABLE IF NOT EXISTS s.t (id int PRIMARY KEY, "Name" varchar(10) DEFAULT 'x', PRIMARY KEY (id),
                  LIKE other) DISTSTYLE KEY SORTKEY (id)
                """)
        else {
            Issue.record("CREATE TABLE")
            return
        }
        #expect(table.name.dotted == "s.t")
        #expect(table.ifNotExists)
        #expect(table.columns.map(\.value) == ["id", "name"])
        #expect(table.reads.map(\.dotted) == ["other"])
        guard case .createTable(let ctas) = kind("CREATE TEMP TABLE x AS SELECT * FROM a JOIN b ON a.id = b.id")
        else { return }
        #expect(ctas.isTemporary)
        #expect(ctas.reads.map(\.dotted) == ["a", "b"])
    }

    @Test func createView() {
        guard
            case .createView(let view) = kind(
                """
                CREATE OR REPLACE VIEW v (a) AS WITH c AS (SELECT * FROM s.base) SELECT * FROM c, s.other o
                WITH NO SCHEMA BINDING
                """)
        else {
            Issue.record("CREATE VIEW")
            return
        }
        #expect(view.orReplace)
        #expect(view.columns.map(\.value) == ["a"])
        #expect(view.reads.map(\.dotted) == ["s.base", "s.other"])
    }

    @Test func selectReads() {
        guard
            case .select(let query) = kind(
                """
                WITH recent AS (SELECT * FROM events WHERE ts > now() - interval '1 day')
                SELECT u.id, count(*) OVER (PARTITION BY u.id ORDER BY r.ts) AS n
                FROM db.s.users u
                LEFT OUTER JOIN recent r ON r.user_id = u.id
                JOIN (SELECT id FROM s.flags) f USING (id)
                WHERE u.id IN (SELECT id FROM s.allowed) AND EXISTS (SELECT 1 FROM s.x)
                UNION ALL SELECT 1, 2 FROM identifier($t)
                ORDER BY 1 LIMIT 10
                """)
        else {
            Issue.record("SELECT")
            return
        }
        #expect(query.reads.map(\.dotted) == ["events", "db.s.users", "s.flags", "s.allowed", "s.x"])
        #expect(query.cteNames.map(\.value) == ["recent"])
    }

    @Test(arguments: [
        ("SELECT * FROM", "expected a table name after FROM, found end of statement"),
        ("SELECT * FROM WHERE x", "expected a table name after FROM, found 'WHERE'"),
        // The missing `)` is synthesised before FROM, and the FROM clause is read.
        ("SELECT (1 FROM t", "expected ')' to close the '(' at 1:8, found 'FROM'"),
        ("SELECT 1) FROM t", "expected end of statement after the query, found ')'"),
        ("SELECT * FROM t LIMIT 1 )", "expected end of statement after the query, found ')'"),
    ])
    func malformedQueries(sql: String, message: String) {
        let parsed = SQLParser.parse(sql, dialect: .redshift)
        #expect(parsed.diagnostics.map(\.message) == [message])
    }

    /// A word after a clause's expression is no longer skipped: two mistakes, two findings.
    @Test func aWordAfterTheLimitAndAStrayParenthesisAreTwoMistakes() {
        let parsed = SQLParser.parse("SELECT * FROM t LIMIT 1 garbage )", dialect: .redshift)
        #expect(
            parsed.diagnostics.map(\.message) == [
                "expected an operator or the next clause in the expression after LIMIT, found 'garbage'",
                "expected end of statement after the query, found ')'",
            ])
    }

    @Test func identifiersFoldPerDialect() {
        guard case .createSchema(let redshift) = kind("CREATE SCHEMA \"MySchema\"") else { return }
        #expect(redshift.name?.dotted == "myschema")
        #expect(redshift.name?.parts.first?.raw == "\"MySchema\"")
        #expect(redshift.name?.parts.first?.isQuoted == true)
        guard case .createSchema(let postgres) = kind("CREATE SCHEMA \"My\"\"Schema\"", dialect: .postgres) else {
            return
        }
        #expect(postgres.name?.dotted == "My\"Schema")
    }
}
