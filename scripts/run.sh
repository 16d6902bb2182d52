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

"$SWIFT" build -c release --product runbook
runbook="$("$SWIFT" build -c release --show-bin-path)/runbook"

echo "run.sh: runbook build $runbooks --out $out" >&2
"$runbook" build "$runbooks" --out "$out"

echo "run.sh: runbook check $runbooks" >&2
check_status=0
"$runbook" check "$runbooks" || check_status=$?

echo
echo "Compiled runbooks (open the HTML in a browser; run a script with psql -v ON_ERROR_STOP=1 -f FILE):"
out_abs="$(mkdir -p "$out" && cd "$out" && pwd)"
found=false
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
        *.sql) echo "    script:     $file" ;;
        *) echo "    checklist:  $file" ;;
        esac
    done
done < <(find "$runbooks" -name '*.md' -type f -print0 | sort -z)
if [[ $found == false ]]; then
    echo "  (nothing was written to $out/)"
fi

if [[ $check_status -ne 0 ]]; then
    echo "run.sh: runbook check reported errors (exit status $check_status)" >&2
fi
exit "$check_status"
