# One entry point for people and CI. `make run` serves the demo site; `make test` runs the
# whole suite on SQLite, then on PostgreSQL.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
PG_URL ?= postgres://postgres@127.0.0.1:5432/racesite

.PHONY: install run demo test test-sqlite test-postgres postgres browser bench lint clean

install: $(VENV)/.installed node_modules/.installed

$(VENV)/.installed: requirements.txt requirements-dev.txt
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet -r requirements-dev.txt
	touch $@

# axe-core, which the browser test injects into every page it checks (versions pinned in package-lock.json).
# Without npm the accessibility checks skip, unless REQUIRE_BROWSER is set (CI), where they fail.
node_modules/.installed: package.json package-lock.json
	@command -v npm >/dev/null || { [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null && \
	  (apt-get update -qq && apt-get install -y -qq npm >/dev/null); } || true
	@if command -v npm >/dev/null; then npm ci --no-audit --no-fund --loglevel=error && touch $@; \
	else echo "npm is not installed: the browser test's accessibility checks will skip (apt-get install npm)"; fi

demo: install
	$(BIN)/python manage.py migrate --noinput
	$(BIN)/python manage.py load_demo

run: demo
	$(BIN)/python manage.py runserver 127.0.0.1:8000

test: test-sqlite test-postgres

# ruff (lint rules and formatting) on everything, mypy with django-stubs on results/ and racesite/.
lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy

test-sqlite: install browser
	$(BIN)/pytest

test-postgres: install browser postgres
	DATABASE_URL=$(PG_URL) $(BIN)/pytest

# The browser test drives Debian's Chromium; install it where we may (root with apt), else it skips.
browser:
	@test -x /usr/bin/chromium || { [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null && \
	  (apt-get update -qq && apt-get install -y -qq chromium >/dev/null) || \
	  echo "Chromium is not installed: the browser test will skip (sudo apt-get install chromium)"; }

# Makes sure a PostgreSQL server answers on 127.0.0.1:5432, starting the local cluster if
# there is one; otherwise says how to get one.
postgres:
	@bash bin/ensure-postgres

# Full-history benchmarks on both databases (needs ../shared); each exits non-zero on a missed target.
bench: install postgres
	$(BIN)/python bench/pages.py
	$(BIN)/python bench/pages.py --postgres

clean:
	rm -rf $(VENV) node_modules db.sqlite3 db.sqlite3-* staticfiles artifacts
