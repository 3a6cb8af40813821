#!/usr/bin/env bash
# shellcheck disable=SC1090  # state files are sourced by path
# Headless Chromium for the browser tests (the dashboard page), provisioned like the database servers.
#
#   scripts/test-browser.sh start   install Debian's chromium and chromium-driver when missing, start chromedriver
#                                   on a free loopback port, write the env file
#   scripts/test-browser.sh stop    stop chromedriver and every browser it started (idempotent)
#   scripts/test-browser.sh status  show what runs
#   scripts/test-browser.sh env     print the env file path:  source "$(scripts/test-browser.sh env)"
#
# Exports METRICS_IT_CHROMIUM (the browser binary), METRICS_IT_CHROMEDRIVER (the driver binary) and
# METRICS_IT_CHROMEDRIVER_URL (the running driver, http://127.0.0.1:PORT), which the browser tests read.
# If METRICS_IT_CHROMEDRIVER_URL is already set when `start` runs, that driver is external: not started, passed through.
# Knobs: METRICS_TESTBROWSER_STATE (pid/port/env file), METRICS_TESTBROWSER_TIMEOUT (startup seconds).
# Installing needs root (apt-get); a machine that has both binaries needs nothing.
set -euo pipefail

STATE="${METRICS_TESTBROWSER_STATE:-/tmp/metrics-testbrowser}"
ENV_FILE="$STATE/env"
TIMEOUT="${METRICS_TESTBROWSER_TIMEOUT:-30}"
CHROMIUM=/usr/bin/chromium
CHROMEDRIVER=/usr/bin/chromedriver
export DEBIAN_FRONTEND=noninteractive

log() { echo "test-browser: $*" >&2; }
die() { log "ERROR: $*"; exit 1; }

ensure_packages() {
  [[ -x $CHROMIUM && -x $CHROMEDRIVER ]] && return 0
  [[ $EUID -eq 0 ]] || die "$CHROMIUM or $CHROMEDRIVER is missing and installing them needs root:" \
    "run 'apt-get install chromium chromium-driver' as root, or run this script as root"
  log "installing chromium and chromium-driver with apt-get (~30 s)"
  if ! { apt-get -o DPkg::Lock::Timeout=300 update -qq >&2 &&
       apt-get -o DPkg::Lock::Timeout=300 install -y -qq chromium chromium-driver </dev/null >&2; }; then
    die "apt-get install chromium chromium-driver failed: is the Debian mirror reachable?" \
      "Or set METRICS_IT_CHROMEDRIVER_URL to a running chromedriver"
  fi
  [[ -x $CHROMIUM && -x $CHROMEDRIVER ]] || die "apt-get installed chromium-driver but $CHROMIUM or $CHROMEDRIVER is still missing"
}

# shellcheck source=free-port.sh
source "$(dirname "${BASH_SOURCE[0]}")/free-port.sh"

descendants() { # $1 pid: every process below it, deepest first
  local child
  for child in $(pgrep -P "$1" 2>/dev/null || true); do descendants "$child"; echo "$child"; done
}

cmd_stop() {
  local PID="" PORT="" EXTERNAL="" pids p
  [[ -f $STATE/driver.state ]] || { rm -f "$ENV_FILE"; return 0; }
  source "$STATE/driver.state"
  if [[ -z $EXTERNAL && -n $PID ]] && [[ "$(cat "/proc/$PID/comm" 2>/dev/null)" == chromedriver ]]; then
    # Browsers a crashed test left behind are the driver's children: stop them with it.
    pids="$(descendants "$PID") $PID"
    for p in $pids; do kill -TERM "$p" 2>/dev/null || true; done
    for _ in $(seq 25); do
      kill -0 "$PID" 2>/dev/null || break; sleep 0.2
    done
    for p in $pids; do kill -KILL "$p" 2>/dev/null || true; done
    log "chromedriver: stopped (port $PORT)"
  fi
  rm -f "$STATE/driver.state" "$ENV_FILE" "$STATE/chromedriver.log"
  rmdir "$STATE" 2>/dev/null || true
}

env_line() { printf "export %s='%s'\n" "$1" "${2//\'/\'\\\'\'}"; }

cmd_start() {
  local url="${METRICS_IT_CHROMEDRIVER_URL:-}" own="${METRICS_TESTBROWSER_OWN_URL:-}" port pid
  cmd_stop
  mkdir -p "$STATE"
  if [[ -n $url && $url != "$own" ]]; then
    printf 'EXTERNAL=1\nURL=%q\n' "$url" >"$STATE/driver.state"
    log "chromedriver: external $url"
    { env_line METRICS_IT_CHROMEDRIVER_URL "$url"; } >"$ENV_FILE"
    return 0
  fi
  ensure_packages
  trap 'rc=$?; if ((rc != 0)); then log "start failed, cleaning up"; cmd_stop; fi' EXIT
  port=$(free_port)
  # Its own session, so that a terminal's Ctrl-C reaches the test runner, not the driver mid-test.
  setsid "$CHROMEDRIVER" --port="$port" --log-path="$STATE/chromedriver.log" </dev/null >/dev/null 2>&1 &
  pid=$!
  printf 'PID=%q\nPORT=%q\n' "$pid" "$port" >"$STATE/driver.state"
  local deadline=$((SECONDS + TIMEOUT))
  until (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; do
    kill -0 "$pid" 2>/dev/null || { tail -n 20 "$STATE/chromedriver.log" >&2 || true; die "chromedriver exited at start (port $port)"; }
    ((SECONDS < deadline)) || die "chromedriver not listening on 127.0.0.1:$port after ${TIMEOUT}s"
    sleep 0.1
  done
  url="http://127.0.0.1:$port"
  { env_line METRICS_IT_CHROMIUM "$CHROMIUM"; env_line METRICS_IT_CHROMEDRIVER "$CHROMEDRIVER"
    env_line METRICS_IT_CHROMEDRIVER_URL "$url"; env_line METRICS_TESTBROWSER_OWN_URL "$url"; } >"$ENV_FILE.tmp"
  mv -f "$ENV_FILE.tmp" "$ENV_FILE"
  log "chromedriver $("$CHROMEDRIVER" --version | awk '{print $2}') for $("$CHROMIUM" --version 2>/dev/null | awk '{print $1, $2}') on $url"
  grep '^export METRICS_IT_' "$ENV_FILE"
}

cmd_status() {
  local PID="" PORT="" EXTERNAL="" URL=""
  [[ -f $STATE/driver.state ]] || { echo "nothing started (state dir $STATE)"; return 0; }
  source "$STATE/driver.state"
  if [[ -n $EXTERNAL ]]; then echo "chromedriver: external $URL"
  elif kill -0 "$PID" 2>/dev/null; then echo "chromedriver: running, pid $PID, http://127.0.0.1:$PORT"
  else echo "chromedriver: NOT running (pid $PID); run '$0 stop'"; fi
}

case "${1:-}" in
  start) cmd_start ;;
  stop) cmd_stop ;;
  status) cmd_status ;;
  env) echo "$ENV_FILE"; [[ -f $ENV_FILE ]] || { log "no env file yet; run '$0 start' first"; exit 1; } ;;
  *) echo "usage: $0 start|stop|status|env" >&2; exit 2 ;;
esac
