import RunbookDiagnostics
import RunbookSQL
import RunbookTestSupport
import Testing

import struct RunbookDiagnostics.SourceLocation

/// The single statement of `sql` in the Snowflake dialect (recording an issue for any diagnostic).
private func snowflake(_ sql: String, sourceLocation: Testing.SourceLocation = #_sourceLocation) -> StatementKind? {
    kind(sql, dialect: .snowflake, sourceLocation: sourceLocation)
}

/// The one statement of `sql`, parsed as Snowflake.
private func statement(_ sql: String, sourceLocation: Testing.SourceLocation = #_sourceLocation) throws -> Statement {
    let statements = parseClean(sql, dialect: .snowflake, sourceLocation: sourceLocation)
    return try #require(statements.first, sourceLocation: sourceLocation)
}

private func grant(_ sql: String, sourceLocation: Testing.SourceLocation = #_sourceLocation) -> PrivilegeStatement? {
    switch snowflake(sql, sourceLocation: sourceLocation) {
    case .grant(let statement), .revoke(let statement): return statement
    default:
        Issue.record("not GRANT or REVOKE: \(sql)", sourceLocation: sourceLocation)
        return nil
    }
}

/// Records a failure; returns nothing, so that a `guard … else { return fail(…) }` reads in one line.
private func fail(_ comment: Comment, sourceLocation: Testing.SourceLocation = #_sourceLocation) {
    Issue.record(comment, sourceLocation: sourceLocation)
}

/// `text` (one line) with the fix-it applied; columns are 1-based byte offsets.
private func applyingOnOneLine(_ fixIt: FixIt, to text: String) -> String {
    var bytes = Array(text.utf8)
    bytes.replaceSubrange(
        (fixIt.range.start.column - 1)..<(fixIt.range.end.column - 1), with: Array(fixIt.replacement.utf8))
    return String(decoding: bytes, as: UTF8.self)
}

private func privilegeNames(_ statement: PrivilegeStatement?) -> [String] {
    guard case .list(let list) = statement?.privileges else { return [] }
    return list.map(\.name)
}

@Suite("Snowflake lexer")
struct SnowflakeLexerTests {
    private func kinds(_ text: String, dialect: SQLDialect = .snowflake) -> [TokenKind] {
        SQLLexer.tokenize(text, dialect: dialect).filter { !$0.isTrivia }.map(\.kind)
    }

    @Test func variablesPositionalColumnsAndDollarQuotes() {
        let tokens = SQLLexer.tokenize("$v $1 $$a;b$$ ${x}", dialect: .snowflake).filter { !$0.isTrivia }
        #expect(tokens.map(\.kind) == [.variable, .placeholder, .dollarString, .placeholder])
        #expect(tokens[0].variableName == "V")
        #expect(tokens[2].stringValue == "a;b")
        // Redshift keeps reading `$v` as template text.
        #expect(kinds("$v", dialect: .redshift) == [.placeholder])
    }

    @Test func slashSlashCommentsOnlyInSnowflake() {
        let tokens = SQLLexer.tokenize("SELECT 1 // why\n", dialect: .snowflake)
        #expect(tokens.map(\.kind).contains(.lineComment))
        #expect(tokens.first(where: { $0.kind == .lineComment })?.text == "// why")
        #expect(!SQLLexer.tokenize("SELECT 1 // why\n", dialect: .redshift).map(\.kind).contains(.lineComment))
    }

    @Test func backslashEscapesInStrings() throws {
        let tokens = SQLLexer.tokenize(#"'it\'s' 'a\\'"#, dialect: .snowflake).filter { !$0.isTrivia }
        #expect(tokens.map(\.kind) == [.string, .string])
        #expect(tokens.map { $0.stringValue(in: .snowflake) } == ["it's", "a\\"])
    }

    @Test func pathAccessAfterAnOperandAndBindVariablesElsewhere() {
        let texts = SQLLexer.tokenize("value:from::int x(:b)", dialect: .snowflake).filter { !$0.isTrivia }.map(\.text)
        #expect(texts == ["value", ":", "from", "::", "int", "x", "(", ":b", ")"])
    }

    @Test func stagesAreOneWord() {
        let tokens = SQLLexer.tokenize("FROM @my_stage/in/file-1.csv;", dialect: .snowflake).filter { !$0.isTrivia }
        #expect(tokens.map(\.text) == ["FROM", "@my_stage/in/file-1.csv", ";"])
    }

    /// A SnowSQL script parses back: its `!` commands are statements of their own, `&var` a placeholder.
    @Test func snowSQLCommandsAndClientVariables() throws {
        let script = "!set variable_substitution=true\nCREATE USER u PASSWORD = '&{pw}' DEFAULT_ROLE = &role;\n!exit\n"
        let parsed = SQLParser.parse(script, dialect: .snowflake)
        #expect(parsed.diagnostics.isEmpty)
        #expect(
            parsed.statements.map(\.kind).first
                == .metaCommand(MetaCommand(command: "set", arguments: ["variable_substitution=true"])))
        #expect(parsed.statements.count == 3)
        let tokens = SQLLexer.tokenize("SELECT &x, &{y}, a && b", dialect: .snowflake).filter { !$0.isTrivia }
        #expect(tokens.filter { $0.kind == .placeholder }.map(\.text) == ["&x", "&{y}"])
        // `!` inside a line is an operator, as before.
        #expect(SQLLexer.tokenize("SELECT 1 != 2", dialect: .snowflake).allSatisfy { $0.kind != .metaCommand })
    }

    @Test func unterminatedDoubleDollarIsOneDiagnostic() {
        let parsed = SQLParser.parse("SET x = $$abc", dialect: .snowflake)
        #expect(parsed.diagnostics.map(\.rule) == [Rule.sqlUnterminated.id])
    }

    @Test func unquotedNamesFoldUpperQuotedKeepTheirCase() throws {
        guard case .grant(let grant) = snowflake(#"GRANT ROLE segment_Role TO ROLE "Mixed""#),
            case .roles(let roles) = grant.target
        else { return fail("not a role grant") }
        #expect(roles.map(\.name.value) == ["SEGMENT_ROLE"])
        #expect(grant.grantees.map(\.name?.value) == ["Mixed"])
        #expect(grant.grantees.map(\.name?.isQuoted) == [true])
    }
}

@Suite("Snowflake session variables")
struct SnowflakeSessionTests {
    private func assignments(
        _ sql: String, sourceLocation: Testing.SourceLocation = #_sourceLocation
    )
        -> [VariableAssignment]
    {
        guard case .setVariables(let list) = snowflake(sql, sourceLocation: sourceLocation) else {
            Issue.record("not SET of variables: \(sql)", sourceLocation: sourceLocation)
            return []
        }
        return list
    }

    @Test func setOneVariable() {
        let set = assignments("SET segment_connection_role = 'SEGMENT_LINKED_ROLE'")
        #expect(set.map(\.name.value) == ["SEGMENT_CONNECTION_ROLE"])
        #expect(set.map(\.value) == [.string("SEGMENT_LINKED_ROLE")])
        #expect(assignments("set v1 = 10").map(\.value) == [.literal("10")])
        #expect(assignments("set v = -1").map(\.value) == [.literal("-1")])
        #expect(assignments("set b = true").map(\.value) == [.literal("TRUE")])
    }

    @Test func setFromVariablesAndConcat() throws {
        let set = assignments("SET retl_schema = concat($segment_connection_db,'.__segment_reverse_etl')")
        guard case .concat(let parts) = try #require(set.first).value, parts.count == 2,
            case .variable(let name, _) = parts[0]
        else { return fail("not a concat of a variable and a string: \(set)") }
        #expect(name == "SEGMENT_CONNECTION_DB")
        #expect(parts[1] == .string(".__segment_reverse_etl"))
        guard case .concat(let piped) = try #require(assignments("SET s = $db || '.' || 'x'").first).value else {
            return fail("|| is not a concat")
        }
        #expect(piped.count == 3)
        #expect(piped.dropFirst().map { $0 } == [.string("."), .string("x")])
    }

    @Test func setSeveralVariables() {
        let set = assignments("set (min, max) = (50, 2 * $min)")
        #expect(set.map(\.name.value) == ["MIN", "MAX"])
        #expect(set.map(\.value) == [.literal("50"), .other("2 * $min")])
        let query = assignments("set (a, b) = (select 1, 2)")
        #expect(query.map(\.value) == [.other("(select 1, 2)"), .other("(select 1, 2)")])
        #expect(
            assignments("set id = (select count(*) from table1) / 2").map(\.value) == [
                .other("(select count(*) from table1) / 2")
            ])
    }

    @Test func setWithTooFewValuesIsOneError() {
        let marked = MarkedText("SET (a, b) = 1️⃣(1)")
        let parsed = SQLParser.parse(marked.text, dialect: .snowflake)
        #expect(parsed.diagnostics.map(\.range.start) == [marked["1️⃣"]])
        #expect(
            parsed.diagnostics.first?.message
                == "SET names 2 variables but gives 1 values: each variable needs one value")
    }

    @Test func unset() {
        #expect(snowflake("unset v1").map(Self.unsetNames) == ["V1"])
        #expect(snowflake("unset (v1, v2)").map(Self.unsetNames) == ["V1", "V2"])
    }

    private static func unsetNames(_ kind: StatementKind) -> [String] {
        if case .unsetVariables(let names) = kind { return names.map(\.value) }
        return []
    }

    @Test func variablesAreNotRecordedAsNames() throws {
        #expect(try statement("SET db = 'MY_DB'").identifiers.isEmpty)
    }
}

@Suite("Snowflake names")
struct SnowflakeNameTests {
    @Test func identifierOfAVariable() throws {
        guard case .grant(let grant) = snowflake("GRANT ROLE identifier($role) TO USER IDENTIFIER($user)"),
            case .roles(let roles) = grant.target
        else { return fail("not a role grant") }
        #expect(roles.map(\.name.variable) == ["ROLE"])
        #expect(roles.map(\.name.value) == ["identifier($role)"])
        #expect(grant.grantees.map(\.kind) == [.user])
        #expect(grant.grantees.map(\.name?.variable) == ["USER"])
    }

    @Test func identifierOfAStringFoldsLikeAName() throws {
        let create = try statement("create or replace table identifier('my_db.my_schema.\"Mixed\"') (c1 number)")
        guard case .createTable(let table) = create.kind else { return fail("not CREATE TABLE") }
        #expect(table.name.parts.map(\.value) == ["MY_DB", "MY_SCHEMA", "Mixed"])
        #expect(table.name.parts.map(\.isQuoted) == [false, false, true])
        // Each part's offsets are its characters inside the string, for rewriting.
        let bytes = Array(create.text.utf8)
        #expect(
            table.name.parts.map { String(decoding: bytes[$0.offsets], as: UTF8.self) } == [
                "my_db", "my_schema", "\"Mixed\"",
            ])
        #expect(create.identifiers.map(\.value).prefix(3) == ["MY_DB", "MY_SCHEMA", "Mixed"])
    }

    @Test func identifierOfAnExpressionIsAPlaceholderName() throws {
        guard case .use(let use) = snowflake("USE SCHEMA identifier(concat($db, '.s'))") else {
            return fail("not USE")
        }
        #expect(use.name?.parts.map(\.isPlaceholder) == [true])
        #expect(use.name?.parts.map(\.value) == ["identifier(concat($db, '.s'))"])
        guard case .use(let template) = snowflake("USE SCHEMA identifier('{{ params.schema_name }}')") else {
            return fail("not USE")
        }
        #expect(template.name?.parts.map(\.isPlaceholder) == [true])
    }

    @Test func deeplyNestedIdentifierIsADiagnostic() {
        let depth = 500
        let sql =
            "USE ROLE IDENTIFIER(" + String(repeating: "(", count: depth) + "$r"
            + String(repeating: ")", count: depth) + ")"
        let parsed = SQLParser.parse(sql, dialect: .snowflake)
        #expect(parsed.diagnostics.map(\.rule) == [Rule.sqlNestingTooDeep.id])
        #expect(parsed.statements.count == 1)
    }

    @Test func deeplyNestedSetValueIsADiagnostic() {
        let sql = "SET v = " + String(repeating: "concat(", count: 400) + "'x'" + String(repeating: ")", count: 400)
        let parsed = SQLParser.parse(sql, dialect: .snowflake)
        #expect(parsed.diagnostics.map(\.rule) == [Rule.sqlNestingTooDeep.id])
    }

    @Test func identifierIsAnOrdinaryWordElsewhere() {
        let parsed = SQLParser.parse("GRANT SELECT ON identifier TO ROLE r", dialect: .redshift)
        #expect(parsed.diagnostics.isEmpty)
    }
}

@Suite("Snowflake USE")
struct SnowflakeUseTests {
    private func use(_ sql: String, sourceLocation: Testing.SourceLocation = #_sourceLocation) -> UseStatement? {
        guard case .use(let use) = snowflake(sql, sourceLocation: sourceLocation) else {
            Issue.record("not USE: \(sql)", sourceLocation: sourceLocation)
            return nil
        }
        return use
    }

    @Test func useEachKind() {
        #expect(use("USE ROLE ACCOUNTADMIN")?.kind == .role)
        #expect(use("USE ROLE ACCOUNTADMIN")?.name?.dotted == "ACCOUNTADMIN")
        #expect(use("use warehouse my_warehouse")?.kind == .warehouse)
        #expect(use("use database my_database")?.kind == .database)
        #expect(use("USE SCHEMA \"MY_DATABASE\".\"MY_SCHEMA\"")?.name?.dotted == "MY_DATABASE.MY_SCHEMA")
        #expect(
            use("USE DATABASE identifier($linked_read_only_database)")?.name?.parts.first?.variable
                == "LINKED_READ_ONLY_DATABASE")
    }

    @Test func useWithoutAKeyword() {
        let database = use("USE \"MY_DATABASE\"")
        #expect(database?.kind == .database)
        #expect(database?.keywordRange == nil)
        #expect(use("USE mydb.myschema")?.kind == .schema)
    }

    @Test func secondaryRoles() {
        #expect(use("USE SECONDARY ROLES ALL")?.secondaryRoles == .all)
        #expect(use("USE SECONDARY ROLES NONE")?.secondaryRoles == SecondaryRoles.none)
        guard case .roles(let roles)? = use("USE SECONDARY ROLES a, b")?.secondaryRoles else {
            return fail("no roles")
        }
        #expect(roles.map(\.value) == ["A", "B"])
    }
}

@Suite("Snowflake CREATE and ALTER")
struct SnowflakeDDLTests {
    @Test func createWarehouseWithProperties() {
        let sql = """
            CREATE WAREHOUSE IF NOT EXISTS segment_reverse_etl
             WITH WAREHOUSE_SIZE = 'XSMALL'
               WAREHOUSE_TYPE = 'STANDARD'
               AUTO_SUSPEND = 600 -- 5 minutes
               AUTO_RESUME = TRUE
            """
        guard case .createWarehouse(let warehouse) = snowflake(sql) else { return fail("not CREATE WAREHOUSE") }
        #expect(warehouse.name.value == "SEGMENT_REVERSE_ETL")
        #expect(warehouse.ifNotExists && !warehouse.orReplace)
        #expect(
            warehouse.properties.map(\.name) == ["WAREHOUSE_SIZE", "WAREHOUSE_TYPE", "AUTO_SUSPEND", "AUTO_RESUME"])
        #expect(
            warehouse.properties.map(\.value) == [
                .string("XSMALL"), .string("STANDARD"), .literal("600"), .literal("TRUE"),
            ])
        guard case .createWarehouse(let replaced) = snowflake("create or replace warehouse w warehouse_size=large")
        else { return fail("not CREATE WAREHOUSE") }
        #expect(replaced.orReplace)
        #expect(replaced.properties.map(\.value) == [.literal("LARGE")])
    }

    @Test func createDatabase() {
        guard
            case .createDatabase(let database) = snowflake(
                "CREATE DATABASE IF NOT EXISTS identifier($segment_connection_db)")
        else { return fail("not CREATE DATABASE") }
        #expect(database.ifNotExists)
        #expect(database.name.variable == "SEGMENT_CONNECTION_DB")
        guard case .createDatabase(let clone) = snowflake("CREATE OR REPLACE DATABASE d CLONE src COMMENT = 'x'") else {
            return fail("not CREATE DATABASE")
        }
        #expect(clone.orReplace)
        #expect(clone.options.map(\.kind) == [.other("CLONE"), .other("COMMENT")])
    }

    @Test func createSchemaManagedAccess() {
        guard
            case .createSchema(let schema) = snowflake("create transient schema if not exists db.s with managed access")
        else { return fail("not CREATE SCHEMA") }
        #expect(schema.name?.dotted == "DB.S")
        #expect(schema.ifNotExists && schema.isManagedAccess)
        guard case .createSchema(let plain) = snowflake("CREATE OR REPLACE SCHEMA s COMMENT = 'c'") else {
            return fail("not CREATE SCHEMA")
        }
        #expect(plain.orReplace && !plain.isManagedAccess)
    }

    @Test func createRoleAndDatabaseRole() {
        guard
            case .createRole(let role) = snowflake(
                "CREATE ROLE IF NOT EXISTS identifier($segment_connection_role)\nCOMMENT = 'Used for Segment Data Graph'"
            )
        else { return fail("not CREATE ROLE") }
        #expect(role.ifNotExists)
        #expect(role.name.variable == "SEGMENT_CONNECTION_ROLE")
        #expect(role.options.map(\.kind) == [.property(name: "COMMENT", value: .string("Used for Segment Data Graph"))])
        guard
            case .createDatabaseRole(let databaseRole) = snowflake("create database role dbname.rolename comment = 'T'")
        else { return fail("not CREATE DATABASE ROLE") }
        #expect(databaseRole.name.dotted == "DBNAME.ROLENAME")
    }

    @Test func createUserEveryProperty() throws {
        let sql = """
            CREATE USER IF NOT EXISTS identifier($segment_connection_username)
            MUST_CHANGE_PASSWORD = FALSE
            DEFAULT_ROLE = $segment_connection_role
            PASSWORD = $segment_connection_password
            COMMENT = 'Segment Data Graph User'
            TIMEZONE = 'UTC'
            """
        let created = try statement(sql)
        guard case .createUser(let user) = created.kind else { return fail("not CREATE USER") }
        #expect(user.ifNotExists)
        #expect(user.name.variable == "SEGMENT_CONNECTION_USERNAME")
        let kinds = user.options.map(\.kind)
        #expect(kinds[0] == .property(name: "MUST_CHANGE_PASSWORD", value: .literal("FALSE")))
        #expect(kinds[1] == .property(name: "DEFAULT_ROLE", value: .variable("SEGMENT_CONNECTION_ROLE")))
        guard case .password(.parameter(let text), _, _) = kinds[2] else { return fail("no password option") }
        #expect(text == "$segment_connection_password")
        #expect(kinds[3] == .property(name: "COMMENT", value: .string("Segment Data Graph User")))
        #expect(created.passwords.count == 1)
    }

    @Test func createUserWithKeyPairAndType() throws {
        let sql = """
            create or replace user u1
                type = service
                login_name = 'test login'
                default_role = my_role
                default_warehouse = wh
                default_namespace = db.sch
                default_secondary_roles = ('ALL')
                rsa_public_key = 'MIIB'
                rsa_public_key_2 = 'MIIC'
                email = 'a@b.c'
                disabled = false
            """
        let created = try statement(sql)
        guard case .createUser(let user) = created.kind else { return fail("not CREATE USER") }
        #expect(user.orReplace)
        #expect(user.name.value == "U1")
        let names = user.options.compactMap { option -> String? in
            if case .property(let name, _) = option.kind { return name }
            return nil
        }
        #expect(
            names == [
                "TYPE", "LOGIN_NAME", "DEFAULT_ROLE", "DEFAULT_WAREHOUSE", "DEFAULT_NAMESPACE",
                "DEFAULT_SECONDARY_ROLES", "RSA_PUBLIC_KEY", "RSA_PUBLIC_KEY_2", "EMAIL", "DISABLED",
            ])
        let values = user.options.compactMap { option -> PropertyValue? in
            if case .property(_, let value) = option.kind { return value }
            return nil
        }
        #expect(values[0] == .literal("SERVICE"))
        #expect(values[4].normalizedText == "DB.SCH")
        #expect(values[5] == .other("('ALL')"))
        // Names in properties are recorded, so that rewriting follows them.
        #expect(created.identifiers.map(\.value) == ["U1", "MY_ROLE", "WH", "DB", "SCH"])
        #expect(created.passwords.isEmpty)
    }

    @Test func aPasswordInAVariableIsASecretAndNamesAreRewritten() throws {
        let set = try statement("SET segment_connection_password = 'my-safe-password'")
        #expect(set.secretLiterals.map(\.value) == ["my-safe-password"])
        #expect(
            SQLRewriter.render(set, identifiers: [:], password: { _ in "'&pw'" })
                == "SET segment_connection_password = '&pw'")
        let grant = try statement("GRANT USAGE ON DATABASE segment_db TO ROLE \"Mixed\"")
        #expect(
            SQLRewriter.render(
                grant, identifiers: ["SEGMENT_DB": "OTHER_DB", "Mixed": "\"Other\""], password: { _ in nil })
                == "GRANT USAGE ON DATABASE OTHER_DB TO ROLE \"Other\"")
    }

    /// A secret the grammar cannot read (a statement with a syntax error) still names its owner.
    @Test func secretOwnerPastIfNotExistsAndIdentifier() {
        let tokens = SQLLexer.tokenize(
            "CREATE USER IF NOT EXISTS identifier($u) PASSWORD = 'Secret1' PASSWORD", dialect: .snowflake)
        let secrets = SecretLiteral.find(in: tokens)
        #expect(secrets.map(\.value) == ["Secret1"])
        #expect(secrets.map(\.owner?.variable) == ["U"])
        let plain = SecretLiteral.find(
            in: SQLLexer.tokenize("CREATE USER IF NOT EXISTS bob PASSWORD = 'x'", dialect: .snowflake))
        #expect(plain.map(\.owner?.value) == ["bob"])
    }

    /// Names and strings quoted for Snowflake read back as the same value.
    @Test func quotingForSnowflake() throws {
        #expect(SQLQuoting.identifier("SEGMENT_ROLE", in: .snowflake) == "SEGMENT_ROLE")
        #expect(SQLQuoting.identifier("segment_role", in: .snowflake) == "\"segment_role\"")
        #expect(SQLQuoting.identifier("TABLE", in: .snowflake) == "\"TABLE\"")
        #expect(SQLQuoting.identifier("A\"B", in: .snowflake) == "\"A\"\"B\"")
        #expect(SQLQuoting.identifier("segment_role", in: .redshift) == "segment_role")
        #expect(SQLQuoting.literal(#"it's a \ b"#, in: .snowflake) == #"'it''s a \\ b'"#)
        for value in ["SEGMENT_ROLE", "segment_role", "Mixed Case", "TABLE", "A\"B"] {
            let parsed = try statement("USE ROLE " + SQLQuoting.identifier(value, in: .snowflake))
            guard case .use(let use) = parsed.kind else { return fail("not USE") }
            #expect(use.name?.parts.map(\.value) == [value])
        }
        for value in [#"it's"#, #"a\b"#, "x''y"] {
            let parsed = try statement("SET v = " + SQLQuoting.literal(value, in: .snowflake))
            guard case .setVariables(let list) = parsed.kind else { return fail("not SET") }
            #expect(list.first?.value == .string(value))
        }
    }

    @Test func misspeltUserPropertyHasADidYouMean() throws {
        let marked = MarkedText("CREATE USER u 1️⃣DEFAULT_RLE = r TIMEZONE = 'UTC'")
        let parsed = SQLParser.parse(marked.text, dialect: .snowflake)
        let diagnostic = try #require(parsed.diagnostics.first)
        #expect(parsed.diagnostics.count == 1)
        #expect(diagnostic.range.start == marked["1️⃣"])
        #expect(diagnostic.message == "unknown property 'DEFAULT_RLE'; did you mean DEFAULT_ROLE?")
        let fixIt = try #require(diagnostic.fixIts.first)
        #expect(SQLParser.parse(applyingOnOneLine(fixIt, to: marked.text), dialect: .snowflake).diagnostics.isEmpty)
        let alter = SQLParser.parse("ALTER USER u SET must_change_pasword = true", dialect: .snowflake)
        #expect(
            alter.diagnostics.map(\.message) == [
                "unknown property 'must_change_pasword'; did you mean MUST_CHANGE_PASSWORD?"
            ])
    }

    @Test func createUserWithALiteralPasswordIsASecret() throws {
        let created = try statement("CREATE USER u PASSWORD = 'Secret123' DEFAULT_ROLE = r")
        #expect(created.passwords.map(\.spec) == [.literal(value: "Secret123", isPlaceholder: false)])
        let rendered = SQLRewriter.render(created, identifiers: [:], password: { _ in "'&pw'" })
        #expect(rendered == "CREATE USER u PASSWORD = '&pw' DEFAULT_ROLE = r")
    }

    @Test func alterUser() {
        func action(_ sql: String, sourceLocation: Testing.SourceLocation = #_sourceLocation) -> AlterUser.Action? {
            guard case .alterUser(let alter) = snowflake(sql, sourceLocation: sourceLocation) else {
                Issue.record("not ALTER USER: \(sql)", sourceLocation: sourceLocation)
                return nil
            }
            return alter.action
        }
        guard case .options(let options)? = action("ALTER USER my_user SET password = 'abc123', DEFAULT_ROLE = r")
        else { return fail("no options") }
        #expect(options.count == 2)
        if case .password(.literal("abc123", false), _, _) = options[0].kind {
        } else {
            Issue.record("PASSWORD is not a password option")
        }
        #expect(
            action("ALTER USER my_user unset USE_CACHED_RESULT, must_change_password")
                == .unsetProperties([
                    "USE_CACHED_RESULT", "MUST_CHANGE_PASSWORD",
                ]))
        #expect(action("ALTER USER my_user RESET PASSWORD") == .other("RESET PASSWORD"))
        #expect(action("ALTER USER IF EXISTS my_user ABORT ALL QUERIES") == .other("ABORT ALL QUERIES"))
        #expect(
            action("ALTER USER u ADD DELEGATED AUTHORIZATION OF ROLE r TO SECURITY INTEGRATION i")
                == .other("ADD DELEGATED AUTHORIZATION"))
        guard case .rename(let name)? = action("ALTER USER IF EXISTS my_user RENAME TO \"new_name\"") else {
            return fail("not RENAME")
        }
        #expect(name.value == "new_name")
    }

    @Test func alterRoleAndWarehouse() {
        guard case .alterRole(let role) = snowflake("ALTER ROLE IF EXISTS r SET COMMENT = 'c'"),
            case .options(let options) = role.action
        else { return fail("not ALTER ROLE … SET") }
        #expect(options.map(\.kind) == [.property(name: "COMMENT", value: .string("c"))])
        #expect(snowflake("ALTER ROLE r UNSET TAG t1, t2").map(Self.alterRoleAction) == .other("UNSET TAG"))
        #expect(snowflake("alter warehouse LOAD_WH RESUME IF SUSPENDED") == .opaque(keyword: "ALTER WAREHOUSE"))
        #expect(snowflake("ALTER WAREHOUSE SET WAREHOUSE_SIZE='X-LARGE'") == .opaque(keyword: "ALTER WAREHOUSE"))
    }

    private static func alterRoleAction(_ kind: StatementKind) -> AlterUser.Action? {
        if case .alterRole(let alter) = kind { return alter.action }
        return nil
    }

    @Test func dropWarehouseAndDatabaseRole() {
        #expect(
            snowflake("DROP WAREHOUSE IF EXISTS w").map(Self.dropType) == "WAREHOUSE")
        #expect(snowflake("DROP DATABASE ROLE d.r").map(Self.dropType) == "DATABASE ROLE")
        #expect(snowflake("DROP STAGE IF EXISTS s") == .opaque(keyword: "DROP STAGE"))
    }

    private static func dropType(_ kind: StatementKind) -> String? {
        if case .drop(let drop) = kind { return drop.objectType }
        return nil
    }

    @Test func otherObjectsAreKeptWithTheirNames() throws {
        let stage = try statement("CREATE OR REPLACE STAGE my_stage URL = 's3://b/p' FILE_FORMAT = (TYPE = CSV)")
        #expect(stage.kind == .opaque(keyword: "CREATE STAGE"))
        #expect(stage.identifiers.map(\.value) == ["MY_STAGE"])
        let parsed = SQLParser.parse("CREATE FROBNICATOR f", dialect: .snowflake)
        #expect(parsed.diagnostics.map(\.message) == ["'CREATE FROBNICATOR' is not a Snowflake statement"])
    }
}

@Suite("Snowflake GRANT and REVOKE")
struct SnowflakeGrantTests {
    @Test func onAccountWithMultiWordPrivileges() {
        let statement = grant("GRANT CREATE DATABASE, MANAGE GRANTS ON ACCOUNT TO ROLE r")
        #expect(statement?.target == .account)
        #expect(privilegeNames(statement) == ["CREATE DATABASE", "MANAGE GRANTS"])
    }

    @Test func onAccountLevelObjects() {
        for (sql, kind) in [
            ("GRANT USAGE ON WAREHOUSE identifier($wh) TO ROLE identifier($r)", ObjectKind.warehouse),
            ("GRANT CREATE SCHEMA ON DATABASE d TO ROLE r", .database),
            ("GRANT USE_ANY_ROLE ON INTEGRATION EXTERNAL_OAUTH_1 TO ROLE1", .integration),
            ("GRANT MONITOR ON USER SOME_USER TO ROLE MY_ROLE", .user),
            ("GRANT CREATE TABLE ON SCHEMA __segment_reverse_etl TO ROLE r", .schema),
            ("GRANT SELECT ON VIEW MYDB.S.VIEW1 TO SHARE SHARE1", .view),
            ("GRANT SELECT ON TABLE d.s.t TO ROLE r", .table),
            ("GRANT USAGE ON NOTEBOOK d.s.n TO ROLE r", .otherSnowflake),
        ] {
            guard case .objects(let found, let names, true)? = grant(sql)?.target else {
                Issue.record("not ON \(kind): \(sql)")
                continue
            }
            #expect(found == kind, "\(sql)")
            #expect(names.count == 1)
        }
        guard case .objects(.table, let names, false)? = grant("GRANT SELECT ON s.t TO ROLE r")?.target else {
            return fail("ON s.t is a table")
        }
        #expect(names.map(\.dotted) == ["S.T"])
    }

    @Test func onRoutines() {
        guard
            case .routines(.function, let signatures)? = grant(
                "REVOKE ALL PRIVILEGES ON FUNCTION add5(number) FROM ROLE a")?.target
        else { return fail("not ON FUNCTION") }
        #expect(signatures.map(\.arguments) == ["number"])
    }

    @Test func onAllAndFuture() {
        guard
            case .allInDatabase(.schema, let database)? = grant(
                "GRANT USAGE ON ALL SCHEMAS IN DATABASE identifier($db) TO ROLE identifier($r)")?.target
        else { return fail("not ON ALL SCHEMAS IN DATABASE") }
        #expect(database.parts.first?.variable == "DB")
        guard
            case .allInSchema(.externalTable, let schemas)? = grant(
                "GRANT SELECT ON ALL EXTERNAL TABLES IN SCHEMA d.s TO ROLE r")?.target
        else { return fail("not ON ALL EXTERNAL TABLES IN SCHEMA") }
        #expect(schemas.map(\.dotted) == ["D.S"])
        guard
            case .future(.materializedView, nil, let futureDatabase?, _)? = grant(
                "GRANT SELECT ON FUTURE MATERIALIZED VIEWS IN DATABASE d TO ROLE r")?.target
        else { return fail("not ON FUTURE … IN DATABASE") }
        #expect(futureDatabase.dotted == "D")
        guard
            case .future(.table, let schema?, nil, _)? = grant(
                "REVOKE SELECT, INSERT ON FUTURE TABLES IN SCHEMA MYDB.MYSCHEMA FROM ROLE ROLE1")?.target
        else { return fail("not ON FUTURE … IN SCHEMA") }
        #expect(schema.dotted == "MYDB.MYSCHEMA")
    }

    @Test func grantees() {
        let cases: [(String, Grantee.Kind, String?, String?)] = [
            ("GRANT USAGE ON DATABASE d TO ROLE r", .role, "R", nil),
            ("GRANT USAGE ON DATABASE d TO r", .role, "R", nil),
            ("GRANT ROLE r TO USER u", .user, "U", nil),
            ("GRANT SELECT ON TABLE d.s.t TO DATABASE ROLE d.dr", .databaseRole, "DR", "D"),
            ("GRANT USAGE ON DATABASE d TO SHARE s", .share, "S", nil),
            ("GRANT IMPORTED PRIVILEGES ON SCHEMA d.s TO APPLICATION app", .application, "APP", nil),
        ]
        for (sql, kind, name, database) in cases {
            let found = grant(sql)?.grantees.first
            #expect(found?.kind == kind, "\(sql)")
            #expect(found?.name?.value == name, "\(sql)")
            #expect(found?.database?.value == database, "\(sql)")
        }
        #expect(grant("GRANT USAGE ON DATABASE d TO r")?.grantees.first?.keywordRange == nil)
    }

    @Test func roleGrants() {
        guard case .roles(let roles)? = grant("GRANT DATABASE ROLE DBNAME.ROLENAME TO ROLE PUBLIC")?.target else {
            return fail("not a database role grant")
        }
        #expect(roles.map(\.isDatabaseRole) == [true])
        #expect(roles.map(\.database?.value) == ["DBNAME"])
        #expect(roles.map(\.name.value) == ["ROLENAME"])
        let revoke = grant("REVOKE ROLE ANALYST FROM ROLE SYSADMIN")
        #expect(revoke?.action == .revoke)
        guard case .roles(let revoked)? = revoke?.target else { return fail("not a role revoke") }
        #expect(revoked.map(\.name.value) == ["ANALYST"])
        #expect(snowflake("GRANT APPLICATION ROLE app.r TO ROLE PUBLIC") == .opaque(keyword: "GRANT APPLICATION ROLE"))
    }

    @Test func ownershipAndOptions() {
        let ownership = grant("GRANT OWNERSHIP ON ALL TABLES IN SCHEMA MYDB.PUBLIC TO ROLE ANALYST COPY CURRENT GRANTS")
        #expect(privilegeNames(ownership) == ["OWNERSHIP"])
        #expect(ownership?.currentGrants == "COPY")
        #expect(grant("GRANT OWNERSHIP ON ROLE a TO ROLE b REVOKE CURRENT GRANTS")?.currentGrants == "REVOKE")
        guard case .objects(.role, _, true)? = grant("GRANT OWNERSHIP ON ROLE a TO ROLE b")?.target else {
            return fail("ON ROLE is an object")
        }
        #expect(grant("GRANT OPERATE ON WAREHOUSE w TO ROLE r WITH GRANT OPTION")?.grantOptionRange != nil)
        let revoke = grant("REVOKE GRANT OPTION FOR OPERATE ON WAREHOUSE w FROM ROLE r CASCADE")
        #expect(revoke?.grantOptionRange != nil)
        #expect(revoke?.behavior == "CASCADE")
    }

    @Test func oneGranteePerStatement() {
        let marked = MarkedText("GRANT USAGE ON DATABASE d TO ROLE a1️⃣, ROLE b")
        let parsed = SQLParser.parse(marked.text, dialect: .snowflake)
        #expect(parsed.diagnostics.map(\.range.start) == [marked["1️⃣"]])
    }

    @Test(arguments: [
        ("GRANT USAGE ON 1️⃣WAREHOSUE w TO ROLE r", "unknown object type 'WAREHOSUE'; did you mean WAREHOUSE?"),
        ("GRANT SELECT ON FUTURE 1️⃣tabels IN SCHEMA s TO ROLE r", "unknown object type 'tabels'; did you mean TABLES?"),
        (
            "GRANT SELECT ON ALL 1️⃣MATERIALISED VIEWS IN DATABASE d TO ROLE r",
            "unknown object type 'MATERIALISED VIEWS'; did you mean MATERIALIZED VIEWS?"
        ),
    ])
    func misspeltObjectTypeHasADidYouMean(sql: String, message: String) throws {
        let marked = MarkedText(sql)
        let parsed = SQLParser.parse(marked.text, dialect: .snowflake)
        let diagnostic = try #require(parsed.diagnostics.first)
        #expect(parsed.diagnostics.count == 1)
        #expect(diagnostic.range.start == marked["1️⃣"])
        #expect(diagnostic.message == message)
        let fixIt = try #require(diagnostic.fixIts.first)
        #expect(SQLParser.parse(applyingOnOneLine(fixIt, to: marked.text), dialect: .snowflake).diagnostics.isEmpty)
    }

    @Test func misspeltPrivilegeHasADidYouMean() throws {
        let marked = MarkedText("GRANT 1️⃣OPERTE ON WAREHOUSE w TO ROLE r")
        let parsed = SQLParser.parse(marked.text, dialect: .snowflake)
        let diagnostic = try #require(parsed.diagnostics.first)
        #expect(diagnostic.rule == Rule.sqlUnknownPrivilege.id)
        #expect(diagnostic.range.start == marked["1️⃣"])
        #expect(diagnostic.message == "unknown privilege 'OPERTE'; did you mean OPERATE?")
    }
}

@Suite("Snowflake SHOW")
struct SnowflakeShowTests {
    @Test func showGrantsForms() {
        func subject(_ sql: String, sourceLocation: Testing.SourceLocation = #_sourceLocation) -> ShowGrants.Subject? {
            guard case .showGrants(let show) = snowflake(sql, sourceLocation: sourceLocation) else {
                Issue.record("not SHOW GRANTS: \(sql)", sourceLocation: sourceLocation)
                return nil
            }
            return show.subject
        }
        #expect(subject("SHOW GRANTS") == .current)
        #expect(subject("SHOW GRANTS ON ACCOUNT") == .onAccount)
        guard case .on(.database, let database)? = subject("SHOW GRANTS ON DATABASE foo") else {
            return fail("not ON DATABASE")
        }
        #expect(database.dotted == "FOO")
        guard case .to(.role, let role)? = subject("SHOW GRANTS TO ROLE bar") else { return fail("not TO ROLE") }
        #expect(role.dotted == "BAR")
        guard case .to(.user, _)? = subject("SHOW GRANTS TO USER u") else { return fail("not TO USER") }
        guard case .of(.role, _)? = subject("SHOW GRANTS OF ROLE bar") else { return fail("not OF ROLE") }
        guard case .to(.databaseRole, let databaseRole)? = subject("SHOW GRANTS TO DATABASE ROLE d.r") else {
            return fail("not TO DATABASE ROLE")
        }
        #expect(databaseRole.dotted == "D.R")
        guard case .futureInSchema(let schema)? = subject("SHOW FUTURE GRANTS IN SCHEMA d.s") else {
            return fail("not FUTURE IN SCHEMA")
        }
        #expect(schema.dotted == "D.S")
        guard case .futureInDatabase(_)? = subject("SHOW FUTURE GRANTS IN DATABASE d") else {
            return fail("not FUTURE IN DATABASE")
        }
    }

    @Test func otherShowRecordsTheContainer() throws {
        let show = try statement("show tables in schema identifier('my_schema')")
        #expect(show.kind == .show("TABLES IN SCHEMA IDENTIFIER('MY_SCHEMA')"))
        #expect(show.identifiers.map(\.value) == ["MY_SCHEMA"])
        #expect(snowflake("SHOW SCHEMAS") == .show("SCHEMAS"))
    }
}

@Suite("Snowflake queries and other statements")
struct SnowflakeQueryTests {
    private func reads(_ sql: String, sourceLocation: Testing.SourceLocation = #_sourceLocation) -> [String] {
        guard case .select(let query) = snowflake(sql, sourceLocation: sourceLocation) else {
            Issue.record("not a query: \(sql)", sourceLocation: sourceLocation)
            return []
        }
        return query.reads.map(\.dotted)
    }

    @Test func qualifyPathsFlattenAndTrailingComma() {
        #expect(reads("select a from t qualify row_number() over (partition by a order by a) = 1") == ["T"])
        #expect(reads("select v:from:to::string as x, v:a[0].b from raw_t") == ["RAW_T"])
        #expect(reads("select value from raw_tickets, lateral flatten(input => custom_fields)") == ["RAW_TICKETS"])
        #expect(reads("select a, b, from t") == ["T"])
        #expect(reads("select * from t where name ilike 'a%'") == ["T"])
        #expect(reads("select * from t at(timestamp => '2024-01-01'::timestamp) x") == ["T"])
        #expect(reads("select $1:a from @my_stage/p") == [])
    }

    /// A table function's rows are no relation: the query reads only the tables around it.
    @Test func tableFunctionsInFrom() {
        #expect(reads("SELECT * FROM TABLE(RESULT_SCAN(LAST_QUERY_ID()))") == [])
        #expect(reads("select * from table(result_scan(last_query_id(-2))) as r where r.\"privilege\" = 'USAGE'") == [])
        #expect(reads("SELECT f.value FROM db.s.t, TABLE(FLATTEN(input => t.v)) f") == ["DB.S.T"])
        #expect(reads("SELECT * FROM db.s.t JOIN TABLE(FLATTEN(input => t.v)) f ON true") == ["DB.S.T"])
        // Redshift reserves TABLE and has no TABLE(…) in FROM.
        expectDiagnostics(
            "SELECT * FROM 1️⃣TABLE(RESULT_SCAN(LAST_QUERY_ID()))", rules: [Rule.sqlSyntax.id],
            expected: [("1️⃣", Rule.sqlSyntax.id)], dialect: .redshift)
    }

    @Test func aVariableTableIsRead() throws {
        guard case .select(let query) = snowflake("SELECT * FROM identifier($table_name) LIMIT 10") else {
            return fail("not a query")
        }
        #expect(query.reads.first?.parts.first?.variable == "TABLE_NAME")
    }

    @Test func executeImmediateAndStageCommandsAreKept() {
        #expect(snowflake("EXECUTE IMMEDIATE $pie USING (one, two)") == .opaque(keyword: "EXECUTE"))
        #expect(snowflake("PUT file:///tmp/x.csv @my_stage") == .opaque(keyword: "PUT"))
        #expect(snowflake("COPY INTO t FROM @my_stage") == .opaque(keyword: "COPY"))
        #expect(snowflake("DESC USER u") == .opaque(keyword: "DESC"))
        #expect(snowflake("INSERT OVERWRITE INTO identifier($t) SELECT * FROM s") == .opaque(keyword: "INSERT"))
        let parsed = SQLParser.parse("SHOW GRANTS TO DATABASE ROLE", dialect: .snowflake)
        #expect(parsed.diagnostics.map(\.message) == ["expected a name after TO DATABASE ROLE, found end of statement"])
    }

    @Test func snowflakeWordsAreNotUnknownButTyposAre() throws {
        let marked = MarkedText("UNSET v;\nUSE ROLE r;\nSHOW GRANTS;\n1️⃣UNSETT v;")
        let parsed = SQLParser.parse(marked.text, dialect: .snowflake)
        let diagnostic = try #require(parsed.diagnostics.first)
        #expect(parsed.diagnostics.count == 1)
        #expect(diagnostic.rule == Rule.sqlUnknownStatement.id)
        #expect(diagnostic.range.start == marked["1️⃣"])
        #expect(diagnostic.message == "unknown statement 'UNSETT'; did you mean UNSET?")
        #expect(SQLParser.parse("UNSET v", dialect: .redshift).diagnostics.map(\.rule) == [Rule.sqlUnknownStatement.id])
    }

    @Test func missingSemicolonBeforeSet() throws {
        let marked = MarkedText("GRANT USAGE ON DATABASE d TO ROLE r1️⃣\nSET x = 'y';")
        let parsed = SQLParser.parse(marked.text, dialect: .snowflake)
        let diagnostic = try #require(parsed.diagnostics.first)
        #expect(parsed.diagnostics.count == 1)
        #expect(diagnostic.range.start == marked["1️⃣"])
        #expect(diagnostic.message == "missing ';' after the statement: 'SET' starts the next one")
        #expect(parsed.statements.count == 2)
        if case .setVariables = parsed.statements.last?.kind {} else { Issue.record("the SET is not read") }
    }

    @Test func aLiteralPasswordSuggestsASnowSQLVariable() {
        expectDiagnostics(
            "CREATE USER IF NOT EXISTS identifier($u) PASSWORD = 1️⃣'Secret123'", rules: [Rule.sqlPasswordLiteral.id],
            expected: [("1️⃣", Rule.sqlPasswordLiteral.id)], dialect: .snowflake)
        let statements = parseClean(
            "CREATE USER IF NOT EXISTS identifier($u) PASSWORD = 'Secret123'", dialect: .snowflake)
        let messages = SQLChecks.run(statements, context: SQLCheckContext(dialect: .snowflake)).map(\.message)
        #expect(
            messages == ["the password of '$U' is hard-coded; pass it as a SnowSQL variable, for example &{u_password}"]
        )
    }

    /// OR REPLACE and IF NOT EXISTS are mutually exclusive in Snowflake: one error at IF NOT EXISTS, whatever
    /// the object, and each clause alone is fine.
    @Test func orReplaceWithIfNotExistsIsAnError() {
        expectDiagnostics(
            """
            CREATE OR REPLACE ROLE 1️⃣IF NOT EXISTS r1;
            CREATE OR REPLACE DATABASE 2️⃣IF NOT EXISTS d1;
            CREATE OR REPLACE TRANSIENT SCHEMA 3️⃣IF NOT EXISTS d1.s1;
            CREATE OR REPLACE TABLE 4️⃣IF NOT EXISTS d1.s1.t (a int);
            CREATE OR REPLACE SECURE VIEW 5️⃣IF NOT EXISTS d1.s1.v AS SELECT 1;
            CREATE OR REPLACE STAGE 6️⃣IF NOT EXISTS d1.s1.st;
            CREATE OR REPLACE WAREHOUSE 7️⃣if not exists w1;
            CREATE OR REPLACE ROLE r2;
            CREATE ROLE IF NOT EXISTS r3;
            CREATE OR ALTER WAREHOUSE w2;
            """, rules: [Rule.sqlSyntax.id],
            expected: (1...7).map { (String(MarkedText.markers[$0 - 1]), Rule.sqlSyntax.id) }, dialect: .snowflake)
        let parsed = SQLParser.parse("CREATE OR REPLACE USER IF NOT EXISTS u", dialect: .snowflake)
        #expect(
            parsed.diagnostics.map(\.message) == [
                "Snowflake rejects OR REPLACE together with IF NOT EXISTS: keep one (OR REPLACE drops and recreates "
                    + "the object, IF NOT EXISTS leaves an existing one as it is)"
            ])
        #expect(parsed.diagnostics.first.map { $0.range.end.column - $0.range.start.column } == "IF NOT EXISTS".count)
    }

    @Test func createDatabaseInATransactionIsFineInSnowflake() {
        let statements = parseClean("BEGIN; CREATE DATABASE d; COMMIT;", dialect: .snowflake)
        #expect(SQLChecks.run(statements, context: SQLCheckContext(dialect: .snowflake)).isEmpty)
    }
}

@Suite("Snowflake bad input")
struct SnowflakeBadInputTests {
    /// 10,000 variables in one SET and in 10,000 SETs: a size that would hang a quadratic parser.
    @Test func tenThousandVariables() {
        let count = 10_000
        let names = (1...count).map { "v\($0)" }.joined(separator: ", ")
        let values = (1...count).map { "'x\($0)'" }.joined(separator: ", ")
        let one = SQLParser.parse("SET (\(names)) = (\(values));", dialect: .snowflake)
        #expect(one.diagnostics.isEmpty)
        guard case .setVariables(let assignments)? = one.statements.first?.kind else {
            return fail("not SET")
        }
        #expect(assignments.count == count)
        #expect(assignments.last?.value == .string("x\(count)"))
        let many = SQLParser.parse(
            (1...count).map { "SET v\($0) = $v\($0 - 1);" }.joined(separator: "\n"), dialect: .snowflake)
        #expect(many.diagnostics.isEmpty)
        #expect(many.statements.count == count)
    }

    /// Random Snowflake-flavoured token soup: every byte kept in a token, no crash, no hang.
    @Test func randomSnowflakeInput() {
        let alphabet = [
            "IDENTIFIER", "(", ")", "$v", "'a.b'", "'\"Q\".x'", "SET", "UNSET", "GRANT", "REVOKE", "ON", "FUTURE",
            "ALL",
            "IN", "SCHEMA", "DATABASE", "ROLE", "TO", "FROM", "=", ",", ";", ":", "::", "WITH", "MANAGED", "ACCESS",
            "CREATE", "OR", "REPLACE", "USER", "WAREHOUSE", "USE", "SHOW", "GRANTS", "concat", "||", "$$x$$", "@s/p",
            "// c\n", "SELECT", "v", "[", "]", ".", "TABLES", "PASSWORD", "'pw'", "IF", "NOT", "EXISTS", " ", "\n",
            "DROP", "ALTER", "SECONDARY", "ROLES", "OWNERSHIP", "COPY", "CURRENT", "QUALIFY", "1", "-", "\\", "'",
        ]
        var state: UInt64 = 0x2545_F491_4F6C_DD1D
        func next(_ bound: Int) -> Int {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int((state >> 33) % UInt64(bound))
        }
        for _ in 0..<3_000 {
            let text = (0..<next(40)).map { _ in alphabet[next(alphabet.count)] }.joined(separator: " ")
            #expect(SQLLexer.tokenize(text, dialect: .snowflake).map(\.text).joined() == text)
            let parsed = SQLParser.parse(text, dialect: .snowflake)
            for statement in parsed.statements {
                #expect(statement.tokens.map(\.text).joined() == statement.text)
                _ = SQLRewriter.render(statement, identifiers: ["V": "W"], password: { _ in "'&p'" })
            }
            _ = SQLChecks.run(parsed.statements, context: SQLCheckContext(dialect: .snowflake))
        }
    }

    @Test func aVariableThatRefersToItselfParses() {
        guard case .setVariables(let assignments) = snowflake("SET a = $a || 'x'") else { return fail("not SET") }
        guard case .concat(let parts) = assignments.first?.value, case .variable("A", _) = parts.first else {
            return fail("not a concat of $a")
        }
    }
}
