#!/usr/bin/env bash
# Run a command with a throwaway OpenSearch node for the search tests, then stop the node,
# whatever the command's outcome (success, failure, Ctrl-C).
#
#   .ci/with-opensearch.sh COMMAND [ARGS...]
#
# The node (search/engine, built by Maven on first use) listens on a free local port, keeps its
# data in var/opensearch-test (wiped first) and is handed to the command as
# TEST_SEARCH_URL=opensearch+http://127.0.0.1:PORT. Override with OPENSEARCH_PORT / _DATA.
set -euo pipefail
cd "$(dirname "$0")/.."

free_port() {
  python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

export OPENSEARCH_PORT="${OPENSEARCH_PORT:-$(free_port)}"
export OPENSEARCH_TRANSPORT_PORT="${OPENSEARCH_TRANSPORT_PORT:-$(free_port)}"
export OPENSEARCH_DATA="${OPENSEARCH_DATA:-$PWD/var/opensearch-test}"
engine=search/engine/opensearch.sh

# A node left over from an interrupted run on this data dir goes first, with its indices.
"$engine" stop >/dev/null 2>&1 || true
rm -rf "$OPENSEARCH_DATA/data"

trap '"$engine" stop >/dev/null 2>&1 || true' EXIT
trap 'exit 130' INT TERM
url="$("$engine" start)"
export TEST_SEARCH_URL="opensearch+$url"
echo "with-opensearch: TEST_SEARCH_URL=$TEST_SEARCH_URL" >&2
"$@"
