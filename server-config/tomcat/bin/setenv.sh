# Sourced by catalina.sh from CATALINA_BASE/bin (run.sh and docker/tomcat put it there).
# Tomcat's WebSocket read, write and encoder buffers, allocated for every open session
# (8 KB each by default): Jakartio receives and sends in parts, so 1 KB does, and an idle
# connection costs 21 KB less heap. See server-config/tomcat/README.md.
CATALINA_OPTS="${CATALINA_OPTS:-} -Dorg.apache.tomcat.websocket.DEFAULT_BUFFER_SIZE=1024"
