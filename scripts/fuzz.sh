#!/usr/bin/env bash
# Builds the libFuzzer targets in Fuzz/ with AddressSanitizer, generates seed corpora from the repository,
# and runs each target for FUZZ_SECONDS. Exits non-zero when any target finds a crash, a hang (timeout),
# an out-of-memory or a sanitizer report; the input that did it is under $FUZZ_OUT/artifacts/<target>/.
#
#   scripts/fuzz.sh                 # all targets: sql markdown check
#   scripts/fuzz.sh sql check       # some of them
#   FUZZ_SECONDS=60 scripts/fuzz.sh # shorter runs
#   scripts/fuzz.sh --seeds-only    # just (re)generate the corpora
set -euo pipefail

cd "$(dirname "$0")/.."
SWIFT=${SWIFT:-swift}
FUZZ_SECONDS=${FUZZ_SECONDS:-300}
# Targets running at once (each is one libFuzzer process; the machine may have only two cores).
FUZZ_PARALLEL=${FUZZ_PARALLEL:-2}
FUZZ_OUT=${FUZZ_OUT:-fuzz-out}
FUZZ_NICE=${FUZZ_NICE:-10}
# Extra libFuzzer flags, e.g. FUZZ_FLAGS='-only_ascii=1'.
FUZZ_FLAGS=${FUZZ_FLAGS:-}
# 1: keep fuzzing after a timeout (libFuzzer's fork mode with -ignore_timeouts=1); every timeout is still
# saved and still makes the run fail at the end. Wall-clock timeouts are what a loaded machine produces.
FUZZ_KEEP_GOING=${FUZZ_KEEP_GOING:-0}
ALL_TARGETS=(sql markdown check)

seeds_only=0
targets=()
for argument in "$@"; do
    case "$argument" in
    --seeds-only) seeds_only=1 ;;
    sql | markdown | check) targets+=("$argument") ;;
    *) echo "usage: scripts/fuzz.sh [--seeds-only] [sql|markdown|check]..." >&2; exit 2 ;;
    esac
done
[[ ${#targets[@]} -gt 0 ]] || targets=("${ALL_TARGETS[@]}")

binary() {
    case "$1" in
    sql) echo FuzzSQL ;;
    markdown) echo FuzzMarkdown ;;
    check) echo FuzzCheck ;;
    esac
}

# Seeds: the committed hand-written ones plus everything the repository already holds: runbooks, docs,
# golden files, the fenced blocks of every Markdown file and the multi-line strings of the Swift tests.
generate_seeds() {
    local generated="$FUZZ_OUT/seeds"
    rm -rf "$generated"
    mkdir -p "$generated/sql" "$generated/markdown"
    cp Fuzz/seeds/sql/* "$generated/sql/"
    cp Fuzz/seeds/markdown/* "$generated/markdown/"
    python3 - "$generated" <<'PY'
import hashlib, pathlib, re, sys, textwrap

out = pathlib.Path(sys.argv[1])

def save(kind, text):
    data = text.encode()
    if data.strip() and len(data) <= 65536:
        (out / kind / hashlib.sha1(data).hexdigest()[:16]).write_bytes(data)

markdown_files = sorted(pathlib.Path("runbooks").glob("*.md")) + sorted(pathlib.Path("docs").glob("*.md")) \
    + sorted(pathlib.Path("Tests").rglob("*.md"))
for path in markdown_files:
    text = path.read_text(errors="replace")
    save("markdown", text)
    for block in re.findall(r"^ *(?:```|~~~)[^\n]*\n(.*?)^ *(?:```|~~~)", text, re.M | re.S):
        save("sql", textwrap.dedent(block))
for path in sorted(pathlib.Path("Tests").rglob("*.sql")):
    text = path.read_text(errors="replace")
    save("sql", text)
    for statement in text.split(";\n"):
        save("sql", statement + ";")
statement_start = re.compile(r"^\s*(--|/\*)?\s*(SELECT|CREATE|ALTER|DROP|GRANT|REVOKE|SET|RESET|BEGIN|COMMIT|WITH|INSERT)\b", re.I)
for path in sorted(pathlib.Path("Tests").rglob("*.swift")):
    if "Fuzz" in path.parts[1]:
        continue
    source = path.read_text(errors="replace")
    for body in re.findall(r'"""\n(.*?)\n\s*"""', source, re.S):
        text = textwrap.dedent(body).replace('\\"', '"').replace("\\\\", "\\")
        kind = "sql" if statement_start.match(text) else "markdown"
        save(kind, text + "\n")
    for literal in re.findall(r'"((?:[^"\\\n]|\\.)*)"', source):
        text = literal.replace("\\n", "\n").replace('\\"', '"').replace("\\\\", "\\")
        if statement_start.match(text):
            save("sql", text)
PY
    # The regression inputs are seeds too: a fix must keep holding under mutation.
    for target in "${ALL_TARGETS[@]}"; do
        local kind=markdown
        [[ $target == sql ]] && kind=sql
        if compgen -G "Tests/Fuzz/regressions/$target/*" >/dev/null; then
            cp Tests/Fuzz/regressions/"$target"/* "$generated/$kind/"
        fi
    done
    echo "seeds: $(ls "$generated/sql" | wc -l) SQL, $(ls "$generated/markdown" | wc -l) Markdown in $generated"
}

generate_seeds
[[ $seeds_only == 1 ]] && exit 0

echo "building Fuzz/ with -sanitize=fuzzer,address"
nice -n "$FUZZ_NICE" "$SWIFT" build --package-path Fuzz --scratch-path Fuzz/.build -c debug \
    -Xswiftc -sanitize=fuzzer,address -Xswiftc -parse-as-library -Xswiftc -use-ld=lld \
    2> >(grep -v "Cannot export local symbol" >&2)
bin=Fuzz/.build/debug

run_target() {
    local target=$1
    local kind=markdown
    [[ $target == sql ]] && kind=sql
    local corpus="$FUZZ_OUT/corpus/$target" artifacts="$FUZZ_OUT/artifacts/$target"
    mkdir -p "$corpus" "$artifacts"
    local start=$SECONDS status=0 mode=()
    [[ $FUZZ_KEEP_GOING == 1 ]] && mode=(-fork=1 -ignore_timeouts=1)
    local before
    before=$(find "$artifacts" -type f | wc -l)
    # New inputs go to the first folder; the seeds are read only.
    # shellcheck disable=SC2086
    # Swift's own crash backtracer reads the crashed process's stack, which ASan reports as a
    # stack-buffer-underflow (and it can hang); libFuzzer and ASan print the stack instead.
    SWIFT_BACKTRACE=enable=no ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1} nice -n "$FUZZ_NICE" "$bin/$(binary "$target")" \
        -max_total_time="$FUZZ_SECONDS" -max_len=65536 -timeout=10 -rss_limit_mb=4096 \
        -dict=Fuzz/runbook.dict -artifact_prefix="$artifacts/" -print_final_stats=1 "${mode[@]}" $FUZZ_FLAGS \
        "$corpus" "$FUZZ_OUT/seeds/$kind" >"$FUZZ_OUT/$target.log" 2>&1 || status=$?
    echo $((SECONDS - start)) >"$FUZZ_OUT/$target.seconds"
    if [[ $(find "$artifacts" -type f | wc -l) -gt $before ]]; then [[ $status != 0 ]] || status=1; fi
    return "$status"
}

status=0
declare -A pids=()
finish() {
    local target=$1
    local result=ok
    wait "${pids[$target]}" || result=finding
    local executions
    # Fork mode reports executions on its progress lines ("#N: cov: … exec/s: …") instead of final stats.
    executions=$(grep -E '^stat::number_of_executed_units' "$FUZZ_OUT/$target.log" | awk '{print $2}' || true)
    [[ -n $executions ]] || executions=$(grep -oE '^#[0-9]+:' "$FUZZ_OUT/$target.log" | tr -d '#:' | sort -n | tail -n 1 || true)
    # One line per run, so that totals over many runs can be added up (docs/fuzzing.md).
    printf '%s\t%s\t%s\t%s\t%s\n' "$(date -u +%FT%TZ)" "$target" "$(cat "$FUZZ_OUT/$target.seconds")" "${executions:-?}" "$result" \
        >>"$FUZZ_OUT/runs.tsv"
    if [[ $result == ok ]]; then
        echo "$target: no findings (${executions:-?} executions)"
    else
        status=1
        echo "$target: FINDING, see $FUZZ_OUT/$target.log and $FUZZ_OUT/artifacts/$target/" >&2
        grep -E '^==[0-9]+==|^SUMMARY|ERROR: libFuzzer|Fatal error|artifact_prefix' "$FUZZ_OUT/$target.log" | head -5 >&2 || true
    fi
    unset "pids[$target]"
}

running=()
for target in "${targets[@]}"; do
    if [[ ${#running[@]} -ge $FUZZ_PARALLEL ]]; then
        finish "${running[0]}"
        running=("${running[@]:1}")
    fi
    echo "$target: fuzzing for ${FUZZ_SECONDS}s (log: $FUZZ_OUT/$target.log)"
    run_target "$target" &
    pids[$target]=$!
    running+=("$target")
done
for target in "${running[@]}"; do finish "$target"; done
exit $status
