# Copyright 2026 SoftWhere
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class AccountMoveLine(models.Model):
    """An invoice line of the park keeps what it billed: which article of which
    line, and the days it covers. The invoice run bills the difference between
    what is due and the sum of these lines (credit notes negative)."""

    _inherit = "account.move.line"

    park_line_article_id = fields.Many2one(
        "softwhere.line.article",
        string="Subscription or option",
        copy=False,
        readonly=True,
        index="btree_not_null",
        ondelete="set null",
    )
    # Stored apart from the article: the Cfast sync may replace an article by
    # an equal one, and what was billed must still be found for it by its key
    # (line, article, start).
    park_line_id = fields.Many2one(
        "softwhere.line",
        string="Park line",
        copy=False,
        readonly=True,
        index="btree_not_null",
        ondelete="set null",
    )
    softwhere_article_start = fields.Date(
        string="Article start", copy=False, readonly=True
    )
    softwhere_period_start = fields.Date(
        string="Billed from", copy=False, readonly=True
    )
    softwhere_period_end = fields.Date(string="Billed to", copy=False, readonly=True)
    softwhere_regularisation = fields.Boolean(
        string="Regularisation",
        copy=False,
        readonly=True,
        help="Corrects what earlier invoices billed for past days.",
    )
