import RunbookDiagnostics
import RunbookSQL
import RunbookTestSupport
import Testing

/// What the typo plants in AWS's examples found still read as "the rest kept balanced": Redshift's GRANT and
/// REVOKE families outside the privilege model, ATTACH and DETACH of policies, ALTER SCHEMA and ALTER DATABASE,
/// CREATE DATABASE's options, a materialized view's attributes, and an aggregate's WITHIN GROUP and FILTER. Each
/// form of the reference parses; a misspelt word in it is a finding at the word.
@Suite("Redshift grant families and other closed forms")
struct RedshiftGrantFamilyTests {
    static let rules: Set<RuleID> = [Rule.sqlSyntax.id, Rule.sqlMisspeltKeyword.id, Rule.sqlUnknownStatement.id]

    @Test(arguments: [
        // ASSUMEROLE (https://docs.aws.amazon.com/redshift/latest/dg/r_GRANT.html).
        "GRANT ASSUMEROLE ON 'arn:aws:iam::1:role/a,arn:aws:iam::2:role/b' TO reg_user1 FOR UNLOAD",
        "GRANT ASSUMEROLE ON 'arn:aws:iam::1:role/a' TO reg_user1, GROUP g FOR EXTERNAL FUNCTION, CREATE MODEL",
        "GRANT ASSUMEROLE ON default TO PUBLIC FOR COPY",
        "REVOKE ASSUMEROLE ON ALL FROM PUBLIC FOR ALL",
        // Lake Formation.
        "GRANT SELECT (a, b) ON EXTERNAL TABLE s.t TO IAM_ROLE 'arn:aws:iam::1:role/r' WITH GRANT OPTION",
        "GRANT SELECT, ALTER, DROP ON EXTERNAL TABLE s.t TO IAM_ROLE 'arn:r', IAM_ROLE 'arn:q'",
        "GRANT ALL PRIVILEGES ON EXTERNAL SCHEMA s TO IAM_ROLE 'arn:r'",
        "REVOKE DROP ON EXTERNAL TABLE s.t FROM IAM_ROLE 'arn:r'",
        // Datashares and their consumers.
        "GRANT ALTER, SHARE ON DATASHARE d TO u WITH GRANT OPTION",
        "GRANT USAGE ON DATASHARE d TO NAMESPACE '13b8833d-17c6-4f16-8fe4-1a018f5ed00d', NAMESPACE 'x'",
        "GRANT USAGE ON DATASHARE d TO ACCOUNT '123456789012'",
        "GRANT USAGE ON d TO ACCOUNT '123456789012' VIA DATA CATALOG",
        "REVOKE USAGE ON DATASHARE d FROM NAMESPACE '13b8833d-17c6-4f16-8fe4-1a018f5ed00d'",
        // Models.
        "GRANT EXECUTE ON MODEL m TO PUBLIC",
        "GRANT ALL ON MODEL m, n TO ROLE r",
        "REVOKE EXECUTE ON MODEL m FROM u CASCADE",
        // Policies' lookup tables and functions.
        "GRANT SELECT ON TABLE t TO RLS POLICY p, RLS POLICY q",
        "GRANT SELECT ON t TO MASKING POLICY p",
        "GRANT EXECUTE ON FUNCTION f(int, varchar) TO RLS POLICY p",
        // ATTACH and DETACH.
        "ATTACH RLS POLICY p ON t TO ROLE analyst, ROLE dbadmin",
        "ATTACH MASKING POLICY m ON t(c) TO PUBLIC PRIORITY 10",
        "ATTACH MASKING POLICY m ON t(c) USING (c) TO bob",
        "DETACH MASKING POLICY m ON t(c) FROM ROLE r, u",
        // ALTER SCHEMA and ALTER DATABASE.
        "ALTER SCHEMA s QUOTA 300 GB",
        "ALTER SCHEMA s QUOTA UNLIMITED",
        "ALTER SCHEMA s RENAME TO t",
        "ALTER DATABASE d CONNECTION LIMIT 10",
        "ALTER DATABASE d COLLATE CASE_INSENSITIVE",
        "ALTER DATABASE d ISOLATION LEVEL SERIALIZABLE",
        "ALTER DATABASE d INTEGRATION REFRESH ALL TABLES",
        // CREATE DATABASE.
        "CREATE DATABASE d FROM DATASHARE s OF NAMESPACE 'n'",
        "CREATE DATABASE d WITH PERMISSIONS FROM DATASHARE s OF ACCOUNT '1' NAMESPACE 'n'",
        "CREATE DATABASE d WITH OWNER = u CONNECTION LIMIT UNLIMITED COLLATE CASE_SENSITIVE ISOLATION LEVEL SNAPSHOT",
        // Materialized views.
        "CREATE MATERIALIZED VIEW v BACKUP NO DISTSTYLE KEY DISTKEY (a) SORTKEY (a) AUTO REFRESH YES AS SELECT a FROM t",
        "CREATE MATERIALIZED VIEW v AS SELECT a FROM t",
        // WITHIN GROUP and FILTER.
        "SELECT listagg(a, ',') WITHIN GROUP (ORDER BY a DESC, b) OVER (PARTITION BY c) FROM t",
        "SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY sum(p)::decimal(30,2) DESC) OVER () FROM t GROUP BY s",
        "SELECT count(*) FILTER (WHERE a > 1) FROM t",
        // ALTER MATERIALIZED VIEW, DESC DATASHARE, SHOW DATASHARES, RESET.
        "ALTER MATERIALIZED VIEW mv AUTO REFRESH NO",
        "ALTER MATERIALIZED VIEW mv ROW LEVEL SECURITY ON CONJUNCTION TYPE OR FOR DATASHARES",
        "ALTER MATERIALIZED VIEW mv ALTER DISTSTYLE EVEN",
        "DESC DATASHARE d OF ACCOUNT '123456789012' NAMESPACE 'n'",
        "DESC DATASHARE d",
        "SHOW DATASHARES LIKE 'sales%'",
        "RESET ALL",
        "RESET SESSION AUTHORIZATION",
        "RESET app.category",
        // What follows SET and VALUES ends them.
        "UPDATE t SET a = NULL, b = b + 1 FROM u WHERE t.id = u.id",
        "MERGE INTO t USING s ON t.id = s.id WHEN MATCHED THEN UPDATE SET a = s.a WHEN NOT MATCHED THEN INSERT "
            + "VALUES (s.id, s.a)",
        "INSERT INTO t VALUES (1, 'a'), (2, 'b')",
        // CREATE LIBRARY and CREATE MODEL.
        "CREATE LIBRARY f_urlparse LANGUAGE plpythonu FROM 's3://mybucket/urlparse3-1.0.3.zip' "
            + "CREDENTIALS 'aws_iam_role=arn:aws:iam::1:role/r' REGION AS 'us-east-1'",
        "CREATE OR REPLACE LIBRARY f LANGUAGE plpythonu FROM 'https://example.com/p.zip'",
        "CREATE LIBRARY f LANGUAGE plpythonu FROM 's3://b/f.zip' IAM_ROLE default",
        "DROP LIBRARY f",
        "CREATE MODEL customer_churn FROM customer_data TARGET 'Churn' FUNCTION predict_churn IAM_ROLE default "
            + "PROBLEM_TYPE BINARY_CLASSIFICATION OBJECTIVE 'F1' PREPROCESSORS '[]' SETTINGS (S3_BUCKET 'bucket')",
        "CREATE MODEL m FROM (SELECT a, b FROM t) TARGET b FUNCTION f IAM_ROLE 'arn:r' AUTO OFF MODEL_TYPE XGBOOST "
            + "OBJECTIVE 'binary:logistic' PREPROCESSORS 'none' HYPERPARAMETERS DEFAULT EXCEPT (NUM_ROUND '100') "
            + "SETTINGS (S3_BUCKET 'b', MAX_RUNTIME 1800)",
        "CREATE MODEL remote_m FUNCTION f (int, varchar) RETURNS decimal(10,2) SAGEMAKER 'endpoint' IAM_ROLE default",
        "DROP MODEL IF EXISTS m",
    ])
    func everyFormParses(_ sql: String) {
        _ = parseClean(sql)
    }

    @Test(arguments: [
        "GRANT USAGE ON 1️⃣DTAASHARE d TO NAMESPACE 'n'",
        "GRANT USAGE ON DATASHARE d TO 1️⃣NMAESPACE 'n'",
        "GRANT USAGE ON d TO ACCOUNT '1' VIA DATA 1️⃣CTAALOG",
        "GRANT 1️⃣SLEECT ON EXTERNAL TABLE s.t TO IAM_ROLE 'arn:r'",
        "GRANT SELECT ON 1️⃣ETXERNAL TABLE s.t TO IAM_ROLE 'arn:r'",
        "REVOKE ASSUMEROLE ON ALL 1️⃣FORM PUBLIC FOR ALL",
        "GRANT ASSUMEROLE ON 'arn:r' TO u FOR 1️⃣CPOY",
        "GRANT 1️⃣EEXCUTE ON MODEL m TO PUBLIC",
        "ATTACH RLS POLICY p ON t TO 1️⃣RLOE analyst",
        "ALTER SCHEMA s 1️⃣QOUTA 300 GB",
        "ALTER DATABASE d 1️⃣RNEAME TO e",
        "ALTER DATABASE d ISOLATION LEVEL 1️⃣SNPASHOT",
        "CREATE DATABASE d FROM DATASHARE s OF 1️⃣NMAESPACE 'n'",
        "CREATE DATABASE d 1️⃣OWNR u",
        "CREATE MATERIALIZED VIEW v 1️⃣DISTSTYE ALL AS SELECT a FROM t",
        "CREATE MATERIALIZED VIEW v AUTO 1️⃣RFERESH YES AS SELECT a FROM t",
        "SELECT listagg(a) WITHIN GROUP (1️⃣odrer BY a) FROM t",
        "SELECT listagg(a) WITHIN GROUP (ORDER BY a 1️⃣dsec) FROM t",
        "SELECT count(*) FILTER (1️⃣wehre a > 1) FROM t",
        "ALTER MATERIALIZED VIEW mv AUTO 1️⃣RFERESH YES",
        "ALTER MATERIALIZED VIEW mv 1️⃣AUOT REFRESH YES",
        "DESC DATASHARE d OF ACCOUNT '1' 1️⃣NMAESPACE 'n'",
        "SHOW DATASHARES 1️⃣LKIE 'sales%'",
        "MERGE INTO t USING s ON t.id = s.id WHEN MATCHED THEN UPDATE SET a = s.a 1️⃣WEHN NOT MATCHED THEN DELETE",
        "CREATE LIBRARY f LANGUAGE plpythonu FROM 's3://b/f.zip' 1️⃣IAM_RLOE default",
        "CREATE LIBRARY f 1️⃣LANGAUGE plpythonu FROM 's3://b/f.zip'",
        "CREATE MODEL m FROM t 1️⃣TRAGET c FUNCTION f IAM_ROLE default",
        "CREATE MODEL m FROM t TARGET c FUNCTION f IAM_ROLE default 1️⃣SETTNGS (S3_BUCKET 'b')",
    ])
    func aMisspeltWordIsAMisspeltKeyword(_ sql: String) {
        expectDiagnostics(sql, rules: Self.rules, expected: [("1️⃣", Rule.sqlMisspeltKeyword.id)])
    }

    /// What follows SET's last value or RESET's parameter is no longer skipped: a word run together with WHERE
    /// leaves the next name where a clause belongs, and RESET takes one parameter.
    @Test(arguments: [
        "UPDATE venue SET venuestate = NULLwhere 1️⃣venuecity = 'Cleveland'",
        "RESET SESSIN 1️⃣AUTHORIZATION",
        "INSERT INTO t VALUES (1, 2) 1️⃣extra",
    ])
    func whatFollowsIsAMistakeAtItsWord(_ sql: String) {
        expectDiagnostics(sql, rules: Self.rules, expected: [("1️⃣", Rule.sqlSyntax.id)])
    }

    /// GROUP and ORDER are always followed by BY in a query, START by WITH and CONNECT by BY: `group bylistid` is
    /// a mistake at the word, where the clause's rest used to be skipped.
    @Test(arguments: [
        "select listid from sales group 1️⃣bylistid, dateid",
        "select listid from sales order 1️⃣bylistid",
        "SELECT a FROM t GROUP 1️⃣BYCUBE(a, b)",
    ])
    func groupAndOrderNeedBy(_ sql: String) {
        let rules = Self.rules.union([Rule.sqlRunTogetherKeywords.id])
        expectDiagnostics(sql, rules: rules, expected: [("1️⃣", Rule.sqlRunTogetherKeywords.id)])
    }

    @Test func hierarchicalQueriesParse() {
        _ = parseClean("SELECT id, name FROM employee START WITH manager_id IS NULL CONNECT BY PRIOR id = manager_id")
        expectDiagnostics(
            "SELECT id FROM e START 1️⃣WIHT a = 1 CONNECT BY PRIOR id = m", rules: Self.rules,
            expected: [("1️⃣", Rule.sqlMisspeltKeyword.id)])
    }

    /// A grant family's statement keeps its kind: it is read, not modelled.
    @Test func theFamiliesStayOpaque() {
        #expect(kind("GRANT USAGE ON DATASHARE d TO NAMESPACE 'n'") == .opaque(keyword: "GRANT ON DATASHARE"))
        #expect(kind("REVOKE ASSUMEROLE ON ALL FROM PUBLIC FOR ALL") == .opaque(keyword: "REVOKE ASSUMEROLE"))
    }

    /// PostgreSQL's ALTER DATABASE has forms of its own (`SET param`, `ALLOW_CONNECTIONS`), and its CREATE
    /// DATABASE options (`TEMPLATE`, `ENCODING`): neither is held to Redshift's lists.
    @Test func postgresKeepsItsForms() {
        _ = parseClean("ALTER DATABASE d SET search_path TO a, b", dialect: .postgres)
        _ = parseClean("CREATE DATABASE d TEMPLATE template0 ENCODING 'UTF8'", dialect: .postgres)
    }
}
