#!/usr/bin/env bash
# Runs the chat in Payara Micro: run.sh PAYARA_MICRO_JAR WAR [PORT]. No clustering (Hazelcast
# off; not combined with --nocluster, which starts it anyway), HTTP on 127.0.0.1 only, the WAR
# at the root; Ctrl-C stops it.
set -euo pipefail
jar="$1" war="$2" port="${3:-8080}"
root="$(cd "$(dirname "$0")/../.." && pwd)"
"$root/server-config/announce.sh" "$port" &
exec java -jar "$jar" --nohazelcast --port "$port" \
  --prebootcommandfile "$root/server-config/payara/preboot.asadmin" \
  --contextroot / --deploy "$war"
