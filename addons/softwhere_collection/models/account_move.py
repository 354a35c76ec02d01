# Copyright 2026 SoftWhere
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from markupsafe import Markup

from odoo import api, fields, models
from odoo.tools import format_amount, format_date

#: The context key naming the invoice run whose debit orders are filled.
DEBIT_RUN = "softwhere_debit_run"


class AccountMove(models.Model):
    _inherit = "account.move"

    softwhere_debit_return_reason_id = fields.Many2one(
        "payment.return.reason",
        string="Debit rejected for",
        readonly=True,
        copy=False,
        tracking=True,
        help="Why the bank returned the latest direct debit of this invoice "
        "(SEPA reason code).",
    )
    softwhere_debit_return_date = fields.Date(
        string="Debit rejected on", readonly=True, copy=False
    )
    softwhere_debit_return_line_id = fields.Many2one(
        "payment.return.line",
        string="Bank return of the debit",
        readonly=True,
        copy=False,
        index="btree_not_null",
        ondelete="set null",
    )
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

    # -- a rejected debit (OCA account_payment_return) ---------------------------------
    def _softwhere_debit_rejected(self, return_line):
        """The bank returned the debit of these invoices (one return line):
        the reason on each, the reject fee once on the site's next invoice."""
        if not self:
            return
        reason = return_line.reason_id
        # The day the bank's return is booked: the fee is incurred then.
        date = return_line.return_id.date or return_line.date
        # One reject, one fee, however often its return is confirmed.
        moves = self.filtered(
            lambda move: move.softwhere_debit_return_line_id != return_line
        )
        if not moves:
            return
        moves.write(
            {
                "softwhere_debit_return_reason_id": reason.id,
                "softwhere_debit_return_date": date,
                "softwhere_debit_return_line_id": return_line.id,
            }
        )
        for site in moves.billing_site_id:
            invoices = moves.filtered(
                lambda move, site=site: move.billing_site_id == site
            )
            article = site._softwhere_add_reject_fee(
                date, invoices, reason, return_line
            )
            for invoice in invoices:
                invoice._softwhere_post_reject_note(reason, date, article)
        moves._softwhere_start_dunning()

    def _softwhere_debit_reject_cancelled(self, return_lines):
        """The bank's return of these invoices' debit was cancelled (booked by
        mistake): the invoices are paid again (OCA), so the reject is taken
        back — its reason, the reject fee (not billed if not billed yet,
        credited by the next run otherwise) and the reminders not sent yet."""
        moves = self.filtered(
            lambda move: move.softwhere_debit_return_line_id in return_lines
        )
        if not moves:
            return
        fees = (
            self.env["softwhere.line.article"]
            .sudo()
            .search([("softwhere_return_line_id", "in", return_lines.ids)])
        )
        billed = fees._softwhere_billed()
        fee_of_site = {fee.line_id.billing_site_id: fee for fee in fees}
        fees.unlink()
        # A site without a live line got an activity instead of the fee.
        activities = (
            self.env["mail.activity"]
            .sudo()
            .search([("softwhere_return_line_id", "in", return_lines.ids)])
        )
        sites_with_activity = self.env["softwhere.billing.site"].browse(
            activities.mapped("res_id")
        )
        activities.action_feedback(
            feedback=self.env._(
                "The bank return was cancelled: there is no reject fee to bill."
            )
        )
        moves.write(
            {
                "softwhere_debit_return_reason_id": False,
                "softwhere_debit_return_date": False,
                "softwhere_debit_return_line_id": False,
            }
        )
        # The reminders not sent yet are dropped (OCA deletes only drafts).
        self.env["credit.control.line"].sudo().search(
            [
                ("move_line_id", "in", moves.line_ids.ids),
                ("state", "in", ("draft", "to_be_sent")),
            ]
        ).write({"state": "ignored"})
        for move in moves:
            fee = fee_of_site.get(move.billing_site_id)
            if not fee and move.billing_site_id in sites_with_activity:
                note = self.env._(
                    "The activity asking to bill its reject fee by hand is closed."
                )
            elif not fee:
                note = self.env._("No reject fee was billed for it.")
            elif fee in billed:
                note = self.env._(
                    "Its reject fee, billed already, is credited on the next "
                    "invoice of the billing site."
                )
            else:
                note = self.env._("Its reject fee is withdrawn before being billed.")
            move.message_post(
                body=Markup("<p>%s</p><p>%s</p>")
                % (
                    self.env._(
                        "The bank return of this invoice's direct debit was "
                        "cancelled: the invoice is paid again."
                    ),
                    note,
                )
            )

    def _softwhere_post_reject_note(self, reason, date, article):
        self.ensure_one()
        note = self.env._(
            "The bank rejected the direct debit of this invoice on %(date)s: "
            "%(reason)s. The invoice is unpaid again.",
            date=format_date(self.env, date),
            reason=reason.display_name or self.env._("no reason given"),
        )
        if article:
            fee = self.env._(
                "A reject fee of %(amount)s is added to the next invoice of the "
                "billing site (line %(line)s).",
                amount=format_amount(self.env, article.sale_price, article.currency_id),
                line=article.line_id.name,
            )
        else:
            fee = self.env._(
                "No reject fee could be added: the billing site has no live line "
                "to bill it on."
            )
        self.message_post(body=Markup("<p>%s</p><p>%s</p>") % (note, fee))

    def _softwhere_start_dunning(self):
        """Dunning starts with the reject: the policy's first reminder, ready
        for the clerk to send (unless the site blocks reminders, or the
        invoice's dunning has begun already)."""
        today = fields.Date.context_today(self)
        CreditLine = self.env["credit.control.line"].sudo()
        for move in self.sudo():
            if move.billing_site_id.block_reminders:
                continue
            policy = (
                move.credit_policy_id
                or move.partner_id.commercial_partner_id.credit_policy_id
                or move.company_id._softwhere_credit_policy()
            )
            if not policy or policy.do_nothing or not policy.level_ids:
                continue
            receivables = move.line_ids.filtered(
                lambda line, policy=policy: line.account_id in policy.account_ids
                and not line.reconciled
            )
            begun = CreditLine.search_count(
                [
                    ("move_line_id", "in", receivables.ids),
                    ("state", "not in", ("draft", "ignored")),
                ],
                limit=1,
            )
            if not receivables or begun:
                continue
            lines = CreditLine.create_or_update_from_mv_lines(
                receivables,
                policy.level_ids.sorted("level")[:1],
                today,
                move.company_id,
            )
            lines.write({"state": "to_be_sent"})
