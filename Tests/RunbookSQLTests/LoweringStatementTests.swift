import Testing

@testable import RunbookSQL

/// The lowering of tables, views, session and transaction statements, other commands and Snowflake's DDL and
/// session statements: each family's node shape, and the kind read from it.
@Suite("Lowering of statements")
struct LoweringStatementTests {
    /// The node kinds below the root, names left out, in order.
    private static func shape(_ statement: Statement) -> [SyntaxKind] {
        statement.syntax.descendants.map(\.kind).filter { $0 != .name && $0 != .qualifiedName }
    }

    private static func only(_ sql: String, dialect: SQLDialect = .redshift) throws -> Statement {
        let statements = parseClean(sql, dialect: dialect)
        try #require(statements.count == 1)
        return statements[0]
    }

    @Test func aTableIsItsElements() throws {
        let statement = try Self.only(
            "CREATE TEMP TABLE IF NOT EXISTS s.t (a int NOT NULL, \"B\" varchar(10), LIKE s.u, PRIMARY KEY (a))")
        #expect(Self.shape(statement) == [.createTable, .tableElement, .tableElement, .tableElement, .tableElement])
        #expect(statement.storedSyntax == .reparsed(.redshift), "a lowered CREATE TABLE keeps no tree")
        guard case .createTable(let table) = statement.kind else {
            Issue.record("not CREATE TABLE: \(statement.kind)")
            return
        }
        #expect(table.name.dotted == "s.t" && table.isTemporary && table.ifNotExists)
        #expect(table.columns.map(\.value) == ["a", "b"])
        #expect(table.reads.map(\.dotted) == ["s.u"])
        #expect(kind("CREATE TABLE #stage (a int)").map(Self.isTemporary) == false, "#temp is a name, not TEMP")
    }

    @Test func tableAsAndViewsReadTheirQuery() throws {
        let statement = try Self.only("CREATE TABLE t AS SELECT * FROM s.x JOIN s.y ON x.a = y.a")
        #expect(statement.syntax.firstDescendant(.createTable)?.childNode(.query) != nil)
        guard case .createTable(let table) = statement.kind else {
            Issue.record("not CREATE TABLE")
            return
        }
        #expect(table.columns.isEmpty && table.reads.map(\.dotted) == ["s.x", "s.y"])
        guard case .createView(let view) = kind("CREATE OR REPLACE MATERIALIZED VIEW v (a) AS SELECT a FROM s.t")
        else {
            Issue.record("not CREATE VIEW")
            return
        }
        #expect(view.orReplace && view.isMaterialized)
        #expect(view.columns.map(\.value) == ["a"] && view.reads.map(\.dotted) == ["s.t"])
        guard case .createView(let snowflake) = kind("CREATE SECURE VIEW v AS SELECT a FROM t", dialect: .snowflake)
        else {
            Issue.record("not CREATE VIEW in Snowflake")
            return
        }
        #expect(!snowflake.orReplace && snowflake.reads.map(\.dotted) == ["T"])
    }

    @Test func alterTableHasAnActionPerClause() throws {
        let statement = try Self.only("ALTER TABLE s.t ALTER COLUMN c TYPE varchar(20), OWNER TO bob, RENAME TO t2")
        #expect(Self.shape(statement) == [.alterTable, .alterAction, .alterAction, .alterAction])
        #expect(statement.kind == .opaque(keyword: "ALTER TABLE"))
        #expect(statement.identifiers.map(\.value) == ["s", "t"], "the column is not a name rewriting follows")
    }

    @Test func sessionStatementsAndTransactions() throws {
        let set = try Self.only("SET search_path TO a, \"$user\"")
        #expect(Self.shape(set) == [.setStatement, .setName, .setValue])
        guard case .set(let parameter) = set.kind else {
            Issue.record("not SET")
            return
        }
        #expect(parameter.name == "search_path" && parameter.value == "a, \"$user\"" && parameter.scope == nil)
        #expect(parameter.nameRange.start.column == 5 && parameter.nameRange.end.column == 19, "the name and TO")
        guard case .set(let local) = kind("SET LOCAL statement_timeout = 5000"),
            case .set(let authorization) = kind("SET SESSION AUTHORIZATION 'bob'")
        else {
            Issue.record("not SET")
            return
        }
        #expect(local.scope == "LOCAL" && local.name == "statement_timeout" && local.value == "5000")
        #expect(authorization.scope == nil && authorization.name == "session authorization")
        #expect(kind("RESET ALL") == .reset("all"))
        #expect(kind("SHOW search_path") == .show("SEARCH_PATH"))
        #expect(kind("START TRANSACTION") == .transaction(.begin))
        #expect(kind("END") == .transaction(.commit))
        #expect(kind("ROLLBACK TO SAVEPOINT s") == .opaque(keyword: "ROLLBACK TO"))
        #expect(kind("COMMIT PREPARED 'x'", dialect: .postgres) == .opaque(keyword: "COMMIT PREPARED"))
    }

    @Test func otherStatementsAreNamedByTheirWords() throws {
        let copy = try Self.only("COPY s.t FROM 's3://b/p' IAM_ROLE 'arn:aws:iam::1:role/r'")
        #expect(Self.shape(copy) == [.otherStatement, .statementWords])
        #expect(copy.kind == .opaque(keyword: "COPY"))
        #expect(
            kind("CREATE EXTERNAL SCHEMA s FROM DATA CATALOG DATABASE 'd' IAM_ROLE 'arn:aws:iam::1:role/r'")
                == .opaque(keyword: "CREATE EXTERNAL SCHEMA"))
        #expect(
            kind("CREATE OR REPLACE FUNCTION f(int) RETURNS int IMMUTABLE AS $$ SELECT 1 $$ LANGUAGE sql")
                == .opaque(keyword: "CREATE FUNCTION"))
        #expect(kind("DROP PROCEDURE p(int)") == .opaque(keyword: "DROP PROCEDURE"))
        let family = try Self.only("GRANT ASSUMEROLE ON 'arn:aws:iam::1:role/r' TO bob FOR COPY")
        #expect(Self.shape(family) == [.otherGrant])
        #expect(family.kind == .opaque(keyword: "GRANT ASSUMEROLE"))
        #expect(kind("PUT file:///tmp/x.csv @stage", dialect: .snowflake) == .opaque(keyword: "PUT"))
    }

    @Test func snowflakeObjectsHaveTheirProperties() throws {
        let warehouse = try Self.only(
            "CREATE OR REPLACE WAREHOUSE w WITH WAREHOUSE_SIZE = 'XSMALL' AUTO_SUSPEND = 60", dialect: .snowflake)
        #expect(Self.shape(warehouse) == [.snowflakeCreate, .property, .propertyValue, .property, .propertyValue])
        guard case .createWarehouse(let created) = warehouse.kind else {
            Issue.record("not CREATE WAREHOUSE: \(warehouse.kind)")
            return
        }
        #expect(created.name.value == "W" && created.orReplace && !created.ifNotExists)
        #expect(created.properties.map(\.name) == ["WAREHOUSE_SIZE", "AUTO_SUSPEND"])
        #expect(created.properties.map(\.value) == [.string("XSMALL"), .literal("60")])
        guard
            case .createUser(let user) = kind(
                "CREATE OR ALTER USER u PASSWORD = 'Secret123' DEFAULT_ROLE = analyst", dialect: .snowflake)
        else {
            Issue.record("not CREATE USER")
            return
        }
        #expect(user.ifNotExists && !user.orReplace, "OR ALTER leaves an existing user in place")
        if case .password(let spec, _, _) = user.options.first?.kind {
            #expect(spec == .literal(value: "Secret123", isPlaceholder: false))
        } else {
            Issue.record("the first option is not the password")
        }
        let role = ObjectName(parts: [try #require(user.options.last.flatMap(Self.nameValue))])
        #expect(role.dotted == "ANALYST")
        guard case .drop(let drop) = kind("DROP DATABASE ROLE IF EXISTS d.r", dialect: .snowflake) else {
            Issue.record("not DROP")
            return
        }
        #expect(drop.objectType == "DATABASE ROLE" && drop.ifExists && drop.names.map(\.dotted) == ["D.R"])
    }

    @Test func snowflakeAlterActions() throws {
        guard case .alterUser(let unset) = kind("ALTER USER IF EXISTS u UNSET DEFAULT_ROLE, EMAIL", dialect: .snowflake)
        else {
            Issue.record("not ALTER USER")
            return
        }
        #expect(unset.action == .unsetProperties(["DEFAULT_ROLE", "EMAIL"]))
        guard case .alterRole(let rename) = kind("ALTER ROLE r RENAME TO r2", dialect: .snowflake),
            case .rename(let newName) = rename.action
        else {
            Issue.record("not ALTER ROLE … RENAME TO")
            return
        }
        #expect(newName.value == "R2")
        guard
            case .alterSchema(let schema) = kind(
                "ALTER SCHEMA d.s SET DATA_RETENTION_TIME_IN_DAYS = 1", dialect: .snowflake)
        else {
            Issue.record("not ALTER SCHEMA")
            return
        }
        #expect(schema.name.dotted == "D.S" && schema.action == .other("SET"))
        #expect(kind("ALTER MATERIALIZED VIEW v SUSPEND", dialect: .snowflake) == .opaque(keyword: "ALTER VIEW"))
    }

    @Test func snowflakeSessionStatements() throws {
        let set = try Self.only("SET (a, b) = (1, 'x' || $c)", dialect: .snowflake)
        #expect(Self.shape(set) == [.setVariables, .variableName, .variableName, .sessionValue, .sessionValue])
        guard case .setVariables(let assignments) = set.kind else {
            Issue.record("not SET")
            return
        }
        #expect(assignments.map(\.name.value) == ["A", "B"])
        #expect(assignments.first?.value == .literal("1"))
        if case .concat(let parts) = assignments.last?.value {
            #expect(parts.count == 2 && parts.first == .string("x"))
        } else {
            Issue.record("the second value is not a concatenation")
        }
        #expect(kind("UNSET (a, b)", dialect: .snowflake).map(Self.unsetNames) == ["A", "B"])
        guard case .use(let use) = kind("USE d.s", dialect: .snowflake),
            case .use(let secondary) = kind("USE SECONDARY ROLES ALL", dialect: .snowflake)
        else {
            Issue.record("not USE")
            return
        }
        #expect(use.kind == .schema && use.keywordRange == nil && use.name?.dotted == "D.S")
        #expect(secondary.kind == .secondaryRoles && secondary.secondaryRoles == .all)
        guard case .showGrants(let grants) = kind("SHOW GRANTS TO DATABASE ROLE d.r", dialect: .snowflake) else {
            Issue.record("not SHOW GRANTS")
            return
        }
        if case .to(let kind, let name) = grants.subject {
            #expect(kind == .databaseRole && name.dotted == "D.R")
        } else {
            Issue.record("not SHOW GRANTS TO: \(grants.subject)")
        }
        #expect(kind("SHOW FUTURE GRANTS TO ROLE r", dialect: .snowflake) == .show("FUTURE GRANTS TO ROLE R"))
    }

    // MARK: Helpers

    private static func isTemporary(_ kind: StatementKind) -> Bool {
        if case .createTable(let table) = kind { table.isTemporary } else { true }
    }

    private static func nameValue(_ option: UserOption) -> Identifier? {
        if case .property(_, .name(let name)) = option.kind { name.parts.first } else { nil }
    }

    private static func unsetNames(_ kind: StatementKind) -> [String] {
        if case .unsetVariables(let names) = kind { names.map(\.value) } else { [] }
    }
}
