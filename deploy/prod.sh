#!/usr/bin/env bash
# make prod: the production topology on this machine, with the demo content.
#
#   reader → Varnish :8080 (deploy/varnish.vcl) → gunicorn (production settings, 2 workers)
#            Redis (cache, rate limits) · django-tasks-db worker · periodic jobs every minute
#
# Everything runs in the foreground of this script and stops on Ctrl-C. Variables:
#   PROD_HOST / PROD_PORT        where readers connect (127.0.0.1:8080)
#   PROD_APP_PORT                gunicorn, behind the proxy (18281)
#   PROD_REDIS_PORT              redis-server (18282)
#   PROD_WORKERS                 gunicorn workers (2)
#   DATABASE_URL, SEARCH_URL     used when set (PostgreSQL, OpenSearch); else SQLite under
#                                var/prod and the database search backend
#   PROD_POSTGRES=1              start a local PostgreSQL (.ci/postgres.sh, data in var/prod/pg,
#                                PROD_PG_PORT 18283) and use it
set -euo pipefail
cd "$(dirname "$0")/.."

HOST="${PROD_HOST:-127.0.0.1}"
PORT="${PROD_PORT:-8080}"
APP_PORT="${PROD_APP_PORT:-18281}"
REDIS_PORT="${PROD_REDIS_PORT:-18282}"
WORKERS="${PROD_WORKERS:-2}"
VAR="$PWD/var/prod"
PY=.venv/bin/python
mkdir -p "$VAR/varnish" "$VAR/redis" "$VAR/log"

# The secret key is made once per checkout and kept out of the repository.
[ -s "$VAR/secret-key" ] || (umask 077 && head -c 48 /dev/urandom | base64 >"$VAR/secret-key")

export DJANGO_SETTINGS_MODULE=cms.settings.production
export SECRET_KEY="$(cat "$VAR/secret-key")"
export ALLOWED_HOSTS="${ALLOWED_HOSTS:-$HOST,localhost}"
export WAGTAILADMIN_BASE_URL="http://$HOST:$PORT"
# Plain HTTP on the loopback: no TLS redirect, no HSTS, cookies without the Secure flag.
export SECURE_SSL_REDIRECT=0 SECURE_HSTS_SECONDS=0 SECURE_COOKIES=0 USE_X_FORWARDED_PROTO=0
if [ "${PROD_POSTGRES:-0}" = 1 ]; then
  PG_PORT="${PROD_PG_PORT:-18283}"
  bash .ci/apt-ensure.sh postgresql
  bash .ci/postgres.sh start "$PG_PORT" "$VAR/pg"
  trap 'bash .ci/postgres.sh stop "$PG_PORT" "$VAR/pg" >/dev/null 2>&1' EXIT
  export DATABASE_URL="postgres://qingyuan:qingyuan@127.0.0.1:$PG_PORT/qingyuan"
fi
export DATABASE_URL="${DATABASE_URL:-sqlite:///$VAR/qingyuan.sqlite3}"
# Each gunicorn worker keeps its database connection between requests, as
# deploy/qingyuan.env.example does (opening one, with SQLite's pragmas, cost ~1 ms a view).
export DATABASE_CONN_MAX_AGE="${DATABASE_CONN_MAX_AGE:-60}"
export REDIS_URL="redis://127.0.0.1:$REDIS_PORT/0"
export TASKS_BACKEND=django_tasks_db.DatabaseBackend
export FRONTEND_CACHE_URL="http://127.0.0.1:$PORT"
export EMAIL_BACKEND="${EMAIL_BACKEND:-django.core.mail.backends.console.EmailBackend}"
# Media (uploads, demo videos) come from Django once, then from Varnish, which answers Range
# requests from the stored object; deploy/ shows a file server or object storage instead.
export SERVE_MEDIA=1
export MEDIA_ROOT="${MEDIA_ROOT:-$PWD/media}"
export STATIC_ROOT="$VAR/static"
# The proxy in front adds X-Forwarded-For: rate limits count the reader's address.
export TRUSTED_PROXY_COUNT=1

# The same environment for a shell or a benchmark on this topology (bench/proxy.py).
env | grep -E '^(DJANGO_SETTINGS_MODULE|SECRET_KEY|ALLOWED_HOSTS|WAGTAILADMIN_BASE_URL|SECURE_[A-Z_]+|USE_X_FORWARDED_PROTO|DATABASE_URL|DATABASE_CONN_MAX_AGE|SEARCH_URL|REDIS_URL|TASKS_BACKEND|FRONTEND_CACHE_URL|EMAIL_BACKEND|SERVE_MEDIA|MEDIA_ROOT|STATIC_ROOT|TRUSTED_PROXY_COUNT)=' \
  >"$VAR/env"
chmod 600 "$VAR/env"
rm -rf "$VAR/pids" && mkdir -p "$VAR/pids"

pids=()
names=()
stop_all() {
  trap - INT TERM EXIT
  echo
  for i in "${!pids[@]}"; do
    if kill -0 "${pids[$i]}" 2>/dev/null; then
      echo "stopping ${names[$i]} (pid ${pids[$i]})"
      kill -TERM "${pids[$i]}" 2>/dev/null || true
    fi
  done
  wait 2>/dev/null || true
  if [ -n "${PG_PORT:-}" ]; then
    echo "stopping postgresql (port $PG_PORT)"
    bash .ci/postgres.sh stop "$PG_PORT" "$VAR/pg" >/dev/null 2>&1 || true
  fi
}
trap stop_all EXIT
trap 'exit 130' INT TERM

start() {  # start NAME COMMAND... : in the background, output to var/prod/log/NAME.log
  local name="$1"
  shift
  "$@" >"$VAR/log/$name.log" 2>&1 &
  pids+=("$!")
  names+=("$name")
  echo "$!" >"$VAR/pids/$name"
}

wait_port() {  # wait_port NAME PORT
  for _ in $(seq 1 100); do
    (exec 3<>"/dev/tcp/127.0.0.1/$2") 2>/dev/null && return 0
    sleep 0.2
  done
  echo "$1 did not start: see $VAR/log/$1.log" >&2
  exit 1
}

start redis redis-server --port "$REDIS_PORT" --bind 127.0.0.1 --dir "$VAR/redis" \
  --save "" --appendonly no
wait_port redis "$REDIS_PORT"

echo "preparing the database, the demo content and the static files…"
$PY manage.py migrate --no-input -v 0
$PY manage.py collectstatic --no-input -v 0
$PY manage.py load_demo

start gunicorn .venv/bin/gunicorn cms.wsgi --workers "$WORKERS" --bind "127.0.0.1:$APP_PORT" \
  --access-logfile - --forwarded-allow-ips 127.0.0.1
start worker $PY manage.py db_worker --interval 0.5 --queue-name '*'
start periodic bash -c 'trap "kill \$job \$nap 2>/dev/null; exit 0" INT TERM
  while true; do bash deploy/periodic.sh & job=$!; wait $job; sleep 60 & nap=$!; wait $nap; done'

sed "s/\.port = \"8000\"/.port = \"$APP_PORT\"/" deploy/varnish.vcl >"$VAR/varnish/default.vcl"
# -j none: one user runs the whole topology here; deploy/ runs Debian's varnish service instead.
start varnish varnishd -F -j none -n "$VAR/varnish/n" -T none -a "$HOST:$PORT" \
  -f "$VAR/varnish/default.vcl" -s malloc,256m
wait_port gunicorn "$APP_PORT"
wait_port varnish "$PORT"

cat <<EOF

清源 production topology is up:
  site       http://$HOST:$PORT/          (Varnish → gunicorn × $WORKERS)
  admin      http://$HOST:$PORT/admin/
  redis      127.0.0.1:$REDIS_PORT       cache and rate limits
  worker     manage.py db_worker          background jobs (后台任务 in the admin's settings)
  periodic   deploy/periodic.sh           every minute
  database   ${DATABASE_URL%%://*}
  logs       $VAR/log/
Ctrl-C stops everything.
EOF

# Stop everything on Ctrl-C, or as soon as one part dies.
wait -n "${pids[@]}" || true
echo "stopping everything (logs in $VAR/log/)" >&2
exit 1
