# Copyright 2026 SoftWhere
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class AccountMove(models.Model):
    _inherit = "account.move"

    park_period_start = fields.Date(
        string="Invoiced period start", copy=False, readonly=True
    )
    park_period_end = fields.Date(
        string="Invoiced period end", copy=False, readonly=True
    )
    park_period_label = fields.Char(string="Invoiced period", copy=False, readonly=True)
    park_invoice_run_id = fields.Many2one(
        "softwhere.invoice.run",
        string="Invoice run",
        copy=False,
        readonly=True,
        index="btree_not_null",
        ondelete="set null",
    )

    # The park's invoice of a site for a period is made once, whatever the
    # number of runs or of workers running them at the same time.
    _park_period_unique = models.UniqueIndex(
        "(billing_site_id, park_period_start) WHERE park_period_start IS NOT NULL "
        "AND move_type = 'out_invoice' AND state <> 'cancel'",
        "This billing site already has its invoice for this period.",
    )
