# Copyright 2026 SoftWhere
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    softwhere_billing_start = fields.Date(
        related="company_id.softwhere_billing_start", readonly=False
    )
