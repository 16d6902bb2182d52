#!/usr/bin/env bash
# `runbook verify` on a big catalog: TABLES tables in one schema and ROLES roles, all members of the runbook's
# role, on the PostgreSQL server the PG* variables name (scripts/postgres.sh env). The runbook is
# scripts/bench/big-catalog.md (database big_catalog, schema wide, role big_reader, user big_user); the
# superuser big_verifier is there for tests that need to tell verify's connection from others.
#
#   verify-large-catalog.sh setup [TABLES] [ROLES]      build the catalog (default 100000 tables, 10000 roles)
#   verify-large-catalog.sh measure RUNBOOK [TABLES] [ROLES]
#                                                       setup, then time `RUNBOOK verify` with /usr/bin/time -v:
#                                                       wall-clock seconds and peak RSS, on stdout
#   verify-large-catalog.sh teardown                    drop the database and the roles
#
# The tables are created by one DO block that commits every 5,000 (one transaction would run out of lock
# slots); 100,000 take about 25 s on the 2-core machine here, which is why `make test` uses 20,000
# (Tests/EndToEndTests/PostgresVerifyLargeCatalogTests.swift) and the full size runs here, from `make bench`.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/../.."
psql_bin="${RUNBOOK_PG_BIN:+$RUNBOOK_PG_BIN/}psql"
run_psql() { PGOPTIONS="-c client_min_messages=warning" "$psql_bin" -X -q -v ON_ERROR_STOP=1 "$@"; }

teardown() {
    run_psql -d postgres -c "DROP DATABASE IF EXISTS big_catalog"
    run_psql -d postgres -c "DO \$\$ DECLARE r text; BEGIN
        FOR r IN SELECT rolname FROM pg_roles WHERE rolname ~ '^big_r[0-9]+\$' LOOP EXECUTE format('DROP ROLE %I', r); END LOOP;
        END \$\$"
    run_psql -d postgres -c "DROP ROLE IF EXISTS big_user" -c "DROP ROLE IF EXISTS big_reader" \
        -c "DROP ROLE IF EXISTS big_verifier"
}

setup() {
    local tables="${1:-100000}" roles="${2:-10000}"
    teardown
    run_psql -d postgres -c "CREATE DATABASE big_catalog" -c "CREATE ROLE big_reader" -c "CREATE USER big_user" \
        -c "GRANT big_reader TO big_user" -c "CREATE ROLE big_verifier SUPERUSER LOGIN"
    run_psql -d big_catalog -c "CREATE SCHEMA wide"
    run_psql -d big_catalog -c "DO \$\$ BEGIN
        FOR i IN 1..$tables LOOP
            EXECUTE format('CREATE TABLE wide.t%s (id int)', i);
            IF i % 5000 = 0 THEN COMMIT; END IF;
        END LOOP; END \$\$"
    run_psql -d postgres -c "DO \$\$ BEGIN
        FOR i IN 1..$roles LOOP EXECUTE format('CREATE ROLE big_r%s IN ROLE big_reader', i); END LOOP; END \$\$"
    run_psql -d big_catalog -c "GRANT USAGE ON SCHEMA wide TO big_reader" \
        -c "GRANT SELECT ON ALL TABLES IN SCHEMA wide TO big_reader"
}

case "${1:-}" in
setup) shift; setup "$@" ;;
teardown) teardown ;;
measure)
    runbook="$2"
    tables="${3:-100000}" roles="${4:-10000}"
    start=$(date +%s.%N)
    setup "$tables" "$roles"
    echo "setup: $tables tables, $roles roles in $(echo "$(date +%s.%N) - $start" | bc) s" >&2
    report="$(mktemp)"
    status=0
    /usr/bin/time -v "$runbook" verify scripts/bench/big-catalog.md \
        --database-url "postgres://${PGUSER:-postgres}@/big_catalog?host=${PGHOST}&port=${PGPORT:-5432}" \
        >"$report.out" 2>"$report" || status=$?
    seconds="$(sed -n 's/.*Elapsed (wall clock) time (h:mm:ss or m:ss): //p' "$report")"
    rss="$(sed -n 's/.*Maximum resident set size (kbytes): //p' "$report")"
    user="$(sed -n 's/.*User time (seconds): //p' "$report")"
    echo "verify: $tables tables, $roles roles: exit $status, wall clock $seconds, user CPU ${user} s, peak RSS $((rss / 1024)) MiB"
    tail -1 "$report.out"
    rm -f "$report" "$report.out"
    teardown
    ;;
*)
    echo "usage: $0 setup [TABLES] [ROLES] | measure RUNBOOK [TABLES] [ROLES] | teardown" >&2
    exit 2
    ;;
esac
