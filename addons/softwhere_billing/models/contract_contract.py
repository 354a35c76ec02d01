# Copyright 2026 SoftWhere
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models


class ContractContract(models.Model):
    _inherit = "contract.contract"

    billing_site_id = fields.Many2one(
        "softwhere.billing.site",
        string="Billing site",
        readonly=True,
        index="btree_not_null",
        ondelete="set null",
        help="The billing site whose recurring invoices this contract makes.",
    )
    # Follows the billing site's, which follows the customer's VAT settings.
    fiscal_position_id = fields.Many2one(
        compute="_compute_fiscal_position_id", store=True, readonly=False
    )

    @api.depends("billing_site_id.fiscal_position_id")
    def _compute_fiscal_position_id(self):
        for contract in self:
            if contract.billing_site_id:
                contract.fiscal_position_id = (
                    contract.billing_site_id.fiscal_position_id
                )
            else:
                contract.fiscal_position_id = contract.fiscal_position_id

    @api.depends("partner_id", "contract_type", "billing_site_id.payment_mode_id")
    def _compute_payment_mode_id(self):
        result = super()._compute_payment_mode_id()
        for contract in self.filtered("billing_site_id"):
            contract.payment_mode_id = contract.billing_site_id.payment_mode_id
        return result

    def _prepare_invoice(self, date_invoice, journal=None):
        values = super()._prepare_invoice(date_invoice, journal=journal)
        site = self.billing_site_id
        if site:
            values.update(
                billing_site_id=site.id,
                partner_id=site.invoice_partner_id.id,
                fiscal_position_id=site.fiscal_position_id.id
                or values.get("fiscal_position_id", False),
            )
            if site.payment_mode_id:
                values["payment_mode_id"] = site.payment_mode_id.id
        return values
