#!/usr/bin/env bash
# Waits until the chat answers on 127.0.0.1:PORT, then says where to open it.
port="$1"
for _ in $(seq 1 300); do
  if curl -fsS -o /dev/null "http://127.0.0.1:$port/" 2>/dev/null; then
    printf '\n==> The chat is ready: open http://localhost:%s in a browser (Ctrl-C stops the server)\n\n' "$port"
    exit 0
  fi
  sleep 1
done
echo "==> the chat did not answer on port $port within 5 minutes" >&2
