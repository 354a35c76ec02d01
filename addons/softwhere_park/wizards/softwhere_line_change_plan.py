# Copyright 2026 SoftWhere
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models


class SoftwhereLineChangePlan(models.TransientModel):
    """Change a line's plan from a date: the old one ends the day before."""

    _name = "softwhere.line.change.plan"
    _description = "Change the plan of a line"

    line_id = fields.Many2one("softwhere.line", required=True, ondelete="cascade")
    current_subscription_id = fields.Many2one(
        related="line_id.subscription_id", string="Current plan"
    )
    catalogue_ids = fields.Many2many(
        "softwhere.catalogue",
        compute="_compute_catalogue_ids",
        string="Catalogues serving the line",
    )
    product_id = fields.Many2one(
        "product.product",
        string="New plan",
        required=True,
        domain="[('softwhere_kind', '=', 'subscription'), "
        "('catalogue_id', 'in', catalogue_ids)]",
    )
    date = fields.Date(string="From", required=True, default=fields.Date.context_today)

    @api.depends("line_id.service_id.service_type", "line_id.company_id")
    def _compute_catalogue_ids(self):
        for wizard in self:
            wizard.catalogue_ids = wizard.line_id._serving_catalogues()

    def action_confirm(self):
        self.ensure_one()
        self.line_id.change_plan(self.product_id, self.date)
        return {"type": "ir.actions.act_window_close"}
