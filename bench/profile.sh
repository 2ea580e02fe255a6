#!/usr/bin/env bash
# Where a running app's CPU goes under one of the benchmark's queries: async-profiler is loaded into its JVM while wrk
# drives the query, and the samples are counted by library (under the innermost frame of this service's code or a
# library's on each stack; the rest is the JDK, the JVM and the kernel) and by that frame's method.
#
#   bench/profile.sh PID URL BODIES [SECONDS]
#   e.g. bench/profile.sh 4242 http://127.0.0.1:8080/graphql target/bench/uncached-bodies/accuser_accused_response
#
# PID is the app's JVM, URL its GraphQL endpoint on 127.0.0.1, BODIES a file of request bodies, one a line, as
# bench/lib.sh writes them (bench/uncached.sh leaves them in target/bench/uncached-bodies). Drive the app until
# `jcmd PID Compiler.queue` is empty first: before that, a profile shows the JIT's backlog more than the code.
# async-profiler 4.1 comes from the Maven registry the first time (through the Maven wrapper, into ~/.m2). Writes
# target/profile/<query>-<time>.collapsed (async-profiler's collapsed stacks) and prints the summary. Flight Recorder
# started on a loaded app made the JIT recompile for minutes here (bench/notes.md); async-profiler does not.
set -euo pipefail

pid=${1:?usage: bench/profile.sh PID URL BODIES [SECONDS]}
url=${2:?usage: bench/profile.sh PID URL BODIES [SECONDS]}
bodies=${3:?usage: bench/profile.sh PID URL BODIES [SECONDS]}
seconds=${4:-20}
ROOT=$(cd "$(dirname "$0")/.." && pwd)
PROFILER_VERSION=4.1
command -v wrk >/dev/null || { echo "wrk is not installed (Debian: apt-get install wrk)" >&2; exit 2; }
[[ $url == http://127.0.0.1:* ]] || { echo "the URL must be on 127.0.0.1: $url" >&2; exit 2; }
kill -0 "$pid" 2>/dev/null || { echo "no process $pid" >&2; exit 2; }

library=$ROOT/target/profile/async-profiler-$PROFILER_VERSION/linux-x64/libasyncProfiler.so
if [[ ! -f $library ]]; then
  (cd "$ROOT" && ./mvnw -B -q dependency:get -Dtransitive=false \
    -Dartifact="tools.profiler:async-profiler:$PROFILER_VERSION:jar:linux-x64")
  mkdir -p "$ROOT/target/profile/async-profiler-$PROFILER_VERSION"
  (cd "$ROOT/target/profile/async-profiler-$PROFILER_VERSION" && unzip -q -o \
    "$HOME/.m2/repository/tools/profiler/async-profiler/$PROFILER_VERSION/async-profiler-$PROFILER_VERSION-linux-x64.jar")
fi
out=$ROOT/target/profile/$(basename "$bodies")-$(date -u +%Y%m%dT%H%M%S).collapsed

# jcmd splits its arguments at '=': the quotes keep the agent's options whole
jcmd "$pid" JVMTI.agent_load "$library" "\"start,event=cpu,interval=1ms\"" >/dev/null
BODIES=$bodies wrk -t1 -c8 -d"${seconds}s" --timeout 5s -s "$ROOT/bench/graphql.lua" "$url" | grep '^RESULT'
jcmd "$pid" JVMTI.agent_load "$library" "\"stop,file=$out,collapsed\"" >/dev/null
[[ -s $out ]] || { echo "async-profiler wrote nothing; see the app's log" >&2; exit 1; }

awk '
  function library(frame) {
    if (frame ~ /^org\/attributiongraph\//) return "this service"
    if (frame ~ /^graphql\//) return "graphql-java"
    if (frame ~ /^io\/smallrye\/graphql\//) return "SmallRye GraphQL"
    if (frame ~ /^io\/smallrye\/context\//) return "context propagation"
    if (frame ~ /^io\/smallrye\/mutiny\//) return "Mutiny"
    if (frame ~ /^org\/dataloader\//) return "java-dataloader"
    if (frame ~ /^org\/eclipse\/parsson\/|^jakarta\/json\//) return "JSON-P"
    if (frame ~ /^org\/h2\//) return "H2"
    if (frame ~ /^org\/postgresql\//) return "PostgreSQL driver"
    if (frame ~ /^org\/hibernate\//) return "Hibernate"
    if (frame ~ /^io\/agroal\//) return "Agroal"
    if (frame ~ /^com\/arjuna\/|^io\/narayana\//) return "Narayana"
    if (frame ~ /^io\/netty\//) return "Netty"
    if (frame ~ /^io\/vertx\//) return "Vert.x"
    if (frame ~ /^io\/quarkus\//) return "Quarkus"
    if (frame ~ /^io\/micrometer\//) return "Micrometer"
    if (frame ~ /^io\/opentelemetry\//) return "OpenTelemetry"
    if (frame ~ /^io\/smallrye\//) return "SmallRye, other"
    return ""
  }
  {
    n = $NF; stack = $0; sub(/ [0-9]+$/, "", stack); total += n
    frames = split(stack, frame, ";"); owner = "the JDK, the JVM and the kernel"; method = ""
    for (i = frames; i >= 1; i--) {
      found = library(frame[i])
      if (found != "") { owner = found; method = frame[i]; sub(/\(.*/, "", method); break }
    }
    by_library[owner] += n
    if (method != "") by_method[method] += n
  }
  END {
    printf "%d samples\n\nshare of samples by library (innermost frame that is ours or a library'"'"'s):\n", total
    for (l in by_library) printf "%6.1f%%  %s\n", 100 * by_library[l] / total, l | "sort -rn"
    close("sort -rn")
    print "\nmethods those frames are in, top 25:"
    for (m in by_method) printf "%6.2f%%  %s\n", 100 * by_method[m] / total, m | "sort -rn | head -25"
    close("sort -rn | head -25")
  }' "$out"
echo "stacks: $out"
