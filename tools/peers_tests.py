#!/usr/bin/env python3
"""Odoo's and OCA's own test suites beside our addons, and Odoo's apps with them.

    python tools/peers_tests.py [--keep] [--full] [--only suites|apps]
    python tools/peers_tests.py --baseline [--full]

Two fresh databases, side by side (``make test-peers``, part of ``make test``):

- ``suites`` (no demo data): every SoftWhere addon and the peer modules of our
  dependency tree (``PEER_MODULES``) installed, and the peers' own tests run
  (``--test-tags /<module>``, at-install and post-install; ``SLOW_CLASSES``
  only with ``--full``). The run fails on a
  test that fails here unless it is listed in ``tools/peers_known_failures.txt``:
  the tests that fail in this environment *without* our addons, each with why;
- ``apps`` (demo data): Sales, CRM, Project and UBL/CII e-invoicing installed
  beside every SoftWhere addon, without a single warning or error in the log.

``--baseline`` runs the same suites in a database without our addons and prints
the tests that fail there, the content of ``peers_known_failures.txt`` (whose
reasons are written by hand after reading the log).

Logs go to ``var/log/``; databases are dropped unless ``--keep``.
"""

import argparse
import re
import sys
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import odoo_tests  # noqa: E402  (tools/odoo_tests.py, beside this file)

ROOT = odoo_tests.ROOT
LOGS = odoo_tests.LOGS
KNOWN_FAILURES = ROOT / "tools" / "peers_known_failures.txt"

#: The modules of our dependency tree whose own tests we run. OCA's `contract`
#: is no longer one (softwhere_billing left it): not installed, not run.
PEER_MODULES = (
    # Odoo
    "sale",
    "l10n_fr_account",
    "account_edi_ubl_cii",
    "base_vat",
    # Odoo's portal, which softwhere_portal extends (record rules, pages)
    "portal",
    # OCA (requirements.txt): mandates, SEPA direct debit and payment orders
    "account_banking_mandate",
    "account_banking_pain_base",
    "account_banking_sepa_direct_debit",
    "account_payment_mode",
    "account_payment_order",
    # OCA (requirements.txt): bank returns and dunning (softwhere_collection)
    "account_payment_return",
    "account_payment_return_import",
    "account_payment_return_import_iso20022",
    "account_credit_control",
    "partner_firstname",
    "l10n_fr_siret",
    "queue_job",
)
#: Left out unless ``--full``, to keep ``make test`` short: Sales' down payments
#: in ten foreign charts of accounts (Belgian, Brazilian, Indian...), 5.5 of the
#: 9 minutes of `sale`'s suite on this 2-core machine. Our chart hook on other
#: charts and on branches is tested by l10n_fr_account, softwhere_billing and
#: the rest of `sale`.
SLOW_CLASSES = ("sale:TestTaxesDownPaymentSale",)
#: Odoo's apps a user may install beside ours: installed with demo data.
APPS = ("sale_management", "crm", "project", "account_edi_ubl_cii")

_FAILURE = re.compile(r"^(?:FAIL|ERROR): (?P<test>[\w.]+)")
_SETUP = re.compile(r"^ERROR: (?P<test>setUpClass|tearDownClass) \((?P<where>[\w.]+)\)")
_TEST_LOGGER = re.compile(r"^odoo\.addons\.(?P<module>\w+)\.tests\b")


def read_known_failures(path=KNOWN_FAILURES):
    """``{"module Class.test": "why"}`` from the file (``#`` starts a comment)."""
    known = {}
    if not path.exists():
        return known
    for line in path.read_text().splitlines():
        entry, _hash, why = line.partition("#")
        words = entry.split()
        if len(words) == 2:
            known[" ".join(words)] = why.strip()
    return known


class Run:
    """One database, one Odoo process, and what its log says."""

    def __init__(self, kind, install, tags=(), demo=False, keep=False, full=False):
        self.kind = kind
        self.install = install
        self.tags = tags
        self.full = full
        self.demo = demo
        self.keep = keep
        self.db = f"softwhere_peers_{kind}_{odoo_tests.os.getpid()}"
        self.log_path = LOGS / f"peers-{kind}.log"
        self.failures = {}  # "module Class.test" -> first log line
        self.errors = []  # errors logged outside the tests
        self.warnings = []
        self.tests = 0
        self.returncode = None
        self.seconds = 0.0

    def command(self):
        src = odoo_tests.odoo_src()
        command = [
            sys.executable,
            str(src / "odoo-bin"),
            f"--addons-path={odoo_tests.ADDONS},{src / 'addons'}",
            f"--database={self.db}",
            f"--init={','.join(self.install)}",
            f"--http-port={odoo_tests.free_port()}",
            "--http-interface=127.0.0.1",
            "--max-cron-threads=0",
            "--workers=0",
            "--log-level=info",
            "--stop-after-init",
        ]
        if self.tags:
            tags = ["/" + module for module in self.tags]
            if not self.full:
                tags += ["-/" + slow for slow in SLOW_CLASSES]
            command.append(f"--test-tags={','.join(tags)}")
        if self.demo:
            command.append("--with-demo")
        return command

    def run(self):
        odoo_tests.drop_database(self.db)
        LOGS.mkdir(parents=True, exist_ok=True)
        environ = dict(odoo_tests.os.environ, PYTHONPATH=str(ROOT))
        started = time.monotonic()
        with self.log_path.open("w") as log:
            process = odoo_tests.subprocess.Popen(
                self.command(),
                cwd=ROOT,
                env=environ,
                stdout=odoo_tests.subprocess.PIPE,
                stderr=odoo_tests.subprocess.STDOUT,
                text=True,
            )
            for line in process.stdout:
                log.write(line)
                self._read(line.rstrip("\n"))
            self.returncode = process.wait()
        self.seconds = time.monotonic() - started
        if not self.keep:
            odoo_tests.drop_database(self.db)

    def _read(self, text):
        match = odoo_tests._LINE.match(text)
        if not match:
            return
        level, logger, message = match["level"], match["logger"], match["message"]
        if logger == "odoo.tests.result":
            result = odoo_tests._RESULT.search(message)
            if result:
                self.tests = int(result[3])
                return
        test_logger = _TEST_LOGGER.match(logger)
        failure = _FAILURE.match(message) or _SETUP.match(message)
        if level == "ERROR" and test_logger and failure:
            test = failure["test"]
            if failure.re is _SETUP:
                test = f"{failure['where'].rsplit('.', 1)[-1]}.{test}"
            key = f"{test_logger['module']} {test}"
            self.failures.setdefault(key, message)
            print(f"[{self.kind}] {key}: {message}", flush=True)
        elif level == "CRITICAL" or (level == "ERROR" and not self.tags):
            # While the suites run, the modules' errors come with the failing
            # tests, which are compared; a critical one is an install's.
            self.errors.append(f"{logger}: {message}")
            print(f"[{self.kind}] {level} {logger}: {message}", flush=True)
        elif level == "WARNING" and not self.tags:
            if not any(p.match(message) for p in odoo_tests._HARMLESS_WARNINGS):
                self.warnings.append(f"{logger}: {message}")
                print(f"[{self.kind}] WARNING {logger}: {message}", flush=True)


def _run_side_by_side(runs):
    threads = [threading.Thread(target=run.run) for run in runs]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()


def baseline(keep, full):
    run = Run("baseline", PEER_MODULES, tags=PEER_MODULES, keep=keep, full=full)
    print(f"Peers' suites without our addons, in {run.db}", flush=True)
    _run_side_by_side([run])
    print(
        f"[baseline] {run.tests} tests in {run.seconds:.0f} s, exit {run.returncode};"
        f" log: {run.log_path.relative_to(ROOT)}"
    )
    print("# Failing without our addons (tools/peers_known_failures.txt):")
    for key in sorted(run.failures):
        print(key)
    return 0


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.strip().splitlines()[0])
    parser.add_argument("--keep", action="store_true", help="keep the databases")
    parser.add_argument("--only", choices=("suites", "apps"))
    parser.add_argument(
        "--baseline", action="store_true", help="the suites without our addons"
    )
    parser.add_argument(
        "--full", action="store_true", help="with the slow classes (SLOW_CLASSES)"
    )
    args = parser.parse_args(argv)
    if args.baseline:
        return baseline(args.keep, args.full)
    ours = odoo_tests.our_addons()
    runs = []
    if args.only in (None, "suites"):
        runs.append(
            Run(
                "suites",
                [*ours, *PEER_MODULES],
                tags=PEER_MODULES,
                keep=args.keep,
                full=args.full,
            )
        )
    if args.only in (None, "apps"):
        runs.append(Run("apps", [*ours, *APPS], demo=True, keep=args.keep))
    print(
        f"Beside {', '.join(ours)}: "
        + "; ".join(f"{run.kind} in {run.db}" for run in runs),
        flush=True,
    )
    _run_side_by_side(runs)
    known = read_known_failures()
    failed = False
    for run in runs:
        log = run.log_path.relative_to(ROOT)
        print(f"[{run.kind}] {run.tests} tests in {run.seconds:.0f} s; log: {log}")
        problems = []
        if run.kind == "suites":
            if not run.tests:
                problems.append("no test ran")
            new = sorted(set(run.failures) - set(known))
            problems += [f"fails beside our addons: {key}" for key in new]
            for key in sorted(set(run.failures) & set(known)):
                print(f"[suites] known failure (fails without us too): {key}")
            for key in sorted(set(known) - set(run.failures)):
                print(f"[suites] listed as failing, passed: {key}")
            if run.returncode != 0 and not run.failures:
                problems.append(f"Odoo exited with {run.returncode}")
        elif run.returncode != 0:
            problems.append(f"Odoo exited with {run.returncode}")
        problems += [f"error: {line}" for line in run.errors]
        problems += [f"warning: {line}" for line in run.warnings]
        for problem in problems:
            failed = True
            print(f"[{run.kind}] FAILED: {problem}")
    print("Peers: " + ("FAILED" if failed else "all passed"))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
