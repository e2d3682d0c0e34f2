# Kokeilu: `make demo` serves the product with demo data on SQLite; `make test` runs the whole suite.
SHELL := /bin/bash
PORT ?= 8000
PYTHON := .venv/bin/python
UV := .tools/bin/uv
DEMO_ENV := env -u DATABASE_URL DJANGO_SETTINGS_MODULE=config.settings.local

.PHONY: demo test install node messages chromium lint check pytest bench bench-catalogue bench-library bench-analytics clean

$(UV):
	python3 -m venv .tools
	.tools/bin/pip install --quiet --disable-pip-version-check "uv==0.13.8"

.venv/.synced: pyproject.toml uv.lock | $(UV)
	$(UV) sync --frozen --quiet
	touch $@

node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

install: .venv/.synced node_modules/.installed messages

node: node_modules/.installed

messages: .venv/.synced
	$(PYTHON) manage.py compilemessages --ignore=.venv --ignore=node_modules --ignore=.tools -v 0

# Debian's Chromium drives the browser tests; Playwright's own browser download is not reachable here.
chromium:
	@command -v chromium >/dev/null 2>&1 || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; }

demo: install
	mkdir -p var
	$(DEMO_ENV) $(PYTHON) manage.py migrate --no-input -v 0
	$(DEMO_ENV) $(PYTHON) manage.py load_demo
	$(DEMO_ENV) $(PYTHON) manage.py runserver 127.0.0.1:$(PORT)

lint: .venv/.synced
	.venv/bin/ruff check .
	.venv/bin/ruff format --check .
	.venv/bin/mypy kokeilu config

check: install
	$(PYTHON) manage.py check --settings=config.settings.test
	env -u DATABASE_URL $(PYTHON) manage.py makemigrations --check --dry-run --settings=config.settings.test
	$(PYTHON) manage.py spectacular --validate --fail-on-warn --file /dev/null --settings=config.settings.test

pytest: install chromium
	.venv/bin/pytest

test: install chromium lint check pytest

# Calls, proposals and review pages; then the experiment workspace: 500 concurrent registrations for a
# 100-seat workshop, and survey-answer intake; then a city's programme dashboard over 10 years × 50 calls;
# then the learnings-library search at 100,000 learnings.
bench: install
	$(PYTHON) bench/run_bench.py
	$(PYTHON) bench/events/run.py
	$(PYTHON) bench/surveys/run.py
	$(PYTHON) bench/dashboards/run.py
	$(PYTHON) bench/library/run.py

# Service catalogue search, "open now" and Open311 reads at 50,000 services / 1,000,000 feedback items.
bench-catalogue: install
	$(PYTHON) bench/catalogue/run.py

# Learnings-library search at 100,000 learnings (issue 4), on its own (also part of `make bench`).
bench-library: install
	$(PYTHON) bench/library/run.py

# Service-path analytics at Espoo's scale (issue 5); the population is generated once into var/.
bench-analytics: | $(UV)
	$(UV) sync --frozen --group bench --quiet
	$(PYTHON) bench/analytics/run.py

clean:
	rm -rf .venv .tools node_modules var staticfiles
