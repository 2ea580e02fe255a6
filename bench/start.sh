#!/usr/bin/env bash
# Start of packaged builds, side by side: launch to the first answer, and the CPU the process had used by then.
#
#   bench/start.sh [STARTS] APP_DIR[@JAVA][=JAVA_OPTIONS]...
#   e.g. bench/start.sh 7 target/quarkus-app /tmp/before/target/quarkus-app
#        bench/start.sh 5 target/quarkus-app "target/quarkus-app=-XX:SharedArchiveFile=app-cds.jsa" \
#          "target/quarkus-app@/usr/lib/jvm/temurin-25-jdk-amd64/bin/java=-XX:AOTCache=app.aot"
#
# Each build (a target/quarkus-app directory, optionally with the java to run it after '@', java (or $JAVA) if not,
# and java options after '=') gets a database of its own, seeded by a first start without the options, not counted.
# An AppCDS archive (-XX:SharedArchiveFile=) or AOT cache (-XX:AOTCache=) named in the options and missing from the
# app directory is written by a training start of that java, which answers {__typename} and is stopped. Then the
# builds are started in turn, STARTS rounds (default 5), so that the machine's load falls on each alike. A start ends
# at the first answer to {__typename} and is stopped. The CPU time (user + system of the JVM, all threads) moves less
# with the load of other processes than the wall time. Prints one line per build: median wall ms, median CPU ms, and
# the load average at the end. Listens on 127.0.0.1 only, on a free port.
set -euo pipefail

STARTS=5
if [[ ${1:-} =~ ^[0-9]+$ ]]; then STARTS=$1; shift; fi
(( $# > 0 )) || { echo "usage: bench/start.sh [STARTS] APP_DIR[=JAVA_OPTIONS]..." >&2; exit 2; }
JAVA=${JAVA:-java}
ROOT=$(cd "$(dirname "$0")/.." && pwd)
WORK=$ROOT/target/start
# shellcheck source=bench/lib.sh
source "$ROOT/bench/lib.sh"
PORT=$(free_port)
URL=http://127.0.0.1:$PORT/graphql
TICK_MS=$(( 1000 / $(getconf CLK_TCK) ))
trap stop_app EXIT
rm -rf "$WORK" && mkdir -p "$WORK"

builds=("$@")
# Starts build number $1 (with its options unless $2 is 'plain', with the options $3 if given) and waits for its first
# answer; WALL_MS and CPU_MS say what that took.
start_build() {
  local i=$1 app=${builds[$1]%%=*} java=$JAVA options="" started
  [[ ${builds[$i]} == *=* && ${2:-} != plain ]] && options=${builds[$i]#*=}
  [[ -n ${3:-} ]] && options=$3
  [[ $app == *@* ]] && { java=${app#*@}; app=${app%%@*}; }
  [[ -f $app/quarkus-run.jar ]] || { echo "no packaged app at $app" >&2; exit 2; }
  started=$(now_ms)
  # shellcheck disable=SC2086
  (cd "$app" && exec "$java" $options -Dquarkus.http.host=127.0.0.1 -Dquarkus.http.port="$PORT" \
      -Dattribution-graph.data-dir="$WORK/data-$i" -jar quarkus-run.jar) >"$WORK/build-$i.log" 2>&1 &
  APP_PID=$!
  wait_for_answer "$APP_PID" "$WORK/build-$i.log" 600 || exit 1
  WALL_MS=$(( $(now_ms) - started ))
  CPU_MS=$(( $(cpu_ticks "$APP_PID") * TICK_MS ))
  stop_app
}

for i in "${!builds[@]}"; do
  start_build "$i" plain   # the seed goes in; not counted
  app=${builds[$i]%%[@=]*}
  if [[ ${builds[$i]} =~ -XX:SharedArchiveFile=([^ ]+) && ! -f $app/${BASH_REMATCH[1]} ]]; then
    start_build "$i" training "-XX:ArchiveClassesAtExit=${BASH_REMATCH[1]}"
  elif [[ ${builds[$i]} =~ -XX:AOTCache=([^ ]+) && ! -f $app/${BASH_REMATCH[1]} ]]; then
    start_build "$i" training "-XX:AOTCacheOutput=${BASH_REMATCH[1]}"
  fi
done
declare -A WALL CPU
for round in $(seq "$STARTS"); do
  for i in "${!builds[@]}"; do
    start_build "$i"
    WALL[$i]+="$WALL_MS "
    CPU[$i]+="$CPU_MS "
    echo "[start] round $round, ${builds[$i]}: ${WALL_MS} ms, CPU ${CPU_MS} ms" >&2
  done
done
load=$(cut -d' ' -f1-3 /proc/loadavg)
for i in "${!builds[@]}"; do
  printf '%s\twall %s ms\tcpu %s ms\tload %s\n' "${builds[$i]}" \
    "$(tr ' ' '\n' <<<"${WALL[$i]}" | grep . | median)" "$(tr ' ' '\n' <<<"${CPU[$i]}" | grep . | median)" "$load"
done
