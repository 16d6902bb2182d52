#!/usr/bin/env bash
# Builds runbook in release mode, compiles every runbook under runbooks/ into out/, checks them, and says
# where the results are. Run through `make run`, which first runs scripts/setup.sh.
#
# Settings from the environment: RUNBOOKS (default runbooks), OUT (default out), SWIFT (default swift).
set -euo pipefail
shopt -s nullglob

cd "$(dirname "${BASH_SOURCE[0]}")/.."
SWIFT="${SWIFT:-swift}"
runbooks="${RUNBOOKS:-runbooks}"
out="${OUT:-out}"

[[ -d "$runbooks" ]] || {
    echo "run.sh: error: no '$runbooks' folder with Markdown runbooks to compile" >&2
    exit 1
}

# Only runbook: runbook-verify (and PostgresNIO's stack) is built when verify or make test needs it.
runbook="$(scripts/build-release.sh --product runbook)/runbook"

echo "run.sh: runbook build $runbooks --out $out --verification" >&2
# Status 1: the documents have errors and the outputs were written anyway; check below lists the errors.
build_status=0
build_log="$(mktemp)"
# --verification: a Snowflake page also gets VARIANT.verify.sql (SHOW GRANTS and the rows they must list); a
# Redshift page gets a line on stderr instead (its databases are checked live with runbook verify).
"$runbook" build "$runbooks" --out "$out" --verification 2>"$build_log" || build_status=$?
if [[ $build_status -gt 1 ]]; then
    cat "$build_log" >&2
    rm -f "$build_log"
    echo "run.sh: runbook build failed (exit status $build_status)" >&2
    exit "$build_status"
fi
rm -f "$build_log"

echo "run.sh: runbook check $runbooks" >&2
check_status=0
"$runbook" check "$runbooks" || check_status=$?

echo
echo "Compiled runbooks (open the HTML in a browser; run a script as its header says: Redshift's with"
echo "psql -v ON_ERROR_STOP=1 -f FILE, Snowflake's with snowsql -f FILE -o exit_on_error=true):"
out_abs="$(mkdir -p "$out" && cd "$out" && pwd)"
found=false
# Several runbooks: the page that lists them all.
[[ -f "$out_abs/index.html" ]] && echo "  all runbooks: $out_abs/index.html"
while IFS= read -r -d '' source; do
    name="$(basename "$source" .md)"
    dir="$out_abs/$name"
    [[ -d "$dir" ]] || continue
    found=true
    echo "  $name"
    if [[ -f "$dir/index.html" ]]; then
        echo "    HTML:       $dir/index.html"
    fi
    for file in "$dir"/*.sql "$dir"/*.checklist.md; do
        case "$file" in
        *.verify.sql) echo "    verification: $file" ;;
        *.sql) echo "    script:     $file" ;;
        *) echo "    checklist:  $file" ;;
        esac
    done
done < <(find "$runbooks" -name '*.md' -type f -print0 | sort -z)
if [[ $found == false ]]; then
    echo "  (nothing was written to $out/)"
fi

# Status 1 means check found problems in a document: reporting them is the job (the bundled guide has real
# defects on purpose). Anything else (2: unusable input) is a failure of the run itself.
case $check_status in
0) ;;
1) echo "run.sh: runbook check reported problems in the runbooks (listed above); the outputs were written" >&2 ;;
*)
    echo "run.sh: runbook check failed (exit status $check_status)" >&2
    exit "$check_status"
    ;;
esac
