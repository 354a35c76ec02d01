# Copyright 2026 SoftWhere
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models

#: The context key naming the invoice run whose debit orders are filled.
DEBIT_RUN = "softwhere_debit_run"


class AccountMove(models.Model):
    _inherit = "account.move"

    softwhere_debit_date = fields.Date(
        string="Debit date",
        compute="_compute_softwhere_debit_date",
        help="The day the invoice is debited by SEPA direct debit: its due date, "
        "the company's debit day after the pre-notification lead time.",
    )

    # -- SEPA sites: due on the company's debit day -----------------------------------
    @api.depends("partner_id", "billing_site_id")
    def _compute_invoice_payment_term_id(self):
        result = super()._compute_invoice_payment_term_id()
        for move in self:
            if (
                move.move_type == "out_invoice"
                and move.billing_site_id._softwhere_pays_by_debit()
            ):
                move.invoice_payment_term_id = (
                    move.company_id._softwhere_sepa_payment_term()
                )
        return result

    @api.depends("invoice_date_due", "invoice_payment_term_id", "payment_mode_id")
    def _compute_softwhere_debit_date(self):
        for move in self:
            debit = (
                move.move_type == "out_invoice"
                and move.payment_mode_id.payment_method_id.code == "sepa_direct_debit"
            )
            move.softwhere_debit_date = move.invoice_date_due if debit else False

    def _softwhere_to_debit(self):
        """The posted invoices to put in a debit order: SEPA direct debit, an
        amount still due, in no debit order yet."""
        return self.filtered(
            lambda move: move.state == "posted"
            and move.move_type == "out_invoice"
            and move.payment_mode_id.payment_order_ok
            and move.payment_mode_id.payment_method_id.code == "sepa_direct_debit"
            and move.amount_residual > 0
            and not move.line_ids.payment_line_ids.filtered(
                lambda line: line.state != "cancel"
            )
        )

    # -- the debit order of a run and a due date (OCA account_payment_order) ---------
    def _softwhere_debit_date(self):
        self.ensure_one()
        return max(self.invoice_date_due, fields.Date.context_today(self))

    def get_account_payment_domain(self, payment_mode):
        domain = super().get_account_payment_domain(payment_mode)
        run_id = self.env.context.get(DEBIT_RUN)
        if not run_id:
            # Added by hand: never into a run's order, which has its own date.
            return [*domain, ("softwhere_invoice_run_id", "=", False)]
        return [
            *domain,
            ("softwhere_invoice_run_id", "=", run_id),
            ("date_scheduled", "=", self._softwhere_debit_date()),
        ]

    def _prepare_new_payment_order(self, payment_mode=None):
        vals = super()._prepare_new_payment_order(payment_mode)
        run_id = self.env.context.get(DEBIT_RUN)
        if run_id:
            mode = self.env["account.payment.mode"].browse(vals["payment_mode_id"])
            run = self.env["softwhere.invoice.run"].browse(run_id)
            date = self._softwhere_debit_date()
            vals.update(
                softwhere_invoice_run_id=run_id,
                date_prefered="fixed",
                date_scheduled=date,
                description=run.name,
            )
            if (
                mode.bank_account_link == "variable"
                and len(mode.variable_journal_ids) == 1
            ):
                vals["journal_id"] = mode.variable_journal_ids.id
        return vals
