# Copyright 2026 SoftWhere
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models

from .softwhere_billing_site import INTERNAL


class SoftwhereService(models.Model):
    _name = "softwhere.service"
    _inherit = ["softwhere.service", "portal.mixin"]

    # What the reseller pays and earns, and what the operators really charge,
    # are not the customer's to read.
    monthly_sale_total = fields.Monetary(groups=INTERNAL)
    monthly_purchase_total = fields.Monetary(groups=INTERNAL)
    monthly_margin = fields.Monetary(groups=INTERNAL)
    has_supplier_gap = fields.Boolean(groups=INTERNAL)

    def _compute_access_url(self):
        for service in self:
            service.access_url = f"/my/services/{service.id}"
