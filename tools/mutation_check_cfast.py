#!/usr/bin/env python3
"""Mutation check of the Cfast mapping: break one mapping line at a time.

    .venv/bin/python tools/mutation_check_cfast.py

For each of the ten mapping lines a review broke on purpose (VAT rate, SIRET,
IBAN, white label, periodicity, mobile, hide called numbers, commission rate,
trade name, status), replace it with a wrong one, run the unit suite, and
print which tests fail. softwhere_lib/cfast.py is restored at the end, whatever
happens (killed included). Exits 1 when a broken mapping goes unseen. About 25 s a
mutation on a quiet machine.
"""

import pathlib
import signal
import subprocess
import sys

ROOT = pathlib.Path(__file__).resolve().parents[1]
SRC = ROOT / "softwhere_lib/cfast.py"
original = SRC.read_text()
MUTATIONS = [
    ("VAT rate", 'vat_rate=float(data.get("vatRate", 20.0)),', "vat_rate=20.0,"),
    (
        "SIRET",
        'registration_number=data.get("registrationNumber") or "",',
        'registration_number=data.get("vatNumber") or "",',
    ),
    ("IBAN", 'iban=data.get("iban") or "",', 'iban=data.get("rum") or "",'),
    (
        "white label",
        'white_label=data.get("whiteLabel") or "",',
        'white_label="Actif Télécom",',
    ),
    (
        "periodicity",
        'periodicity=periodicity_from_cfast(data.get("periodicity")),',
        'periodicity="monthly",',
    ),
    ("mobile", 'mobile=data.get("mobile") or "",', 'mobile=data.get("phone") or "",'),
    (
        "hide called numbers",
        'hide_called_numbers=bool(data.get("hideCalledNumbers", True)),',
        "hide_called_numbers=True,",
    ),
    (
        "commission rate",
        'commission_rate=float(provider.get("commissionRate") or 0.0),',
        "commission_rate=0.0,",
    ),
    (
        "trade name",
        'trade_name=data.get("tradeName") or "",',
        'trade_name=data.get("customer_name") or "",',
    ),
    (
        "status",
        'status=voc.CUSTOMER_STATUSES.from_cfast(data.get("status")),',
        'status="actif_conforme",',
    ),
]


def main():
    # Killed (a timeout, Ctrl-C): exit through ``finally``, which restores cfast.py.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(1))
    caught = 0
    try:
        for name, before, after in MUTATIONS:
            if original.count(before) != 1:
                raise SystemExit(f"{name}: mapping line not found in {SRC}")
            SRC.write_text(original.replace(before, after))
            result = subprocess.run(
                [
                    sys.executable,
                    "-m",
                    "pytest",
                    "-p",
                    "no:cacheprovider",
                    "-p",
                    "no:odoo",
                    "-q",
                    "tests",
                ],
                cwd=ROOT,
                capture_output=True,
                text=True,
            )
            failed = sorted(
                {
                    line.split(" ")[1].split("[")[0]
                    for line in result.stdout.splitlines()
                    if line.startswith("FAILED")
                }
            )
            summary = result.stdout.strip().splitlines()[-1]
            caught += bool(failed)
            print(f"{name}: {summary} :: {', '.join(failed)}", flush=True)
    finally:
        SRC.write_text(original)
    print(f"caught {caught}/{len(MUTATIONS)}")
    return 0 if caught == len(MUTATIONS) else 1


if __name__ == "__main__":
    sys.exit(main())
