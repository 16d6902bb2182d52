import RunbookDiagnostics
import RunbookSQL
import Testing

import struct RunbookDiagnostics.SourceLocation

/// Statements of the kind real setup guides and admin scripts contain: none may produce a false error.
@Suite("Real-world statements")
struct RealWorldTests {
    @Test(arguments: [
        "GRANT ALL ON ALL TABLES IN SCHEMA public TO u",
        "ALTER DEFAULT PRIVILEGES IN SCHEMA s GRANT ALL ON TABLES TO GROUP g",
        "ALTER DEFAULT PRIVILEGES FOR USER etl GRANT SELECT ON TABLES TO GROUP g, ROLE r, PUBLIC",
        "GRANT TEMPORARY ON DATABASE d TO u",
        "GRANT SELECT ON t TO GROUP \"My Group\"",
        "GRANT ALTER, DROP ON COPY JOB j TO u",
        "GRANT USAGE ON SCHEMA s TO u WITH GRANT OPTION",
        "GRANT EXECUTE ON ALL FUNCTIONS IN SCHEMA s TO u",
        "REVOKE ALL ON DATABASE d FROM PUBLIC",
        "REVOKE CREATE ON SCHEMA public FROM PUBLIC",
        "GRANT ASSUMEROLE ON 'arn:aws:iam::1:role/r' TO u FOR COPY",
        "GRANT USAGE ON DATASHARE ds TO ACCOUNT '123456789012'",
        "GRANT EXECUTE ON MODEL m TO u",
        "GRANT SELECT ON EXTERNAL TABLE spectrum.t TO IAM_ROLE 'arn:aws:iam::1:role/r'",
        "CREATE USER u PASSWORD 'md5" + String(repeating: "0", count: 32) + "' IN GROUP g",
        "CREATE USER u PASSWORD 'sha256|Mypassword1'",
        "ALTER USER u CREATEDB", "ALTER USER u WITH PASSWORD 'Abcd1234'", "ALTER USER u VALID UNTIL 'infinity'",
        "ALTER USER u RESET SESSION TIMEOUT",
        "ALTER SCHEMA s OWNER TO u", "ALTER DATABASE d OWNER TO u", "ALTER TABLE t OWNER TO u",
        "CREATE SCHEMA IF NOT EXISTS s", "DROP USER IF EXISTS u", "DROP SCHEMA s CASCADE", "CREATE GROUP g",
        "SET search_path = \"$user\", public", "SET SESSION AUTHORIZATION 'u'", "SET TIME ZONE 'UTC'",
        "RESET search_path", "SET enable_case_sensitive_identifier TO true",
        "SHOW GRANTS ON SCHEMA s", "SHOW search_path",
        "CREATE TABLE s.t (id INTEGER NOT NULL, name VARCHAR(256) ENCODE ZSTD) DISTKEY(id) SORTKEY(id)",
        "CREATE TABLE t (LIKE s.t INCLUDING DEFAULTS)",
        "CREATE VIEW v AS SELECT a FROM t WITH NO SCHEMA BINDING",
        "CREATE MATERIALIZED VIEW mv AUTO REFRESH YES AS SELECT a, count(*) FROM t GROUP BY a",
        "CREATE EXTERNAL SCHEMA s FROM DATA CATALOG DATABASE 'd' IAM_ROLE 'arn:aws:iam::1:role/r'",
        "SELECT CASE WHEN a THEN b ELSE c END FROM t",
        "SELECT EXTRACT(YEAR FROM ts) FROM t",
        "SELECT * FROM t1 NATURAL JOIN t2 CROSS JOIN t3",
        "SELECT 1 UNION SELECT 2 ORDER BY 1",
        "SELECT * FROM t WHERE x BETWEEN 1 AND 2 FOR UPDATE",
        "SELECT TOP 10 * FROM t",
        "SELECT * FROM t t1 JOIN t t2 ON t1.id = t2.id",
        "SELECT * FROM (VALUES (1), (2)) AS v(x)",
        "WITH RECURSIVE r(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM r WHERE n < 5) SELECT * FROM r",
        "SELECT * FROM t LIMIT ALL",
        "SELECT a AS \"from\" FROM t",
        "SELECT has_table_privilege('u', 's.t', 'select')",
        "SELECT usename FROM pg_user WHERE usename = 'segment'",
        "select current_user",
        "SELECT * FROM svv_role_grants WHERE role_name = 'segment_linked_role' ORDER BY 1",
        "SELECT a, sum(b) OVER (PARTITION BY a ORDER BY c ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) FROM t",
        "INSERT INTO t SELECT * FROM u", "VACUUM", "ANALYZE t", "COMMENT ON SCHEMA s IS 'x'",
        "UNLOAD ('SELECT * FROM t WHERE a = ''x''') TO 's3://b/p' IAM_ROLE 'arn'",
        "CREATE OR REPLACE PROCEDURE p() AS $$ BEGIN RAISE INFO 'x'; END; $$ LANGUAGE plpgsql",
        "CALL p()", "DROP OWNED BY u", "BEGIN TRANSACTION ISOLATION LEVEL SERIALIZABLE", "END TRANSACTION",
    ])
    func redshift(sql: String) {
        _ = parseClean(sql)
    }

    @Test(arguments: [
        "CREATE USER u WITH PASSWORD 'x' NOSUPERUSER",
        "CREATE ROLE r WITH LOGIN PASSWORD 'x' VALID UNTIL 'infinity'",
        "CREATE ROLE r NOLOGIN INHERIT IN ROLE a, b",
        "ALTER ROLE r SET search_path = a, b",
        "GRANT CONNECT ON DATABASE d TO u",
        "GRANT SELECT ON ALL SEQUENCES IN SCHEMA s TO u",
        "GRANT pg_read_all_data TO u",
        "GRANT a TO b WITH ADMIN OPTION GRANTED BY postgres",
        "GRANT SELECT ON t TO CURRENT_USER",
        "SELECT * FROM t WHERE a = ANY(ARRAY[1, 2]) AND b::int > 0 AND c = E'x\\'y'",
        "SELECT count(*) FILTER (WHERE x) FROM t",
        "SELECT DISTINCT ON (a) a FROM t",
        "SELECT * FROM t OFFSET 5 ROWS FETCH FIRST 5 ROWS ONLY",
        "SELECT * FROM generate_series(1, 3) AS g(i)",
        "DO $$ BEGIN CREATE ROLE r; EXCEPTION WHEN duplicate_object THEN NULL; END $$",
        "ALTER DEFAULT PRIVILEGES FOR ROLE etl IN SCHEMA s GRANT SELECT, UPDATE ON SEQUENCES TO r",
        "REVOKE ALL PRIVILEGES ON ALL TABLES IN SCHEMA s FROM r CASCADE",
        "CREATE TEMP TABLE t AS SELECT 1 AS x",
        "SELECT * FROM ONLY s.t TABLESAMPLE SYSTEM (10) REPEATABLE (1) WHERE x",
        "SET TRANSACTION ISOLATION LEVEL SERIALIZABLE", "RESET SESSION AUTHORIZATION", "RESET ROLE",
        "SET SESSION CHARACTERISTICS AS TRANSACTION READ ONLY", "CREATE USER u",
    ])
    func postgres(sql: String) {
        _ = parseClean(sql, dialect: .postgres)
    }
}
