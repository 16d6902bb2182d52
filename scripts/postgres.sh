#!/usr/bin/env bash
# A throwaway PostgreSQL 15 cluster for the tests: a fresh folder from `mktemp -d`, a Unix socket in that
# folder and no TCP at all, trust authentication, fsync off. Nothing outlives `stop`.
#
#   scripts/postgres.sh start        start a new cluster; prints the path of its env file on stdout
#   scripts/postgres.sh env [DIR]    print the env file (`eval "$(scripts/postgres.sh env)"`)
#   scripts/postgres.sh stop [DIR]   stop the cluster and delete its folder
#   scripts/postgres.sh status [DIR] say whether it is running
#
# The cluster last started from this checkout is recorded in .build-pg/ (git-ignored):
#   .build-pg/current  the cluster's folder        .build-pg/env  a copy of its env file
# The env file exports PGHOST, PGPORT, PGUSER, RUNBOOK_PG_HOST, RUNBOOK_PG_PORT, RUNBOOK_PG_USER,
# RUNBOOK_PG_BIN. `start` stops the cluster recorded there first, so a checkout never leaks one.
#
# Settings from the environment: RUNBOOK_PG_BIN (the server's bin folder, default
# /usr/lib/postgresql/15/bin), RUNBOOK_PG_START_TIMEOUT (seconds to wait for the server, default 60).
set -euo pipefail

repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
# RUNBOOK_PG_STATE_DIR: where the current cluster is recorded (a test that wants a cluster of its own passes
# another folder, so that the checkout's cluster is left alone).
state_dir="${RUNBOOK_PG_STATE_DIR:-$repo_root/.build-pg}"
pg_bin="${RUNBOOK_PG_BIN:-/usr/lib/postgresql/15/bin}"
start_timeout="${RUNBOOK_PG_START_TIMEOUT:-60}"
superuser=postgres

log() { printf 'postgres.sh: %s\n' "$*" >&2; }
die() {
    log "error: $*"
    exit 1
}

# initdb and the server refuse to run as root, so root runs them as the `postgres` OS user.
as_owner() {
    if [[ $(id -u) -eq 0 ]]; then
        runuser -u postgres -- "$@"
    else
        "$@"
    fi
}

# A port nobody listens on. The server only opens a Unix socket, whose name carries the port number, but
# a port that is also free on TCP keeps psql's messages unambiguous.
free_port() {
    python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])' \
        2>/dev/null || echo $((20000 + RANDOM % 40000))
}

# The folder of the cluster named on the command line, else the one recorded for this checkout.
cluster_dir() {
    if [[ $# -gt 0 && -n "$1" ]]; then
        printf '%s\n' "${1%/}"
    elif [[ -f "$state_dir/current" ]]; then
        cat "$state_dir/current"
    fi
}

is_running() {
    local dir="$1"
    [[ -f "$dir/data/postmaster.pid" ]] && as_owner "$pg_bin/pg_ctl" status -D "$dir/data" >/dev/null 2>&1
}

cmd_stop() {
    local dir
    dir="$(cluster_dir "$@")"
    if [[ -z "$dir" ]]; then
        log "no cluster recorded in $state_dir; nothing to stop"
        return 0
    fi
    # Only folders this script made are deleted, whatever the pointer file says.
    [[ "$(basename "$dir")" == runbook-pg.* ]] || die "refusing to delete $dir: not a runbook-pg folder"
    if [[ -d "$dir" ]]; then
        if is_running "$dir"; then
            as_owner "$pg_bin/pg_ctl" stop -D "$dir/data" -m immediate -w -t 30 >/dev/null ||
                log "warning: pg_ctl stop failed for $dir"
        fi
        rm -rf -- "$dir"
        log "stopped and removed $dir"
    fi
    if [[ -f "$state_dir/current" && "$(cat "$state_dir/current")" == "$dir" ]]; then
        rm -f -- "$state_dir/current" "$state_dir/env"
    fi
}

cmd_start() {
    [[ -x "$pg_bin/initdb" && -x "$pg_bin/pg_ctl" && -x "$pg_bin/pg_isready" ]] ||
        die "PostgreSQL server binaries not found in $pg_bin (run scripts/setup.sh)"
    if [[ $(id -u) -eq 0 ]] && ! id postgres >/dev/null 2>&1; then
        die "running as root but there is no 'postgres' OS user to run the server as"
    fi

    # A cluster left over from an interrupted run of this checkout goes first.
    if [[ -n "$(cluster_dir)" ]]; then
        log "stopping the previous cluster $(cluster_dir)"
        cmd_stop
    fi

    # /tmp rather than $TMPDIR: a Unix socket path must stay under 108 bytes.
    local dir port
    dir="$(mktemp -d /tmp/runbook-pg.XXXXXXXX)"
    port="$(free_port)"
    chmod 755 "$dir" # others may connect through the socket; initdb keeps data/ private
    [[ $(id -u) -eq 0 ]] && chown postgres: "$dir"

    # From here on a failure removes what was made.
    trap 'log "start failed; server log follows"; cat "$dir/server.log" >&2 2>/dev/null || true;
          cmd_stop "$dir" || true' ERR

    (
        cd "$dir" # the owner may not be allowed into the caller's folder
        as_owner "$pg_bin/initdb" --pgdata="$dir/data" --username="$superuser" --auth=trust \
            --encoding=UTF8 --locale=C --no-sync >"$dir/initdb.log" 2>&1 ||
            {
                cat "$dir/initdb.log" >&2
                exit 1
            }
        as_owner tee -a "$dir/data/postgresql.conf" >/dev/null <<EOF

# Throwaway test cluster written by scripts/postgres.sh: Unix socket only, no durability.
listen_addresses = ''
unix_socket_directories = '$dir'
port = $port
fsync = off
synchronous_commit = off
full_page_writes = off
EOF
        as_owner "$pg_bin/pg_ctl" start -D "$dir/data" -l "$dir/server.log" -W >/dev/null
    )

    local waited=0
    until "$pg_bin/pg_isready" -q -h "$dir" -p "$port" -U "$superuser"; do
        if ((waited >= start_timeout * 5)); then
            log "the server did not accept connections within ${start_timeout}s"
            false # the ERR trap prints the log and cleans up
        fi
        sleep 0.2
        waited=$((waited + 1))
    done
    trap - ERR

    cat >"$dir/env" <<EOF
# Written by scripts/postgres.sh for the cluster in $dir
export PGHOST='$dir'
export PGPORT='$port'
export PGUSER='$superuser'
export RUNBOOK_PG_HOST='$dir'
export RUNBOOK_PG_PORT='$port'
export RUNBOOK_PG_USER='$superuser'
export RUNBOOK_PG_BIN='$pg_bin'
EOF
    chmod 644 "$dir/env"
    mkdir -p "$state_dir"
    printf '%s\n' "$dir" >"$state_dir/current"
    cp "$dir/env" "$state_dir/env"
    log "$("$pg_bin/postgres" --version) ready on socket $dir/.s.PGSQL.$port"
    printf '%s\n' "$dir/env"
}

cmd_env() {
    local dir
    dir="$(cluster_dir "$@")"
    [[ -n "$dir" && -f "$dir/env" ]] || die "no running cluster recorded; run: scripts/postgres.sh start"
    cat "$dir/env"
}

cmd_status() {
    local dir
    dir="$(cluster_dir "$@")"
    if [[ -n "$dir" ]] && is_running "$dir"; then
        log "running in $dir"
    else
        log "not running"
        return 1
    fi
}

case "${1:-}" in
start) cmd_start ;;
stop) cmd_stop "${@:2}" ;;
env) cmd_env "${@:2}" ;;
status) cmd_status "${@:2}" ;;
*)
    printf 'usage: %s start|stop [DIR]|env [DIR]|status [DIR]\n' "$0" >&2
    exit 2
    ;;
esac
