import RunbookSQL
import Testing

/// What the model reads from a block's tokens before any parse (SQLOutline): words inside strings, quoted names
/// and comments never count, and a word glued to what follows is no statement's first word.
@Suite("Outline")
struct OutlineTests {
    @Test func statementWordsSkipCommentsStringsAndMetaCommandArguments() {
        let text = """
            -- CREATE USER nobody;
            SELECT 'GRANT ALL'; /* DROP TABLE t; */
            \\connect analytics
            (SELECT 1);
            grant usage on schema s to r
            """
        #expect(SQLOutline(text).statementWords == ["SELECT", "\\CONNECT", "SELECT", "GRANT"])
        #expect(SQLOutline(text).changesDatabase)
        #expect(!SQLOutline("SELECT 1; -- GRANT x\nSHOW search_path;").changesDatabase)
        // A glued first word names no statement, and the statements after it still count.
        #expect(SQLOutline("grant.sh -v; GRANT r TO u;").statementWords == ["GRANT.SH", "GRANT"])
    }

    @Test(arguments: [
        ("SELECT * FROM t", true), ("-- why\n\nCREATE USER u;", true), ("(SELECT 1)", true), ("BEGIN;", true),
        ("select-editor", false), ("grant_access.sh --all", false), ("{\"select\": 1}", false),
        ("npm install", false), ("", false), ("'SELECT 1'", false),
    ])
    func startsLikeSQL(text: String, expected: Bool) {
        #expect(SQLOutline.startsLikeSQL(text) == expected)
    }

    @Test func createdObjectsAreReadFromTokensAcrossLines() {
        let text = """
            CREATE USER
                bob PASSWORD 'x';
            CREATE ROLE "Analytics";
            CREATE TABLE IF NOT EXISTS kept.events (id int);
            CREATE OR REPLACE VIEW v AS SELECT 1;
            CREATE SCHEMA analytics.raw;
            SELECT 'create user inside_a_string';
            /* CREATE GROUP commented_out; */
            """
        #expect(
            SQLOutline.createdObjects(in: text) == ["user bob", "role analytics", "schema analytics.raw"])
        #expect(SQLOutline.createdObjects(in: "SELECT 1") == [])
    }

    @Test func createdDatabaseSkipsIfNotExistsAndComments() {
        #expect(
            SQLOutline.createdDatabase(in: "-- CREATE DATABASE no;\nCREATE DATABASE IF NOT EXISTS \"Prod\";") == "prod")
        #expect(SQLOutline.createdDatabase(in: "SELECT 'create database x'") == nil)
    }

    @Test func databaseNamedInACommentGivesItsLine() throws {
        let found = try #require(
            SQLOutline.databaseNamedInComment("GRANT x;\n\n-- then, in DATABASE user_database\nSELECT 1;"))
        #expect(found.name == "user_database")
        #expect(found.line == 3)
        #expect(SQLOutline.databaseNamedInComment("SELECT '-- in DATABASE quoted_db'") == nil)
    }

    @Test(arguments: [
        ("GRANT USAGE ON SCHEMA <schema_name> TO r;", true), ("CREATE USER u PASSWORD '<password>';", true),
        ("SELECT 1; -- replace <schema_name>", false), ("SELECT a <b FROM t", false),
        ("SELECT '<b> bold </b>'", false),
    ])
    func anglePlaceholders(text: String, expected: Bool) {
        #expect(SQLOutline.hasAnglePlaceholder(text) == expected)
    }
}
