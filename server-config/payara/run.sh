#!/usr/bin/env bash
# Runs the chat in Payara Micro: run.sh PAYARA_MICRO_JAR WAR [PORT]. No clustering (Hazelcast
# off; not combined with --nocluster, which starts it anyway), HTTP on 127.0.0.1 only, the WAR
# at the root; Ctrl-C stops it. With $RUN_BASE set, Payara Micro's runtime folder is that
# (emptied first) instead of a new temporary folder.
set -euo pipefail
jar="$1" war="$2" port="${3:-8080}"
root="$(cd "$(dirname "$0")/../.." && pwd)"
rootdir=()
if [ -n "${RUN_BASE:-}" ]; then
  rm -rf "$RUN_BASE"
  mkdir -p "$RUN_BASE"
  rootdir=(--rootdir "$RUN_BASE")
fi
"$root/server-config/announce.sh" "$port" &
# Heap handed back to the OS after a GC, as in server-config/tomcat/bin/setenv.sh.
exec java -XX:MinHeapFreeRatio=10 -XX:MaxHeapFreeRatio=20 -XX:G1PeriodicGCInterval=60000 -jar "$jar" --nohazelcast --port "$port" "${rootdir[@]}" \
  --prebootcommandfile "$root/server-config/payara/preboot.asadmin" \
  --contextroot / --deploy "$war"
