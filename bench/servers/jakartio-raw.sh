#!/usr/bin/env bash
# jakartio-raw.sh PORT: the same Tomcat and WAR as jakartio-tomcat.sh, its own CATALINA_BASE
# (target/bench/jakartio-raw); the runner talks to the raw JSR-356 endpoint at /raw.
source "$(dirname "$0")/lib.sh"
home="target/servers/apache-tomcat-$(pom_property tomcat.version)"
build_wars
fetch_server "$home" tomcat10
announce_ready "$1" raw
RUN_BASE="$root/target/bench/jakartio-raw" exec server-config/tomcat/run.sh "$root/$home" \
  "$root/target/jakartio-bench-tomcat.war" "$1"
