#!/usr/bin/env python3
"""Benchmark of the Cfast sync: a generated Cfast into a throwaway database.

    python tools/bench/bench_cfast.py [--customers 10000] [--lines 100000]
        [--page-size 500] [--db NAME] [--keep]

Makes a database with ``softwhere_cfast_connector`` (no demo; the main company
given the French chart and a SEPA creditor identifier, as billing sites with
mandates need), starts the Cfast simulator on loopback with that many
customers and lines (in a process of its own, as Cfast is remote), then in
one Odoo process runs the "Sync now" of a
backend with its jobs performed inline (``queue_job__no_delay``): every page
over real HTTP, mapped and written. Then the same sync again, nothing having
changed in Cfast (a full sync: every record read and compared), and an
incremental one. Prints ``BENCH <name> <value> <unit>`` lines. Never part of
``make test``: ``make bench-cfast``.
"""

import argparse
import os
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from softwhere_sim.cfast import DEFAULT_TOKEN, start_cfast  # noqa: E402
from softwhere_sim.park import Park  # noqa: E402
from tools.bench.bench_import import (  # noqa: E402
    Timer,
    addons_path,
    bench,
    check,
    create_database,
    drop_database,
)


def run(args):
    import odoo  # noqa: PLC0415 - after the command line is read
    from odoo.modules.registry import Registry  # noqa: PLC0415
    from odoo.tools import config  # noqa: PLC0415

    config.parse_config(
        [f"--addons-path={addons_path()}", "-d", args.db, "--log-level=warn"],
        setup_logging=True,
    )
    started = time.perf_counter()
    if args.in_process:
        server = start_cfast(customers=args.customers, lines=args.lines, seed=1)
    else:
        server = CfastProcess(args.customers, args.lines)
    print(
        f"Cfast simulator on {server.url} "
        f"({'a thread of this process' if args.in_process else 'a process of its own'})"
        f" ready in {time.perf_counter() - started:.0f} s",
        flush=True,
    )
    registry = Registry(args.db)
    try:
        with registry.cursor() as cr:
            env = odoo.api.Environment(cr, odoo.SUPERUSER_ID, {})
            company = env.ref("base.main_company")
            company.write(
                {
                    "country_id": env.ref("base.fr").id,
                    "sepa_creditor_identifier": "FR63ZZZ648291",
                }
            )
            env["account.chart.template"].try_loading("fr", company)
            backend = env["softwhere.cfast.backend"].create(
                {
                    "name": "Cfast bench",
                    "url": server.url,
                    "token": DEFAULT_TOKEN,
                    "page_size": args.page_size,
                    "timeout": 60,
                }
            )
            cr.commit()
            Log = env["softwhere.cfast.sync.log"]

            def sync(full):
                before = Log.search([]).ids
                with Timer(cr) as timer:
                    if full:
                        backend.action_full_sync()
                    else:
                        backend.action_sync_now()
                    cr.commit()
                    perform_jobs(env)
                logs = Log.search([("id", "not in", before)])
                return timer, logs

            first, logs = sync(full=False)
            errors = sum(logs.mapped("error_count"))
            records = sum(
                log.created_count
                + log.updated_count
                + log.unchanged_count
                + log.error_count
                for log in logs
            )
            # The simulator's park, generated again from its seed: what it serves.
            park = Park(customers=args.customers, lines=args.lines, seed=1)
            served = (
                len(park.customers)
                + len(park.billing_points)
                + len(park.sites)
                + len(park.services)
            )
            check(errors == 0, f"first sync: {errors} records in error (0 expected)")
            check(
                records == served,
                f"first sync: {records} records synced, {served} served by Cfast",
            )
            bench("cfast_records", records, "records")
            bench("cfast_sync_seconds", first.seconds, "s")
            bench("cfast_sync_records_per_s", records / first.seconds, "records/s")
            bench(
                "cfast_sync_queries_per_record",
                first.queries / records,
                "queries/record",
            )
            bench("cfast_sync_errors", errors, "records")
            for log in logs:
                print(
                    f"  {log.resource}: created {log.created_count}, updated "
                    f"{log.updated_count}, errors {log.error_count}",
                    flush=True,
                )
            again, logs = sync(full=True)
            changed = sum(logs.mapped("created_count")) + sum(
                logs.mapped("updated_count")
            )
            check(
                changed == 0 and sum(logs.mapped("error_count")) == 0,
                f"no-change full sync: {changed} records written (0 expected)",
            )
            bench("cfast_nochange_full_sync_seconds", again.seconds, "s")
            bench("cfast_nochange_records_per_s", records / again.seconds, "records/s")
            bench("cfast_nochange_records_written", changed, "records")
            incremental, _logs = sync(full=False)
            bench("cfast_incremental_nochange_seconds", incremental.seconds, "s")
    finally:
        server.stop()


def perform_jobs(env):
    """Each job pending (a page) performed and committed, then those it
    released, as queue_job's runner does. A commit per page, as in production,
    lets PostgreSQL's autovacuum keep the tables' statistics (one transaction
    for the whole sync would hide them)."""
    from odoo.addons.softwhere_park.tests.common import run_queued_jobs  # noqa: PLC0415

    run_queued_jobs(env, commit=True)


class CfastProcess:
    """The Cfast simulator in a process of its own, as the real platform is
    remote: in a thread of the benchmark it would take the GIL from Odoo."""

    def __init__(self, customers, lines):
        self.output = tempfile.NamedTemporaryFile(
            "w+", prefix="bench-cfast-", suffix=".log"
        )
        self.process = subprocess.Popen(
            [
                sys.executable,
                str(ROOT / "tools" / "simulators" / "cfast.py"),
                f"--customers={customers}",
                f"--lines={lines}",
                "--seed=1",
            ],
            stdout=self.output,
            stderr=subprocess.STDOUT,
        )
        deadline = time.monotonic() + 600
        while not (found := re.search(r"listening on (\S+)", self._read())):
            if self.process.poll() is not None or time.monotonic() > deadline:
                self.stop()
                raise SystemExit(f"The Cfast simulator did not start:\n{self._read()}")
            time.sleep(0.5)
        self.url = found.group(1)

    def _read(self):
        return Path(self.output.name).read_text()

    def stop(self):
        self.process.terminate()
        self.process.wait(timeout=30)
        self.output.close()


def main():
    parser = argparse.ArgumentParser(description=__doc__.strip().splitlines()[0])
    parser.add_argument("--customers", type=int, default=10_000)
    parser.add_argument("--lines", type=int, default=100_000)
    parser.add_argument("--page-size", type=int, default=500)
    parser.add_argument("--db", default=f"softwhere_bench_cfast_{os.getpid()}")
    parser.add_argument("--keep", action="store_true", help="keep the database")
    parser.add_argument(
        "--in-process",
        action="store_true",
        help="the simulator in a thread of the benchmark's process (as before "
        "2026-11-25) rather than a process of its own",
    )
    args = parser.parse_args()
    create_database(args.db, ["softwhere_cfast_connector"])
    try:
        run(args)
    finally:
        if not args.keep:
            drop_database(args.db)
    return 0


if __name__ == "__main__":
    sys.exit(main())
