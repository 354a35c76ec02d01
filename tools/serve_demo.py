#!/usr/bin/env python3
"""Serve the demo: the simulators beside Odoo, stopped together.

    python tools/serve_demo.py -d DB [--http-port 8069]

The Cfast, SNAIC and Alphalink simulators (tools/simulators/run_all.py) start
first, on 8081, 8082 and 8083, over the same generated park as the demo
backends expect; then Odoo serves DB on http://localhost:PORT. Ctrl-C stops
both.
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
    args = parser.parse_args(argv)
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
    ]
    print(
        f"Odoo on http://localhost:{args.http_port} (login admin / admin)", flush=True
    )
    server = subprocess.Popen(odoo)
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
