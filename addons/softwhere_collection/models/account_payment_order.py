# Copyright 2026 SoftWhere
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class AccountPaymentOrder(models.Model):
    _inherit = "account.payment.order"

    softwhere_invoice_run_id = fields.Many2one(
        "softwhere.invoice.run",
        string="Invoice run",
        readonly=True,
        copy=False,
        index="btree_not_null",
        ondelete="set null",
        help="The invoice run whose posting made this debit order.",
    )
