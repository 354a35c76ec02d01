# Copyright 2026 SoftWhere
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models

from .softwhere_billing_site import INTERNAL


class SoftwhereLineArticle(models.Model):
    _inherit = "softwhere.line.article"

    purchase_price = fields.Monetary(groups=INTERNAL)
    margin = fields.Monetary(groups=INTERNAL)
