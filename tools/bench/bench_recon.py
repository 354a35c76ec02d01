#!/usr/bin/env python3
"""Benchmark of the supplier reconciliation: 100,000 lines against SNAIC.

    python tools/bench/bench_recon.py [--lines 100000] [--gap-rate 0.01]
        [--db NAME] [--keep] [--profile PREFIX]

Makes a database with ``softwhere_supplier_connector`` (no demo), generates a
Cfast park (``softwhere_sim.park.Park``) and writes it into Odoo's park by batch
creates (customers, services, lines and their plan history, as the Cfast sync
would), starts the SNAIC simulator (SOAP, zeep) over the same park with gaps of
every kind injected, then times the reconciliation (``softwhere.supplier.backend
._reconcile``: its job per page of the supplier's park and the comparison, all
performed inline with ``queue_job__no_delay``) in one process, and a run again.

Its baselines, in the same run: what ``softwhere_lib`` alone takes for the same
work, the supplier's park read through its client (timed right before each of
the two Odoo runs) and the comparison (``billed_lines_from_cfast`` on the Cfast
park's lines of the platform, then ``Reconciler.reconcile``). Checks that Odoo
and the lib find the injected gaps, that the run again writes no snapshot row
and creates no gap, then prints the two goals: the Odoo job within
``FIRST_GOAL`` times the lib's read and comparison, the run again within
``RERUN_GOAL`` times the lib's read; exits non-zero when one is not met.
Prints ``BENCH <name> <value> <unit>`` lines. Never part of ``make test``:
``make bench-recon``.
"""

import argparse
import os
import sys
import time
from collections import Counter
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from softwhere_lib.cfast import Service  # noqa: E402
from softwhere_lib.reconciliation import (  # noqa: E402
    CatalogueArticle,
    Reconciler,
    billed_lines_from_cfast,
)
from softwhere_sim import snaic as snaic_sim  # noqa: E402
from softwhere_sim.catalogue import ARTICLES, platform_of_label  # noqa: E402
from softwhere_sim.park import Park  # noqa: E402
from tools.bench.bench_import import (  # noqa: E402
    Timer,
    addons_path,
    bench,
    check,
    create_database,
    drop_database,
    goal,
    profiled,
)
from tools.bench.bench_park import batch_create, setup_company  # noqa: E402

CONTEXT = {"tracking_disable": True, "mail_create_nolog": True, "mail_notrack": True}
#: The Odoo job against the lib's read and comparison, the run again with
#: nothing changed against the lib's read alone (issue 31).
FIRST_GOAL = 2.0
RERUN_GOAL = 1.2


def load_park(env, park, company):
    """Odoo's park from the generated Cfast park, in batches."""
    from odoo.addons.softwhere_supplier_connector.tests.common import (  # noqa: PLC0415
        load_park as load,
    )

    def in_batches(model, vals_list):
        return batch_create(model, vals_list, 2000)

    return len(load(env, park, company, create=in_batches))


def run(args):
    import odoo  # noqa: PLC0415 - after the command line is read
    from odoo.modules.registry import Registry  # noqa: PLC0415
    from odoo.tools import config  # noqa: PLC0415

    config.parse_config(
        [f"--addons-path={addons_path()}", "-d", args.db, "--log-level=warn"],
        setup_logging=True,
    )
    park = Park(customers=max(args.lines // 10, 1), lines=args.lines, seed=1)
    registry = Registry(args.db)
    with registry.cursor() as cr:
        env = odoo.api.Environment(cr, odoo.SUPERUSER_ID, {})
        company = setup_company(env)
        env = env(context=dict(env.context, allowed_company_ids=[company.id]))
        started = time.perf_counter()
        count = load_park(env, park, company)
        cr.commit()
        print(f"Odoo park: {count} lines in {time.perf_counter() - started:.0f} s")
        server = snaic_sim.start_snaic(
            park, gap_rate=args.gap_rate, on_date=date.today(), retry_after=0
        )
        try:
            backend = env["softwhere.supplier.backend"].create(
                {
                    "name": "SNAIC bench",
                    "platform": "snaic",
                    "url": f"{server.url}/soap/parc",
                    "login": snaic_sim.DEFAULT_LOGIN,
                    "password": snaic_sim.DEFAULT_PASSWORD,
                    "page_size": 500,
                    "timeout": 120,
                    "company_id": company.id,
                }
            )
            cr.commit()
            injected = Counter(gap.kind for gap in server.app.park.injected)
            supplier_lines, read_seconds = lib_read(backend)
            lib_gaps, compare_seconds = lib_compare(park, supplier_lines)
            check(
                Counter(gap.kind for gap in lib_gaps) == injected,
                f"the lib alone finds the injected gaps {dict(injected)}",
            )
            month = str(date.today().replace(day=1))
            with profiled(args.profile and f"{args.profile}.first"), Timer(cr) as first:
                backend.with_context(queue_job__no_delay=True)._reconcile(month)
            cr.commit()
            Gap = env["softwhere.reconciliation.gap"]
            found = Counter(
                Gap.search([("backend_id", "=", backend.id)]).mapped("kind")
            )
            gaps = sum(found.values())
            check(
                found == injected,
                f"gaps found by kind {dict(found)}, injected {dict(injected)}",
            )
            snapshot_before = snapshot_state(cr, backend)
            _lines, reread_seconds = lib_read(backend)
            with profiled(args.profile and f"{args.profile}.rerun"), Timer(cr) as again:
                backend.with_context(queue_job__no_delay=True)._reconcile(month)
            cr.commit()
            check(
                Gap.search_count([("backend_id", "=", backend.id)]) == gaps,
                f"the rerun keeps the {gaps} gaps, creates none",
            )
            check(
                snapshot_state(cr, backend) == snapshot_before,
                "the rerun writes no snapshot row "
                f"(rows, last id, last write: {snapshot_before})",
            )
            billed = env["softwhere.line"].search_count([])
            lib_seconds = read_seconds + compare_seconds
            first_ratio = first.seconds / lib_seconds
            rerun_ratio = again.seconds / reread_seconds
            bench("recon_odoo_lines", billed, "lines")
            bench("recon_supplier_lines", len(supplier_lines), "lines")
            bench("recon_lib_read_seconds", read_seconds, "s")
            bench("recon_lib_compare_seconds", compare_seconds, "s")
            bench("recon_seconds", first.seconds, "s")
            bench("recon_lines_per_s", billed / first.seconds, "lines/s")
            bench("recon_queries_per_line", first.queries / billed, "queries/line")
            bench("recon_gaps", gaps, "gaps")
            bench("recon_injected_gaps", len(server.app.park.injected), "gaps")
            bench("recon_lib_reread_seconds", reread_seconds, "s")
            bench("recon_rerun_seconds", again.seconds, "s")
            bench("recon_ratio_vs_lib", first_ratio, "x")
            bench("recon_rerun_ratio_vs_lib_read", rerun_ratio, "x")
            met = goal(
                first_ratio <= FIRST_GOAL,
                f"reconciliation ≤ {FIRST_GOAL}× the lib's read and comparison",
            )
            return (
                goal(
                    rerun_ratio <= RERUN_GOAL,
                    f"run again with nothing changed ≤ {RERUN_GOAL}× the lib's read",
                )
                and met
            )
        finally:
            server.stop()


def lib_read(backend):
    """The supplier's park through the lib's client alone, and its seconds."""
    started = time.perf_counter()
    lines = list(backend._client().iter_lines())
    return lines, time.perf_counter() - started


def lib_compare(park, supplier_lines):
    """The lib's comparison of the park's lines of the platform (as billed
    today) with the supplier's, and its seconds."""
    services = [Service.from_json(item) for item in park.services]
    started = time.perf_counter()
    reconciler = Reconciler(
        CatalogueArticle(a.label, a.supplier_label, a.sale_price, a.buy_price)
        for a in ARTICLES
        if platform_of_label(a.label) == "snaic"
    )
    billed = billed_lines_from_cfast(
        [
            service
            for service in services
            if service.history
            and platform_of_label(service.history[0].label) == "snaic"
        ],
        date.today(),
    )
    gaps = reconciler.reconcile(billed, supplier_lines)
    return gaps, time.perf_counter() - started


def snapshot_state(cr, backend):
    """The backend's snapshot rows: how many, the last id, the last write."""
    cr.execute(
        "SELECT count(*), max(id), max(write_date) FROM softwhere_supplier_snapshot"
        " WHERE backend_id = %s",
        [backend.id],
    )
    return cr.fetchone()


def main():
    parser = argparse.ArgumentParser(description=__doc__.strip().splitlines()[0])
    parser.add_argument("--lines", type=int, default=100_000)
    parser.add_argument("--gap-rate", type=float, default=0.01)
    parser.add_argument("--db", default=f"softwhere_bench_recon_{os.getpid()}")
    parser.add_argument("--keep", action="store_true", help="keep the database")
    parser.add_argument(
        "--profile",
        metavar="PREFIX",
        help="cProfile the two Odoo runs (their timings then include the "
        "profiler's cost): stats to PREFIX.first and PREFIX.rerun, top entries "
        "printed",
    )
    args = parser.parse_args()
    create_database(args.db, ["softwhere_supplier_connector"])
    try:
        met = run(args)
    finally:
        if not args.keep:
            drop_database(args.db)
    return 0 if met else 1


if __name__ == "__main__":
    sys.exit(main())
