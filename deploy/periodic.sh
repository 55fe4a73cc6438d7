#!/usr/bin/env bash
# The periodic jobs, run once: scheduled publishing (Wagtail), engine updates deferred while the
# engine was down, the search statistics counted in the cache, finished job records older than
# TASK_RESULTS_KEEP_DAYS (failed ones are kept). A systemd timer (deploy/systemd/) or make prod
# runs it every minute; each job is idempotent, so an overlap or a missed minute does no harm.
set -uo pipefail
trap 'exit 130' INT TERM
cd "$(dirname "$0")/.."
PY="${PYTHON:-.venv/bin/python}"
status=0
"$PY" manage.py publish_scheduled || status=$?
"$PY" manage.py search_reindex --pending || status=$?
"$PY" manage.py flush_search_stats || status=$?
# Failed runs stay (ten years) until an admin has looked: the record of what went wrong.
"$PY" manage.py prune_db_task_results --queue-name '*' \
  --min-age-days "${TASK_RESULTS_KEEP_DAYS:-14}" --failed-min-age-days 3650 || status=$?
exit $status
