# Copyright 2026 SoftWhere
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Our fields on contacts take the ``softwhere_`` prefix (issue 29).

Odoo's own modules and OCA's may add fields of the same names to
``res.partner``; the data stays, in the renamed columns.
"""

from odoo.addons.softwhere_client.upgrade import rename_fields

RENAMES = {
    "capital": "softwhere_capital",
    "vip": "softwhere_vip",
    "civility": "softwhere_civility",
    "partner_type": "softwhere_partner_type",
}


def migrate(cr, version):
    if not version:
        return
    rename_fields(cr, "softwhere_client", "res.partner", RENAMES, ("res.users",))
