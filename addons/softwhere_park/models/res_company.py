# Copyright 2026 SoftWhere
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class ResCompany(models.Model):
    _inherit = "res.company"

    softwhere_billing_start = fields.Date(
        string="Park billed by Odoo since",
        help="The go-live of the invoice runs: days before it were billed by the "
        "previous tool and are never billed nor credited. Empty: each billing "
        "site is billed from the first period a run covers for it.",
    )
