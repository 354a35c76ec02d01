# Copyright 2026 SoftWhere
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models

REPORT_STATES = [
    ("invoiced", "Invoiced"),
    ("credited", "Credit note"),
    ("nothing", "Nothing to bill"),
    ("skipped", "Not invoiced"),
]
#: A site's total this far from its previous one is worth a look.
VARIATION_THRESHOLD = 0.20


class SoftwhereInvoiceRunSite(models.Model):
    """One row of an invoice run's control report: a billing site, what the
    run made for it, and what a clerk checks before posting."""

    _name = "softwhere.invoice.run.site"
    _description = "Invoice run control report row"
    _order = "run_id, anomaly desc, site_id"
    _check_company_auto = True

    run_id = fields.Many2one(
        "softwhere.invoice.run", required=True, index=True, ondelete="cascade"
    )
    site_id = fields.Many2one(
        "softwhere.billing.site", string="Billing site", required=True, index=True
    )
    partner_id = fields.Many2one(
        related="site_id.partner_id", store=True, string="Customer"
    )
    company_id = fields.Many2one(related="run_id.company_id", store=True)
    currency_id = fields.Many2one(related="company_id.currency_id")
    move_id = fields.Many2one("account.move", string="Invoice", index="btree_not_null")
    state = fields.Selection(REPORT_STATES, required=True)
    reason = fields.Char(help="Why the site was not invoiced.")
    period_label = fields.Char(string="Period")
    amount_untaxed = fields.Monetary(
        string="This period", help="Untaxed; a credit note counts negative."
    )
    previous_amount = fields.Monetary(
        string="Previous period",
        help="What the site's previous run made for it, untaxed.",
    )
    variation = fields.Float(
        compute="_compute_variation", store=True, help="Against the previous period."
    )
    regularisation_amount = fields.Monetary(string="Regularisations")
    lines_started = fields.Integer(string="Lines started")
    lines_ended = fields.Integer(string="Lines ended")
    zero_line_count = fields.Integer(
        string="Lines at 0 €", help="Subscriptions or options in force at no price."
    )
    anomaly = fields.Boolean(compute="_compute_variation", store=True)
    anomaly_note = fields.Char(
        string="Anomalies", compute="_compute_variation", store=True
    )

    @api.depends("amount_untaxed", "previous_amount", "zero_line_count", "state")
    def _compute_variation(self):
        for row in self:
            notes = []
            previous = row.previous_amount
            row.variation = (
                (row.amount_untaxed - previous) / abs(previous) if previous else 0.0
            )
            if previous and abs(row.variation) > VARIATION_THRESHOLD:
                notes.append(
                    self.env._(
                        "%(percent)s %% from last period",
                        percent=f"{row.variation * 100:+.0f}",
                    )
                )
            if row.amount_untaxed < 0:
                notes.append(self.env._("negative total"))
            if row.zero_line_count:
                notes.append(
                    self.env._("%(count)s lines at 0 €", count=row.zero_line_count)
                )
            row.anomaly = bool(notes)
            row.anomaly_note = ", ".join(notes) or False
