# Copyright 2026 SoftWhere
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import models


class SoftwhereBillingSite(models.Model):
    _inherit = "softwhere.billing.site"

    def _softwhere_pays_by_debit(self):
        """The site pays by SEPA direct debit, on a valid mandate."""
        return bool(self) and all(
            site.mandate_id.state == "valid"
            and site.payment_mode_id.payment_method_id.code == "sepa_direct_debit"
            for site in self
        )
