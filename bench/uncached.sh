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
# BENCH_JFR=1 records target/bench/<label>.jfr; BENCH_SECONDS, BENCH_WARMUP_SECONDS, BENCH_CONNECTIONS as in
# run.sh; BENCH_QUERIES a subset of the queries; BENCH_APP another packaged app directory (a copy of an earlier build). Prints one line per query, with the app's CPU
# time per request, and appends them to target/bench/uncached.tsv. Loopback only, bounded runs.
set -euo pipefail

SECONDS_PER_QUERY=${BENCH_SECONDS:-10}
WARMUP_SECONDS=${BENCH_WARMUP_SECONDS:-5}
CONNECTIONS=${BENCH_CONNECTIONS:-8}
ROOT=$(cd "$(dirname "$0")/.." && pwd)
APP=${BENCH_APP:-$ROOT/target/quarkus-app}
WORK=$ROOT/target/bench
size=${1:?usage: bench/uncached.sh ACTIONS [LABEL]}
label=${2:-run}
command -v wrk >/dev/null || { echo "wrk is not installed (Debian: apt-get install wrk)" >&2; exit 2; }
[[ -f $APP/quarkus-run.jar ]] || { echo "build the app first: ./mvnw -B package -DskipTests" >&2; exit 2; }
log() { echo "[uncached $label] $*" >&2; }

PORT=$(( 20000 + RANDOM % 40000 ))
while ss -ltn "sport = :$PORT" | grep -q LISTEN; do PORT=$(( 20000 + RANDOM % 40000 )); done
URL=http://127.0.0.1:$PORT/graphql
APP_PID=
stop_app() { [[ -z $APP_PID ]] || { kill "$APP_PID" 2>/dev/null || true; wait "$APP_PID" 2>/dev/null || true; APP_PID=; }; }
trap stop_app EXIT
start_app() {
  local data=$1 logfile=$2 deadline=$(( $(date +%s) + 900 ))
  shift 2
  (cd "$APP" && exec java "$@" -Dquarkus.http.host=127.0.0.1 -Dquarkus.http.port="$PORT" \
      -Dattribution-graph.data-dir="$data" -jar quarkus-run.jar) >"$logfile" 2>&1 &
  APP_PID=$!
  until curl -sf -o /dev/null -H 'Content-Type: application/json' -d '{"query":"{__typename}"}' "$URL"; do
    kill -0 "$APP_PID" 2>/dev/null || { log "the app stopped; see $logfile"; exit 1; }
    (( $(date +%s) < deadline )) || { log "no answer within 900 s"; exit 1; }
    sleep 0.1
  done
}

mkdir -p "$WORK/graphs"
graph=$WORK/graphs/graph-$size.json
[[ -f $graph ]] || java -cp "$ROOT/target/test-classes:$APP/app/*:$APP/lib/main/*" \
    org.attributiongraph.dataset.GraphGenerator --actions "$size" --seed 1 --out "$graph" >&2
post() { curl -sf -H 'Content-Type: application/json' -d "$1" "$URL"; }
data=$WORK/uncached-$label-data
rm -rf "$data"
if [[ -n ${QUARKUS_DATASOURCE_JDBC_URL:-} ]]; then
  start_app "$data" "$WORK/uncached-$label-import.log" -Dattribution-graph.seed.enabled=false
  if [[ $(post '{"query":"{ actions(first: 1) { edges { node { id } } } }"}') != *'"id"'* ]]; then
    stop_app
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

# the app's CPU time so far (user + system, in clock ticks): per request it depends far less on what else the
# machine runs than requests per second do
cpu_ticks() { awk '{ print $14 + $15 }' "/proc/$APP_PID/stat"; }
bodies=$WORK/uncached-bodies
mkdir -p "$bodies"
echo '{"query":"{__typename}"}' >"$bodies/typename"
echo '{"query":"query($name: String!) { partyByName(name: $name) { id name kind country aliases partOf { name } } }","variables":{"name":"Threat Group 1"}}' >"$bodies/party_by_name"
echo '{"query":"query($name: String!) { partyByName(name: $name) { name actions(role: TARGET, kind: ATTRIBUTION, first: 20) { edges { node { id title occurredOn actors { name } targets { name } } } } } }","variables":{"name":"Threat Group 1"}}' >"$bodies/accusations"
echo '{"query":"query($name: String!) { partyByName(name: $name) { name actions(role: ACTOR, kind: ATTRIBUTION, first: 20) { edges { node { id title targets { name } responses { id kind title actors { name } responses { id kind title actors { name } } } } } } } }","variables":{"name":"State 1"}}' >"$bodies/accuser_accused_response"
roots=$(post '{"query":"{ actions(kind: INTRUSION, first: 5) { edges { node { id } } } }"}' | grep -o '"id":"[0-9]*"' | grep -o '[0-9]*')
: >"$bodies/thread"
for root in $roots; do
  echo '{"query":"query($id: ID!) { action(id: $id) { title thread(maxDepth: 10) { depth action { id kind title actors { name } } } } }","variables":{"id":"'"$root"'"}}' >>"$bodies/thread"
done

for query in ${BENCH_QUERIES:-typename party_by_name accusations accuser_accused_response thread}; do
  answer=$(post "$(head -1 "$bodies/$query")")
  [[ $answer != *'"errors"'* ]] || { log "$query answered with errors: ${answer:0:300}"; exit 1; }
  BODIES=$bodies/$query wrk -t1 -c"$CONNECTIONS" -d"${WARMUP_SECONDS}s" --timeout 5s -s "$ROOT/bench/graphql.lua" "$URL" >/dev/null
  cpu_before=$(cpu_ticks)
  line=$(BODIES=$bodies/$query wrk -t1 -c"$CONNECTIONS" -d"${SECONDS_PER_QUERY}s" --timeout 5s -s "$ROOT/bench/graphql.lua" "$URL" | grep '^RESULT')
  requests=${line#*requests=}; requests=${requests%% *}
  cpu_ms=$(awk -v t=$(( $(cpu_ticks) - cpu_before )) -v hz="$(getconf CLK_TCK)" -v n="$requests" 'BEGIN { printf "%.2f", n ? t * 1000 / hz / n : 0 }')
  printf '%s\t%s\t%s\t%s\t%s cpu_ms_per_request=%s\n' "$(date -u +%FT%TZ)" "$label" "$size" "$query" "$line" "$cpu_ms" \
    | tee -a "$WORK/uncached.tsv"
done
printf '%s\t%s\tloadavg %s\n' "$(date -u +%FT%TZ)" "$label" "$(cut -d' ' -f1-3 /proc/loadavg)" | tee -a "$WORK/uncached.tsv"
stop_app
