# The two commands of the README: `make run` and `make test`.
PYTHON ?= python3
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: install run test lint

install:
	$(PYTHON) -m pip install --quiet --disable-pip-version-check -e '.[dev]'

run: install
	$(PYTHON) manage.py migrate --no-input
	$(PYTHON) manage.py seed_demo
	$(PYTHON) manage.py runserver $(HOST):$(PORT)

test: install
	npm ci --prefix tests/js --no-audit --no-fund
	$(PYTHON) -m pytest $(PYTEST_ARGS)

lint: install
	$(PYTHON) -m ruff check .
	$(PYTHON) -m ruff format --check .
