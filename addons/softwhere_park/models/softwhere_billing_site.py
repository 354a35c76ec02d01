# Copyright 2026 SoftWhere
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from collections import defaultdict

from odoo import Command, api, fields, models

from softwhere_lib import billing as sw_billing


class SoftwhereBillingSite(models.Model):
    _inherit = "softwhere.billing.site"

    service_ids = fields.One2many(
        "softwhere.service", "billing_site_id", string="Services"
    )
    line_ids = fields.One2many("softwhere.line", "billing_site_id", string="Lines")
    service_count = fields.Integer(
        string="Service count", compute="_compute_park_counts"
    )
    line_count = fields.Integer(string="Line count", compute="_compute_park_counts")
    monthly_revenue = fields.Monetary(
        string="Monthly revenue",
        compute="_compute_park_counts",
        help="What the site's lines bring each month, at today's prices.",
    )

    @api.depends("service_ids", "line_ids")
    def _compute_park_counts(self):
        domain = [("billing_site_id", "in", self.ids)]
        services = dict(
            self.env["softwhere.service"]._read_group(
                domain, ["billing_site_id"], ["__count"]
            )
        )
        lines = dict(
            self.env["softwhere.line"]._read_group(
                domain, ["billing_site_id"], ["__count"]
            )
        )
        revenue = dict(
            self.env["softwhere.line.article"]._read_group(
                [
                    ("line_id.billing_site_id", "in", self.ids),
                    ("is_periodic", "=", True),
                    ("state", "=", "active"),
                ],
                ["line_id.billing_site_id"],
                ["sale_price:sum"],
            )
        )
        for site in self:
            site.service_count = services.get(site, 0)
            site.line_count = lines.get(site, 0)
            site.monthly_revenue = revenue.get(site, 0.0)

    def action_view_services(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "softwhere_park.softwhere_service_action"
        )
        action["domain"] = [("billing_site_id", "=", self.id)]
        action["context"] = {
            "default_partner_id": self.partner_id.id,
            "default_billing_site_id": self.id,
        }
        return action

    def action_view_lines(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "softwhere_park.softwhere_line_action"
        )
        action["domain"] = [("billing_site_id", "=", self.id)]
        return action

    # -- the monthly invoice run -----------------------------------------------------
    def _park_periods(self, run_date):
        """Each site's period for an invoice run on ``run_date``, sites that end
        before it left out."""
        periods = {}
        for site in self:
            period = site._invoice_period(run_date)
            if site.state == "terminated" and (
                not site.termination_date or site.termination_date < period.start
            ):
                continue
            periods[site] = period
        return periods

    def _park_invoice(self, run_date, invoice_run=None):
        """Create the sites' invoices for the period a run on ``run_date`` covers.

        One invoice per site and period, none for a site already invoiced for
        it or with nothing to invoice. Returns the invoices created.
        """
        vals_list = self._park_invoice_vals_list(run_date, invoice_run)
        Move = self.env["account.move"].with_context(
            default_move_type="out_invoice", tracking_disable=True
        )
        return Move.create(vals_list)

    def _park_invoice_vals_list(self, run_date, invoice_run=None):
        """The values of the invoices ``_park_invoice`` creates, one batch."""
        run_date = fields.Date.to_date(run_date)
        periods = self._park_periods(run_date)
        if not periods:
            return []
        invoiced = {
            (move.billing_site_id.id, move.park_period_start)
            for move in self.env["account.move"].search(
                [
                    ("billing_site_id", "in", [site.id for site in periods]),
                    ("move_type", "=", "out_invoice"),
                    ("state", "!=", "cancel"),
                    ("park_period_start", "in", [p.start for p in periods.values()]),
                ]
            )
        }
        periods = {
            site: period
            for site, period in periods.items()
            if (site.id, period.start) not in invoiced
        }
        if not periods:
            return []
        first = min(period.start for period in periods.values())
        last = max(period.end for period in periods.values())
        articles = self.env["softwhere.line.article"].search(
            [
                ("line_id.billing_site_id", "in", [site.id for site in periods]),
                ("date_start", "<=", last),
                "|",
                ("date_end", "=", False),
                ("date_end", ">=", first),
            ],
            order="line_id, date_start, id",
        )
        by_site = defaultdict(list)
        for article in articles:
            by_site[article.line_id.billing_site_id].append(article)
        vals_list = []
        for site, period in periods.items():
            lines = site._park_invoice_lines(period, by_site.get(site, ()))
            if lines:
                vals_list.append(
                    site._park_invoice_values(period, run_date, lines, invoice_run)
                )
        return vals_list

    def _park_invoice_lines(self, period, articles):
        """Invoice line commands of one site for ``period``, a section per service."""
        self.ensure_one()
        # Labels in the customer's language, whoever runs the invoicing.
        in_lang = self.with_context(lang=self.invoice_partner_id.lang or self.env.lang)
        end_of_site = self.termination_date if self.state == "terminated" else None
        taxes = self._invoice_taxes()
        by_service = defaultdict(list)
        for article in articles:
            start = article.date_start
            end = article.date_end or None
            if end_of_site and (not end or end > end_of_site):
                end = end_of_site
            if article.is_periodic:
                amount = period.amount(article.sale_price, start, end)
                if not period.overlap_days(start, end):
                    continue
            elif period.start <= start <= period.end and (not end or start <= end):
                amount = article.sale_price
            else:
                continue
            by_service[article.line_id.service_id].append(
                (article, max(start, period.start), min(end or period.end, period.end))
                + (amount,)
            )
        accounting = self._park_line_accounting(taxes)
        commands = []
        for service in sorted(by_service, key=lambda s: (s.service_type, s.name, s.id)):
            commands.append(
                Command.create({"display_type": "line_section", "name": service.name})
            )
            for article, start, end, amount in by_service[service]:
                commands.append(
                    Command.create(
                        {
                            "product_id": article.product_id.id,
                            "name": article.with_env(in_lang.env)._park_invoice_label(
                                period, start, end
                            ),
                            "quantity": 1,
                            "price_unit": float(amount),
                            "tax_ids": [Command.set(taxes.ids)],
                            "park_line_article_id": article.id,
                            **accounting(float(amount), article.product_id),
                        }
                    )
                )
        return commands

    def _park_line_accounting(self, taxes):
        """A function giving an invoice line's balance and tax grids up front.

        ``account.move`` otherwise computes them after the lines exist and
        writes each line again (its amounts, then its grids), about a third of
        an invoice's creation time. Odoo's own tax engine gives the values, so its
        check after the create finds nothing to change; should it differ, it
        still writes its own. Only for invoices in the company's currency.
        """
        currency = self.company_id.currency_id
        partner = self.invoice_partner_id
        known = {}
        # Without analytic distribution rules, each line's search for one
        # finds nothing: none is looked for.
        no_analytic_rules = not self.env[
            "account.analytic.distribution.model"
        ].search_count([("company_id", "in", [self.company_id.id, False])], limit=1)

        def accounting(amount, product):
            key = (amount, product.id)
            if key not in known:
                result = taxes.compute_all(
                    amount,
                    currency=currency,
                    quantity=1,
                    product=product,
                    partner=partner,
                )
                balance = -result["total_excluded"]  # a sale is a credit
                known[key] = {
                    "balance": balance,
                    "amount_currency": balance,
                    "tax_tag_ids": [Command.set(result["base_tags"])],
                }
                if no_analytic_rules:
                    known[key]["analytic_distribution"] = False
            return known[key]

        return accounting

    def _park_invoice_values(self, period, run_date, lines, invoice_run=None):
        self.ensure_one()
        site = self.with_context(lang=self.invoice_partner_id.lang or self.env.lang)
        label = period.label
        return {
            "move_type": "out_invoice",
            "partner_id": self.invoice_partner_id.id,
            "billing_site_id": self.id,
            "company_id": self.company_id.id,
            "journal_id": self._contract_journal().id,
            "invoice_date": run_date,
            "invoice_origin": label,
            "ref": site.env._(
                "Period: %(period)s (%(format)s)",
                period=label,
                format=dict(
                    self._fields["period_format"]._description_selection(site.env)
                )[self.period_format],
            ),
            "park_period_start": period.start,
            "park_period_end": period.end,
            "park_period_label": label,
            "park_invoice_run_id": invoice_run.id if invoice_run else False,
            "invoice_line_ids": lines,
        }

    def _park_sites_to_invoice(self, run_date, company):
        """Sites that may have something to invoice for a run on ``run_date``."""
        earliest = sw_billing.invoice_period(run_date, "annual", "previous").start
        return self.search(
            [
                ("company_id", "=", company.id),
                "|",
                ("state", "=", "active"),
                ("termination_date", ">=", earliest),
                ("line_ids", "!=", False),
            ],
            order="id",
        )
