# Copyright 2026 SoftWhere
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import functools
from collections import defaultdict
from datetime import timedelta
from decimal import Decimal

from odoo import Command, api, fields, models
from odoo.tools import SQL, format_date

from softwhere_lib import billing as sw_billing
from softwhere_lib.vocabulary import ENDED_LINE_ACTIVITIES

CENT = Decimal("0.01")
#: Invoice line values the run computes up front for an invoice (see
#: ``_park_line_accounting``).
ACCOUNTING_FIELDS = (
    "balance",
    "amount_currency",
    "tax_tag_ids",
    "analytic_distribution",
)
#: Customer statuses whose sites are invoiced. "Awaiting signature" is not:
#: its days are billed by the first run after the signature (the engine bills
#: everything due since the site's billing start).
BILLED_CUSTOMER_STATUSES = ("signed", "active_compliant", "obsolete", "terminated")


@functools.lru_cache(maxsize=4096)
def _cents(price):
    """A sale price (float) to the cent, as the engine counts it."""
    return Decimal(str(price)).quantize(CENT)


@functools.lru_cache(maxsize=65536)
def _prorated_amount(price, first, last):
    """``sw_billing.prorated_amount``, remembered: the articles of a run share
    a few prices and spans, and it is exact arithmetic (``Fraction``)."""
    return sw_billing.prorated_amount(price, first, last)


def _merge_dues(dues):
    """One due a key: two articles of one line, product and start (two top-ups
    the same day, an option given twice) are billed as one."""
    merged = {}
    for due in dues:
        if not due:
            continue
        other = merged.get(due["key"])
        if other is None:
            merged[due["key"]] = due
            continue
        now = other["quantity"] * other["unit_current"] + (
            due["quantity"] * due["unit_current"]
        )
        same_unit = other["unit_current"] == due["unit_current"]
        quantity = other["quantity"] + due["quantity"] if same_unit else 1
        other.update(
            total=other["total"] + due["total"],
            quantity=quantity,
            unit_current=now / quantity,
        )
        if other["periodic"]:
            other.update(
                current_from=min(other["current_from"], due["current_from"]),
                current_to=max(other["current_to"], due["current_to"]),
            )
    return list(merged.values())


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
    park_billing_start = fields.Date(
        string="Billed by Odoo since",
        copy=False,
        help="Days before it were billed elsewhere (Cfast, the previous tool). "
        "Set by the first invoice run when empty.",
    )
    park_billed_until = fields.Date(
        string="Billed until",
        copy=False,
        readonly=True,
        help="The last day the invoice runs have billed for this site.",
    )
    park_recheck = fields.Boolean(
        string="To look at again",
        copy=False,
        readonly=True,
        help="A terminated site whose park or termination changed since the last "
        "invoice run looked at it: the next run does, however old the termination.",
    )
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

    def write(self, vals):
        if {"state", "termination_date"}.intersection(vals):
            vals = {**vals, "park_recheck": True}
        return super().write(vals)

    def _park_mark_recheck(self):
        """These sites' park changed: a terminated one is looked at again by
        the next run, a live one always is."""
        # The run's bookkeeping, whoever changed the park.
        self.sudo().filtered(
            lambda site: site.state == "terminated" and not site.park_recheck
        ).write({"park_recheck": True})

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
        action["context"] = {
            "softwhere_partner_id": self.partner_id.id,
            "search_default_filter_live": 1,
        }
        return action

    # -- the invoice run -------------------------------------------------------------
    # The engine keeps no "invoiced" flag: each invoice line records what it
    # billed (article key, days, amount) and a run bills, for every article,
    # what is due up to the end of the period it covers less what was billed.
    # A run repeated, resumed or run by two workers at once therefore bills
    # nothing twice, and a change inside a period already billed comes out
    # as a regularisation on the next invoice.
    def _park_invoice(self, run_date, invoice_run=None):
        """Invoice (or credit) the sites for a run on ``run_date``.

        Returns the invoices and credit notes created.
        """
        self._park_lock()
        plans = self._park_plans(fields.Date.to_date(run_date), invoice_run)
        vals_list = [plan["move_vals"] for plan in plans if plan.get("move_vals")]
        Move = self.env["account.move"].with_context(tracking_disable=True)
        moves = Move.create(vals_list) if vals_list else Move
        self._park_record_progress(plans)
        if invoice_run:
            invoice_run._record_sites(plans, moves)
        return moves

    def _park_invoice_vals_list(self, run_date, invoice_run=None):
        """The values of the moves ``_park_invoice`` would create, nothing written."""
        plans = self._park_plans(fields.Date.to_date(run_date), invoice_run)
        return [plan["move_vals"] for plan in plans if plan.get("move_vals")]

    def _park_lock(self):
        """Serialise two runs over the same sites.

        Each job updates its sites' rows: a second job working on one of them
        at the same time waits, then fails PostgreSQL's serialisation check and
        is retried by queue_job, and then sees the first one's invoices.
        """
        if not self:
            return
        # Locked in id order: two jobs over overlapping sites never deadlock.
        self.env.cr.execute(
            SQL(
                """
                UPDATE %(table)s SET write_date = (now() AT TIME ZONE 'UTC')
                 WHERE id IN (SELECT id FROM %(table)s WHERE id IN %(ids)s
                               ORDER BY id FOR NO KEY UPDATE)
                """,
                table=SQL.identifier(self._table),
                ids=tuple(self.ids),
            )
        )
        self.invalidate_recordset(["write_date"])

    def _park_record_progress(self, plans):
        """Each site's billing start (set once) and how far it is billed."""
        groups = defaultdict(lambda: self.browse())
        for plan in plans:
            site = plan["site"]
            values = {}
            if not site.park_billing_start:
                values["park_billing_start"] = plan["billing_start"]
            if not plan["skip_reason"] and plan["horizon"] != site.park_billed_until:
                values["park_billed_until"] = plan["horizon"]
            if not plan["skip_reason"] and site.park_recheck:
                values["park_recheck"] = False
            if values:
                groups[tuple(sorted(values.items()))] |= site
        for values, sites in groups.items():
            sites.write(dict(values))

    def _park_billing_start(self, period):
        """The first day the park's engine bills for the site.

        Days before it were billed elsewhere (Cfast, the previous tool): the
        site's own date, else the company's, else the first period a run
        covers for it.
        """
        self.ensure_one()
        return (
            self.park_billing_start
            or self.company_id.softwhere_billing_start
            or period.start
        )

    def _park_skip_reason(self):
        """Why the site is not invoiced at all, or None."""
        self.ensure_one()
        if self.partner_id.customer_status not in BILLED_CUSTOMER_STATUSES:
            return "customer_status"
        return None

    def _park_plans(self, run_date, invoice_run=None):
        """What each site is due for a run on ``run_date``: one dict a site,
        with the invoice or credit note values when something is to be billed."""
        plans = []
        to_bill = {}
        for site in self:
            period = site._invoice_period(run_date)
            billing_start = site._park_billing_start(period)
            billed_until = site.park_billed_until
            plan = {
                "site": site,
                "period": period,
                "billing_start": billing_start,
                "previous_horizon": billed_until or billing_start - timedelta(days=1),
                "horizon": max(period.end, billed_until or period.end),
                "skip_reason": site._park_skip_reason(),
                "billed": False,
            }
            plans.append(plan)
            if not plan["skip_reason"]:
                to_bill[site] = plan
        if not to_bill:
            return plans
        sites = self.browse([site.id for site in to_bill])
        company_data = {
            company: sites._park_company_data(company) for company in sites.company_id
        }
        articles = self.env["softwhere.line.article"].search(
            [
                ("line_id.billing_site_id", "in", sites.ids),
                # One-offs are due from their date, even in a period not billed
                # yet (a site billed in arrears).
                (
                    "date_start",
                    "<=",
                    max(run_date, *(p["horizon"] for p in to_bill.values())),
                ),
                "|",
                ("date_end", "=", False),
                ("date_end", ">=", min(p["billing_start"] for p in to_bill.values())),
            ],
            order="line_id, date_start, id",
        )
        by_site = defaultdict(list)
        for article in articles:
            by_site[article.line_id.billing_site_id].append(article)
        billed, first_billed = sites._park_billed_amounts()
        for site, plan in to_bill.items():
            plan["company_data"] = company_data[site.company_id]
            site_billed = billed.get(site.id, {})
            plan["first_billed"] = first_billed
            plan["billed_amounts"] = site_billed
            dues = _merge_dues(
                site._park_due(plan, run_date, article) for article in by_site[site]
            )
            due_keys = {due["key"] for due in dues}
            withdrawn = [
                key
                for key, amount in site_billed.items()
                if key not in due_keys and amount
            ]
            lines = self.env["softwhere.line"].browse({key[0] for key in withdrawn})
            products = self.env["product.product"].browse({key[1] for key in withdrawn})
            dues += [site._park_withdrawn(key, lines, products) for key in withdrawn]
            lines = site._park_move_lines(plan, dues, site_billed)
            plan["dues"] = dues
            if lines:
                plan["billed"] = True
                plan["move_vals"] = site._park_invoice_values(
                    plan["period"], run_date, lines, invoice_run, plan["company_data"]
                )
        return plans

    def _park_company_data(self, company):
        """What every site of a company shares on its invoices, read once."""
        Journal = self.env["account.journal"].sudo()
        return {
            "journal": Journal.search(
                [*Journal._check_company_domain(company), ("type", "=", "sale")],
                limit=1,
            ),
            "arcep": company._softwhere_fiscal_position("arcep"),
            # Without analytic distribution rules, each line's search for one
            # finds nothing: none is looked for.
            "no_analytic_rules": not self.env[
                "account.analytic.distribution.model"
            ].search_count([("company_id", "in", [company.id, False])], limit=1),
            # Each line's balance and tax grids, by amount, product and taxes
            # (see ``_park_line_accounting``).
            "accounting": {},
        }

    def _park_billed_amounts(self):
        """What was billed for the articles of these sites' lines.

        ``({site id: {(line id, product id, article start): net amount}},
        {key: first day billed})``. A line is counted on the site it belongs to
        now, wherever it was billed (a line moved to another site brings what
        it was billed with it). Invoices count positive, credit notes negative,
        cancelled ones not at all; drafts count: a draft of a run is billed
        until it is deleted or cancelled, and the next run bills it again then.
        Lines billed before their site's billing start (by the engine before
        this one, or the previous tool) are history, not compared.
        """
        if not self:
            return {}, {}
        self.env["account.move.line"].flush_model(
            [
                "park_line_id",
                "product_id",
                "softwhere_article_start",
                "softwhere_period_start",
                "softwhere_period_end",
                "price_subtotal",
            ]
        )
        self.env["account.move"].flush_model(["state", "move_type", "billing_site_id"])
        self.env["softwhere.line"].flush_model(["billing_site_id"])
        self.flush_model(["park_billing_start"])
        rows = self.env.execute_query(
            SQL(
                """
                SELECT line.billing_site_id, aml.park_line_id, aml.product_id,
                       aml.softwhere_article_start,
                       SUM(CASE WHEN move.move_type = 'out_refund'
                                THEN -aml.price_subtotal
                                ELSE aml.price_subtotal END),
                       MIN(aml.softwhere_period_start),
                       MAX(aml.softwhere_period_end)
                  FROM account_move_line aml
                  JOIN softwhere_line line ON line.id = aml.park_line_id
                  JOIN account_move move ON move.id = aml.move_id
             LEFT JOIN softwhere_billing_site billed_site
                    ON billed_site.id = move.billing_site_id
                 WHERE line.billing_site_id IN %s
                   AND move.move_type IN ('out_invoice', 'out_refund')
                   AND move.state != 'cancel'
                   AND (billed_site.park_billing_start IS NULL
                        OR aml.softwhere_period_end IS NULL
                        OR aml.softwhere_period_end >= billed_site.park_billing_start)
                 GROUP BY 1, 2, 3, 4
                """,
                tuple(self.ids),
            )
        )
        billed = defaultdict(dict)
        first_billed = {}
        for site_id, line_id, product_id, start, amount, first, last in rows:
            key = (line_id, product_id, start)
            billed[site_id][key] = Decimal(str(amount or 0)).quantize(CENT)
            first_billed[key] = (first, last)
        return billed, first_billed

    def _park_article_end(self, article):
        """The last day an article is billed: its end, its line's termination
        (Résilié, Obsolète) or its site's, whichever comes first; None when it
        runs on."""
        self.ensure_one()
        ends = [article.date_end]
        line = article.line_id
        if line.activity in ENDED_LINE_ACTIVITIES:
            ends.append(line.termination_date)
        if self.state == "terminated":
            ends.append(self.termination_date)
        ends = [end for end in ends if end]
        return min(ends) if ends else None

    def _park_due(self, plan, run_date, article):
        """What one article is due up to the plan's horizon, in a dict."""
        self.ensure_one()
        line = article.line_id
        start = article.date_start
        end = self._park_article_end(article)
        activity = line.activity
        if activity in ENDED_LINE_ACTIVITIES and not line.termination_date:
            end = start - timedelta(days=1)  # no date: nothing is due
        quantity = article.quantity or 1
        price = _cents(article.sale_price or 0.0)
        billing_start = plan["billing_start"]
        building = activity == "building" or line.never_activated
        product = article.product_id
        periodic = article.is_periodic
        due = {
            "key": (line.id, product.id, start),
            "article": article,
            "line": line,
            "product": product,
            "quantity": quantity,
            "periodic": periodic,
            "start": start,
            "end": end,
        }
        if periodic:
            # A line moved from another site was billed there from earlier.
            earlier, last = plan["first_billed"].get(due["key"], (None, None))
            first = max(start, min(billing_start, earlier or billing_start))
            if line.activation_date:
                # Not the days the line was under construction.
                first = max(first, line.activation_date)

            def unit_amount(until):
                last = until if end is None else min(end, until)
                if building or last < first:
                    return Decimal(0)
                return _prorated_amount(price, first, last)

            horizon = plan["horizon"]
            previous = max(plan["previous_horizon"], last or plan["previous_horizon"])
            up_to_horizon = unit_amount(horizon)
            due["total"] = quantity * up_to_horizon
            due["unit_current"] = (
                up_to_horizon - unit_amount(previous)
                if horizon > previous
                else Decimal(0)
            )
            due["current_from"] = max(first, previous + timedelta(days=1))
            due["current_to"] = min(end or horizon, horizon)
        else:
            # Billed once it happened; never taken back by a run dated earlier
            # (a run resumed after a later one), nor by the line's termination
            # at an earlier date: the fee was incurred. Only withdrawing the
            # article credits it.
            billed = bool(plan["billed_amounts"].get(due["key"]))
            happened = billing_start <= start <= run_date
            alive = end is None or start <= end
            billable = billed or (happened and alive and not building)
            due["total"] = quantity * price if billable else Decimal(0)
            due["unit_current"] = price
        return due

    def _park_withdrawn(self, key, lines, products):
        """An article billed before and gone since: nothing is due for it."""
        line_id, product_id, start = key
        return {
            "key": key,
            "article": self.env["softwhere.line.article"],
            "line": lines.browse(line_id),
            "product": products.browse(product_id),
            "quantity": 1,
            "periodic": False,
            "start": start,
            "end": None,
            "total": Decimal(0),
            "unit_current": Decimal(0),
            "withdrawn": True,
        }

    def _park_move_lines(self, plan, dues, billed):
        """The invoice lines of one site: this period's, a section per service,
        then the regularisations of the days already billed."""
        self.ensure_one()
        in_lang = self.with_context(lang=self.invoice_partner_id.lang or self.env.lang)
        period = plan["period"]
        current = defaultdict(list)
        regularisations = []
        for due in dues:
            difference = due["total"] - billed.get(due["key"], Decimal(0))
            if not difference:
                continue
            if due["periodic"]:
                now = due["quantity"] * due["unit_current"]
                if now and due["current_from"] <= due["current_to"]:
                    current[due["line"].service_id].append((due, now))
                    difference -= now
            elif not billed.get(due["key"]) and difference == due["total"]:
                current[due["line"].service_id].append((due, difference))
                difference = 0
            if difference:
                regularisations.append((due, difference))
        if not current and not regularisations:
            return []
        taxes = self._park_taxes_by_kind(plan["company_data"]["arcep"])
        accounting = self._park_line_accounting(plan["company_data"])
        commands = []

        def line_command(due, amount, quantity, values):
            product = due["product"]
            tax = taxes(product)
            unit = amount / quantity
            return Command.create(
                {
                    "product_id": product.id,
                    "quantity": quantity,
                    "price_unit": float(unit),
                    "tax_ids": [Command.set(tax.ids)],
                    "park_line_article_id": due["article"].id,
                    "park_line_id": due["line"].id,
                    "softwhere_article_start": due["start"],
                    **values,
                    **accounting(float(amount), product, tax),
                }
            )

        for service in sorted(current, key=lambda s: (s.service_type, s.name, s.id)):
            commands.append(
                Command.create({"display_type": "line_section", "name": service.name})
            )
            for due, amount in current[service]:
                if due["periodic"]:
                    start, end = due["current_from"], due["current_to"]
                else:
                    start = end = due["start"]
                label = self._park_line_label(in_lang, due, period, start, end)
                commands.append(
                    line_command(
                        due,
                        amount,
                        due["quantity"],
                        {
                            "name": label,
                            "softwhere_period_start": start,
                            "softwhere_period_end": end,
                        },
                    )
                )
        if regularisations:
            commands.append(
                Command.create(
                    {
                        "display_type": "line_section",
                        "name": in_lang.env._("Regularisations"),
                    }
                )
            )
            for due, amount in regularisations:
                activation = due["line"].activation_date or due["start"]
                start = max(due["start"], plan["billing_start"], activation)
                end = plan["previous_horizon"]
                if due["periodic"] and due["current_from"] <= due["current_to"]:
                    end = min(end, due["current_from"] - timedelta(days=1))
                end = max(start, end)
                commands.append(
                    line_command(
                        due,
                        amount,
                        1,
                        {
                            "name": self._park_regularisation_label(
                                in_lang, due, start, end
                            ),
                            "softwhere_period_start": start,
                            "softwhere_period_end": end,
                            "softwhere_regularisation": True,
                        },
                    )
                )
        return commands

    def _park_line_label(self, in_lang, due, period, start, end):
        line = due["line"]
        user = " ".join(
            part.strip() for part in (line.first_name, line.last_name) if part
        ).strip()
        label = " – ".join(
            part.strip()
            for part in (line.name, user, due["article"].label or due["product"].name)
            if part and part.strip()
        )
        if due["periodic"] and (start, end) != (period.start, period.end):
            label += " " + in_lang.env._(
                "(from %(start)s to %(end)s)",
                start=format_date(in_lang.env, start),
                end=format_date(in_lang.env, end),
            )
        return label

    def _park_regularisation_label(self, in_lang, due, start, end):
        line = due["line"]
        article = due["article"].label or due["product"].name
        if due.get("withdrawn"):
            what = in_lang.env._("withdrawn article")
        else:
            what = in_lang.env._(
                "regularisation from %(start)s to %(end)s",
                start=format_date(in_lang.env, start),
                end=format_date(in_lang.env, end),
            )
        return f"{line.name} – {article} ({what})"

    def _park_taxes_by_kind(self, arcep):
        """A function giving an article's taxes on this site's invoices.

        Telecom services take the site's VAT through its fiscal position.
        Hardware and SIM cards take their own VAT at the normal rate: the
        Arcep self-assessment (art. 283-2 octies) covers telecom services only.
        """
        self.ensure_one()
        service_taxes = self._invoice_taxes()
        position = self.fiscal_position_id
        known = {}

        def taxes(product):
            if product.softwhere_kind != "hardware":
                return service_taxes
            if product.id not in known:
                own = product.taxes_id.filtered(
                    lambda tax: tax.company_id in self.company_id.parent_ids
                )
                if position and position != arcep:
                    own = position.map_tax(own)
                known[product.id] = own
            return known[product.id]

        return taxes

    def _park_line_accounting(self, company_data):
        """A function giving an invoice line's balance and tax grids up front.

        ``account.move`` otherwise computes them after the lines exist and
        writes each line again (its amounts, then its grids), about a third of
        an invoice's creation time. Odoo's own tax engine gives the values, so its
        check after the create finds nothing to change; should it differ, it
        still writes its own. Only for invoices in the company's currency.
        The balance is the invoice's (a sale is a credit); a credit note's
        lines are negated with it.

        The values depend on the amount, the product and the taxes only (the
        partner would only name the taxes): they are computed once for all the
        company's sites of a job, in ``company_data["accounting"]``.
        """
        currency = self.company_id.currency_id
        no_analytic_rules = company_data["no_analytic_rules"]
        known = company_data["accounting"]

        def accounting(amount, product, taxes):
            key = (amount, product.id, tuple(taxes.ids))
            if key not in known:
                result = taxes.compute_all(
                    amount,
                    currency=currency,
                    quantity=1,
                    product=product,
                )
                balance = -result["total_excluded"]
                known[key] = {
                    "balance": balance,
                    "amount_currency": balance,
                    "tax_tag_ids": [Command.set(result["base_tags"])],
                }
                if no_analytic_rules:
                    known[key]["analytic_distribution"] = False
            return known[key]

        return accounting

    def _park_invoice_values(self, period, run_date, lines, invoice_run, company_data):
        """An invoice of these lines, or a credit note when they come to less
        than nothing (a site whose month was credited and nothing follows)."""
        self.ensure_one()
        site = self.with_context(lang=self.invoice_partner_id.lang or self.env.lang)
        total = sum(
            Decimal(str(command[2]["price_unit"]))
            * Decimal(str(command[2]["quantity"]))
            for command in lines
            if not command[2].get("display_type")
        )
        move_type = "out_refund" if total < 0 else "out_invoice"
        if move_type == "out_refund":
            # Rare: Odoo computes the credit note's own amounts and tax grids.
            for command in lines:
                values = command[2]
                if values.get("display_type"):
                    continue
                values["price_unit"] = -values["price_unit"]
                for name in ACCOUNTING_FIELDS:
                    values.pop(name, None)
        label = period.label
        return {
            "move_type": move_type,
            "partner_id": self.invoice_partner_id.id,
            "billing_site_id": self.id,
            "company_id": self.company_id.id,
            "journal_id": company_data["journal"].id,
            "invoice_date": run_date,
            "invoice_origin": label,
            # "novembre 2026, à échoir": how the period was billed, in a word
            # that fits a quarter or a year too.
            "ref": site.env._(
                "Period: %(period)s, %(billed)s",
                period=label,
                billed=site.env._("billed in advance")
                if self.period_format == "current"
                else site.env._("billed in arrears"),
            ),
            "park_period_start": period.start,
            "park_period_end": period.end,
            "park_period_label": label,
            "park_invoice_run_id": invoice_run.id if invoice_run else False,
            "invoice_line_ids": lines,
        }

    def _park_sites_to_invoice(self, run_date, company):
        """Sites that may have something to invoice or credit for a run on
        ``run_date``: live ones, those terminated since the start of the
        longest period a run may still bill (a year in arrears), and older ones
        whose park or termination changed since a run last looked at them (a
        termination date moved back: a credit is due)."""
        earliest = sw_billing.invoice_period(run_date, "annual", "previous").start
        return self.search(
            [
                ("company_id", "=", company.id),
                "|",
                "|",
                ("state", "=", "active"),
                ("termination_date", ">=", earliest),
                ("park_recheck", "=", True),
            ],
            # The sites' own order (customer, name): the run's invoices are
            # made, then numbered, in it.
        )
