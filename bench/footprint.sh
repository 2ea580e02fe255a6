#!/usr/bin/env bash
# Memory and start of the packaged app, measured side by side in one run, and written to bench/FOOTPRINT.md.
#
#   bench/footprint.sh [ACTIONS]        e.g. bench/footprint.sh 100000 (default: the bundled seed)
#
# 1. Memory: the app runs twice at once, each over its own copy of one H2 database, once with the JVM's defaults and
#    once with the settings the Dockerfile recommends (read from src/main/docker/Dockerfile.jvm, so they are written
#    once), the response cache off so every request reads the database. Each is warmed until its JIT has compiled
#    what the queries run; then the two take turns, each query of bench/run.sh driven with wrk for BENCH_SECONDS,
#    for BENCH_ROUNDS rounds. The resident set (VmRSS) and its peak (VmHWM) are read from /proc afterwards.
# 2. Start, from launch to the first answer (median of BENCH_STARTS): Java 17 plain and with an AppCDS archive, and
#    Java 25 (JAVA25) plain and with an AOT cache, each archive made here by a training start of the same jar.
# Needs wrk and curl. Everything listens on 127.0.0.1 only, on a free port; every run is bounded in time.
set -euo pipefail

SECONDS_PER_QUERY=${BENCH_SECONDS:-10}
# before the timed queries, passes over all of them until the JIT has compiled what they run (bench/lib.sh)
WARMUP_PASS_SECONDS=${BENCH_WARMUP_PASS_SECONDS:-6}
WARMUP_LIMIT_SECONDS=${BENCH_WARMUP_LIMIT_SECONDS:-300}
ROUNDS=${BENCH_ROUNDS:-3}
CONNECTIONS=${BENCH_CONNECTIONS:-8}
STARTS=${BENCH_STARTS:-3}
JAVA17=${JAVA17:-java}
JAVA25=${JAVA25:-/usr/lib/jvm/temurin-25-jdk-amd64/bin/java}

ROOT=$(cd "$(dirname "$0")/.." && pwd)
APP=${BENCH_APP:-$ROOT/target/quarkus-app}
WORK=$ROOT/target/footprint
size=${1:-seed}
command -v wrk >/dev/null || { echo "wrk is not installed (Debian: apt-get install wrk)" >&2; exit 2; }
[[ -f $APP/quarkus-run.jar ]] || { echo "no packaged app at $APP: ./mvnw package -DskipTests" >&2; exit 2; }

log() { echo "[footprint] $*" >&2; }
# shellcheck source=bench/lib.sh
source "$ROOT/bench/lib.sh"
PORT=$(free_port)
URL=http://127.0.0.1:$PORT/graphql
rm -rf "$WORK" && mkdir -p "$WORK"
data_dir=$WORK/data

trap stop_app EXIT

# The recommended JVM settings: the java options of the Dockerfile's ENTRYPOINT and the variables of its ENV lines
# (MALLOC_ARENA_MAX among them; the data directory and port given below take precedence over its own).
RECOMMENDED=$(grep '^ENTRYPOINT' "$ROOT/src/main/docker/Dockerfile.jvm" | grep -o '"-[^"]*"' | tr -d '"' \
  | grep -v '^-jar$' | tr '\n' ' ')
RECOMMENDED_ENV=()
while read -r variable; do
  RECOMMENDED_ENV+=("$variable")
done < <(sed -n 's/^ENV //p' "$ROOT/src/main/docker/Dockerfile.jvm" | grep -o "[A-Z_]*=\('[^']*'\|\"[^\"]*\"\|[^ ]*\)" | tr -d "'\"")
SETTLE_SECONDS=${BENCH_SETTLE_SECONDS:-15}

# Starts the app (java binary, then options) and waits for its first answer; STARTED_MS is how long that took.
STARTED_MS=
start_app() {
  local java=$1 logfile=$2 started
  shift 2
  started=$(now_ms)
  (cd "$APP" && exec "$java" "$@" -Dquarkus.http.host=127.0.0.1 -Dquarkus.http.port="$PORT" \
      -Dattribution-graph.data-dir="$data_dir" -jar quarkus-run.jar) >"$logfile" 2>&1 &
  APP_PID=$!
  wait_for_answer "$APP_PID" "$logfile" 600 || exit 1
  STARTED_MS=$(( $(now_ms) - started ))
}
# A process's memory figure from /proc, in MB: proc_mb PID VmRSS
proc_mb() { awk -v key="$2:" '$1 == key { printf "%d", $2 / 1024 }' "/proc/$1/status"; }

# ---- the database: the seed, or a generated graph imported once --------------------------------------------
if [[ $size == seed ]]; then
  start_app "$JAVA17" "$WORK/load.log"
else
  graph=$WORK/graph-$size.json
  generate_graph "$size" 1 "$graph" "$APP"
  start_app "$JAVA17" "$WORK/load.log" -Dattribution-graph.seed.enabled=false -Dattribution-graph.import.file="$graph"
fi
name_parties "$size"
stop_app

bodies=$WORK/bodies

# ---- memory under load: JVM defaults against the recommended settings -----------------------------------------
# Both run at once, each over its own copy of the database, and take turns under the load query by query, round
# after round: the machine's speed drifts by more than the settings differ, and turns give both the same drift.
declare -A RPS RSS SETTLED HWM PIDS PORTS
stop_both() { for pid in "${PIDS[@]}"; do stop_pid "$pid"; done; }
trap 'stop_both; stop_app' EXIT
for setting in defaults recommended; do
  PORT=$(free_port) URL=http://127.0.0.1:$PORT/graphql
  rm -rf "$WORK/data-$setting" && cp -r "$WORK/data" "$WORK/data-$setting"
  if [[ $setting == defaults ]]; then
    data_dir=$WORK/data-$setting start_app "$JAVA17" "$WORK/$setting.log" -Dattribution-graph.response-cache.enabled=false
  else
    # shellcheck disable=SC2086
    data_dir=$WORK/data-$setting start_app env "$WORK/$setting.log" "${RECOMMENDED_ENV[@]}" "$JAVA17" $RECOMMENDED \
      -Dattribution-graph.response-cache.enabled=false
  fi
  PIDS[$setting]=$APP_PID PORTS[$setting]=$PORT
  APP_PID=
  [[ -s $bodies/thread ]] || { write_bodies "$bodies"; check_answers "$bodies" || exit 1; }
  warm_until_compiled "${PIDS[$setting]}" "$bodies" "$WARMUP_PASS_SECONDS" "$WARMUP_LIMIT_SECONDS" "${QUERIES[@]}"
done
declare -A TIMED
for round in $(seq "$ROUNDS"); do
  for query in "${QUERIES[@]}"; do
    for setting in defaults recommended; do
      line=$(BODIES=$bodies/$query wrk -t1 -c"$CONNECTIONS" -d"${SECONDS_PER_QUERY}s" --timeout 5s -s "$ROOT/bench/graphql.lua" \
        "http://127.0.0.1:${PORTS[$setting]}/graphql" | grep '^RESULT')
      [[ $line == *failed=0* ]] || { log "$setting $query had failed requests: $line"; exit 1; }
      rps=${line#*rps=}; TIMED[$setting.$query]+="${rps%% *} "
      log "round $round, $setting $query: ${rps%% *} req/s"
    done
  done
done
for setting in defaults recommended; do
  RSS[$setting]=$(proc_mb "${PIDS[$setting]}" VmRSS)
  for query in "${QUERIES[@]}"; do
    RPS[$setting.$query]=$(printf '%s\n' ${TIMED[$setting.$query]} | median)
  done
done
# what each process keeps once the load has stopped and the JVM has had time to hand memory back
sleep "$SETTLE_SECONDS"
for setting in defaults recommended; do
  SETTLED[$setting]=$(proc_mb "${PIDS[$setting]}" VmRSS)
  HWM[$setting]=$(proc_mb "${PIDS[$setting]}" VmHWM)
  log "$setting: RSS ${RSS[$setting]} MB, ${SETTLED[$setting]} MB ${SETTLE_SECONDS} s later, peak ${HWM[$setting]} MB"
done
stop_both
PIDS=()
PORT=$(free_port) URL=http://127.0.0.1:$PORT/graphql
data_dir=$WORK/data

# ---- start to the first answer ----------------------------------------------------------------------------
starts() {
  local label=$1 java=$2 times=()
  shift 2
  for _ in $(seq "$STARTS"); do
    start_app "$java" "$WORK/start-$label.log" "$@"
    times+=("$STARTED_MS")
    stop_app
  done
  printf '%s\n' "${times[@]}" | median
}
declare -A STARTED
# Each archive belongs to the Java that wrote it, and is written as a training start exits: the app is started on
# loopback, answers the benchmark's queries once, and is stopped (AppCDS for Java 17, the AOT cache for Java 25).
train() {
  local java=$1 archive=$2
  shift 2
  data_dir=$WORK/training start_app "$java" "$WORK/training.log" "$@"
  for query in "${QUERIES[@]}"; do
    post "$(head -1 "$bodies/$query")" >/dev/null
  done
  stop_app
  [[ -s $APP/$archive ]] || { log "training wrote no $archive; see $WORK/training.log"; exit 1; }
}
rm -f "$APP/app-cds.jsa" "$APP/app.aot"
train "$JAVA17" app-cds.jsa -XX:ArchiveClassesAtExit=app-cds.jsa
STARTED[java17]=$(starts java17 "$JAVA17")
STARTED[java17-appcds]=$(starts appcds "$JAVA17" -XX:SharedArchiveFile=app-cds.jsa)
if [[ -x $JAVA25 ]]; then
  train "$JAVA25" app.aot -XX:AOTCacheOutput=app.aot
  STARTED[java25]=$(starts java25 "$JAVA25")
  STARTED[java25-aot]=$(starts aot "$JAVA25" -XX:AOTCache=app.aot)
fi

# ---- the report ---------------------------------------------------------------------------------------------
# The generated part has no second-level headings; the written sections after it (from the first "## ") are kept.
written=$(sed -n '/^## /,$p' "$ROOT/bench/FOOTPRINT.md" 2>/dev/null || true)
{
  echo "# Memory and start"
  echo
  echo "Written by \`bench/footprint.sh $size\` on $(date -u +%Y-%m-%d) ($(nproc) cores, load average before the last"
  echo "step $(cut -d' ' -f1-3 /proc/loadavg)); wrk, 1 thread, $CONNECTIONS connections, response cache off, embedded H2,"
  echo "graph: $size. Both settings run at once over copies of one database: each is warmed over all the queries until its"
  echo "JIT has nothing queued, then they take turns, ${SECONDS_PER_QUERY} s per query, for $ROUNDS rounds; req/s is the median of the rounds."
  echo
  echo "Recommended settings (src/main/docker/Dockerfile.jvm): \`${RECOMMENDED_ENV[*]} $RECOMMENDED\`"
  echo
  echo "| | JVM defaults | recommended | ratio |"
  echo "| --- | ---: | ---: | ---: |"
  for query in "${QUERIES[@]}"; do
    echo "| $query req/s | ${RPS[defaults.$query]} | ${RPS[recommended.$query]} | $(awk -v a="${RPS[recommended.$query]}" -v b="${RPS[defaults.$query]}" 'BEGIN { printf "%.2f", a / b }') |"
  done
  echo "| RSS after the load, MB | ${RSS[defaults]} | ${RSS[recommended]} | |"
  echo "| RSS ${SETTLE_SECONDS} s later, MB | ${SETTLED[defaults]} | ${SETTLED[recommended]} | |"
  echo "| peak RSS, MB | ${HWM[defaults]} | ${HWM[recommended]} | |"
  echo
  echo "Start, from launch to the first answer on the same database (median of $STARTS):"
  echo
  echo "| JVM | ms |"
  echo "| --- | ---: |"
  for key in java17 java17-appcds java25 java25-aot; do
    [[ -n ${STARTED[$key]:-} ]] && echo "| $key | ${STARTED[$key]} |"
  done
  [[ -z $written ]] || printf '\n%s\n' "$written"
} >"$ROOT/bench/FOOTPRINT.md"
log "wrote bench/FOOTPRINT.md"
