#!/usr/bin/env python3
"""Benchmark of the pure-Python layer at the issues' scale.

Prints one figure a line as ``BENCH <name> <value> <unit>``. Never part of the
test run: ``make bench-lib``. The Odoo-side benchmarks (sync into the ORM,
invoice run, import) build on these clients and formats.
"""

import argparse
import sys
import time
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from softwhere_lib import bluerocktel  # noqa: E402
from softwhere_lib.cfast import RESOURCES, CfastClient  # noqa: E402
from softwhere_lib.reconciliation import (  # noqa: E402
    CatalogueArticle,
    Reconciler,
    billed_lines_from_cfast,
)
from softwhere_lib.snaic import SnaicClient  # noqa: E402
from softwhere_sim.catalogue import ARTICLES, platform_of_label  # noqa: E402
from softwhere_sim.cfast import DEFAULT_TOKEN, CfastApp  # noqa: E402
from softwhere_sim.common import SimulatorServer  # noqa: E402
from softwhere_sim.park import Park  # noqa: E402
from softwhere_sim.snaic import (  # noqa: E402
    DEFAULT_LOGIN,
    DEFAULT_PASSWORD,
    start_snaic,
)


def bench(name, value, unit):
    print(f"BENCH {name} {value:.1f} {unit}", flush=True)


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--customers", type=int, default=10_000)
    parser.add_argument("--lines", type=int, default=100_000)
    args = parser.parse_args()
    today = date.today()

    started = time.perf_counter()
    park = Park(customers=args.customers, lines=args.lines, seed=1)
    elapsed = time.perf_counter() - started
    total = sum(len(items) for items in park.by_resource.values())
    bench("park_generation", total / elapsed, "records/s")

    with SimulatorServer(CfastApp(park)).start() as server:
        client = CfastClient(server.url, DEFAULT_TOKEN, page_size=500)
        started = time.perf_counter()
        records = {
            resource: list(client.iter_records(resource)) for resource in RESOURCES
        }
        elapsed = time.perf_counter() - started
        count = sum(len(items) for items in records.values())
        bench("cfast_read_all", count / elapsed, "records/s")
        bench("cfast_read_all_time", elapsed, "s")
        bench("cfast_requests", server.app.requests_served, "requests")

    with start_snaic(park, gap_rate=0.01, on_date=today) as server:
        client = SnaicClient(
            f"{server.url}/soap/parc", DEFAULT_LOGIN, DEFAULT_PASSWORD, page_size=500
        )
        started = time.perf_counter()
        supplier_lines = list(client.iter_lines())
        elapsed = time.perf_counter() - started
        bench("snaic_read_all", len(supplier_lines) / elapsed, "lines/s")

    reconciler = Reconciler(
        CatalogueArticle(a.label, a.supplier_label, a.sale_price, a.buy_price)
        for a in ARTICLES
    )
    snaic_services = [
        s
        for s in records["services"]
        if platform_of_label(s.history[0].label) == "snaic"
    ]
    billed = billed_lines_from_cfast(snaic_services, today)
    started = time.perf_counter()
    gaps = reconciler.reconcile(billed, supplier_lines)
    elapsed = time.perf_counter() - started
    bench("reconcile_core", len(billed) / elapsed, "lines/s")
    bench("reconcile_core_gaps", len(gaps), "gaps")

    rows = [
        {
            "customerAccount": c["customerReference"],
            "name": c["customer_name"],
            "registrationNumber": c["registrationNumber"],
            "taxRegistrationNumber": c["vatNumber"],
            "mainAddressLine1": c["addressLine1"],
            "postalCode": c["postalCode"],
            "mainAddressCity": c["city"],
            "active": True,
        }
        for c in park.customers
    ]
    data = bluerocktel.write_csv(rows)
    started = time.perf_counter()
    checked = bluerocktel.check_rows(bluerocktel.read_table(data))
    elapsed = time.perf_counter() - started
    assert all(row.ok for row in checked), [
        row.errors for row in checked if row.errors
    ][:3]
    bench("bluerocktel_read_check", len(checked) / elapsed, "rows/s")


if __name__ == "__main__":
    main()
