# Shared by the benchmark scripts (sourced, not run): the app's lifecycle on a free loopback port, and the
# benchmark's queries, written once so that every script measures the same requests.
#
# The sourcing script sets URL (once free_port has given PORT), APP_PID as it starts the app, and accused and
# accuser (the parties the queries name) before write_bodies.

now_ms() { echo $(( $(date +%s%N) / 1000000 )); }

free_port() {
  local port
  while :; do
    port=$(( 20000 + RANDOM % 40000 ))
    ss -ltn "sport = :$port" | grep -q LISTEN || { echo "$port"; return; }
  done
}

APP_PID=
stop_app() {
  if [[ -n $APP_PID ]]; then
    kill "$APP_PID" 2>/dev/null || true
    wait "$APP_PID" 2>/dev/null || true
    APP_PID=
  fi
}

median() { sort -n | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }

post() { curl -sf -H 'Content-Type: application/json' -d "$1" "$URL"; }

QUERIES=(typename party_by_name accusations accuser_accused_response thread)

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
