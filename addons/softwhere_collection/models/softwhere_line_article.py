# Copyright 2026 SoftWhere
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models


class SoftwhereLineArticle(models.Model):
    _inherit = "softwhere.line.article"

    softwhere_return_line_id = fields.Many2one(
        "payment.return.line",
        string="Bank return",
        readonly=True,
        copy=False,
        index="btree_not_null",
        ondelete="set null",
        help="The rejected debit this reject fee bills: cancelling the bank's "
        "return withdraws it.",
    )

    @api.constrains("product_id", "line_id")
    def _check_catalogue_service_type(self):
        # A collection fee is ours, in no operator's catalogue: billed once,
        # on the line it is put on, like any one-off.
        others = self.filtered(
            lambda article: not article.product_id.softwhere_collection_fee
        )
        return super(SoftwhereLineArticle, others)._check_catalogue_service_type()

    def _softwhere_billed(self):
        """Those of these articles that an invoice not cancelled bills already:
        one query for all."""
        lines = (
            self.env["account.move.line"]
            .sudo()
            .search(
                [
                    ("park_line_article_id", "in", self.ids),
                    ("move_id.state", "!=", "cancel"),
                ]
            )
        )
        return self & lines.park_line_article_id
