# Copyright 2026 SoftWhere
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models


class SoftwhereWhiteLabel(models.Model):
    """A brand the reseller sells under (Actif Télécom and its white labels)."""

    _name = "softwhere.white.label"
    _description = "White label"
    _order = "sequence, name"
    _check_company_auto = True

    name = fields.Char(required=True, translate=False)
    code = fields.Char(
        required=True,
        help="Short code of the brand, as the billing platform knows it.",
    )
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    company_id = fields.Many2one(
        "res.company",
        index=True,
        help="Leave empty to share the brand between companies.",
    )
    logo = fields.Image(
        max_width=512,
        max_height=512,
        help="Printed on the invoices of the brand's customers.",
    )
    email = fields.Char(
        help="The address the brand's customers receive their invoices from. "
        "Empty: the company's address, under the brand's name.",
    )
    customer_count = fields.Integer(compute="_compute_customer_count")

    _code_unique = models.Constraint(
        "UNIQUE (code)",
        "Another white label already has this code.",
    )

    @api.depends("code")
    def _compute_customer_count(self):
        counts = dict(
            self.env["res.partner"]._read_group(
                [
                    ("white_label_id", "in", self.ids),
                    ("is_customer_account", "=", True),
                ],
                ["white_label_id"],
                ["__count"],
            )
        )
        for label in self:
            label.customer_count = counts.get(label, 0)

    def action_view_customers(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "softwhere_client.res_partner_customer_account_action"
        )
        action["domain"] = [("white_label_id", "=", self.id)]
        action["context"] = {"default_white_label_id": self.id}
        return action
