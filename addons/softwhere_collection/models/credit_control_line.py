# Copyright 2026 SoftWhere
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from markupsafe import Markup

from odoo import api, fields, models


class CreditControlLine(models.Model):
    _inherit = "credit.control.line"

    billing_site_id = fields.Many2one(
        related="invoice_id.billing_site_id", string="Billing site", store=True
    )
    softwhere_provisioning_order_ids = fields.Many2many(
        "softwhere.provisioning.order",
        string="Suspension orders",
        readonly=True,
        copy=False,
        help="The draft orders suspending the site's lines, to confirm.",
    )

    @api.model_create_multi
    def create(self, vals_list):
        lines = super().create(vals_list)
        lines.filtered(
            lambda line: line.policy_level_id.softwhere_suspend_lines
        )._softwhere_prepare_suspension()
        return lines

    def _softwhere_prepare_suspension(self):
        """Draft orders suspending the live lines of each line's site."""
        for site in self.billing_site_id:
            lines = self.filtered(lambda line, site=site: line.billing_site_id == site)
            orders, missing = site._softwhere_draft_suspension_orders()
            lines.softwhere_provisioning_order_ids = orders
            if missing:
                note = self.env._(
                    "No suspension order could be prepared for the lines "
                    "%(lines)s: no supplier platform or no Cfast is set up for "
                    "them. Suspend them by hand.",
                    lines=", ".join(missing.mapped("name")),
                )
                for line in lines:
                    line.message_post(body=Markup("<p>%s</p>") % note)

    def action_view_suspension_orders(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "softwhere_deployment.softwhere_provisioning_order_action"
        )
        action["domain"] = [("id", "in", self.softwhere_provisioning_order_ids.ids)]
        return action
