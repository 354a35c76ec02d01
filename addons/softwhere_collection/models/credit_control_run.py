# Copyright 2026 SoftWhere
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import logging

from odoo import api, fields, models

_logger = logging.getLogger(__name__)


class CreditControlRun(models.Model):
    _inherit = "credit.control.run"

    @api.model
    def _cron_daily_run(self):
        """Scheduled action: today's credit control run of each company with
        customer invoices. Its lines wait in draft for a clerk, who sends the
        e-mails and prints the letters from credit control's screens."""
        today = fields.Date.context_today(self)
        companies = (
            self.env["account.move"]
            .sudo()
            ._read_group(
                [("move_type", "=", "out_invoice"), ("state", "=", "posted")],
                ["company_id"],
            )
        )
        for (company,) in companies:
            policy = company._softwhere_credit_policy()
            if not policy:
                continue
            run = self.with_company(company).search(
                [("company_id", "=", company.id), ("date", ">=", today)], limit=1
            )
            if run:
                continue
            run = self.with_company(company).create(
                {"date": today, "company_id": company.id, "policy_ids": policy.ids}
            )
            lines = run._generate_credit_lines()
            _logger.info(
                "Credit control of %s: %s lines to handle", company.name, len(lines)
            )
        return True
