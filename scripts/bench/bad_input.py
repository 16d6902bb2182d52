#!/usr/bin/env python3
"""Writes the bad input of the benchmark's bad-input table: one page per case, generated, never committed.

    bad_input.py OUT_DIR

Writes OUT_DIR/inputN.md for each case and OUT_DIR/inputs.json, the list of [file name, label]. run.py runs
this in a process of its own: a process started by fork or vfork counts its parent's resident set in its own
peak (Linux keeps the larger), so the measuring process must not grow by holding the inputs.
"""
import json
import os
import random
import sys

DEPTH = 3000


def page(sql):
    return f"# Bad input\n\nA generated page for the benchmark.\n\n```sql\n{sql}\n```\n"


def wide_statement(size=1_000_000):
    """One SELECT of about `size` bytes: as many select items as fit."""
    items, length = [], 0
    while length < size:
        items.append(f"coalesce(t.column_{len(items):06d}, 0) AS c{len(items):06d}")
        length += len(items[-1]) + 6
    return len(items), "SELECT " + ",\n    ".join(items) + "\nFROM wide_table AS t;"


def cases():
    """(file stem, label, page text or bytes) for each case."""
    count, wide = wide_statement()
    grants = "\n".join(f"GRANT SELECT ON TABLE analytics.t{i:06d} TO ROLE reader;" for i in range(100_000))
    body = "".join(f"    INSERT INTO audit VALUES ({i}, 'line {i}');\n" for i in range(10_000))
    noise = random.Random(1)
    binary = bytes(noise.choice((0, 0, 1, 2, 0x7F, 0xFF, 0x90, 0xC3, 0x41)) for _ in range(65_536))
    yield "parentheses", f"{DEPTH:,} nested parentheses", page("SELECT " + "(" * DEPTH + "1" + ")" * DEPTH + ";")
    yield ("case", f"{DEPTH:,} nested CASE expressions",
           page("SELECT " + "CASE WHEN x > 0 THEN " * DEPTH + "1" + " ELSE 0 END" * DEPTH + " FROM t;"))
    yield "wide", f"a 1 MB statement ({count:,} select items)", page(wide)
    yield "statements", "100,000 statements in one block", page("CREATE ROLE reader;\n" + grants)
    yield "placeholders", "a statement of only placeholders", page("<<SCHEMA>> <<TABLE>> <<ROLE>>;")
    yield ("dollar", "an unterminated dollar quote (10,000 lines after it)",
           page("CREATE PROCEDURE fill() AS $$\nBEGIN\n" + body + "END;"))
    yield "nul", "a NUL byte inside a statement", page("SELECT id\0, name FROM users;")
    yield "binary", "a file that is not text (64 kB of binary named .md)", binary


def main():
    folder = sys.argv[1]
    os.makedirs(folder, exist_ok=True)
    listing = []
    for stem, label, content in cases():
        name = f"{stem}.md"
        with open(os.path.join(folder, name), "wb") as file:
            file.write(content if isinstance(content, bytes) else content.encode())
        listing.append([name, label])
    with open(os.path.join(folder, "inputs.json"), "w") as file:
        json.dump(listing, file, indent=1)


if __name__ == "__main__":
    main()
