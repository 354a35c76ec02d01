# Copyright 2026 SoftWhere
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models

from .account_move import DEBIT_RUN


class SoftwhereInvoiceRun(models.Model):
    _inherit = "softwhere.invoice.run"

    debit_order_ids = fields.One2many(
        "account.payment.order", "softwhere_invoice_run_id", string="Debit orders"
    )
    debit_order_count = fields.Integer(
        string="Debit order count", compute="_compute_debit_order_count"
    )

    def _compute_debit_order_count(self):
        counts = dict(
            self.env["account.payment.order"]
            .sudo()
            ._read_group(
                [("softwhere_invoice_run_id", "in", self.ids)],
                ["softwhere_invoice_run_id"],
                ["__count"],
            )
        )
        for run in self:
            run.debit_order_count = counts.get(run, 0)

    def _post_invoices(self, move_ids):
        """Job: post these drafts, then put those paid by SEPA direct debit in
        the run's debit order of their due date (one order a due date, filled
        by the run's posting jobs one after the other)."""
        result = super()._post_invoices(move_ids)
        moves = self.env["account.move"].browse(move_ids).exists()
        to_debit = moves.filtered(
            lambda move: move.park_invoice_run_id == self
        )._softwhere_to_debit()
        if to_debit:
            to_debit.with_context(**{DEBIT_RUN: self.id}).create_account_payment_line()
        return result

    def action_view_debit_orders(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "account_payment_order.account_payment_order_inbound_action"
        )
        action["domain"] = [("softwhere_invoice_run_id", "=", self.id)]
        action["context"] = {"create": False}
        return action
