#!/usr/bin/env bash
# Runs the chat in Payara Micro: run.sh PAYARA_MICRO_JAR WAR [PORT]. No clustering (Hazelcast
# off; not combined with --nocluster, which starts it anyway), HTTP on 127.0.0.1 only, the WAR
# at the root; Ctrl-C stops it. With $RUN_BASE set, Payara Micro's runtime folder is that
# (emptied first) instead of a new temporary folder. $RUN_JAVA is the java to run it with
# (default: java on the PATH); Payara Micro 7 needs a JDK 21+.
set -euo pipefail
jar="$1" war="$2" port="${3:-8080}"
java="${RUN_JAVA:-java}"
root="$(cd "$(dirname "$0")/../.." && pwd)"
if ! command -v "$java" >/dev/null 2>&1; then
  echo "run.sh: no java at $java. For Payara Micro 7 the build links target/jdk21 to a JDK 21+ it finds in" \
    "the usual folders (/usr/lib/jvm, /opt, ~/.sdkman, ...), and found none: install one, or name its java" \
    "with -Dpayara7.java=/path/to/jdk/bin/java" >&2
  exit 1
fi
rootdir=()
if [ -n "${RUN_BASE:-}" ]; then
  rm -rf "$RUN_BASE"
  mkdir -p "$RUN_BASE"
  rootdir=(--rootdir "$RUN_BASE")
fi
"$root/server-config/announce.sh" "$port" &
# Heap handed back to the OS after a GC, as in server-config/tomcat/bin/setenv.sh.
exec "$java" -XX:MinHeapFreeRatio=10 -XX:MaxHeapFreeRatio=20 -XX:G1PeriodicGCInterval=60000 -jar "$jar" --nohazelcast --port "$port" "${rootdir[@]}" \
  --prebootcommandfile "$root/server-config/payara/preboot.asadmin" \
  --contextroot / --deploy "$war"
