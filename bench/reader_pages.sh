#!/usr/bin/env bash
# Each reader page uncached: requests/s and CPU ms per request, at demo size or at N rebuttals.
#
#   bench/reader_pages.sh PATH/TO/rumours.jsonl [REBUTTALS]    # REBUTTALS: 50000 (default), 0 = demo
#
# The site comes from bench/reader_site.py (built once into var/bench-reader-*/ and reused: the
# corpus partly imported with import_rumours, then replicated to REBUTTALS live rebuttals).
# gunicorn serves cms.wsgi with 2 sync workers and production settings (DEBUG off, no page cache,
# no HTTPS redirect since there is no TLS here); wrk (Debian) drives each URL with 8 connections.
# CPU ms per request = the workers' user+system CPU time (from /proc) over the requests served:
# the steadier figure when the machine is shared. Warm-up requests come first, so that
# renditions and per-process caches are in place as on a running site.
set -euo pipefail
cd "$(dirname "$0")/.."
data="${1:?usage: $0 PATH/TO/rumours.jsonl [REBUTTALS]}"
rebuttals="${2:-50000}"
port="${PORT:-8799}"
duration="${DURATION:-15s}"
make --silent install
bash .ci/apt-ensure.sh wrk > /dev/null

var_dir="$(.venv/bin/python bench/reader_site.py "$data" --rebuttals "$rebuttals")"
scratch="$(mktemp -d /tmp/qingyuan-reader-bench.XXXXXX)"
export QINGYUAN_VAR_DIR="$var_dir" MEDIA_ROOT="$var_dir/media"
source bench/lib/serve.sh
serve_production "$port" / "$scratch"

echo "site: $var_dir ($(sqlite3 "$var_dir/qingyuan.sqlite3" 'select count(*) from debunk_rebuttalpage' 2>/dev/null || echo '?') rebuttals)"
printf '%-28s %8s %8s %8s %10s\n' page req/s p50 p99 "CPU ms/req"
while read -r name path; do
  url="$base$path"
  status=$(curl -s -o /dev/null -w '%{http_code}' "$url")
  [ "$status" = 200 ] || { echo "$url answered $status" >&2; exit 1; }
  for _ in $(seq 20); do curl -fso /dev/null "$url"; done  # warm both workers
  before=$(worker_ticks)
  out=$(wrk --threads 2 --connections 8 --duration "$duration" --latency "$url")
  after=$(worker_ticks)
  requests=$(awk '/requests in/ {print $1}' <<< "$out")
  awk -v name="$name" -v req="$requests" -v ticks=$((after - before)) -v hz="$hz" '
    /Requests\/sec/ {rps = $2} / 50%/ {p50 = $2} / 99%/ {p99 = $2} /Non-2xx/ {bad = $0}
    END {printf "%-28s %8s %8s %8s %10.1f %s\n", name, rps, p50, p99, ticks * 1000 / hz / req, bad}
  ' <<< "$out"
done <<'PAGES'
home /
column /rumours/
column-page-10 /rumours/?page=10
column-filtered /rumours/?verdict=false
rebuttal /rumours/demo-004/
series /videos/one-minute-truth/
campaigns /campaigns/
campaign /campaigns/say-something/
search /search/?q=%E7%96%AB%E8%8B%97
PAGES
