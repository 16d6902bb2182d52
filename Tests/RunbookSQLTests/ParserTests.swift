import RunbookDiagnostics
import RunbookSQL
import RunbookTestSupport
import Testing

import struct RunbookDiagnostics.SourceLocation

@Suite("Parser: splitting")
struct SplittingTests {
    @Test func splitsOnSemicolonsOutsideQuotesAndComments() throws {
        let sql = """
            -- first
            -- second
            SELECT 'a;b', "c;d", $$e;f$$ /* g;h */ FROM t; -- trailing
            \\connect other
            GRANT ROLE a TO b
            """
        let statements = parseClean(sql)
        #expect(statements.count == 3)
        let select = try #require(statements.first)
        #expect(select.text == "SELECT 'a;b', \"c;d\", $$e;f$$ /* g;h */ FROM t")
        #expect(select.leadingComments == ["-- first", "-- second"])
        #expect(select.trailingComment == "-- trailing")
        #expect(select.range.start == SourceLocation(line: 3, column: 1))
        #expect(select.tokens.map(\.text).joined() == select.text)
        #expect(statements[1].kind == .metaCommand(MetaCommand(command: "connect", arguments: ["other"])))
        #expect(statements[2].text == "GRANT ROLE a TO b")
        #expect(statements[2].trailingComment == nil)
    }

    @Test func trailingCommentWithoutSemicolon() {
        let last = parseClean("GRANT ROLE a TO b; GRANT ROLE c TO d -- why")
        #expect(last.map(\.trailingComment) == [nil, "-- why"])
        let before = parseClean("GRANT ROLE a TO b -- why\n;")
        #expect(before.first?.trailingComment == "-- why")
        #expect(before.first?.text == "GRANT ROLE a TO b")
        let inside = parseClean("GRANT ROLE c -- inside\n TO d")
        #expect(inside.first?.trailingComment == nil)
        #expect(inside.first?.text == "GRANT ROLE c -- inside\n TO d")
    }

    @Test func syntaxErrorIsReportedOnceAndParsingResumes() throws {
        let text = MarkedText("GRANT SELECT 1️⃣FROM t TO u; GRANT SELECT ON t 2️⃣ROLE r; GRANT SELECT ON t TO u;")
        let parsed = SQLParser.parse(text.text, dialect: .redshift)
        #expect(parsed.statements.count == 3)
        #expect(parsed.diagnostics.count == 2)
        #expect(parsed.diagnostics.first?.message == "expected ON, FOR or TO after privilege list, found 'FROM'")
        #expect(parsed.diagnostics.map(\.range.start) == [text["1️⃣"], text["2️⃣"]])
        #expect(parsed.statements[0].kind == .invalid(keyword: "GRANT"))
        if case .grant = parsed.statements[2].kind {} else { Issue.record("third statement should parse") }
    }

    @Test func unknownStatementsAreOpaque() {
        #expect(kind("INSERT INTO t VALUES (1)") == .opaque(keyword: "INSERT"))
        #expect(kind("COPY t FROM 's3://b' IAM_ROLE 'arn'") == .opaque(keyword: "COPY"))
        #expect(
            kind("CREATE FUNCTION f() RETURNS int AS $$ SELECT 1; $$ LANGUAGE sql")
                == .opaque(
                    keyword: "CREATE FUNCTION"))
        #expect(kind("DO $$ BEGIN RAISE NOTICE 'x;y'; END $$", dialect: .postgres) == .opaque(keyword: "DO"))
        #expect(kind("CALL p(1)") == .opaque(keyword: "CALL"))
    }
}

@Suite("Parser: databases, schemas, users, roles, groups")
struct DDLTests {
    @Test func createDatabase() throws {
        guard
            case .createDatabase(let create) = kind(
                "CREATE DATABASE Segment_Workspace WITH OWNER = dba CONNECTION LIMIT UNLIMITED COLLATE CASE_INSENSITIVE"
            )
        else {
            Issue.record("not CREATE DATABASE")
            return
        }
        #expect(create.name.value == "segment_workspace")
        #expect(create.name.raw == "Segment_Workspace")
        #expect(
            create.options.map(\.kind) == [
                .owner(create.options[0].kind.ownerForTest!), .connectionLimit(.unlimited), .other("COLLATE"),
            ])
    }

    @Test func alterAndDropDatabase() {
        guard case .alterDatabase(let alter) = kind("ALTER DATABASE a RENAME TO b") else {
            Issue.record("not ALTER DATABASE")
            return
        }
        #expect(alter.name.dotted == "a")
        if case .rename(let name) = alter.action { #expect(name.value == "b") } else { Issue.record("not rename") }
        guard case .drop(let drop) = kind("DROP DATABASE IF EXISTS a") else {
            Issue.record("not DROP")
            return
        }
        #expect(drop.objectType == "DATABASE")
        #expect(drop.ifExists)
        #expect(drop.names.map(\.dotted) == ["a"])
    }

    @Test func createSchema() {
        guard
            case .createSchema(let schema) = kind(
                "CREATE SCHEMA IF NOT EXISTS \"Profiles_Sync\" AUTHORIZATION \"Bob\" QUOTA 50 GB")
        else {
            Issue.record("not CREATE SCHEMA")
            return
        }
        #expect(schema.name?.dotted == "profiles_sync")
        #expect(schema.ifNotExists)
        #expect(schema.authorization?.value == "Bob")
        #expect(schema.quota?.value == "50 GB")
        guard case .createSchema(let postgres) = kind("CREATE SCHEMA \"Profiles_Sync\"", dialect: .postgres) else {
            Issue.record("not CREATE SCHEMA")
            return
        }
        #expect(postgres.name?.dotted == "Profiles_Sync")
        guard case .createSchema(let byUser) = kind("CREATE SCHEMA AUTHORIZATION bob") else { return }
        #expect(byUser.name == nil)
        #expect(byUser.authorization?.value == "bob")
    }

    @Test func createUserOptions() throws {
        guard
            case .createUser(let user) = kind(
                """
                CREATE USER "Alice" WITH PASSWORD 'Abcd1234' CREATEDB NOCREATEUSER SYSLOG ACCESS UNRESTRICTED
                  IN GROUP g1, g2 VALID UNTIL '2030-01-01' CONNECTION LIMIT 10 SESSION TIMEOUT 3600
                """)
        else {
            Issue.record("not CREATE USER")
            return
        }
        #expect(user.name.value == "Alice")
        let kinds = user.options.map(\.kind)
        #expect(kinds.count == 8)
        if case .password(.literal(let value, let isPlaceholder), _, _) = kinds[0] {
            #expect(value == "Abcd1234")
            #expect(!isPlaceholder)
        } else {
            Issue.record("no password")
        }
        #expect(kinds[1] == .createDB(true))
        #expect(kinds[2] == .createUser(false))
        #expect(kinds[3] == .syslogAccess("UNRESTRICTED"))
        if case .inGroup(let groups) = kinds[4] { #expect(groups.map(\.value) == ["g1", "g2"]) }
        #expect(kinds[5] == .validUntil("2030-01-01"))
        #expect(kinds[6] == .connectionLimit(.limit(10)))
        #expect(kinds[7] == .sessionTimeout(3600))
    }

    @Test(arguments: [
        ("CREATE USER u PASSWORD DISABLE", PasswordSpec.disable),
        ("CREATE USER u PASSWORD NULL", .null),
        ("CREATE USER u PASSWORD \"Abcd1234\"", .quotedIdentifier(value: "Abcd1234")),
        ("CREATE USER u PASSWORD :'pw'", .parameter(text: ":'pw'")),
        (
            "CREATE USER u PASSWORD '<enter password here>'",
            .literal(value: "<enter password here>", isPlaceholder: true)
        ),
    ])
    func passwordForms(sql: String, expected: PasswordSpec) {
        guard case .createUser(let user) = kind(sql), case .password(let spec, _, _) = user.options.first?.kind else {
            Issue.record("no password option")
            return
        }
        #expect(spec == expected)
    }

    @Test func alterUser() {
        guard case .alterUser(let alter) = kind("ALTER USER u PASSWORD 'Abcd1234' CONNECTION LIMIT UNLIMITED") else {
            Issue.record("not ALTER USER")
            return
        }
        guard case .options(let options) = alter.action else {
            Issue.record("no options")
            return
        }
        #expect(options.count == 2)
        guard case .alterUser(let rename) = kind("ALTER USER u RENAME TO v") else { return }
        if case .rename(let name) = rename.action { #expect(name.value == "v") } else { Issue.record("rename") }
        guard case .alterUser(let set) = kind("ALTER USER u SET search_path TO a, b") else { return }
        #expect(set.action == .setParameter("search_path"))
    }

    @Test func rolesAndGroups() {
        guard case .createRole(let role) = kind("CREATE ROLE segment_linked_role") else {
            Issue.record("not CREATE ROLE")
            return
        }
        #expect(role.name.value == "segment_linked_role")
        #expect(role.options.isEmpty)
        guard case .createRole(let postgresRole) = kind("CREATE ROLE r WITH LOGIN NOINHERIT", dialect: .postgres) else {
            return
        }
        #expect(postgresRole.options.map(\.kind) == [.other("LOGIN"), .other("NOINHERIT")])
        guard case .createGroup(let group) = kind("CREATE GROUP analysts WITH USER a, b") else { return }
        #expect(group.name.value == "analysts")
        #expect(group.users.map(\.value) == ["a", "b"])
        guard case .alterGroup(let add) = kind("ALTER GROUP analysts ADD USER c") else { return }
        if case .addUsers(let users) = add.action { #expect(users.map(\.value) == ["c"]) }
        guard case .alterGroup(let remove) = kind("ALTER GROUP analysts DROP USER c, d") else { return }
        if case .dropUsers(let users) = remove.action { #expect(users.map(\.value) == ["c", "d"]) }
        guard case .drop(let drop) = kind("DROP ROLE r1, r2") else { return }
        #expect(drop.objectType == "ROLE")
        #expect(drop.names.map(\.dotted) == ["r1", "r2"])
    }
}

extension DatabaseOption.Kind {
    var ownerForTest: Identifier? {
        if case .owner(let owner) = self { return owner }
        return nil
    }
}
