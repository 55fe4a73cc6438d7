#!/usr/bin/env bash
# The reference Wagtail demo (bakerydemo) on this machine: its blog page and blog index, uncached,
# gunicorn 2 sync workers, wrk 8 connections — the yardstick of issue 15's "≥ 2×" targets.
#
#   bench/reference_demo.sh DIR            # DIR: a bakerydemo checkout, or where to clone one
#   QINGYUAN=var/prod bench/reference_demo.sh DIR   # and, right after, our rebuttal page and
#                                          # column on make prod's gunicorn, same load
#
# Nothing here is used by the tests. DIR is set up once and reused: a clone at BAKERYDEMO_COMMIT
# when DIR has no manage.py, a virtualenv DIR/.venv (or VENV=…) with its requirements/base.txt,
# gunicorn and the whitenoise its production settings use, then migrate + load_initial_data
# (SQLite, DIR/bakerydemodb) and collectstatic. 3c7e3af (2025-12-31, Wagtail 7.2, Django 5.2) is
# the newest bakerydemo that runs on Python 3.11: the next commit moves to Django 6.0 (3.12+).
# django-tasks is held at 0.8.1: Wagtail 7.2 allows 0.8–0.9, and 0.9.0's immediate backend fails
# on Python 3.11.7 (setting __orig_class__ on its frozen slotted TaskResult raises TypeError).
#
# The demo runs bakerydemo.settings.production (DEBUG off, whitenoise, its local-memory cache as
# it configures when REDIS_URL is unset). Those settings redirect plain HTTP to HTTPS, so wrk
# sends X-Forwarded-Proto: https, as the TLS terminator in front of it would.
# CPU ms per request = the gunicorn workers' user+system time (from /proc) over the requests
# served: the steadier figure when the machine is shared.
set -euo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"
dir="${1:?usage: $0 DIR (a bakerydemo checkout, or where to clone one)}"
commit="${BAKERYDEMO_COMMIT:-3c7e3af}"
venv="${VENV:-$dir/.venv}"
port="${PORT:-18580}"
duration="${DURATION:-10s}"
connections="${CONNECTIONS:-8}"
command -v wrk >/dev/null || bash "$here/.ci/apt-ensure.sh" wrk >/dev/null

if [ ! -f "$dir/manage.py" ]; then
  git clone --quiet https://github.com/wagtail/bakerydemo "$dir"
  git -C "$dir" checkout --quiet "$commit"
fi
cd "$dir"
export DJANGO_SETTINGS_MODULE=bakerydemo.settings.production
export DJANGO_SECRET_KEY=reference-bench-only DJANGO_ALLOWED_HOSTS=127.0.0.1,localhost
export DJANGO_LOG_LEVEL=WARNING PYTHONWARNINGS=ignore
unset REDIS_URL REDIS_TLS_URL ELASTICSEARCH_ENDPOINT
# Its settings keep database connections open (conn_max_age=500) only when DATABASE_URL names
# the database, as a deployment does; make prod keeps ours open too (DATABASE_CONN_MAX_AGE).
export DATABASE_URL="sqlite:///$(cd "$dir" && pwd)/bakerydemodb"
if [ ! -x "$venv/bin/gunicorn" ]; then
  python3.11 -m venv "$venv"
  "$venv/bin/pip" install --quiet --disable-pip-version-check -r requirements/base.txt \
    gunicorn whitenoise==6.6.0 django-tasks==0.8.1
fi
if [ ! -f bakerydemodb ]; then
  "$venv/bin/python" manage.py migrate --no-input -v 0 2>/dev/null
  "$venv/bin/python" manage.py load_initial_data >/dev/null 2>&1
fi
[ -d collect_static ] || "$venv/bin/python" manage.py collectstatic --no-input -v 0 2>/dev/null

"$venv/bin/gunicorn" bakerydemo.wsgi --workers 2 --worker-class sync \
  --bind "127.0.0.1:$port" --log-level warning >/tmp/reference-demo-gunicorn.$port.log 2>&1 &
demo_pid=$!
trap 'kill "$demo_pid" 2>/dev/null; wait "$demo_pid" 2>/dev/null' EXIT
base="http://127.0.0.1:$port"
https=(-H "X-Forwarded-Proto: https")
for _ in $(seq 100); do curl -fso /dev/null "${https[@]}" "$base/" && break; sleep 0.2; done

hz=$(getconf CLK_TCK)
worker_ticks() {  # worker_ticks MASTER_PID: CPU clock ticks used so far by its workers
  local total=0 pid
  for pid in $(pgrep -P "$1"); do
    total=$((total + $(awk '{print $14 + $15}' "/proc/$pid/stat")))
  done
  echo "$total"
}
measure() {  # measure NAME MASTER_PID URL [HEADER]
  local name="$1" master="$2" url="$3" status before after out requests
  local headers=()
  [ -n "${4:-}" ] && headers=(-H "$4")
  status=$(curl -s -o /dev/null -w '%{http_code}' "${headers[@]}" "$url")
  [ "$status" = 200 ] || { echo "$url answered $status" >&2; exit 1; }
  for _ in $(seq 20); do curl -fso /dev/null "${headers[@]}" "$url"; done  # warm both workers
  before=$(worker_ticks "$master")
  out=$(wrk --threads 2 --connections "$connections" --duration "$duration" --latency \
    "${headers[@]}" "$url")
  after=$(worker_ticks "$master")
  requests=$(awk '/requests in/ {print $1}' <<<"$out")
  awk -v name="$name" -v req="$requests" -v ticks=$((after - before)) -v hz="$hz" '
    /Requests\/sec/ {rps = $2} / 50%/ {p50 = $2} / 99%/ {p99 = $2} /Non-2xx/ {bad = $0}
    END {printf "%-34s %8s %8s %8s %10.1f %s\n", name, rps, p50, p99, ticks * 1000 / hz / req, bad}
  ' <<<"$out"
}

post=$(curl -fs "${https[@]}" "$base/blog/" | grep -o 'href="/blog/[a-z0-9-]*/"' | head -1 | cut -d'"' -f2)
echo "bakerydemo $(git rev-parse --short HEAD 2>/dev/null || echo "$commit") in $dir;" \
  "wrk $duration, $connections connections; $(nproc) cores; $(cut -d' ' -f1-3 /proc/loadavg) load"
printf '%-34s %8s %8s %8s %10s\n' page req/s p50 p99 "CPU ms/req"
measure "bakerydemo blog page $post" "$demo_pid" "$base$post" "X-Forwarded-Proto: https"
measure "bakerydemo blog index /blog/" "$demo_pid" "$base/blog/" "X-Forwarded-Proto: https"

if [ -n "${QINGYUAN:-}" ]; then
  # Our pages on make prod's gunicorn directly (no Varnish in the way), the same load.
  var="$here/${QINGYUAN#"$here"/}"
  [ -d "$QINGYUAN" ] && var="$QINGYUAN"
  app=$(grep -o 'http://[^/]*' <(grep WAGTAILADMIN_BASE_URL "$var/env") | head -1)
  app_port=$(tr '\0' ' ' <"/proc/$(cat "$var/pids/gunicorn")/cmdline" | grep -o '127.0.0.1:[0-9]*')
  ours="http://$app_port"
  rebuttal=$(curl -fs "$ours/rumours/" | grep -oE 'href="/rumours/[^"/?]+/"' |
    grep -vE '/(verdicts|category|feed)/' | head -1 | cut -d'"' -f2)
  measure "qingyuan rebuttal $rebuttal" "$(cat "$var/pids/gunicorn")" "$ours$rebuttal"
  measure "qingyuan column /rumours/" "$(cat "$var/pids/gunicorn")" "$ours/rumours/"
  echo "(qingyuan: make prod's gunicorn at $ours, behind Varnish at $app)"
fi
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
