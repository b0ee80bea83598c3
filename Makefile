# Magnesium Tracker. `make run` serves the app, `make test` runs the whole suite.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
USDA_SR28 ?= ../shared/data/usda-sr28
FIXTURE_DB := /tmp/magnesium-fixture-build.sqlite3
PORT ?= 8000

.PHONY: run test lint fmt seed fixture superuser schema fuzz bench nodes test-nodes

$(VENV)/.installed: requirements.txt requirements-dev.txt
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements-dev.txt
	touch $@

run: $(VENV)/.installed  ## serve http://127.0.0.1:$(PORT) (8000 unless PORT=...) with the food database loaded
	$(PY) manage.py migrate --noinput
	$(PY) manage.py load_foods
	$(PY) manage.py runserver 127.0.0.1:$(PORT)

test: $(VENV)/.installed  ## the whole suite (DATABASE_URL picks the database)
	$(PY) -m pytest

NODES_DB ?= postgres://postgres@127.0.0.1:5432/magnesium_nodes
REDIS_URL ?= redis://127.0.0.1:6379/0
nodes: $(VENV)/.installed  ## two app nodes (8261, 8262) and a Celery worker and beat on NODES_DB and REDIS_URL; Ctrl-C stops them
	DATABASE_URL=$(NODES_DB) REDIS_URL=$(REDIS_URL) bash scripts/nodes.sh

test-nodes: $(VENV)/.installed  ## the two-node and worker tests (PostgreSQL at DATABASE_URL, Redis at REDIS_URL)
	DATABASE_URL=$${DATABASE_URL:-postgres://postgres@127.0.0.1:5432/test} REDIS_URL=$(REDIS_URL) $(PY) -m pytest tests/scale -rs

lint: $(VENV)/.installed  ## ruff (lint and format check), then mypy on the paths in pyproject.toml
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/mypy

schema: $(VENV)/.installed  ## check the OpenAPI schema: valid, no warnings
	$(PY) manage.py spectacular --validate --fail-on-warn --file /tmp/magnesium-schema.yaml

fuzz: $(VENV)/.installed  ## schemathesis against the API (FUZZ_PORT, default 8151)
	bash scripts/fuzz_api.sh

fmt: $(VENV)/.installed
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

seed: $(VENV)/.installed  ## load the food fixture into an empty database
	$(PY) manage.py migrate --noinput
	$(PY) manage.py load_foods

superuser: $(VENV)/.installed  ## create a staff account for the admin
	$(PY) manage.py createsuperuser

fixture: $(VENV)/.installed  ## rebuild fixtures/foods.json.xz from the USDA SR28 release
	rm -f $(FIXTURE_DB)
	DATABASE_URL=sqlite:///$(FIXTURE_DB) $(PY) manage.py migrate --noinput
	DATABASE_URL=sqlite:///$(FIXTURE_DB) $(PY) manage.py import_usda $(USDA_SR28)
	DATABASE_URL=sqlite:///$(FIXTURE_DB) $(PY) manage.py dumpdata foods.Food foods.Portion -o fixtures/foods.json.xz
	rm -f $(FIXTURE_DB)

bench: $(VENV)/.installed  ## benchmark on BENCH_DB=sqlite|postgres (both when unset), writes bench/REPORT.md
	USDA_SR28=$(USDA_SR28) $(PY) -m bench.run
