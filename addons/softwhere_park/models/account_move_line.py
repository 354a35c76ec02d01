# Copyright 2026 SoftWhere
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class AccountMoveLine(models.Model):
    _inherit = "account.move.line"

    park_line_article_id = fields.Many2one(
        "softwhere.line.article",
        string="Subscription or option",
        copy=False,
        readonly=True,
        index="btree_not_null",
        ondelete="set null",
    )
    park_line_id = fields.Many2one(
        related="park_line_article_id.line_id", string="Park line"
    )
