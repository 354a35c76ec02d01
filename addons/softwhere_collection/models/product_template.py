# Copyright 2026 SoftWhere
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class ProductTemplate(models.Model):
    _inherit = "product.template"

    softwhere_collection_fee = fields.Boolean(
        string="Collection fee",
        help="A fee of ours (a rejected direct debit): put on one of the site's "
        "lines as a one-off, whatever its operator catalogue.",
    )
