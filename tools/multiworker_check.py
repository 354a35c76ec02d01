#!/usr/bin/env python3
"""A Cfast sync spread over Odoo's worker processes by queue_job's job runner.

    python tools/multiworker_check.py [--keep] [--customers 30] [--lines 150]

What the README's "several processes" set-up promises, checked for real: a
fresh database with the Cfast connector, a Cfast simulator on loopback, then
Odoo started as in production (``--workers=2``, ``queue_job`` loaded
server-wide, so its job runner is a process of its own). The sync is asked for
over XML-RPC as the "Sync now" button does; the check waits for every job and
fails unless

- every job is done (none failed), run by the HTTP worker processes (their pid,
  recorded by queue_job, is not the main server's);
- Odoo holds every customer, billing site, service and line the simulator
  serves, once.

Exit code 0 when all holds; 1 with the reasons otherwise. Logs in var/log/.
"""

import argparse
import os
import subprocess
import sys
import time
import xmlrpc.client
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from softwhere_sim.cfast import DEFAULT_TOKEN, start_cfast  # noqa: E402
from tools.odoo_tests import drop_database, free_port, odoo_src  # noqa: E402

LOGS = ROOT / "var" / "log"
ADDON = "softwhere_cfast_connector"
#: Jobs of a small park take seconds; a broken runner never finishes.
WAIT_SECONDS = 300


def odoo_command(db, *args):
    src = odoo_src()
    return [
        sys.executable,
        str(src / "odoo-bin"),
        f"--addons-path={ROOT / 'addons'},{src / 'addons'}",
        f"--database={db}",
        "--log-level=info",
        *args,
    ]


def wait_for_http(url, process, seconds=120):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise SystemExit(f"Odoo stopped with {process.returncode}: see the log")
        try:
            xmlrpc.client.ServerProxy(f"{url}/xmlrpc/2/common").version()
            return
        except OSError:
            time.sleep(1)
    raise SystemExit(f"Odoo did not answer on {url} within {seconds} s")


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.strip().splitlines()[0])
    parser.add_argument("--keep", action="store_true", help="keep the database")
    parser.add_argument("--customers", type=int, default=30)
    parser.add_argument("--lines", type=int, default=150)
    args = parser.parse_args(argv)
    db = f"softwhere_multiworker_{os.getpid()}"
    LOGS.mkdir(parents=True, exist_ok=True)
    log_path = LOGS / "multiworker.log"
    env = dict(os.environ, PYTHONPATH=str(ROOT), ODOO_QUEUE_JOB_CHANNELS="root:2")
    drop_database(db)
    cfast = start_cfast(customers=args.customers, lines=args.lines, seed=11)
    problems = []
    try:
        with log_path.open("w") as log:
            install = subprocess.run(
                odoo_command(db, f"--init={ADDON}", "--stop-after-init"),
                cwd=ROOT,
                env=env,
                stdout=log,
                stderr=subprocess.STDOUT,
                check=False,
            )
            if install.returncode:
                raise SystemExit(f"installing {ADDON} failed: see {log_path}")
            port = free_port()
            server = subprocess.Popen(
                odoo_command(
                    db,
                    f"--http-port={port}",
                    "--http-interface=127.0.0.1",
                    "--workers=2",
                    "--max-cron-threads=0",
                    "--load=base,web,queue_job",
                    "--limit-time-real=600",
                ),
                cwd=ROOT,
                env=env,
                stdout=log,
                stderr=subprocess.STDOUT,
            )
            try:
                problems = run_sync(f"http://127.0.0.1:{port}", db, cfast, server)
            finally:
                server.terminate()
                server.wait(timeout=60)
    finally:
        cfast.stop()
        if not args.keep:
            drop_database(db)
    for problem in problems:
        print(f"FAILED: {problem}")
    print("multi-worker sync: " + ("FAILED" if problems else "passed"))
    return 1 if problems else 0


def run_sync(url, db, cfast, server):
    wait_for_http(url, server)
    common = xmlrpc.client.ServerProxy(f"{url}/xmlrpc/2/common")
    uid = common.authenticate(db, "admin", "admin", {})
    rpc = xmlrpc.client.ServerProxy(f"{url}/xmlrpc/2/object", allow_none=True)

    def call(model, method, *args, **kwargs):
        return rpc.execute_kw(db, uid, "admin", model, method, list(args), kwargs)

    backend = call(
        "softwhere.cfast.backend",
        "create",
        {"name": "Cfast multi-worker", "url": cfast.url, "token": DEFAULT_TOKEN},
    )
    started = time.monotonic()
    call("softwhere.cfast.backend", "action_sync_now", [backend])
    jobs = []
    while time.monotonic() - started < WAIT_SECONDS:
        jobs = call("queue.job", "search_read", [], fields=["state", "worker_pid"])
        pending = [job for job in jobs if job["state"] not in ("done", "failed")]
        if jobs and not pending:
            break
        time.sleep(2)
    seconds = time.monotonic() - started
    problems = []
    if not jobs:
        return ["the sync enqueued no job"]
    states = {job["state"] for job in jobs}
    if states != {"done"}:
        problems.append(f"jobs not all done after {seconds:.0f} s: {sorted(states)}")
    pids = {job["worker_pid"] for job in jobs if job["state"] == "done"}
    if server.pid in pids or 0 in pids or not pids:
        problems.append(f"jobs not run by the worker processes (pids {sorted(pids)})")
    park = cfast.app.park
    expected = {
        "res.partner": (
            [("is_customer_account", "=", True)],
            len(park.customers),
        ),
        "softwhere.billing.site": ([], len(park.billing_points)),
        "softwhere.service": ([], len(park.sites)),
        "softwhere.line": ([], len(park.services)),
    }
    for model, (domain, count) in expected.items():
        found = call(model, "search_count", domain)
        if found != count:
            problems.append(f"{model}: {found} in Odoo, {count} in Cfast")
    print(
        f"{len(jobs)} jobs done in {seconds:.1f} s by {len(pids)} worker "
        f"process(es) {sorted(pids)}"
    )
    return problems


if __name__ == "__main__":
    sys.exit(main())
