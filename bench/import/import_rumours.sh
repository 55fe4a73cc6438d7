#!/usr/bin/env bash
# Import throughput of `manage.py import_rumours` on a scratch SQLite database.
#
#   bench/import/import_rumours.sh PATH/TO/rumours.jsonl
#
# Builds a throwaway database (migrate + load_demo, which creates the column), then imports
# PATH with --publish-incomplete and prints the command's summary: created/invalid counts and
# records (lines) per second. Nothing is written outside a temporary directory.
set -euo pipefail
cd "$(dirname "$0")/../.."
data="${1:?usage: $0 PATH/TO/rumours.jsonl}"
[ -f "$data" ] || { echo "no such file: $data" >&2; exit 2; }
make --silent install

scratch="$(mktemp -d /tmp/qingyuan-import-bench.XXXXXX)"
trap 'rm -rf "$scratch"' EXIT
export QINGYUAN_VAR_DIR="$scratch" MEDIA_ROOT="$scratch/media" LOG_LEVEL=WARNING
.venv/bin/python manage.py migrate --no-input -v 0
.venv/bin/python manage.py load_demo > /dev/null

echo "== import_rumours $data --publish-incomplete (warnings to $scratch/warnings.log)"
start=$(date +%s.%N)
# Exit code 3: some lines were invalid (warned and skipped), the rest imported.
.venv/bin/python manage.py import_rumours "$data" --publish-incomplete 2> "$scratch/warnings.log" \
  || [ $? -eq 3 ]
end=$(date +%s.%N)
echo "warnings: $(wc -l < "$scratch/warnings.log") lines; wall time incl. start-up: $(echo "$end - $start" | bc) s"

echo "== second run (idempotent: everything unchanged)"
.venv/bin/python manage.py import_rumours "$data" --publish-incomplete 2> /dev/null || [ $? -eq 3 ]
