# The two commands of the README: `make run` and `make test`.
# `make run` serves with runserver and runs the job worker beside it.
PYTHON ?= python3
HOST ?= 127.0.0.1
PORT ?= 8000
NODE_BIN = node_modules/.bin

.PHONY: install run test test-deps lint messages

install:
	$(PYTHON) -m pip install --quiet --disable-pip-version-check -e '.[dev]'

run: install
	$(PYTHON) manage.py migrate --no-input
	$(PYTHON) manage.py seed_demo
	$(PYTHON) -m deploy.embedded $(HOST):$(PORT)

# Chromium, nginx, Redis, Node.js: installed when missing.
test-deps:
	scripts/install-test-deps.sh

# The Node packages of package-lock.json, installed again only when it changed.
node_modules/.package-lock.json: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error

# Two pytest-xdist workers, each taking whole files, so a module's or a
# package's server and browser start once per worker.
PYTEST_WORKERS ?= 2

test: install test-deps node_modules/.package-lock.json
	$(PYTHON) -m pytest --numprocesses $(PYTEST_WORKERS) --dist loadfile $(PYTEST_ARGS)

lint: install node_modules/.package-lock.json
	$(PYTHON) -m ruff check .
	$(PYTHON) -m ruff format --check .
	$(NODE_BIN)/eslint .
	$(NODE_BIN)/tsc -p tsconfig.json
	node --import ./tests/js/static_paths.js --test --test-reporter=dot tests/kit/ tests/dashboard/unit/ tests/widget/unit/

# Every word into the catalogues: templates and Python (django) and the
# dashboard scripts' gettext() calls (djangojs) into onechat/locale; the widget
# scripts' (djangojs) into widget/locale, which makemessages fills from the
# files under widget/ (the django run skips it, so the widget's Python and
# template words stay in onechat/locale). Translate the new empty msgstr
# entries, run it again: it compiles the .mo files (committed) and the checks
# name every msgid still missing or untranslated.
LOCALE_IGNORE = --ignore "tests/*" --ignore "bench/*" --ignore "staticfiles/*" --ignore "node_modules/*" --ignore "*/node_modules/*"
messages:
	$(PYTHON) manage.py makemessages --all --no-wrap $(LOCALE_IGNORE) --ignore "widget/locale"
	$(PYTHON) manage.py makemessages --all --domain djangojs --no-wrap $(LOCALE_IGNORE)
	$(PYTHON) manage.py compilemessages $(LOCALE_IGNORE)
	$(PYTHON) -m pytest -q tests/onechat/test_i18n.py tests/dashboard/test_i18n.py tests/widget/test_i18n.py
