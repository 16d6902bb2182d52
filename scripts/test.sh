#!/usr/bin/env bash
# Builds the tests with warnings as errors, starts a throwaway PostgreSQL cluster, runs `swift test`
# against it and always stops the cluster, whatever happened. Exits with swift test's status.
#
# Arguments are passed to `swift test` (e.g. `scripts/test.sh --filter RunbookSQLTests`).
# What the tests see in their environment:
#   PGHOST PGPORT PGUSER RUNBOOK_PG_HOST RUNBOOK_PG_PORT RUNBOOK_PG_USER RUNBOOK_PG_BIN
#                            the cluster (see scripts/postgres.sh); RUNBOOK_PG_BIN holds psql
#   RUNBOOK_REQUIRE_SERVICES=1  PostgreSQL and Chromium are there: a test must fail, not skip, without them
#   RUNBOOK_CHROMIUM         path of the headless browser (run it with --headless --no-sandbox as root)
#   RUNBOOK_CORPUS, RUNBOOK_REQUIRE_CORPUS=1
#                            the real-docs corpus (default ../shared/corpus), when that folder exists
#   RUNBOOK_BINARY           the release build of runbook (runbook-verify beside it), which end-to-end tests
#                            spawn (users run release builds, and the large-input cases need its speed)
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."
SWIFT="${SWIFT:-swift}"

scripts/setup.sh

echo "test.sh: building tests (warnings are errors)" >&2
"$SWIFT" build --build-tests -Xswiftc -warnings-as-errors
echo "test.sh: building the release executables for the end-to-end tests" >&2
RUNBOOK_BINARY="$(scripts/build-release.sh -Xswiftc -warnings-as-errors)/runbook"
export RUNBOOK_BINARY

env_file="$(scripts/postgres.sh start)"
cluster_dir="$(dirname "$env_file")"
# Stop this cluster on every way out: success, failure, Ctrl-C, TERM from a CI timeout.
trap 'scripts/postgres.sh stop "$cluster_dir"' EXIT
trap 'exit 130' INT
trap 'exit 143' TERM
# shellcheck source=/dev/null
source "$env_file"

export RUNBOOK_REQUIRE_SERVICES=1
RUNBOOK_CHROMIUM="${RUNBOOK_CHROMIUM:-$(command -v chromium || true)}"
export RUNBOOK_CHROMIUM

corpus="${RUNBOOK_CORPUS:-../shared/corpus}"
if [[ -d "$corpus" ]]; then
    RUNBOOK_CORPUS="$(cd "$corpus" && pwd)"
    export RUNBOOK_CORPUS RUNBOOK_REQUIRE_CORPUS=1
    echo "test.sh: corpus at $RUNBOOK_CORPUS" >&2
else
    unset RUNBOOK_CORPUS RUNBOOK_REQUIRE_CORPUS
    echo "test.sh: no corpus at $corpus; corpus tests will skip" >&2
fi

status=0
"$SWIFT" test --skip-build "$@" || status=$?
if [[ $status -ne 0 ]]; then
    echo "test.sh: swift test failed with status $status" >&2
fi
exit "$status"
