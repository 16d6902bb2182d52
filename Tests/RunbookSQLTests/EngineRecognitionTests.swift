import RunbookDiagnostics
import RunbookSQL
import RunbookTestSupport
import Testing

import struct RunbookDiagnostics.SourceLocation

/// The dialect registry and the page-level decision (Dialects/): which engine a page is for, and why.
@Suite struct EngineRecognitionTests {
    static func sample(_ sql: String, language: String = "", line: Int = 10) -> PageDialect.BlockSample {
        let range = SourceRange(
            start: SourceLocation(line: line, column: 1), end: SourceLocation(line: line + 2, column: 4))
        return PageDialect.BlockSample(
            language: language, tokens: SQLLexer.tokenize(sql, dialect: .redshift), range: range,
            positions: BlockPositionMap(fenceLine: line, lineOffsets: [], fallbackOffset: 0))
    }

    static func heading(_ text: String, level: Int = 2, line: Int) -> PageDialect.Heading {
        PageDialect.Heading(level: level, text: text, range: SourceRange(SourceLocation(line: line, column: 1)))
    }

    // MARK: Registry

    @Test func everyOtherEngineIsRecognisedButNotChecked() {
        let others = Engine.all.filter { !$0.isChecked }.map(\.id)
        #expect(others == ["bigquery", "databricks", "tsql", "db2", "mysql", "oracle"])
        #expect(SQLDialect.allCases.map(\.engine.id) == ["redshift", "postgres", "snowflake"])
        #expect(DialectProfile.all.map(\.dialect) == SQLDialect.allCases)
    }

    @Test func namesFencesAndProse() {
        #expect(Engine.named("Snowflake") == .snowflake)
        #expect(Engine.named(" postgresql ") == .postgres)
        #expect(Engine.named("synapse") == .tsql)
        #expect(Engine.named("sqlite") == nil)
        #expect(Engine.forFence("sparksql") == .databricks)
        #expect(Engine.forFence("psql") == .postgres)
        #expect(Engine.forFence("sql") == nil)
        #expect(Engine.namedIn(prose: "Azure Synapse Analytics Destination") == [.tsql])
        #expect(Engine.namedIn(prose: "Connect T-SQL warehouses") == [.tsql])
        // Whole words only: a function called postgresql_fdw names no engine.
        #expect(Engine.namedIn(prose: "Install postgresql_fdw") == [])
        #expect(Engine.namedIn(prose: "Redshift or Snowflake") == [.redshift, .snowflake])
    }

    @Test func caseFoldingIsPerDialect() {
        #expect(SQLDialect.redshift.profile.caseFolding.fold("Segment_Role") == "segment_role")
        #expect(IdentifierCaseFolding.upper.fold("segment_role") == "SEGMENT_ROLE")
    }

    // MARK: Decisive syntax

    @Test(arguments: [
        ("GRANT CREATE SCHEMA ON DATABASE analytics TO ROLE segment;", "snowflake"),
        ("GRANT USAGE ON WAREHOUSE segment_wh TO ROLE segment;", "snowflake"),
        ("GRANT SELECT ON FUTURE TABLES IN SCHEMA s TO ROLE segment;", "snowflake"),
        ("CREATE USER Segment FOR LOGIN Segment;", "tsql"),
        ("GRANT CONTROL TO Segment;", "tsql"),
        ("EXEC sp_addrolemember 'db_owner', 'Segment';", "tsql"),
        ("GRANT DBADM ON DATABASE TO USER segment;", "db2"),
        ("GRANT SELECT ON db.* TO 'segment'@'%';", "mysql"),
        ("GRANT CREATE SESSION TO segment;", "oracle"),
        ("USE CATALOG main;", "databricks"),
    ])
    func decisiveSyntax(sql: String, engine: String) {
        let tokens = SQLLexer.tokenize(sql, dialect: .redshift).filter { !$0.isTrivia }
        let evidence = EngineEvidence.first(in: tokens)
        #expect(evidence?.engine?.id == engine)
        #expect(evidence?.isWeak == false)
    }

    @Test(arguments: [
        "GRANT SELECT ON task TO segment;",
        "GRANT SELECT ON TABLE stage.events TO segment;",
        "SELECT * FROM t JOIN stage ON stage.id = t.id;",
        "GRANT CREATE ON DATABASE analytics TO segment;",
    ])
    func redshiftIsNotEvidenceOfAnotherEngine(sql: String) {
        let tokens = SQLLexer.tokenize(sql, dialect: .redshift).filter { !$0.isTrivia }
        #expect(EngineEvidence.first(in: tokens) == nil)
    }

    // MARK: The page decision

    @Test func frontMatterDecidesAndTheCommandLineCannotMakeAnotherEnginesPageChecked() {
        let block = Self.sample("CREATE ROLE segment;")
        let bigQuery = PageDialect.decide(
            .init(commandLine: .redshift, frontMatter: "bigquery"), title: "Setup", headings: [], blocks: [block])
        #expect(bigQuery.engine == .bigQuery)
        #expect(bigQuery.isSkipped)
        #expect(bigQuery.source == .frontMatter)
        // Snowflake is checked, and its SQL is not Redshift's: the command line does not turn its page into Redshift.
        let snowflake = PageDialect.decide(
            .init(commandLine: .redshift, frontMatter: "snowflake"), title: "Setup", headings: [], blocks: [block])
        #expect(snowflake.engine == .snowflake)
        #expect(snowflake.dialect == .snowflake)
        #expect(!snowflake.isSkipped)
        #expect(snowflake.source == .frontMatter)
        let postgres = PageDialect.decide(
            .init(frontMatter: "postgres"), title: "Redshift setup", headings: [], blocks: [block])
        #expect(postgres.dialect == .postgres)
        #expect(postgres.source == .frontMatter)
        // Between checked dialects the command line wins.
        let overridden = PageDialect.decide(
            .init(commandLine: .redshift, frontMatter: "postgres"), title: "", headings: [], blocks: [block])
        #expect(overridden.dialect == .redshift)
        #expect(overridden.source == .commandLine)
    }

    @Test func configurationForThePathBeatsEvidenceButTheTreeDefaultDoesNot() {
        let block = Self.sample("CREATE ROLE segment;")
        let forPath = PageDialect.decide(
            .init(configurationForPath: .postgres), title: "Snowflake setup", headings: [], blocks: [block])
        #expect(forPath.dialect == .postgres)
        #expect(!forPath.isSkipped)
        let tree = PageDialect.decide(
            .init(configurationDefault: .postgres), title: "Snowflake setup", headings: [], blocks: [block])
        #expect(tree.engine == .snowflake)
        let plain = PageDialect.decide(
            .init(configurationDefault: .postgres), title: "Setup", headings: [], blocks: [block])
        #expect(plain.dialect == .postgres)
        #expect(plain.source == .default)
    }

    @Test func titleNamingSnowflakeChecksThePageAsSnowflake() {
        let page = PageDialect.decide(
            .init(), title: "Snowflake Data Graph Setup", headings: [], blocks: [Self.sample("CREATE ROLE segment;")])
        #expect(page.engine == .snowflake && page.dialect == .snowflake && !page.isSkipped)
        #expect(page.source == .title)
    }

    /// Snowflake's syntax alone still makes an unnamed page Snowflake's, now that it is checked.
    @Test func snowflakeSyntaxDecidesAnUnnamedPage() {
        let page = PageDialect.decide(
            .init(), title: "Warehouse setup", headings: [],
            blocks: [Self.sample("GRANT USAGE ON WAREHOUSE wh TO ROLE r;")])
        #expect(page.engine == .snowflake && page.dialect == .snowflake)
        #expect(page.source == .syntax)
    }

    @Test(arguments: ["BigQuery", "Databricks", "Azure Synapse", "Db2", "MySQL", "Oracle"])
    func titleNamingAnotherEngineSkipsThePage(name: String) {
        let page = PageDialect.decide(
            .init(), title: "\(name) Data Graph Setup", headings: [], blocks: [Self.sample("CREATE ROLE segment;")])
        #expect(page.isSkipped)
        #expect(page.source == .title)
        #expect(page.reason.contains(page.engine.displayName))
    }

    @Test func syntaxInAnUntaggedFenceDecidesThePage() {
        let blocks = [
            Self.sample("CREATE USER Segment FOR LOGIN Segment;", line: 5),
            Self.sample("EXEC sp_addrolemember 'db_owner', 'Segment';", line: 12),
            Self.sample("GRANT SELECT ON t TO segment;", language: "sql", line: 20),
        ]
        let page = PageDialect.decide(.init(), title: "Warehouse setup", headings: [], blocks: blocks)
        #expect(page.engine == .tsql)
        #expect(page.source == .syntax)
        #expect(page.reason.contains("and 1 more block"))
        // Reported where the evidence is, in the file.
        #expect(page.evidenceRange?.start.line == 6)
    }

    @Test func theTitleBeatsSyntaxAndHeadingsNamingOneEngineBeatSyntax() {
        let snowflakeBlock = Self.sample("GRANT USAGE ON WAREHOUSE wh TO ROLE r;")
        let titled = PageDialect.decide(.init(), title: "Redshift setup", headings: [], blocks: [snowflakeBlock])
        #expect(titled.dialect == .redshift)
        #expect(titled.source == .title)
        let headed = PageDialect.decide(
            .init(), title: "Setup", headings: [Self.heading("Connect PostgreSQL", line: 3)], blocks: [snowflakeBlock])
        #expect(headed.dialect == .postgres)
        #expect(headed.source == .headings)
    }

    @Test func onePagePerEngineSectionsDecidePerBlock() {
        let headings = [
            Self.heading("Warehouses", level: 1, line: 1),
            Self.heading("Redshift", level: 2, line: 3),
            Self.heading("Grant access", level: 3, line: 5),
            Self.heading("Snowflake", level: 2, line: 20),
        ]
        let blocks = [
            Self.sample("GRANT SELECT ON t TO segment;", line: 7),
            Self.sample("GRANT USAGE ON WAREHOUSE wh TO ROLE segment;", line: 22),
        ]
        let page = PageDialect.decide(.init(), title: "Warehouses", headings: headings, blocks: blocks)
        #expect(page.dialect == .redshift)
        #expect(page.source == .default)
        #expect(page.sectionEngines == [.redshift, .snowflake])
    }

    // MARK: What skipped blocks create

    @Test func skippedBlocksAreScannedForWhatTheyCreate() {
        let sql = """
            CREATE ROLE IF NOT EXISTS Segment_Role;
            CREATE OR REPLACE USER "Segment User" PASSWORD = 'x';
            CREATE DATABASE ROLE analytics.reader;
            CREATE SCHEMA IF NOT EXISTS segment_db.profiles;
            CREATE WAREHOUSE segment_wh;
            CREATE ROLE identifier($role_name);
            """
        let tokens = SQLLexer.tokenize(sql, dialect: .redshift).filter { !$0.isTrivia }
        let created = SkippedCreation.scan(tokens).map { "\($0.kind.rawValue) \($0.name)" }
        #expect(created == ["role segment_role", "user Segment User", "role reader", "schema profiles"])
    }
}
