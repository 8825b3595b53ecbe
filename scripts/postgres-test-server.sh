#!/usr/bin/env bash
# Starts a throwaway PostgreSQL server for tests on 127.0.0.1:${PGPORT:-54329} (trust auth) and
# prints the URL to use as TEST_POSTGRES_URL. Needs Debian's postgresql package.
# Usage: eval "$(bash scripts/postgres-test-server.sh)"   # exports TEST_POSTGRES_URL
set -euo pipefail
PGPORT="${PGPORT:-54329}"
PGDATA_DIR="${PGDATA_DIR:-/tmp/townsquare-pg}"
BIN="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)"
if [ -z "$BIN" ]; then
  echo "PostgreSQL is not installed (apt-get install -y postgresql)" >&2
  exit 1
fi
RUN_AS=()
if [ "$(id -u)" = "0" ]; then RUN_AS=(runuser -u postgres --); fi
if ! "$BIN/pg_isready" -h 127.0.0.1 -p "$PGPORT" -q; then
  if [ ! -f "$PGDATA_DIR/PG_VERSION" ]; then
    rm -rf "$PGDATA_DIR"
    mkdir -p "$PGDATA_DIR"
    [ "$(id -u)" = "0" ] && chown postgres:postgres "$PGDATA_DIR"
    "${RUN_AS[@]}" "$BIN/initdb" -D "$PGDATA_DIR" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 >/dev/null
  fi
  "${RUN_AS[@]}" "$BIN/pg_ctl" -D "$PGDATA_DIR" -l "$PGDATA_DIR/server.log" -w \
    -o "-p $PGPORT -c listen_addresses=127.0.0.1 -k /tmp -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=300" start >/dev/null
fi
echo "export TEST_POSTGRES_URL=postgresql://postgres@127.0.0.1:$PGPORT/postgres"
