#!/usr/bin/env bash
# jakartio-tomcat-cluster.sh PORT KEY: one node of a Jakartio cluster on Redis — the bench WAR
# (Tomcat flavour, with the Redis adapter's jars: jakartio-bench-cluster-tomcat.war) on Tomcat
# 10.1 with -Djakartio.adapter=redis, on the Redis at $BENCH_REDIS_URI (default
# redis://127.0.0.1:6379) under the key KEY: the nodes started with the same KEY form one cluster.
# Each node has its own CATALINA_BASE, target/bench/jakartio-tomcat-cluster-PORT.
source "$(dirname "$0")/lib.sh"
: "${2:?usage: $0 PORT KEY}"
home="target/servers/apache-tomcat-$(pom_property tomcat.version)"
build_wars
fetch_server "$home" tomcat10
announce_ready "$1"
export CATALINA_OPTS="${CATALINA_OPTS:-} -Djakartio.adapter=redis \
-Djakartio.redis.uri=${BENCH_REDIS_URI:-redis://127.0.0.1:6379} -Djakartio.redis.key=$2"
RUN_BASE="$root/target/bench/jakartio-tomcat-cluster-$1" exec server-config/tomcat/run.sh "$root/$home" \
  "$root/target/jakartio-bench-cluster-tomcat.war" "$1"
