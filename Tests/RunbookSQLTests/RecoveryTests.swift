import RunbookDiagnostics
import RunbookSQL
import RunbookTestSupport
import Testing

import struct RunbookDiagnostics.SourceLocation

/// Applies a fix-it to single- or multi-line text by its line and column (both 1-based, columns in bytes).
private func applying(_ fixIt: FixIt, to text: String) -> String {
    func offset(of location: SourceLocation) -> Int {
        var line = 1
        var offset = 0
        for byte in text.utf8 {
            if line == location.line { break }
            if byte == UInt8(ascii: "\n") { line += 1 }
            offset += 1
        }
        return offset + location.column - 1
    }
    var bytes = Array(text.utf8)
    bytes.replaceSubrange(
        offset(of: fixIt.range.start)..<offset(of: fixIt.range.end), with: Array(fixIt.replacement.utf8))
    return String(decoding: bytes, as: UTF8.self)
}

/// A block with several mistakes gets each, once; parsing resumes after each.
@Suite("Recovery")
struct RecoveryTests {
    private let syntax = Set([Rule.sqlSyntax.id])
    private let syntaxOrTypo = Set([Rule.sqlSyntax.id, Rule.sqlUnknownStatement.id])

    @Test func everyMistakeOfABlockIsReportedOnce() {
        let marked = """
            1️⃣GRNAT SELECT ON ALL TABLES IN SCHEMA features TO ROLE ds_role;
            GRANT SELECT ON ALL TABLES IN SCHEMA features TO ROLE ds_role;
            SELECT * 2️⃣LAG(sent_at, 1) OVER (PARTITION BY a ORDER BY b) FROM t;
            ALTER TABLE t ALTER COLUMN c 3️⃣varchar(10);
            SELECT a, b4️⃣, FROM t;
            CREATE ROLE ds_role5️⃣
            GRANT USAGE ON SCHEMA features TO ROLE ds_role;
            SELECT 1 FROM6️⃣;
            """
        expectDiagnostics(
            marked, rules: syntaxOrTypo,
            expected: [("1️⃣", Rule.sqlUnknownStatement.id)]
                + ["2️⃣", "3️⃣", "4️⃣", "5️⃣", "6️⃣"].map { ($0, Rule.sqlSyntax.id) })
        let parsed = SQLParser.parse(MarkedText(marked).text, dialect: .redshift)
        #expect(parsed.statements.count == 8)
        // The two statements run together are read as two, and both are modelled.
        guard parsed.statements.count == 8 else { return }
        if case .createRole(let role) = parsed.statements[5].kind {
            #expect(role.name.value == "ds_role")
        } else {
            Issue.record("the CREATE ROLE before the missing ';'")
        }
        #expect(parsed.statements[5].text == "CREATE ROLE ds_role")
        if case .grant = parsed.statements[6].kind {} else { Issue.record("the GRANT after the missing ';'") }
        #expect(parsed.statements[6].text == "GRANT USAGE ON SCHEMA features TO ROLE ds_role")
    }

    @Test func severalStatementsRunTogether() {
        let marked = "CREATE ROLE a1️⃣\nCREATE ROLE b2️⃣\nGRANT ROLE a TO ROLE b;"
        expectDiagnostics(marked, rules: syntax, expected: [("1️⃣", Rule.sqlSyntax.id), ("2️⃣", Rule.sqlSyntax.id)])
        let statements = SQLParser.parse(MarkedText(marked).text, dialect: .redshift).statements
        #expect(statements.map(\.leadingKeyword) == ["CREATE", "CREATE", "GRANT"])
        #expect(statements.allSatisfy { if case .invalid = $0.kind { false } else { true } })
    }

    /// A word that continues a statement on its own line is not a missing `;`, and a head that does not parse
    /// alone keeps the original error.
    @Test func noSplitWhereTheStatementContinues() {
        _ = parseClean("CREATE VIEW v AS\nSELECT a FROM t")
        _ = parseClean("INSERT INTO t\nSELECT a FROM u")
        expectDiagnostics(
            "GRANT SELECT ON\n1️⃣CREATE TABLE t (a int);", rules: syntax, expected: [("1️⃣", Rule.sqlSyntax.id)])
        let parsed = SQLParser.parse("GRANT SELECT ON\nCREATE TABLE t (a int);", dialect: .redshift)
        #expect(parsed.statements.count == 1)
        #expect(parsed.diagnostics.first?.message.contains("missing ';'") == false)
    }

    @Test(arguments: ["GRNAT SELECT ON t TO u", "FOO", "REVOEK ALL ON t FROM u", "database x"])
    func unknownStatementIsAnErrorNamingIt(sql: String) throws {
        let parsed = SQLParser.parse(sql, dialect: .redshift)
        let diagnostic = try #require(parsed.diagnostics.first)
        #expect(parsed.diagnostics.count == 1)
        // A misspelt command word gets its did-you-mean (sql.unknown-statement), and names the word either way.
        #expect(diagnostic.rule == Rule.sqlUnknownStatement.id)
        let word = String(sql.prefix { $0 != " " })
        #expect(diagnostic.message.hasPrefix("unknown statement '\(word)'"))
        #expect(diagnostic.range.start == SourceLocation(line: 1, column: 1))
    }

    @Test(arguments: ["CREATE WIDGET w", "ALTER WIDGET w RENAME TO v", "DROP WIDGET w"])
    func unknownObjectTypeIsAnErrorNamingIt(sql: String) throws {
        let diagnostic = try #require(SQLParser.parse(sql, dialect: .postgres).diagnostics.first)
        let verb = sql.prefix { $0 != " " }
        #expect(diagnostic.message == "'\(verb) WIDGET' is not a PostgreSQL statement")
    }

    /// PostgreSQL's server configuration (a real guide sets `wal_level` for logical replication); Redshift has
    /// no ALTER SYSTEM.
    /// A schema called `schema` (Grafana's guide): `ON schema.table` is a table, not ON SCHEMA.
    @Test func objectKindWordsAsQualifiedNames() {
        let statements = parseClean("GRANT SELECT ON schema.table TO grafanareader;", dialect: .postgres)
        guard case .grant(let grant) = statements.first?.kind, case .objects(let kind, let names, _) = grant.target
        else {
            Issue.record("not read as a table grant: \(String(describing: statements.first?.kind))")
            return
        }
        #expect(kind == .table)
        #expect(names.map { $0.parts.map(\.value) } == [["schema", "table"]])
    }

    @Test func alterSystemIsPostgreSQLOnly() {
        _ = parseClean("ALTER SYSTEM SET wal_level = logical;\nALTER SYSTEM RESET ALL;", dialect: .postgres)
        let redshift = SQLParser.parse("ALTER SYSTEM SET wal_level = logical;", dialect: .redshift)
        #expect(redshift.diagnostics.map(\.message) == ["'ALTER SYSTEM' is not a Redshift statement"])
    }
}

/// The mistakes with one obvious repair: the message names it and the fix-it makes the statement parse.
@Suite("Syntax fix-its")
struct SyntaxFixItTests {
    @Test(arguments: [
        (
            "SELECT * LAG(sent_at, 1) OVER (PARTITION BY user_id ORDER BY sent_at) FROM messages",
            "missing ',' between select items: 'LAG' starts another item"
        ),
        ("SELECT id name email FROM users", "missing ',' between select items: 'email' starts another item"),
        ("SELECT id AS user_id count(*) FROM users", "missing ',' between select items: 'count' starts another item"),
        ("SELECT a b.c FROM t b", "missing ',' between select items: 'b' starts another item"),
        (
            "ALTER TABLE t ALTER COLUMN c varchar(10)",
            "expected TYPE before the new column type 'varchar'"
        ),
        ("SELECT a, b, FROM t", "trailing ',' before FROM: Redshift expects another select item"),
        ("CREATE ROLE r\nGRANT ROLE r TO u", "missing ';' after the statement: 'GRANT' starts the next one"),
    ])
    func repair(sql: String, message: String) throws {
        // Snowflake accepts a comma after the last select item.
        for dialect in SQLDialect.allCases
        where !message.hasPrefix("trailing ','") || !dialect.syntax.contains(.trailingSelectComma) {
            let parsed = SQLParser.parse(sql, dialect: dialect)
            let diagnostic = try #require(parsed.diagnostics.first, "\(dialect)")
            #expect(parsed.diagnostics.count == 1)
            #expect(diagnostic.message == message.replacing("Redshift", with: dialect.displayName))
            let fixIt = try #require(diagnostic.fixIts.first)
            let repaired = applying(fixIt, to: sql)
            #expect(SQLParser.parse(repaired, dialect: dialect).diagnostics.isEmpty, "\(repaired)")
        }
    }

    /// Select lists that look like run-together items but are not.
    @Test(arguments: [
        "SELECT a b, c AS d, e \"F\" FROM t",
        "SELECT x::double precision, y::timestamp with time zone AS z FROM t",
        "SELECT CASE WHEN a THEN b ELSE c END d, CASE x WHEN 1 THEN 'one' END FROM t",
        "SELECT listagg(a, ',') WITHIN GROUP (ORDER BY b) OVER (PARTITION BY c) AS l FROM t",
        "SELECT a IS NOT NULL, b IS DISTINCT FROM c, d NOT IN (1, 2), e BETWEEN 1 AND 2 FROM t",
        "SELECT DATE '2024-01-01', INTERVAL '1' DAY, current_timestamp AT TIME ZONE 'UTC' FROM t",
        "SELECT TOP 10 a b FROM t", "SELECT DISTINCT a FROM t", "SELECT t.*, u.* FROM t, u",
        "SELECT sum(x) FILTER (WHERE y) AS s, count(*) OVER w FROM t WINDOW w AS (ORDER BY z)",
        "SELECT EXISTS (SELECT 1), NOT a, -b, a || b FROM t",
        "SELECT a FROM t PIVOT (sum(b) FOR c IN ('x', 'y')) AS p",
    ])
    func noFalseMissingComma(sql: String) {
        _ = parseClean(sql)
    }
}
