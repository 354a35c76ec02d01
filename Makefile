# SoftWhere on Odoo — developer commands. `make help` lists them.
#
# Odoo 19.0 is a source tree outside the repository (ODOO_SRC, default /opt/odoo-19).
# Every command runs in one virtualenv (Python 3.12, Odoo's requirements and ours),
# built on first use outside the checkout by tools/odoo_platform.py and shared by
# the clones of the same requirements.
ODOO_SRC ?= /opt/odoo-19
export ODOO_SRC
RUN := tools/venv-run
DB ?= softwhere
HTTP_PORT ?= 8069
ADDONS_PATH = $(CURDIR)/addons,$(ODOO_SRC)/addons
# Every SoftWhere addon, in dependency order as Odoo resolves it.
ADDONS = $(shell ls -d addons/*/__manifest__.py 2>/dev/null | cut -d/ -f2 | paste -sd, -)

.PHONY: help platform venv lint readme i18n test test-lib test-odoo test-multiworker test-peers chromium pdf-tools run db simulators \
	bench-lib bench-import bench-cfast bench-park bench-recon clean

help:
	@echo "make run         set up Odoo 19 and the demo database, run the simulators, serve http://localhost:$(HTTP_PORT)"
	@echo "make test        lint, the softwhere_lib tests, then every addon's tests in fresh databases"
	@echo "make test-peers  Odoo's and OCA's own tests beside our addons; Sales, CRM, Project installed with them"
	@echo "make lint        ruff, pylint-odoo and the addons' generated READMEs"
	@echo "make test-lib    the softwhere_lib tests (pytest, no Odoo)"
	@echo "make test-odoo   every addon's tests in two fresh databases, with and without demo data"
	@echo "make test-multiworker  a Cfast sync over Odoo's --workers=2 and queue_job's runner"
	@echo "make i18n        refresh every addon's i18n/<addon>.pot and fr.po (DB=... to reuse a database)"
	@echo "make readme      write each addon's README.rst from its readme/*.md"
	@echo "make simulators  run the Cfast, SNAIC and Alphalink simulators on loopback"
	@echo "make bench-lib   benchmark of the clients, reconciliation core and file format"
	@echo "make bench-import  BlueRockTEL import of 10,000 customers against base_import (throwaway database)"
	@echo "make bench-cfast  Cfast sync of 10,000 customers and 100,000 lines from the simulator (throwaway database)"
	@echo "make bench-park  park of 10,000 customers / 100,000 lines, its invoice run in one process, against account.move's batch create, and over two workers"
	@echo "make bench-recon  reconciliation of 100,000 lines against the SNAIC simulator (throwaway database)"
	@echo "make platform    find Odoo 19.0 (cloning the official 19.0 branch when missing) and build the virtualenv"
	@echo "make clean       remove the logs, caches and local virtualenv the commands leave in the checkout"

# Odoo found (or cloned), Python 3.12 found, the virtualenv built, PostgreSQL answering.
platform:
	@python3 tools/odoo_platform.py odoo --clone >/dev/null
	@python3 tools/odoo_platform.py venv >/dev/null
	@python3 tools/odoo_platform.py postgres

# `make test` needs Odoo there: it never clones it.
venv:
	@python3 tools/odoo_platform.py odoo >/dev/null
	@python3 tools/odoo_platform.py venv >/dev/null

lint: venv
	$(RUN) ruff check .
	$(RUN) ruff format --check .
	$(RUN) pylint --rcfile=.pylintrc addons/*/
	$(RUN) python tools/gen_addon_readme.py --check

readme:
	python3 tools/gen_addon_readme.py

test: lint test-lib test-odoo test-multiworker test-peers

# pytest-odoo's plugin breaks python-stdnum's data files: not loaded here.
# pytest exits non-zero when no test ran, so an empty run fails too.
test-lib: venv
	$(RUN) python -m pytest -p no:odoo -p no:cacheprovider tests

# Browser tours need Chromium: installed from Debian's packages when missing (the run
# fails on a skipped browser test rather than passing without it).
test-odoo: venv chromium pdf-tools
	@python3 tools/odoo_platform.py postgres
	$(RUN) python tools/odoo_tests.py

# A Cfast sync run by Odoo as in production: two HTTP workers, queue_job's runner
# server-wide; fails unless the jobs ran in the worker processes and the park is whole.
test-multiworker: venv
	@python3 tools/odoo_platform.py postgres
	$(RUN) python tools/multiworker_check.py

# The test suites of the Odoo and OCA modules we depend on, run beside our addons:
# fails on a test that passes without them (tools/peers_known_failures.txt lists
# those that fail without them, and why); and Sales, CRM, Project and UBL/CII
# installed beside ours with demo data, without a warning. Sales' down payments in
# ten foreign charts (5.5 min) only with `python tools/peers_tests.py --full`.
test-peers: venv chromium
	@python3 tools/odoo_platform.py postgres
	$(RUN) python tools/peers_tests.py

chromium:
	@command -v chromium >/dev/null || command -v google-chrome >/dev/null || { \
		echo "Chromium missing: installing Debian's chromium for the browser tours."; \
		DEBIAN_FRONTEND=noninteractive apt-get install -y -q chromium >/dev/null; }

# Invoice PDFs: Debian's wkhtmltopdf (Odoo's PDF engine) and pdftotext (the tests read
# the PDFs' text), installed when missing.
pdf-tools:
	@command -v wkhtmltopdf >/dev/null && command -v pdftotext >/dev/null || { \
		echo "wkhtmltopdf or pdftotext missing: installing Debian's wkhtmltopdf and poppler-utils."; \
		DEBIAN_FRONTEND=noninteractive apt-get install -y -q wkhtmltopdf poppler-utils >/dev/null \
		|| { apt-get update -q >/dev/null && \
			DEBIAN_FRONTEND=noninteractive apt-get install -y -q wkhtmltopdf poppler-utils >/dev/null; }; }

i18n: venv
	@python3 tools/odoo_platform.py postgres
	@if [ -z "$(I18N_DB)" ]; then \
		dropdb --if-exists softwhere_i18n; \
		$(RUN) python $(ODOO_SRC)/odoo-bin --addons-path=$(ADDONS_PATH) -d softwhere_i18n \
			-i $(ADDONS) --stop-after-init --log-level=warn; \
	fi
	$(RUN) python tools/i18n.py update -d $(or $(I18N_DB),softwhere_i18n)

# The demo database: every addon with demo data, French loaded and the admin in French.
db: platform pdf-tools
	@if psql -lqt | cut -d'|' -f1 | grep -qw "$(DB)"; then \
		echo "Database $(DB) exists: updating the addons."; \
		$(RUN) python $(ODOO_SRC)/odoo-bin --addons-path=$(ADDONS_PATH) -d $(DB) \
			-u $(ADDONS) --stop-after-init; \
	else \
		$(RUN) python $(ODOO_SRC)/odoo-bin --addons-path=$(ADDONS_PATH) -d $(DB) \
			-i $(ADDONS) --with-demo --load-language=fr_FR --stop-after-init && \
		$(RUN) python tools/demo_setup.py -d $(DB); \
	fi

run: db
	$(RUN) python tools/serve_demo.py -d $(DB) --http-port $(HTTP_PORT)

simulators: venv
	$(RUN) python tools/simulators/run_all.py

# Benchmarks are never part of `make test`.
bench-lib: venv
	$(RUN) python tools/bench/bench_lib.py

# BENCH_IMPORT_ARGS="--rows 2000 --addons softwhere_client" to change what is measured.
bench-import: venv
	@python3 tools/odoo_platform.py postgres
	$(RUN) python tools/bench/bench_import.py $(BENCH_IMPORT_ARGS)

# BENCH_CFAST_ARGS="--customers 1000 --lines 10000" for a smaller Cfast.
bench-cfast: venv
	@python3 tools/odoo_platform.py postgres
	$(RUN) python tools/bench/bench_cfast.py $(BENCH_CFAST_ARGS)

# BENCH_RECON_ARGS="--lines 10000" for a smaller park.
bench-recon: venv
	@python3 tools/odoo_platform.py postgres
	$(RUN) python tools/bench/bench_recon.py $(BENCH_RECON_ARGS)

# BENCH_PARK_ARGS="--customers 500 --lines 5000 --skip-workers" for a quick run.
bench-park: venv
	@python3 tools/odoo_platform.py postgres
	$(RUN) python tools/bench/bench_park.py $(BENCH_PARK_ARGS)

clean:
	rm -rf .venv var .pytest_cache .ruff_cache *.egg-info
