#!/usr/bin/env python3
"""The benchmark behind `make bench`: `runbook check` next to Debian's cmark-gfm CLI on the same pages,
and next to `sqlfluff parse --dialect redshift` on the same SQL, in one run, alternating, median of N.

    run.py RUNBOOK_BINARY [--repeat 5] [--sizes 1,10,100] [--base-pages 140] [--work DIR] [--lsp-edits 50]
           [--dialect-copies 50] [--only-lsp] [--only-dialects] [--only-trees] [--only-sql] [--only-bad-input]
           [--only-profile]

Trees: ../shared/corpus when present (RUNBOOK_CORPUS), ../shared/aws-redshift-examples when present
(RUNBOOK_AWS_EXAMPLES: every example statement of the AWS Redshift Developer Guide), and synthetic trees from generate.py at each size
(1x = --base-pages pages, shaped like segment-docs). Time is wall-clock; memory is the peak resident set
of the measured process (os.wait4). Prints a Markdown table. Then Snowflake pages next to their Redshift
siblings (the same segment-docs guide for each warehouse: ../shared/snowflake-guides or RUNBOOK_SNOWFLAKE_GUIDES,
and the corpus; plus the two runbooks/ guides): the cost per page and per kB of each dialect, each page copied
--dialect-copies times so that the process start does not dominate. Last, the editor's loop: the time from an
edit of runbooks/redshift-data-graph.md (didChange) to its diagnostics (publishDiagnostics) through
`runbook lsp`, next to `runbook check` of the same file as a new process.
"""
import argparse
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import threading
import time

HERE = os.path.dirname(os.path.abspath(__file__))
CMARK = ["cmark-gfm", "-e", "table", "-e", "strikethrough", "-e", "autolink", "-e", "tasklist"]


def measure(command, stdin=None, output=None, limit=None):
    """Runs a command; returns (seconds, peak RSS in MiB, exit status, CPU seconds: user and system). With `output`, a path, its standard
    output and error go there; with `limit`, seconds, it is killed when it runs longer (exit status -9).

    Linux starts a child's peak at its parent's peak (fork and vfork copy or share the parent's memory until
    exec, and exec keeps the larger peak), so the peak reported is at least this script's own: it must never
    hold much (big inputs are written by processes of their own; outputs are read line by line)."""
    sink = open(output, "wb") if output else subprocess.DEVNULL
    start = time.perf_counter()
    process = subprocess.Popen(command, stdout=sink, stderr=subprocess.STDOUT if output else subprocess.DEVNULL,
                               stdin=stdin)
    timer = threading.Timer(limit, process.kill) if limit else None
    if timer:
        timer.start()
    _, status, usage = os.wait4(process.pid, 0)
    elapsed = time.perf_counter() - start
    if timer:
        timer.cancel()
    if output:
        sink.close()
    process.returncode = os.waitstatus_to_exitcode(status)  # reaped here: keep Popen from waiting again
    return elapsed, usage.ru_maxrss / 1024.0, process.returncode, usage.ru_utime + usage.ru_stime


def markdown_files(tree):
    found = []
    for folder, _, names in os.walk(tree):
        found.extend(os.path.join(folder, name) for name in names if name.endswith((".md", ".markdown")))
    return sorted(found)


def cmark_commands(files):
    """cmark-gfm renders every file given in one process; split only where the argument list would be too long."""
    batches, batch, size = [], [], 0
    for path in files:
        if size + len(path) + 1 > 1_500_000:
            batches.append(batch)
            batch, size = [], 0
        batch.append(path)
        size += len(path) + 1
    if batch:
        batches.append(batch)
    return [CMARK + batch for batch in batches]


def run_alternating(label_commands, repeat):
    """Runs each labelled list of commands `repeat` times, alternating between them; returns, for each label,
    the median wall-clock time, the largest peak memory and the median CPU time. On a loaded machine the CPU
    time is the steadier of the two times: waiting for a core counts in the wall clock only."""
    results = {label: [] for label, _ in label_commands}
    for round_index in range(repeat):
        order = label_commands if round_index % 2 == 0 else list(reversed(label_commands))
        for label, commands in order:
            seconds, memory, cpu = 0.0, 0.0, 0.0
            for command in commands:
                elapsed, rss, _, used = measure(command)
                seconds += elapsed
                memory = max(memory, rss)
                cpu += used
            results[label].append((seconds, memory, cpu))
    return {label: (statistics.median(s for s, _, _ in runs), max(m for _, m, _ in runs),
                    statistics.median(c for _, _, c in runs)) for label, runs in results.items()}


def extract_sql(files, out_dir):
    """Writes every ```sql block of the pages to its own file, for sqlfluff."""
    os.makedirs(out_dir, exist_ok=True)
    # The fence's indentation is spaces or tabs only: `\s*` would take in the blank line above the fence too,
    # and then only a fence after a blank line could close it (which paired the AWS pages' blocks two by two).
    fence = re.compile(r"^([ \t]*)```sql[^\n]*\n(.*?)^\1```", re.S | re.M)
    sql_pages, count = [], 0
    for path in files:
        text = open(path, encoding="utf-8", errors="replace").read()
        blocks = [re.sub(r"^" + re.escape(m.group(1)), "", m.group(2), flags=re.M) for m in fence.finditer(text)]
        if blocks:
            sql_pages.append(path)
        for block in blocks:
            with open(os.path.join(out_dir, f"block{count:05d}.sql"), "w") as file:
                file.write(block)
            count += 1
    return sql_pages, count


class LanguageServer:
    """A minimal LSP client on `runbook lsp`'s pipes: Content-Length frames, JSON bodies."""

    def __init__(self, runbook, cwd):
        self.process = subprocess.Popen([runbook, "lsp"], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                        stderr=subprocess.DEVNULL, cwd=cwd)

    def send(self, message):
        body = json.dumps(dict(message, jsonrpc="2.0")).encode()
        self.process.stdin.write(b"Content-Length: %d\r\n\r\n" % len(body) + body)
        self.process.stdin.flush()

    def read(self):
        length = None
        while True:
            line = self.process.stdout.readline()
            if not line:
                raise RuntimeError("runbook lsp ended")
            if line in (b"\r\n", b"\n"):
                break
            name, _, value = line.decode().partition(":")
            if name.lower() == "content-length":
                length = int(value)
        return json.loads(self.process.stdout.read(length))

    def wait_for(self, predicate):
        while True:
            message = self.read()
            if predicate(message):
                return message

    def published(self, uri, version):
        return lambda m: (m.get("method") == "textDocument/publishDiagnostics"
                          and m["params"]["uri"] == uri and m["params"].get("version") == version)

    def close(self):
        self.send({"id": 999999, "method": "shutdown"})
        self.wait_for(lambda m: m.get("id") == 999999)
        self.send({"method": "exit"})
        self.process.wait(timeout=10)


def percentile(values, fraction):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(fraction * (len(ordered) - 1))))]


def lsp_latency(runbook, guide, edits):
    """Milliseconds from didChange to publishDiagnostics: single edits after a pause (checked at once), and
    the last edit of a burst (which waits for the quiet time); then `runbook check` of the file as a process."""
    text = open(guide, encoding="utf-8").read()
    uri = "file://" + os.path.abspath(guide)
    server = LanguageServer(runbook, os.path.dirname(os.path.abspath(guide)))
    server.send({"id": 1, "method": "initialize", "params": {"processId": None, "rootUri": None, "capabilities": {}}})
    server.wait_for(lambda m: m.get("id") == 1)
    server.send({"method": "initialized", "params": {}})
    server.send({"method": "textDocument/didOpen",
                 "params": {"textDocument": {"uri": uri, "languageId": "markdown", "version": 1, "text": text}}})
    server.wait_for(server.published(uri, 1))
    version = 1

    def change(edited):
        nonlocal version
        version += 1
        server.send({"method": "textDocument/didChange",
                     "params": {"textDocument": {"uri": uri, "version": version}, "contentChanges": [{"text": edited}]}})
        return version

    # An edit inside the SQL: the grantee of a GRANT retyped (a role the guide never creates, for most of them).
    target = "GRANT CREATE ON DATABASE segment_workspace TO ROLE segment_linked_role"
    assert target in text, "the guide changed: pick another edit"
    single = []
    for index in range(edits):
        time.sleep(0.12)
        edited = text.replace(target, target + "x" * (index % 5), 1)
        start = time.perf_counter()
        expected = change(edited)
        server.wait_for(server.published(uri, expected))
        single.append((time.perf_counter() - start) * 1000)
    burst = []
    for index in range(max(5, edits // 5)):
        time.sleep(0.12)
        for letter in range(10):
            expected = change(text.replace(target, target + "y" * (letter + 1), 1))
            last = time.perf_counter()
            time.sleep(0.005)
        server.wait_for(server.published(uri, expected))
        burst.append((time.perf_counter() - last) * 1000)
    server.close()
    process = [measure([runbook, "check", guide])[0] * 1000 for _ in range(max(20, edits // 2))]
    return single, burst, process


# The same guide for each warehouse: (name, Redshift page in the corpus, Snowflake page in snowflake-guides).
SIBLINGS = [
    ("Data Graph setup", "segment-docs/src/unify/data-graph/setup-guides/redshift-setup.md",
     "segment-docs/src/unify/data-graph/setup-guides/snowflake-setup.md"),
    ("Reverse ETL source setup", "segment-docs/src/connections/reverse-etl/reverse-etl-source-setup-guides/redshift-setup.md",
     "segment-docs/src/connections/reverse-etl/reverse-etl-source-setup-guides/snowflake-setup.md"),
    ("warehouse destination", "segment-docs/src/connections/storage/catalog/redshift/index.md",
     "segment-docs/src/connections/storage/catalog/snowflake/index.md"),
]


def sibling_pages():
    """The Redshift and the Snowflake pages to compare, as two lists of paths; None when a tree is missing."""
    root = os.path.join(HERE, "..", "..")
    corpus = os.environ.get("RUNBOOK_CORPUS") or os.path.join(root, "..", "shared", "corpus")
    guides = os.environ.get("RUNBOOK_SNOWFLAKE_GUIDES") or os.path.join(root, "..", "shared", "snowflake-guides")
    redshift = [os.path.join(root, "runbooks", "redshift-data-graph.md")]
    snowflake = [os.path.join(root, "runbooks", "snowflake-data-graph.md")]
    for _, redshift_page, snowflake_page in SIBLINGS:
        redshift_path, snowflake_path = os.path.join(corpus, redshift_page), os.path.join(guides, snowflake_page)
        if not (os.path.isfile(redshift_path) and os.path.isfile(snowflake_path)):
            print(f"note: no {redshift_path} or {snowflake_path}; compared the runbooks/ guides only", file=sys.stderr)
            continue
        redshift.append(redshift_path)
        snowflake.append(snowflake_path)
    return redshift, snowflake


def copied_tree(pages, copies, tree):
    """`copies` copies of each page under `tree` (one folder per copy, the file names kept); returns kB in all."""
    shutil.rmtree(tree, ignore_errors=True)
    size = 0
    for copy in range(copies):
        folder = os.path.join(tree, f"copy{copy:03d}")
        os.makedirs(folder)
        for index, page in enumerate(pages):
            target = os.path.join(folder, f"{index}-{os.path.basename(page)}")
            shutil.copyfile(page, target)
            size += os.path.getsize(target)
    return size / 1000


def print_dialect_cost(runbook, work, copies, repeat):
    """Snowflake pages next to their Redshift siblings: runbook check's time per page and per kB."""
    redshift, snowflake = sibling_pages()
    redshift_tree, snowflake_tree = os.path.join(work, "dialect-redshift"), os.path.join(work, "dialect-snowflake")
    redshift_kb = copied_tree(redshift, copies, redshift_tree)
    snowflake_kb = copied_tree(snowflake, copies, snowflake_tree)
    medians = run_alternating(
        [("redshift", [[runbook, "check", redshift_tree]]), ("snowflake", [[runbook, "check", snowflake_tree]])], repeat)
    (r_time, r_mem, _), (s_time, s_mem, _) = medians["redshift"], medians["snowflake"]
    r_pages, s_pages = len(redshift) * copies, len(snowflake) * copies
    r_page, s_page = r_time / r_pages * 1000, s_time / s_pages * 1000
    r_kb, s_kb = r_time / redshift_kb * 1e6, s_time / snowflake_kb * 1e6
    print(f"\nSnowflake pages next to their Redshift siblings ({len(redshift)} pages each, {copies} copies of each; "
          "target: Snowflake within 1.5x of Redshift per page)\n")
    print("| dialect | pages | kB | runbook check | per page | per kB | peak MiB |")
    print("|---|---|---|---|---|---|---|")
    print(f"| Redshift | {r_pages} | {redshift_kb:.0f} | {r_time:.3f} s | {r_page:.2f} ms | {r_kb:.0f} µs | {r_mem:.0f} |")
    print(f"| Snowflake | {s_pages} | {snowflake_kb:.0f} | {s_time:.3f} s | {s_page:.2f} ms | {s_kb:.0f} µs | {s_mem:.0f} |")
    print(f"| Snowflake / Redshift | | | | {s_page / r_page:.2f}x | {s_kb / r_kb:.2f}x | |", flush=True)

# What the issue asks of the AWS example pages: checked more than 200x faster than sqlfluff parses their SQL.
AWS_TARGET = 200


def print_sql_comparison(runbook, trees, work, repeat):
    """runbook check over the pages that hold SQL next to `sqlfluff parse --dialect redshift` over their blocks."""
    sqlfluff = shutil.which("sqlfluff")
    if not sqlfluff:
        print("\nsqlfluff is not installed (pip install sqlfluff); skipped the SQL comparison")
        return
    print(f"\nThe same SQL: runbook check of the pages that hold it next to sqlfluff parse --dialect redshift of "
          f"their blocks (median of {repeat})\n")
    print("| SQL | blocks | pages | runbook check (whole pages) | sqlfluff parse (blocks only) | sqlfluff / runbook "
          "| CPU: runbook | CPU: sqlfluff | CPU: sqlfluff / runbook | runbook peak MiB | sqlfluff peak MiB |")
    print("|---|---|---|---|---|---|---|---|---|---|---|")
    aws_ratio = None
    for label, tree in trees:
        sql_dir = os.path.join(work, "sql-" + re.sub(r"\W+", "-", label))
        shutil.rmtree(sql_dir, ignore_errors=True)
        sql_pages, blocks = extract_sql(markdown_files(tree), sql_dir)
        if not sql_pages:
            continue
        medians = run_alternating(
            [("runbook", [[runbook, "check"] + sql_pages]),
             ("sqlfluff", [[sqlfluff, "parse", "--dialect", "redshift", sql_dir]])], repeat)
        (r_time, r_mem, r_cpu), (s_time, s_mem, s_cpu) = medians["runbook"], medians["sqlfluff"]
        if label.startswith("AWS"):
            aws_ratio = s_time / r_time
        print(f"| {label} | {blocks} | {len(sql_pages)} | {r_time:.3f} s | {s_time:.3f} s | {s_time / r_time:.0f}x "
              f"| {r_cpu:.3f} s | {s_cpu:.3f} s | {s_cpu / r_cpu:.0f}x | {r_mem:.0f} | {s_mem:.0f} |", flush=True)
    if aws_ratio is not None:
        verdict = "met" if aws_ratio > AWS_TARGET else "NOT met"
        print(f"\nAWS example pages: {aws_ratio:.0f}x faster than sqlfluff; target more than {AWS_TARGET}x: {verdict}")


# A diagnostic line: path:line:column: severity: message [rule].
DIAGNOSTIC = re.compile(rb"^.*?:(\d+):(\d+): (error|warning|note): .*\[([\w.-]+)\]\r?$")


def print_bad_input(runbook, work, repeat, limit=120):
    """runbook check of each bad input (bad_input.py writes them): its time, peak memory, exit status and the
    diagnostics it printed."""
    folder = os.path.join(work, "bad-input")
    shutil.rmtree(folder, ignore_errors=True)
    subprocess.run([sys.executable, os.path.join(HERE, "bad_input.py"), folder], check=True)
    print(f"\nBad input: runbook check of one generated page each (median of {repeat}, killed after {limit} s)\n")
    print("| input | kB | runbook check | CPU | peak MiB | exit | diagnostics | first diagnostic |")
    print("|---|---|---|---|---|---|---|---|")
    for name, label in json.load(open(os.path.join(folder, "inputs.json"))):
        path, output = os.path.join(folder, name), os.path.join(folder, name + ".out")
        runs = [measure([runbook, "check", path], output=output, limit=limit) for _ in range(repeat)]
        seconds = statistics.median(run[0] for run in runs)
        cpu = statistics.median(run[3] for run in runs)
        memory = max(run[1] for run in runs)
        statuses = sorted({run[2] for run in runs})
        count, first = 0, "none"
        with open(output, "rb") as lines:  # line by line: the measuring process must stay small (see measure)
            for match in filter(None, map(DIAGNOSTIC.match, lines)):
                if count == 0:
                    line, column, severity, rule = (part.decode() for part in match.groups())
                    first = f"{severity} at {line}:{column} `{rule}`"
                count += 1
        status = "killed (a hang)" if -9 in statuses else ", ".join(str(s) for s in statuses)
        print(f"| {label} | {os.path.getsize(path) / 1000:.0f} | {seconds:.3f} s | {cpu:.3f} s | {memory:.0f} | {status} "
              f"| {count:,} | {first} |", flush=True)

def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("runbook")
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--sizes", default="1,10,100")
    parser.add_argument("--base-pages", type=int, default=140)
    parser.add_argument("--work", default=os.path.join(HERE, "..", "..", ".build-bench"))
    parser.add_argument("--lsp-edits", type=int, default=50)
    parser.add_argument("--dialect-copies", type=int, default=50, help="copies of each page in the dialect comparison")
    parser.add_argument("--only-lsp", action="store_true", help="only the editor's latency")
    parser.add_argument("--only-dialects", action="store_true", help="only Snowflake pages next to Redshift pages")
    parser.add_argument("--only-bad-input", action="store_true", help="only the bad-input table")
    parser.add_argument("--only-profile", action="store_true", help="only the callgrind profile of the AWS pages")
    parser.add_argument("--only-sql", action="store_true", help="only runbook next to sqlfluff on the same SQL")
    parser.add_argument("--only-trees", action="store_true", help="only start-up and runbook next to cmark-gfm")
    arguments = parser.parse_args()
    runbook = os.path.abspath(arguments.runbook)
    os.makedirs(arguments.work, exist_ok=True)
    if arguments.only_lsp:
        print_lsp_latency(runbook, arguments.lsp_edits)
        return
    if arguments.only_dialects:
        print_dialect_cost(runbook, arguments.work, arguments.dialect_copies, arguments.repeat)
        return
    if arguments.only_bad_input:
        print_bad_input(runbook, arguments.work, max(3, arguments.repeat // 2))
        return
    aws = os.environ.get("RUNBOOK_AWS_EXAMPLES") or os.path.join(HERE, "..", "..", "..", "shared", "aws-redshift-examples")
    if arguments.only_profile:
        print_profile(runbook, aws, arguments.work)
        return

    trees = []
    corpus = os.environ.get("RUNBOOK_CORPUS") or os.path.join(HERE, "..", "..", "..", "shared", "corpus")
    if os.path.isdir(corpus):
        trees.append(("corpus (segment-docs pages)", os.path.abspath(corpus)))
    else:
        print(f"note: no corpus at {corpus}; only synthetic trees", file=sys.stderr)
    # One page per Redshift command, every example statement of the AWS Developer Guide: the parser's own load.
    if os.path.isdir(aws):
        trees.append(("AWS Redshift examples", os.path.abspath(aws)))
    else:
        print(f"note: no AWS example pages at {aws}", file=sys.stderr)
    for size in (int(s) for s in arguments.sizes.split(",")):
        tree = os.path.join(arguments.work, f"tree-{size}x")
        pages = size * arguments.base_pages
        if len(markdown_files(tree)) != pages:
            shutil.rmtree(tree, ignore_errors=True)
            print(f"generating {pages} pages into {tree}", file=sys.stderr)
            subprocess.run([sys.executable, os.path.join(HERE, "generate.py"), str(pages), tree, "--seed", "1"], check=True)
        trees.append((f"synthetic {size}x ({pages} pages)", tree))
    if arguments.only_sql:
        print_sql_comparison(runbook, trees, arguments.work, max(3, arguments.repeat // 2))
        return

    print(f"Machine: {os.cpu_count()} cores; repeat {arguments.repeat}, alternating, median time, peak memory\n")
    # The fixed cost of a process: what runbook pays before reading a page, next to cmark-gfm with no input.
    start = run_alternating([("runbook", [[runbook, "--version"]]), ("cmark", [CMARK + [os.devnull]])],
                            max(arguments.repeat, 15))
    print(f"Start-up alone: runbook --version {start['runbook'][0] * 1000:.1f} ms, "
          f"cmark-gfm on an empty file {start['cmark'][0] * 1000:.1f} ms\n")
    print("| tree | pages | MB | runbook check | cmark-gfm | ratio | CPU: runbook | CPU: cmark-gfm | CPU ratio "
          "| runbook peak MiB | cmark-gfm peak MiB |")
    print("|---|---|---|---|---|---|---|---|---|---|---|")
    baseline = None
    for label, tree in trees:
        files = markdown_files(tree)
        megabytes = sum(os.path.getsize(f) for f in files) / 1e6
        medians = run_alternating(
            [("runbook", [[runbook, "check", tree]]), ("cmark", cmark_commands(files))], arguments.repeat)
        (r_time, r_mem, r_cpu), (c_time, c_mem, c_cpu) = medians["runbook"], medians["cmark"]
        print(f"| {label} | {len(files)} | {megabytes:.1f} | {r_time:.3f} s | {c_time:.3f} s | {r_time / c_time:.2f} "
              f"| {r_cpu:.3f} s | {c_cpu:.3f} s | {r_cpu / c_cpu:.2f} | {r_mem:.0f} | {c_mem:.0f} |", flush=True)
        if label.startswith("synthetic"):
            if baseline is None:
                baseline = (len(files), r_time, r_mem)
            else:
                scale = len(files) / baseline[0]
                print(f"|   growth vs 1x | {scale:.0f}x pages | | {r_time / baseline[1]:.1f}x time | | | | | | "
                      f"{r_mem / baseline[2]:.2f}x memory | |", flush=True)

    if arguments.only_trees:
        return
    # The same SQL through sqlfluff (when installed) and through runbook (the pages that hold it).
    print_sql_comparison(runbook, trees, arguments.work, max(3, arguments.repeat // 2))
    print_bad_input(runbook, arguments.work, max(3, arguments.repeat // 2))
    print_dialect_cost(runbook, arguments.work, arguments.dialect_copies, arguments.repeat)
    print_lsp_latency(runbook, arguments.lsp_edits)
    print_profile(runbook, aws, arguments.work)


def print_lsp_latency(runbook, edits):
    guide = os.path.join(HERE, "..", "..", "runbooks", "redshift-data-graph.md")
    single, burst, process = lsp_latency(runbook, guide, edits)
    print(f"\nLSP: re-check of runbooks/redshift-data-graph.md ({os.path.getsize(guide) / 1000:.0f} kB) after an edit\n")
    print("| | runs | median | p95 |")
    print("|---|---|---|---|")
    for label, values in [
        ("`runbook lsp`: an edit after a pause, didChange to publishDiagnostics", single),
        ("`runbook lsp`: the last of 10 edits 5 ms apart (waits for the 50 ms quiet time)", burst),
        ("`runbook check` of the file, a new process", process),
    ]:
        print(f"| {label} | {len(values)} | {statistics.median(values):.1f} ms | {percentile(values, 0.95):.1f} ms |",
              flush=True)


def demangled(names):
    """Swift symbol names made readable with the toolchain's demangler (unchanged when it is not found)."""
    swift = shutil.which(os.environ.get("SWIFT", "swift"))
    if not swift or not names:
        return names
    result = subprocess.run([swift, "demangle", "--simplified"], input="\n".join(names), capture_output=True, text=True)
    lines = result.stdout.splitlines()
    return lines if result.returncode == 0 and len(lines) == len(names) else names


def print_profile(runbook, tree, work, top=10):
    """Instructions of `runbook check` on the AWS example pages under callgrind, and the functions that execute
    the most of them (their own instructions, not their callees'). Valgrind 3.19 cannot read the release
    binary's DWARF 5 debug information, so a copy without it is profiled (function names come from the
    symbol table). Instruction counts do not depend on the machine's load, unlike the times above."""
    valgrind, annotate = shutil.which("valgrind"), shutil.which("callgrind_annotate")
    if not (valgrind and annotate and shutil.which("strip")):
        print("\nvalgrind is not installed (apt-get install valgrind); skipped the callgrind profile")
        return
    if not os.path.isdir(tree):
        print(f"\nno AWS example pages at {tree}; skipped the callgrind profile")
        return
    folder = os.path.join(work, "callgrind")
    os.makedirs(folder, exist_ok=True)
    binary, data = os.path.join(folder, "runbook"), os.path.join(folder, "callgrind.out")
    subprocess.run(["strip", "--strip-debug", "-o", binary, runbook], check=True)
    subprocess.run([valgrind, "--tool=callgrind", f"--callgrind-out-file={data}", binary, "check", tree],
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    report = subprocess.run([annotate, data], capture_output=True, text=True, check=True).stdout
    total = re.search(r"^\s*([\d,]+) \(100\.0%\)\s+PROGRAM TOTALS", report, re.M)
    entries = re.findall(r"^\s*([\d,]+) \(\s*([\d.]+)%\)\s+(?:[^:\n]*):(.+?) \[[^\]]*\]$", report, re.M)[:top]
    names = demangled([name for _, _, name in entries])
    print(f"\ncallgrind: runbook check of {tree}: {total.group(1) if total else '?'} instructions; "
          f"the top {len(entries)} functions by their own instructions (`{annotate} {data}` for the rest)\n")
    print("| instructions | share | function |")
    print("|---:|---:|---|")
    for (count, share, _), name in zip(entries, names):
        name = name if len(name) <= 140 else name[:137] + "..."
        print(f"| {count} | {share}% | `{name.replace('|', '/')}` |", flush=True)


if __name__ == "__main__":
    main()
