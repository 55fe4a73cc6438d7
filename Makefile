# Qingyuan (清源): `make run` starts the site, `make test` passes the tests.
# Both install what they need themselves; see README.md.

SHELL := /bin/bash
.DEFAULT_GOAL := help

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PY := $(BIN)/python
STAMP := $(VENV)/.installed
HOST ?= 127.0.0.1
PORT ?= 8000
MANAGE := $(PY) manage.py
# make run and make demo: mails, exports and the demo site's links name the address served.
run demo: export WAGTAILADMIN_BASE_URL ?= http://$(HOST):$(PORT)

PG_PORT ?= 54329
PG_DIR ?= /tmp/qingyuan-pg-$(PG_PORT)
PG_URL := postgres://qingyuan:qingyuan@127.0.0.1:$(PG_PORT)/qingyuan

.PHONY: help
help: ## list the targets
	@grep -E '^[a-zA-Z_-]+:.*?## ' $(MAKEFILE_LIST) | awk 'BEGIN {FS = ":.*?## "}; {printf "  make %-16s %s\n", $$1, $$2}'

# The virtualenv is rebuilt only when pyproject.toml changes, so a second run starts in seconds.
$(STAMP): pyproject.toml
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check --upgrade pip
	$(PY) -m pip install --quiet --disable-pip-version-check -e '.[dev]'
	@touch $(STAMP)

.PHONY: install
install: $(STAMP) messages ## create .venv and install the project with its dev tools

# Our translations (locale/*/LC_MESSAGES/*.po) compiled by GNU msgfmt (Debian's gettext); the
# .mo files are build output, not committed. Each is rebuilt only when its .po changes.
MESSAGES_MO := $(patsubst %.po,%.mo,$(wildcard locale/*/LC_MESSAGES/*.po))

.PHONY: messages
messages: $(MESSAGES_MO) ## compile the project's translations (locale/…/*.po → .mo)

.PHONY: gettext-tools
gettext-tools:
	@bash .ci/apt-ensure.sh gettext

locale/%.mo: locale/%.po | gettext-tools
	msgfmt --check --output-file=$@ $<

.PHONY: run
run: $(STAMP) messages video-deps ## migrate, load the demo content and serve http://127.0.0.1:8000
	$(MANAGE) migrate --no-input -v 0
	$(MANAGE) load_demo
	@echo "清源 is starting:  site http://$(HOST):$(PORT)/   admin http://$(HOST):$(PORT)/admin/"
	$(MANAGE) runserver $(HOST):$(PORT)

.PHONY: prod
prod: $(STAMP) messages prod-deps ## the production topology on http://127.0.0.1:8080: Varnish, gunicorn, Redis, the worker (docs/deploy.md)
	bash deploy/prod.sh

.PHONY: prod-deps
prod-deps: ## install Debian's varnish, redis-server, ffmpeg and CJK fonts if missing
	@bash .ci/apt-ensure.sh varnish redis-server ffmpeg fonts-noto-cjk

.PHONY: demo
demo: $(STAMP) messages video-deps ## (re)load the demo content only
	$(MANAGE) migrate --no-input -v 0
	$(MANAGE) load_demo

.PHONY: video-deps
video-deps: ## install Debian's ffmpeg (video probing, demo clips) and CJK fonts if missing
	@bash .ci/apt-ensure.sh ffmpeg fonts-noto-cjk

.PHONY: system-deps
system-deps: ## install Debian packages the tests need (only those missing)
	@bash .ci/apt-ensure.sh chromium fonts-noto-cjk ffmpeg openjdk-17-jdk-headless maven gettext nodejs curl varnish redis-server

.PHONY: search-engine
search-engine: ## run the local OpenSearch node in the foreground on :9250 (Ctrl-C stops it)
	search/engine/opensearch.sh run

.PHONY: test
test: $(STAMP) system-deps messages ## the whole suite on SQLite; search tests also on a throwaway OpenSearch node
	bash .ci/with-opensearch.sh $(BIN)/pytest

.PHONY: test-postgres
test-postgres: $(STAMP) messages ## the suite on a real PostgreSQL server (search: its database backend)
	@bash .ci/apt-ensure.sh postgresql chromium fonts-noto-cjk ffmpeg nodejs curl varnish
	@bash .ci/postgres.sh start $(PG_PORT) $(PG_DIR)
	DATABASE_URL=$(PG_URL) $(BIN)/pytest -m "not engine"; status=$$?; bash .ci/postgres.sh stop $(PG_PORT) $(PG_DIR); exit $$status

.PHONY: lint
lint: $(STAMP) ## ruff, the import layers (import-linter) and no missing migrations
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports
	$(MANAGE) makemigrations --check --dry-run

.PHONY: format
format: $(STAMP) ## apply ruff fixes and formatting
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

.PHONY: check-deploy
check-deploy: $(STAMP) ## Django's deployment checklist against the production settings
	SECRET_KEY=$${SECRET_KEY:-$$(head -c 48 /dev/urandom | base64)} ALLOWED_HOSTS=$${ALLOWED_HOSTS:-example.org} \
		$(MANAGE) check --deploy --fail-level WARNING --settings=cms.settings.production

.PHONY: clean
clean: ## remove the virtualenv, the local database and media
	rm -rf $(VENV) var media static $(MESSAGES_MO)
