#!/usr/bin/env bash
# Rewrites bench/RESULTS.md from the sizes measured so far (bench/results/*.tsv, written by bench/run.sh), and the
# runs against PostGraphile (bench/results/postgraphile-*.md, written by bench/postgraphile.sh), with this
# machine's description and the issue's targets checked against the numbers, then issue 13's targets as
# bench/targets.sh measured them (bench/results/targets.md) and the notes written by hand (bench/notes.md).
set -euo pipefail

BENCH=$(cd "$(dirname "$0")" && pwd)
out=$BENCH/RESULTS.md
labels=()
for label in seed 10k 100k 1m; do
  [[ -f $BENCH/results/$label.tsv ]] && labels+=("$label")
done
for file in "$BENCH"/results/*.tsv; do
  label=$(basename "$file" .tsv)
  [[ " ${labels[*]} " == *" $label "* ]] || labels+=("$label")
done

field() { awk -F'\t' -v k="$2" '$1 == k { print $2 }' "$BENCH/results/$1.tsv"; }
# a row of measurements: column 1 the mode (query: response cache off; cached: on), 2 the query, 3 rps, 4 p50 us,
# 5 p99 us, 6 statements
mode_col() { awk -F'\t' -v m="$2" -v q="$3" -v c="$4" '$1 == m && $2 == q { print $c }' "$BENCH/results/$1.tsv"; }
query_col() { mode_col "$1" query "$2" "$3"; }
has_mode() { [[ -n $(mode_col "$1" "$2" typename 3) ]]; }
ms() { awk -v us="$1" 'BEGIN { printf "%.2f", us / 1000 }'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", a / b }'; }
share() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.3f", a / b }'; }

# the queries and their titles
# shellcheck source=bench/lib.sh
source "$BENCH/lib.sh"

{
  echo "# Benchmark results"
  echo
  echo "Written by \`bench/report.sh\` from the runs of \`bench/run.sh\` (see bench/README.md)."
  echo "Ratios are to the \`{__typename}\` floor of the same run: req/s as a share of its rate, latencies as multiples."
  echo
  echo "## Machine"
  echo
  echo "- cores: $(nproc); CPU: $(lscpu | sed -n 's/^Model name: *//p' | head -1)"
  echo "- memory: $(free -g | awk '/^Mem:/ { print $2 }') GiB; OS: $(. /etc/os-release && echo "$PRETTY_NAME")"
  echo "- JDK: $(java -version 2>&1 | head -1); load driver: $(wrk -v 2>&1 | head -1 | cut -d' ' -f1-2)"
  echo "- database: embedded H2 (file), default JVM options; the load driver shares the two cores with the app"
  table() {
    local label=$1 mode=$2 first first_p50 first_p99 rps p50 p99
    first=$(mode_col "$label" "$mode" typename 3)
    first_p50=$(mode_col "$label" "$mode" typename 4)
    first_p99=$(mode_col "$label" "$mode" typename 5)
    echo "| query | req/s | share of floor | p50 ms | x floor | p99 ms | x floor | SQL statements |"
    echo "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |"
    for query in "${QUERIES[@]}"; do
      rps=$(mode_col "$label" "$mode" "$query" 3); p50=$(mode_col "$label" "$mode" "$query" 4); p99=$(mode_col "$label" "$mode" "$query" 5)
      echo "| ${QUERY_TITLE[$query]} | $rps | $(share "$rps" "$first") | $(ms "$p50") | $(ratio "$p50" "$first_p50") | $(ms "$p99") | $(ratio "$p99" "$first_p99") | $(mode_col "$label" "$mode" "$query" 6) |"
    done
  }
  for label in "${labels[@]}"; do
    echo
    echo "## $label"
    echo
    echo "- graph: $(field "$label" graph)"
    echo "- loaded (fresh database, start with the import, to the first answer): $(field "$label" load_ms) ms — $(field "$label" import)"
    echo "- start to first answer (median of ${BENCH_STARTS:-3}): plain $(field "$label" start_plain_ms) ms, with AppCDS $(field "$label" start_appcds_ms) ms"
    echo "- RSS after the run: $(field "$label" query_rss_mb)$(field "$label" rss_mb) MB$(has_mode "$label" cached && echo " without the response cache, $(field "$label" cached_rss_mb) MB with it"); $(field "$label" load_driver)"
    echo "- machine load (1-minute load average, other work included): $(field "$label" loadavg)"
    echo
    if has_mode "$label" cached; then
      echo "Every request reads the database (\`attribution-graph.response-cache.enabled=false\`):"
      echo
    fi
    table "$label" query
    if has_mode "$label" cached; then
      echo
      echo "As shipped, with the response cache: each query repeats, so all but its first request are answered from the cache:"
      echo
      table "$label" cached
    fi
  done
  # this service against PostGraphile on PostgreSQL: a section per size, written by bench/postgraphile.sh
  sides=()
  for side in "$BENCH"/results/postgraphile-*.md; do
    [[ -f $side ]] && sides+=("$side")
  done
  if (( ${#sides[@]} )); then
    echo
    echo "## Side by side with PostGraphile"
    echo
    echo "Written by \`bench/postgraphile.sh\` (see bench/README.md): this service and PostGraphile over one PostgreSQL"
    echo "database, equivalent queries checked to answer the same data, driven alternately in one run."
    for side in "${sides[@]}"; do
      echo
      cat "$side"
    done
  fi
  echo
  echo "## Targets checked on bench/run.sh's figures above"
  echo
  has() { [[ -f $BENCH/results/$1.tsv ]]; }
  modes() { has_mode "$1" cached && echo "query cached" || echo query; }
  how() { [[ $1 == cached ]] && echo "with the response cache" || echo "every request reading the database"; }
  if has seed; then
    for mode in $(modes seed); do
      share=$(share "$(mode_col seed "$mode" accuser_accused_response 3)" "$(mode_col seed "$mode" typename 3)")
      echo "- accuser -> accused -> response at >= 50% of the \`{__typename}\` rate on the seed graph, $(how "$mode"): $share of it ($(awk -v s="$share" 'BEGIN { print (s >= 0.5 ? "met" : "missed") }'))"
    done
  fi
  if has 1m; then
    for mode in $(modes 1m); do
      p99=$(mode_col 1m "$mode" thread 5)
      echo "- thread(maxDepth: 10) p99 under 20 ms at 1M actions, $(how "$mode"): $(ms "$p99") ms ($(awk -v p="$p99" 'BEGIN { print (p < 20000 ? "met" : "missed") }'))"
    done
    load=$(field 1m load_ms)
    echo "- 1M actions loaded in under 60 s: $(awk -v l="$load" 'BEGIN { printf "%.1f", l / 1000 }') s from launch to first answer ($(awk -v l="$load" 'BEGIN { print (l < 60000 ? "met" : "missed") }'))"
    if has 10k; then
      for mode in $(has_mode 10k cached && modes 1m || echo query); do
        for query in "${QUERIES[@]}"; do
          growth=$(ratio "$(mode_col 1m "$mode" "$query" 4)" "$(mode_col 10k "$mode" "$query" 4)")
          echo "- p50 at 1M within 2x of p50 at 10k, ${QUERY_TITLE[$query]}, $(how "$mode"): x$growth ($(awk -v g="$growth" 'BEGIN { print (g <= 2 ? "met" : "missed") }'))"
        done
      done
    fi
  fi
  # issue 13's targets, all measured in one run by bench/targets.sh
  if [[ -f $BENCH/results/targets.md ]]; then
    echo
    echo "## Issue 13's targets, measured in one run"
    echo
    cat "$BENCH/results/targets.md"
  fi
  # why a target is missed: measured causes, written by hand in bench/notes.md
  if [[ -f $BENCH/notes.md ]]; then
    echo
    cat "$BENCH/notes.md"
  fi
} >"$out"
echo "wrote $out" >&2
