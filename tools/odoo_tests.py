#!/usr/bin/env python3
"""Install every SoftWhere addon in fresh databases and run their tests.

    python tools/odoo_tests.py [--keep] [--only demo|nodemo] [ADDON ...]

Two databases are made from nothing, side by side: one with demo data and one
without, so an addon must install and pass its tests both ways. Odoo runs
each addon's at-install and post-install tests (``--test-tags /<addon>``); the
run fails, with the reason, when:

- Odoo exits non-zero (a test failed or errored, an install broke);
- an addon ran no test at all;
- a test was skipped (a browser test without Chromium counts as passed in
  Odoo's own report: not here);
- Odoo logged an error or a warning (but the few it logs on any install);
- a term of ours (label, help, message, view text) has no French in ``fr.po``.

The full logs are kept in ``var/log/``. Databases are dropped afterwards unless
``--keep`` is given. Run it with the virtualenv's Python (``make test`` does).
"""

import argparse
import os
import re
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
ADDONS = ROOT / "addons"
LOGS = ROOT / "var" / "log"

_LINE = re.compile(
    r"^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d,\d+ \d+ (?P<level>[A-Z]+) (?P<db>\S+) "
    r"(?P<logger>[\w.]+): (?P<message>.*)$"
)
_STATS = re.compile(r"^(?P<addon>\w+): (?P<tests>\d+) tests (?P<time>[\d.]+)s")
_SKIPPED = re.compile(r"^skipped ")
_RESULT = re.compile(r"(\d+) failed, (\d+) error\(s\) of (\d+) tests")
#: Warnings Odoo logs on every install, whatever the addons: nothing of ours.
_HARMLESS_WARNINGS = (
    # Odoo installed with `pip install -e` adds its path hook to odoo.addons' path.
    re.compile(r"^addons path is not a directory: __editable__\."),
)


def our_addons():
    names = []
    for manifest in sorted(ADDONS.glob("*/__manifest__.py")):
        text = manifest.read_text()
        if re.search(r"['\"]installable['\"]\s*:\s*False", text):
            continue
        names.append(manifest.parent.name)
    return names


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def odoo_src():
    return Path(os.environ.get("ODOO_SRC") or "/opt/odoo-19")


def _psql(*args):
    return subprocess.run(
        ["psql", "-X", "-q", "-d", "postgres", *args],
        capture_output=True,
        text=True,
        check=False,
    )


def drop_database(name):
    _psql("-c", f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    filestore = Path.home() / ".local/share/Odoo/filestore" / name
    if filestore.exists():
        subprocess.run(["rm", "-rf", str(filestore)], check=False)


class Run:
    """One database, one Odoo process, and what its log says."""

    def __init__(self, kind, addons, keep):
        self.kind = kind
        self.addons = addons
        self.keep = keep
        self.db = f"softwhere_test_{kind}_{os.getpid()}"
        self.log_path = LOGS / f"odoo-tests-{kind}.log"
        self.tests_by_addon = {}
        self.skipped = []
        self.errors = []
        self.warnings = []
        self.result = None
        self.translation_problems = []
        self.returncode = None
        self.seconds = 0.0

    def command(self):
        src = odoo_src()
        command = [
            sys.executable,
            str(src / "odoo-bin"),
            f"--addons-path={ADDONS},{src / 'addons'}",
            f"--database={self.db}",
            f"--init={','.join(self.addons)}",
            f"--test-tags={','.join('/' + name for name in self.addons)}",
            f"--http-port={free_port()}",
            "--http-interface=127.0.0.1",
            "--max-cron-threads=0",
            "--workers=0",
            "--log-level=info",
            "--stop-after-init",
        ]
        if self.kind == "demo":
            command.append("--with-demo")
        return command

    def run(self):
        drop_database(self.db)
        LOGS.mkdir(parents=True, exist_ok=True)
        environ = dict(os.environ, PYTHONPATH=str(ROOT))
        started = time.monotonic()
        with self.log_path.open("w") as log:
            process = subprocess.Popen(
                self.command(),
                cwd=ROOT,
                env=environ,
                stdout=subprocess.PIPE,
                stderr=subprocess.STDOUT,
                text=True,
            )
            for line in process.stdout:
                log.write(line)
                self._read(line.rstrip("\n"))
            self.returncode = process.wait()
        self.seconds = time.monotonic() - started
        if self.kind == "demo" and self.returncode == 0:
            self.check_translations()
        if not self.keep:
            drop_database(self.db)

    def check_translations(self):
        """Every term of ours has its French, read from the database just built."""
        result = subprocess.run(
            [sys.executable, str(ROOT / "tools" / "i18n.py"), "check", "-d", self.db],
            cwd=ROOT,
            env=dict(os.environ, PYTHONPATH=str(ROOT)),
            capture_output=True,
            text=True,
            check=False,
        )
        if result.returncode != 0:
            self.translation_problems = result.stdout.strip().splitlines() or [
                result.stderr.strip()[-500:]
            ]

    def _read(self, text):
        match = _LINE.match(text)
        if not match:
            return
        level, logger, message = match["level"], match["logger"], match["message"]
        if logger == "odoo.tests.stats":
            stats = _STATS.match(message)
            if stats:
                self.tests_by_addon[stats["addon"]] = int(stats["tests"])
        elif logger == "odoo.tests.result" and _RESULT.search(message):
            self.result = message
        if level == "INFO" and _SKIPPED.match(message):
            self.skipped.append(f"{logger}: {message}")
        elif level in ("ERROR", "CRITICAL"):
            self.errors.append(f"{logger}: {message}")
            print(f"[{self.kind}] {level} {logger}: {message}", flush=True)
        elif level == "WARNING" and not any(
            pattern.match(message) for pattern in _HARMLESS_WARNINGS
        ):
            self.warnings.append(f"{logger}: {message}")
            print(f"[{self.kind}] WARNING {logger}: {message}", flush=True)
        elif (
            "softwhere" in message
            and logger == "odoo.modules.loading"
            and ("loaded in" in message)
        ):
            print(f"[{self.kind}] {message}", flush=True)

    def problems(self):
        problems = []
        if self.returncode != 0:
            problems.append(f"Odoo exited with {self.returncode}")
        for name in self.addons:
            if not self.tests_by_addon.get(name):
                problems.append(f"{name}: no test ran")
        problems += [f"skipped: {line}" for line in self.skipped]
        problems += [f"error: {line}" for line in self.errors]
        problems += [f"warning: {line}" for line in self.warnings]
        problems += [f"i18n: {line}" for line in self.translation_problems]
        return problems


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.strip().splitlines()[0])
    parser.add_argument("addons", nargs="*", help="default: every addon in addons/")
    parser.add_argument("--keep", action="store_true", help="keep the databases")
    parser.add_argument("--only", choices=("demo", "nodemo"))
    args = parser.parse_args(argv)
    addons = args.addons or our_addons()
    if not addons:
        print("No addon found in addons/.", file=sys.stderr)
        return 1
    kinds = [args.only] if args.only else ["demo", "nodemo"]
    runs = [Run(kind, addons, args.keep) for kind in kinds]
    print(
        f"Installing and testing {', '.join(addons)} in {len(runs)} fresh "
        f"database(s): {', '.join(r.db for r in runs)}",
        flush=True,
    )
    # The two databases build side by side: one core each.
    threads = [threading.Thread(target=run.run) for run in runs]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    failed = False
    for run in runs:
        counts = ", ".join(f"{a} {run.tests_by_addon.get(a, 0)}" for a in addons)
        total = sum(run.tests_by_addon.get(a, 0) for a in addons)
        print(
            f"[{run.kind}] {total} tests ({counts}) in {run.seconds:.0f} s; "
            f"{run.result or 'no result line'}; log: {run.log_path.relative_to(ROOT)}"
        )
        for problem in run.problems():
            failed = True
            print(f"[{run.kind}] FAILED: {problem}")
    print("Odoo tests: " + ("FAILED" if failed else "all passed"))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
