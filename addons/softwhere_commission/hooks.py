# Copyright 2026 SoftWhere
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields

from .models.softwhere_commission_rate import first_of_month


def post_init_hook(env):
    """Installed on a database already in use: the customer accounts brought by
    a business provider get their current terms, in force from this month (the
    months before were settled without Odoo)."""
    partners = env["res.partner"].with_context(active_test=False)
    brought = partners.search([("business_provider_id", "!=", False)])
    today = fields.Date.context_today(partners)
    brought._softwhere_record_terms(first_of_month(today))
