# Sourced by the HTTP benchmarks: a built site served as production serves it (gunicorn, 2 sync
# workers, production settings: DEBUG off, a throwaway SECRET_KEY, no HTTPS redirect since
# there is no TLS here, no Redis, no page cache, database connections kept as deployed), and the
# CPU its web workers spend.
#
#   source bench/lib/serve.sh
#   serve_production PORT READY_PATH SCRATCH
#       QINGYUAN_VAR_DIR and MEDIA_ROOT name the site; static files are collected into SCRATCH,
#       gunicorn logs there. Sets base (http://127.0.0.1:PORT) and gunicorn_pid; on exit stops
#       gunicorn and removes SCRATCH.
#   worker_ticks [MASTER_PID]
#                   CPU clock ticks (user + system) used so far by the workers of that gunicorn
#                   (ours by default): CPU ms per request is the steadier figure when the
#                   machine is shared.
#   hz              clock ticks per second

hz=$(getconf CLK_TCK)

serve_production() {
  local port="$1" ready="$2"
  bench_scratch="$3"
  export STATIC_ROOT="$bench_scratch/static" LOG_LEVEL=WARNING
  export DJANGO_SETTINGS_MODULE=cms.settings.production
  export SECRET_KEY="bench-only-$(head -c 24 /dev/urandom | base64)"
  export ALLOWED_HOSTS="127.0.0.1,localhost" SECURE_SSL_REDIRECT=0 SECURE_HSTS_SECONDS=0
  unset REDIS_URL
  # Each worker keeps its database connection, as deployed (deploy/qingyuan.env.example).
  export DATABASE_CONN_MAX_AGE="${DATABASE_CONN_MAX_AGE:-60}"
  .venv/bin/python manage.py collectstatic --no-input -v 0
  .venv/bin/gunicorn cms.wsgi --workers 2 --worker-class sync --bind "127.0.0.1:$port" \
    --log-level warning > "$bench_scratch/gunicorn.log" 2>&1 &
  gunicorn_pid=$!
  trap 'kill "$gunicorn_pid" 2>/dev/null; wait "$gunicorn_pid" 2>/dev/null; rm -rf "$bench_scratch"' EXIT
  base="http://127.0.0.1:$port"
  for _ in $(seq 100); do curl -fso /dev/null "$base$ready" && return 0; sleep 0.2; done
  echo "gunicorn did not answer $base$ready; its log:" >&2
  cat "$bench_scratch/gunicorn.log" >&2
  return 1
}

worker_ticks() {
  local total=0 pid
  for pid in $(pgrep -P "${1:-$gunicorn_pid}"); do
    total=$((total + $(awk '{print $14 + $15}' "/proc/$pid/stat")))
  done
  echo "$total"
}
