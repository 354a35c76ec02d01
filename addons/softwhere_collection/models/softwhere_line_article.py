# Copyright 2026 SoftWhere
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, models


class SoftwhereLineArticle(models.Model):
    _inherit = "softwhere.line.article"

    @api.constrains("product_id", "line_id")
    def _check_catalogue_service_type(self):
        # A collection fee is ours, in no operator's catalogue: billed once,
        # on the line it is put on, like any one-off.
        others = self.filtered(
            lambda article: not article.product_id.softwhere_collection_fee
        )
        return super(SoftwhereLineArticle, others)._check_catalogue_service_type()
