#!/usr/bin/env bash
# Runs the chat in WildFly: run.sh WILDFLY_HOME WAR [PORT [STANDALONE_OPTION...]]. Uses a
# private copy of the standalone folder under target/run/wildfly, or $RUN_BASE (the benchmark
# uses its own), so that nothing is left in the distribution; binds 127.0.0.1, deploys the WAR
# as ROOT.war (the root context), passes any further options to standalone.sh; Ctrl-C stops it.
set -euo pipefail
home="$1" war="$2" port="${3:-8080}"
root="$(cd "$(dirname "$0")/../.." && pwd)"
base="${RUN_BASE:-$root/target/run/wildfly}"
rm -rf "$base"
mkdir -p "$base"
cp -r "$home/standalone" "$base/"
# Undertow's permessage-deflate on, as per-message-deflate.cli sets it: used in the JSR-356 mode
# only when jakartio.perMessageDeflate is on (Jakartio keeps it out of the negotiation otherwise).
config="$base/standalone/configuration/standalone.xml"
sed -i 's|<websockets/>|<websockets per-message-deflate="true" deflater-level="6"/>|' "$config"
grep -q 'per-message-deflate="true"' "$config" || { echo "no <websockets/> in $config to turn permessage-deflate on in" >&2; exit 1; }
cp "$war" "$base/standalone/deployments/ROOT.war"
"$root/server-config/announce.sh" "$port" &
# Heap handed back to the OS after a GC, as in server-config/tomcat/bin/setenv.sh; prepended, so
# WildFly's own JAVA_OPTS (standalone.conf) stay.
export PREPEND_JAVA_OPTS="${PREPEND_JAVA_OPTS:-} -XX:MinHeapFreeRatio=10 -XX:MaxHeapFreeRatio=20 -XX:G1PeriodicGCInterval=60000"
exec bash "$home/bin/standalone.sh" -b 127.0.0.1 -bmanagement 127.0.0.1 \
  -Djboss.server.base.dir="$base/standalone" -Djboss.http.port="$port" \
  -Djboss.socket.binding.port-offset=0 "${@:4}"
