# Copyright 2026 SoftWhere
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models

#: A debit order's states while its debit is still to come.
PENDING_ORDER_STATES = ("draft", "open", "generated")


class CreditControlPolicy(models.Model):
    _inherit = "credit.control.policy"

    def _get_move_lines_to_process(self, credit_control_run):
        """Not the invoices of a site blocking its reminders, nor those whose
        SEPA debit is still to come (in a debit order not sent to the bank)."""
        lines = super()._get_move_lines_to_process(credit_control_run)
        return lines.filtered(
            lambda line: not line.move_id.billing_site_id.block_reminders
            and not line.payment_line_ids.filtered(
                lambda payment: payment.order_id.state in PENDING_ORDER_STATES
            )
        )


class CreditControlPolicyLevel(models.Model):
    _inherit = "credit.control.policy.level"

    softwhere_suspend_lines = fields.Boolean(
        string="Suspend the site's lines",
        help="A line of this level prepares draft provisioning orders that "
        "suspend the live lines of the invoice's billing site, for a person to "
        "confirm.",
    )
