# Copyright 2026 SoftWhere
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from dateutil.relativedelta import relativedelta

from odoo import api, fields, models

from .softwhere_commission_rate import first_of_month


class SoftwhereCommissionDemo(models.AbstractModel):
    """The demo's commissions: last month's invoices posted, then its
    statements computed as the sales manager's wizard computes them."""

    _name = "softwhere.commission.demo"
    _description = "Demo commissions"

    @api.model
    def _compute_demo_month(self):
        today = fields.Date.context_today(self)
        last_month = first_of_month(today) - relativedelta(months=1)
        # The demo customers were brought by their provider a year ago (the
        # install records their terms from this month only).
        brought = self.env["res.partner"].search(
            [("is_customer_account", "=", True), ("business_provider_id", "!=", False)]
        )
        brought._softwhere_record_terms(first_of_month(today) - relativedelta(years=1))
        # Last month's demo run, posted as « Valider la facturation » posts it
        # (its PDFs are made when the invoices are printed or sent).
        run = self.env["softwhere.invoice.run"].search(
            [("company_id", "=", self.env.company.id), ("run_date", "=", last_month)],
            limit=1,
        )
        drafts = run.invoice_ids.filtered(lambda move: move.state == "draft")
        if drafts:
            run.posted_at = fields.Datetime.now()
            run._post_invoices(drafts.ids)
        # The bills without the statement's PDF: wkhtmltopdf takes its styles
        # from Odoo's web server, which does not run while the demo installs.
        wizard = (
            self.env["softwhere.commission.compute"]
            .with_context(softwhere_commission_pdf=False)
            .create({"month": last_month})
        )
        wizard.action_compute()
        return True
