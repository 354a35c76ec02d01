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
    page = fields.Integer(help="The page of the supplier's park it was read on.")
    read_pass = fields.Integer(
        string="Reading",
        default=1,
        help="Which reading of the supplier's park it comes from: the park is "
        "read again when lines were added while it was read.",
    )
    number = fields.Char(required=True, index=True)
    iccid = fields.Char(string="ICCID")
    status = fields.Char()
    activation_date = fields.Date()
    termination_date = fields.Date()
    offer_code = fields.Char(string="Offer code")
    offer_label = fields.Char(string="Offer")
    # Read back by the reconciliation only: a Float costs a park of rows less
    # than a Monetary (a currency looked up per value).
    offer_price = fields.Float(string="Offer monthly price", digits="Product Price")
    options = fields.Char()
    options_data = fields.Json(
        string="Options (code, label, monthly price)",
        help="The options as the reconciliation reads them back.",
    )
    monthly_price = fields.Monetary(string="Monthly purchase price")

    _month_number_index = models.Index("(backend_id, month, number)")
    _month_page_index = models.Index("(backend_id, month, page)")
