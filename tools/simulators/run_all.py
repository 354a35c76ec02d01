#!/usr/bin/env python3
"""Serve the three simulators over one generated park, for the demo.

Cfast on 8081, SNAIC on 8082 (``/soap/parc``), Alphalink on 8083 by default;
the supplier parks are derived from the same park as Cfast, so a demo sync and
reconciliation show consistent data (with a few gaps, ``--gap-rate``).
"""

import argparse
import sys
import threading
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from softwhere_sim.alphalink import (  # noqa: E402
    DEFAULT_API_KEY,
    AlphalinkApp,
)
from softwhere_sim.cfast import DEFAULT_TOKEN, CfastApp  # noqa: E402
from softwhere_sim.common import (  # noqa: E402
    FaultInjector,
    SimulatorServer,
    add_timeout_delay_argument,
)
from softwhere_sim.park import Park  # noqa: E402
from softwhere_sim.snaic import (  # noqa: E402
    DEFAULT_LOGIN,
    DEFAULT_PASSWORD,
    SnaicApp,
)
from softwhere_sim.supplier_park import SupplierPark  # noqa: E402


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--cfast-port", type=int, default=8081)
    parser.add_argument("--snaic-port", type=int, default=8082)
    parser.add_argument("--alphalink-port", type=int, default=8083)
    parser.add_argument("--customers", type=int, default=20)
    parser.add_argument("--lines", type=int, default=300)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--gap-rate", type=float, default=0.02)
    parser.add_argument("--fault-rate", type=float, default=0.0)
    add_timeout_delay_argument(parser)
    args = parser.parse_args(argv)

    park = Park(customers=args.customers, lines=args.lines, seed=args.seed)

    def faults():
        return FaultInjector(
            rate=args.fault_rate, seed=args.seed, timeout_delay=args.timeout_delay
        )

    apps = [
        (
            CfastApp(park, faults=faults()),
            args.cfast_port,
            "",
            f"token {DEFAULT_TOKEN}",
        ),
        (
            SnaicApp(
                SupplierPark(park, "snaic", gap_rate=args.gap_rate), faults=faults()
            ),
            args.snaic_port,
            "/soap/parc",
            f"login {DEFAULT_LOGIN} / {DEFAULT_PASSWORD}",
        ),
        (
            AlphalinkApp(
                SupplierPark(park, "alphalink", gap_rate=args.gap_rate), faults=faults()
            ),
            args.alphalink_port,
            "",
            f"API key {DEFAULT_API_KEY}",
        ),
    ]
    servers = []
    for app, port, path, credentials in apps:
        server = SimulatorServer(app, host=args.host, port=port).start()
        servers.append(server)
        name = type(app).__name__.removesuffix("App")
        print(f"{name} simulator on {server.url}{path} ({credentials})", flush=True)
    try:
        threading.Event().wait()
    except KeyboardInterrupt:
        for server in servers:
            server.stop()


if __name__ == "__main__":
    main()
