#!/usr/bin/env bash
# The benchmarks, in one command: starts a throwaway TimescaleDB server (scripts/test-db.sh, as scripts/test.sh does;
# an external one when METRICS_IT_TIMESCALE_URL is set), builds the benchmarks module, runs it, writes the results
# into BENCHMARKS.md, and stops the server again, whatever the outcome.
#
#   scripts/bench.sh              the full run: 1M and 10M points (25 to 40 minutes on 2 cores)
#   scripts/bench.sh --quick      a few minutes: 20k and 200k points, fewer repetitions, shorter loads
#   scripts/bench.sh --points 2M --runs 10 --sections ingest,queries
#
# Every argument goes to the harness (--help lists them). JVM options: METRICS_BENCH_JAVA_OPTS (default -Xmx3g).
set -euo pipefail
cd "$(dirname "$0")/.."

command_line="scripts/bench.sh${*:+ $*}"
export METRICS_TESTDB_STATE="${METRICS_TESTDB_STATE:-/tmp/metrics-testdb-bench-$$}"
trap 'scripts/test-db.sh stop' EXIT

scripts/test-db.sh start
# shellcheck disable=SC1091
source "$METRICS_TESTDB_STATE/env"

echo "bench: building the benchmarks module" >&2
./mvnw -q -B -ntp -pl benchmarks -am -DskipTests package

jar=""
for candidate in benchmarks/target/trading-metrics-benchmarks-*.jar; do
  case "$candidate" in
    *-sources.jar|*-javadoc.jar|*-tests.jar) ;;
    *) [ -f "$candidate" ] && jar="$candidate" ;;
  esac
done
[ -n "$jar" ] || { echo "bench: benchmarks/target/trading-metrics-benchmarks-*.jar was not built" >&2; exit 1; }

if [ -n "${JAVA_HOME:-}" ] && [ -x "$JAVA_HOME/bin/java" ]; then java="$JAVA_HOME/bin/java"; else java=java; fi

# shellcheck disable=SC2086 # METRICS_BENCH_JAVA_OPTS holds several options on purpose
"$java" ${METRICS_BENCH_JAVA_OPTS:--Xmx3g} -cp "$jar:benchmarks/target/lib/*" io.tradingmetrics.bench.BenchMain \
  --output BENCHMARKS.md --command "$command_line" "$@"
