#!/usr/bin/env python3
"""Finish the demo database after its installation: French for the admin, Paris time,
last month's invoicing posted.

    python tools/demo_setup.py -d DB

Run by ``make db`` once, right after the database is created, with the
virtualenv's Python. Each SoftWhere addon that needs more of the demo (the
connector backends pointing at the simulators…) does it in its own demo data;
this only sets what belongs to the demo as a whole: the users' language and
time zone, and last month's invoice run of ``softwhere_park``'s demo posted
(*Valider la facturation*, its PDFs with their Factur-X made), as the reseller
did at the start of this month, so its customers find their invoices on the
portal. The demo's own data stays a draft run, which the addons' tests expect.
"""

import argparse
import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.strip().splitlines()[0])
    parser.add_argument("-d", "--database", required=True)
    args = parser.parse_args(argv)

    import odoo  # noqa: PLC0415
    from odoo.modules.registry import Registry  # noqa: PLC0415
    from odoo.tools import config  # noqa: PLC0415

    src = Path(os.environ.get("ODOO_SRC") or "/opt/odoo-19")
    config.parse_config(
        [f"--addons-path={ROOT / 'addons'},{src / 'addons'}", f"-d{args.database}"],
        setup_logging=False,
    )
    with Registry(args.database).cursor() as cr:
        env = odoo.api.Environment(cr, odoo.SUPERUSER_ID, {})
        env["res.lang"]._activate_lang("fr_FR")
        users = (
            env.ref("base.user_admin")
            | env.ref("base.user_demo", False)
            | env.ref("softwhere_portal.user_portal_customer_01", False)
        )
        users.write({"lang": "fr_FR", "tz": "Europe/Paris"})
        env.ref("base.partner_admin").lang = "fr_FR"
        posted = post_last_run(env)
    print(
        f"Demo database {args.database}: admin, demo and portal users in French, "
        f"Paris time; {posted} invoices of last month posted."
    )
    return 0


def post_last_run(env):
    """*Valider la facturation* on the demo's invoice run, its jobs run here."""
    if "softwhere.invoice.run" not in env:
        return 0
    runs = (
        env["softwhere.invoice.run"]
        .search([])
        .filtered(lambda run: run.state == "done")
    )
    runs.with_context(queue_job__no_delay=True).action_post()
    return len(runs.invoice_ids.filtered(lambda move: move.state == "posted"))


if __name__ == "__main__":
    sys.exit(main())
