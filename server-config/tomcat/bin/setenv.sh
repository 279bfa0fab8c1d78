# Sourced by catalina.sh from CATALINA_BASE/bin (run.sh and docker/tomcat put it there).
# Jakartio's defaults come first and the CATALINA_OPTS you set come after them, so yours win
# (for -XX and -D options the JVM takes the last one given).
user_opts="${CATALINA_OPTS:-}"
# Tomcat's WebSocket read, write and encoder buffers, allocated for every open session
# (8 KB each by default): Jakartio receives and sends in parts, so 1 KB does, and an idle
# connection costs 21 KB less heap. See server-config/tomcat/README.md.
CATALINA_OPTS="-Dorg.apache.tomcat.websocket.DEFAULT_BUFFER_SIZE=1024"
# Hand heap the server no longer needs back to the OS: after a full GC (or a periodic one, when
# nothing collected for a minute) keep at most 20% of the heap free (the JVM's default keeps up to
# 70%). A server that holds many idle connections otherwise keeps the heap its connect storms
# grew: 18.2 -> 11.3 KB RSS per idle connection (bench/results/README.md, fourth series, "Idle memory").
CATALINA_OPTS="$CATALINA_OPTS -XX:MinHeapFreeRatio=10 -XX:MaxHeapFreeRatio=20 -XX:G1PeriodicGCInterval=60000"
CATALINA_OPTS="$CATALINA_OPTS $user_opts"
unset user_opts
