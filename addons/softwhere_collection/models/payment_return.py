# Copyright 2026 SoftWhere
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import models


class PaymentReturn(models.Model):
    _inherit = "payment.return"

    def action_confirm(self):
        """The bank's return confirmed: each rejected invoice is unpaid again
        (OCA), with its reason; its site gets the reject fee."""
        rejected = []
        for line in self.line_ids:
            # What the payments being returned paid, read before OCA undoes it.
            invoices = line.move_line_ids.matched_debit_ids.debit_move_id.move_id
            rejected.append(
                (line, invoices.filtered(lambda move: move.move_type == "out_invoice"))
            )
        result = super().action_confirm()
        for line, invoices in rejected:
            invoices._softwhere_debit_rejected(line)
        return result

    def action_cancel(self):
        """The return cancelled: its invoices are paid again (OCA) and their
        reject taken back."""
        result = super().action_cancel()
        self.env["account.move"].search(
            [("softwhere_debit_return_line_id", "in", self.line_ids.ids)]
        )._softwhere_debit_reject_cancelled(self.line_ids)
        return result
