# Copyright 2026 SoftWhere
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class AccountMove(models.Model):
    _inherit = "account.move"

    softwhere_commission_line_ids = fields.Many2many(
        "softwhere.commission.statement.line",
        "softwhere_commission_line_move_rel",
        "move_id",
        "line_id",
        string="Commission statement lines",
        copy=False,
        readonly=True,
        help="The business provider's commission statement that counted this "
        "customer invoice or credit note (at most one): it is never counted again.",
    )
    softwhere_commission_statement_id = fields.Many2one(
        "softwhere.commission.statement",
        string="Commission statement",
        copy=False,
        readonly=True,
        index="btree_not_null",
        ondelete="set null",
        help="The statement this vendor bill pays.",
    )
