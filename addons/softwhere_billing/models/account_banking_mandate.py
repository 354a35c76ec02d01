# Copyright 2026 SoftWhere
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class AccountBankingMandate(models.Model):
    _inherit = "account.banking.mandate"

    billing_site_ids = fields.One2many(
        "softwhere.billing.site", "mandate_id", string="Billing sites"
    )
