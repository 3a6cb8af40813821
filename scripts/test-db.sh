#!/usr/bin/env bash
# shellcheck disable=SC1090  # state files are sourced by path
# Throwaway PostgreSQL servers for the integration tests.
#
#   scripts/test-db.sh start    start "timescale" (PG 17 + TimescaleDB, chrooted Debian trixie root)
#                               and "postgres" (host PG 15, no TimescaleDB); write the env file
#   scripts/test-db.sh stop     stop what start started and delete its data (idempotent)
#   scripts/test-db.sh status   show what runs
#   scripts/test-db.sh env      print the env file path:  source "$(scripts/test-db.sh env)"
#
# Exports METRICS_IT_TIMESCALE_URL / METRICS_IT_POSTGRES_URL (jdbc:postgresql://...).
# If one is already set when `start` runs, that server is external: not started, URL passed through.
# Knobs: METRICS_TESTDB_CACHE (trixie root cache), METRICS_TESTDB_STATE (pids/ports/env file),
#        METRICS_TESTDB_MIRROR (Debian mirror), METRICS_TESTDB_TIMEOUT (startup seconds).
# Needs root (chroot, runuser, apt-get). Start is deterministic: it always stops old servers first.
set -euo pipefail

CACHE="${METRICS_TESTDB_CACHE:-${HOME:-/root}/.cache/metrics-testdb}"
ROOT="$CACHE/trixie-root"
MARKER=".metrics-testdb-complete"   # written only after a successful debootstrap
STATE="${METRICS_TESTDB_STATE:-/tmp/metrics-testdb}"
ENV_FILE="$STATE/env"
MIRROR="${METRICS_TESTDB_MIRROR:-http://deb.debian.org/debian}"
TIMEOUT="${METRICS_TESTDB_TIMEOUT:-60}"
PG15=/usr/lib/postgresql/15/bin    # host
PG17=/usr/lib/postgresql/17/bin    # inside the trixie root
DB=metrics_it
# Throwaway data, so durability is off. mmap DSM avoids needing /dev/shm inside the chroot.
TUNING=(fsync=off synchronous_commit=off full_page_writes=off max_connections=100
        shared_buffers=256MB dynamic_shared_memory_type=mmap listen_addresses=127.0.0.1)
export DEBIAN_FRONTEND=noninteractive

log() { echo "test-db: $*" >&2; }
die() { log "ERROR: $*"; exit 1; }

# Run a shell command as user postgres, chrooted into $1 ("" = host). PostgreSQL refuses root.
# A clean environment keeps host locale/PG* variables from leaking into initdb/pg_ctl.
as_pg() {
  local cmd="cd / && $2"
  if [[ -n $1 ]]; then
    chroot "$1" /usr/bin/env -i PATH=/usr/bin:/bin LC_ALL=C su postgres -s /bin/bash -c "$cmd" </dev/null
  else
    env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin LC_ALL=C runuser -u postgres -- /bin/bash -c "$cmd" </dev/null
  fi
}

psql_q() { # $1 port, $2 database, $3 SQL; via host psql over TCP (trust auth)
  "$PG15/psql" -X -q -At -v ON_ERROR_STOP=1 \
    "postgresql://postgres@127.0.0.1:$1/$2?sslmode=disable&connect_timeout=5" -c "$3" </dev/null
}

APT_UPDATED=0
apt_install() {
  # Temporary policy-rc.d so installing postgresql-15 doesn't also start Debian's default cluster.
  local guard=""
  if [[ ! -e /usr/sbin/policy-rc.d ]]; then
    guard=/usr/sbin/policy-rc.d; printf '#!/bin/sh\nexit 101\n' >"$guard"; chmod +x "$guard"
  fi
  log "installing $* with apt-get"
  if { ((APT_UPDATED)) || apt-get update -qq >&2; } && apt-get install -y -qq "$@" </dev/null >&2; then
    APT_UPDATED=1; [[ -z $guard ]] || rm -f "$guard"
  else
    [[ -z $guard ]] || rm -f "$guard"
    die "apt-get install $* failed: is the Debian mirror reachable? Or set METRICS_IT_TIMESCALE_URL / METRICS_IT_POSTGRES_URL to use external servers"
  fi
}

# Remove a directory tree without descending into mounts (an interrupted debootstrap can
# leave proc/sys mounted inside its target).
remove_tree() {
  awk -v p="$1/" 'index($2, p) == 1 { print $2 }' /proc/mounts | sort -r |
    while read -r m; do umount -l "$m" || true; done
  rm -rf --one-file-system "$1"
}

# Build the cached Debian trixie root with PG 17 + TimescaleDB (bookworm has no TimescaleDB).
# Built in a temp dir, marked complete, then renamed, so an interrupted build is redone.
ensure_root() {
  [[ -f $ROOT/$MARKER && -x $ROOT$PG17/postgres ]] && return 0
  command -v debootstrap >/dev/null || apt_install debootstrap
  mkdir -p "$CACHE"
  (
    flock 9   # concurrent starts must not build the same root twice
    [[ -f $ROOT/$MARKER && -x $ROOT$PG17/postgres ]] && exit 0
    for d in "$ROOT" "$CACHE"/trixie-root.tmp.*; do [[ ! -e $d ]] || remove_tree "$d"; done
    tmp="$CACHE/trixie-root.tmp.$$"
    log "building Debian trixie root with postgresql-17-timescaledb in $ROOT (~1 min, ~700 MB)"
    if ! debootstrap --variant=minbase --include=postgresql-17-timescaledb trixie "$tmp" "$MIRROR" \
         >"$CACHE/debootstrap.log" 2>&1 </dev/null; then
      tail -n 20 "$CACHE/debootstrap.log" >&2; remove_tree "$tmp"
      die "debootstrap failed (log: $CACHE/debootstrap.log): is $MIRROR reachable? Set METRICS_IT_TIMESCALE_URL to use an external server instead"
    fi
    [[ -x $tmp$PG17/postgres && -f $tmp/usr/lib/postgresql/17/lib/timescaledb.so ]] ||
      die "debootstrap finished but PG 17 / timescaledb.so are missing in $tmp"
    rm -f "$tmp"/var/cache/apt/archives/*.deb   # ~110 MB less to cache in CI
    date -u >"$tmp/$MARKER"
    mv -T "$tmp" "$ROOT"
  ) 9>"$CACHE/.lock"
}

# shellcheck source=free-port.sh
source "$(dirname "${BASH_SOURCE[0]}")/free-port.sh"

save_state() { # $1 name, then KEY=VALUE pairs; state files are sourced by stop/status
  local name=$1 kv; shift
  for kv in "$@"; do printf '%s=%q\n' "${kv%%=*}" "${kv#*=}"; done >"$STATE/$name.state"
}

# Keep the server log outside the data dir (which the cleanup deletes) and show its tail.
server_failed() { # $1 name, $2 server log path, $3 message
  cp "$2" "$STATE/$1.server.log" 2>/dev/null || true
  tail -n 30 "$STATE/$1.server.log" >&2 2>/dev/null || true
  die "$3 (server log: $STATE/$1.server.log)"
}

# Start one server: $1 name, $2 chroot ("" = host), $3 bin dir, then extra config lines.
start_server() {
  local name=$1 root=$2 bin=$3 dir port attempt conf kv log; shift 3
  dir=$(as_pg "$root" "mktemp -d /tmp/metrics-testdb-$name.XXXXXX") || die "cannot create data dir for $name"
  save_state "$name" NAME="$name" SROOT="$root" BIN="$bin" DATA="$dir"   # so stop can clean up
  as_pg "$root" "$bin/initdb -D $dir -A trust -U postgres -E UTF8 --locale=C --no-sync" >"$STATE/$name.initdb.log" 2>&1 ||
    { tail -n 20 "$STATE/$name.initdb.log" >&2; die "initdb failed for $name (log: $STATE/$name.initdb.log)"; }
  conf="$root$dir/postgresql.conf" log="$root$dir/server.log"
  { echo "# metrics test-db"; for kv in "${TUNING[@]}" "$@"; do echo "${kv%%=*} = '${kv#*=}'"; done
    echo "unix_socket_directories = '$dir'"; } >>"$conf"
  for attempt in 1 2 3; do   # retry: the port might be grabbed between probe and bind
    port=$(free_port)
    if as_pg "$root" "$bin/pg_ctl -D $dir -l $dir/server.log -w -t $TIMEOUT -o '-p $port' start" >"$STATE/$name.pg_ctl.log" 2>&1; then
      break
    fi
    if ((attempt < 3)) && grep -q 'could not bind\|could not create any TCP' "$log"; then
      log "$name: port $port was taken, retrying"; continue
    fi
    cat "$STATE/$name.pg_ctl.log" >&2
    server_failed "$name" "$log" "$name server failed to start (pg_ctl on port $port)"
  done
  local deadline=$((SECONDS + TIMEOUT))
  until "$PG15/pg_isready" -q -h 127.0.0.1 -p "$port" -d postgres -t 2; do
    ((SECONDS < deadline)) || server_failed "$name" "$log" "$name not accepting connections on 127.0.0.1:$port after ${TIMEOUT}s"
    sleep 0.2
  done
  save_state "$name" NAME="$name" SROOT="$root" BIN="$bin" DATA="$dir" PORT="$port" \
    PID="$(head -n 1 "$root$dir/postmaster.pid")" URL="jdbc:postgresql://127.0.0.1:$port/$DB?user=postgres"
  psql_q "$port" postgres "CREATE DATABASE $DB" || server_failed "$name" "$log" "CREATE DATABASE $DB failed on $name"
  log "$name: PostgreSQL $(psql_q "$port" "$DB" 'SHOW server_version') on 127.0.0.1:$port"
  STARTED_PORT=$port STARTED_LOG=$log
}

alive() { # $1 pid: a live (non-zombie) postgres process?
  [[ -n $1 && "$(cat "/proc/$1/comm" 2>/dev/null)" == postgres ]] && ! grep -q '^State:.*Z' "/proc/$1/status" 2>/dev/null
}

stop_server() { # $1 state file; best effort, never fails the script
  local NAME="" SROOT="" BIN="" DATA="" PORT="" PID="" URL="" EXTERNAL="" ok=0
  source "$1"
  if [[ -z $EXTERNAL && $DATA == /tmp/metrics-testdb-* ]]; then
    if [[ -f $SROOT$DATA/postmaster.pid ]]; then
      PID=$(head -n 1 "$SROOT$DATA/postmaster.pid" 2>/dev/null || echo "$PID")
      as_pg "$SROOT" "$BIN/pg_ctl -D $DATA stop -m fast -w -t 30" >/dev/null 2>&1 && ok=1
    fi
    # Fallback (e.g. the root was deleted under a running server): signal the postmaster by pid.
    if ((!ok)) && alive "$PID"; then log "$NAME: pg_ctl stop failed, sending SIGINT to postmaster $PID"; kill -INT "$PID" || true; fi
    # pg_ctl returns once postmaster.pid is gone; the process itself may linger for a moment.
    for _ in $(seq 50); do alive "$PID" || break; sleep 0.2; done
    ! alive "$PID" || { log "$NAME: postmaster $PID still alive, SIGKILL"; kill -KILL "$PID" || true; }
    rm -rf --one-file-system "$SROOT$DATA"
    log "$NAME: stopped${PORT:+ (port $PORT)}"
  fi
  rm -f "$1"
}

cmd_stop() { # $1 = keep: leave the logs (used by a failed start, so they can be inspected)
  local f n=0
  [[ -d $STATE ]] || return 0
  for f in "$STATE"/*.state; do
    [[ -e $f ]] || continue
    n=$((n + 1)); stop_server "$f" || log "warning: could not fully stop $f"
  done
  rm -f "$ENV_FILE"
  # Runners often use a per-run state dir; don't leave it behind after a clean stop.
  if ((n)) && [[ ${1:-} != keep ]]; then rm -f "$STATE"/*.log; rmdir "$STATE" 2>/dev/null || true; fi
}

# URL given by the caller for server $1 (TIMESCALE|POSTGRES), unless it is one we wrote
# ourselves earlier (the caller sourced an old env file) - that one is stale, not external.
external_url() {
  local url="METRICS_IT_$1_URL" own="METRICS_TESTDB_OWN_$1_URL"
  if [[ -n ${!url:-} && ${!url} != "${!own:-}" ]]; then echo "${!url}"; fi
}

env_line() { printf "export %s='%s'\n" "$1" "${2//\'/\'\\\'\'}"; }

cmd_start() {
  local ts_ext pg_ext ts_url pg_url out=""
  ts_ext=$(external_url TIMESCALE); pg_ext=$(external_url POSTGRES)
  cmd_stop clean
  mkdir -p "$STATE"; rm -f "$STATE"/*.log   # logs of a failed start survive its cleanup until here
  trap 'rc=$?; if ((rc != 0)); then log "start failed, cleaning up"; cmd_stop keep; fi' EXIT
  trap 'exit 130' INT TERM
  if [[ -z $ts_ext || -z $pg_ext ]]; then
    [[ $EUID -eq 0 ]] || die "must run as root (chroot/runuser/apt-get); or set METRICS_IT_TIMESCALE_URL and METRICS_IT_POSTGRES_URL to external servers"
    [[ -x $PG15/initdb && -x $PG15/psql ]] || apt_install postgresql-15
  fi
  if [[ -n $ts_ext ]]; then
    ts_url=$ts_ext; save_state timescale NAME=timescale EXTERNAL=1 URL="$ts_url"; log "timescale: external ${ts_url%%\?*}"
  else
    ensure_root
    start_server timescale "$ROOT" "$PG17" "shared_preload_libraries=timescaledb" "timescaledb.telemetry_level=off"
    ts_url="jdbc:postgresql://127.0.0.1:$STARTED_PORT/$DB?user=postgres"
    psql_q "$STARTED_PORT" "$DB" "CREATE EXTENSION IF NOT EXISTS timescaledb" >/dev/null ||
      server_failed timescale "$STARTED_LOG" "CREATE EXTENSION timescaledb failed"
    log "timescale: TimescaleDB $(psql_q "$STARTED_PORT" "$DB" "SELECT extversion FROM pg_extension WHERE extname='timescaledb'")," \
        "license $(psql_q "$STARTED_PORT" "$DB" 'SHOW timescaledb.license')"
    out+=$(env_line METRICS_TESTDB_OWN_TIMESCALE_URL "$ts_url")$'\n'
  fi
  if [[ -n $pg_ext ]]; then
    pg_url=$pg_ext; save_state postgres NAME=postgres EXTERNAL=1 URL="$pg_url"; log "postgres: external ${pg_url%%\?*}"
  else
    start_server postgres "" "$PG15"
    pg_url="jdbc:postgresql://127.0.0.1:$STARTED_PORT/$DB?user=postgres"
    [[ $(psql_q "$STARTED_PORT" "$DB" "SELECT count(*) FROM pg_available_extensions WHERE name='timescaledb'") == 0 ]] ||
      log "WARNING: the host PostgreSQL 15 has TimescaleDB available; 'postgres' is meant to be plain PostgreSQL"
    out+=$(env_line METRICS_TESTDB_OWN_POSTGRES_URL "$pg_url")$'\n'
  fi
  out=$(env_line METRICS_IT_TIMESCALE_URL "$ts_url")$'\n'$(env_line METRICS_IT_POSTGRES_URL "$pg_url")$'\n'$out
  printf '%s' "$out" >"$ENV_FILE.tmp" && mv -f "$ENV_FILE.tmp" "$ENV_FILE"
  printf '%s' "$out" | grep '^export METRICS_IT_'
  log "env file: $ENV_FILE"
}

cmd_status() {
  local f found=0
  for f in "$STATE"/*.state; do
    [[ -e $f ]] || continue; found=1
    ( NAME="" PORT="" PID="" URL="" EXTERNAL="" DATA="" SROOT=""; source "$f"
      if [[ -n $EXTERNAL ]]; then echo "$NAME: external ${URL%%\?*}"
      elif [[ -n $PORT ]] && "$PG15/pg_isready" -q -h 127.0.0.1 -p "$PORT" -t 2; then
        echo "$NAME: running, pid $PID, $URL, data $SROOT$DATA"
      else echo "$NAME: NOT responding (port ${PORT:-?}, data $SROOT$DATA); run '$0 stop'"; fi )
  done
  ((found)) || echo "nothing started (state dir $STATE)"
}

case "${1:-}" in
  start) cmd_start ;;
  stop) cmd_stop clean ;;
  status) cmd_status ;;
  env) echo "$ENV_FILE"; [[ -f $ENV_FILE ]] || { log "no env file yet; run '$0 start' first"; exit 1; } ;;
  *) echo "usage: $0 start|stop|status|env" >&2; exit 2 ;;
esac
