# Copyright 2026 SoftWhere
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class MailActivity(models.Model):
    _inherit = "mail.activity"

    softwhere_return_line_id = fields.Many2one(
        "payment.return.line",
        string="Bank return",
        readonly=True,
        copy=False,
        index="btree_not_null",
        ondelete="set null",
        help="The rejected debit whose reject fee this activity asks to bill by "
        "hand: cancelling the bank's return closes it.",
    )
