#!/usr/bin/env python3
"""Writes a man page (section 1) per command of runbook, from the command tree argument-parser dumps
(`runbook --experimental-dump-help`), so the pages always say what `--help` says.

    manpages.py RUNBOOK_BINARY OUTPUT_DIR

Pages: runbook.1 and runbook-COMMAND.1 for each visible subcommand. No date in the pages, so that the
same binary gives the same bytes.
"""
import json
import os
import subprocess
import sys


def roff(text):
    """Escapes text for roff: backslashes, and a leading dot or quote on a line."""
    text = text.replace("\\", "\\e")
    lines = []
    for line in text.split("\n"):
        if line.startswith((".", "'")):
            line = "\\&" + line
        lines.append(line)
    return "\n".join(lines)


def option_names(argument):
    names = []
    for name in argument.get("names", []):
        kind = name["kind"]
        prefix = "-" if kind == "short" else "--" if kind == "long" else "-"
        names.append(prefix + name["name"])
    return names


def synopsis(command, path):
    parts = []
    for argument in command.get("arguments", []):
        if not argument.get("shouldDisplay", True):
            continue
        value = argument.get("valueName", "value")
        if argument["kind"] == "positional":
            part = f"\\fI{value}\\fR" + ("..." if argument.get("isRepeating") else "")
        else:
            names = option_names(argument)
            if not names:
                continue
            part = f"\\fB{names[-1]}\\fR" + ("" if argument["kind"] == "flag" else f" \\fI{value}\\fR")
        parts.append(part if not argument.get("isOptional") else f"[{part}]")
    return f"\\fB{path}\\fR " + " ".join(parts)


def page(command, path, see_also):
    title = path.replace(" ", "-")
    out = [f'.TH "{title.upper()}" "1" "" "runbook" "User Commands"', ".SH NAME", f"{title} \\- {roff(command.get('abstract', ''))}"]
    out += [".SH SYNOPSIS", synopsis(command, path)]
    if command.get("discussion"):
        out += [".SH DESCRIPTION", roff(command["discussion"])]
    subcommands = [s for s in command.get("subcommands", []) if s.get("shouldDisplay", True) and s["commandName"] != "help"]
    if subcommands:
        out.append(".SH COMMANDS")
        for sub in subcommands:
            out += [".TP", f"\\fB{sub['commandName']}\\fR", roff(sub.get("abstract", ""))]
    arguments = [a for a in command.get("arguments", []) if a.get("shouldDisplay", True)]
    if arguments:
        out.append(".SH OPTIONS")
        for argument in arguments:
            names = option_names(argument)
            label = ", ".join(f"\\fB{n}\\fR" for n in names) if names else f"\\fI{argument.get('valueName', '')}\\fR"
            if names and argument["kind"] == "option":
                label += f" \\fI{argument.get('valueName', 'value')}\\fR"
            text = argument.get("abstract", "")
            if argument.get("defaultValue") not in (None, "", "false"):
                text += f" (default: {argument['defaultValue']})"
            out += [".TP", label, roff(text)]
    out += [".SH EXIT STATUS", "0 no errors, 1 errors in a document (or drift with --check), 2 unusable arguments or unreadable input."]
    if see_also:
        out += [".SH SEE ALSO", ", ".join(f"\\fB{name}\\fR(1)" for name in see_also)]
    return "\n".join(out) + "\n"


def main():
    if len(sys.argv) != 3:
        print("usage: manpages.py RUNBOOK_BINARY OUTPUT_DIR", file=sys.stderr)
        return 2
    binary, output = sys.argv[1], sys.argv[2]
    dump = json.loads(subprocess.run([binary, "--experimental-dump-help"], check=True, capture_output=True, text=True).stdout)
    root = dump["command"]
    os.makedirs(output, exist_ok=True)
    subcommands = [s for s in root.get("subcommands", []) if s.get("shouldDisplay", True) and s["commandName"] != "help"]
    names = ["runbook-" + s["commandName"] for s in subcommands]
    pages = {"runbook": page(root, "runbook", names)}
    for sub in subcommands:
        pages["runbook-" + sub["commandName"]] = page(sub, "runbook " + sub["commandName"], ["runbook"])
    for name, text in sorted(pages.items()):
        with open(os.path.join(output, name + ".1"), "w", encoding="utf-8") as handle:
            handle.write(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
