# Safeguard: the two commands a newcomer runs are `make run` and `make test`.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
PY_STAMP := $(VENV)/.installed
NPM_STAMP := frontend/node_modules/.installed
DEMO_CHILDREN ?= 400
DEMO_SEED ?= 2026
TEST_WORKERS ?= 2

.PHONY: run test lint bench install migrate seed clean validators

$(PY_STAMP): requirements.lock
	$(PYTHON) -m venv $(VENV)
	$(VENV)/bin/pip install --quiet --disable-pip-version-check -r requirements.lock
	touch $(PY_STAMP)

$(NPM_STAMP): frontend/package.json frontend/package-lock.json
	cd frontend && npm ci --no-audit --no-fund --loglevel=error
	touch $(NPM_STAMP)

install: $(PY_STAMP) $(NPM_STAMP)

migrate: install
	$(PY) manage.py migrate --no-input -v0

# The demo: SQLite, a seeded synthetic authority, the logins, and the server.
run: export DATABASE_URL :=
run: migrate
	$(PY) manage.py collectstatic --no-input -v0
	$(PY) manage.py seed_demo --if-empty --children $(DEMO_CHILDREN) --seed $(DEMO_SEED)
	$(PY) manage.py demo_logins
	$(PY) manage.py runserver 127.0.0.1:8000

# The whole suite, browser tests included; PostgreSQL when DATABASE_URL is set.
test: install validators
	$(PY) -m pytest -n $(TEST_WORKERS) --dist loadgroup -q

lint: install
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/mypy safeguard

# Every benchmark at full scale; each prints BENCH lines (see DESIGN.md).
bench: install
	bash bench/run_all.sh

# The field's own DfE validators for the returns (csc-validator-be-cin, -903) in their own
# Python 3.11 environment, since they pin pandas<2; installed from validators/requirements.lock.
validators:
	@if [ ! -f .venv-validators/.installed ] || [ validators/requirements.lock -nt .venv-validators/.installed ]; then \
		python3.11 -m venv .venv-validators && \
		.venv-validators/bin/pip install --quiet --disable-pip-version-check -r validators/requirements.lock && \
		touch .venv-validators/.installed; \
	fi

clean:
	rm -rf $(VENV) frontend/node_modules staticfiles db.sqlite3*
