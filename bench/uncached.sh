#!/usr/bin/env bash
# Drives the read queries of bench/run.sh uncached (response cache off) against the packaged app on H2 or
# PostgreSQL, for comparing the read path before and after a change in one session, optionally under Java Flight
# Recorder.
#
#   bench/uncached.sh ACTIONS [LABEL]       e.g. bench/uncached.sh 100000 before
#
# Uses the packaged app as built (./mvnw -B package -DskipTests first). On H2 the graph is generated and imported
# once into target/bench/uncached-<size>/ and copied for every run, so runs of different builds read the same database.
# With QUARKUS_DATASOURCE_JDBC_URL (and _USERNAME, _PASSWORD) set, the app reads that PostgreSQL database instead;
# the graph is imported into it on the first run, when it holds no action yet, and never written to afterwards.
# Before any query is timed, all of them are driven in turn until the JVM has nothing queued to compile (bench/lib.sh,
# warm_until_compiled; at most BENCH_WARMUP_LIMIT_SECONDS); then each gets BENCH_WARMUP_SECONDS more and is timed.
# BENCH_JFR=1 records target/bench/<label>.jfr; BENCH_SECONDS, BENCH_WARMUP_SECONDS, BENCH_CONNECTIONS as in
# run.sh; BENCH_QUERIES a subset of the queries; BENCH_APP another packaged app directory (a copy of an earlier build). Prints one line per query, with the app's CPU
# time per request, and appends them to target/bench/uncached.tsv. Loopback only, bounded runs.
set -euo pipefail

SECONDS_PER_QUERY=${BENCH_SECONDS:-10}
WARMUP_SECONDS=${BENCH_WARMUP_SECONDS:-5}
# before the timed queries, passes over all of them until the JIT has compiled what they run (bench/lib.sh)
WARMUP_PASS_SECONDS=${BENCH_WARMUP_PASS_SECONDS:-6}
WARMUP_LIMIT_SECONDS=${BENCH_WARMUP_LIMIT_SECONDS:-300}
CONNECTIONS=${BENCH_CONNECTIONS:-8}
ROOT=$(cd "$(dirname "$0")/.." && pwd)
APP=${BENCH_APP:-$ROOT/target/quarkus-app}
WORK=$ROOT/target/bench
size=${1:?usage: bench/uncached.sh ACTIONS [LABEL]}
label=${2:-run}
command -v wrk >/dev/null || { echo "wrk is not installed (Debian: apt-get install wrk)" >&2; exit 2; }
[[ -f $APP/quarkus-run.jar ]] || { echo "build the app first: ./mvnw -B package -DskipTests" >&2; exit 2; }
log() { echo "[uncached $label] $*" >&2; }

# shellcheck source=bench/lib.sh
source "$ROOT/bench/lib.sh"
PORT=$(free_port)
URL=http://127.0.0.1:$PORT/graphql
trap stop_app EXIT
start_app() {
  local data=$1 logfile=$2
  shift 2
  (cd "$APP" && exec java "$@" -Dquarkus.http.host=127.0.0.1 -Dquarkus.http.port="$PORT" \
      -Dattribution-graph.data-dir="$data" -jar quarkus-run.jar) >"$logfile" 2>&1 &
  APP_PID=$!
  wait_for_answer "$APP_PID" "$logfile" 900
}

mkdir -p "$WORK/graphs"
graph=$WORK/graphs/graph-$size.json
data=$WORK/uncached-$label-data
rm -rf "$data"
if [[ -n ${QUARKUS_DATASOURCE_JDBC_URL:-} ]]; then
  start_app "$data" "$WORK/uncached-$label-import.log" -Dattribution-graph.seed.enabled=false
  if [[ $(post '{"query":"{ actions(first: 1) { edges { node { id } } } }"}') != *'"id"'* ]]; then
    stop_app
    generate_graph "$size" 1 "$graph" "$APP"
    log "importing $graph into $QUARKUS_DATASOURCE_JDBC_URL"
    start_app "$data" "$WORK/uncached-$label-import.log" -Dattribution-graph.seed.enabled=false \
        -Dattribution-graph.import.file="$graph" -Dattribution-graph.import.transaction-timeout=3600
    # on PostgreSQL the import runs after the start; the app is ready once it is in
    until curl -sf -o /dev/null "http://127.0.0.1:$PORT/q/health/ready"; do
      kill -0 "$APP_PID" 2>/dev/null || { log "the import failed; see $WORK/uncached-$label-import.log"; exit 1; }
      sleep 1
    done
  fi
  stop_app
else
  imported=$WORK/uncached-$size
  if [[ ! -d $imported ]]; then
    generate_graph "$size" 1 "$graph" "$APP"
    log "importing $graph"
    start_app "$imported.tmp" "$WORK/uncached-$size-import.log" -Dattribution-graph.seed.enabled=false \
        -Dattribution-graph.import.file="$graph"
    stop_app
    mv "$imported.tmp" "$imported"
  fi
  cp -r "$imported" "$data"
fi

jfr=()
[[ -n ${BENCH_JFR:-} ]] && jfr=("-XX:StartFlightRecording=filename=$WORK/$label.jfr,settings=profile")
start_app "$data" "$WORK/uncached-$label.log" "${jfr[@]}" -Dattribution-graph.seed.enabled=false \
    -Dattribution-graph.response-cache.enabled=false

bodies=$WORK/uncached-bodies
name_parties "$size"
write_bodies "$bodies"

queries=(${BENCH_QUERIES:-typename party_by_name accusations accuser_accused_response thread})
for query in "${queries[@]}"; do
  answer=$(post "$(head -1 "$bodies/$query")")
  [[ $answer != *'"errors"'* ]] || { log "$query answered with errors: ${answer:0:300}"; exit 1; }
done
warm_until_compiled "$APP_PID" "$bodies" "$WARMUP_PASS_SECONDS" "$WARMUP_LIMIT_SECONDS" "${queries[@]}"
for query in "${queries[@]}"; do
  BODIES=$bodies/$query wrk -t1 -c"$CONNECTIONS" -d"${WARMUP_SECONDS}s" --timeout 5s -s "$ROOT/bench/graphql.lua" "$URL" >/dev/null
  # the app's CPU time per request depends far less on what else the machine runs than requests per second do
  cpu_before=$(cpu_ticks "$APP_PID")
  line=$(BODIES=$bodies/$query wrk -t1 -c"$CONNECTIONS" -d"${SECONDS_PER_QUERY}s" --timeout 5s -s "$ROOT/bench/graphql.lua" "$URL" | grep '^RESULT')
  requests=${line#*requests=}; requests=${requests%% *}
  cpu_ms=$(awk -v t=$(( $(cpu_ticks "$APP_PID") - cpu_before )) -v hz="$(getconf CLK_TCK)" -v n="$requests" 'BEGIN { printf "%.2f", n ? t * 1000 / hz / n : 0 }')
  printf '%s\t%s\t%s\t%s\t%s cpu_ms_per_request=%s\n' "$(date -u +%FT%TZ)" "$label" "$size" "$query" "$line" "$cpu_ms" \
    | tee -a "$WORK/uncached.tsv"
done
printf '%s\t%s\tloadavg %s\n' "$(date -u +%FT%TZ)" "$label" "$(cut -d' ' -f1-3 /proc/loadavg)" | tee -a "$WORK/uncached.tsv"
stop_app
