#!/usr/bin/env bash
# Starts a throwaway PostgreSQL for the api's test suite and prints the URL to use:
#   eval "$(bash scripts/ci/postgres.sh)"   # → export TEST_DATABASE_URL=postgres://…
# Installs Debian's postgresql when missing (only as root), runs a private cluster on 127.0.0.1:5432
# (PGPORT overrides) in a temp data dir owned by the postgres user, creates database octopus_test.
# Idempotent: a cluster this script already started is reused. Everything but the export goes to stderr.
set -euo pipefail

PORT="${PGPORT:-5432}"
DB="${OCTOPUS_TEST_DB:-octopus_test}"
PASSWORD="${OCTOPUS_TEST_DB_PASSWORD:-octopus}"
BASE="${OCTOPUS_PG_DIR:-/tmp/octopus-postgres-$PORT}"
DATA="$BASE/data"
LOG="$BASE/postgres.log"

log() { echo "postgres.sh: $*" >&2; }

find_bindir() {
  local dir
  for dir in $(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V -r); do
    if [ -x "$dir/pg_ctl" ] && [ -x "$dir/initdb" ]; then echo "$dir"; return 0; fi
  done
  return 1
}

BINDIR="$(find_bindir || true)"
if [ -z "$BINDIR" ]; then
  if [ "$(id -u)" -ne 0 ]; then
    log "PostgreSQL is not installed and we are not root: install postgresql first"; exit 1
  fi
  log "installing postgresql from Debian"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >&2
  apt-get install -y -qq postgresql >&2
  BINDIR="$(find_bindir)"
fi

# The server refuses to run as root: run it as the postgres user when we are root.
if [ "$(id -u)" -eq 0 ]; then
  id postgres >/dev/null 2>&1 || useradd --system --home "$BASE" --shell /usr/sbin/nologin postgres
  as_pg() { runuser -u postgres -- "$@"; }
else
  as_pg() { "$@"; }
fi

mkdir -p "$BASE"
[ "$(id -u)" -eq 0 ] && chown postgres: "$BASE"

if [ ! -s "$DATA/PG_VERSION" ]; then
  log "initdb in $DATA"
  pwfile="$(mktemp)"; echo "$PASSWORD" > "$pwfile"; chmod 644 "$pwfile"
  as_pg "$BINDIR/initdb" -D "$DATA" -U postgres --pwfile="$pwfile" -A scram-sha-256 -E UTF8 --locale=C.UTF-8 >&2 \
    || as_pg "$BINDIR/initdb" -D "$DATA" -U postgres --pwfile="$pwfile" -A scram-sha-256 -E UTF8 --no-locale >&2
  rm -f "$pwfile"
fi

if as_pg "$BINDIR/pg_ctl" -D "$DATA" status >/dev/null 2>&1; then
  log "cluster already running on port $PORT"
else
  # Loopback only; sockets in the data dir's parent so no system paths are needed.
  # fsync off: a throwaway test database, speed over durability.
  as_pg "$BINDIR/pg_ctl" -D "$DATA" -l "$LOG" -w -t 60 \
    -o "-c listen_addresses=127.0.0.1 -p $PORT -c unix_socket_directories=$BASE -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200" \
    start >&2 || { log "failed to start; log follows"; cat "$LOG" >&2; exit 1; }
fi

export PGPASSWORD="$PASSWORD"
psql_cmd=("$BINDIR/psql" -h 127.0.0.1 -p "$PORT" -U postgres -v ON_ERROR_STOP=1 -qAt)
if [ "$("${psql_cmd[@]}" -d postgres -c "SELECT 1 FROM pg_database WHERE datname = '$DB'")" != "1" ]; then
  "${psql_cmd[@]}" -d postgres -c "CREATE DATABASE $DB" >&2
  log "created database $DB"
fi

echo "export TEST_DATABASE_URL=postgres://postgres:$PASSWORD@127.0.0.1:$PORT/$DB"
