#!/usr/bin/env bash
# Release build of both executables, runbook and runbook-verify (which `runbook verify` runs), linked the way
# users get them; prints the folder that holds them. Extra arguments go to `swift build` (test.sh adds
# -Xswiftc -warnings-as-errors).
#
# Linking: the Swift runtime and Foundation statically (loading and relocating a dozen shared libraries was a
# third of a small run's start-up), and no symbol table exported for dynamic linking (the runtime looks its
# own address up in it at every start). docs/performance.md has the measurements.
#
# cmark-gfm is linked statically too, from Debian's own archives (libcmark-gfm-dev ships libcmark-gfm.a), so the
# executables run where libcmark-gfm is not installed (make dist): a pkg-config file of our own names a folder
# holding only the archives, which the linker searches before the system's, where the shared library is.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."
SWIFT="${SWIFT:-swift}"
flags=(-c release --static-swift-stdlib -Xlinker --no-export-dynamic)

static="$PWD/.build/static-cmark"
libdir="$(pkg-config --variable=libdir libcmark-gfm)"
includedir="$(pkg-config --variable=includedir libcmark-gfm)"
if [[ -f "$libdir/libcmark-gfm.a" && -f "$libdir/libcmark-gfm-extensions.a" ]]; then
    mkdir -p "$static"
    ln -sf "$libdir/libcmark-gfm.a" "$libdir/libcmark-gfm-extensions.a" "$static/"
    # Extensions first: they use the core library, and archives are searched in order.
    cat >"$static/libcmark-gfm.pc.tmp" <<PC
Name: libcmark-gfm
Description: cmark-gfm, linked statically from Debian's archives
Version: $(pkg-config --modversion libcmark-gfm)
Libs: -L$static -lcmark-gfm-extensions -lcmark-gfm
Cflags: -I$includedir
PC
    mv "$static/libcmark-gfm.pc.tmp" "$static/libcmark-gfm.pc"
    export PKG_CONFIG_PATH="$static${PKG_CONFIG_PATH:+:$PKG_CONFIG_PATH}"
fi

# Without --product, swift build builds every target of the package but the tests: both executables at once.
"$SWIFT" build "${flags[@]}" "$@" >&2
"$SWIFT" build "${flags[@]}" "$@" --show-bin-path
