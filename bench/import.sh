#!/usr/bin/env bash
# Times the start-up import of a generated graph into an empty database: a fresh embedded H2 directory, or, with
# QUARKUS_DATASOURCE_JDBC_URL (and _USERNAME, _PASSWORD) set, that PostgreSQL database, which must hold no record
# (create it empty; Flyway makes the tables).
#
#   bench/import.sh ACTIONS          e.g. bench/import.sh 1000000
#
# Uses the packaged app as built (./mvnw -B package -DskipTests first) with the JVM options docs/datasets.md
# recommends for a large start-up import, or those in IMPORT_JAVA_OPTS (set it empty for the JVM's defaults).
# Prints the app's own account of the load (actions read, checked and written; indexes and constraints built) and
# the wall time from launch until it answers with the graph in, and appends a line to target/bench/import.tsv.
# Loopback only.
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
APP=$ROOT/target/quarkus-app
WORK=$ROOT/target/bench
size=${1:?usage: bench/import.sh ACTIONS}
[[ -f $APP/quarkus-run.jar ]] || { echo "build the app first: ./mvnw -B package -DskipTests" >&2; exit 2; }

# shellcheck source=bench/lib.sh
source "$ROOT/bench/lib.sh"
PORT=$(free_port)
URL=http://127.0.0.1:$PORT/graphql
trap stop_app EXIT

mkdir -p "$WORK/graphs"
graph=$WORK/graphs/graph-$size.json
generate_graph "$size" 1 "$graph" "$APP"
database=${QUARKUS_DATASOURCE_JDBC_URL:-h2}
data=$WORK/import-data
logfile=$WORK/import-$(size_label "$size").log
rm -rf "$data"
read -ra jvm_options <<<"${IMPORT_JAVA_OPTS--XX:+UseParallelGC -Xms2g -Xmx2g}"

start=$(now_ms)
(cd "$APP" && exec java ${jvm_options[@]+"${jvm_options[@]}"} -Dquarkus.http.host=127.0.0.1 -Dquarkus.http.port="$PORT" -Dattribution-graph.data-dir="$data" \
    -Dattribution-graph.seed.enabled=false -Dattribution-graph.import.file="$graph" \
    -Dattribution-graph.import.transaction-timeout=3600 -jar quarkus-run.jar) >"$logfile" 2>&1 &
APP_PID=$!
# on PostgreSQL HTTP opens before the start-up import is in; readiness waits for it
until curl -sf -o /dev/null "http://127.0.0.1:$PORT/q/health/ready"; do
  kill -0 "$APP_PID" 2>/dev/null || { echo "the import failed; see $logfile" >&2; tail -5 "$logfile" >&2; exit 1; }
  sleep 0.2
done
wall=$(( $(now_ms) - start ))
answer=$(post '{"query":"{ actions { totalCount } }"}')
[[ $answer == *"\"totalCount\":$size"* ]] || { echo "the graph is not all there: $answer" >&2; exit 1; }

grep -E 'Import: |Bulk-loaded|Imported ' "$logfile" | sed -E 's/^.*\] \(startup-load\) \[\] //'
echo "launch to an answer with the graph in: $wall ms ($database, JVM options: ${jvm_options[*]:-none}, load average $(cut -d' ' -f1-3 /proc/loadavg))"
printf '%s\t%s\t%s\t%s\n' "$(date -u +%FT%TZ)" "$size" "$database" "$wall" >>"$WORK/import.tsv"
