# Two commands on a fresh machine: `make run` (set up and serve) and `make test`.
SHELL := /bin/bash
PYTHON_BOOTSTRAP ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
PORT ?= 8000
CHROMIUM ?= /usr/bin/chromium

.PHONY: setup setup-test run test lint typecheck format chromium nginx messages benchmark bench wrk clean vnu vendor

$(PY):
	$(PYTHON_BOOTSTRAP) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip

# Stamps make a second `make setup` a no-op until pyproject.toml changes.
$(VENV)/.installed: pyproject.toml | $(PY)
	$(PY) -m pip install --quiet -e .
	touch $@

$(VENV)/.installed-test: pyproject.toml $(VENV)/.installed
	$(PY) -m pip install --quiet -e ".[test]"
	touch $@

setup: $(VENV)/.installed

setup-test: $(VENV)/.installed-test chromium nginx

# $(1): a Debian package; $(2): a shell test that holds once it is installed; $(3): what for.
define apt_install
	@if ! $(2); then \
		echo "Installing Debian's $(1) for $(3)"; \
		SUDO=$$( [ "$$(id -u)" -eq 0 ] || echo sudo ); \
		$$SUDO apt-get update -qq && \
		DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq $(1) >/dev/null; \
	fi
endef

chromium:
	$(call apt_install,chromium,[ -x "$(CHROMIUM)" ],the browser tests)

# The production recipe's reverse proxy (deploy/nginx.conf), which tests/deploy runs.
nginx:
	$(call apt_install,nginx,command -v nginx >/dev/null || [ -x /usr/sbin/nginx ],the reverse-proxy tests)

# Debug is off by default (pilates/settings.py); a local run turns it on.
run: export DJANGO_DEBUG ?= 1
run: setup
	$(PY) manage.py migrate --noinput
	$(PY) manage.py import_exercises fixtures/
	$(PY) manage.py import_workouts fixtures/workouts/
	$(PY) manage.py runserver 127.0.0.1:$(PORT)

lint: $(VENV)/.installed-test
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

# django-stubs; strict for the modules pyproject.toml names, the rest checked loosely.
typecheck: $(VENV)/.installed-test
	$(VENV)/bin/mypy

format: $(VENV)/.installed-test
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

# The W3C Nu HTML checker for the `vnu` tests (Java runs it); where npm or the network is
# missing the tests that need it are skipped, except in CI (.ci/run sets REQUIRE_VNU).
VNU_JAR := .vnu/node_modules/vnu-jar/build/dist/vnu.jar

$(VNU_JAR):
	-npm install --prefix .vnu --no-audit --no-fund --ignore-scripts vnu-jar@26.9.27 >/dev/null

vnu: $(VNU_JAR)

test: setup-test lint typecheck vnu
	$(PY) manage.py makemigrations --check --dry-run
	$(VENV)/bin/pytest

# Rebuilds the Spanish catalogue (needs GNU gettext); the compiled .mo is committed.
messages: $(VENV)/.installed
	$(PY) manage.py makemessages -l es --ignore=.venv --ignore=tests
	$(PY) manage.py compilemessages -l es --ignore=.venv

# Browser packages the admin serves itself (no CDN), pinned here and committed under
# static/vendor/ with their licences; `make vendor` re-fetches them from the npm registry
# (npm checks each tarball against the registry's integrity hash).
MARKDOWN_TOOLBAR_VERSION := 2.2.3
MARKDOWN_TOOLBAR_DIR := static/vendor/markdown-toolbar-element

vendor:
	@set -euo pipefail; \
	work=$$(mktemp -d); trap 'rm -rf "$$work"' EXIT; \
	npm pack --silent --pack-destination "$$work" \
		@github/markdown-toolbar-element@$(MARKDOWN_TOOLBAR_VERSION) >/dev/null; \
	tar -xzf "$$work"/github-markdown-toolbar-element-$(MARKDOWN_TOOLBAR_VERSION).tgz -C "$$work"; \
	mkdir -p $(MARKDOWN_TOOLBAR_DIR); \
	cp "$$work/package/dist/index.js" $(MARKDOWN_TOOLBAR_DIR)/markdown-toolbar-element.js; \
	cp "$$work/package/LICENSE" $(MARKDOWN_TOOLBAR_DIR)/LICENSE; \
	printf '%s\n' "@github/markdown-toolbar-element $(MARKDOWN_TOOLBAR_VERSION)" \
		"MIT licence (LICENSE); dist/index.js from the npm registry, unchanged." \
		"Re-fetch with: make vendor" > $(MARKDOWN_TOOLBAR_DIR)/VERSION; \
	echo "Vendored @github/markdown-toolbar-element $(MARKDOWN_TOOLBAR_VERSION) into $(MARKDOWN_TOOLBAR_DIR)"

benchmark: $(VENV)/.installed
	$(PY) benchmarks/import_speed.py

wrk:
	$(call apt_install,wrk,command -v wrk >/dev/null,the load benchmarks)

# Seeds N demo exercises per run and writes docs/benchmarks.md (minutes; not part of `make test`).
# Settings (BENCH_RUNS, BENCH_CACHE, BENCH_POSTGRES_URL, BENCH_REDIS_URL...): benchmarks/bench.py.
bench: $(VENV)/.installed wrk
	$(PY) benchmarks/bench.py

clean:
	rm -rf $(VENV) staticfiles .pytest_cache .ruff_cache .vnu
