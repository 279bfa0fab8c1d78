#!/usr/bin/env bash
# Runs the chat in Tomcat: run.sh CATALINA_HOME WAR [PORT]. Builds a private CATALINA_BASE under
# target/run/tomcat (or $RUN_BASE: the benchmark uses its own) from the distribution's conf plus
# server-config/tomcat/conf, deploys the WAR as the root application and stays in the
# foreground; Ctrl-C stops it.
set -euo pipefail
home="$1" war="$2" port="${3:-8080}"
root="$(cd "$(dirname "$0")/../.." && pwd)"
base="${RUN_BASE:-$root/target/run/tomcat}"
rm -rf "$base"
mkdir -p "$base"/{bin,conf,logs,temp,webapps,work}
cp -r "$home"/conf/* "$base/conf/"
cp "$root"/server-config/tomcat/conf/* "$base/conf/"
cp "$root"/server-config/tomcat/bin/setenv.sh "$base/bin/"
cp "$war" "$base/webapps/ROOT.war"
export CATALINA_HOME="$home" CATALINA_BASE="$base"
export CATALINA_OPTS="${CATALINA_OPTS:-} -Dhttp.port=$port -Dhttp.address=127.0.0.1 -Dshutdown.port=-1"
"$root/server-config/announce.sh" "$port" &
exec bash "$home/bin/catalina.sh" run
