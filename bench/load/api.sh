#!/usr/bin/env bash
# Responses/s, latency and server CPU per response of the public read API (/api/v2/),
# served the production way.
#
#   bench/load/api.sh [PATH/TO/extra.jsonl]
#
# A scratch SQLite database gets the demo content (229 rebuttals); give a JSON-lines file
# (e.g. ../shared/data/rumours.jsonl) to import it on top. gunicorn serves cms.wsgi with 2 sync
# workers, production settings and the API's rate limit raised out of the way; `wrk` from
# Debian drives it with 8 connections. For each URL: req/s, p50/p99 and the gunicorn workers'
# CPU milliseconds per response (read from /proc: steadier than req/s on a shared machine).
set -euo pipefail
cd "$(dirname "$0")/../.."
extra="${1:-}"
port="${PORT:-8798}"
duration="${DURATION:-20s}"
make --silent install
bash .ci/apt-ensure.sh wrk

scratch="$(mktemp -d /tmp/qingyuan-api-bench.XXXXXX)"
export QINGYUAN_VAR_DIR="$scratch" MEDIA_ROOT="$scratch/media"
export LOG_LEVEL=WARNING
.venv/bin/python manage.py migrate --no-input -v 0
.venv/bin/python manage.py load_demo > /dev/null
if [ -n "$extra" ]; then
  .venv/bin/python manage.py import_rumours "$extra" --publish-incomplete 2> /dev/null | tail -1
fi

export API_REQUESTS_PER_IP=100000000
source bench/lib/serve.sh
serve_production "$port" /api/v2/pages/ "$scratch"
base="$base/api/v2"

list="$base/pages/?type=debunk.RebuttalPage&fields=*&limit=20"
id=$(curl -s "$base/pages/?type=debunk.RebuttalPage&limit=1" | python3 -c 'import json,sys; print(json.load(sys.stdin)["items"][0]["id"])')
detail="$base/pages/$id/"
feed="$base/claimreviews/?limit=50"
etag=$(curl -sI "$list" | awk 'tolower($1)=="etag:" {print $2}' | tr -d '\r')

run() {  # name url [header]
  local name="$1" url="$2" header="${3:-}" before after out requests
  for _ in $(seq 20); do curl -so /dev/null ${header:+-H "$header"} "$url"; done  # warm both workers
  before=$(worker_ticks)
  out=$(wrk --threads 2 --connections 8 --duration "$duration" --latency ${header:+-H "$header"} "$url")
  after=$(worker_ticks)
  requests=$(echo "$out" | awk '/requests in/ {print $1}')
  echo "== $name"
  echo "$out" | awk '/Requests\/sec/ {print "  req/s  " $2} / 50%/ {print "  p50    " $2} / 99%/ {print "  p99    " $2} /Non-2xx/ {print "  " $0}'
  echo "  CPU ms/response  $(python3 -c "print(round(($after - $before) * 1000 / $hz / $requests, 2))")"
}

run "list (20 rebuttals, fields=*)" "$list"
run "detail (one rebuttal)" "$detail"
run "list, If-None-Match (304)" "$list" "If-None-Match: $etag"
run "ClaimReview feed (50 items)" "$feed"
