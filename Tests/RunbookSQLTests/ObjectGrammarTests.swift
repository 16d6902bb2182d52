import RunbookDiagnostics
import RunbookSQL
import RunbookTestSupport
import Testing

import struct RunbookDiagnostics.SourceLocation

/// Redshift's objects outside the privilege model (external schemas, tables and functions, policies, datashares,
/// identity providers, functions and procedures): each form of the reference parses, and a misspelt or unknown
/// option is a finding at its word, never skipped.
@Suite("Redshift object grammar")
struct ObjectGrammarTests {
    static let rules: Set<RuleID> = [Rule.sqlSyntax.id, Rule.sqlMisspeltKeyword.id, Rule.sqlUnknownStatement.id]

    @Test(arguments: [
        // External schemas, from every source.
        "CREATE EXTERNAL SCHEMA IF NOT EXISTS s FROM DATA CATALOG DATABASE 'd' REGION 'us-west-2' "
            + "IAM_ROLE default CATALOG_ROLE 'arn:aws:iam::1:role/c' CREATE EXTERNAL DATABASE IF NOT EXISTS",
        "CREATE EXTERNAL SCHEMA h FROM HIVE METASTORE DATABASE 'd' URI '10.0.0.1' PORT 9083 IAM_ROLE 'arn:r'",
        "CREATE EXTERNAL SCHEMA p FROM POSTGRES DATABASE 'd' SCHEMA 'public' URI 'host' PORT 5432 "
            + "IAM_ROLE 'arn:r' SECRET_ARN 'arn:s'",
        "CREATE EXTERNAL SCHEMA k FROM KINESIS IAM_ROLE default",
        "CREATE EXTERNAL SCHEMA m FROM MSK IAM_ROLE default AUTHENTICATION iam CLUSTER_ARN 'arn:c'",
        "CREATE EXTERNAL SCHEMA r FROM REDSHIFT DATABASE 'sales_db' SCHEMA 'public'",
        // External tables.
        "CREATE EXTERNAL TABLE s.t (a int, b decimal(8,2), c varchar(max), d double precision) "
            + "PARTITIONED BY (day date) ROW FORMAT DELIMITED FIELDS TERMINATED BY '|' LINES TERMINATED BY '\\n' "
            + "STORED AS textfile LOCATION 's3://b/p/' TABLE PROPERTIES ('numRows'='1', 'x'='y')",
        "CREATE EXTERNAL TABLE s.t (a array<int>, b map<string,int>, c struct<x:int,y:array<string>>) LOCATION 's3://b/'",
        "CREATE EXTERNAL TABLE s.t (a int) ROW FORMAT SERDE 'org.S' WITH SERDEPROPERTIES ('k' = 'v') "
            + "STORED AS INPUTFORMAT 'in.F' OUTPUTFORMAT 'out.F' LOCATION 's3://b/'",
        "CREATE EXTERNAL TABLE s.t PARTITIONED BY (a, b) STORED AS parquet LOCATION 's3://b/' AS SELECT a, b FROM u",
        // External functions.
        "CREATE OR REPLACE EXTERNAL FUNCTION f(int, varchar) RETURNS int VOLATILE LAMBDA 'l' IAM_ROLE default "
            + "RETRY_TIMEOUT 0 MAX_BATCH_ROWS 10 MAX_BATCH_SIZE 5 MB",
        "CREATE EXTERNAL FUNCTION f() RETURNS int VOLATILE SAGEMAKER 'endpoint' IAM_ROLE 'arn:r'",
        // Policies.
        "CREATE MASKING POLICY IF NOT EXISTS m WITH (a varchar(256), b int) USING (sha2(a, 256), b * 0)",
        "ALTER MASKING POLICY m USING ('XXXX'::text)",
        "DROP MASKING POLICY IF EXISTS m",
        "CREATE RLS POLICY r WITH (g varchar(10)) AS t USING (t.g = current_user)",
        "CREATE RLS POLICY r USING (true)",
        "ALTER RLS POLICY r USING (g IN (SELECT g FROM allowed))",
        "DROP RLS POLICY IF EXISTS r CASCADE",
        // Datashares.
        "CREATE DATASHARE d SET PUBLICACCESSIBLE = TRUE, MANAGEDBY ADX",
        "ALTER DATASHARE d ADD SCHEMA a, b",
        "ALTER DATASHARE d ADD ALL FUNCTIONS IN SCHEMA a",
        "ALTER DATASHARE d REMOVE FUNCTION a.f(int, float), a.g()",
        "ALTER DATASHARE d SET INCLUDENEW = TRUE FOR SCHEMA a",
        "DROP DATASHARE d",
        // Identity providers.
        "CREATE IDENTITY PROVIDER p TYPE azure NAMESPACE 'aad' APPLICATION_ARN 'arn:a' IAM_ROLE 'arn:r' "
            + "PARAMETERS '{}' AUTO_CREATE_ROLES TRUE EXCLUDE GROUPS LIKE 'x%'",
        "ALTER IDENTITY PROVIDER p DISABLE",
        "DROP IDENTITY PROVIDER p CASCADE",
        // Functions and procedures.
        "CREATE OR REPLACE FUNCTION f(a float, b float) RETURNS float STABLE AS $$ return a $$ LANGUAGE plpythonu",
        "CREATE PROCEDURE p(a IN int, b INOUT varchar(10), OUT c int) NONATOMIC AS $$ BEGIN NULL; END; $$ "
            + "LANGUAGE plpgsql SECURITY DEFINER SET search_path TO public",
        "ALTER FUNCTION f(float) RENAME TO g",
        "ALTER PROCEDURE p(int) OWNER TO etl",
        "DROP FUNCTION f(int) CASCADE",
        "DROP PROCEDURE p(a INOUT bigint, b IN numeric, c timestamp with time zone, d s.domain_type, double precision)",
    ])
    func everyFormParses(_ sql: String) {
        _ = parseClean(sql)
    }

    /// Each family with an option misspelt or unknown: one finding at the word, the misspelt keyword named.
    @Test(arguments: [
        ("CREATE EXTERNAL SCHEMA s FROM DATA CATALOG DATABASE 'd' 1️⃣IAM_RLOE 'arn:r'", Rule.sqlMisspeltKeyword.id),
        ("CREATE EXTERNAL SCHEMA s FROM DATA CATALOG DATABASE 'd' 1️⃣REGON 'us-west-2'", Rule.sqlMisspeltKeyword.id),
        ("CREATE EXTERNAL SCHEMA s FROM DATA 1️⃣CATLOG DATABASE 'd'", Rule.sqlMisspeltKeyword.id),
        ("CREATE EXTERNAL TABLE s.t (a int) STORED AS parquet 1️⃣LOCATOIN 's3://b/'", Rule.sqlMisspeltKeyword.id),
        ("CREATE EXTERNAL TABLE s.t (a int) ROW FORMAT 1️⃣DELIMTED FIELDS TERMINATED BY ','", Rule.sqlMisspeltKeyword.id),
        (
            "CREATE EXTERNAL FUNCTION f(int) RETURNS int 1️⃣VOLATLE LAMBDA 'l' IAM_ROLE default",
            Rule.sqlMisspeltKeyword.id
        ),
        ("CREATE MASKING POLICY m WITH (a int) 1️⃣USNG (a)", Rule.sqlMisspeltKeyword.id),
        ("CREATE RLS POLICY r WITH (a int) USING (a = 1️⃣= 1)", Rule.sqlSyntax.id),
        ("CREATE DATASHARE d SET 1️⃣PUBLICACESSIBLE TRUE", Rule.sqlMisspeltKeyword.id),
        ("ALTER DATASHARE d 1️⃣ADDD TABLE t", Rule.sqlSyntax.id),
        ("CREATE IDENTITY PROVIDER p TYPE azure 1️⃣NAMESAPCE 'aad' PARAMETERS '{}'", Rule.sqlMisspeltKeyword.id),
        ("CREATE FUNCTION f(int) 1️⃣RETURS int STABLE AS $$ SELECT 1 $$ LANGUAGE sql", Rule.sqlMisspeltKeyword.id),
        ("CREATE PROCEDURE p() AS $$ BEGIN END; $$ LANGUAGE 1️⃣plpgslq", Rule.sqlSyntax.id),
        ("ALTER PROCEDURE p(int) 1️⃣RENAM TO q", Rule.sqlSyntax.id),
        ("DROP FUNCTION f(int) 1️⃣CASCDE", Rule.sqlSyntax.id),
        ("DROP PROCEDURE p(volume 1️⃣IONUT bigint)", Rule.sqlSyntax.id),
        ("CREATE EXTERNAL TABLE s.t (a 1️⃣vrachar(10)) LOCATION 's3://b/'", Rule.sqlMisspeltKeyword.id),
        ("CREATE MASKING POLICY m WITH (a 1️⃣txet) USING (a)", Rule.sqlMisspeltKeyword.id),
        ("DROP FUNCTION f(1️⃣itneger)", Rule.sqlMisspeltKeyword.id),
        ("CREATE FUNCTION f(a 1️⃣widget) RETURNS int STABLE AS $$ SELECT 1 $$ LANGUAGE sql", Rule.sqlSyntax.id),
    ])
    func aMisspeltOptionIsReportedAtItsWord(_ sql: String, _ rule: RuleID) {
        expectDiagnostics(sql, rules: Self.rules, expected: [("1️⃣", rule)])
        let text = MarkedText(sql)
        let kind = SQLParser.parse(text.text, dialect: .redshift).statements.first?.kind
        #expect(kind.map { if case .invalid = $0 { true } else { false } } == true, "the statement is not read")
    }

    @Test func theMisspeltKeywordIsRepairedByItsFixIt() throws {
        let text = MarkedText("CREATE EXTERNAL TABLE s.t (a int) STORED AS parquet 1️⃣LOCATOIN 's3://b/'")
        let parsed = SQLParser.parse(text.text, dialect: .redshift)
        let finding = try #require(parsed.diagnostics.first { $0.rule == Rule.sqlMisspeltKeyword.id })
        #expect(finding.range.start == text["1️⃣"])
        #expect(finding.fixIts.map(\.replacement) == ["LOCATION"])
    }

    /// A policy's USING is read by the expression grammar: the names a subquery reads are the query's.
    @Test func aPolicyExpressionIsAnExpressionNode() throws {
        let statement = try #require(
            parseClean("CREATE MASKING POLICY m WITH (c text) USING (CASE WHEN c IN (SELECT x FROM l) THEN c END)")
                .first)
        #expect(statement.kind == .opaque(keyword: "CREATE MASKING POLICY"))
        #expect(statement.syntax.descendants.contains { $0.kind == .expression })
    }

    /// PostgreSQL's functions keep their open grammar (its CREATE FUNCTION has many more forms); Redshift's
    /// libraries are read by the object grammar and keep their kind.
    @Test func otherDialectsAndObjectsKeepTheirReading() {
        #expect(
            kind(
                "CREATE FUNCTION f(x int) RETURNS TABLE (a int) LANGUAGE sql PARALLEL SAFE AS $$ SELECT 1 $$",
                dialect: .postgres) == .opaque(keyword: "CREATE FUNCTION"))
        #expect(kind("DROP FUNCTION IF EXISTS f, g", dialect: .postgres) == .opaque(keyword: "DROP FUNCTION"))
        #expect(
            kind("CREATE LIBRARY l LANGUAGE plpythonu FROM 's3://b/l.zip' IAM_ROLE default")
                == .opaque(keyword: "CREATE LIBRARY"))
    }
}
