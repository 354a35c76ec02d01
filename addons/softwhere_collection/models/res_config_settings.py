# Copyright 2026 SoftWhere
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    softwhere_debit_day = fields.Integer(
        related="company_id.softwhere_debit_day", readonly=False
    )
    softwhere_debit_lead_days = fields.Integer(
        related="company_id.softwhere_debit_lead_days", readonly=False
    )
    softwhere_reject_fee_product_id = fields.Many2one(
        related="company_id.softwhere_reject_fee_product_id", readonly=False
    )
