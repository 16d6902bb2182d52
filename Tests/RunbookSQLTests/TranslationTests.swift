import RunbookDiagnostics
import RunbookSQL
import Testing

import struct RunbookDiagnostics.SourceLocation

private func translate(_ sql: String) throws -> Translation {
    let statement = try #require(parseClean(sql).first)
    return PostgresTranslator.translate(statement)
}

@Suite("Translation to PostgreSQL")
struct TranslationTests {
    @Test(arguments: [
        (
            "GRANT USAGE ON SCHEMA \"profiles_sync\" TO ROLE segment_linked_role",
            "GRANT USAGE ON SCHEMA \"profiles_sync\" TO segment_linked_role"
        ),
        ("GRANT ROLE segment_linked_role TO segment_user", "GRANT segment_linked_role TO segment_user"),
        ("grant role a, role b to role c", "grant a, b to c"),
        ("REVOKE ROLE a FROM ROLE b", "REVOKE a FROM b"),
        (
            "ALTER DEFAULT PRIVILEGES FOR USER etl IN SCHEMA s GRANT SELECT ON TABLES TO ROLE r",
            "ALTER DEFAULT PRIVILEGES FOR ROLE etl IN SCHEMA s GRANT SELECT ON TABLES TO r"
        ),
        (
            "alter default privileges for user etl grant execute on procedures to public",
            "alter default privileges for role etl grant execute on routines to public"
        ),
        ("CREATE ROLE segment_linked_role", "CREATE ROLE segment_linked_role NOLOGIN"),
        ("create role r", "create role r nologin"),
        ("CREATE USER u PASSWORD DISABLE CREATEUSER", "CREATE USER u PASSWORD NULL SUPERUSER"),
        (
            "CREATE USER u PASSWORD 'Abcd1234' CONNECTION LIMIT UNLIMITED SYSLOG ACCESS UNRESTRICTED",
            "CREATE USER u PASSWORD 'Abcd1234' CONNECTION LIMIT -1"
        ),
        (
            "CREATE DATABASE d CONNECTION LIMIT UNLIMITED COLLATE CASE_INSENSITIVE",
            "CREATE DATABASE d CONNECTION LIMIT -1"
        ),
        (
            "CREATE SCHEMA IF NOT EXISTS s AUTHORIZATION bob QUOTA 10 GB",
            "CREATE SCHEMA IF NOT EXISTS s AUTHORIZATION bob"
        ),
        (
            "GRANT SELECT, DROP, ALTER ON ALL TABLES IN SCHEMA s TO GROUP g",
            "GRANT SELECT ON ALL TABLES IN SCHEMA s TO GROUP g"
        ),
        ("GRANT CREATE, USAGE, TEMP ON DATABASE d TO ROLE r", "GRANT CREATE, TEMP ON DATABASE d TO r"),
        ("GRANT USAGE, CREATE, DROP ON SCHEMA s TO ROLE r", "GRANT USAGE, CREATE ON SCHEMA s TO r"),
        ("SELECT * FROM \"Mixed\".t", "SELECT * FROM \"mixed\".t"),
        ("SELECT * FROM \"lower\".t", "SELECT * FROM \"lower\".t"),
        ("GRANT USAGE ON SCHEMA \"Profiles\" TO \"Bob\"", "GRANT USAGE ON SCHEMA \"profiles\" TO \"Bob\""),
    ])
    func translates(redshift: String, postgres: String) throws {
        let translation = try translate(redshift)
        #expect(translation.text == postgres)
        if redshift != postgres { #expect(!translation.notes.isEmpty) }
        // The translation is PostgreSQL the parser accepts.
        let reparsed = SQLParser.parse(postgres, dialect: .postgres)
        #expect(reparsed.diagnostics.isEmpty)
        #expect(
            SQLChecks.run(reparsed.statements, context: SQLCheckContext(dialect: .postgres))
                .filter { $0.rule == Rule.sqlDialectMismatch.id }.isEmpty)
    }

    @Test(arguments: [
        "GRANT SELECT FOR TABLES IN SCHEMA s TO ROLE r",
        "GRANT CREATE USER, CREATE TABLE TO ROLE r",
        "GRANT DROP ON TABLE t TO u",
        "GRANT ALTER ON SCHEMA s TO u",
        "ALTER SCHEMA s QUOTA 10 GB",
        "ALTER USER u SESSION TIMEOUT 60",
    ])
    func untranslatable(redshift: String) throws {
        let translation = try translate(redshift)
        #expect(translation.text == nil)
        #expect(!translation.notes.isEmpty)
    }
}

@Suite("Rewriting for scripts")
struct RewriterTests {
    private let identifiers = ["segment_workspace": ":\"database\"", "profiles_sync": "\"Profiles\""]

    private func password(_ user: Identifier?) -> String? { user.map { ":'\($0.value)_password'" } }

    @Test func replacesNamesAndPasswordsOnly() throws {
        let statements = parseClean(
            """
            -- keep me out
            GRANT CREATE ON DATABASE segment_workspace TO ROLE r; /* trailing */
            CREATE USER Segment_User PASSWORD 'Abc123' CREATEDB;
            GRANT SELECT ON ALL TABLES IN SCHEMA "PROFILES_SYNC" TO ROLE profiles_sync_reader;
            SELECT * FROM profiles_sync.t WHERE note = 'segment_workspace';
            """)
        let rendered = statements.map { SQLRewriter.render($0, identifiers: identifiers, password: password) }
        #expect(
            rendered == [
                "GRANT CREATE ON DATABASE :\"database\" TO ROLE r",
                "CREATE USER Segment_User PASSWORD :'segment_user_password' CREATEDB",
                "GRANT SELECT ON ALL TABLES IN SCHEMA \"Profiles\" TO ROLE profiles_sync_reader",
                "SELECT * FROM \"Profiles\".t WHERE note = 'segment_workspace'",
            ])
    }

    @Test func connectTargetIsAName() throws {
        let statements = parseClean("\\connect segment_workspace\n\\c -reuse-previous=on\n\\echo segment_workspace")
        let rendered = statements.map { SQLRewriter.render($0, identifiers: identifiers, password: password) }
        #expect(rendered == ["\\connect :\"database\"", "\\c -reuse-previous=on", "\\echo segment_workspace"])
    }

    @Test func keepsTextWhenNothingMatches() throws {
        let statement = try #require(parseClean("GRANT  SELECT\n  ON t /* why */ TO u").first)
        #expect(SQLRewriter.render(statement, identifiers: [:], password: { _ in nil }) == statement.text)
    }

    @Test func composesWithTranslation() throws {
        let statement = try #require(
            parseClean("GRANT USAGE ON SCHEMA profiles_sync TO ROLE segment_linked_role").first)
        let translation = PostgresTranslator.translate(statement)
        #expect(
            SQLRewriter.render(translation, identifiers: identifiers, password: password)
                == "GRANT USAGE ON SCHEMA \"Profiles\" TO segment_linked_role")
        let user = try #require(parseClean("CREATE USER u PASSWORD 'Abcd1234' CREATEUSER").first)
        #expect(
            SQLRewriter.render(PostgresTranslator.translate(user), identifiers: [:], password: password)
                == "CREATE USER u PASSWORD :'u_password' SUPERUSER")
    }
}

@Suite("Block classification")
struct ClassifierTests {
    private func classify(
        _ text: String, _ language: String? = "sql", _ dialect: SQLDialect = .redshift
    )
        -> BlockClassification
    {
        SQLBlockClassifier.classify(text: text, fenceLanguage: language, defaultDialect: dialect)
    }

    @Test func sqlByFence() {
        #expect(classify("GRANT SELECT ON t TO u;") == .sql(.redshift))
        #expect(classify("GRANT SELECT ON t TO u;", "postgresql") == .sql(.postgres))
        #expect(classify("GRANT SELECT ON t TO u;", "psql") == .sql(.postgres))
        #expect(classify("GRANT SELECT ON t TO u;", "redshift", .postgres) == .sql(.redshift))
        #expect(classify("GRANT SELECT ON t TO u;", nil) == .sql(.redshift))
        #expect(classify("\\connect db\nGRANT SELECT ON t TO u;", nil) == .sql(.redshift))
        #expect(classify("SELECT tags[1], (f(x))[idx] FROM t", "postgres") == .sql(.postgres))
    }

    @Test func notSQL() {
        if case .notSQL = classify("SELECT 1", "ts") {} else { Issue.record("ts is not SQL") }
        if case .notSQL = classify("npm install", nil) {} else { Issue.record("shell is not SQL") }
        if case .notSQL = classify("select * from x;\nERROR: relation \"x\" does not exist") {
        } else {
            Issue.record("psql transcript")
        }
        if case .notSQL = classify("  \n") {} else { Issue.record("empty") }
        #expect(classify("COMMENT ON TABLE t IS '<b>bold</b>'") == .sql(.redshift))
    }

    @Test(arguments: [
        ("CREATE USER <name> [IN GROUP <group>]", "'[IN", true),
        ("GRANT SELECT ON TABLE <schema-name>.<table-name> TO ROLE r;", "<schema-name>", false),
        ("CREATE USER u PASSWORD \"your_password\";", "\"your_password\"", false),
        ("SELECT * FROM <<YOUR_PROD_SOURCE_SCHEMA_NAME>>.tracks", "<<YOUR_PROD_SOURCE_SCHEMA_NAME>>", false),
        ("SELECT * FROM <database_name.account_table> a", "<database_name.account_table>", false),
        ("SELECT * FROM {{ schema }}.users", "{{ schema }}", false),
        ("SELECT * FROM users WHERE id = %s", "%s", false),
        ("SELECT * FROM users WHERE id = %(id)s", "%(id)s", false),
        ("GRANT USAGE ON SCHEMA YOUR_SCHEMA TO ROLE r;", "YOUR_SCHEMA", false),
        ("SELECT * FROM \"your_source\".tracks", "\"your_source\"", false),
        ("CREATE TABLE \"Example\" (\n ...\n);", "'...'", true),
        ("GRANT { SELECT | INSERT } ON t TO u", "'{", true),
        ("GRANT SELECT ON <t> TO u [WITH GRANT OPTION]", "'[WITH", true),
        ("CREATE USER [user_name] PASSWORD '[password]';", "[user_name]", false),
        ("GRANT SELECT ON ALL TABLES IN SCHEMA [schema-name] TO [YOUR_USER];", "[schema-name]", false),
        ("SELECT * FROM [db.table] a", "[db.table]", false),
        // A word in capitals is a synopsis' optional part, whatever it is.
        ("DROP TABLE t [CASCADE];", "'[CASCADE", true),
    ])
    func templates(text: String, reasonStart: String, isSynopsis: Bool) {
        guard case .template(let reason, _) = classify(text) else {
            Issue.record("\(text) is a template")
            return
        }
        #expect(reason.text.hasPrefix(reasonStart))
        #expect(reason.isSynopsis == isSynopsis)
    }

    /// A string literal is never a placeholder, whatever it holds; `:var` and `$1` are filled in when the
    /// script runs.
    @Test(arguments: [
        "SELECT JSON_PARSE('{\"key\": 88}')",
        "SELECT JSON_PARSE('{\"key\": 88}') AS j, '{x}' AS k",
        "UPDATE users SET ssn = 'XXXXX'",
        "CREATE USER u PASSWORD '<password>';",
        "ALTER USER u PASSWORD 'your_password';",
        "GRANT SELECT ON t TO :user;",
        "SELECT * FROM t WHERE id = $1",
        "SELECT a % b, 'your_x' FROM t",
        "SELECT yourself FROM t",
    ])
    func notTemplates(text: String) {
        #expect(classify(text) == .sql(.redshift))
    }

    @Test(arguments: [
        ("GRANT USAGE ON WAREHOUSE identifier($wh) TO ROLE identifier($r);", "Snowflake"),
        ("USE WAREHOUSE wh;", "Snowflake"),
        ("CREATE WAREHOUSE wh;", "Snowflake"),
        ("SET x = 'a'; GRANT ROLE r TO USER $x;", "Snowflake"),
        ("SELECT * FROM `project.dataset.table`", "BigQuery"),
        ("SELECT * FROM [dbo].[users]\nGO", "T-SQL"),
        ("SELECT * FROM [dbo].[users]", "T-SQL"),
        ("GRANT SELECT ON SCHEMA::sales TO analyst;", "T-SQL"),
        ("EXEC sp_addrolemember 'db_datareader', 'u'", "T-SQL"),
        ("GRANT USAGE ON CATALOG `c` TO `${client_id}`;", "Databricks"),
        ("SELECT * FROM ${schema}.${table}", "Databricks"),
        ("CREATE USER 'u'@'%' IDENTIFIED BY 'p';", "MySQL"),
        ("CREATE TABLE `t` (id int) ENGINE=InnoDB;", "MySQL"),
    ])
    func otherDialects(text: String, name: String) {
        guard case .otherDialect(let found, _, _) = classify(text, "sql") else {
            Issue.record("\(text) is \(name)")
            return
        }
        #expect(found == name)
    }

    /// Snowflake is checked: a fence labelled `snowflake` is Snowflake SQL, and Snowflake's own syntax in it is
    /// no sign of another engine.
    @Test func aSnowflakeFenceIsCheckedAsSnowflake() {
        #expect(classify("SELECT 1", "snowflake") == .sql(.snowflake))
        #expect(
            classify("GRANT USAGE ON WAREHOUSE identifier($wh) TO ROLE identifier($r);", "snowflake")
                == .sql(.snowflake))
    }
}
