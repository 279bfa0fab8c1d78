# Sourced by the start scripts here (not run by itself): builds and fetches what a server needs,
# and prints READY once it answers. Everything goes under the repository's target/.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$root"
: "${1:?usage: $0 PORT}"

# pom_property NAME: a <properties> value of pom.xml (the container versions)
pom_property() { sed -n "s:.*<$1>\(.*\)</$1>.*:\1:p" pom.xml | head -1; }

# build_wars: target/jakartio-bench.war, jakartio-bench-tomcat.war and
# jakartio-bench-cluster-tomcat.war, rebuilt when missing or older than the sources
build_wars() {
  local war=target/jakartio-bench-tomcat.war
  if [ ! -f target/jakartio-bench.war ] || [ ! -f "$war" ] || [ ! -f target/jakartio-bench-cluster-tomcat.war ] \
      || [ -n "$(find pom.xml src/main src/bench \
      -path src/main/client/node_modules -prune -o -newer "$war" -print -quit)" ]; then
    echo "building the bench WARs (mvn package -Pbench)..." >&2
    mvn -B -q package -Pbench -DskipTests >&2
  fi
}

# fetch_server PATH CONTAINER: the distribution at PATH (under target/servers), fetched by the
# run profile's download for that container unless it is there
fetch_server() {
  if [ ! -e "$1" ]; then
    echo "fetching $1 (mvn initialize -Prun -Drun.container=$2)..." >&2
    mvn -B -q initialize -Prun -Drun.container="$2" >&2
  fi
}

# announce_ready PORT [raw]: in the background, prints "READY" once the server answers: a
# Socket.IO handshake (whose session is closed again), or with raw a WebSocket at /raw opened
# and closed cleanly (with bench/'s ws: an abrupt end would be logged as an error by the
# endpoint). With $java_pid_file set, first writes there the PID of the java child of this
# script's process (for a launcher that runs the JVM as its child instead of exec'ing it).
announce_ready() {
  local port="$1" kind="${2:-}" sio="http://127.0.0.1:$1/socket.io/?EIO=4&transport=polling"
  local ws='const W = require(process.argv[1]), w = new W(process.argv[2]);
    w.on("open", () => w.close()); w.on("close", () => process.exit(0)); w.on("error", () => process.exit(1));'
  (
    answers() {
      if [ "$kind" = raw ]; then
        timeout 5 node -e "$ws" "$root/bench/node_modules/ws" "ws://127.0.0.1:$port/raw" 2>/dev/null
      elif body="$(curl -fsS --max-time 2 "$sio" 2>/dev/null)"; then
        sid="$(printf '%s' "$body" | sed -n 's/.*"sid":"\([^"]*\)".*/\1/p')"
        curl -fsS -o /dev/null --max-time 2 --data 1 "$sio&sid=$sid" 2>/dev/null || true
      else
        return 1
      fi
    }
    for _ in $(seq 1 1800); do
      if answers; then
        [ -z "${java_pid_file:-}" ] || pgrep -P $$ -x java > "$java_pid_file"
        echo "READY 127.0.0.1:$port"
        exit 0
      fi
      sleep 0.5
    done
    echo "no answer on 127.0.0.1:$port after 15 minutes" >&2
  ) &
}

