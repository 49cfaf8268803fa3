# Child Maintenance Service portal. `make run` and `make test` are all a new machine needs.
SHELL := /bin/bash
PYTHON ?= python3.11
VENV := .venv
PY := $(VENV)/bin/python
PIP := $(VENV)/bin/pip
STAMP := $(VENV)/.installed
BABEL_KEYWORDS := -k _ -k gettext -k gettext_lazy -k ngettext:1,2 -k ngettext_lazy:1,2 \
	-k pgettext:1c,2 -k pgettext_lazy:1c,2 -k npgettext:1c,2,3
PYTEST_ARGS ?=

.PHONY: setup run test test-browser lint messages compile-messages assets demo worker beat bench clean

$(PY):
	@command -v $(PYTHON) >/dev/null || { echo "Python 3.11 is required ($(PYTHON) not found)"; exit 1; }
	$(PYTHON) -m venv $(VENV)

$(STAMP): pyproject.toml | $(PY)
	$(PIP) install --quiet --upgrade pip
	$(PIP) install --quiet -e '.[dev]'
	touch $(STAMP)

node_modules/.package-lock.json: package.json package-lock.json
	npm ci --no-audit --no-fund --ignore-scripts

static/build/app.css: node_modules/.package-lock.json $(wildcard static/scss/*.scss static/scss/*/*.scss) scripts/build-assets.mjs
	npm run --silent build

assets: static/build/app.css

compile-messages: $(STAMP)
	$(VENV)/bin/pybabel compile --domain=django --directory=locale --statistics

## setup: install Python and npm dependencies, build GOV.UK assets, compile Welsh messages
setup: $(STAMP) assets compile-messages

## run: set up, migrate, load demo data and serve on http://127.0.0.1:8000
run: setup
	$(PY) manage.py migrate --no-input
	$(PY) manage.py load_demo_data
	$(PY) manage.py runserver 127.0.0.1:8000

demo: setup
	$(PY) manage.py migrate --no-input
	$(PY) manage.py load_demo_data

## test: the whole suite (unit and integration, then the browser tests)
test: setup
	$(VENV)/bin/pytest -q -n 2 --dist worksteal $(PYTEST_ARGS); status=$$?; \
	if [ $$status -eq 5 ]; then echo "No tests were collected"; exit 1; fi; \
	[ $$status -eq 0 ] || exit $$status; \
	$(MAKE) --no-print-directory test-browser

# The browser tests check pages in Chromium, not the database: their live server runs on
# SQLite (twice as fast as PostgreSQL here) whatever DATABASE_URL says. The production
# smoke test (CI) opens a page in Chromium on PostgreSQL.
BROWSER_ENV = env -u DATABASE_URL -u CELERY_BROKER_URL -u REDIS_URL

test-browser: setup
	@if [ ! -x "$${CHROMIUM_PATH:-/usr/bin/chromium}" ]; then \
		echo "Chromium not found at $${CHROMIUM_PATH:-/usr/bin/chromium}: install Debian's chromium (apt-get install chromium) to run the browser tests"; exit 1; fi
	$(BROWSER_ENV) $(VENV)/bin/pytest -q -m browser -n 2 --dist worksteal --ignore=tests/browser/test_session_timeout.py $(PYTEST_ARGS); status=$$?; \
	if [ $$status -eq 5 ]; then echo "No browser tests were collected"; exit 1; fi; [ $$status -eq 0 ] || exit $$status
	@# The timeout dialog tests drive the page clock and run alone so load cannot skew them.
	$(BROWSER_ENV) $(VENV)/bin/pytest -q -m browser -p no:xdist tests/browser/test_session_timeout.py $(PYTEST_ARGS)

## lint: ruff (rules and formatting) and mypy
lint: $(STAMP)
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/mypy

## messages: extract strings with Babel (plus locale/external.pot: allauth, axes and Django
## messages we show), update and compile the Welsh catalogue
messages: $(STAMP)
	$(VENV)/bin/pybabel extract -F babel.cfg $(BABEL_KEYWORDS) --no-location --sort-output \
		-o locale/django.pot . >/dev/null
	msgcat --use-first --sort-output locale/django.pot locale/external.pot -o locale/django.pot
	$(VENV)/bin/pybabel update -i locale/django.pot -d locale -D django -l cy --no-fuzzy-matching \
		--ignore-obsolete
	$(MAKE) --no-print-directory compile-messages

worker: setup
	$(VENV)/bin/celery -A cms_portal worker --loglevel=INFO

beat: setup
	$(VENV)/bin/celery -A cms_portal beat --loglevel=INFO

## bench: the benchmarks under bench/ (some need DATABASE_URL to PostgreSQL)
bench: setup
	$(PY) -m bench.calculation
	@if [ -n "$$DATABASE_URL" ]; then $(PY) -m bench.nightly --cases 50000 && $(PY) -m bench.employer_upload --rows 10000 \
	&& $(PY) -m bench.pages && $(PY) -m bench.hmrc_import --rows 50000; \
	else echo "Set DATABASE_URL to PostgreSQL for bench.nightly, bench.employer_upload, bench.pages and bench.hmrc_import"; fi

clean:
	rm -rf static/build staticfiles .pytest_cache
