#!/usr/bin/env python3
"""Check a BlueRockTEL customer file before a migration, without Odoo.

    python tools/bluerocktel_check.py clients.csv [--report rejets.csv]

Prints every rejected row with its line, column and reason, then a summary;
``--report`` writes the rejected rows as they were, with their reasons, to fix
and check again. Never prints a traceback. Exit status:

    0  every row is valid
    1  some rows are rejected (listed)
    2  the file cannot be read as a whole (missing, empty, not CSV/XLSX,
       unknown encoding, no "name" column…), or the report cannot be written:
       one message on stderr
    3  an unexpected error (a bug): one message on stderr, no traceback
"""

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from softwhere_lib import bluerocktel  # noqa: E402


def main(argv=None):
    try:
        return _check(argv)
    except Exception as exc:  # noqa: BLE001 - a message, never a traceback
        print(f"erreur inattendue ({exc.__class__.__name__}) : {exc}", file=sys.stderr)
        return 3


def _check(argv):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("file", type=Path)
    parser.add_argument("--report", type=Path, help="CSV of the rejected rows, to fix")
    args = parser.parse_args(argv)
    try:
        table = bluerocktel.read_table(args.file.read_bytes(), args.file.name)
    except (OSError, bluerocktel.FileFormatError) as exc:
        print(f"{args.file}: {exc}", file=sys.stderr)
        return 2
    rows = bluerocktel.check_rows(table)
    rejected = [row for row in rows if row.errors]
    if table.ignored_columns:
        print(f"colonnes ignorées : {', '.join(table.ignored_columns)}")
    for row in rejected:
        for error in row.errors:
            print(error)
    if args.report and rejected:
        try:
            args.report.write_bytes(bluerocktel.error_report_csv(table, rows))
        except OSError as exc:
            print(f"{args.report}: {exc}", file=sys.stderr)
            return 2
        print(f"rapport des rejets : {args.report}")
    valid = len(rows) - len(rejected)
    print(f"lues : {len(rows)}, valides : {valid}, rejetées : {len(rejected)}")
    return 1 if rejected else 0


if __name__ == "__main__":
    sys.exit(main())
