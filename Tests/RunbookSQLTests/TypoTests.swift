import RunbookDiagnostics
import RunbookSQL
import RunbookTestSupport
import Testing

import struct RunbookDiagnostics.SourceLocation

/// The single diagnostic of `rule` at `marker` in marked SQL.
private func finding(
    _ marked: MarkedText, _ marker: String, _ rule: RuleID, dialect: SQLDialect = .redshift,
    sourceLocation: Testing.SourceLocation = #_sourceLocation
) -> Diagnostic? {
    let parsed = SQLParser.parse(marked.text, dialect: dialect)
    let found = parsed.diagnostics.filter { $0.rule == rule && $0.range.start == marked[marker] }
    #expect(found.count == 1, "one \(rule.rawValue) at \(marker)", sourceLocation: sourceLocation)
    return found.first
}

@Suite("Unknown statements")
struct UnknownStatementTests {
    static let rules: Set<RuleID> = [Rule.sqlUnknownStatement.id, Rule.sqlSyntax.id, Rule.sqlRunTogetherKeywords.id]

    @Test func misspeltCommandsInAValidBlock() throws {
        let sql = """
            GRANT SELECT ON ALL TABLES IN SCHEMA features TO ROLE ds_role;
            1️⃣GRNAT SELECT ON ALL TABLES IN SCHEMA features TO ROLE ds_role;
            2️⃣REVOEK SELECT ON t FROM ROLE ds_role;
            3️⃣selcet 1;
            4️⃣FROBNICATE t;
            GRANT USAGE ON SCHEMA features TO ROLE ds_role;
            """
        expectDiagnostics(
            sql, rules: Self.rules,
            expected: [
                ("1️⃣", Rule.sqlUnknownStatement.id), ("2️⃣", Rule.sqlUnknownStatement.id),
                ("3️⃣", Rule.sqlUnknownStatement.id), ("4️⃣", Rule.sqlUnknownStatement.id),
            ])
        let marked = MarkedText(sql)
        let grnat = try #require(finding(marked, "1️⃣", Rule.sqlUnknownStatement.id))
        #expect(grnat.message == "unknown statement 'GRNAT'; did you mean GRANT?")
        #expect(grnat.fixIts.map(\.replacement) == ["GRANT"])
        #expect(
            grnat.fixIts.first?.range == SourceRange(start: marked.location(1), end: SourceLocation(line: 2, column: 6))
        )
        #expect(finding(marked, "2️⃣", Rule.sqlUnknownStatement.id)?.fixIts.map(\.replacement) == ["REVOKE"])
        // The replacement keeps the writer's case.
        #expect(finding(marked, "3️⃣", Rule.sqlUnknownStatement.id)?.fixIts.map(\.replacement) == ["select"])
        let unknown = try #require(finding(marked, "4️⃣", Rule.sqlUnknownStatement.id))
        #expect(unknown.message.contains("'FROBNICATE'"))
        #expect(unknown.fixIts.isEmpty)
        // A misspelt statement is not run: nothing downstream reads it as a grant.
        let kinds = SQLParser.parse(marked.text, dialect: .redshift).statements.map(\.kind)
        #expect(kinds[1] == .invalid(keyword: "GRNAT"))
        if case .grant = kinds[5] {} else { Issue.record("the last grant still parses") }
    }

    @Test func commandsOfBothDialectsAreKnown() {
        let sql = """
            INSERT INTO t VALUES (1); COPY t FROM 's3://b/k' IAM_ROLE 'arn'; UNLOAD ('select 1') TO 's3://b/' IAM_ROLE 'a';
            CALL p(); VACUUM t; ANALYZE t; TRUNCATE t; LOCK t; EXPLAIN SELECT 1; CREATE FUNCTION f() RETURNS int AS $$ SELECT 1 $$ LANGUAGE sql;
            DELETE FROM t; UPDATE t SET a = 1; COMMENT ON TABLE t IS 'x'; DECLARE c CURSOR FOR SELECT 1; FETCH NEXT FROM c; CLOSE c;
            PREPARE p AS SELECT 1; EXECUTE p; DEALLOCATE p; REFRESH MATERIALIZED VIEW v; CANCEL 123; USE db;
            """
        expectDiagnostics(sql, rules: Self.rules, expected: [])
    }

    /// A query's output pasted after it and psql prompts are transcripts, not misspelt commands.
    @Test func transcriptsAreNotUnknownStatements() {
        let sql = """
            SELECT * FROM db1.public.table1 ORDER BY c1;
            c1 | c2  | c3
            ---+-----+----
            1  |  2  | 3
            (1 row)
            postgres=> GRANT hasurauser TO postgres;
            1️⃣FLUSH PRIVILEGES;
            """
        // MySQL's command is no misspelling, but no Redshift command either: the grammar's error names it.
        expectDiagnostics(sql, rules: Self.rules, expected: [("1️⃣", Rule.sqlSyntax.id)])
    }

    @Test func aStatementOfOnlyPlaceholders() throws {
        let marked = MarkedText("1️⃣<statement>;\n2️⃣{{ sql }}\n")
        let parsed = SQLParser.parse(marked.text, dialect: .redshift)
        #expect(parsed.statements.count == 2)
        #expect(parsed.diagnostics.map(\.rule) == [Rule.sqlPlaceholderStatement.id, Rule.sqlPlaceholderStatement.id])
        #expect(parsed.diagnostics.map(\.range.start) == [marked["1️⃣"], marked["2️⃣"]])
    }
}

@Suite("Run-together keywords")
struct RunTogetherTests {
    static let rules: Set<RuleID> = [Rule.sqlRunTogetherKeywords.id, Rule.sqlSyntax.id, Rule.sqlUnknownStatement.id]

    @Test(arguments: [
        ("1️⃣SELECTsegment.referral_source, count(*) FROM segment.users GROUP BY 1", "SELECT segment"),
        ("SELECT t.id FROM zendesk.tickets t 1️⃣leftjoin zendesk.users zendesk on zendesk.id = t.user_id", "left join"),
        ("SELECT t.id FROM zendesk.tickets t JOIN zendesk.users u 1️⃣ONusers.segment_id = t.id", "ON users"),
        ("SELECT referral_source, count(*) FROM segment.users 1️⃣GROUPBY1", "GROUP BY 1"),
        ("SELECT referral_source FROM segment.users 1️⃣ORDERBY2desc", "ORDER BY 2 desc"),
        ("SELECT a FROM t 1️⃣groupby a", "group by"),
    ])
    func runTogether(sql: String, replacement: String) throws {
        expectDiagnostics(sql, rules: Self.rules, expected: [("1️⃣", Rule.sqlRunTogetherKeywords.id)])
        let marked = MarkedText(sql)
        let diagnostic = try #require(finding(marked, "1️⃣", Rule.sqlRunTogetherKeywords.id))
        #expect(diagnostic.fixIts.map(\.replacement) == [replacement])
        #expect(diagnostic.message.contains("did you mean '\(replacement)'"))
        #expect(SQLParser.parse(marked.text, dialect: .redshift).statements.first?.kind.isInvalid == true)
    }

    @Test func twoInOneStatementAreEachReported() {
        expectDiagnostics(
            "SELECT t.id FROM a t 1️⃣leftjoin b u ON u.id = t.id 2️⃣GROUPBY1",
            rules: Self.rules,
            expected: [("1️⃣", Rule.sqlRunTogetherKeywords.id), ("2️⃣", Rule.sqlRunTogetherKeywords.id)])
    }

    /// Ordinary names that start with a keyword, in statements that parse and in one that does not for
    /// another reason: nothing is blamed on them.
    @Test func namesThatStartWithAKeywordAreNames() {
        let sql = """
            SELECT online, selection, order_id, grouping, fromage, users_on, toplevel, intotal FROM t;
            SELECT * FROM t WHERE online = 1 ORDER BY order_id;
            SELECT groupby, orderby FROM t;
            CREATE TABLE t2 (orderby int, groupby int);
            SELECT online FROM t WHERE 1️⃣) ;
            """
        expectDiagnostics(sql, rules: Self.rules, expected: [("1️⃣", Rule.sqlSyntax.id)])
    }
}

@Suite("Misspelt keywords")
struct MisspeltKeywordTests {
    /// A keyword misspelt inside a statement, where the grammar fails: one finding at the word, with the keyword
    /// in the word's case as fix-it, in every dialect; the statement is not read as written.
    @Test(arguments: [
        ("SELECT a FROM t GROUP BY 1 1️⃣odrer BY 1", "ORDER", "order"),
        ("SELECT a FROM t ORDER BY a 1️⃣dsec", "DESC", "desc"),
        ("SELECT a FROM t WHERE x 1️⃣bteween 1 AND 2", "BETWEEN", "between"),
        ("SELECT a FROM t JOIN u ON t.id = u.id 1️⃣WEHRE u.x = 1", "WHERE", "WHERE"),
        ("SELECT a FROM t WHERE x IS 1️⃣nlul", "NULL", "null"),
        ("SELECT a FROM t LIMIT 10 1️⃣ofset 5", "OFFSET", "offset"),
        ("SELECT sum(a) OVER (1️⃣odrer BY b) FROM t", "ORDER", "order"),
        ("SELECT sum(a) OVER (ORDER BY b ROWS UNBOUNDED 1️⃣preceeding) FROM t", "PRECEDING", "preceding"),
        (
            "SELECT sum(a) OVER (ORDER BY b ROWS BETWEEN UNBOUNDED PRECEDING AND 1️⃣unboundd FOLLOWING) FROM t",
            "UNBOUNDED", "unbounded"
        ),
        ("DELETE 1️⃣form category WHERE catid BETWEEN 0 AND 9", "FROM", "from"),
        // After a join's ON condition, the rest of the from list is read.
        ("SELECT * FROM a JOIN b ON a.id = b.id, c 1️⃣jion d ON c.id = d.id", "JOIN", "join"),
        // No column is in scope in INSERT's VALUES: a word one edit from a value is that value misspelt.
        ("INSERT INTO t VALUES (2000, 1️⃣nlul, 'x')", "NULL", "null"),
        ("INSERT INTO t (a, b) VALUES (1, 'a'), (2, 1️⃣DEFUALT)", "DEFAULT", "DEFAULT"),
        ("INSERT INTO t VALUES (1️⃣ture)", "TRUE", "true"),
        ("INSERT INTO t VALUES (1, 1️⃣Flase)", "FALSE", "FALSE"),
        // Read as the table's alias, the word is blamed where the statement then fails.
        ("SELECT a FROM t 1️⃣wehre a = 1", "WHERE", "where"),
    ])
    func insideAStatement(marked: String, keyword: String, replacement: String) throws {
        for dialect in [SQLDialect.redshift, .postgres, .snowflake] {
            let text = MarkedText(marked)
            let parsed = SQLParser.parse(text.text, dialect: dialect)
            #expect(parsed.diagnostics.map(\.rule) == [Rule.sqlMisspeltKeyword.id], "\(dialect)")
            let found = try #require(parsed.diagnostics.first)
            #expect(found.range.start == text["1️⃣"])
            #expect(found.message.hasSuffix("did you mean \(keyword)?"))
            #expect(found.fixIts.map(\.replacement) == [replacement])
            #expect(parsed.statements.allSatisfy { if case .invalid = $0.kind { true } else { false } })
        }
    }

    /// Two misspelt keywords in one statement and a third mistake that is none: each its own finding, once.
    @Test func theOtherMistakesKeepTheirFindings() {
        expectDiagnostics(
            "SELECT a FROM t WHERE a 1️⃣bteween 1 AND 2 GROUP BY 1 2️⃣odrer BY 1 LIMIT 3️⃣);",
            rules: [Rule.sqlMisspeltKeyword.id, Rule.sqlSyntax.id],
            expected: [
                ("1️⃣", Rule.sqlMisspeltKeyword.id), ("2️⃣", Rule.sqlMisspeltKeyword.id), ("3️⃣", Rule.sqlSyntax.id),
            ])
    }

    /// A name one edit from a keyword is a name where the grammar reads one: no finding.
    @Test func namesOneEditFromAKeywordAreNames() {
        expectDiagnostics(
            "SELECT form, wehre, odrer FROM form AS odrer WHERE nul IS NULL ORDER BY asc_order;",
            rules: [Rule.sqlMisspeltKeyword.id, Rule.sqlSyntax.id], expected: [])
    }
}

@Suite("Unknown privileges")
struct UnknownPrivilegeTests {
    @Test func misspeltPrivileges() throws {
        let sql = """
            GRANT 1️⃣SELCT ON segment.users TO ROLE r;
            GRANT SELECT, 2️⃣insret ON t TO ROLE r;
            REVOKE 3️⃣FROBNICATE ON t FROM ROLE r;
            GRANT SELECT, INSERT, UPDATE, DELETE, REFERENCES, TRUNCATE, TEMP, USAGE ON t TO ROLE r;
            GRANT CREATE USER TO ROLE r;
            GRANT ALL PRIVILEGES ON SCHEMA s TO ROLE r;
            """
        expectDiagnostics(
            sql, rules: [Rule.sqlUnknownPrivilege.id, Rule.sqlSyntax.id],
            expected: [
                ("1️⃣", Rule.sqlUnknownPrivilege.id), ("2️⃣", Rule.sqlUnknownPrivilege.id),
                ("3️⃣", Rule.sqlUnknownPrivilege.id),
            ])
        let marked = MarkedText(sql)
        let selct = try #require(finding(marked, "1️⃣", Rule.sqlUnknownPrivilege.id))
        #expect(selct.message == "unknown privilege 'SELCT'; did you mean SELECT?")
        #expect(selct.fixIts.map(\.replacement) == ["SELECT"])
        #expect(finding(marked, "2️⃣", Rule.sqlUnknownPrivilege.id)?.fixIts.map(\.replacement) == ["insert"])
        #expect(finding(marked, "3️⃣", Rule.sqlUnknownPrivilege.id)?.fixIts.isEmpty == true)
        // The misspelt grant is not simulated: it is invalid, like any statement a server rejects.
        let statements = SQLParser.parse(marked.text, dialect: .redshift).statements
        #expect(statements[0].kind.isInvalid)
        #expect(!statements[3].kind.isInvalid)
    }
}

@Suite("Look-alike characters")
struct LookalikeTests {
    static let rules: Set<RuleID> = [Rule.sqlLookalikeCharacter.id, Rule.sqlSyntax.id]

    @Test func eachRunIsOneFindingWithItsReplacement() throws {
        let sql = """
            GRANT SELECT1️⃣\u{A0}\u{A0}\u{A0}\u{A0}ON t TO ROLE r;
            2️⃣\u{A0}\u{A0}GRANT USAGE ON SCHEMA s TO ROLE r;
            3️⃣– if enabled
            4️⃣—— also a comment
            SELECT 5️⃣‘abc’ AS x, 6️⃣“Name” FROM t;
            SELECT 'it’s – fine in a string'; -- and “here” – too
            GRANT SELECT ON t TO ROLE7️⃣\u{202F}r;
            """
        expectDiagnostics(
            sql, rules: Self.rules,
            expected: (1...7).map { (String(MarkedText.markers[$0 - 1]), Rule.sqlLookalikeCharacter.id) })
        let marked = MarkedText(sql)
        let expected: [(String, String, Int)] = [
            ("1️⃣", "    ", 8), ("2️⃣", "  ", 4), ("3️⃣", "--", 3), ("4️⃣", "--", 6), ("5️⃣", "'abc'", 9),
            ("6️⃣", "\"Name\"", 10), ("7️⃣", " ", 3),
        ]
        for (marker, replacement, bytes) in expected {
            let diagnostic = try #require(finding(marked, marker, Rule.sqlLookalikeCharacter.id))
            #expect(diagnostic.fixIts.map(\.replacement) == [replacement], "\(marker)")
            #expect(diagnostic.range.end.column - diagnostic.range.start.column == bytes, "\(marker)")
            #expect(diagnostic.fixIts.first?.range == diagnostic.range)
        }
    }

    /// The statement is read as if the characters were replaced, so the other checks keep working.
    @Test func statementsParseAsIfReplaced() throws {
        let parsed = SQLParser.parse(
            "GRANT SELECT ON t TO ROLE\u{A0}segment_role;\n– note\nCREATE USER u PASSWORD ‘Abcd1234’;",
            dialect: .redshift)
        #expect(parsed.statements.count == 2)
        guard case .grant(let grant) = parsed.statements[0].kind else {
            Issue.record("the grant parses")
            return
        }
        #expect(grant.grantees.map { $0.name?.value } == ["segment_role"])
        #expect(parsed.statements[1].passwords.map(\.spec) == [.literal(value: "Abcd1234", isPlaceholder: false)])
        #expect(parsed.statements[1].leadingComments == ["– note"])
    }
}

@Suite("Characters no server accepts")
struct InvalidCharacterTests {
    @Test(arguments: ["\u{0}", "\u{FFFD}", "\u{1}\u{2}"])
    func inAStatementIsAnErrorAtItsPosition(character: String) throws {
        let marked = MarkedText(
            "GRANT SELECT ON t TO ROLE r;\nGRANT SELECT ON t1️⃣\(character) TO ROLE r;\nSELECT '2️⃣\(character)';")
        let parsed = SQLParser.parse(marked.text, dialect: .redshift)
        #expect(parsed.diagnostics.map(\.rule) == [Rule.sqlInvalidCharacter.id, Rule.sqlInvalidCharacter.id])
        #expect(parsed.diagnostics.map(\.range.start) == [marked["1️⃣"], marked["2️⃣"]])
        #expect(parsed.diagnostics.first?.range.end.column == marked.location(1).column + character.utf8.count)
        // Neither statement is planned; the first one is.
        #expect(parsed.statements.map(\.kind.isInvalid) == [false, true, true])
    }
}

@Suite("Placeholders are holes")
struct PlaceholderHoleTests {
    @Test(arguments: [
        "SELECT * FROM <<YOUR_PROD_SOURCE_SCHEMA_NAME>>.tracks",
        "SELECT a.id FROM <database_name.account_table> a JOIN <db.users> u ON u.id = a.user_id",
        "SELECT * FROM {{ schema }}.users WHERE id = %s AND name = %(name)s",
        "SELECT * FROM \"your_source\".tracks",
        "GRANT USAGE ON SCHEMA YOUR_SCHEMA TO ROLE your_role",
        "GRANT SELECT ON ALL TABLES IN SCHEMA <schema> TO ROLE <role>",
        "SELECT JSON_PARSE('{\"key\": 88}'), 'XXXXX' FROM t",
        "CREATE USER [user_name] PASSWORD '[password]'",
        "GRANT SELECT ON ALL TABLES IN SCHEMA [schema-name] TO [user_name]",
        "SELECT a.id FROM [db.accounts] a JOIN [schema_name].users u ON u.id = a.user_id",
    ])
    func parseWithTheHoleInPlace(sql: String) {
        let statements = parseClean(sql)
        #expect(statements.count == 1)
        #expect(statements.first?.kind.isInvalid == false)
    }

    @Test func holesAreTokensOfTheirOwn() {
        let tokens = SQLLexer.tokenize(
            "<<A>> <b.c> {{ d }} %s %(e)s YOUR_F your_g yours 'your_h' a%b", dialect: .redshift
        )
        .filter { !$0.isTrivia }
        #expect(
            tokens.filter { $0.kind == .placeholder }.map(\.text) == [
                "<<A>>", "<b.c>", "{{ d }}", "%s", "%(e)s", "YOUR_F", "your_g",
            ])
    }

    /// `[name]` is a hole in Redshift and PostgreSQL where no array subscript can be; a word in capitals is a
    /// synopsis' optional part; Snowflake reads brackets as its array syntax.
    @Test func bracketedNamesAreHolesWhereNoSubscriptCanBe() {
        let text = "[user_name] [CASCADE] a[1] f(x)[2] ARRAY [b] array[c] [ WITH ] [YOUR_DB] [x y] [db.t] [9]"
        func holes(_ dialect: SQLDialect) -> [String] {
            SQLLexer.tokenize(text, dialect: dialect).filter { $0.kind == .placeholder }.map(\.text)
        }
        #expect(holes(.redshift) == ["[user_name]", "[YOUR_DB]", "[db.t]"])
        #expect(holes(.postgres) == ["[user_name]", "[YOUR_DB]", "[db.t]"])
        // In Snowflake only the fill-in word inside is one.
        #expect(holes(.snowflake) == ["YOUR_DB"])
        // The password in brackets is one to fill in, like `<password>`.
        let statement = parseClean("CREATE USER [user_name] PASSWORD '[password]'").first
        guard case .createUser(let user) = statement?.kind else {
            Issue.record("CREATE USER parses with the hole in place")
            return
        }
        #expect(user.name.isPlaceholder)
        let passwords = user.options.compactMap { option -> PasswordSpec? in
            if case .password(let spec, _, _) = option.kind { spec } else { nil }
        }
        #expect(passwords == [.literal(value: "[password]", isPlaceholder: true)])
    }

    /// Around the hole the statement is still checked: a real error elsewhere is reported.
    @Test func errorsAroundAHoleAreReported() {
        expectDiagnostics(
            "SELECT * FROM \"your_source\".tracks WHERE 1️⃣)",
            rules: [Rule.sqlSyntax.id], expected: [("1️⃣", Rule.sqlSyntax.id)])
        expectDiagnostics(
            "GRANT SELECT ON ALL TABLES IN SCHEMA [schema_name] TO [user_name];\n1️⃣GRNAT USAGE ON SCHEMA [schema_name] TO [user_name];",
            rules: [Rule.sqlSyntax.id, Rule.sqlUnknownStatement.id], expected: [("1️⃣", Rule.sqlUnknownStatement.id)])
    }
}

@Suite("Secrets found from tokens")
struct SecretLiteralTests {
    @Test func inStatementsThatDoNotParseAndInSecretNamedVariables() {
        let sql = """
            CREATE USER s1 PASSWORD = 'SnowSecretSix9';
            SET pw = 'PwValue1';
            SET segment_password TO 'PwValue2';
            SET api_token = 'TokValue3';
            SET app_secret = $$SecValue4$$;
            SET search_path = 'public';
            SELECT 'password' AS label;
            """
        let secrets = SQLParser.parse(sql, dialect: .redshift).statements.flatMap(\.secretLiterals)
        #expect(secrets.map(\.value) == ["SnowSecretSix9", "PwValue1", "PwValue2", "TokValue3", "SecValue4"])
        #expect(secrets.map { $0.owner?.value } == ["s1", "pw", "segment_password", "api_token", "app_secret"])
        // From a block's text alone, for blocks that are never parsed.
        #expect(
            SecretLiteral.find(inBlock: "create user x identified by 'MyValue5';", dialect: .redshift).map(\.value)
                == ["MyValue5"])
    }

    @Test func scriptsNeverCarryThem() throws {
        let statements = SQLParser.parse(
            "CREATE USER s1 PASSWORD = 'SnowSecretSix9';\nSET pw = 'PwValue1';", dialect: .redshift
        ).statements
        let rendered = statements.map {
            SQLRewriter.render($0, identifiers: [:], password: { ":'\($0?.value ?? "user")_password'" })
        }
        #expect(rendered == ["CREATE USER s1 PASSWORD = :'s1_password'", "SET pw = :'pw_password'"])
    }
}

extension StatementKind {
    fileprivate var isInvalid: Bool {
        if case .invalid = self { true } else { false }
    }
}
