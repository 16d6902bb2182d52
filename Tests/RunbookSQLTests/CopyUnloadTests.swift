import RunbookDiagnostics
import RunbookSQL
import RunbookTestSupport
import Testing

import struct RunbookDiagnostics.SourceLocation

/// COPY's and UNLOAD's parameters are a closed grammar per dialect: every parameter of the engine's reference
/// parses with its argument, and a misspelt one or an argument of the wrong shape is an error at its place.
@Suite("COPY and UNLOAD parameters")
struct CopyUnloadTests {
    static let rules: Set<RuleID> = [Rule.sqlSyntax.id, Rule.sqlMisspeltKeyword.id]

    // MARK: - Redshift COPY

    /// Each family of https://docs.aws.amazon.com/redshift/latest/dg/r_COPY.html, in AWS's spellings.
    @Test(arguments: [
        // Authorization.
        "IAM_ROLE default",
        "IAM_ROLE 'arn:aws:iam::0123456789012:role/A,arn:aws:iam::0123456789012:role/B'",
        "CREDENTIALS 'aws_iam_role=arn:aws:iam::0123456789012:role/R'",
        "WITH CREDENTIALS AS 'aws_access_key_id=A;aws_secret_access_key=B'",
        "ACCESS_KEY_ID 'A' SECRET_ACCESS_KEY 'B' SESSION_TOKEN 'C'",
        // Data source.
        "IAM_ROLE 'arn' MANIFEST ENCRYPTED MASTER_SYMMETRIC_KEY 'k' REGION AS 'us-west-2'",
        "IAM_ROLE 'arn' SSH", "IAM_ROLE 'arn' READRATIO 50", "IAM_ROLE 'arn' REGION 'us-east-1'",
        // Data format.
        "IAM_ROLE 'arn' CSV", "IAM_ROLE 'arn' CSV QUOTE AS '%'", "IAM_ROLE 'arn' CSV QUOTE '\"'",
        "IAM_ROLE 'arn' FORMAT AS CSV", "IAM_ROLE 'arn' FORMAT CSV QUOTE AS '|'",
        "IAM_ROLE 'arn' DELIMITER '|'", "IAM_ROLE 'arn' DELIMITER AS '\\t'", "IAM_ROLE 'arn' FORMAT AS DELIMITER '|'",
        "IAM_ROLE 'arn' FIXEDWIDTH 'a:3,b:25'", "IAM_ROLE 'arn' FORMAT AS FIXEDWIDTH 'a:3'",
        "IAM_ROLE 'arn' JSON 'auto'", "IAM_ROLE 'arn' JSON 'auto ignorecase'", "IAM_ROLE 'arn' JSON AS 's3://b/p.json'",
        "IAM_ROLE 'arn' FORMAT AS JSON 'noshred'", "IAM_ROLE 'arn' FORMAT JSON", "IAM_ROLE 'arn' FORMAT AS AVRO 'auto'",
        "IAM_ROLE 'arn' AVRO", "IAM_ROLE 'arn' FORMAT AS PARQUET", "IAM_ROLE 'arn' FORMAT AS ORC SERIALIZETOJSON",
        "IAM_ROLE 'arn' FORMAT SHAPEFILE SIMPLIFY AUTO 1.1E-05", "IAM_ROLE 'arn' SHAPEFILE SIMPLIFY 2",
        // File compression.
        "IAM_ROLE 'arn' BZIP2", "IAM_ROLE 'arn' GZIP", "IAM_ROLE 'arn' LZOP", "IAM_ROLE 'arn' ZSTD",
        // Data conversion.
        "IAM_ROLE 'arn' ACCEPTANYDATE DATEFORMAT 'auto' TIMEFORMAT AS 'epochsecs'",
        "IAM_ROLE 'arn' ACCEPTINVCHARS", "IAM_ROLE 'arn' ACCEPTINVCHARS AS '^'", "IAM_ROLE 'arn' ACCEPTINVCHARS '?'",
        "IAM_ROLE 'arn' BLANKSASNULL EMPTYASNULL FILLRECORD IGNOREBLANKLINES REMOVEQUOTES ROUNDEC TRIMBLANKS",
        "IAM_ROLE 'arn' TRUNCATECOLUMNS EXPLICIT_IDS ESCAPE", "IAM_ROLE 'arn' ENCODING AS UTF16LE",
        "IAM_ROLE 'arn' IGNOREHEADER 1", "IAM_ROLE 'arn' IGNOREHEADER AS 2", "IAM_ROLE 'arn' NULL AS '\\0'",
        // Data load.
        "IAM_ROLE 'arn' COMPROWS 100000 COMPUPDATE OFF STATUPDATE ON", "IAM_ROLE 'arn' COMPUPDATE PRESET",
        "IAM_ROLE 'arn' COMPUPDATE", "IAM_ROLE 'arn' MAXERROR AS 5 NOLOAD", "IAM_ROLE 'arn' IGNOREALLERRORS",
        "IAM_ROLE 'arn' JOB CREATE my_job AUTO ON", "IAM_ROLE 'arn' JOB CREATE my_job",
        // AWS's `[, ...]` between parameters, and a placeholder standing for them.
        "IAM_ROLE 'arn', CSV, IGNOREHEADER 1", "<credentials> CSV",
    ])
    func redshiftCopyParameters(parameters: String) {
        _ = parseClean("COPY public.t (a, b) FROM 's3://b/p' \(parameters);")
    }

    @Test func sourcesAreStringsOrPlaceholders() {
        _ = parseClean(
            """
            COPY t FROM 'dynamodb://Movies' IAM_ROLE 'arn' READRATIO 50;
            COPY t FROM <s3_path> IAM_ROLE <role_arn>;
            COPY t FROM :'path' IAM_ROLE :'role' DELIMITER :'d';
            """)
    }

    /// Misspelt parameters (one edit from one) get the did-you-mean, each in place; so does a misspelt format.
    @Test(arguments: [
        ("COPY t FROM 's3://b/p' 1️⃣IAM_ROEL 'arn';", "IAM_ROLE", "IAM_ROLE"),
        ("COPY t FROM 's3://b/p' IAM_ROLE 'arn' 1️⃣DELIMITR '|';", "DELIMITER", "DELIMITER"),
        ("COPY t FROM 's3://b/p' IAM_ROLE 'arn' CSV 1️⃣IGNOREHAEDER 1;", "IGNOREHEADER", "IGNOREHEADER"),
        ("COPY t FROM 's3://b/p' IAM_ROLE 'arn' FORMAT AS 1️⃣CVS;", "CSV", "CSV"),
        ("copy t from 's3://b/p' iam_role 'arn' 1️⃣maxeror 5;", "MAXERROR", "maxerror"),
        ("copy t from 's3://b/p' iam_role 'arn' csv 1️⃣qoute as '%';", "QUOTE", "quote"),
        ("UNLOAD ('select 1') TO 's3://b/p' IAM_ROLE 'arn' 1️⃣PARALEL OFF;", "PARALLEL", "PARALLEL"),
        ("UNLOAD ('select 1') TO 's3://b/p' IAM_ROLE 'arn' 1️⃣ALLOWOVERWIRTE;", "ALLOWOVERWRITE", "ALLOWOVERWRITE"),
    ])
    func misspeltParameters(marked: String, keyword: String, replacement: String) throws {
        let text = MarkedText(marked)
        let parsed = SQLParser.parse(text.text, dialect: .redshift)
        #expect(parsed.diagnostics.map(\.rule) == [Rule.sqlMisspeltKeyword.id])
        let found = try #require(parsed.diagnostics.first)
        #expect(found.range.start == text["1️⃣"])
        #expect(found.message.hasSuffix("did you mean \(keyword)?"))
        #expect(found.fixIts.map(\.replacement) == [replacement])
        #expect(parsed.statements.allSatisfy { if case .invalid = $0.kind { true } else { false } })
    }

    /// A word that is no parameter and near none, and arguments of the wrong shape: syntax errors naming what the
    /// grammar expects.
    @Test func wrongWordsAndArgumentsNameWhatIsExpected() {
        let cases: [(String, String)] = [
            (
                "COPY t FROM 's3://b/p' IAM_ROLE 'arn' IGNOREHEADER 'x';",
                "expected a number after IGNOREHEADER, found ''x''"
            ),
            (
                "COPY t FROM 's3://b/p' IAM_ROLE 'arn' banana;",
                "expected a COPY parameter (IAM_ROLE, FORMAT, CSV, DELIMITER, IGNOREHEADER, NULL AS, MAXERROR, …), "
                    + "found 'banana'"
            ),
            (
                "COPY t FROM 's3://b/p' IAM_ROLE 'arn' MAXERROR;",
                "expected a number after MAXERROR, found end of statement"
            ),
            (
                "COPY t FROM 's3://b/p' IAM_ROLE;",
                "expected a role ARN or DEFAULT after IAM_ROLE, found end of statement"
            ),
            (
                "COPY t FROM s3path IAM_ROLE 'arn';",
                "expected the data source as a string ('s3://…', 'emr://…', 'dynamodb://…') after FROM, found 's3path'"
            ),
            ("COPY t TO 's3://b/p' IAM_ROLE 'arn';", "expected FROM after the table, found 'TO'"),
            (
                "COPY t FROM 's3://b/p' IAM_ROLE 'arn' JOB CREATE j AUTO maybe;",
                "expected ON or OFF after AUTO, found 'maybe'"
            ),
            (
                "UNLOAD ('select 1') TO 's3://b/p' IAM_ROLE 'arn' MAXFILESIZE 'big';",
                "expected a size after MAXFILESIZE, found ''big''"
            ),
            (
                "UNLOAD ('select 1') TO 's3://b/p' IAM_ROLE 'arn' FORMAT AS AVRO;",
                "expected CSV, PARQUET or JSON after FORMAT, found 'AVRO'"
            ),
            (
                "UNLOAD ('select 1') TO 's3://b/p' IAM_ROLE 'arn' PARTITION (a);",
                "expected BY after PARTITION, found '('"
            ),
        ]
        for (sql, message) in cases {
            let parsed = SQLParser.parse(sql, dialect: .redshift)
            #expect(parsed.diagnostics.map(\.message) == [message], "\(sql)")
            #expect(parsed.diagnostics.allSatisfy { $0.rule == Rule.sqlSyntax.id }, "\(sql)")
        }
    }

    /// Every mistake of a statement is reported, once, and reading goes on at the next parameter.
    @Test func eachMistakeOfAStatementIsReported() {
        expectDiagnostics(
            """
            COPY t FROM 's3://b/p' IAM_ROLE 'arn' 1️⃣DELIMITR '|' IGNOREHEADER 2️⃣'x' CSV 3️⃣IGNOREHAEDER 1 GZIP;
            """, rules: Self.rules,
            expected: [
                ("1️⃣", Rule.sqlMisspeltKeyword.id), ("2️⃣", Rule.sqlSyntax.id), ("3️⃣", Rule.sqlMisspeltKeyword.id),
            ])
    }

    // MARK: - Redshift UNLOAD

    /// Each option of https://docs.aws.amazon.com/redshift/latest/dg/r_UNLOAD.html.
    @Test(arguments: [
        "IAM_ROLE default", "IAM_ROLE 'arn' FORMAT AS CSV", "IAM_ROLE 'arn' FORMAT PARQUET", "IAM_ROLE 'arn' JSON",
        "IAM_ROLE 'arn' PARQUET PARTITION BY (a, b) INCLUDE", "IAM_ROLE 'arn' MANIFEST VERBOSE HEADER",
        "IAM_ROLE 'arn' DELIMITER AS '|' ADDQUOTES ESCAPE", "IAM_ROLE 'arn' FIXEDWIDTH AS 'a:3,b:4'",
        "IAM_ROLE 'arn' ENCRYPTED AUTO", "IAM_ROLE 'arn' KMS_KEY_ID 'k' ENCRYPTED",
        "IAM_ROLE 'arn' MASTER_SYMMETRIC_KEY 'k' ENCRYPTED", "IAM_ROLE 'arn' BZIP2", "IAM_ROLE 'arn' ZSTD",
        "IAM_ROLE 'arn' NULL AS 'fred' ALLOWOVERWRITE CLEANPATH", "IAM_ROLE 'arn' NULL 'x'",
        "IAM_ROLE 'arn' PARALLEL OFF GZIP", "IAM_ROLE 'arn' PARALLEL TRUE", "IAM_ROLE 'arn' PARALLEL",
        "IAM_ROLE 'arn' MAXFILESIZE AS 1 GB ROWGROUPSIZE 128 MB", "IAM_ROLE 'arn' MAXFILESIZE 100",
        "IAM_ROLE 'arn' REGION AS 'us-east-1' EXTENSION 'txt.gz'",
        "CREDENTIALS 'aws_access_key_id=A;aws_secret_access_key=B'",
    ])
    func redshiftUnloadOptions(options: String) {
        _ = parseClean("UNLOAD ('select * from venue') TO 's3://b/venue_' \(options);")
    }

    /// COPY's parameters that UNLOAD lacks (and the other way round) are errors in the other statement.
    @Test func eachStatementHasItsOwnList() {
        expectDiagnostics(
            """
            UNLOAD ('select 1') TO 's3://b/p' IAM_ROLE 'arn' 1️⃣IGNOREHEADER 1;
            UNLOAD ('select 1') TO 's3://b/p' IAM_ROLE 'arn' CSV 2️⃣QUOTE AS '%';
            COPY t FROM 's3://b/p' IAM_ROLE 'arn' 3️⃣ALLOWOVERWRITE;
            COPY t FROM 's3://b/p' IAM_ROLE 'arn' 4️⃣PARTITION BY (a);
            """, rules: Self.rules,
            expected: [
                ("1️⃣", Rule.sqlSyntax.id), ("2️⃣", Rule.sqlSyntax.id), ("3️⃣", Rule.sqlSyntax.id),
                ("4️⃣", Rule.sqlSyntax.id),
            ])
    }

    // MARK: - PostgreSQL

    /// https://www.postgresql.org/docs/15/sql-copy.html: both directions, every target, the option list and the
    /// forms before 9.0.
    @Test func postgresCopyParses() {
        _ = parseClean(
            """
            COPY t FROM STDIN;
            COPY t (a, b) FROM '/tmp/t.csv' WITH (FORMAT csv, HEADER, DELIMITER ',', NULL '', QUOTE '"');
            COPY t FROM '/tmp/t.csv' (FORMAT 'csv', HEADER MATCH, FREEZE true, ESCAPE '\\', ENCODING 'UTF8');
            COPY t FROM PROGRAM 'gunzip -c /tmp/t.gz' WITH (FORMAT csv, FORCE_NOT_NULL (a), FORCE_NULL (b));
            COPY t FROM STDIN WITH (FORMAT csv) WHERE a > 1;
            COPY t TO STDOUT WITH (FORMAT csv, FORCE_QUOTE *, HEADER false);
            COPY (SELECT a, b FROM t WHERE a > 1) TO '/tmp/out.csv' WITH (FORMAT csv, FORCE_QUOTE (a, b));
            COPY t TO PROGRAM 'gzip > /tmp/t.gz' (FORMAT binary);
            COPY t TO STDOUT WITH CSV HEADER QUOTE AS '"' FORCE QUOTE a, b;
            COPY t FROM STDIN WITH DELIMITER AS '|' NULL AS '' CSV HEADER FORCE NOT NULL a;
            COPY t FROM '/tmp/t' BINARY;
            COPY t FROM STDIN (ON_ERROR ignore, DEFAULT '\\D', LOG_VERBOSITY verbose);
            """, dialect: .postgres)
    }

    @Test func postgresMistakes() {
        expectDiagnostics(
            """
            COPY t FROM STDIN WITH (1️⃣FORMAT_ csv);
            COPY t FROM STDIN WITH (FORMAT csv, 2️⃣HAEDER);
            COPY t FROM STDIN WITH (FORMAT 3️⃣cvs);
            COPY t FROM 4️⃣STDOUT;
            COPY (SELECT 1) 5️⃣FROM STDIN;
            COPY t FROM STDIN WITH 6️⃣HEADR;
            COPY t FROM STDIN WITH (7️⃣DELIMITR '|', FORCE_QUOTE8️⃣);
            """, rules: Self.rules,
            expected: [
                ("1️⃣", Rule.sqlMisspeltKeyword.id), ("2️⃣", Rule.sqlMisspeltKeyword.id),
                ("3️⃣", Rule.sqlMisspeltKeyword.id), ("4️⃣", Rule.sqlSyntax.id), ("5️⃣", Rule.sqlSyntax.id),
                ("6️⃣", Rule.sqlMisspeltKeyword.id), ("7️⃣", Rule.sqlMisspeltKeyword.id), ("8️⃣", Rule.sqlSyntax.id),
            ], dialect: .postgres)
    }

    /// Redshift's parameters are not PostgreSQL's, nor the other way round.
    @Test func eachDialectReadsItsOwnGrammar() {
        #expect(!SQLParser.parse("COPY t FROM 's3://b/p' IAM_ROLE 'arn' CSV;", dialect: .postgres).diagnostics.isEmpty)
        #expect(!SQLParser.parse("COPY t FROM STDIN WITH (FORMAT csv);", dialect: .redshift).diagnostics.isEmpty)
        #expect(!SQLParser.parse("COPY (SELECT 1) TO STDOUT;", dialect: .redshift).diagnostics.isEmpty)
    }

    // MARK: - Snowflake and the rest

    /// Snowflake's COPY INTO keeps its options unread (its own issue reads them); UNLOAD elsewhere than Redshift
    /// is read as before.
    @Test func snowflakeCopyIntoIsKept() {
        _ = parseClean(
            """
            COPY INTO mytable FROM @my_stage FILE_FORMAT = (TYPE = CSV SKIP_HEADER = 1) ON_ERROR = 'CONTINUE';
            COPY INTO @my_stage FROM (SELECT * FROM t) FILE_FORMAT = (FORMAT_NAME = my_csv) OVERWRITE = TRUE;
            COPY INTO mytable (a, b) FROM 's3://b/p' CREDENTIALS = (AWS_KEY_ID = 'x' AWS_SECRET_KEY = 'y') PURGE = TRUE;
            """, dialect: .snowflake)
    }

    /// COPY and UNLOAD stay outside the privilege model: `.opaque`, named by their first word.
    @Test func theKindIsUnchanged() {
        #expect(kind("COPY t FROM 's3://b/p' IAM_ROLE 'arn' CSV IGNOREHEADER 1;") == .opaque(keyword: "COPY"))
        #expect(kind("UNLOAD ('select 1') TO 's3://b/p' IAM_ROLE 'arn' PARQUET;") == .opaque(keyword: "UNLOAD"))
        #expect(kind("COPY t FROM STDIN WITH (FORMAT csv);", dialect: .postgres) == .opaque(keyword: "COPY"))
    }
}
