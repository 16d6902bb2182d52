import Foundation
import RunbookDriver
import RunbookEmitters
import RunbookSQL
import Testing

/// Re-run guards, progress lines and the password guard, in the script text (the real server runs them in
/// EndToEndTests/RerunnableScriptTests).
@Suite struct ScriptGuardTests {
    static func script(_ markdown: String, dialect: SQLDialect = .redshift, plain: Bool = false) throws -> String {
        let compiled = RunbookCompiler().compile(path: "guide.md", bytes: Array(markdown.utf8))
        let variant = try #require(compiled.variants.first)
        return Builder.outputs(compiled, variants: [variant], dialect: dialect, plain: plain).files[0].contents
    }

    static let everyObject = """
        # Objects

        ### Step 1: Create everything

        ```sql
        CREATE DATABASE app_db;
        CREATE SCHEMA app;
        CREATE SCHEMA IF NOT EXISTS already_guarded;
        CREATE TABLE app.items (id int);
        CREATE TABLE loose (id int);
        CREATE VIEW app.recent AS SELECT * FROM app.items;
        CREATE ROLE app_role;
        CREATE GROUP app_group;
        CREATE USER app_user PASSWORD DISABLE;
        GRANT USAGE ON SCHEMA app TO ROLE app_role;
        DROP TABLE app.old;
        ```

        """

    @Test func everyCreatingStatementIsGuardedInRedshift() throws {
        let text = try Self.script(Self.everyObject)
        let expected = [
            "SELECT count(*) > 0 AS runbook_exists FROM pg_catalog.pg_database WHERE datname = 'app_db' \\gset",
            "SELECT count(*) > 0 AS runbook_exists FROM pg_catalog.pg_namespace WHERE nspname = 'app' \\gset",
            "SELECT count(*) > 0 AS runbook_exists FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace WHERE c.relname = 'items' AND n.nspname = 'app' \\gset",
            "SELECT count(*) > 0 AS runbook_exists FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace WHERE c.relname = 'loose' AND n.nspname = current_schema() \\gset",
            "SELECT count(*) > 0 AS runbook_exists FROM svv_roles WHERE role_name = 'app_role' \\gset",
            "SELECT count(*) > 0 AS runbook_exists FROM pg_catalog.pg_group WHERE groname = 'app_group' \\gset",
            "SELECT count(*) > 0 AS runbook_exists FROM pg_catalog.pg_user WHERE usename = 'app_user' \\gset",
        ]
        for line in expected { #expect(text.contains(line + "\n"), "\(line)\n\(text)") }
        let guardLines = text.split(separator: "\n").filter { $0.hasSuffix("\\gset") }
        // Nine guards: every CREATE but the one that says IF NOT EXISTS, and the DROP; no guard for the GRANT.
        #expect(guardLines.count == 9)
        #expect(
            text.contains(
                """
                \\if :runbook_exists
                \\echo 'Step 1: role app_role already exists, skipped'
                \\else
                CREATE ROLE app_role;
                \\endif
                """))
        #expect(
            text.contains(
                """
                \\if :runbook_exists
                DROP TABLE app.old;
                \\else
                \\echo 'Step 1: table app.old does not exist, skipped'
                \\endif
                """))
        #expect(text.contains("\nCREATE SCHEMA IF NOT EXISTS already_guarded;\n"))
        #expect(text.contains("\nGRANT USAGE ON SCHEMA app TO ROLE app_role;\n"))
        #expect(text.contains("\\echo 'Step 1: Create everything'"))
    }

    @Test func postgresGuardsReadPgRoles() throws {
        let text = try Self.script(Self.everyObject, dialect: .postgres)
        for name in ["app_role", "app_group", "app_user"] {
            #expect(text.contains("FROM pg_catalog.pg_roles WHERE rolname = '\(name)' \\gset"), "\(name)")
        }
        #expect(!text.contains("svv_roles"))
    }

    @Test func plainScriptsHaveNoGuardsAndNoProgressLines() throws {
        let text = try Self.script(Self.everyObject, plain: true)
        #expect(!text.contains("\\gset") && !text.contains("\\echo") && !text.contains("runbook_exists"))
        #expect(text.contains("\nCREATE ROLE app_role;\n"))
    }

    @Test func guardsUseTheParameterValue() throws {
        let markdown = """
            # Params

            ### Step 1: Create the database (for example, acme_db)

            ```sql
            CREATE DATABASE acme_db;
            ```

            """
        let compiled = RunbookCompiler(options: CompileOptions(parameters: ["acme_db": "Other DB"]))
            .compile(path: "p.md", bytes: Array(markdown.utf8))
        let text = Builder.outputs(compiled, variants: compiled.variants, dialect: .redshift).files[0].contents
        #expect(text.contains("WHERE datname = 'Other DB' \\gset"), "\(text)")
        #expect(text.contains("CREATE DATABASE \"Other DB\";"))
        #expect(text.contains("database Other DB already exists, skipped"))
    }

    @Test func progressLinesAreQuotedForPsql() {
        #expect(ScriptEmitter.echoArgument("Step 2: the user's \\ role") == "'Step 2: the user''s \\\\ role'")
    }

    /// However the guide writes the password, the script refuses to run without the variable, and says so on
    /// its Run line.
    @Test(arguments: [
        ("CREATE USER app_user PASSWORD 'Secret-Value-99';", "app_user_password"),
        ("CREATE USER app_user PASSWORD :'acme_user_password';", "acme_user_password"),
        ("CREATE USER app_user PASSWORD \"Secret-Value-99\";", "app_user_password"),
    ])
    func thePasswordGuardAlwaysHolds(statement: String, variable: String) throws {
        let markdown = "# P\n\n### Step 1: Create the user\n\n```sql\n\(statement)\n```\n"
        for plain in [false, true] {
            let text = try Self.script(markdown, plain: plain)
            #expect(text.contains("-- Run: psql -v ON_ERROR_STOP=1 -v \(variable)=... -f default.sql"), "\(text)")
            #expect(text.contains("\\if :{?\(variable)}\n\\else\n"))
            #expect(text.contains("SELECT 1 / 0 AS runbook_missing_\(variable);"))
            #expect(text.contains("PASSWORD :'\(variable)'"))
            #expect(!text.contains("Secret-Value-99"))
        }
    }

    /// A value set into a variable named like a secret on a Redshift or PostgreSQL page is a password too: the
    /// script takes it from a psql variable, refuses to run without it, and its Run line says so.
    @Test(arguments: [SQLDialect.redshift, .postgres])
    func aSecretSetIntoAVariableIsGuarded(dialect: SQLDialect) throws {
        let text = try Self.script(
            """
            # Secrets

            ### Step 1: Set the secret

            ```sql
            SET api_token = 'Tok-Secret-77';
            CREATE ROLE app_role;
            ```

            """, dialect: dialect)
        #expect(!text.contains("Tok-Secret-77"), "\(text)")
        #expect(text.contains("SET api_token = :'api_token';"), "\(text)")
        #expect(text.contains("\\if :{?api_token}"), "\(text)")
        #expect(text.contains("-v api_token=..."), "\(text)")
    }
}

/// A switch that names a user connects as that user (`\\connect db user`); a switch back to the administrator
/// uses the name psql recorded when the script started.
@Suite struct UserSwitchScriptTests {
    static let guide = """
        # Users

        ## Step 1: Create

        ```sql
        CREATE DATABASE db1;
        CREATE USER user1 PASSWORD :'user1_password';
        ```

        As `user1` on `db1`, create the table:

        ```sql
        CREATE TABLE t1 (a int);
        ```

        Run the following as the superuser on db1:

        ```sql
        GRANT SELECT ON t1 TO user1;
        ```
        """

    @Test(arguments: [SQLDialect.redshift, .postgres])
    func scriptsConnectAsTheSwitchedUser(_ dialect: SQLDialect) throws {
        let text = try ScriptGuardTests.script(Self.guide, dialect: dialect)
        let lines = text.split(separator: "\n").map(String.init)
        let remember = try #require(lines.firstIndex(of: "\\set runbook_admin :USER"))
        let asUser = try #require(lines.firstIndex(of: "\\connect db1 user1"))
        let back = try #require(lines.firstIndex(of: "\\connect db1 :\"runbook_admin\""))
        #expect(remember < asUser && asUser < back)
        // The table is created after the switch, the grant after the switch back.
        let create = try #require(lines.firstIndex { $0.hasPrefix("CREATE TABLE t1") })
        let grant = try #require(lines.firstIndex { $0.hasPrefix("GRANT SELECT ON t1") })
        #expect(asUser < create && create < back && back < grant)
    }

    @Test func aScriptWithoutUserSwitchesDoesNotRecordTheAdministrator() throws {
        let text = try ScriptGuardTests.script(
            "# G\n\n## Step 1: Go\n\nConnect to `db2`:\n\n```sql\nCREATE SCHEMA s;\n```\n")
        #expect(text.contains("\\connect db2\n"))
        #expect(!text.contains("runbook_admin"))
    }
}
