# Copyright 2026 SoftWhere
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import logging
from collections import defaultdict
from datetime import timedelta

from odoo import Command, api, fields, models
from odoo.exceptions import UserError
from odoo.tools import format_amount

from softwhere_lib.billing import period_containing

from .softwhere_commission_rate import first_of_month, first_of_next_month

_logger = logging.getLogger(__name__)

REPORT = "softwhere_commission.softwhere_commission_statement_report"
PRODUCT = "softwhere_commission.product_business_provider_commission"
#: The expense account of the French chart the bills' lines go to.
EXPENSE_ACCOUNT = "pcg_6222"  # Commissions et courtages sur ventes
CUSTOMER_MOVE_TYPES = ("out_invoice", "out_refund")


class SoftwhereCommissionStatement(models.Model):
    """What a business provider is owed for a month, customer by customer.

    Computed once, from the customer invoices and credit notes posted and not
    counted yet, dated up to the end of the month, at each customer's
    commission in force on the invoice's date; its lines are stored and never
    recomputed. One statement per company, provider and month.
    """

    _name = "softwhere.commission.statement"
    _description = "Business provider commission statement"
    _order = "month desc, business_provider_id, id"

    name = fields.Char(compute="_compute_name", store=True)
    company_id = fields.Many2one(
        "res.company",
        required=True,
        index=True,
        readonly=True,
        default=lambda self: self.env.company,
    )
    business_provider_id = fields.Many2one(
        "res.partner",
        string="Business provider",
        required=True,
        index=True,
        readonly=True,
        ondelete="restrict",
    )
    month = fields.Date(
        required=True, readonly=True, help="First day of the month of the statement."
    )
    month_label = fields.Char(string="Month name", readonly=True)
    currency_id = fields.Many2one(related="company_id.currency_id")
    line_ids = fields.One2many(
        "softwhere.commission.statement.line",
        "statement_id",
        string="Customers",
        readonly=True,
    )
    amount_revenue = fields.Monetary(
        string="Revenue (untaxed)", compute="_compute_amounts", store=True
    )
    amount_commission = fields.Monetary(
        string="Commission", compute="_compute_amounts", store=True
    )
    bill_id = fields.Many2one(
        "account.move",
        string="Vendor bill",
        readonly=True,
        copy=False,
        index="btree_not_null",
        ondelete="set null",
    )
    bill_state = fields.Selection(related="bill_id.state", string="Bill status")

    _provider_month_unique = models.Constraint(
        "UNIQUE(company_id, business_provider_id, month)",
        "A business provider has one commission statement per month.",
    )

    @api.depends("business_provider_id", "month_label")
    def _compute_name(self):
        for statement in self:
            statement.name = self.env._(
                "Commissions %(month)s – %(provider)s",
                month=statement.month_label or "",
                provider=statement.business_provider_id.name or "",
            )

    @api.depends("line_ids.amount_revenue", "line_ids.amount_commission")
    def _compute_amounts(self):
        for statement in self:
            statement.amount_revenue = sum(statement.line_ids.mapped("amount_revenue"))
            statement.amount_commission = sum(
                statement.line_ids.mapped("amount_commission")
            )

    @api.ondelete(at_uninstall=False)
    def _unlink_except_billed(self):
        for statement in self:
            if statement.bill_id and statement.bill_id.state != "draft":
                raise UserError(
                    self.env._(
                        "%(statement)s: its vendor bill %(bill)s is no longer a "
                        "draft; the statement cannot be deleted.",
                        statement=statement.display_name,
                        bill=statement.bill_id.display_name,
                    )
                )

    def unlink(self):
        bills = self.bill_id.filtered(lambda bill: bill.state == "draft")
        result = super().unlink()
        # The invoices it counted are free again: the next run counts them.
        bills.sudo().unlink()
        return result

    # -- computing a month -------------------------------------------------------------
    @api.model
    def _compute_month(self, month, company=None):
        """The statements of ``month`` (any day of it) for ``company``.

        Creates the statements not created yet, with their bills and PDFs;
        returns them. Invoices posted after a provider's statement of the month
        was computed go to its next month's statement.
        """
        company = company or self.env.company
        month = first_of_month(month)
        month_end = first_of_next_month(month) - timedelta(days=1)
        today = fields.Date.context_today(self)
        label = period_containing(month).label
        if month_end >= today:
            raise UserError(
                self.env._(
                    "The commissions of %(month)s can be computed once the month "
                    "is over, from %(day)s on.",
                    month=label,
                    day=month_end + timedelta(days=1),
                )
            )
        groups = self._uncounted_revenue(company, month_end)
        done = set(
            self.search(
                [("company_id", "=", company.id), ("month", "=", month)]
            ).business_provider_id.ids
        )
        by_provider = defaultdict(dict)
        for (provider_id, partner_id, rate), moves in groups.items():
            if provider_id not in done:
                by_provider[provider_id][partner_id, rate] = moves
        statements = self.browse()
        for provider_id, lines in sorted(by_provider.items()):
            # As superuser for the links to the invoices, which a sales manager
            # without accounting rights cannot read (the user stays the author).
            statement = (
                self.sudo()
                .create(
                    {
                        "company_id": company.id,
                        "business_provider_id": provider_id,
                        "month": month,
                        "month_label": label,
                        "line_ids": [
                            Command.create(self._line_values(partner_id, rate, moves))
                            for (partner_id, rate), moves in sorted(lines.items())
                        ],
                    }
                )
                .sudo(False)
            )
            statement._create_bill()
            statements |= statement
        return statements

    @api.model
    def _line_values(self, partner_id, rate, moves):
        """A statement line: the customer's untaxed revenue (credit notes
        negative) and its commission, each rounded to the cent."""
        currency = moves.company_id.currency_id
        revenue = currency.round(sum(moves.mapped("amount_untaxed_signed")))
        return {
            "partner_id": partner_id,
            "rate": rate,
            "amount_revenue": revenue,
            "amount_commission": currency.round(revenue * rate / 100),
            "move_count": len(moves),
            "move_ids": [Command.set(moves.ids)],
        }

    @api.model
    def _uncounted_revenue(self, company, until):
        """{(provider id, customer id, rate): moves} of the customer invoices and
        credit notes of ``company`` posted, dated up to ``until``, counted by no
        statement, at the terms in force on their date."""
        moves = (
            self.env["account.move"]
            .sudo()
            .search(
                [
                    ("company_id", "=", company.id),
                    ("move_type", "in", CUSTOMER_MOVE_TYPES),
                    ("state", "=", "posted"),
                    ("invoice_date", "<=", until),
                    ("softwhere_commission_line_ids", "=", False),
                    (
                        "commercial_partner_id.softwhere_commission_rate_ids",
                        "!=",
                        False,
                    ),
                ],
                order="invoice_date, id",
            )
        )
        history = self.env["softwhere.commission.rate"]._terms_by_partner(
            moves.commercial_partner_id.ids
        )
        Terms = self.env["softwhere.commission.rate"]
        groups = defaultdict(list)
        for move in moves:
            customer = move.commercial_partner_id
            terms = Terms._terms_on(history.get(customer.id), move.invoice_date)
            if not terms or not terms[0]:
                continue
            provider_id, rate = terms
            groups[provider_id, customer.id, rate].append(move.id)
        return {key: moves.browse(ids) for key, ids in groups.items()}

    # -- the bill ----------------------------------------------------------------------
    def _create_bill(self):
        """A draft vendor bill (a refund when the provider owes) with one line
        per customer, and the statement's PDF attached to it, in the
        provider's language."""
        self.ensure_one()
        lang = self.business_provider_id.lang or self.env.lang
        self = self.with_context(lang=lang)
        currency = self.currency_id
        total = self.amount_commission
        if currency.is_zero(total):
            return self.env["account.move"]
        sign = 1 if total > 0 else -1
        # Made for the sales managers, who need no accounting rights.
        company = self.company_id.sudo()
        product = self.env.ref(PRODUCT).sudo()
        account = (
            self.env["account.chart.template"]
            .sudo()
            .with_company(company)
            .ref(EXPENSE_ACCOUNT, raise_if_not_found=False)
        )
        taxes = product.supplier_taxes_id.filtered(
            lambda tax: tax.company_id in company.parent_ids
        ) or (company.account_purchase_tax_id)
        line_values = []
        for line in self.line_ids:
            if currency.is_zero(line.amount_commission):
                continue
            values = {
                "product_id": product.id,
                "name": self.env._(
                    "%(reference)s %(customer)s – %(rate)s %% of %(revenue)s",
                    reference=line.customer_reference or "",
                    customer=line.partner_id.name,
                    rate=f"{line.rate:g}",
                    revenue=format_amount(self.env, line.amount_revenue, currency),
                ),
                "quantity": 1,
                "price_unit": sign * line.amount_commission,
                "tax_ids": [Command.set(taxes.ids)],
            }
            if account:
                values["account_id"] = account.id
            line_values.append(Command.create(values))
        Move = self.env["account.move"].sudo().with_company(company)
        bill = Move.create(
            {
                "move_type": "in_invoice" if sign > 0 else "in_refund",
                "company_id": company.id,
                "partner_id": self.business_provider_id.id,
                "ref": self.name,
                "invoice_origin": self.name,
                "softwhere_commission_statement_id": self.id,
                "invoice_line_ids": line_values,
            }
        )
        self.bill_id = bill
        # ``softwhere_commission_pdf=False``: no PDF (the demo, installed with no
        # server to style it); the statement prints from its form.
        if self.env.context.get("softwhere_commission_pdf", True):
            self._attach_pdf(bill)
        return bill

    def _attach_pdf(self, bill):
        self.ensure_one()
        report = self.env["ir.actions.report"].sudo()
        lang = self.business_provider_id.lang or self.env.lang
        content, _kind = report.with_context(lang=lang)._render_qweb_pdf(
            REPORT, self.ids
        )
        attachment = (
            self.env["ir.attachment"]
            .sudo()
            .create(
                {
                    "name": f"{self.name}.pdf",
                    "raw": content,
                    "mimetype": "application/pdf",
                    "res_model": "account.move",
                    "res_id": bill.id,
                }
            )
        )
        bill.sudo().message_post(
            body=self.env._("Commission statement %(name)s.", name=self.name),
            attachment_ids=attachment.ids,
        )
        return attachment

    # -- actions -----------------------------------------------------------------------
    @api.model
    def _cron_compute_monthly(self):
        """Scheduled action: last month's statements of every company."""
        last_month = first_of_month(fields.Date.context_today(self)) - timedelta(days=1)
        # The companies that invoice: those with a chart of accounts.
        companies = self.env["res.company"].search([("chart_template", "!=", False)])
        for company in companies:
            statements = self.with_company(company)._compute_month(last_month, company)
            _logger.info(
                "%s commission statements of %s for %s",
                len(statements),
                company.name,
                last_month.strftime("%Y-%m"),
            )
        return True

    def action_view_bill(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "account.action_move_in_invoice_type"
        )
        action.update(res_id=self.bill_id.id, views=[(False, "form")])
        return action
