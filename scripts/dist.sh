#!/usr/bin/env bash
# Builds the release archive: runbook-VERSION-linux-ARCH.tar.gz and its .sha256 beside it, in dist/ (or
# DIST_DIR). The archive runs on a Debian 12 machine with no Swift toolchain and no libcmark-gfm: the Swift
# runtime, Foundation and cmark-gfm are linked statically (scripts/build-release.sh), so the executables
# need only the C library. Unpack it anywhere; `bin/runbook` and `bin/runbook-verify` stay side by side.
#
#   scripts/dist.sh [--from DIR]       --from: package binaries already built in DIR instead of building
# Prints the archive's path.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."
from=""
if [[ "${1:-}" == "--from" ]]; then
    from="$2"
    shift 2
fi
[[ -n "$from" ]] || from="$(scripts/build-release.sh)"
out="${DIST_DIR:-dist}"
version="$("$from/runbook" --version)"
name="runbook-$version-linux-$(uname -m)"

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
DESTDIR="" scripts/install.sh --from "$from" "$work/$name" >/dev/null
cp README.md "$work/$name/README.md"
mkdir -p "$work/$name/share/doc/runbook"
cp docs/*.md "$work/$name/share/doc/runbook/"

# Refuse an archive that would need libraries a plain Debian machine lacks.
for binary in "$work/$name/bin/runbook" "$work/$name/bin/runbook-verify"; do
    if ldd "$binary" | grep -E 'libswift|libFoundation|libcmark|libdispatch|libBlocksRuntime' >&2; then
        echo "dist.sh: error: $binary links the libraries above dynamically" >&2
        exit 1
    fi
done

mkdir -p "$out"
archive="$out/$name.tar.gz"
# Reproducible: sorted names, fixed owner and times.
tar --sort=name --owner=0 --group=0 --numeric-owner --mtime='2000-01-01 00:00:00' -C "$work" -cf - "$name" \
    | gzip -n >"$archive.tmp"
mv "$archive.tmp" "$archive"
(cd "$out" && sha256sum "$name.tar.gz" >"$name.tar.gz.sha256")
echo "$archive"
