#!/usr/bin/env bash
# jakartio-tomcat.sh PORT: the bench WAR (Tomcat flavour, Weld + Yasson bundled) on Tomcat 10.1,
# through server-config/tomcat/run.sh with its own CATALINA_BASE, target/bench/jakartio-tomcat.
source "$(dirname "$0")/lib.sh"
home="target/servers/apache-tomcat-$(pom_property tomcat.version)"
build_wars
fetch_server "$home" tomcat10
announce_ready "$1"
RUN_BASE="$root/target/bench/jakartio-tomcat" exec server-config/tomcat/run.sh "$root/$home" \
  "$root/target/jakartio-bench-tomcat.war" "$1"
