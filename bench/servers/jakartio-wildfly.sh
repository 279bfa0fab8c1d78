#!/usr/bin/env bash
# jakartio-wildfly.sh PORT: the bench WAR on WildFly 39, through server-config/wildfly/run.sh,
# its standalone folder in target/bench/jakartio-wildfly; HTTPS and management on ephemeral
# ports (still 127.0.0.1), not 8443 / 9990. standalone.sh runs the JVM as its child: the JVM's
# PID goes to target/bench/jakartio-wildfly.pid, which servers.js points the runner at.
source "$(dirname "$0")/lib.sh"
home="target/servers/wildfly-$(pom_property wildfly.version)"
build_wars
fetch_server "$home" wildfly
java_pid_file="$root/target/bench/jakartio-wildfly.pid"
announce_ready "$1"
RUN_BASE="$root/target/bench/jakartio-wildfly" exec server-config/wildfly/run.sh "$root/$home" \
  "$root/target/jakartio-bench.war" "$1" -Djboss.https.port=0 -Djboss.management.http.port=0 \
  -Djboss.management.https.port=0
