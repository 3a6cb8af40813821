#!/usr/bin/env bash
# Runs every test of the project: starts what the integration tests need (TimescaleDB and plain PostgreSQL on
# loopback, or the external ones given by METRICS_IT_TIMESCALE_URL / METRICS_IT_POSTGRES_URL; headless Chromium
# behind a chromedriver on loopback for the dashboard's browser test, installed from Debian when missing), runs the
# Maven build with all tests, and stops what it started again, whatever the outcome.
# Extra arguments go to Maven, e.g. scripts/test.sh -pl it-tests -am
set -euo pipefail
cd "$(dirname "$0")/.."

export METRICS_TESTDB_STATE="${METRICS_TESTDB_STATE:-/tmp/metrics-testdb-$$}"
export METRICS_TESTBROWSER_STATE="${METRICS_TESTBROWSER_STATE:-/tmp/metrics-testbrowser-$$}"
trap 'scripts/test-browser.sh stop; scripts/test-db.sh stop' EXIT

scripts/test-db.sh start
# shellcheck disable=SC1091
source "$METRICS_TESTDB_STATE/env"
scripts/test-browser.sh start
# shellcheck disable=SC1091
source "$METRICS_TESTBROWSER_STATE/env"

./mvnw -B -ntp verify "$@"
