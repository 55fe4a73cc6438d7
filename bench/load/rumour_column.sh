#!/usr/bin/env bash
# Requests/s and latency of the rumour column and of one rebuttal, served the production way.
#
#   bench/load/rumour_column.sh [PATH/TO/extra.jsonl]
#
# A scratch SQLite database gets the demo content (229 rebuttals); give a JSON-lines file
# (e.g. ../shared/data/rumours.jsonl) to import it on top, for a column of thousands.
# gunicorn serves cms.wsgi with 2 sync workers, production settings (DEBUG off, a throwaway
# SECRET_KEY, no HTTPS redirect since there is no TLS here) and no page cache; `wrk` from
# Debian drives it with 8 connections. Prints req/s and p50/p99 for each URL, plus the HTML
# size of the rebuttal page. Warm-up requests come first so that renditions and per-process
# caches are in place, as they are on a running site.
set -euo pipefail
cd "$(dirname "$0")/../.."
extra="${1:-}"
port="${PORT:-8799}"
duration="${DURATION:-20s}"
make --silent install
bash .ci/apt-ensure.sh wrk

scratch="$(mktemp -d /tmp/qingyuan-load-bench.XXXXXX)"
export QINGYUAN_VAR_DIR="$scratch" MEDIA_ROOT="$scratch/media"
export LOG_LEVEL=WARNING
.venv/bin/python manage.py migrate --no-input -v 0
.venv/bin/python manage.py load_demo > /dev/null
if [ -n "$extra" ]; then
  .venv/bin/python manage.py import_rumours "$extra" --publish-incomplete 2> /dev/null | tail -1
fi

source bench/lib/serve.sh
serve_production "$port" /rumours/ "$scratch"
column="$base/rumours/"
rebuttal="$base/rumours/demo-004/"  # a typical team rebuttal: sources, a correction, related
for url in "$column" "$rebuttal"; do
  status=$(curl -s -o /dev/null -w '%{http_code}' "$url")
  [ "$status" = 200 ] || { echo "$url answered $status" >&2; exit 1; }
  for _ in $(seq 20); do curl -fso /dev/null "$url"; done  # warm both workers
done

bytes=$(curl -s "$rebuttal" | wc -c)
gzipped=$(curl -s "$rebuttal" | gzip -9 | wc -c)
echo "rebuttal page HTML: $bytes bytes ($gzipped gzipped)"

for url in "$column" "$rebuttal"; do
  echo "== $url"
  wrk --threads 2 --connections 8 --duration "$duration" --latency "$url" \
    | awk '/Requests\/sec/ {print "  req/s " $2} / 50%/ {print "  p50   " $2} / 99%/ {print "  p99   " $2} /Non-2xx/ {print "  " $0}'
done
