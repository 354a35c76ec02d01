# Copyright 2026 SoftWhere
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class SoftwhereSupplierSnapshot(models.Model):
    """A line as the supplier had it in place when a month was reconciled."""

    _name = "softwhere.supplier.snapshot"
    _description = "Supplier park snapshot"
    _order = "month desc, number"
    _rec_name = "number"

    backend_id = fields.Many2one(
        "softwhere.supplier.backend", required=True, ondelete="cascade", index=True
    )
    company_id = fields.Many2one(related="backend_id.company_id", store=True)
    currency_id = fields.Many2one(related="company_id.currency_id")
    month = fields.Date(required=True, index=True)
    number = fields.Char(required=True, index=True)
    iccid = fields.Char(string="ICCID")
    status = fields.Char()
    activation_date = fields.Date()
    termination_date = fields.Date()
    offer_code = fields.Char(string="Offer code")
    offer_label = fields.Char(string="Offer")
    options = fields.Char()
    monthly_price = fields.Monetary(string="Monthly purchase price")

    _month_number_index = models.Index("(backend_id, month, number)")
