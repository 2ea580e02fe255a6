# Shared by the benchmark scripts (sourced, not run): the app's lifecycle on a free loopback port, and the
# benchmark's queries, written once so that every script measures the same requests.
#
# The sourcing script sets ROOT (the repository), URL (once free_port has given PORT), APP_PID as it starts the app,
# and calls name_parties before write_bodies.

now_ms() { echo $(( $(date +%s%N) / 1000000 )); }

free_port() {
  local port
  while :; do
    port=$(( 20000 + RANDOM % 40000 ))
    ss -ltn "sport = :$port" | grep -q LISTEN || { echo "$port"; return; }
  done
}

# Stops a process this script started (nothing if the pid is empty) and waits for it to end.
stop_pid() {
  if [[ -n $1 ]]; then
    kill "$1" 2>/dev/null || true
    wait "$1" 2>/dev/null || true
  fi
}
APP_PID=
stop_app() { stop_pid "$APP_PID"; APP_PID=; }

# A graph's size as the benchmark names it: seed, or 10k, 100k, 1m.
size_label() {
  case $1 in
    seed) echo seed ;;
    *[!0-9]*|'') echo "a size is a number of actions or 'seed', got '$1'" >&2; return 2 ;;
    *) if (( $1 % 1000000 == 0 )); then echo $(( $1 / 1000000 ))m
       elif (( $1 % 1000 == 0 )); then echo $(( $1 / 1000 ))k
       else echo "$1"; fi ;;
  esac
}

# Writes a generated graph of this many actions (reproducible from the seed) to the file given, unless it is there.
# The generator is a test-scope tool: compiled with the tests, not shipped in the app.
generate_graph() {
  local actions=$1 seed=$2 out=$3 app=${4:-$ROOT/target/quarkus-app}
  [[ -f $out ]] && return
  [[ -f $ROOT/target/test-classes/org/attributiongraph/dataset/GraphGenerator.class ]] \
    || (cd "$ROOT" && ./mvnw -B -q test-compile)
  mkdir -p "$(dirname "$out")"
  java -cp "$ROOT/target/test-classes:$app/app/*:$app/lib/main/*" org.attributiongraph.dataset.GraphGenerator \
      --actions "$actions" --seed "$seed" --out "$out.tmp" >&2
  mv "$out.tmp" "$out"
}

# Waits (up to the seconds given) until the app answers {__typename} at URL, or fails if its process PID ended.
wait_for_answer() {
  local pid=$1 logfile=$2 deadline=$(( $(date +%s) + $3 ))
  until curl -sf -o /dev/null -H 'Content-Type: application/json' -d '{"query":"{__typename}"}' "$URL"; do
    kill -0 "$pid" 2>/dev/null || { echo "the app stopped; see $logfile" >&2; tail -20 "$logfile" >&2; return 1; }
    (( $(date +%s) < deadline )) || { echo "no answer within $3 s; see $logfile" >&2; return 1; }
    sleep 0.02
  done
}

# A process's CPU time so far, user + system, in clock ticks (getconf CLK_TCK a second).
cpu_ticks() { awk '{ print $14 + $15 }' "/proc/$1/stat"; }

# Drives each query named (bodies in the directory given, SECONDS each, CONNECTIONS at once) in turn, pass after pass,
# until the JVM of the PID given has nothing queued to compile after a whole pass, or LIMIT seconds have gone by. On
# two cores the JVM runs one C2 compiler thread, which is still compiling the app's hot paths minutes into a load: a
# rate measured before it is done measures that backlog more than the code or the settings. An empty queue is the
# least to wait for, not a steady state (rates went on rising for minutes after it): compare builds or settings
# side by side, taking turns. Needs jcmd (the JDK's).
warm_until_compiled() {
  local pid=$1 bodies=$2 seconds=$3 limit=$4 deadline pending query
  shift 4
  deadline=$(( $(date +%s) + limit ))
  while :; do
    for query in "$@"; do
      BODIES=$bodies/$query wrk -t1 -c"$CONNECTIONS" -d"${seconds}s" --timeout 5s -s "$ROOT/bench/graphql.lua" "$URL" >/dev/null
    done
    command -v jcmd >/dev/null || { echo "no jcmd: one pass of warm-up, the JIT's queue unread" >&2; return 0; }
    pending=$(jcmd "$pid" Compiler.queue 2>/dev/null | grep -c '^ *[0-9][0-9]* ' || true)
    [[ $pending == 0 ]] && return 0
    if (( $(date +%s) >= deadline )); then
      echo "still $pending methods queued for the JIT after $limit s of warm-up" >&2
      return 0
    fi
  done
}

median() { sort -n | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }

post() { curl -sf -H 'Content-Type: application/json' -d "$1" "$URL"; }

QUERIES=(typename party_by_name accusations accuser_accused_response thread)
# shellcheck disable=SC2034 # for the reports
declare -A QUERY_TITLE=(
  [typename]='`{__typename}` (floor, no database)'
  [party_by_name]='party by name'
  [accusations]="a party's accusations (first: 20) with actors/targets"
  [accuser_accused_response]='accuser -> accused -> response, three levels'
  [thread]='thread(maxDepth: 10) under the deepest threads'
)

# The parties the queries name, by graph: the accused and the party that accuses it. On the seed, MSS is an alias of
# China's Ministry of State Security, whom the July 2021 alliance accuses; in a generated graph, Threat Group 1 is
# the most accused party and State 1 an accuser.
name_parties() {
  if [[ $1 == seed ]]; then
    accused=MSS accuser="Cybersecurity alliance against Chinese state-sponsored cyber attacks"
  else
    accused="Threat Group 1" accuser="State 1"
  fi
}

# Fails unless every body of every query is answered without errors and with data: no party missing (null), no
# party's page of actions empty, and no thread empty.
check_answers() {
  local dir=$1 query body answer
  for query in "${QUERIES[@]}"; do
    while IFS= read -r body; do
      answer=$(post "$body") || { echo "$query: no answer" >&2; return 1; }
      if [[ $answer == *'"errors"'* || $answer == *':null}'* || $answer == *'"edges":[]'* || $answer == *'"thread":[]'* ]]; then
        echo "$query answered badly: ${answer:0:300}" >&2
        return 1
      fi
    done <"$dir/$query"
  done
}

# Writes each query's request bodies into the directory given, one file per query, one JSON body per line.
write_bodies() {
  local dir=$1 roots root
  mkdir -p "$dir"
  echo '{"query":"{__typename}"}' >"$dir/typename"
  echo '{"query":"query($name: String!) { partyByName(name: $name) { id name kind country aliases partOf { name } } }","variables":{"name":"'"$accused"'"}}' >"$dir/party_by_name"
  echo '{"query":"query($name: String!) { partyByName(name: $name) { name actions(role: TARGET, kind: ATTRIBUTION, first: 20) { edges { node { id title occurredOn actors { name } targets { name } } } } } }","variables":{"name":"'"$accused"'"}}' >"$dir/accusations"
  echo '{"query":"query($name: String!) { partyByName(name: $name) { name actions(role: ACTOR, kind: ATTRIBUTION, first: 20) { edges { node { id title targets { name } responses { id kind title actors { name } responses { id kind title actors { name } } } } } } } }","variables":{"name":"'"$accuser"'"}}' >"$dir/accuser_accused_response"
  # every thread starts with its only INTRUSION, and the generator writes the big threads first
  roots=$(post '{"query":"{ actions(kind: INTRUSION, first: 5) { edges { node { id } } } }"}' | grep -o '"id":"[0-9]*"' | grep -o '[0-9]*')
  : >"$dir/thread"
  for root in $roots; do
    echo '{"query":"query($id: ID!) { action(id: $id) { title thread(maxDepth: 10) { depth action { id kind title actors { name } } } } }","variables":{"id":"'"$root"'"}}' >>"$dir/thread"
  done
}

# A PostgreSQL role and an empty database of this run's own (named after the prefix and the script's pid), on the
# machine's Debian cluster, started if need be; needs root. Sets OWN_DATABASE, PG_USER, PG_PASSWORD and jdbc_url.
# Runs side by side do not change each other's password or data; drop_own_database drops both again.
OWN_DATABASE=
create_own_database() {
  local version port
  [[ $(id -u) == 0 ]] && command -v pg_ctlcluster >/dev/null || return 1
  version=$(ls /usr/lib/postgresql | sort -V | tail -1)
  pg_ctlcluster "$version" main start >/dev/null 2>&1 || true
  port=$(su postgres -c "psql -Atc 'SHOW port'") || return 1
  OWN_DATABASE=${1}_$$
  PG_USER=$OWN_DATABASE
  PG_PASSWORD="bench-$RANDOM$RANDOM"
  su postgres -c "psql -q -v ON_ERROR_STOP=1" <<SQL || return 1
CREATE ROLE $PG_USER LOGIN PASSWORD '$PG_PASSWORD';
CREATE DATABASE $OWN_DATABASE OWNER $PG_USER;
SQL
  jdbc_url=jdbc:postgresql://127.0.0.1:$port/$OWN_DATABASE
}
drop_own_database() {
  [[ -n $OWN_DATABASE ]] || return 0
  # as the superuser, not as the role PGUSER names; the role with it
  env -u PGUSER -u PGPASSWORD su postgres -c "psql -q -c 'DROP DATABASE IF EXISTS $OWN_DATABASE WITH (FORCE)' \
    -c 'DROP ROLE IF EXISTS $OWN_DATABASE'" >/dev/null 2>&1 || echo "could not drop the database $OWN_DATABASE" >&2
  OWN_DATABASE=
}
