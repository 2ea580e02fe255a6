#!/usr/bin/env bash
# Benchmarks the packaged app on loopback over a generated graph (or the bundled seed) and records the numbers in
# bench/results/<size>.tsv, then rewrites bench/RESULTS.md from every size measured so far.
#
#   bench/run.sh seed | ACTIONS [--no-build]        e.g. bench/run.sh 100000
#
# One run: builds the app with its AppCDS archive, generates the graph (reproducible from BENCH_SEED), imports it
# into a fresh H2 database through the start-up import, then restarts plain and with AppCDS to time the start to
# the first answer, counts SQL statements per request with SQL logging on, and finally drives each query with wrk
# at fixed concurrency for a bounded time. Needs wrk (Debian: apt-get install wrk) and curl. Everything listens on
# 127.0.0.1 only, on a free port.
set -euo pipefail

SECONDS_PER_QUERY=${BENCH_SECONDS:-10}
WARMUP_SECONDS=${BENCH_WARMUP_SECONDS:-5}
CONNECTIONS=${BENCH_CONNECTIONS:-8}
GRAPH_SEED=${BENCH_SEED:-1}
STARTS=${BENCH_STARTS:-3}

ROOT=$(cd "$(dirname "$0")/.." && pwd)
APP=$ROOT/target/quarkus-app
BENCH=$ROOT/bench
WORK=$ROOT/target/bench

size=${1:?usage: bench/run.sh seed|ACTIONS [--no-build]}
build=yes
[[ ${2:-} == --no-build ]] && build=no
command -v wrk >/dev/null || { echo "wrk is not installed (Debian: apt-get install wrk)" >&2; exit 2; }

# shellcheck source=bench/lib.sh
source "$BENCH/lib.sh"
label=$(size_label "$size")
log() { echo "[bench $label] $*" >&2; }

if [[ $build == yes || ! -f $APP/app-cds.jsa ]]; then
  log "building the packaged app with its AppCDS archive"
  (cd "$ROOT" && ./mvnw -B -q package -DskipTests -Dquarkus.package.jar.appcds.enabled=true)
fi

mkdir -p "$WORK/graphs" "$BENCH/results"
data_dir=$WORK/data-$label
rm -rf "$data_dir"

PORT=$(free_port)
URL=http://127.0.0.1:$PORT/graphql
trap stop_app EXIT

# Starts the app with the given JVM options and waits for its first GraphQL answer; sets STARTED_MS to the time it
# took. (Not called in $(...): the subshell would keep APP_PID from the script.)
STARTED_MS=
start_app() {
  local started=$(now_ms) logfile=$1
  shift
  (cd "$APP" && exec java "$@" -Dquarkus.http.host=127.0.0.1 -Dquarkus.http.port="$PORT" \
      -Dattribution-graph.data-dir="$data_dir" -jar quarkus-run.jar) >"$logfile" 2>&1 &
  APP_PID=$!
  wait_for_answer "$APP_PID" "$logfile" 900 || exit 1
  STARTED_MS=$(( $(now_ms) - started ))
}


# ---- load: a fresh database, and the graph imported by the start-up import --------------------------------
if [[ $label == seed ]]; then
  start_app "$WORK/$label-load.log"
  graph_note="the bundled seed (26 parties, 14 actions)"
else
  graph=$WORK/graphs/graph-$label-seed$GRAPH_SEED.json
  generate_graph "$size" "$GRAPH_SEED" "$graph"
  log "importing $(du -h "$graph" | cut -f1) of JSON"
  start_app "$WORK/$label-load.log" -Dattribution-graph.seed.enabled=false -Dattribution-graph.import.file="$graph"
  graph_note="generated: $size actions, seed $GRAPH_SEED ($(du -h "$graph" | cut -f1) of JSON)"
fi
load_ms=$STARTED_MS
import_line=$(grep -oE '(Imported|Loaded the seed) .*' "$WORK/$label-load.log" | tail -1 || true)
log "loaded in $load_ms ms: $import_line"
stop_app

# ---- start-up time to the first answer, plain and with the AppCDS archive ---------------------------------
plain_starts=() cds_starts=()
for ((i = 0; i < STARTS; i++)); do
  start_app "$WORK/$label-plain.log"; plain_starts+=("$STARTED_MS"); stop_app
  start_app "$WORK/$label-cds.log" -XX:SharedArchiveFile=app-cds.jsa -Xshare:on; cds_starts+=("$STARTED_MS"); stop_app
done
plain_ms=$(printf '%s\n' "${plain_starts[@]}" | median)
cds_ms=$(printf '%s\n' "${cds_starts[@]}" | median)
log "start to first answer: plain ${plain_starts[*]} ms, AppCDS ${cds_starts[*]} ms"

# ---- the queries ----------------------------------------------------------------------------------------------
name_parties "$label"
bodies=$WORK/bodies-$label

# ---- SQL statements per request: Hibernate logs every statement it prepares at DEBUG -----------------------
NO_CACHE=-Dattribution-graph.response-cache.enabled=false
start_app "$WORK/$label-sql.log" "$NO_CACHE" '-Dquarkus.log.category."org.hibernate.SQL".level=DEBUG'
write_bodies "$bodies"
check_answers "$bodies" || exit 1
declare -A STATEMENTS
for query in "${QUERIES[@]}"; do
  body=$(head -1 "$bodies/$query")
  before=$(grep -c 'org.hibernate.SQL' "$WORK/$label-sql.log" || true)
  post "$body" >/dev/null
  after=$(grep -c 'org.hibernate.SQL' "$WORK/$label-sql.log" || true)
  STATEMENTS[$query]=$(( after - before ))
done
stop_app

# ---- throughput and latency at fixed concurrency -------------------------------------------------------------
# Twice: with the response cache off (rows "query": every request reads the database) and on, as shipped (rows
# "cached": the queries repeat, so after the first request of each they are answered from the cache).
results=$BENCH/results/$label.tsv
load_before=$(cut -d' ' -f1 /proc/loadavg)
{
  printf 'graph\t%s\n' "$graph_note"
  printf 'load_ms\t%s\n' "$load_ms"
  printf 'import\t%s\n' "${import_line:-}"
  printf 'start_plain_ms\t%s\n' "$plain_ms"
  printf 'start_appcds_ms\t%s\n' "$cds_ms"
  printf 'load_driver\twrk, 1 thread, %s connections, %s s warm-up then %s s per query\n' "$CONNECTIONS" "$WARMUP_SECONDS" "$SECONDS_PER_QUERY"
} >"$results.tmp"
for mode in query cached; do
  if [[ $mode == query ]]; then start_app "$WORK/$label-load-test.log" "$NO_CACHE"; else start_app "$WORK/$label-cached.log"; fi
  write_bodies "$bodies"
  for query in "${QUERIES[@]}"; do
    BODIES=$bodies/$query wrk -t1 -c"$CONNECTIONS" -d"${WARMUP_SECONDS}s" --timeout 5s -s "$BENCH/graphql.lua" "$URL" >/dev/null
    line=$(BODIES=$bodies/$query wrk -t1 -c"$CONNECTIONS" -d"${SECONDS_PER_QUERY}s" --timeout 5s -s "$BENCH/graphql.lua" "$URL" | grep '^RESULT')
    log "$mode $query: $line"
    [[ $line == *failed=0* ]] || { log "$query had failed requests"; exit 1; }
    rps=${line#*rps=}; rps=${rps%% *}
    p50=${line#*p50_us=}; p50=${p50%% *}
    p99=${line#*p99_us=}; p99=${p99%% *}
    statements=${STATEMENTS[$query]}
    [[ $mode == cached ]] && statements="${statements} first, then 0"
    printf '%s\t%s\t%s\t%s\t%s\t%s\n' "$mode" "$query" "$rps" "$p50" "$p99" "$statements" >>"$results.tmp"
  done
  rss_kb=$(ps -o rss= -p "$APP_PID" | tr -d ' ')
  printf '%s_rss_mb\t%s\n' "$mode" $(( rss_kb / 1024 )) >>"$results.tmp"
  stop_app
done
# other work on the machine takes cores from the app and wrk: the 1-minute load average says how much
printf 'loadavg\t%s before the queries, %s after\n' "$load_before" "$(cut -d' ' -f1 /proc/loadavg)" >>"$results.tmp"
mv "$results.tmp" "$results"
log "wrote $results"

"$BENCH/report.sh"
