# Copyright 2026 SoftWhere
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class SoftwhereBillingSiteTerminate(models.TransientModel):
    _name = "softwhere.billing.site.terminate"
    _description = "Terminate billing sites"

    site_ids = fields.Many2many(
        "softwhere.billing.site",
        string="Billing sites",
        default=lambda self: self._default_site_ids(),
    )
    termination_date = fields.Date(
        string="Termination date",
        required=True,
        default=lambda self: fields.Date.context_today(self),
    )

    def _default_site_ids(self):
        context = self.env.context
        if context.get("active_model") != "softwhere.billing.site":
            return self.env["softwhere.billing.site"]
        return self.env["softwhere.billing.site"].browse(context.get("active_ids"))

    def action_terminate(self):
        self.ensure_one()
        self.site_ids._terminate(self.termination_date)
        return {"type": "ir.actions.act_window_close"}
