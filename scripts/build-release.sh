#!/usr/bin/env bash
# Release build of both executables, runbook and runbook-verify (which `runbook verify` runs), linked the way
# users get them; prints the folder that holds them. Extra arguments go to `swift build` (test.sh adds
# -Xswiftc -warnings-as-errors).
#
# Linking: the Swift runtime and Foundation statically (loading and relocating a dozen shared libraries was a
# third of a small run's start-up), and no symbol table exported for dynamic linking (the runtime looks its
# own address up in it at every start). docs/performance.md has the measurements.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."
SWIFT="${SWIFT:-swift}"
flags=(-c release --static-swift-stdlib -Xlinker --no-export-dynamic)

# Without --product, swift build builds every target of the package but the tests: both executables at once.
"$SWIFT" build "${flags[@]}" "$@" >&2
"$SWIFT" build "${flags[@]}" "$@" --show-bin-path
