#!/usr/bin/env bash
# Start or stop a throwaway PostgreSQL cluster (Debian's server binaries) on 127.0.0.1.
# usage: postgres.sh start|stop PORT DATADIR
set -euo pipefail
action=${1:?start|stop}
port=${2:-54329}
datadir=${3:-/tmp/qingyuan-pg-$port}

bindir=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
[ -x "$bindir/pg_ctl" ] || { echo "PostgreSQL server binaries not found (apt-get install postgresql)" >&2; exit 1; }

# The server refuses to run as root, so the cluster belongs to the postgres system user.
as_postgres() {
  if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

case "$action" in
  start)
    if [ ! -s "$datadir/PG_VERSION" ]; then
      mkdir -p "$datadir"
      [ "$(id -u)" -eq 0 ] && chown postgres:postgres "$datadir"
      as_postgres "$bindir/initdb" -D "$datadir" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 >/dev/null
    fi
    if ! as_postgres "$bindir/pg_ctl" -D "$datadir" status >/dev/null 2>&1; then
      as_postgres "$bindir/pg_ctl" -D "$datadir" -l "$datadir/server.log" -w -t 60 \
        -o "-p $port -k $datadir -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off" start >/dev/null
    fi
    psql_cmd=("$bindir/psql" -h 127.0.0.1 -p "$port" -U postgres -v ON_ERROR_STOP=1 -qtA)
    if [ -z "$(as_postgres "${psql_cmd[@]}" -c "select 1 from pg_roles where rolname='qingyuan'")" ]; then
      as_postgres "${psql_cmd[@]}" -c "create role qingyuan login createdb password 'qingyuan'"
    fi
    if [ -z "$(as_postgres "${psql_cmd[@]}" -c "select 1 from pg_database where datname='qingyuan'")" ]; then
      as_postgres "${psql_cmd[@]}" -c "create database qingyuan owner qingyuan"
    fi
    echo "PostgreSQL $("$bindir/postgres" --version | awk '{print $3}') on 127.0.0.1:$port ($datadir)"
    ;;
  stop)
    if [ -d "$datadir" ]; then
      as_postgres "$bindir/pg_ctl" -D "$datadir" -m fast -w stop >/dev/null 2>&1 || true
    fi
    ;;
  *)
    echo "usage: $0 start|stop PORT DATADIR" >&2; exit 2 ;;
esac
