# Copyright 2026 SoftWhere
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models

from ..keys import NO_DEFAULT_SITE

#: Customer statuses that end the account's billing sites.
ENDED_CUSTOMER_STATUSES = ("terminated", "obsolete")


class ResPartner(models.Model):
    _inherit = "res.partner"

    billing_site_ids = fields.One2many(
        "softwhere.billing.site", "partner_id", string="Billing sites"
    )
    billing_site_count = fields.Integer(compute="_compute_billing_site_count")

    @api.depends("billing_site_ids")
    def _compute_billing_site_count(self):
        counts = dict(
            self.env["softwhere.billing.site"]._read_group(
                [("partner_id", "in", self.ids)], ["partner_id"], ["__count"]
            )
        )
        for partner in self:
            partner.billing_site_count = counts.get(partner, 0)

    @api.model_create_multi
    def create(self, vals_list):
        partners = super().create(vals_list)
        if not self.env.context.get(NO_DEFAULT_SITE):
            # A customer account created without a billing site gets its default
            # one; all of a batch's sites in one create.
            without_site = self.browse(
                partner.id
                for partner, vals in zip(partners, vals_list, strict=True)
                if partner.is_customer_account and not vals.get("billing_site_ids")
            )
            self.env["softwhere.billing.site"]._create_default_sites(without_site)
        return partners

    def write(self, vals):
        result = super().write(vals)
        if vals.get("is_customer_account") and not self.env.context.get(
            NO_DEFAULT_SITE
        ):
            self.env["softwhere.billing.site"]._create_default_sites(
                self.filtered(
                    lambda partner: (
                        partner.is_customer_account and not partner.billing_site_ids
                    )
                )
            )
        if vals.get("customer_status") in ENDED_CUSTOMER_STATUSES:
            self._terminate_billing_sites()
        return result

    def _terminate_billing_sites(self):
        """A customer account that ends ends its live billing sites with it,
        on its termination date (today without one): billing stops there."""
        for partner in self:
            sites = partner.billing_site_ids.filtered(lambda s: s.state == "active")
            if sites:
                sites._terminate(
                    partner.termination_date or fields.Date.context_today(partner)
                )

    def _get_suggested_invoice_edi_format(self):
        """A customer account receives Factur-X (a PDF with its EN 16931 XML
        inside) unless another format is chosen on it: France's e-invoicing
        reform, whatever the customer's country."""
        suggested = super()._get_suggested_invoice_edi_format()
        if self.commercial_partner_id.is_customer_account:
            return "facturx"
        return suggested

    def action_view_billing_sites(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "softwhere_billing.softwhere_billing_site_action"
        )
        action["domain"] = [("partner_id", "=", self.id)]
        action["context"] = {"default_partner_id": self.id}
        if self.billing_site_count == 1:
            action["views"] = [(False, "form")]
            action["res_id"] = self.billing_site_ids.id
        return action
