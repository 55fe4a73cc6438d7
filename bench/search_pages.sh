#!/usr/bin/env bash
# The reader search page over HTTP: latency and CPU ms per request, on the database backend and
# (when SEARCH_URL names an engine that holds the site's index) on the engine.
#
#   bench/search_pages.sh VAR_DIR [SEARCH_URL [SEARCH_INDEX]]
#
# VAR_DIR is a built site (bench/search_recall.py --site DIR, or bench/reader_site.py followed
# by `manage.py search_reindex`). gunicorn serves cms.wsgi with 2 sync workers and production
# settings (DEBUG off, no HTTPS redirect: no TLS here); wrk (Debian) cycles through the queries
# below (fragments, words, phrases, a pasted message, a filter) with CONNECTIONS (default 4)
# connections: 1 is one reader at a time (the page's own latency), 4 keeps both workers busy.
# CPU ms per request = the workers' user+system CPU time (from /proc) over the requests served:
# the steadier figure on a shared machine. With ENGINE_PID (the OpenSearch node's pid) the
# engine's CPU per request is reported too.
set -euo pipefail
cd "$(dirname "$0")/.."
var_dir="$(realpath "${1:?usage: $0 VAR_DIR [SEARCH_URL [SEARCH_INDEX]]}")"
export SEARCH_URL="${2:-}"
export SEARCH_INDEX="${3:-qy-bench-recall}"
port="${PORT:-18130}"
duration="${DURATION:-20s}"
connections="${CONNECTIONS:-4}"
bash .ci/apt-ensure.sh wrk > /dev/null

scratch="$(mktemp -d /tmp/qingyuan-search-bench.XXXXXX)"
export QINGYUAN_VAR_DIR="$var_dir" MEDIA_ROOT="$var_dir/media"
# Counted searches go to the cache; no flush task during the run.
export SEARCH_STATS_FLUSH_EVERY=1000000
source bench/lib/serve.sh
serve_production "$port" /search/ "$scratch"

cat > "$scratch/queries.lua" <<'LUA'
local queries = {
  "网传", "疫苗", "名游客参", "只是判罚较轻", "医疗军舰 纽约港", "朋友帮忙", "拉迪沃斯",
  "新冠病毒 疫苗 接种", "地震", "跳楼", "骗局 快递", "都是在", "謠言", "塑料大米",
  "紧急通知！朋友圈都在转：小区门口的5G基站会传播新冠病毒，大家联合起来要求拆除",
  "网传&verdict=false", "转发", "食品安全", "微信群", "喝热柠檬水",
}
local n = 0
request = function()
  n = n + 1
  local q = queries[(n % #queries) + 1]
  local extra = ""
  local amp = string.find(q, "&", 1, true)
  if amp then extra = string.sub(q, amp); q = string.sub(q, 1, amp - 1) end
  q = string.gsub(q, "([^%w])", function(c) return string.format("%%%02X", string.byte(c)) end)
  return wrk.format("GET", "/search/?q=" .. q .. extra)
end
-- wrk's --latency table stops at 90 and 99: the issue's target is the 95th percentile.
done = function(summary, latency, requests)
  io.write(string.format("p95 %.1fms\n", latency:percentile(95) / 1000))
end
LUA
# Warm up: every query reaches both workers (the first pasted message loads jieba's IDF table).
wrk --threads 2 --connections 4 --duration 5s -s "$scratch/queries.lua" "$base" > /dev/null

engine_ticks() { [ -n "${ENGINE_PID:-}" ] && awk '{print $14 + $15}' "/proc/$ENGINE_PID/stat" || echo 0; }
engine_before=$(engine_ticks)
before=$(worker_ticks)
out=$(wrk --threads 1 --connections "$connections" --duration "$duration" --latency -s "$scratch/queries.lua" "$base")
after=$(worker_ticks)
engine_after=$(engine_ticks)
requests=$(awk '/requests in/ {print $1}' <<< "$out")
echo "backend: ${SEARCH_URL:-database}  site: $var_dir  connections: $connections"
awk -v req="$requests" -v ticks=$((after - before)) -v eticks=$((engine_after - engine_before)) -v hz="$hz" '
  /Requests\/sec/ {rps = $2} / 50%/ {p50 = $2} / 90%/ {p90 = $2} /^p95 / {p95 = $2} / 99%/ {p99 = $2} /Non-2xx/ {bad = $0}
  END {printf "req/s %s  p50 %s  p90 %s  p95 %s  p99 %s  CPU ms/req %.1f (engine %.1f) %s\n", rps, p50, p90, p95, p99, ticks * 1000 / hz / req, eticks * 1000 / hz / req, bad}
' <<< "$out"
