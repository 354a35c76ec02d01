# Copyright 2026 SoftWhere
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models


class ResPartner(models.Model):
    _inherit = "res.partner"

    service_ids = fields.One2many("softwhere.service", "partner_id", string="Services")
    service_count = fields.Integer(
        compute="_compute_park_counts", string="Service count"
    )
    line_count = fields.Integer(compute="_compute_park_counts", string="Line count")
    monthly_revenue = fields.Monetary(
        string="Monthly revenue",
        compute="_compute_park_counts",
        currency_field="park_currency_id",
        help="What the customer's lines bring each month, at today's prices.",
    )
    park_currency_id = fields.Many2one(
        "res.currency", compute="_compute_park_counts", string="Park currency"
    )

    @api.depends("service_ids")
    def _compute_park_counts(self):
        domain = [("partner_id", "in", self.ids)]
        services = dict(
            self.env["softwhere.service"]._read_group(
                domain, ["partner_id"], ["__count"]
            )
        )
        lines = dict(
            self.env["softwhere.line"]._read_group(domain, ["partner_id"], ["__count"])
        )
        revenue = dict(
            self.env["softwhere.line.article"]._read_group(
                [
                    ("line_id.partner_id", "in", self.ids),
                    ("is_periodic", "=", True),
                    ("state", "=", "active"),
                ],
                ["line_id.partner_id"],
                ["sale_price:sum"],
            )
        )
        for partner in self:
            partner.service_count = services.get(partner, 0)
            partner.line_count = lines.get(partner, 0)
            partner.monthly_revenue = revenue.get(partner, 0.0)
            partner.park_currency_id = self.env.company.currency_id

    def action_view_services(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "softwhere_park.softwhere_service_action"
        )
        action["domain"] = [("partner_id", "=", self.id)]
        action["context"] = {"default_partner_id": self.id}
        return action

    def action_view_lines(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "softwhere_park.softwhere_line_action"
        )
        action["domain"] = [("partner_id", "=", self.id)]
        # A new line is offered this customer's services only.
        action["context"] = {
            "softwhere_partner_id": self.id,
            "search_default_filter_live": 1,
        }
        return action
