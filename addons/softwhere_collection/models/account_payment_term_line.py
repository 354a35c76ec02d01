# Copyright 2026 SoftWhere
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models

from ..debit_date import debit_date

DEBIT_DAY = "softwhere_debit_day"


class AccountPaymentTermLine(models.Model):
    _inherit = "account.payment.term.line"

    delay_type = fields.Selection(
        selection_add=[(DEBIT_DAY, "On the company's SEPA debit day")],
        ondelete={DEBIT_DAY: "set default"},
    )

    def _get_due_date(self, date_ref):
        """The company's first debit day at least its pre-notification lead
        time after the invoice."""
        if self.delay_type != DEBIT_DAY:
            return super()._get_due_date(date_ref)
        company = self.payment_id.company_id or self.env.company
        return debit_date(
            fields.Date.to_date(date_ref) or fields.Date.context_today(self),
            company.softwhere_debit_day,
            company.softwhere_debit_lead_days,
        )
