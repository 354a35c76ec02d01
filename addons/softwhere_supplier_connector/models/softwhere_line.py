# Copyright 2026 SoftWhere
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models

from .softwhere_reconciliation_gap import OPEN_STATES


class SoftwhereLine(models.Model):
    _inherit = "softwhere.line"

    supplier_gap_ids = fields.One2many(
        "softwhere.reconciliation.gap", "line_id", string="Supplier gaps"
    )
    has_supplier_gap = fields.Boolean(
        string="Supplier gap",
        compute="_compute_has_supplier_gap",
        store=True,
        index=True,
        help="What the supplier has in place differs from what is billed.",
    )

    @api.depends("supplier_gap_ids.state")
    def _compute_has_supplier_gap(self):
        for line in self:
            line.has_supplier_gap = any(
                gap.state in OPEN_STATES for gap in line.supplier_gap_ids
            )
