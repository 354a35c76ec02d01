# Copyright 2026 SoftWhere
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import timedelta

from odoo import fields, models

from ..models.softwhere_commission_rate import first_of_month


def _last_month(wizard):
    return first_of_month(
        first_of_month(fields.Date.context_today(wizard)) - timedelta(days=1)
    )


class SoftwhereCommissionCompute(models.TransientModel):
    """Compute a month's commission statements by hand (the cron does it on
    the 1st for the month before): a month already computed gives nothing new."""

    _name = "softwhere.commission.compute"
    _description = "Compute the commissions of a month"

    month = fields.Date(
        required=True,
        default=_last_month,
        help="Any day of the month: its statements are computed.",
    )
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company
    )

    def action_compute(self):
        self.ensure_one()
        Statement = self.env["softwhere.commission.statement"]
        created = Statement._compute_month(self.month, self.company_id)
        month = first_of_month(self.month)
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "softwhere_commission.softwhere_commission_statement_action"
        )
        action["domain"] = [
            ("company_id", "=", self.company_id.id),
            ("month", "=", fields.Date.to_string(month)),
        ]
        action["context"] = {"create": False}
        if not created:
            action["help"] = self.env._(
                "<p>No new statement: every business provider with revenue this "
                "month already has one.</p>"
            )
        return action
