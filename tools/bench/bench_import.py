#!/usr/bin/env python3
"""Benchmark of the BlueRockTEL customer import against Odoo's base_import.

    python tools/bench/bench_import.py [--rows 10000] [--seed 1] [--addons A,B]
        [--batch-size 500] [--loop-rows 1000] [--db NAME] [--keep] [--profile FILE]

Makes a throwaway database with ``softwhere_client`` and every SoftWhere addon
of ``addons/`` that depends on it (``--addons`` names others: so the billing
sites ``softwhere_billing`` gives each new customer are counted once it lands),
generates ``--rows`` customers with valid SIRET and VAT numbers from the seed,
then, in one Odoo process:

1. imports them with the command's own core (``bluerocktel_import``'s
   ``execute``, which runs ``BlueRockTelImport``: the wizard's code path too);
2. imports the same file again (every row unchanged);
3. imports the same customers through ``base_import`` (``execute_import`` on
   ``res.partner``, tracking off as the web client's default) under another
   account prefix, so that both create ``--rows`` customers;
4. imports ``--loop-rows`` other customers without the batch create, to show
   what OCA ``partner_firstname``'s per-record loop costs.

Each step's result is checked before its timing is printed (``check``: every
row created, then unchanged, base_import without error). Then runs the real
command, ``odoo-bin --addons-path=… bluerocktel_import``, on a small file with
one bad row, and checks its summary line and exit status. Prints one figure a
line, ``BENCH <name> <value> <unit>``, and whether the goal is met (the import
at least ``IMPORT_GOAL`` times as fast as base_import, same run); exits
non-zero when a check fails or the goal is not met. Never part of
``make test``: ``make bench-import``.
"""

import argparse
import contextlib
import cProfile
import csv
import io
import os
import pstats
import random
import re
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
ADDONS = ROOT / "addons"
sys.path.insert(0, str(ROOT))

#: The columns of the file and, for base_import, the field of each.
FIELD_OF_COLUMN = {
    "customerAccount": "customer_reference",
    "accountsReference": "accounts_reference",
    "name": "name",
    "registrationNumber": "company_registry",
    "taxRegistrationNumber": "vat",
    "type": "legal_form",
    "capital": "softwhere_capital",
    "mainAddressLine1": "street",
    "mainAddressLine2": "street2",
    "postalCode": "zip",
    "mainAddressCity": "city",
    "website": "website",
    "active": "active",
    "isReseller": "is_reseller",
    "resellerLevel": "reseller_level",
    "chargeVAT": "charge_vat",
    "applyVATAutoReverseOperators": "vat_auto_reverse",
    "onCallDuty": "on_call_duty",
    "vip": "softwhere_vip",
}
_WORDS = (
    "Boulangerie",
    "Garage",
    "Cabinet",
    "Transports",
    "Atelier",
    "Pharmacie",
    "Hôtel",
    "Menuiserie",
    "Imprimerie",
    "Clinique",
)
_FAMILIES = ("Martin", "Bernard", "Dubois", "Thomas", "Robert", "Richard", "Petit")
_FIRST_NAMES = ("Camille", "Hugo", "Léa", "Lucas", "Manon", "Louis", "Chloé")
_CITIES = (
    ("75002", "Paris"),
    ("69002", "Lyon"),
    ("13001", "Marseille"),
    ("31000", "Toulouse"),
    ("06000", "Nice"),
    ("44000", "Nantes"),
    ("21000", "Dijon"),
)
_TYPES = ("SAS", "SARL", "EURL", "EI", "SELARL")
_TYPE_WEIGHTS = (40, 30, 8, 7, 3)


#: The import's speed goal against base_import, in the same run.
IMPORT_GOAL = 5.0


def bench(name, value, unit):
    print(f"BENCH {name} {value:.1f} {unit}", flush=True)


def check(condition, message):
    """Stop the benchmark, non-zero, when its own result is wrong: no timing
    of a wrong run is printed."""
    if not condition:
        print(f"CHECK FAILED {message}", flush=True)
        raise SystemExit(1)
    print(f"CHECK ok {message}", flush=True)


def goal(condition, message):
    """Print whether a speed goal is met; the caller exits non-zero when one is
    not (after every figure is printed, unlike ``check``)."""
    print(f"GOAL {'met' if condition else 'NOT MET'} {message}", flush=True)
    return condition


@contextlib.contextmanager
def profiled(path, top=25):
    """cProfile the block when ``path`` is given: the stats go to ``path``, the
    top entries by own time and by cumulative time to the output."""
    if not path:
        yield
        return
    profile = cProfile.Profile()
    profile.enable()
    try:
        yield
    finally:
        profile.disable()
        profile.dump_stats(path)
        for order in ("tottime", "cumulative"):
            print(f"PROFILE {path} by {order}:", flush=True)
            stats = pstats.Stats(profile, stream=sys.stdout)
            stats.strip_dirs().sort_stats(order).print_stats(top)


def luhn_digit(digits):
    total = 0
    for position, digit in enumerate(reversed(digits)):
        value = int(digit) * (1 if position % 2 else 2)
        total += value - 9 if value > 9 else value
    return str((10 - total % 10) % 10)


def siret_for(number):
    siren = f"{(number * 7919 + 12345) % 10**8:08d}"
    siren += luhn_digit(siren)
    body = f"{siren}{number % 10000:04d}"
    return body + luhn_digit(body)


def vat_for(siren):
    return f"FR{(12 + 3 * (int(siren) % 97)) % 97:02d}{siren}"


def customers(count, seed, prefix):
    """``count`` customer rows, the same for the same seed, whatever the prefix."""
    rng = random.Random(seed)
    rows = []
    for number in range(1, count + 1):
        zip_code, city = rng.choice(_CITIES)
        kind = rng.random()
        row = {
            "customerAccount": f"{prefix}{number:06d}",
            "accountsReference": f"411{number:06d}",
            "mainAddressLine1": f"{rng.randint(1, 200)} rue de la République",
            "mainAddressLine2": "Bâtiment B" if rng.random() < 0.1 else "",
            "postalCode": zip_code,
            "mainAddressCity": city,
            "active": "0" if rng.random() < 0.05 else "1",
            "isReseller": "0",
            "resellerLevel": "",
            "chargeVAT": "0" if rng.random() < 0.03 else "1",
            "applyVATAutoReverseOperators": "1" if rng.random() < 0.02 else "0",
            "onCallDuty": "1" if rng.random() < 0.1 else "0",
            "vip": "1" if rng.random() < 0.05 else "0",
        }
        if kind < 0.07:  # individuals
            row.update(
                name=f"{rng.choice(_FIRST_NAMES)} {rng.choice(_FAMILIES)}",
                type="Particulier",
            )
        else:
            siret = siret_for(number)
            legal = rng.choices(_TYPES, _TYPE_WEIGHTS)[0]
            row.update(
                name=f"{rng.choice(_WORDS)} {rng.choice(_FAMILIES)} {number}",
                registrationNumber=siret,
                taxRegistrationNumber=vat_for(siret[:9]),
                type=legal,
                capital=str(rng.choice((1000, 5000, 7622.45, 15000, 50000))),
                website=f"https://www.client{number}.example.fr",
            )
            if rng.random() < 0.05:
                row.update(isReseller="1", resellerLevel=str(rng.randint(1, 3)))
        rows.append(row)
    return rows


def csv_bytes(rows, header=None):
    header = header or list(FIELD_OF_COLUMN)
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    writer.writerow(header)
    for row in rows:
        writer.writerow([row.get(name, "") for name in header])
    return buffer.getvalue().encode("utf-8")


def default_addons():
    """softwhere_client and every addon of addons/ that depends on it."""
    manifests = {
        path.parent.name: path.read_text()
        for path in sorted(ADDONS.glob("*/__manifest__.py"))
    }
    depends = {
        name: set(re.findall(r"['\"](\w+)['\"]", _depends_block(text)))
        for name, text in manifests.items()
    }
    chosen = {"softwhere_client"}
    changed = True
    while changed:
        changed = False
        for name, deps in depends.items():
            if name not in chosen and deps & chosen:
                chosen.add(name)
                changed = True
    return sorted(chosen)


def _depends_block(text):
    match = re.search(r"['\"]depends['\"]\s*:\s*\[(.*?)\]", text, re.S)
    return match.group(1) if match else ""


def odoo_bin():
    return Path(os.environ.get("ODOO_SRC") or "/opt/odoo-19") / "odoo-bin"


def addons_path():
    return f"{ADDONS},{odoo_bin().parent / 'addons'}"


def create_database(db, addons):
    subprocess.run(
        ["psql", "-X", "-q", "-d", "postgres", "-c", f'DROP DATABASE IF EXISTS "{db}"'],
        check=True,
    )
    started = time.perf_counter()
    subprocess.run(
        [
            sys.executable,
            str(odoo_bin()),
            f"--addons-path={addons_path()}",
            "-d",
            db,
            "-i",
            ",".join(addons),
            "--stop-after-init",
            "--log-level=warn",
            "--max-cron-threads=0",
        ],
        check=True,
        cwd=ROOT,
    )
    print(
        f"database {db} with {', '.join(addons)} in "
        f"{time.perf_counter() - started:.0f} s",
        flush=True,
    )


def drop_database(db):
    sql = f'DROP DATABASE IF EXISTS "{db}" WITH (FORCE)'
    subprocess.run(["psql", "-X", "-q", "-d", "postgres", "-c", sql], check=False)


class Timer:
    def __init__(self, cr):
        self.cr = cr

    def __enter__(self):
        self.queries = self.cr.sql_log_count
        self.started = time.perf_counter()
        return self

    def __exit__(self, *exc_info):
        self.seconds = time.perf_counter() - self.started
        self.queries = self.cr.sql_log_count - self.queries


def run_benchmarks(args, db):
    import odoo  # noqa: PLC0415 - after the command line is read
    from odoo.modules.registry import Registry  # noqa: PLC0415
    from odoo.tools import config  # noqa: PLC0415

    config.parse_config(
        [f"--addons-path={addons_path()}", "-d", db, "--log-level=warn"],
        setup_logging=True,
    )
    from odoo.addons.softwhere_client.bluerocktel.importer import (  # noqa: PLC0415
        BlueRockTelImport,
    )
    from odoo.addons.softwhere_client.cli.bluerocktel_import import (  # noqa: PLC0415
        execute,
    )

    rows = args.rows
    ours_prefix, base_prefix, loop_prefix, _cli = args.prefixes
    data = csv_bytes(customers(rows, args.seed, ours_prefix))
    registry = Registry(db)
    with registry.cursor() as cr:
        env = odoo.api.Environment(cr, odoo.SUPERUSER_ID, {})
        env = env(context=env["res.users"].context_get())
        partners = env["res.partner"].with_context(active_test=False)
        before = partners.search_count([])

        with (
            profiled(args.profile),
            Timer(cr) as ours,
            open(os.devnull, "w") as devnull,
        ):
            status = execute(
                env, data, "clients.csv", batch_size=args.batch_size, out=devnull
            )
        cr.commit()
        created = partners.search_count(
            [("customer_reference", "=like", f"{ours_prefix}%")]
        )
        check(
            status == 0 and created == rows,
            f"import: exit status {status} (0 expected), {created} customers "
            f"created ({rows} expected)",
        )
        other = partners.search_count([]) - before - created
        bench("import_rows", rows, "rows")
        bench("import_seconds", ours.seconds, "s")
        bench("import_rows_per_s", rows / ours.seconds, "rows/s")
        bench("import_queries_per_row", ours.queries / rows, "queries/row")
        if other:
            bench("import_other_partners_created", other, "partners")

        with Timer(cr) as again:
            result = BlueRockTelImport(env, batch_size=args.batch_size).run(data)
        cr.commit()
        check(
            result.counts()["unchanged"] == rows,
            f"import again: {result.summary()} (every row unchanged expected)",
        )
        bench("reimport_unchanged_rows_per_s", rows / again.seconds, "rows/s")
        bench("reimport_queries_per_row", again.queries / rows, "queries/row")

        base_rows = customers(rows, args.seed, base_prefix)
        header = [*FIELD_OF_COLUMN, "is_customer_account", "country_id"]
        for row in base_rows:
            row.update(is_customer_account="1", country_id="France")
        wizard = env["base_import.import"].create(
            {
                "res_model": "res.partner",
                "file": csv_bytes(base_rows, header),
                "file_name": "clients.csv",
                "file_type": "text/csv",
            }
        )
        fields = [*FIELD_OF_COLUMN.values(), "is_customer_account", "country_id"]
        options = {
            "quoting": '"',
            "separator": ";",
            "has_headers": True,
            "encoding": "utf-8",
            "float_thousand_separator": "",
            "float_decimal_separator": ".",
        }
        with Timer(cr) as standard:
            outcome = wizard.with_context(tracking_disable=True).execute_import(
                fields, header, options
            )
        cr.commit()
        errors = [m for m in outcome.get("messages", []) if m["type"] == "error"]
        check(
            not errors and len(outcome["ids"]) == rows,
            f"base_import: {len(outcome['ids'])} created ({rows} expected), "
            f"errors {errors[:3]}",
        )
        bench("base_import_rows_per_s", rows / standard.seconds, "rows/s")
        bench("base_import_queries_per_row", standard.queries / rows, "queries/row")
        ratio = standard.seconds / ours.seconds
        bench("ratio_vs_base_import", ratio, "x")
        met = goal(ratio >= IMPORT_GOAL, f"import ≥ {IMPORT_GOAL}× base_import")

        if args.loop_rows:
            loop_data = csv_bytes(customers(args.loop_rows, args.seed + 1, loop_prefix))
            with Timer(cr) as loop:
                BlueRockTelImport(
                    env, batch_size=args.batch_size, batch_create=False
                ).run(loop_data)
            cr.commit()
            bench(
                "import_without_batch_create_rows_per_s",
                args.loop_rows / loop.seconds,
                "rows/s",
            )
    return met


def check_command(db, prefix):
    """The real ``odoo-bin … bluerocktel_import`` on a small file."""
    rows = customers(20, 99, prefix)
    rows[4]["registrationNumber"] = "12345678901234"
    path = ROOT / "var" / "bench_import_cli.csv"
    path.parent.mkdir(exist_ok=True)
    path.write_bytes(csv_bytes(rows))
    started = time.perf_counter()
    run = subprocess.run(
        [
            sys.executable,
            str(odoo_bin()),
            f"--addons-path={addons_path()}",
            "bluerocktel_import",
            "-d",
            db,
            "--log-level=warn",
            str(path),
        ],
        capture_output=True,
        text=True,
        check=False,
        cwd=ROOT,
    )
    seconds = time.perf_counter() - started
    lines = run.stdout.splitlines()
    expected = "created: 19, updated: 0, unchanged: 0, rejected: 1"
    ok = run.returncode == 1 and expected in lines and lines[-1].startswith("ligne 6,")
    print(
        f"CHECK odoo-bin bluerocktel_import: exit {run.returncode}, "
        f"{'summary and rejected row as expected' if ok else 'UNEXPECTED'} "
        f"({seconds:.1f} s with Odoo's start)",
        flush=True,
    )
    if not ok:
        print(run.stdout[-2000:], run.stderr[-2000:], sep="\n")
    return ok


def main():
    parser = argparse.ArgumentParser(description=__doc__.strip().splitlines()[0])
    parser.add_argument("--rows", type=int, default=10_000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--batch-size", type=int, default=500)
    parser.add_argument(
        "--loop-rows",
        type=int,
        default=1000,
        help="rows imported without the batch create (0: skip)",
    )
    parser.add_argument(
        "--addons",
        help="comma-separated addons to install "
        "(default: softwhere_client and the addons of addons/ depending on it)",
    )
    parser.add_argument("--db", default=f"softwhere_bench_import_{os.getpid()}")
    parser.add_argument("--keep", action="store_true", help="keep the database")
    parser.add_argument(
        "--profile",
        metavar="FILE",
        help="cProfile the first import (its timing then includes the profiler's "
        "cost): stats to FILE, top entries printed",
    )
    parser.add_argument(
        "--existing-db",
        action="store_true",
        help="use the database --db as it is (kept), with new account prefixes",
    )
    args = parser.parse_args()
    addons = args.addons.split(",") if args.addons else default_addons()
    args.prefixes = ("BRT", "STD", "LOOP", "CLI")
    if args.existing_db:
        run = f"{os.getpid() % 100000:05d}"
        args.prefixes = (f"B{run}-", f"S{run}-", f"L{run}-", f"C{run}-")
    else:
        create_database(args.db, addons)
    try:
        met = run_benchmarks(args, args.db)
        ok = check_command(args.db, args.prefixes[3]) and met
    finally:
        if not (args.keep or args.existing_db):
            drop_database(args.db)
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
