#!/usr/bin/env python3
"""Serve the demo: the simulators beside Odoo, stopped together.

    python tools/serve_demo.py -d DB [--http-port 8069] [--workers N] [--channels C]

The Cfast, SNAIC and Alphalink simulators (tools/simulators/run_all.py) start
first, on 8081, 8082 and 8083, over the same generated park as the demo
backends expect; then Odoo serves DB on http://localhost:PORT with
``queue_job`` loaded server-wide, so its job runner runs the syncs and the
provisioning in the background: a thread of the server by default, its own
process beside N HTTP workers with ``--workers N``. Ctrl-C stops both.
"""

import argparse
import os
import signal
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.strip().splitlines()[0])
    parser.add_argument("-d", "--database", required=True)
    parser.add_argument("--http-port", type=int, default=8069)
    parser.add_argument(
        "--workers",
        type=int,
        default=0,
        help="HTTP worker processes (0: one threaded process); the job runner "
        "gets a process of its own when N > 0",
    )
    parser.add_argument(
        "--channels",
        default=os.environ.get("ODOO_QUEUE_JOB_CHANNELS"),
        help="queue_job channels and how many jobs run at once (root:2; with N "
        "workers, root:N-1)",
    )
    args = parser.parse_args(argv)
    if not args.channels:
        # Jobs run in the HTTP workers: one is kept free for the users and for
        # the styles wkhtmltopdf loads from the server while a job prints PDFs.
        args.channels = f"root:{max(args.workers - 1, 1)}" if args.workers else "root:2"
    src = Path(os.environ.get("ODOO_SRC") or "/opt/odoo-19")
    simulators = subprocess.Popen(
        [sys.executable, str(ROOT / "tools" / "simulators" / "run_all.py")]
    )
    odoo = [
        sys.executable,
        str(src / "odoo-bin"),
        f"--addons-path={ROOT / 'addons'},{src / 'addons'}",
        f"--database={args.database}",
        f"--db-filter=^{args.database}$",
        f"--http-port={args.http_port}",
        "--load=base,web,queue_job",
        f"--workers={args.workers}",
    ]
    if args.workers:
        # The job runner holds a connection per database it serves, and the
        # workers need time for a sync page: Odoo's limits are for web requests.
        odoo += ["--max-cron-threads=1", "--limit-time-real=600"]
    env = dict(os.environ, ODOO_QUEUE_JOB_CHANNELS=args.channels)
    print(
        f"Odoo on http://localhost:{args.http_port} (login admin / admin)", flush=True
    )
    server = subprocess.Popen(odoo, env=env)
    try:
        return server.wait()
    except KeyboardInterrupt:
        server.send_signal(signal.SIGINT)
        return server.wait()
    finally:
        simulators.terminate()
        simulators.wait()


if __name__ == "__main__":
    sys.exit(main())
