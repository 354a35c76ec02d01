# SoftWhere on Odoo — developer commands. `make help` lists them.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin

.PHONY: help venv lint format test simulators bench-lib check-platform clean

help:
	@echo "make test        lint, then every test that needs no Odoo (clients, simulators, file formats)"
	@echo "make lint        ruff check and ruff format --check"
	@echo "make format      ruff format and ruff check --fix"
	@echo "make simulators  run the Cfast, SNAIC and Alphalink simulators on loopback"
	@echo "make check-platform  PostgreSQL answering (started if need be) and Odoo 19.0 found"
	@echo "make bench-lib   benchmark of clients, reconciliation core and file format at 10,000 customers, 100,000 lines"

venv: $(VENV)/.installed

$(VENV)/.installed: pyproject.toml requirements-lib.txt requirements-dev.txt
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 10))' || \
		{ echo "Python 3.10 or newer is needed (found $$($(PYTHON) --version))."; exit 1; }
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q --disable-pip-version-check -r requirements-lib.txt -r requirements-dev.txt
	@touch $@

lint: venv
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: venv
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

# pytest exits non-zero when no test ran, so an empty run fails too.
test: lint
	$(BIN)/python -m pytest -p no:cacheprovider tests

# What make run / make test will call first once the addons exist.
check-platform: venv
	$(BIN)/python tools/odoo_env.py postgres
	$(BIN)/python tools/odoo_env.py odoo

simulators: venv
	$(BIN)/python tools/simulators/run_all.py

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache *.egg-info

# Benchmarks are never part of `make test`.
bench-lib: venv
	$(BIN)/python tools/bench/bench_lib.py
