# Copyright 2026 SoftWhere
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from collections import defaultdict

from odoo import api, fields, models
from odoo.tools import SQL

from softwhere_lib import phone as sw_phone
from softwhere_lib.reconciliation import (
    BilledItem,
    BilledLine,
    CatalogueArticle,
    Reconciler,
)
from softwhere_lib.vocabulary import ENDED_LINE_ACTIVITIES

from .softwhere_reconciliation_gap import OPEN_STATES

#: The gap's fields the reconciliation sets, and how two values compare.
GAP_FIELDS = {
    "kind": "text",
    "number": "text",
    "line_id": "many2one",
    "detail": "text",
    "catalogue_id": "many2one",
    "billed_label": "text",
    "supplier_label": "text",
    "billed_price": "amount",
    "supplier_price": "amount",
    "revenue_lost": "amount",
    "margin_lost": "amount",
    "overbilled": "amount",
}


class SoftwhereSupplierReconciliation(models.AbstractModel):
    """A month's snapshot of a supplier's park against what is billed.

    The backend (``softwhere.supplier.backend``) says how to reach the
    platform and runs the jobs; the snapshot (``softwhere.supplier.snapshot``)
    holds the park as read; this compares the two with ``softwhere_lib``'s
    ``Reconciler`` and records the gaps (``softwhere.reconciliation.gap``).
    Both sides are read in one query each: a park is a hundred thousand lines.
    """

    _name = "softwhere.supplier.reconciliation"
    _description = "Supplier reconciliation"

    @api.model
    def _compare(self, backend, month, on_date):
        """The month's snapshot against the lines billed on ``on_date``: the
        gaps recorded, a summary for the job returned.

        When nothing the comparison reads changed since the last one, made
        in an earlier transaction (same month and day, same snapshot rows,
        billed lines, catalogue articles and gaps: ``_inputs``), it would find
        the same gaps: only their « last found » is set. Within the
        transaction of the last comparison, a write leaves no trace in the
        write dates: it is compared again.
        """
        transaction, inputs = self._inputs(backend, month, on_date)
        last = (backend.reconciled_inputs or "").partition(" ")
        last_transaction, last_inputs = last[0], last[2]
        if inputs == last_inputs and transaction != last_transaction:
            # Those the last comparison found (its « last found »).
            Gap = self.env["softwhere.reconciliation.gap"]
            # Open ones only: with none found last time, the latest « last
            # found » would be of gaps an older comparison closed.
            domain = [
                ("backend_id", "=", backend.id),
                ("month", "=", month),
                ("state", "in", OPEN_STATES),
            ]
            latest = Gap.search(domain, order="last_seen desc", limit=1).last_seen
            gaps = Gap.search([*domain, ("last_seen", "=", latest)]) if latest else Gap
            gaps.write({"last_seen": fields.Datetime.now()})
            backend.reconciled_inputs = " ".join(self._inputs(backend, month, on_date))
            return self.env._(
                "Nothing changed since the last comparison: %(gaps)s gaps.",
                gaps=len(gaps),
            )
        supplier_lines = self.env["softwhere.supplier.snapshot"]._month_lines(
            backend, month
        )
        articles = self._catalogue_articles(backend)
        billed = self._billed_lines(backend, on_date, articles)
        gaps = Reconciler(articles.values()).reconcile(billed, supplier_lines)
        self._store_gaps(backend, month, gaps, supplier_lines)
        backend.reconciled_inputs = " ".join(self._inputs(backend, month, on_date))
        return self.env._(
            "%(lines)s supplier lines, %(billed)s billed lines, %(gaps)s gaps.",
            lines=len(supplier_lines),
            billed=len(billed),
            gaps=len(gaps),
        )

    @api.model
    def _inputs(self, backend, month, on_date):
        """The current transaction, and a fingerprint of what a comparison
        reads, in one query.

        Each table read counts by its rows' content: their number and the sum
        of a hash of each whole row. Any row created, written or deleted since
        changes it, including one committed late by a transaction that began
        before the last comparison (which a latest write date would not show).
        """
        self.env.flush_all()
        products = (
            self.env["product.product"]
            .with_context(active_test=False)
            .search([("catalogue_id", "in", backend.catalogue_ids.ids)])
        )

        def changes(table, where):
            return SQL(
                "(SELECT count(*) || '/' || COALESCE(sum(hashtextextended("
                "row_content::text, 0)), 0) FROM %s row_content WHERE %s)",
                SQL.identifier(table),
                where,
            )

        company = backend.company_id.id
        [row] = self.env.execute_query(
            SQL(
                "SELECT txid_current()::text, %s, %s, %s, %s, %s, %s",
                changes(
                    "softwhere_supplier_snapshot",
                    SQL("backend_id = %s AND month = %s", backend.id, month),
                ),
                changes("softwhere_line", SQL("company_id = %s", company)),
                changes("softwhere_line_article", SQL("company_id = %s", company)),
                changes(
                    "softwhere_reconciliation_gap",
                    SQL("backend_id = %s AND month = %s", backend.id, month),
                ),
                changes("product_product", SQL("id = ANY(%s)", products.ids)),
                changes(
                    "product_template",
                    SQL("id = ANY(%s)", products.product_tmpl_id.ids),
                ),
            )
        )
        transaction, *counts = row
        return transaction, "|".join(
            [str(month), str(on_date), ",".join(map(str, products.ids)), *counts]
        )

    @api.model
    def _catalogue_articles(self, backend):
        products = (
            self.env["product.product"]
            .with_context(active_test=False)
            .search([("catalogue_id", "in", backend.catalogue_ids.ids)])
        )
        return {
            product.id: CatalogueArticle(
                label=product.name,
                supplier_label=product.supplier_article_label or product.name,
                sale_price=product.list_price,
                planned_price=product.planned_purchase_price,
            )
            for product in products
        }

    @api.model
    def _billed_lines(self, backend, on_date, articles):
        """The lines of the backend's catalogues as billed on ``on_date``.

        One query over the lines' articles of those catalogues, in the
        backend's company (the company the job runs for: as the record rules
        would), each line with its articles latest first, as the ORM orders
        them.
        """
        if not articles:
            return []
        Line = self.env["softwhere.line"]
        Article = self.env["softwhere.line.article"]
        Line.check_access("read")
        Article.check_access("read")
        Line.flush_model(["name", "activity"])
        Article.flush_model(
            ["line_id", "product_id", "kind", "sale_price", "date_start", "date_end"]
        )
        order = SQL("ORDER BY article.date_start DESC, article.id DESC")
        rows = self.env.execute_query(
            SQL(
                """
                SELECT line.id, line.name, line.activity,
                       array_agg(article.product_id %(order)s),
                       array_agg(article.kind::text %(order)s),
                       array_agg(article.sale_price::float8 %(order)s),
                       array_agg(article.date_start %(order)s),
                       array_agg(article.date_end %(order)s)
                  FROM %(article)s article
                  JOIN %(line)s line ON line.id = article.line_id
                 WHERE article.product_id = ANY(%(products)s)
                   AND article.company_id = %(company)s
              GROUP BY line.id
              ORDER BY line.name, line.id
                """,
                order=order,
                article=SQL.identifier(Article._table),
                line=SQL.identifier(Line._table),
                products=list(articles),
                company=backend.company_id.id,
            )
        )
        billed = []
        for line_id, name, activity, products, kinds, prices, starts, ends in rows:
            active = activity not in ENDED_LINE_ACTIVITIES
            entries = list(zip(products, kinds, prices, starts, ends, strict=True))
            items = tuple(
                BilledItem(
                    articles[product].label,
                    "subscription" if kind == "subscription" else "option",
                    price or 0.0,
                )
                for product, kind, price, start, end in entries
                if active
                and kind in ("subscription", "option")
                and start <= on_date
                and (not end or end >= on_date)
            )
            plans = [entry for entry in entries if entry[1] == "subscription"]
            plan_ends = [entry[4] for entry in plans]
            billed.append(
                BilledLine(
                    number=name,
                    active=active,
                    items=items,
                    ref=line_id,
                    start=min((entry[3] for entry in plans), default=None),
                    end=None
                    if active or None in plan_ends
                    else max(plan_ends, default=None),
                )
            )
        return billed

    @api.model
    def _catalogue_of_codes(self, backend):
        """{supplier article code: catalogue id} of the platform's articles.

        A code that two catalogues of the platform share names neither of them.
        """
        products = (
            self.env["product.product"]
            .with_context(active_test=False)
            .search(
                [
                    ("catalogue_id", "in", backend.catalogue_ids.ids),
                    ("supplier_article_code", "!=", False),
                ]
            )
        )
        catalogues = defaultdict(set)
        for product in products:
            catalogues[product.supplier_article_code].add(product.catalogue_id.id)
        return {code: ids.pop() for code, ids in catalogues.items() if len(ids) == 1}

    @api.model
    def _supplier_code_of_gaps(self, gaps, supplier_lines):
        """{gap key: the supplier's article code} of the gaps without a park line.

        The code of the supplier's product the gap names (its offer or an
        option), else the offer of the supplier's line of that number.
        """
        if not gaps:
            return {}
        by_number = defaultdict(list)
        for line in supplier_lines:
            by_number[sw_phone.national(line.number)].append(line)
        codes = {}
        for gap in gaps:
            products = [
                product
                for line in by_number.get(sw_phone.national(gap.number), ())
                for product in (line.offer, *line.options)
                if product
            ]
            named = [p.code for p in products if p.label == gap.supplier_label]
            code = (named or [p.code for p in products[:1]] or [None])[0]
            if code:
                codes[gap.key] = code
        return codes

    @api.model
    def _store_gaps(self, backend, month, gaps, supplier_lines=()):
        """Record the month's gaps, each under its line's catalogue and operator.

        A gap without a park line (a line only at the supplier) takes the
        catalogue of the platform that the supplier's article code names, if any.
        A gap found again is written only where its values changed (its
        « last found » set for all in one write); a gap no longer found is fixed.
        """
        Gap = self.env["softwhere.reconciliation.gap"]
        existing = {
            gap.key: gap
            for gap in Gap.search_fetch(
                [("backend_id", "=", backend.id), ("month", "=", month)],
                ["key", "state", *GAP_FIELDS],
            )
        }
        numbers = {sw_phone.national(gap.number) for gap in gaps if not gap.ref}
        line_of_number = {}
        if numbers:
            line_of_number = {
                line.name: line.id
                for line in self.env["softwhere.line"].search_fetch(
                    [
                        ("name", "in", list(numbers)),
                        ("company_id", "=", backend.company_id.id),
                    ],
                    ["name"],
                )
            }
        now = fields.Datetime.now()
        line_of_gap = {
            gap.key: gap.ref or line_of_number.get(sw_phone.national(gap.number))
            for gap in gaps
        }
        catalogue_of_line = Gap._catalogue_of_lines(
            self.env["softwhere.line"].browse(set(filter(None, line_of_gap.values())))
        )
        catalogue_of_code = self._catalogue_of_codes(backend)
        code_of_gap = self._supplier_code_of_gaps(
            [gap for gap in gaps if not line_of_gap[gap.key]], supplier_lines
        )
        seen, to_create, found_again = set(), [], []
        for gap in gaps:
            key = "|".join(gap.key)
            seen.add(key)
            line_id = line_of_gap[gap.key]
            values = {
                "kind": gap.kind,
                "number": sw_phone.national(gap.number),
                "line_id": line_id or False,
                "detail": gap.detail,
                "catalogue_id": (
                    catalogue_of_line.get(line_id)
                    if line_id
                    else catalogue_of_code.get(code_of_gap.get(gap.key))
                )
                or False,
                "billed_label": gap.billed_label,
                "supplier_label": gap.supplier_label,
                "billed_price": gap.billed_price,
                "supplier_price": gap.supplier_price,
                "revenue_lost": gap.revenue_lost,
                "margin_lost": gap.margin_lost,
                "overbilled": gap.overbilled,
            }
            record = existing.get(key)
            if record is None:
                to_create.append(
                    {
                        **values,
                        "backend_id": backend.id,
                        "month": month,
                        "key": key,
                        "last_seen": now,
                    }
                )
                continue
            changes = _changed(record, values, backend.company_id.currency_id)
            if record.state == "fixed":
                changes["state"] = "new"
            if changes:
                record.write({**changes, "last_seen": now})
            else:
                found_again.append(record.id)
        Gap.with_context(tracking_disable=True).create(to_create)
        Gap.browse(found_again).write({"last_seen": now})
        gone = [
            gap.id
            for key, gap in existing.items()
            if key not in seen and gap.state in OPEN_STATES
        ]
        Gap.browse(gone).write({"state": "fixed"})


def _changed(record, values, currency):
    """The values that differ from the record's (amounts as the currency
    rounds them: as they are stored)."""
    changes = {}
    for name, value in values.items():
        current = record[name]
        kind = GAP_FIELDS[name]
        if kind == "many2one":
            same = current.id == (value or False)
        elif kind == "amount":
            same = currency.round(current) == currency.round(value or 0.0)
        else:
            same = (current or "") == (value or "")
        if not same:
            changes[name] = value
    return changes
