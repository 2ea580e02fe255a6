#!/usr/bin/env bash
# This service against PostGraphile, side by side in one run on the same PostgreSQL database and data, with the same
# load driver: issue 13's first target. Writes bench/results/postgraphile-<size>.md and, through bench/report.sh, its
# section "Side by side with PostGraphile" of bench/RESULTS.md.
#
#   bench/postgraphile.sh [ACTIONS|seed] [--no-build]        default 100000
#
# 1. Builds the packaged app (unless --no-build), generates the graph (bench/lib.sh, as bench/run.sh does), imports
#    it into an empty PostgreSQL database through the app's start-up import, and runs VACUUM ANALYZE.
#    The database: BENCH_PG_URL (jdbc:postgresql://host:port/name), BENCH_PG_USER, BENCH_PG_PASSWORD; its public
#    schema is emptied first. Without them, run as root where Debian's PostgreSQL is installed, the script starts
#    the cluster, creates a role and a database of its own, and drops the database at the end.
# 2. Installs PostGraphile (bench/postgraphile/package-lock.json pins it, and Node.js 22 from the npm registry's
#    `node` package, which it needs) into target/bench/postgraphile, and starts it over the same database.
# 3. Starts the packaged app with the response cache off and -Xmx512m over the same database.
# 4. Writes each query of bench/lib.sh and PostGraphile's equivalent (bench/postgraphile/equivalent.mjs), and stops
#    unless both services answer every request with the same data.
# 5. Drives each query with wrk (bench/graphql.lua), this service then PostGraphile, the same connections, warm-up
#    and duration (BENCH_CONNECTIONS, BENCH_WARMUP_SECONDS, BENCH_SECONDS), in BENCH_ROUNDS rounds over all queries
#    (3), so that both services' drift over the run reaches both alike; the table gives each figure's median over
#    the rounds. Before that, the warm-up: passes over all queries until this service's JVM has nothing queued to
#    compile (bench/lib.sh, warm_until_compiled), as many seconds of the same passes for PostGraphile, then a round
#    over all queries (BENCH_WARMUP_ROUND_SECONDS per query and service). Reads each service's CPU time and that of
#    the database's backends from /proc before and after each measurement.
# Everything listens on 127.0.0.1, on free ports; everything started here is stopped at the end, also on failure.
set -euo pipefail

SECONDS_PER_QUERY=${BENCH_SECONDS:-10}
# the timed rounds over all queries, each service in turn: one round compared two points of drifting JITs
ROUNDS=${BENCH_ROUNDS:-3}
WARMUP_SECONDS=${BENCH_WARMUP_SECONDS:-5}
# before any timing, each query is driven this long on each service: the JVM compiles its hot paths only after
# thousands of requests, and on a loaded machine its compiler gets little CPU (V8 gets going sooner; here the app's
# CPU per request kept falling for minutes, see bench/README.md)
WARMUP_ROUND_SECONDS=${BENCH_WARMUP_ROUND_SECONDS:-60}
# the passes of the warm-up before that round (bench/lib.sh, warm_until_compiled)
WARMUP_PASS_SECONDS=${BENCH_WARMUP_PASS_SECONDS:-6}
WARMUP_LIMIT_SECONDS=${BENCH_WARMUP_LIMIT_SECONDS:-300}
CONNECTIONS=${BENCH_CONNECTIONS:-8}
GRAPH_SEED=${BENCH_SEED:-1}
# the target: this service ahead by at least this factor in requests per second
TARGET_RATIO=1.5

ROOT=$(cd "$(dirname "$0")/.." && pwd)
APP=$ROOT/target/quarkus-app
BENCH=$ROOT/bench
WORK=$ROOT/target/bench
PGL=$WORK/postgraphile

size=100000 build=yes
for arg in "$@"; do
  case $arg in
    --no-build) build=no ;;
    *) size=$arg ;;
  esac
done
command -v wrk >/dev/null || { echo "wrk is not installed (Debian: apt-get install wrk)" >&2; exit 2; }
command -v npm >/dev/null || { echo "npm is not installed (Debian: apt-get install npm)" >&2; exit 2; }
command -v psql >/dev/null || { echo "psql is not installed (Debian: apt-get install postgresql-client)" >&2; exit 2; }

# shellcheck source=bench/lib.sh
source "$BENCH/lib.sh"
label=$(size_label "$size")
log() { echo "[postgraphile $label] $*" >&2; }

# ---- everything started here stops at the end ------------------------------------------------------------------
PGL_PID=
stop_postgraphile() { stop_pid "$PGL_PID"; PGL_PID=; }
cleanup() {
  stop_app
  stop_postgraphile
  drop_own_database
}
trap cleanup EXIT

if [[ $build == yes || ! -f $APP/quarkus-run.jar ]]; then
  log "building the packaged app"
  (cd "$ROOT" && ./mvnw -B -q package -DskipTests)
fi

# ---- PostGraphile and Node.js 22, pinned by the lock file --------------------------------------------------------
if ! cmp -s "$BENCH/postgraphile/package-lock.json" "$PGL/package-lock.json" || [[ ! -x $PGL/node_modules/.bin/node ]]; then
  log "installing PostGraphile into $PGL"
  rm -rf "$PGL" && mkdir -p "$PGL"
  cp "$BENCH/postgraphile/package.json" "$BENCH/postgraphile/package-lock.json" "$PGL/"
  (cd "$PGL" && npm ci --no-audit --no-fund --loglevel=error) >&2
fi
# the config beside its node_modules, where its imports resolve
cp "$BENCH/postgraphile/graphile.config.mjs" "$PGL/"
NODE=$PGL/node_modules/.bin/node
"$NODE" -e 'process.exit(Number(process.versions.node.split(".")[0]) >= 22 ? 0 : 1)' \
  || { log "the node package did not install Node.js 22 at $NODE"; exit 1; }
pgl_version=$("$NODE" -p 'JSON.parse(require("fs").readFileSync(process.argv[1], "utf8")).version' \
  "$PGL/node_modules/postgraphile/package.json")

# ---- the database ------------------------------------------------------------------------------------------------
if [[ -n ${BENCH_PG_URL:-} ]]; then
  jdbc_url=$BENCH_PG_URL
  PG_USER=${BENCH_PG_USER:?BENCH_PG_USER is needed with BENCH_PG_URL}
  PG_PASSWORD=${BENCH_PG_PASSWORD:-}
elif ! create_own_database ag_bench_postgraphile; then
  log "no database: set BENCH_PG_URL (jdbc:postgresql://host:port/name), BENCH_PG_USER and BENCH_PG_PASSWORD, or run as root where pg_ctlcluster is installed"
  exit 2
fi
# libpq and node-postgres take the same URL without the jdbc: prefix, and the role from PGUSER and PGPASSWORD
pg_url=${jdbc_url#jdbc:}
export PGUSER=$PG_USER PGPASSWORD=$PG_PASSWORD
sql() { psql -X -q -A -t -v ON_ERROR_STOP=1 "$pg_url" "$@"; }
if [[ -z $OWN_DATABASE ]]; then
  log "emptying the public schema of $pg_url"
  sql -c 'DROP SCHEMA public CASCADE' -c 'CREATE SCHEMA public' >/dev/null
fi
export QUARKUS_DATASOURCE_JDBC_URL=$jdbc_url QUARKUS_DATASOURCE_USERNAME=$PG_USER QUARKUS_DATASOURCE_PASSWORD=$PG_PASSWORD

PORT=$(free_port)
APP_URL=http://127.0.0.1:$PORT/graphql
URL=$APP_URL
start_app() {
  local logfile=$1
  shift
  (cd "$APP" && exec java "$@" -Dquarkus.http.host=127.0.0.1 -Dquarkus.http.port="$PORT" \
      -Dattribution-graph.data-dir="$WORK/postgraphile-data" -jar quarkus-run.jar) >"$logfile" 2>&1 &
  APP_PID=$!
  wait_for_answer "$APP_PID" "$logfile" 1800
}

# ---- the graph, imported by the app's start-up import --------------------------------------------------------------
if [[ $label == seed ]]; then
  graph_note="the bundled seed"
  import=()
else
  graph=$WORK/graphs/graph-$label-seed$GRAPH_SEED.json
  generate_graph "$size" "$GRAPH_SEED" "$graph"
  graph_note="generated: $size actions, seed $GRAPH_SEED ($(du -h "$graph" | cut -f1) of JSON)"
  import=(-Dattribution-graph.seed.enabled=false "-Dattribution-graph.import.file=$graph")
fi
log "loading $graph_note into $pg_url"
started=$(now_ms)
start_app "$WORK/postgraphile-import.log" "${import[@]}"
load_s=$(awk -v ms=$(( $(now_ms) - started )) 'BEGIN { printf "%.0f", ms / 1000 }')
stop_app
# fresh statistics and visibility maps for both services' plans
PGOPTIONS='-c client_min_messages=error' sql -c 'VACUUM ANALYZE'
log "loaded in $load_s s: $(grep -oE '(Imported|Loaded the seed) .*' "$WORK/postgraphile-import.log" | tail -1 || true)"

# ---- both services over it ---------------------------------------------------------------------------------------
start_app "$WORK/postgraphile-app.log" -Xmx512m -Dattribution-graph.response-cache.enabled=false
PGL_PORT=$(free_port)
while [[ $PGL_PORT == "$PORT" ]]; do PGL_PORT=$(free_port); done
PGL_URL=http://127.0.0.1:$PGL_PORT/graphql
(cd "$PGL" && DATABASE_URL=$pg_url GRAPHILE_ENV=production NODE_ENV=production \
  exec "$NODE" node_modules/.bin/postgraphile -C graphile.config.mjs -n 127.0.0.1 -p "$PGL_PORT") \
  >"$WORK/postgraphile-server.log" 2>&1 &
PGL_PID=$!
URL=$PGL_URL wait_for_answer "$PGL_PID" "$WORK/postgraphile-server.log" 300
log "this service on $APP_URL (pid $APP_PID), PostGraphile $pgl_version on $PGL_URL (pid $PGL_PID)"

# ---- the same data from both, before any timing ------------------------------------------------------------------
name_parties "$label"
bodies=$WORK/postgraphile-bodies
rm -rf "$bodies"
write_bodies "$bodies/app"
check_answers "$bodies/app" || exit 1
"$NODE" "$BENCH/postgraphile/equivalent.mjs" "$APP_URL" "$PGL_URL" "$bodies/app" "$bodies/postgraphile" \
  || { log "the two services answer differently: nothing timed"; exit 1; }

# ---- timing --------------------------------------------------------------------------------------------------------
# CPU time of the database's backends serving it now, a line each (both pools hold theirs open while driven); none
# when the database runs on another machine
backend_ticks() {
  local pid
  for pid in $(sql -c "SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()"); do
    if [[ -r /proc/$pid/stat ]]; then printf '%s %s\n' "$pid" "$(cpu_ticks "$pid")"; fi
  done
}
hz=$(getconf CLK_TCK)
# milliseconds of CPU per request from clock ticks
per_request() { awk -v t="$1" -v n="$2" -v hz="$hz" 'BEGIN { printf "%.2f", n ? t * 1000 / hz / n : 0 }'; }
warm() {
  BODIES=$bodies/$1/$3 wrk -t1 -c"$CONNECTIONS" -d"${4:-$WARMUP_SECONDS}s" --timeout 5s -s "$BENCH/graphql.lua" "$2" >/dev/null
}
# a field of wrk's RESULT line (bench/graphql.lua): result_field NAME LINE
result_field() { local value=${2#*" $1="}; echo "${value%% *}"; }
# each figure of each service and query, a value per round, then their medians
declare -A RPS P50 P99 CPU DB_CPU
drive() {
  local service=$1 url=$2 pid=$3 query=$4 line cpu_before cpu_ticks_used backends_before requests db_ticks
  warm "$service" "$url" "$query"
  backends_before=$(backend_ticks)
  cpu_before=$(cpu_ticks "$pid")
  line=$(BODIES=$bodies/$service/$query wrk -t1 -c"$CONNECTIONS" -d"${SECONDS_PER_QUERY}s" --timeout 5s -s "$BENCH/graphql.lua" "$url" | grep '^RESULT')
  cpu_ticks_used=$(( $(cpu_ticks "$pid") - cpu_before ))
  # a backend that was not there before counts from zero
  db_ticks=$(backend_ticks | awk 'NR == FNR { before[$1] = $2; next } { sum += $2 - before[$1] } END { print sum + 0 }' \
    <(printf '%s\n' "$backends_before") -)
  log "$service $query: $line"
  [[ $line == *failed=0* ]] || { log "$service $query had failed requests"; exit 1; }
  requests=$(result_field requests "$line")
  RPS[$service.$query]+="$(result_field rps "$line") "
  P50[$service.$query]+="$(result_field p50_us "$line") "
  P99[$service.$query]+="$(result_field p99_us "$line") "
  CPU[$service.$query]+="$(per_request "$cpu_ticks_used" "$requests") "
  if [[ -n $backends_before ]]; then DB_CPU[$service.$query]+="$(per_request "$db_ticks" "$requests") "; fi
}
# the median of the values given (n/a for none)
median() {
  [[ -n ${1// /} ]] || { echo n/a; return; }
  printf '%s\n' $1 | sort -g | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}
# Both services' compilers (the JVM's, V8's) warm on every path before any timing. On two cores the JVM has one C2
# thread, still compiling this service's hot paths minutes into the load: it is driven until that queue is empty,
# and PostGraphile is driven as long, in the same passes; then a round over every query for each.
warm_started=$(date +%s)
warm_until_compiled "$APP_PID" "$bodies/app" "$WARMUP_PASS_SECONDS" "$WARMUP_LIMIT_SECONDS" "${QUERIES[@]}"
warm_app_seconds=$(( $(date +%s) - warm_started ))
warm_until=$(( $(date +%s) + warm_app_seconds ))
while (( $(date +%s) < warm_until )); do
  for query in "${QUERIES[@]}"; do warm postgraphile "$PGL_URL" "$query" "$WARMUP_PASS_SECONDS"; done
done
for query in "${QUERIES[@]}"; do
  warm app "$APP_URL" "$query" "$WARMUP_ROUND_SECONDS"
  warm postgraphile "$PGL_URL" "$query" "$WARMUP_ROUND_SECONDS"
done
load_before=$(cut -d' ' -f1-3 /proc/loadavg)
for round in $(seq "$ROUNDS"); do
  log "round $round of $ROUNDS"
  for query in "${QUERIES[@]}"; do
    drive app "$APP_URL" "$APP_PID" "$query"
    drive postgraphile "$PGL_URL" "$PGL_PID" "$query"
  done
done
load_after=$(cut -d' ' -f1-3 /proc/loadavg)
declare -A EACH_ROUND
for key in "${!RPS[@]}"; do
  EACH_ROUND[$key]=$(printf '%.0f, ' ${RPS[$key]}); EACH_ROUND[$key]=${EACH_ROUND[$key]%, }
  RPS[$key]=$(median "${RPS[$key]}"); P50[$key]=$(median "${P50[$key]}"); P99[$key]=$(median "${P99[$key]}")
  CPU[$key]=$(median "${CPU[$key]}"); DB_CPU[$key]=$(median "${DB_CPU[$key]:-}")
done
# wrk counts failed exchanges only: an answer carrying field errors would pass as a cheap success
app_errors=$(grep -c ' ERROR ' "$WORK/postgraphile-app.log" || true)
app_rss=$(awk '$1 == "VmRSS:" { printf "%d", $2 / 1024 }' "/proc/$APP_PID/status")
pgl_rss=$(awk '$1 == "VmRSS:" { printf "%d", $2 / 1024 }' "/proc/$PGL_PID/status")

# ---- the section of bench/RESULTS.md -------------------------------------------------------------------------------
commit=$(cd "$ROOT" && git rev-parse --short HEAD)$(cd "$ROOT" && git diff --quiet HEAD -- src pom.xml || echo ' (with uncommitted changes)')
ms() { awk -v us="$1" 'BEGIN { printf "%.2f", us / 1000 }'; }
section=$BENCH/results/postgraphile-$label.md
{
  echo "### $label: $graph_note"
  echo
  echo "- measured by \`bench/postgraphile.sh $size\` on $(date -u '+%Y-%m-%d %H:%M UTC'), commit $commit"
  echo "- this service packaged, \`-Xmx512m\`, response cache off; PostGraphile $pgl_version, Amber preset and connection"
  echo "  filter, Node.js $("$NODE" -p 'process.versions.node'); both on one PostgreSQL $(sql -c 'SHOW server_version' | cut -d' ' -f1) database,"
  echo "  loaded in $load_s s by the app's start-up import, then VACUUM ANALYZE"
  echo "- both answered every request with the same data before timing"
  echo "- wrk, 1 thread, $CONNECTIONS connections: passes of ${WARMUP_PASS_SECONDS} s per query until this service's JIT had"
  echo "  nothing queued ($warm_app_seconds s), as long for PostGraphile, a warm-up round of ${WARMUP_ROUND_SECONDS} s per query and"
  echo "  service, then $ROUNDS rounds over all queries, per query this service then PostGraphile: ${WARMUP_SECONDS} s warm-up,"
  echo "  ${SECONDS_PER_QUERY} s measured; each figure in the table is the median of the rounds'"
  echo "- CPU per request: the service's process, in brackets the database backends serving it"
  echo "- machine: $(nproc) cores shared by both services, PostgreSQL, wrk and other work; load average (1, 5, 15 min)"
  echo "  $load_before before the timed rounds, $load_after after"
  echo "- RSS after the run: this service $app_rss MB, PostGraphile $pgl_rss MB; errors this service logged: $app_errors"
  echo
  echo "| query | this service req/s | PostGraphile req/s | ratio | target ${TARGET_RATIO}x | p50 ms, this / PostGraphile | p99 ms, this / PostGraphile | CPU ms per request, this / PostGraphile | req/s each round, this / PostGraphile |"
  echo "| --- | ---: | ---: | ---: | --- | ---: | ---: | ---: | --- |"
  for query in "${QUERIES[@]}"; do
    a=app.$query p=postgraphile.$query
    ratio=$(awk -v a="${RPS[$a]}" -v b="${RPS[$p]}" 'BEGIN { printf "%.2f", a / b }')
    verdict=$(awk -v r="$ratio" -v t="$TARGET_RATIO" 'BEGIN { if (r >= t) print "met"; else printf "missed by %.1fx\n", t / r }')
    echo "| ${QUERY_TITLE[$query]} | ${RPS[$a]} | ${RPS[$p]} | $ratio | $verdict | $(ms "${P50[$a]}") / $(ms "${P50[$p]}") | $(ms "${P99[$a]}") / $(ms "${P99[$p]}") | ${CPU[$a]} (${DB_CPU[$a]}) / ${CPU[$p]} (${DB_CPU[$p]}) | ${EACH_ROUND[$a]} / ${EACH_ROUND[$p]} |"
  done
} >"$section"
log "wrote $section"
"$BENCH/report.sh"
