#!/usr/bin/env bash
# Throwaway services for the store tests: a PostgreSQL cluster and an S3 stand-in (moto_server).
#
#   scripts/test-services.sh start    # create/start both, wait until they answer, print `export …` lines
#   scripts/test-services.sh stop     # stop both (the data stays for the next start)
#   scripts/test-services.sh status
#   scripts/test-services.sh stop-postgres | start-postgres   # a database outage (scripts/scale-scenario.py)
#   eval "$(scripts/test-services.sh start)"   # then: swift test --filter StoreTests
#
# Idempotent: `start` reuses a running cluster or moto_server, `stop` of stopped services does nothing.
# PostgreSQL listens on 127.0.0.1 only, with password (scram) auth for user pallet / password pallet, so a
# wrong password is refused as it would be in production. Debian's binaries are found on PATH or under
# /usr/lib/postgresql/*/bin (newest first). initdb refuses to run as root, so as root the cluster belongs to
# the `postgres` account and its commands run through runuser (or su).
#
# Settings (environment): PALLET_PG_PORT (5433), PALLET_PG_DIR (${TMPDIR:-/tmp}/pallet-pg),
# PALLET_S3_PORT (5055). Logs: $PALLET_PG_DIR/postgres.log and $PALLET_PG_DIR/moto.log.
set -euo pipefail

PG_PORT=${PALLET_PG_PORT:-5433}
BASE=${PALLET_PG_DIR:-${TMPDIR:-/tmp}/pallet-pg}
S3_PORT=${PALLET_S3_PORT:-5055}
PG_DATA="$BASE/data"
PG_LOG="$BASE/postgres.log"
MOTO_LOG="$BASE/moto.log"
MOTO_PID="$BASE/moto.pid"
PG_USER=pallet
PG_PASSWORD=pallet

die() { echo "test-services: $*" >&2; exit 1; }
note() { echo "test-services: $*" >&2; }

# The directory holding initdb and pg_ctl: PATH first (Debian puts only wrappers there, so check pg_ctl too).
find_pg_bin() {
  if command -v initdb >/dev/null 2>&1 && command -v pg_ctl >/dev/null 2>&1; then
    dirname "$(readlink -f "$(command -v pg_ctl)")"
    return
  fi
  local dir
  for dir in $(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -t/ -k4 -n -r); do
    if [ -x "$dir/initdb" ] && [ -x "$dir/pg_ctl" ]; then echo "$dir"; return; fi
  done
  die "PostgreSQL server binaries not found (initdb, pg_ctl); install the postgresql package."
}

# Runs a PostgreSQL server command as the cluster's owner: ourselves, or `postgres` when we are root.
as_pg() {
  if [ "$(id -u)" -ne 0 ]; then
    "$@"
  elif command -v runuser >/dev/null 2>&1; then
    runuser -u postgres -- "$@"
  else
    su postgres -s /bin/sh -c "$(printf '%q ' "$@")"
  fi
}

pg_running() {
  [ -f "$PG_DATA/PG_VERSION" ] && as_pg "$PG_BIN/pg_ctl" -D "$PG_DATA" status >/dev/null 2>&1
}

port_answers() {  # host port
  (exec 3<>"/dev/tcp/$1/$2") 2>/dev/null
}

start_postgres() {
  PG_BIN=$(find_pg_bin)
  mkdir -p "$BASE"
  if [ "$(id -u)" -eq 0 ]; then
    id postgres >/dev/null 2>&1 || die "running as root needs a 'postgres' account to own the cluster."
    chown postgres "$BASE"
  fi
  if [ ! -f "$PG_DATA/PG_VERSION" ]; then
    rm -rf "$PG_DATA"
    local pwfile="$BASE/pwfile"
    echo "$PG_PASSWORD" >"$pwfile"
    [ "$(id -u)" -eq 0 ] && chown postgres "$pwfile"
    as_pg "$PG_BIN/initdb" -D "$PG_DATA" -U "$PG_USER" --pwfile="$pwfile" \
      --auth-host=scram-sha-256 --auth-local=trust -E UTF8 --locale=C.UTF-8 >"$BASE/initdb.log" 2>&1 \
      || { cat "$BASE/initdb.log" >&2; die "initdb failed."; }
    rm -f "$pwfile"
    # A disposable cluster: durability off for speed; many connections because tests run in parallel,
    # each with up to three store instances and their pools.
    cat >>"$PG_DATA/postgresql.conf" <<EOF
listen_addresses = '127.0.0.1'
port = $PG_PORT
unix_socket_directories = '$BASE'
max_connections = 500
fsync = off
synchronous_commit = off
full_page_writes = off
EOF
  fi
  if pg_running; then
    note "PostgreSQL already running ($PG_DATA)."
  else
    port_answers 127.0.0.1 "$PG_PORT" && die "port $PG_PORT is taken by another program; set PALLET_PG_PORT."
    as_pg "$PG_BIN/pg_ctl" -D "$PG_DATA" -l "$PG_LOG" -w -t 30 start >/dev/null \
      || { tail -20 "$PG_LOG" >&2; die "PostgreSQL did not start (log: $PG_LOG)."; }
  fi
  local tries=0
  until PGPASSWORD=$PG_PASSWORD psql -h 127.0.0.1 -p "$PG_PORT" -U "$PG_USER" -d postgres -Atqc 'SELECT 1' >/dev/null 2>&1; do
    tries=$((tries + 1))
    [ $tries -gt 60 ] && die "PostgreSQL does not answer on 127.0.0.1:$PG_PORT (log: $PG_LOG)."
    sleep 0.5
  done
}

start_moto() {
  mkdir -p "$BASE"
  if [ -f "$MOTO_PID" ] && kill -0 "$(cat "$MOTO_PID")" 2>/dev/null; then
    note "moto_server already running (pid $(cat "$MOTO_PID"))."
  elif port_answers 127.0.0.1 "$S3_PORT"; then
    # Not ours (started by hand or by another checkout): use it if it speaks S3, never stop it.
    curl -fsS -o /dev/null "http://127.0.0.1:$S3_PORT/" || die "port $S3_PORT is taken by something that is not S3; set PALLET_S3_PORT."
    note "reusing the S3 endpoint already listening on port $S3_PORT."
  else
    command -v moto_server >/dev/null 2>&1 || die "moto_server not found; pip install 'moto[server]'."
    nohup moto_server -H 127.0.0.1 -p "$S3_PORT" >"$MOTO_LOG" 2>&1 </dev/null &
    echo $! >"$MOTO_PID"
  fi
  local tries=0
  until curl -fsS -o /dev/null "http://127.0.0.1:$S3_PORT/" 2>/dev/null; do
    tries=$((tries + 1))
    [ $tries -gt 60 ] && { tail -20 "$MOTO_LOG" >&2; die "moto_server does not answer on 127.0.0.1:$S3_PORT (log: $MOTO_LOG)."; }
    sleep 0.5
  done
}

stop_all() {
  PG_BIN=$(find_pg_bin)
  if pg_running; then
    as_pg "$PG_BIN/pg_ctl" -D "$PG_DATA" -m fast -w stop >/dev/null
    note "PostgreSQL stopped."
  fi
  if [ -f "$MOTO_PID" ]; then
    local pid
    pid=$(cat "$MOTO_PID")
    if kill -0 "$pid" 2>/dev/null; then
      kill "$pid"
      for _ in $(seq 1 20); do kill -0 "$pid" 2>/dev/null || break; sleep 0.25; done
      note "moto_server stopped."
    fi
    rm -f "$MOTO_PID"
  fi
}

print_exports() {
  echo "export PALLET_TEST_POSTGRES_URL=postgres://$PG_USER:$PG_PASSWORD@127.0.0.1:$PG_PORT/postgres"
  echo "export PALLET_TEST_S3_ENDPOINT=http://127.0.0.1:$S3_PORT"
}

case "${1:-}" in
  start)
    start_postgres
    start_moto
    print_exports
    ;;
  stop)
    stop_all
    ;;
  stop-postgres)  # the scale scenario's database outage: PostgreSQL only, moto keeps running
    PG_BIN=$(find_pg_bin)
    if pg_running; then as_pg "$PG_BIN/pg_ctl" -D "$PG_DATA" -m fast -w stop >/dev/null; note "PostgreSQL stopped."; fi
    ;;
  start-postgres)
    start_postgres
    ;;
  status)
    PG_BIN=$(find_pg_bin)
    if pg_running; then echo "postgres: running on 127.0.0.1:$PG_PORT"; else echo "postgres: stopped"; fi
    if curl -fsS -o /dev/null "http://127.0.0.1:$S3_PORT/" 2>/dev/null; then echo "s3: answering on 127.0.0.1:$S3_PORT"; else echo "s3: stopped"; fi
    ;;
  *)
    echo "usage: $0 start|stop|status|stop-postgres|start-postgres" >&2
    exit 2
    ;;
esac
