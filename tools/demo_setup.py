#!/usr/bin/env python3
"""Finish the demo database after its installation: French for the admin, Paris time.

    python tools/demo_setup.py -d DB

Run by ``make db`` once, right after the database is created, with the
virtualenv's Python. Each SoftWhere addon that needs more of the demo (the
connector backends pointing at the simulators…) does it in its own demo data;
this only sets what belongs to the demo as a whole.
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
    print(
        f"Demo database {args.database}: admin, demo and portal users in French, "
        "Paris time."
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
