#!/usr/bin/env bash
# jakartio-payara.sh PORT: the bench WAR on Payara Micro 6, through server-config/payara/run.sh,
# its runtime folder in target/bench/jakartio-payara.
source "$(dirname "$0")/lib.sh"
jar="target/servers/payara-micro-$(pom_property payara-micro.version).jar"
build_wars
fetch_server "$jar" payara
announce_ready "$1"
RUN_BASE="$root/target/bench/jakartio-payara" exec server-config/payara/run.sh "$root/$jar" \
  "$root/target/jakartio-bench.war" "$1"
