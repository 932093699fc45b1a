#!/usr/bin/env bash
# Starts a throwaway Redis for the cti-server's multi-node suite and prints the URL to use:
#   eval "$(bash scripts/ci/redis.sh)"   # → export TEST_REDIS_URL=redis://127.0.0.1:…
# Installs Debian's redis-server when missing (only as root), runs a private instance on 127.0.0.1
# (REDIS_PORT overrides, default 6390) without persistence. Idempotent: an instance this script already
# started is reused. Everything but the export goes to stderr.
set -euo pipefail

PORT="${REDIS_PORT:-6390}"
BASE="${OCTOPUS_REDIS_DIR:-/tmp/octopus-redis-$PORT}"

log() { echo "redis.sh: $*" >&2; }

if ! command -v redis-server >/dev/null 2>&1; then
  if [ "$(id -u)" -ne 0 ]; then
    log "redis-server is not installed and we are not root: install Debian's redis-server first"; exit 1
  fi
  log "installing redis-server from Debian"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >&2
  apt-get install -y -qq redis-server >&2
fi

mkdir -p "$BASE"
if ! redis-cli -h 127.0.0.1 -p "$PORT" ping >/dev/null 2>&1; then
  redis-server --port "$PORT" --bind 127.0.0.1 --save '' --appendonly no --daemonize yes \
    --dir "$BASE" --logfile "$BASE/redis.log" --pidfile "$BASE/redis.pid" >&2
  for _ in $(seq 1 50); do
    redis-cli -h 127.0.0.1 -p "$PORT" ping >/dev/null 2>&1 && break
    sleep 0.1
  done
  redis-cli -h 127.0.0.1 -p "$PORT" ping >/dev/null 2>&1 || { log "redis-server did not start (see $BASE/redis.log)"; exit 1; }
  log "started on 127.0.0.1:$PORT"
else
  log "reusing the instance on 127.0.0.1:$PORT"
fi
echo "export TEST_REDIS_URL=redis://127.0.0.1:$PORT"
