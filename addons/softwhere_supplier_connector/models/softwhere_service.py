# Copyright 2026 SoftWhere
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models


class SoftwhereService(models.Model):
    _inherit = "softwhere.service"

    has_supplier_gap = fields.Boolean(
        string="Supplier gap",
        compute="_compute_has_supplier_gap",
        store=True,
        index=True,
        help="One of its lines differs between the supplier and the billing.",
    )

    @api.depends("line_ids.has_supplier_gap")
    def _compute_has_supplier_gap(self):
        for service in self:
            service.has_supplier_gap = any(service.line_ids.mapped("has_supplier_gap"))
