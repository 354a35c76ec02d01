# Copyright 2026 SoftWhere
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models

#: Cfast resource → the Odoo model its records become.
MODEL_OF_RESOURCE = {
    "customers": "res.partner",
    "billing-points": "softwhere.billing.site",
    "sites": "softwhere.service",
    "services": "softwhere.line",
}
RESOURCES = [
    ("customers", "Customers"),
    ("billing-points", "Billing points"),
    ("sites", "Sites"),
    ("services", "Services (lines)"),
]


class SoftwhereCfastBinding(models.Model):
    """A Cfast record and the Odoo record it became, once per backend."""

    _name = "softwhere.cfast.binding"
    _description = "Cfast binding"
    _order = "backend_id, resource, external_id"
    _rec_name = "external_id"

    backend_id = fields.Many2one(
        "softwhere.cfast.backend", required=True, ondelete="cascade", index=True
    )
    company_id = fields.Many2one(related="backend_id.company_id", store=True)
    resource = fields.Selection(RESOURCES, required=True)
    external_id = fields.Char(string="Cfast ID", required=True)
    res_model = fields.Char(compute="_compute_res_model", store=True)
    res_id = fields.Many2oneReference(
        string="Odoo record ID", model_field="res_model", required=True, index=True
    )
    sync_date = fields.Datetime(string="Last synced", readonly=True)
    cfast_modified_at = fields.Datetime(string="Modified in Cfast", readonly=True)

    _external_unique = models.UniqueIndex(
        "(backend_id, resource, external_id)",
        "This Cfast record is already bound for this backend.",
    )

    @api.depends("resource")
    def _compute_res_model(self):
        for binding in self:
            binding.res_model = MODEL_OF_RESOURCE.get(binding.resource)

    def action_open_record(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "res_model": self.res_model,
            "res_id": self.res_id,
            "view_mode": "form",
        }
