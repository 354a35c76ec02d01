# Copyright 2026 SoftWhere
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import Command, api, fields, models

#: The site's recurrence, held by its contract, that each of its lines takes.
HEADER_RECURRENCE = (
    "recurring_rule_type",
    "recurring_interval",
    "recurring_invoicing_type",
    "date_start",
)


class ContractLine(models.Model):
    _inherit = "contract.line"

    ended_by_site_termination = fields.Boolean(
        copy=False,
        readonly=True,
        help="The end date was set by the termination of the billing site; "
        "reactivating the site restores the one before.",
    )
    date_end_before_termination = fields.Date(copy=False, readonly=True)

    @api.model_create_multi
    def create(self, vals_list):
        """A line of a billing site's contract takes the site's recurrence.

        Left to OCA contract, a line gets the fields' defaults (monthly, every
        month, pre-paid, today): a quarterly site would get monthly lines. What
        is not given comes from the contract here.
        """
        contract_ids = {vals.get("contract_id") for vals in vals_list} - {None, False}
        contracts = {
            contract.id: contract
            for contract in self.env["contract.contract"].browse(contract_ids)
            if contract.billing_site_id
        }
        for vals in vals_list:
            contract = contracts.get(vals.get("contract_id"))
            if contract:
                for name in HEADER_RECURRENCE:
                    if name not in vals:
                        vals[name] = contract._fields[name].convert_to_write(
                            contract[name], contract
                        )
        return super().create(vals_list)

    def _prepare_invoice_line(self):
        """Lines of a billing site's contract take the site's VAT, mapped."""
        values = super()._prepare_invoice_line()
        site = self.contract_id.billing_site_id
        if values and site and site.tax_id and not self.display_type:
            values["tax_ids"] = [Command.set(site._invoice_taxes().ids)]
        return values
