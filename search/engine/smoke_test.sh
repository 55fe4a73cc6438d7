#!/usr/bin/env bash
# End-to-end check of the embedded node: starts a throw-away node on its own port and
# data dir, exercises the features the site relies on over plain HTTP, stops it and
# checks the port is free again. Needs only bash, python3 and Maven/JDK (for the build).
#
#   search/engine/smoke_test.sh          (OPENSEARCH_PORT defaults to 9259 here)
set -euo pipefail
ENGINE_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
export OPENSEARCH_PORT="${OPENSEARCH_PORT:-9259}"
# Always a fresh private data dir (never the developer's), removed at exit.
OPENSEARCH_DATA="$(mktemp -d -t opensearch-smoke.XXXXXX)"
export OPENSEARCH_DATA
cleanup() { "$ENGINE_DIR/opensearch.sh" stop || true; rm -rf "$OPENSEARCH_DATA"; }
trap cleanup EXIT

url="$("$ENGINE_DIR/opensearch.sh" start)"
pid="$(cat "$OPENSEARCH_DATA/opensearch.pid")"

python3 - "$url" <<'PY'
import json, sys, urllib.request

URL = sys.argv[1]
passed = failed = 0

def req(method, path, body=None, ndjson=False):
    data = None
    headers = {}
    if body is not None:
        data = body.encode() if isinstance(body, str) else json.dumps(body).encode()
        headers["Content-Type"] = "application/x-ndjson" if ndjson else "application/json"
    r = urllib.request.Request(URL + path, data=data, method=method, headers=headers)
    with urllib.request.urlopen(r, timeout=30) as resp:
        return json.loads(resp.read().decode())

def check(name, cond, detail=""):
    global passed, failed
    if cond:
        passed += 1
        print(f"ok   {name}")
    else:
        failed += 1
        print(f"FAIL {name} {detail}")

req("PUT", "/smoke_v1", {
    "settings": {"number_of_shards": 1, "analysis": {"analyzer": {
        "zh": {"type": "custom", "tokenizer": "icu_tokenizer", "filter": ["icu_folding"]},
        "zh_bigram": {"type": "custom", "tokenizer": "standard",
                      "filter": ["cjk_width", "lowercase", "cjk_bigram"]}}}},
    "mappings": {"properties": {
        "title": {"type": "text", "analyzer": "zh", "fields": {"smart": {"type": "text", "analyzer": "smartcn"}}},
        "title_sayt": {"type": "search_as_you_type", "analyzer": "zh_bigram"},
        "body": {"type": "text", "analyzer": "zh"},
        "tags": {"type": "keyword"},
        "suggest": {"type": "completion"}}}})

docs = [
    ("1", "清远旅游攻略：漂流与温泉", "清远位于广东省北部，以漂流、温泉和喀斯特地貌闻名。周末从广州出发很方便。", ["旅游", "温泉"], ["清远旅游攻略", "清远漂流"]),
    ("2", "清远鸡的做法", "清远鸡是广东名菜，白切鸡最能体现清远鸡的鲜嫩口感。", ["美食"], ["清远鸡"]),
    ("3", "广州到清远的交通指南", "从广州乘坐高铁到清远只需半小时，也可以自驾前往温泉度假区。", ["旅游", "交通"], ["广州到清远交通"]),
    ("4", "Hot springs guide", "Qingyuan hot springs and rafting are weekend trips from Guangzhou.", ["travel"], ["hot springs"]),
]
lines = []
for _id, title, body, tags, sugg in docs:
    lines.append(json.dumps({"index": {"_index": "smoke_v1", "_id": _id}}))
    lines.append(json.dumps({"title": title, "title_sayt": title, "body": body, "tags": tags, "suggest": sugg},
                            ensure_ascii=False))
r = req("POST", "/_bulk?refresh=true", "\n".join(lines) + "\n", ndjson=True)
check("bulk", not r["errors"] and len(r["items"]) == 4)

toks = [t["token"] for t in req("POST", "/smoke_v1/_analyze", {"analyzer": "zh", "text": "清远旅游攻略"})["tokens"]]
check("icu_tokenizer segments Chinese words", toks == ["清远", "旅游", "攻略"], toks)

r = req("POST", "/smoke_v1/_search", {
    "query": {"bool": {
        "must": [{"multi_match": {"query": "清远温泉", "fields": ["title^3", "title.smart", "body"]}}],
        "should": [{"match_phrase": {"body": "广州出发"}}]}},
    "aggs": {"by_tag": {"terms": {"field": "tags"}}},
    "highlight": {"fields": {"title": {}, "body": {}}}})
hits = r["hits"]["hits"]
check("multi_match+bool ranks doc 1 first", hits and hits[0]["_id"] == "1", [h["_id"] for h in hits])
check("highlight", hits and "<em>温泉</em>" in "".join(hits[0]["highlight"]["title"]), hits[:1])
buckets = {b["key"]: b["doc_count"] for b in r["aggregations"]["by_tag"]["buckets"]}
check("terms aggregation", buckets.get("旅游") == 2, buckets)

r = req("POST", "/smoke_v1/_search", {"query": {"match_phrase": {"body": "白切鸡"}}})
check("match_phrase", [h["_id"] for h in r["hits"]["hits"]] == ["2"])

r = req("POST", "/smoke_v1/_search", {"query": {"more_like_this": {
    "fields": ["title", "body"], "like": [{"_index": "smoke_v1", "_id": "1"}],
    "min_term_freq": 1, "min_doc_freq": 1, "minimum_should_match": "10%"}}})
ids = [h["_id"] for h in r["hits"]["hits"]]
check("more_like_this", "3" in ids and "1" not in ids, ids)

r = req("POST", "/smoke_v1/_search", {"suggest": {"s": {"prefix": "清远", "completion": {"field": "suggest"}}}})
opts = [o["text"] for o in r["suggest"]["s"][0]["options"]]
check("completion suggester", set(opts) == {"清远旅游攻略", "清远鸡"}, opts)

r = req("POST", "/smoke_v1/_search", {"query": {"multi_match": {
    "query": "清远旅", "type": "bool_prefix",
    "fields": ["title_sayt", "title_sayt._2gram", "title_sayt._3gram"]}}})
check("search_as_you_type", r["hits"]["hits"] and r["hits"]["hits"][0]["_id"] == "1")

req("POST", "/_aliases", {"actions": [{"add": {"index": "smoke_v1", "alias": "smoke"}}]})
req("PUT", "/smoke_v2", {"settings": {"number_of_shards": 1}})
r = req("POST", "/_reindex?refresh=true", {"source": {"index": "smoke_v1"}, "dest": {"index": "smoke_v2"}})
check("reindex", r["created"] == 4, r)
req("POST", "/_aliases", {"actions": [{"remove": {"index": "smoke_v1", "alias": "smoke"}},
                                      {"add": {"index": "smoke_v2", "alias": "smoke"}}]})
check("alias swap", list(req("GET", "/_alias/smoke")) == ["smoke_v2"])
check("count via alias", req("GET", "/smoke/_count")["count"] == 4)
check("cluster green", req("GET", "/_cluster/health")["status"] == "green")

print(f"{passed} passed, {failed} failed")
sys.exit(1 if failed else 0)
PY

echo "RSS of node: $(($(ps -o rss= -p "$pid") / 1024)) MiB"
"$ENGINE_DIR/opensearch.sh" stop
if (exec 3<>"/dev/tcp/127.0.0.1/$OPENSEARCH_PORT") 2>/dev/null; then
  echo "FAIL port $OPENSEARCH_PORT still open after stop"; exit 1
fi
echo "port $OPENSEARCH_PORT free after stop"
