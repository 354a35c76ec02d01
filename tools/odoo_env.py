#!/usr/bin/env python3
"""Find Odoo 19.0 and make sure PostgreSQL answers, for the Makefile.

    python tools/odoo_env.py odoo       prints the command that runs Odoo 19.0
    python tools/odoo_env.py postgres   checks PostgreSQL, starting the local cluster

Odoo is looked for, in order: the source tree named by ``ODOO_SRC`` when it is
set; the ``odoo`` package installed in this Python; the source tree at
``/opt/odoo-19``. On failure each prints one sentence and exits 1.
"""

import argparse
import importlib.util
import os
import re
import shutil
import subprocess
import sys
import time
from pathlib import Path

DEFAULT_SRC = Path("/opt/odoo-19")
WANTED = (19, 0)


class NotFound(Exception):
    pass


def _source_version(src):
    release = src / "odoo" / "release.py"
    if not (src / "odoo-bin").is_file() or not release.is_file():
        raise NotFound(
            f"{src} is not an Odoo source tree (no odoo-bin or odoo/release.py)"
        )
    match = re.search(r"version_info\s*=\s*\(\s*(\d+)\s*,\s*(\d+)", release.read_text())
    if not match:
        raise NotFound(f"cannot read the Odoo version in {release}")
    return int(match.group(1)), int(match.group(2))


def _from_source(src):
    version = _source_version(src)
    if version != WANTED:
        raise NotFound(f"{src} holds Odoo {version[0]}.{version[1]}, not 19.0")
    return [sys.executable, str(src / "odoo-bin")]


def _from_package():
    spec = importlib.util.find_spec("odoo")
    if spec is None or not spec.submodule_search_locations:
        return None
    location = Path(next(iter(spec.submodule_search_locations)))
    release = location / "release.py"
    version = re.search(
        r"version_info\s*=\s*\(\s*(\d+)\s*,\s*(\d+)", release.read_text()
    )
    if not version or (int(version.group(1)), int(version.group(2))) != WANTED:
        raise NotFound(f"the odoo package in {location} is not Odoo 19.0")
    script = Path(sys.executable).with_name("odoo")
    if script.is_file():
        return [str(script)]
    return [sys.executable, str(location.parent / "odoo-bin")]


def find_odoo(environ=os.environ):
    explicit = environ.get("ODOO_SRC")
    if explicit:
        return _from_source(Path(explicit))
    command = _from_package()
    if command:
        return command
    if DEFAULT_SRC.exists():
        return _from_source(DEFAULT_SRC)
    raise NotFound(
        "Odoo 19.0 not found: install it in this Python (pip install -e <odoo source>) "
        f"or set ODOO_SRC to an Odoo 19.0 source tree (default {DEFAULT_SRC})"
    )


def _pg_ready(host, port):
    ready = shutil.which("pg_isready")
    if ready is None:
        raise NotFound("PostgreSQL client tools (pg_isready) are not installed")
    result = subprocess.run(
        [ready, "-q", "-h", host, "-p", str(port)], check=False, capture_output=True
    )
    return result.returncode == 0


def _start_clusters(port):
    """Start the local Debian clusters on ``port``; True when one was asked to."""
    clusters = shutil.which("pg_lsclusters")
    if clusters is None:
        return False
    listing = subprocess.run(
        [clusters, "-h"], capture_output=True, text=True, check=False
    )
    started = False
    for line in listing.stdout.splitlines():
        version, name, cluster_port, *_ = line.split()
        if int(cluster_port) == port:
            command = [
                "pg_ctlcluster",
                "--skip-systemctl-redirect",
                version,
                name,
                "start",
            ]
            subprocess.run(command, check=False, capture_output=True)
            started = True
    return started


def ensure_postgres(host="127.0.0.1", port=5432):
    if _pg_ready(host, port):
        return "running"
    if _start_clusters(port):
        for _ in range(20):
            if _pg_ready(host, port):
                return "started"
            time.sleep(0.5)
    raise NotFound(
        f"PostgreSQL does not answer on {host}:{port} "
        "and no local cluster could be started"
    )


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.strip().splitlines()[0])
    parser.add_argument("what", choices=("odoo", "postgres"))
    parser.add_argument("--port", type=int, default=5432, help="PostgreSQL port")
    args = parser.parse_args(argv)
    try:
        if args.what == "odoo":
            print(" ".join(find_odoo()))
        else:
            print(f"PostgreSQL {ensure_postgres(port=args.port)}")
    except NotFound as exc:
        print(f"{exc}.", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
